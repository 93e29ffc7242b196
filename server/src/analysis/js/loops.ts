/**
 * JS/TS loops as `log-in-loop` sees them: whether a call runs on every round of its innermost
 * loop or `.forEach` callback (`jsPerIteration`), and whether it still cannot flood
 * (`jsCannotFlood`). Walks up from the call only; asked for logger calls inside a loop.
 */
import ts = require('typescript');
import { afterQuote, assigns, boundedCollection, failureOrListMessage, isErrorCondition, MATCH_CALL, MAX_SMALL, onceOrOutputFunction, PACED, RETRY, SAMPLING, unsetTest } from '../loopBounds';
import type { JsLoggerCall } from './facts';
import { logParts as jsLogParts } from './logCalls';
import { dottedName as jsDottedName } from './nodes';

type JsLoop = ts.IterationStatement;
/** The loop (or `.forEach` callback) the call runs in on every round, and the conditions of the branches holding it. */
export interface JsHit { loop: JsLoop | ts.SignatureDeclaration; branches: { cond: ts.Expression; body: ts.Node }[] }

export function jsPerIteration(call: ts.CallExpression, sf: ts.SourceFile): JsHit | undefined {
  const text = sf.text;
  const slice = (n: ts.Node | undefined) => (n ? text.slice(n.pos, n.end) : '');
  const stops: string[] = [];
  const branches: JsHit['branches'] = [];
  let child: ts.Node = call;
  for (let p = call.parent; p; child = p, p = p.parent) {
    if (ts.isCatchClause(p)) return undefined;
    if (ts.isIfStatement(p)) {
      if (SAMPLING.test(slice(p.expression))) return undefined;
      if (p.thenStatement === child) branches.push({ cond: p.expression, body: child });
      continue;
    }
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === p.right) {
      if (SAMPLING.test(slice(p.left))) return undefined;
      branches.push({ cond: p.left, body: child });
      continue;
    }
    if (ts.isBlock(p) && jsBlockDecides(p, child, stops, sf)) return undefined;
    if (ts.isFunctionLike(p) || ts.isClassLike(p) || ts.isClassStaticBlockDeclaration(p)) {
      const forEach = forEachReceiver(p);
      if (!forEach) return undefined;
      const small = ts.isArrayLiteralExpression(unwrapJs(forEach)) && (unwrapJs(forEach) as ts.ArrayLiteralExpression).elements.length <= MAX_SMALL;
      return !small && !boundedCollection(jsDottedName(jsCollection(forEach))) ? { loop: p as ts.SignatureDeclaration, branches } : undefined;
    }
    if (!ts.isIterationStatement(p, false) || (p as JsLoop).statement !== child) continue;
    const loop = p as JsLoop;
    const hit = { loop, branches };
    if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) {
      const cond = slice(loop.expression);
      return !RETRY.test(cond) && !PACED.test(cond) && !PACED.test(slice(loop.statement)) && !stops.includes(cond.trim().replace(/\s+/g, ' ')) ? hit : undefined;
    }
    if (ts.isForStatement(loop)) {
      const head = slice(loop.initializer) + slice(loop.condition);
      return !RETRY.test(head) && !jsSmallForBound(loop.condition, sf) && !boundedCollection(jsLengthOf(loop.condition)) ? hit : undefined;
    }
    const { initializer, expression } = loop as ts.ForOfStatement | ts.ForInStatement;
    const iter = unwrapJs(expression);
    // `for (const attempt of retries())` paces rounds; `for (const attempt of attempts)` walks a collection.
    if (RETRY.test(slice(initializer)) && ts.isCallExpression(iter) && !jsCollectionCall(iter)) return undefined;
    if (ts.isArrayLiteralExpression(iter)) return iter.elements.length > MAX_SMALL || iter.elements.some(ts.isSpreadElement) ? hit : undefined;
    if (ts.isObjectLiteralExpression(iter)) return iter.properties.length > MAX_SMALL ? hit : undefined;
    return !boundedCollection(jsDottedName(jsCollection(iter))) ? hit : undefined;
  }
  return undefined;
}

/** `Object.entries(x)`, `x.entries()`, `Array.from(x)`, `x.split(',')`: calls that list a collection's items. */
function jsCollectionCall(call: ts.CallExpression): ts.Expression | undefined {
  const callee = unwrapJs(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const name = jsDottedName(callee);
  if (name && /^(Object\.(entries|keys|values)|Array\.from)$/.test(name)) return call.arguments[0];
  return /^(entries|keys|values|split|filter|slice|concat)$/.test(callee.name.text) ? callee.expression : undefined;
}

/** The collection a loop walks: `xs` in `Object.entries(xs)`, `xs.values()`, `this.plugins.filter(...)`. */
function jsCollection(e: ts.Expression): ts.Expression {
  const inner = unwrapJs(e);
  const listed = ts.isCallExpression(inner) ? jsCollectionCall(inner) : undefined;
  return listed ? jsCollection(listed) : inner;
}

/** `i < xs.length` → `xs`. */
function jsLengthOf(cond: ts.Expression | undefined): string | undefined {
  if (!cond || !ts.isBinaryExpression(cond)) return undefined;
  const bound = unwrapJs(cond.right);
  return ts.isPropertyAccessExpression(bound) && bound.name.text === 'length' ? jsDottedName(bound.expression) : undefined;
}

/** JS/TS twin of `pyCannotFlood`. */
export function jsCannotFlood(hit: JsHit, lc: JsLoggerCall, sf: ts.SourceFile): boolean {
  const vars = new Set<string>();
  const collect = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) vars.add(n.text);
    else if (ts.isBindingElement(n)) collect(n.name);
    else ts.forEachChild(n, collect);
  };
  const loop = hit.loop;
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) collect(loop.initializer);
  else if (ts.isFunctionLike(loop)) loop.parameters.forEach((p) => collect(p.name));
  for (const { cond, body } of hit.branches) {
    const c = cond.getText(sf);
    if (isErrorCondition(c) || MATCH_CALL.test(c)) return true;
    // `if (clusterName === 'thermostat' && ...)` with `clusterName` the loop variable: the item that matches.
    if (jsConjuncts(cond).some((e) => jsMatchesOne(e, vars))) return true;
    const unset = unsetTest(c);
    if (unset && assigns(body.getText(sf), unset)) return true;
  }
  const msg = jsLogParts(lc).message;
  if (msg && (ts.isStringLiteral(msg) || ts.isNoSubstitutionTemplateLiteral(msg) || ts.isTemplateExpression(msg)) && failureOrListMessage(afterQuote(msg.getText(sf)))) return true;
  // `installedTypes.forEach((l) => log.info(l))`: the item is the message; printing them is the job.
  const only = lc.call.arguments.length === 1 ? unwrapJs(lc.call.arguments[0]) : undefined;
  if (only && ts.isIdentifier(only) && vars.has(only.text)) return true;
  const forLoop = !ts.isWhileStatement(loop) && !ts.isDoStatement(loop);
  for (let p: ts.Node = ts.isFunctionLike(loop) ? loop.parent : loop.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isCatchClause(p)) return true;
    if (ts.isFunctionLike(p)) {
      const why = onceOrOutputFunction(jsFunctionName(p));
      if (why === 'output' || (why === 'once' && forLoop)) return true;
      if (!ts.isArrowFunction(p) && !ts.isFunctionExpression(p)) return false;
    }
  }
  return false;
}

/** `function f()`, `f() {}` (method), `constructor`, `const f = () => ...`, `f: function`. */
function jsFunctionName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isConstructorDeclaration(fn)) return 'constructor';
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name) || ts.isPrivateIdentifier(fn.name))) return fn.name.text.replace(/^#/, '');
  const parent = fn.parent;
  if ((ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

/**
 * The block holding the call leaves the loop after it (`break`, `return`, `throw`: the call runs
 * once) or samples before it (`if (i % 100) continue;`). Records the flags it switches off
 * (`this.alive = false` → `this.alive`).
 */
function jsBlockDecides(block: ts.Block, child: ts.Node, stops: string[], sf: ts.SourceFile): boolean {
  const callback = ts.isFunctionLike(block.parent); // `return` in a forEach callback only ends one round
  let after = false;
  for (const s of block.statements) {
    if (s === child) after = true;
    else if (after && (ts.isBreakStatement(s) || ts.isThrowStatement(s) || (ts.isReturnStatement(s) && !callback))) return true;
    else if (!after && ts.isIfStatement(s) && SAMPLING.test(s.expression.getText(sf))) return true;
    const e = ts.isExpressionStatement(s) ? s.expression : undefined;
    if (e && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const k = e.right.kind;
      if (k === ts.SyntaxKind.FalseKeyword || k === ts.SyntaxKind.NullKeyword || k === ts.SyntaxKind.TrueKeyword) stops.push(`${k === ts.SyntaxKind.TrueKeyword ? '!' : ''}${e.left.getText(sf)}`);
    }
  }
  return false;
}

function unwrapJs(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  return e;
}

/** The receiver of `xs.forEach(cb)` when `fn` is that callback. */
function forEachReceiver(fn: ts.Node): ts.Expression | undefined {
  const parent = fn.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !parent || !ts.isCallExpression(parent) || parent.arguments[0] !== fn) return undefined;
  const callee = parent.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'forEach' ? callee.expression : undefined;
}

/** `i < 3`, `i <= 5`, `3 > i`, `i < max` with `const max = 10`: a counted loop of at most 10 rounds. */
function jsSmallForBound(cond: ts.Expression | undefined, sf: ts.SourceFile): boolean {
  if (!cond || !ts.isBinaryExpression(cond)) return false;
  const op = cond.operatorToken.kind;
  const bound = op === ts.SyntaxKind.LessThanToken || op === ts.SyntaxKind.LessThanEqualsToken ? cond.right
    : op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken ? cond.left : undefined;
  if (bound && ts.isIdentifier(bound)) return (constNumbers(sf).get(bound.text) ?? Infinity) <= MAX_SMALL;
  return !!bound && ts.isNumericLiteral(bound) && Number(bound.text) <= MAX_SMALL;
}

const constCache = new WeakMap<ts.SourceFile, Map<string, number>>();
/** Top-level `const max = 10` bindings (a `const` cannot be bound twice). */
function constNumbers(sf: ts.SourceFile): Map<string, number> {
  let found = constCache.get(sf);
  if (found) return found;
  constCache.set(sf, (found = new Map()));
  for (const stmt of sf.statements) {
    if (!ts.isVariableStatement(stmt) || !(stmt.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of stmt.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.initializer && ts.isNumericLiteral(d.initializer)) found.set(d.name.text, Number(d.initializer.text));
    }
  }
  return found;
}

/** `a && b && c` → `a`, `b`, `c` (through parentheses). */
function jsConjuncts(cond: ts.Expression): ts.Expression[] {
  const e = unwrapJs(cond);
  return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? [...jsConjuncts(e.left), ...jsConjuncts(e.right)] : [e];
}

/** JS/TS twin of `pyMatchesOne`: `name === wanted`, `h.name === name`, `key === 'tls'` with `key` the loop variable. */
function jsMatchesOne(e: ts.Expression, vars: Set<string>): boolean {
  if (!ts.isBinaryExpression(e) || (e.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken && e.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsToken)) return false;
  const root = (n: ts.Expression): string | undefined => {
    const u = unwrapJs(n);
    return ts.isIdentifier(u) ? u.text : ts.isPropertyAccessExpression(u) || ts.isElementAccessExpression(u) ? root(u.expression) : undefined;
  };
  const literal = (n: ts.Expression) => ts.isLiteralExpression(unwrapJs(n)) || (ts.isIdentifier(unwrapJs(n)) && (unwrapJs(n) as ts.Identifier).text === 'undefined') || [ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword].includes(unwrapJs(n).kind);
  const side = (x: ts.Expression, y: ts.Expression) => {
    const r = root(x);
    if (!r || !vars.has(r)) return false;
    const other = root(y);
    if (other && vars.has(other)) return false;
    return ts.isIdentifier(unwrapJs(x)) || !literal(y);
  };
  return side(e.left, e.right) || side(e.right, e.left);
}
