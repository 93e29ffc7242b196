/** What a JS/TS log call writes: the names behind logged expressions, interpolated values, literal text. */
import ts = require('typescript');
import { dottedName as jsDottedName, plusLeaves, unwrap } from './nodes';
import { isMaskingCallName, isTransparentCallName } from '../sensitive';

export function isJsLiteral(e: ts.Expression): boolean {
  return ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e)
    || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword;
}

function jsCalleeName(callee: ts.Expression): string | undefined {
  return jsDottedName(callee) ?? (ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined);
}

/** Properties that hold a count or size, not the value: `credentials.length`, `tokens.size`. */
const COUNT_PROPERTIES = new Set(['length', 'size', 'count', 'byteLength']);

export function jsIsMasked(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isPropertyAccessExpression(e) && COUNT_PROPERTIES.has(e.name.text)) return true;
  // `x?.length ?? 0`, `x.length || 0`: still a count.
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return jsIsMasked(e.left) && (isJsLiteral(unwrap(e.right)) || jsIsMasked(e.right));
  }
  if (!ts.isCallExpression(e)) return false;
  const callee = unwrap(e.expression);
  const name = jsCalleeName(callee);
  if (name && isMaskingCallName(name)) return true;
  return ts.isPropertyAccessExpression(callee) && jsIsMasked(callee.expression);
}

export function jsValueName(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e)) return ts.isStringLiteral(e.argumentExpression) ? e.argumentExpression.text : undefined;
  if (ts.isAwaitExpression(e)) return jsValueName(e.expression);
  if (ts.isCallExpression(e)) {
    if (jsIsMasked(e)) return undefined;
    const callee = unwrap(e.expression);
    const name = jsCalleeName(callee);
    if (!name) return undefined;
    if (isTransparentCallName(name)) {
      const inner = ts.isPropertyAccessExpression(callee) && name !== 'JSON.stringify' ? callee.expression : e.arguments[0];
      return inner ? jsValueName(inner) : undefined;
    }
    return name.slice(name.lastIndexOf('.') + 1);
  }
  return undefined;
}

/** What a logged name is read from: `user` for `user.address`, `server` for `server.address()`. */
export function jsValueReceiver(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return jsLastSegment(e.expression);
  if (ts.isAwaitExpression(e)) return jsValueReceiver(e.expression);
  if (ts.isCallExpression(e)) {
    const callee = unwrap(e.expression);
    const name = jsCalleeName(callee);
    if (name && isTransparentCallName(name)) {
      const inner = ts.isPropertyAccessExpression(callee) && name !== 'JSON.stringify' ? callee.expression : e.arguments[0];
      return inner ? jsValueReceiver(inner) : undefined;
    }
    return ts.isPropertyAccessExpression(callee) ? jsLastSegment(callee.expression) : undefined;
  }
  return undefined;
}

function jsLastSegment(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (e.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return undefined;
}

export function jsMessageValues(msg: ts.Expression): ts.Expression[] {
  const e = unwrap(msg);
  if (ts.isTemplateExpression(e)) return e.templateSpans.map((s) => s.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return plusLeaves(e).flatMap(jsMessageValues);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e)) return [];
  return [e];
}

/** String literals and the literal pieces of template literals among the arguments (nested in objects too). */
export function literalNodes(nodes: readonly ts.Node[]): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node, depth: number): void => {
    const e = ts.isExpression(n) ? unwrap(n) : n;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) out.push(e);
    else if (ts.isTemplateExpression(e)) out.push(e.head, ...e.templateSpans.map((s) => s.literal));
    else if (ts.isObjectLiteralExpression(e) && depth < 3) {
      for (const p of e.properties) if (ts.isPropertyAssignment(p)) visit(p.initializer, depth + 1);
    }
  };
  for (const n of nodes) visit(n, 0);
  return out;
}
