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

/** How a logged expression carries the caught error: as the object (its stack kept), only as its text, or not at all. */
export type ErrorUse = 'object' | 'text' | undefined;

/** Calls that turn an error into its text: `String(err)`, `JSON.stringify(err)` (an `Error` becomes `{}`), `err.toString()`. */
const TEXT_CALLS = new Set(['String', 'JSON.stringify']);

/**
 * How the node uses the caught error (`names`, plus aliases declared in the handler): `{ err }`,
 * `err`, `err.stack`, `err.code`, `util.inspect(err)` keep the object; `` `${err}` ``,
 * `err.message`, `String(err)`, `err.toString()`, `"x" + err` keep only its text.
 */
export function errorUse(node: ts.Node, names: readonly string[], textAliases: readonly string[] = []): ErrorUse {
  let use: ErrorUse;
  const visit = (n: ts.Node): void => {
    if (use === 'object') return;
    if (ts.isIdentifier(n) && !isPropertyNamePosition(n)) {
      if (textAliases.includes(n.text)) use = 'text';
      else if (names.includes(n.text)) use = textPosition(n) ? 'text' : 'object';
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return use;
}

function textPosition(id: ts.Identifier): boolean {
  let n: ts.Node = id;
  while (ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isAsExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isPropertyAccessExpression(p) && p.expression === n) {
    if (p.name.text === 'message') return true;
    return p.name.text === 'toString' && ts.isCallExpression(p.parent) && p.parent.expression === p;
  }
  if (ts.isTemplateSpan(p) && p.expression === n) return !ts.isTaggedTemplateExpression(p.parent.parent);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const other = p.left === n ? p.right : p.left;
    return ts.isStringLiteralLike(other) || ts.isTemplateExpression(other);
  }
  if (ts.isCallExpression(p) && p.arguments[0] === n) {
    const callee = p.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? `${callee.expression.text}.${callee.name.text}` : '';
    return TEXT_CALLS.has(name);
  }
  return false;
}

/**
 * Names declared in the handler from the caught error: `const message = err instanceof Error ?
 * err.message : String(err)` holds only its text; `const e = ensureError(err)`, `const code =
 * err.code` hold the object or a part of it.
 */
export function handlerAliases(handler: Handler): { text: string[]; other: string[] } {
  const aliases = { text: [] as string[], other: [] as string[] };
  const names = handler.names ?? [];
  if (!names.length) return aliases;
  forEachHandlerNode(handler, (n) => {
    if (!ts.isVariableDeclaration(n) || !ts.isIdentifier(n.name) || !n.initializer) return;
    const use = errorUse(n.initializer, [...names, ...aliases.other], aliases.text);
    if (use === 'text') aliases.text.push(n.name.text);
    else if (use === 'object') aliases.other.push(n.name.text);
  });
  return aliases;
}

/** The calls that run in the handler itself, in document order (not those in a nested function). */
export function handlerCalls(handler: Handler): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  forEachHandlerNode(handler, (n) => { if (ts.isCallExpression(n)) calls.push(n); });
  return calls;
}

function forEachHandlerNode(handler: Handler, visit: (n: ts.Node) => void): void {
  const body = ts.isCatchClause(handler.node) ? handler.node.block : handler.node.body;
  const walk = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    visit(n);
    ts.forEachChild(n, walk);
  };
  walk(body);
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

// ---------------------------------------------------------------------------------------------
// Deliberate empty handlers (swallowed-exception).

/** Markers that explain nothing: unfinished work, test fixtures' `// expect: <rule-id>`. */
const NOT_AN_EXPLANATION = /^(?:\/\/+|\/\*+)\s*(?:(?:TODO|FIXME|XXX|HACK)\b[\s\S]*|expect:\s*[a-z]+(?:-[a-z]+)+(?:\s*,\s*[a-z]+(?:-[a-z]+)+)*\s*)?(?:\*+\/)?$/i;

/**
 * A comment inside the empty block (or right after its closing brace) explains the silence,
 * as ESLint's `no-empty` accepts: `// file may not exist yet`. `// TODO` does not count.
 */
export function hasExplainingComment(sf: ts.SourceFile, block: ts.Block): boolean {
  const text = sf.text;
  const inside = block.getStart(sf) + 1; // just after `{`: a same-line comment is "trailing", the next lines' are "leading"
  const ranges = [
    ...(ts.getTrailingCommentRanges(text, inside) ?? []), ...(ts.getLeadingCommentRanges(text, inside) ?? []), ...(ts.getTrailingCommentRanges(text, block.end) ?? []),
  ];
  return ranges.some((r) => !NOT_AN_EXPLANATION.test(text.slice(r.pos, r.end).trim()));
}

/** Calls that release or tear down something: their failure is routinely ignored. */
const CLEANUP_CALL = /^_*(?:close|unlink|unlinkSync|rm|rmSync|rmdir|rmdirSync|remove|removeSync|kill|terminate|stop|cancel|abort|destroy|dispose|disconnect|release|end|flush|flushSync|shutdown|cleanup|unref|removeListener|removeAllListeners|clearTimeout|clearInterval|uninstall\w*|close\w*)$/;
/** Reports or rethrows the first failure: a logging call, `throw`, `console.*`, `process.emitWarning`. */
const REPORTS = /\bthrow\b|\.(?:log|debug|info|warn|warning|error|fatal|trace|emitWarning)\s*\(/;
/** Functions that tear down: nothing useful can be done with a failure there. */
const CLEANUP_FUNCTION = /^_*(?:close|cleanup|shutdown|stop|dispose|destroy|teardown|terminate|release|finalize)$/;
/** Predicates: an error means "no" (Babel's `_isNativeReflectConstruct`, `isLayerIgnored`). */
const PREDICATE_FUNCTION = /^_*(?:is|has|can|should|supports?)(?:[A-Z_]|$)/;
/** A name that promises not to throw: `safeParse`, `tryRequire`, `parseOrNull`. */
const SAFE_FUNCTION = /^_*(?:safe|try)[A-Z_]|(?:Safe|Safely|OrNull|OrUndefined|OrDefault)$/;

function callName(stmt: ts.Statement): string | undefined {
  if (!ts.isExpressionStatement(stmt)) return undefined;
  let e = unwrap(stmt.expression);
  if (ts.isAwaitExpression(e) || ts.isVoidExpression(e)) e = unwrap(e.expression);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrap(e.expression);
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

function functionName(fn: ts.Node): string | undefined {
  const named = fn as ts.FunctionLikeDeclaration;
  if (named.name && (ts.isIdentifier(named.name) || ts.isStringLiteral(named.name))) return named.name.text;
  const p = fn.parent;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p)) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return undefined;
}

/**
 * Why an empty `catch` is deliberate, if it is: the `try` only cleans up (`fs.unlinkSync(f)`),
 * the catch sits in another catch (a secondary failure while handling the first), the
 * function tears down (`close()`) or is a predicate (`isX()`: an error means "no"), or the
 * code falls back (`try { return JSON.parse(s); } catch {} return raw;`).
 */
export function deliberateEmptyCatch(sf: ts.SourceFile, clause: ts.CatchClause): string | undefined {
  const tryStmt = clause.parent as ts.TryStatement;
  const body = tryStmt.tryBlock.statements;
  if (body.length && body.every((s) => CLEANUP_CALL.test(callName(s) ?? ''))) return 'cleanup';
  for (let p: ts.Node = tryStmt.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isCatchClause(p)) {
      // A secondary failure while handling the first one, which the outer catch reports or rethrows.
      const t = sf.text;
      if (REPORTS.test(t.slice(p.block.pos, tryStmt.pos) + '\n' + t.slice(tryStmt.end, p.block.end))) return 'nested';
      continue;
    }
    if (ts.isFunctionLike(p)) {
      const name = functionName(p) ?? '';
      if (CLEANUP_FUNCTION.test(name)) return 'finalizer';
      if (PREDICATE_FUNCTION.test(name)) return 'predicate';
      if (SAFE_FUNCTION.test(name)) return 'safe-by-name';
      break;
    }
  }
  const parent = tryStmt.parent;
  if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
    const siblings = parent.statements;
    const next = siblings[siblings.indexOf(tryStmt) + 1];
    if (next && ts.isReturnStatement(next) && next.expression && containsReturn(tryStmt.tryBlock)) return 'fallback';
  }
  return undefined;
}

function containsReturn(node: ts.Node): boolean {
  if (ts.isReturnStatement(node)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return !!ts.forEachChild(node, (c) => (containsReturn(c) ? true : undefined));
}
