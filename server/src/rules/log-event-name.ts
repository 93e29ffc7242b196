import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { hasPlaceholder, isEventName, toEventName } from '../analysis/eventNames';
import type { JsLoggerKind } from '../analysis/js/facts';
import { logParts as jsLogParts } from '../analysis/js/logCalls';
import { isStringLiteralLike, unwrap } from '../analysis/js/nodes';
import { logParts } from '../analysis/python/logCalls';
import { stringValue } from '../analysis/python/nodes';
import { format, type Report, type Rule } from '../analysis/rule';
import { requote } from '../analysis/fixes/insert';
import type { EventNameStyle } from '../analysis/settings';
import { NOT_TESTS } from '../analysis/project/roles';

/**
 * Loggers whose message is an event: structlog (the first argument IS `event`), pino and
 * bunyan (JSON lines), winston when the call also passes fields. Stdlib `logging`, loguru
 * (human `{}` format strings by design), log4js, consola and console keep human text.
 */
const JS_STRUCTURED: ReadonlySet<JsLoggerKind> = new Set(['pino', 'bunyan']);

/** A quoted literal without escapes, prefixes or placeholders: its text is its value. */
const SIMPLE_LITERAL = /^(["'])([^"'\\{}%\n]*)\1$/;


export const logEventName: Rule = {
  id: 'log-event-name',
  defaultSeverity: 'hint',
  docs: { summary: 'A structured logger (structlog, pino, bunyan, winston with fields) is given a sentence instead of a short event name in the configured style.' },
  messages: {
    rename: '"{text}" is not a {style} event name: use a short static event such as `{suggestion}` and put the details in fields.',
    renameNoSuggestion: '"{text}" is not a {style} event name: use a short static event name and put the details in fields.',
    fix: 'Rename event to `{suggestion}`',
  },
  hasFix: true,
  roles: NOT_TESTS,

  python(ctx) {
    const style = ctx.settings.eventNameStyle;
    if (style === 'keep') return {};
    return {
      call(node: Node) {
        const lc = ctx.facts.loggerCall(node);
        if (!lc || lc.kind !== 'structlog') return;
        // Fast path for the common, good case: the first argument is a plain literal that already is an event name.
        const first = node.childForFieldName('arguments')?.firstNamedChild;
        const plain = first && SIMPLE_LITERAL.exec(ctx.text.slice(first.startIndex, first.endIndex));
        if (plain && lc.method !== 'log' && isEventName(plain[2], style)) return;
        const parts = logParts(lc);
        if (!parts.message || parts.lazyArgs.length) return;
        const text = stringValue(parts.message);
        if (text !== undefined) check(text, style, parts.message.startIndex, parts.message.endIndex, ctx.report, ctx.text);
      },
    };
  },

  js(ctx) {
    const style = ctx.settings.eventNameStyle;
    if (style === 'keep') return {};
    const sf = ctx.sourceFile;
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const lc = ctx.facts.loggerCall(node as ts.CallExpression);
        if (!lc || lc.level === 'emit') return;
        const parts = jsLogParts(lc);
        const structured = JS_STRUCTURED.has(lc.kind) || (lc.kind === 'winston' && parts.fieldObjects.some(hasFields));
        if (!structured || !parts.message) return;
        const msg = unwrap(parts.message);
        if (isStringLiteralLike(msg)) check((msg as ts.StringLiteral).text, style, msg.getStart(sf), msg.end, ctx.report, ctx.text);
      },
    };
  },
};

/** A winston fields object with something besides the `level`/`message` of `logger.log({...})`. */
function hasFields(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => !(p.name && ts.isIdentifier(p.name) && (p.name.text === 'level' || p.name.text === 'message')));
}

function check(text: string, style: Exclude<EventNameStyle, 'keep'>, start: number, end: number, report: (r: Report) => void, fileText: string): void {
  // Messages with placeholders are `unstructured-log-message`'s finding, not a naming problem.
  if (!text.trim() || hasPlaceholder(text) || isEventName(text, style)) return;
  const suggestion = toEventName(text.replace(/\\[ntr]/g, ' '), style);
  const flat = text.replace(/\s+/g, ' ');
  const shown = flat.length > 48 ? `${flat.slice(0, 47)}…` : flat;
  const message = format(logEventName.messages[suggestion ? 'rename' : 'renameNoSuggestion'], { text: shown, style, suggestion });
  // Unsafe: dashboards and alerts may match the old text. The suggestion is plain `[a-z0-9_.]`: no escaping needed.
  const fixes = suggestion ? [{ title: format(logEventName.messages.fix, { suggestion }), safe: false, isPreferred: true, edits: [{ start, end, text: requote(fileText.slice(start, end), suggestion) }] }] : [];
  report({ start, end, message, fixes });
}
