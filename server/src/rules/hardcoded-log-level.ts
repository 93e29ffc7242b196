import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { factoryOptions, jsDeliberateLevel, literalLevel, loggerFactory } from '../analysis/js/loggerConfig';
import { pyDeliberateLevel, pyLevelLiteral } from '../analysis/python/loggerConfig';
import { callArgs, dottedName } from '../analysis/python/nodes';
import { format, type Rule } from '../analysis/rule';
import type { OffsetFix, Severity } from '../analysis/types';
import type { PyContext } from '../analysis/rule';
import { pyImportEdit, pyImportedName } from '../analysis/fixes/insert';
import { SHIPPED_CODE } from '../analysis/project/roles';

const PY_METHODS = new Set(['basicConfig', 'setLevel', 'make_filtering_bound_logger']);
/** Levels that log everything: a hard-coded one floods production. */
const VERBOSE = new Set(['debug', 'trace', 'silly']);
/** Levels that quiet a logger down. */
const QUIET = new Set(['WARNING', 'WARN', 'ERROR', 'CRITICAL', 'FATAL']);
/** Receivers of `setLevel` that are loggers or handlers by name. */
const PY_LOGGING_RECEIVER = /handler|logger|(^|[._])log$|(^|\.)root$/i;
/**
 * An access log (`self.access_log.setLevel(logging.INFO)`, `getLogger("uvicorn.access")`): it
 * writes one line per request at one fixed level, so its level is an on/off switch, not verbosity.
 */
const ACCESS_LOG = /access/i;

export const hardcodedLogLevel: Rule = {
  id: 'hardcoded-log-level',
  defaultSeverity: 'info',
  docs: { summary: 'The log level is a literal in code (`setLevel(logging.DEBUG)`, `pino({ level: "debug" })`) instead of being read from configuration.' },
  messages: {
    level: 'Log level {level} is hard-coded: read it from the environment ({instead}) so each deployment can choose it without a code change.',
    debug: 'Log level {level} is hard-coded: shipped as is, it floods production logs (cost, noise, leaked data). Read it from the environment ({instead}).',
    'fix.env': 'Read the level from `LOG_LEVEL`',
    'fix.envImport': 'Read the level from `LOG_LEVEL` (adds `import os`)',
  },
  hasFix: true,
  roles: SHIPPED_CODE,

  python(ctx) {
    const qualify = (name: string) => ctx.facts.qualify(name);
    return {
      call(node: Node) {
        const { fn, name, method } = ctx.facts.callee(node);
        if (!fn || !method || !PY_METHODS.has(method)) return;
        const args = callArgs(node);
        let value: Node | undefined;
        if (method === 'basicConfig') {
          if (!name || qualify(name) !== 'logging.basicConfig') return;
          value = args.keywords.get('level')?.value;
        } else if (method === 'make_filtering_bound_logger') {
          if (!name || !qualify(name).startsWith('structlog.')) return;
          value = args.positional[0] ?? args.keywords.get('min_level')?.value;
        } else {
          value = args.positional[0] ?? args.keywords.get('level')?.value;
        }
        const lit = value && pyLevelLiteral(value, qualify);
        if (!value || !lit) return;
        if (method === 'setLevel' && !lit.certain && !pyLoggingReceiver(fn, ctx.facts.loggerKindOf.bind(ctx.facts))) return;
        if (method === 'setLevel' && QUIET.has(lit.level) && quietsNamedLogger(fn, qualify)) return;
        if (method === 'setLevel' && ACCESS_LOG.test(receiverName(fn))) return;
        if (pyDeliberateLevel(node, ctx.text)) return;
        const instead = `\`os.getenv("LOG_LEVEL", "${lit.level}")\``;
        ctx.report({ start: value.startIndex, end: value.endIndex, ...finding(lit.level, instead), fixes: pyFix(ctx, value, method) });
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const call = node as ts.CallExpression;
        if (!loggerFactory(call, (n) => ctx.facts.qualify(n))) return;
        const options = factoryOptions(call);
        const level = options && literalLevel(options);
        if (!level || jsDeliberateLevel(call, sf)) return;
        const instead = `\`process.env.LOG_LEVEL ?? '${level.text}'\``;
        // `level: 'debug'` → `level: process.env.LOG_LEVEL ?? 'debug'` (the literal as written is the default).
        const env = `process.env.LOG_LEVEL ?? ${level.getText(sf)}`;
        const fixes: OffsetFix[] = [{ title: hardcodedLogLevel.messages['fix.env'], safe: false, isPreferred: true, edits: [{ start: level.getStart(sf), end: level.end, text: ts.isPropertyAssignment(level.parent) ? env : `(${env})` }] }];
        ctx.report({ start: level.getStart(sf), end: level.end, ...finding(level.text, instead), fixes });
      },
    };
  },
};

/**
 * `os.getenv("LOG_LEVEL", <default>)` in place of the literal, adding `import os` once. A string
 * literal is kept as the default as written; `logging.DEBUG` or `10` becomes `"DEBUG"` (stdlib
 * `setLevel` and `basicConfig` take level names). structlog's `make_filtering_bound_logger`
 * gets the number back through `logging.getLevelName(...)` unless the literal was a string.
 * Unsafe: the level now depends on the environment the code runs in.
 */
function pyFix(ctx: PyContext, value: Node, method: string): OffsetFix[] | undefined {
  const lit = pyLevelLiteral(value, (n) => ctx.facts.qualify(n));
  if (!lit) return undefined;
  const isString = value.type === 'string';
  // `logging.WARN` is a deprecated alias (stdlib-logging-misuse): the default is written `"WARNING"`.
  let env = `os.getenv("LOG_LEVEL", ${isString ? value.text : `"${lit.level === 'WARN' ? 'WARNING' : lit.level}"`})`;
  if (method === 'make_filtering_bound_logger' && !isString) {
    const logging = pyImportedName(ctx, 'logging');
    if (!logging) return undefined;
    env = `${logging}.getLevelName(${env})`;
  }
  const imp = pyImportEdit(ctx, 'import os');
  const m = hardcodedLogLevel.messages;
  return [{ title: imp ? m['fix.envImport'] : m['fix.env'], safe: false, isPreferred: true, edits: [{ start: value.startIndex, end: value.endIndex, text: env }, ...(imp ? [imp] : [])] }];
}

function finding(level: string, instead: string): { message: string; severity: Severity } {
  const verbose = VERBOSE.has(level.toLowerCase());
  return { message: format(hardcodedLogLevel.messages[verbose ? 'debug' : 'level'], { level, instead }), severity: verbose ? 'warning' : 'info' };
}

/**
 * `logging.getLogger("urllib3").setLevel(logging.WARNING)`: quieting a library's logger by name
 * is a deliberate, fixed choice, not the service's verbosity.
 */
function quietsNamedLogger(fn: Node, qualify: (n: string) => string): boolean {
  const obj = fn.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (obj?.type !== 'call') return false;
  const name = dottedName(obj.childForFieldName('function'));
  const arg = callArgs(obj).positional[0];
  return !!name && qualify(name) === 'logging.getLogger' && arg?.type === 'string';
}

/** `logger.setLevel(...)`, `handler.setLevel(...)`, `logging.getLogger().setLevel(...)`, `StreamHandler().setLevel(...)`. */
function pyLoggingReceiver(fn: Node, loggerKindOf: (n: Node) => unknown): boolean {
  if (fn.type !== 'attribute') return false;
  const obj = fn.childForFieldName('object');
  if (!obj) return false;
  if (loggerKindOf(obj)) return true;
  const name = dottedName(obj.type === 'call' ? obj.childForFieldName('function') : obj);
  return !!name && (PY_LOGGING_RECEIVER.test(name) || (obj.type === 'call' && /Handler$|getLogger$/.test(name)));
}

/** The receiver of `x.setLevel(...)` as written (`self.access_log`, `logging.getLogger("uvicorn.access")`). */
function receiverName(fn: Node): string {
  const obj = fn.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (!obj) return '';
  if (obj.type === 'call') return `${dottedName(obj.childForFieldName('function')) ?? ''}(${callArgs(obj).positional[0]?.text ?? ''})`;
  return dottedName(obj) ?? '';
}
