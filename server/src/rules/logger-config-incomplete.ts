import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { factoryOptions, loggerFactory, missingConfig, type JsConfigNeed } from '../analysis/js/loggerConfig';
import { structlogMissing, type StructlogNeed } from '../analysis/python/loggerConfig';
import { callArgs } from '../analysis/python/nodes';
import { format, type Rule } from '../analysis/rule';
import { jsConfigFix, structlogFix, type ConfigFix } from '../analysis/fixes/loggerConfigFixes';
import type { OffsetFix } from '../analysis/types';
import { SHIPPED_CODE } from '../analysis/project/roles';

const STRUCTLOG_NEEDS: Record<StructlogNeed, string> = {
  timestamper: 'a timestamper (`structlog.processors.TimeStamper(fmt="iso")`)',
  level: 'the level (`structlog.processors.add_log_level`)',
  contextvars: 'bound context such as request and trace ids (`structlog.contextvars.merge_contextvars`)',
  renderer: 'a JSON renderer (`structlog.processors.JSONRenderer()`)',
};

const JS_NEEDS: Record<'pino' | 'winston', Record<JsConfigNeed, string>> = {
  pino: {
    isoTimestamp: 'ISO timestamps (`timestamp: pino.stdTimeFunctions.isoTime`)',
    service: 'the service name (`base: { service: "..." }`)',
  },
  winston: {
    isoTimestamp: 'timestamps (`format.timestamp()` in `format.combine(...)`)',
    service: 'the service name (`defaultMeta: { service: "..." }`)',
  },
};

/** Last names of Python callees worth resolving (`structlog.configure`). */
const PY_CALLEES = new Set(['configure', 'configure_once']);

export const loggerConfigIncomplete: Rule = {
  id: 'logger-config-incomplete',
  defaultSeverity: 'info',
  docs: { summary: 'The logger setup (structlog processors, pino or winston options) leaves out a timestamp, the level, the context/trace ids, JSON output or the service name.' },
  messages: {
    missing: '{library} is configured without {missing}: every log line needs a timestamp, a level, the service name and the trace id to be useful in production.',
    'fix.processors': 'Add the missing processors',
    'fix.options': 'Add the missing options',
    'fix.adds': '{title} (adds {what})',
  },
  hasFix: true,
  roles: SHIPPED_CODE,

  python(ctx) {
    return {
      call(node: Node) {
        const { fn, name, method } = ctx.facts.callee(node);
        if (!fn || !name || !method || !PY_CALLEES.has(method)) return;
        const q = ctx.facts.qualify(name);
        if (q !== 'structlog.configure' && q !== 'structlog.configure_once') return;
        const processors = callArgs(node).keywords.get('processors')?.value;
        if (!processors || (processors.type !== 'list' && processors.type !== 'tuple')) return;
        const missing = structlogMissing(processors, (n) => ctx.facts.qualify(n));
        if (!missing?.length) return;
        const fixes = configFixes(loggerConfigIncomplete.messages['fix.processors'], structlogFix(ctx, processors, missing));
        ctx.report({ start: fn.startIndex, end: fn.endIndex, message: message('structlog', missing.map((m) => STRUCTLOG_NEEDS[m])), fixes });
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const call = node as ts.CallExpression;
        const factory = loggerFactory(call, (n) => ctx.facts.qualify(n));
        if (factory !== 'pino' && factory !== 'winston') return;
        const options = factoryOptions(call);
        if (options === undefined) return; // options built elsewhere: unknown
        const missing = missingConfig(factory, options);
        if (!missing?.length) return;
        const fixes = configFixes(loggerConfigIncomplete.messages['fix.options'], jsConfigFix(ctx, factory, call, options, missing));
        ctx.report({ start: call.expression.getStart(sf), end: call.expression.end, message: message(factory, missing.map((m) => JS_NEEDS[factory][m])), fixes });
      },
    };
  },
};

/**
 * Unsafe: the output changes (new fields, JSON instead of another rendering), and pino's `base`
 * replaces its default `pid`/`hostname`; the service name is a placeholder to edit.
 */
function configFixes(title: string, fix: ConfigFix | undefined): OffsetFix[] | undefined {
  if (!fix?.edits.length) return undefined;
  const full = fix.addsImport ? format(loggerConfigIncomplete.messages['fix.adds'], { title, what: fix.addsImport }) : title;
  return [{ title: full, safe: false, isPreferred: true, edits: fix.edits }];
}

/** "a, b and c". */
function message(library: string, missing: string[]): string {
  const list = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}` : missing[0];
  return format(loggerConfigIncomplete.messages.missing, { library, missing: list });
}
