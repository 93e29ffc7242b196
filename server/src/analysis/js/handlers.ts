/**
 * JS/TS error handlers as the exception rules see them: the `catch` clause (or promise
 * `.catch(cb)` / `.then(ok, cb)` callback) around a node, stopping at function boundaries;
 * what it binds; whether its body is empty; whether a deliberate comment explains it.
 */
import ts = require('typescript');
import { unwrap } from './nodes';

/** Words in a comment in an empty handler that say ignoring is on purpose. */
const DELIBERATE = /\bignor|\bexpected\b|\bintentional|\bdeliberate|\bon purpose\b|\bbest[- ]effort\b/i;

export interface Handler {
  /** The `catch` clause, or the callback given to `.catch()` / `.then(_, cb)`. */
  node: ts.CatchClause | ts.ArrowFunction | ts.FunctionExpression;
  /**
   * Names the caught error is bound to: `[]` when there is no binding (`catch {`, `() => ...`),
   * undefined when it is destructured (`catch ({ message })`: what is kept is unknown).
   */
  names: string[] | undefined;
}

/**
 * The handler whose body holds the node, or undefined. Function and class boundaries stop the
 * walk (a nested callback runs later), except that the function passed to `.catch()` is itself
 * the handler.
 */
export function enclosingHandler(node: ts.Node): Handler | undefined {
  for (let child: ts.Node = node, p = node.parent; p; child = p, p = p.parent) {
    if (ts.isCatchClause(p)) {
      if (child !== p.block) continue;
      const decl = p.variableDeclaration;
      return { node: p, names: !decl ? [] : ts.isIdentifier(decl.name) ? [decl.name.text] : undefined };
    }
    if (ts.isArrowFunction(p) || ts.isFunctionExpression(p)) {
      if (!isRejectionCallback(p)) return undefined;
      const param = p.parameters[0];
      return { node: p, names: !param ? [] : ts.isIdentifier(param.name) ? [param.name.text] : undefined };
    }
    if (ts.isFunctionLike(p) || ts.isClassLike(p) || ts.isClassStaticBlockDeclaration(p) || ts.isSourceFile(p)) return undefined;
  }
  return undefined;
}

/** `promise.catch(cb)` or `promise.then(ok, cb)`: the callback receives the rejection. */
export function isRejectionCallback(fn: ts.ArrowFunction | ts.FunctionExpression): boolean {
  let arg: ts.Node = fn;
  while (ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  if (!call || !ts.isCallExpression(call)) return false;
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  return (method === 'catch' && call.arguments[0] === arg) || (method === 'then' && call.arguments[1] === arg);
}

/** A block with no statements (only comments or stray semicolons). */
export function isEmptyBlock(block: ts.Block): boolean {
  return block.statements.every((s) => ts.isEmptyStatement(s));
}

/**
 * The comments of an empty block say ignoring is deliberate: `from` is the block's start (an
 * empty block holds nothing but comments); the rest of its last line is included.
 */
export function hasDeliberateComment(sf: ts.SourceFile, from: number, to: number): boolean {
  const text = sf.text;
  const lineEnd = text.indexOf('\n', to);
  return DELIBERATE.test(text.slice(from, lineEnd < 0 ? text.length : lineEnd));
}

/** The `try` block of this catch clause loads a module (`require(...)`, `import(...)`): an optional dependency. */
export function tryBlockLoadsModule(sf: ts.SourceFile, clause: ts.CatchClause): boolean {
  const tryBlock = (clause.parent as ts.TryStatement).tryBlock;
  return /\brequire\s*\(|\bimport\s*\(/.test(sf.text.slice(tryBlock.pos, tryBlock.end));
}

/** Whether an identifier with one of these names is referenced (not a property name) inside the node. */
export function references(node: ts.Node, names: readonly string[]): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && names.includes(n.text) && !isPropertyNamePosition(n)) { found = true; return; }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function isPropertyNamePosition(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p)) return p.name === id;
  if (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) return p.name === id;
  return false;
}

/** `catch (e)` → the range of that header, for reports about the whole handler. */
export function catchHeaderEnd(sf: ts.SourceFile, clause: ts.CatchClause): number {
  const decl = clause.variableDeclaration;
  if (!decl) return clause.getStart(sf) + 'catch'.length;
  const close = sf.text.indexOf(')', decl.end);
  return close < 0 || close > clause.block.getStart(sf) ? decl.end : close + 1;
}
