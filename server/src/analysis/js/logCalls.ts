/** Where the message, the fields and the extra arguments sit in a JS/TS logger call. */
import ts = require('typescript');
import type { JsLoggerCall } from './facts';
import { isStringLiteralLike, plusLeaves, propertyKeyName, unwrap } from './nodes';

export interface JsLogParts {
  message?: ts.Expression;
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

export function logParts(lc: JsLoggerCall): JsLogParts {
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
