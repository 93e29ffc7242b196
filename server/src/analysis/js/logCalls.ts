/**
 * Where the message, the fields and the extra arguments sit in a JS/TS logger call, for every
 * rule and fix: pino/bunyan `({fields}, msg)`, winston `(msg, {fields})` and `log(level, msg)`,
 * OTel `emit({ body, attributes })`, and `(category, message, …)` loggers (npmlog; an unknown
 * logger called with a short identifier-like string and then a message, see `categoryFirst`).
 */
import ts = require('typescript');
import type { JsLoggerCall, JsLoggerKind } from './facts';
import { isStringLiteralLike, plusLeaves, propertyKeyName, unwrap } from './nodes';

export interface JsLogParts {
  message?: ts.Expression;
  /** The category of a `(category, message, …)` call (`log.info('db', 'connected to %s', host)`): not the message, not a field. */
  category?: ts.Expression;
  /** Object literals whose properties are fields (pino's first, winston's last, OTel `attributes`). */
  fieldObjects: ts.ObjectLiteralExpression[];
  /** Other arguments (printf values, console arguments, error objects). */
  others: ts.Expression[];
}

/** An expression that builds or is a string: literal, template, `+` with a string, `util.format(...)`. */
export function isStringish(node: ts.Expression): boolean {
  const e = unwrap(node);
  if (isStringLiteralLike(e) || ts.isTemplateExpression(e)) return true;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return plusLeaves(e).some(isStringish);
  if (ts.isCallExpression(e)) return /^(util\.|node:util\.)?format$/.test(e.expression.getText());
  return false;
}

/** Kinds whose libraries define where the message is: the first string. */
const MESSAGE_FIRST: ReadonlySet<JsLoggerKind> = new Set(['pino', 'bunyan', 'winston', 'nestjs', 'otel', 'console']);
/** A category: a short word, no spaces or placeholders (`db`, `http.server`, `auth:login`). */
const CATEGORY = /^[A-Za-z][\w.:/-]{0,39}$/;

/**
 * `(category, message, …)`: npmlog always (`log.info(prefix, message, ...args)`); loggers whose
 * library defines no message position (unknown, log4js, consola) when the first argument is a
 * short identifier-like string literal and the second builds a string. Known message-first
 * libraries (pino, winston, bunyan, NestJS, console) keep their own reading.
 */
function categoryFirst(kind: JsLoggerKind, args: readonly ts.Expression[]): boolean {
  if (args.length < 2 || MESSAGE_FIRST.has(kind)) return false;
  const first = unwrap(args[0]);
  if (kind === 'npmlog') return isStringish(first);
  return isStringLiteralLike(first) && CATEGORY.test((first as ts.StringLiteral).text) && isStringish(args[1]);
}

/** Parts per recognised call: `facts.loggerCall` returns one object per call node, shared by every rule. */
const partsCache = new WeakMap<JsLoggerCall, JsLogParts>();

export function logParts(lc: JsLoggerCall): JsLogParts {
  let parts = partsCache.get(lc);
  if (!parts) {
    parts = computeParts(lc);
    partsCache.set(lc, parts);
  }
  return parts;
}

function computeParts(lc: JsLoggerCall): JsLogParts {
  const args = [...lc.call.arguments];
  const out: JsLogParts = { fieldObjects: [], others: [] };
  if (lc.level === 'emit') {
    const record = args[0] && unwrap(args[0]);
    if (record && ts.isObjectLiteralExpression(record)) {
      out.message = property(record, 'body');
      const attrs = property(record, 'attributes');
      if (attrs && ts.isObjectLiteralExpression(unwrap(attrs))) out.fieldObjects.push(unwrap(attrs) as ts.ObjectLiteralExpression);
    }
    return out;
  }
  if (lc.level === 'log' && args[0] && isStringLiteralLike(unwrap(args[0]))) args.shift();
  if (lc.level === 'log' && args[0] && ts.isObjectLiteralExpression(unwrap(args[0])) && lc.kind === 'winston') {
    const obj = unwrap(args[0]) as ts.ObjectLiteralExpression;
    out.message = property(obj, 'message');
    out.fieldObjects.push(obj);
    return out;
  }
  if (categoryFirst(lc.kind, args)) out.category = args.shift();
  let msgIndex = 0;
  if (lc.kind !== 'console' && args.length > 1 && !isStringish(args[0]) && isStringish(args[1])) msgIndex = 1;
  const candidate = args[msgIndex] ?? args[0];
  if (lc.kind === 'console' || (candidate && isStringish(candidate)) || msgIndex === 1) out.message = args[msgIndex];
  args.forEach((arg, i) => {
    if (out.message && i === msgIndex) return;
    const e = unwrap(arg);
    if (ts.isObjectLiteralExpression(e)) out.fieldObjects.push(e);
    else out.others.push(arg);
  });
  return out;
}

function property(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && propertyKeyName(p.name) === name) return p.initializer;
  }
  return undefined;
}
