/**
 * `unstructured-log-message`'s fix, "Move values into structured fields": the message becomes
 * a static event name and its values (interpolations, `%` / `.format()` operands, lazy
 * arguments) become fields in the logger's form — stdlib `extra={...}` (merged into an
 * existing `extra` dict), structlog/loguru keyword arguments, pino/bunyan leading object,
 * winston/console-like trailing object (merged into an existing fields object). Not offered on
 * a logger of unknown kind (see fixes/logger.ts) nor on NestJS's, which has no fields.
 */
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import type { JsContext, PyContext } from '../rule';
import type { OffsetFix } from '../types';
import type { PyLoggerCall } from '../python/facts';
import type { JsLoggerCall } from '../js/facts';
import { logParts } from '../python/logCalls';
import { logParts as jsLogParts } from '../js/logCalls';
import { unwrap } from '../js/nodes';
import { jsErrorKey, jsFieldKey, jsFieldProperty, jsStyleOfKind, pyFieldKey, pyStyleOfKind, pyString, type LogField } from './logger';
import { jsString } from './insert';
import {
  jsEnclosingFunction, jsHasComments, jsLooksLikeError, jsMessagePieces, jsStructured, pyEnclosingFunction, pyMessagePieces,
  pyStructured, type Piece,
} from './structured';

export function pyMoveToFieldsFix(ctx: PyContext, lc: PyLoggerCall, title: string): OffsetFix[] {
  const parts = logParts(lc);
  const msg = parts.message;
  const list = lc.call.childForFieldName('arguments');
  if (!msg || list?.type !== 'argument_list' || parts.args.hasSplat || (list.text.includes('#') && list.descendantsOfType('comment').length)) return [];
  const positional = parts.args.positional;
  const msgIndex = positional.indexOf(msg);
  if (msgIndex < 0) return []; // `msg=` keyword: leave it
  const pieces = pyMessagePieces(msg);
  if (!pieces) return [];
  const all: Piece<Node>[] = [...pieces, ...parts.lazyArgs.map((expr) => ({ expr }))];
  const structured = pyStructured(all, ctx.settings.eventNameStyle, () => pyEnclosingFunction(lc.call));
  const style = pyStyleOfKind(lc.kind, ctx);
  if (style === 'unknown') return []; // stdlib raises TypeError on `k=v`, a wrapper may not take `extra=`: no form fits every logger
  const extra = parts.args.keywords.get('extra');
  const taken = new Set<string>([...parts.args.keywords.keys(), ...parts.fields.map((f) => f.key)]);
  const fields: LogField[] = structured.fields.map((f) => ({ key: pyFieldKey(style, f.key, taken), value: f.value }));
  const args = [...positional.slice(0, msgIndex).map((n) => n.text), pyString(structured.event)];
  const newPairs = fields.map((f) => `${pyString(f.key)}: ${f.value}`);
  for (const [key, kw] of parts.args.keywords) {
    if (key === 'extra' && style === 'stdlib' && fields.length) args.push(`extra=${mergeDict(kw.value, newPairs)}`);
    else args.push(kw.node.text);
  }
  if (fields.length && style === 'stdlib' && !extra) args.push(`extra={${newPairs.join(', ')}}`);
  if (style !== 'stdlib') args.push(...fields.map((f) => `${f.key}=${f.value}`));
  return [{ title, safe: false, isPreferred: true, edits: [{ start: list.startIndex, end: list.endIndex, text: `(${args.join(', ')})` }] }];
}

/** `{"a": 1}` + pairs → `{"a": 1, pairs}`; any other expression → `{**expr, pairs}`. */
function mergeDict(value: Node, pairs: string[]): string {
  if (value.type === 'dictionary') {
    const inner = value.text.slice(1, -1).trim().replace(/,$/, '');
    return `{${[...(inner ? [inner] : []), ...pairs].join(', ')}}`;
  }
  return `{**${value.text}, ${pairs.join(', ')}}`;
}

export function jsMoveToFieldsFix(ctx: JsContext, lc: JsLoggerCall, title: string): OffsetFix[] {
  const sf = ctx.sourceFile;
  const call = lc.call;
  if (lc.level === 'emit' || lc.kind === 'console' || call.arguments.some(ts.isSpreadElement) || jsHasComments(call, sf)) return [];
  const parts = jsLogParts(lc);
  const msg = parts.message;
  if (!msg || !call.arguments.includes(msg)) return [];
  const pieces = jsMessagePieces(msg, (n) => ctx.facts.qualify(n));
  if (!pieces) return [];
  const style = jsStyleOfKind(lc.kind, ctx);
  // OTel records are rewritten by hand; NestJS has no fields; an unknown logger has no form every
  // library reads (pino drops a trailing object, winston prints a leading one as the message).
  if (style === 'otel' || style === 'nestjs' || style === 'unknown') return [];
  const all: Piece<ts.Expression>[] = [...pieces];
  let errors = 0;
  const leading = style === 'pino' || style === 'bunyan';
  const existing: string[] = [];
  const taken = new Set<string>();
  for (const obj of parts.fieldObjects) {
    for (const p of obj.properties) {
      existing.push(p.getText(sf));
      if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) taken.add(p.name.text);
    }
  }
  for (const other of parts.others) {
    all.push({ expr: other, name: jsLooksLikeError(other) && !errors++ ? jsErrorKey(style) : undefined });
  }
  // Arguments before the message other than fields objects (winston `log('error', ...)` level) stay in front.
  const prefix = call.arguments.slice(0, call.arguments.indexOf(msg)).filter((a) => !parts.fieldObjects.includes(unwrap(a) as ts.ObjectLiteralExpression) && !parts.others.includes(a));
  const structured = jsStructured(all, ctx.settings.eventNameStyle, sf, () => jsEnclosingFunction(call));
  const fields = structured.fields.map((f) => ({ key: jsFieldKey(f.key, taken), value: f.value }));
  const props = [...existing, ...fields.map((f) => jsFieldProperty(ctx.text, f))];
  const obj = props.length ? `{ ${props.join(', ')} }` : undefined;
  const event = jsString(ctx.text, structured.event);
  const args = [...prefix.map((a) => a.getText(sf)), ...(obj && leading ? [obj] : []), event, ...(obj && !leading ? [obj] : [])];
  const first = call.arguments[0];
  const last = call.arguments[call.arguments.length - 1];
  return [{ title, safe: false, isPreferred: true, edits: [{ start: first.getStart(sf), end: last.end, text: args.join(', ') }] }];
}
