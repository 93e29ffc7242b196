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

/**
 * The `try` of this catch only parses (`JSON.parse(s)`, `new URL(u)`, assigning or returning the
 * result): the failure is a validation outcome and the message says what was invalid; a
 * `SyntaxError` trace adds nothing.
 */
export function tryOnlyParses(clause: ts.CatchClause): boolean {
  const body = (clause.parent as ts.TryStatement).tryBlock.statements;
  const parse = (e: ts.Expression | undefined): boolean => {
    if (!e) return false;
    let x = unwrap(e);
    if (ts.isAwaitExpression(x)) x = unwrap(x.expression);
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsToken) return parse(x.right);
    if (ts.isNewExpression(x)) return ts.isIdentifier(x.expression) && x.expression.text === 'URL';
    return ts.isCallExpression(x) && /^(?:JSON|JSON5)\.parse$/.test(x.expression.getText());
  };
  return body.length > 0 && body.every((st) => (ts.isExpressionStatement(st) && parse(st.expression)) || (ts.isReturnStatement(st) && parse(st.expression))
    || (ts.isVariableStatement(st) && st.declarationList.declarations.every((d) => parse(d.initializer))));
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
      else if (names.includes(n.text) && !testPosition(n)) use = textPosition(n) ? 'text' : 'object';
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return use;
}

/** `err instanceof Error`, `typeof err`: a test of the error, neither its object nor its text. */
function testPosition(id: ts.Identifier): boolean {
  const p = id.parent;
  return (ts.isBinaryExpression(p) && p.left === id && p.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) || ts.isTypeOfExpression(p);
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

/**
 * `other` runs whenever `call` runs, as far as branches go: every block or `if` branch around
 * `other` (inside the handler) also holds `call`.
 */
export function onSamePath(other: ts.Node, call: ts.Node, handler: ts.Node): boolean {
  for (let child: ts.Node = other, p = other.parent; p && p !== handler; child = p, p = p.parent) {
    const branch = ts.isBlock(p) ? p : ts.isIfStatement(p) && child !== p.expression ? child
      : ts.isConditionalExpression(p) && child !== p.condition ? child : undefined;
    if (branch && (call.pos < branch.pos || call.end > branch.end)) return false;
  }
  return true;
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

/**
 * Markers that explain nothing: unfinished work, test fixtures' `// expect: <rule-id>`, and other
 * linters' directives (suppressions.ts honours those that map to this rule, e.g. `no-empty`).
 */
const NOT_AN_EXPLANATION = /^(?:\/\/+|\/\*+)\s*(?:(?:TODO|FIXME|XXX|HACK)\b[\s\S]*|(?:eslint|oxlint)-(?:disable|enable)[\s\S]*|biome-ignore[\s\S]*|expect:\s*[a-z]+(?:-[a-z]+)+(?:\s*,\s*[a-z]+(?:-[a-z]+)+)*\s*)?(?:\*+\/)?$/i;

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
/** A teardown by its words: `drainActiveTasks`, `teardownServer`, `serverStop`; not `closeAccount`. */
const TEARDOWN_LAST = new Set(['close', 'cleanup', 'shutdown', 'teardown', 'destroy', 'dispose', 'terminate', 'stop']);
const TEARDOWN_FIRST = new Set(['teardown', 'shutdown', 'destroy', 'dispose', 'drain']);
function teardownWords(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split('_').filter(Boolean);
  return words.length > 1 && (TEARDOWN_FIRST.has(words[0]) || TEARDOWN_LAST.has(words[words.length - 1]));
}
/** Predicates: an error means "no" (Babel's `_isNativeReflectConstruct`, `isLayerIgnored`). */
const PREDICATE_FUNCTION = /^_*(?:is|has|can|should|supports?)(?:[A-Z_]|$)/;
/** A name that promises not to throw: `safeParse`, `tryRequire`, `parseOrNull`. */
const SAFE_FUNCTION = /^_*(?:safe|try)[A-Z_]|(?:Safe|Safely|OrNull|OrUndefined|OrDefault)$/;

/** The callee, through compiled TypeScript's `(0, promises_1.rm)(...)`. */
function calleeOf(call: ts.CallExpression): ts.Expression {
  let callee = unwrap(call.expression);
  while (ts.isBinaryExpression(callee) && callee.operatorToken.kind === ts.SyntaxKind.CommaToken) callee = unwrap(callee.right);
  return callee;
}

function callName(stmt: ts.Statement): string | undefined {
  if (!ts.isExpressionStatement(stmt)) return undefined;
  let e = unwrap(stmt.expression);
  if (ts.isAwaitExpression(e) || ts.isVoidExpression(e)) e = unwrap(e.expression);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = calleeOf(e);
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

/** Draining or discarding a response body: `res.resume()`, `await response.text()`, `res.body?.cancel()`, `res.dump()`. */
const DRAIN_METHOD = /^(?:resume|dump|cancel|text|arrayBuffer|blob|consume|drain)$/;
const RESPONSE_RECEIVER = /(?:^|\.)(?:res|resp|response|body|stream|upstream\w*|\w*Response)$/i;
/** Telemetry and analytics: if reporting itself fails there is nowhere left to report to. */
const TELEMETRY = /\b(?:telemetry|analytics|metrics?|statsd|posthog|segment|tracker|track(?:Event|Metric|Usage)?|emitMetrics?)\b/i;
/** A cancellable wait (`await sleep(ms, signal)`): failing means it was aborted. */
const WAIT_CALL = /^(?:sleep|delay|wait|setTimeout)$/;
/** An existence probe: failing means "not there" (`fs.statSync(dir)`, `await access(file)`). */
const PROBE_CALL = /^(?:access|accessSync|stat|statSync|lstat|lstatSync|realpath|realpathSync|readlink|readlinkSync)$/;

function unwrapCall(e: ts.Expression): ts.CallExpression | undefined {
  let x = unwrap(e);
  if (ts.isAwaitExpression(x) || ts.isVoidExpression(x)) x = unwrap(x.expression);
  return ts.isCallExpression(x) ? x : undefined;
}

/** The called method or function's name and its receiver's text (`fs.promises.rm(dir)` → `rm`, `fs.promises`). */
function callParts(call: ts.CallExpression, sf: ts.SourceFile): { name?: string; receiver?: string; dotted: string } {
  const callee = calleeOf(call);
  if (ts.isIdentifier(callee)) return { name: callee.text, dotted: callee.text };
  if (ts.isPropertyAccessExpression(callee)) return { name: callee.name.text, receiver: callee.expression.getText(sf), dotted: callee.getText(sf) };
  return { dotted: callee.getText(sf) };
}

/**
 * Why failing here does not matter, by the call that failed: it tears something down (`close()`,
 * `fs.unlinkSync(p)`, `cleanup()`), drains a response body (`res.body.cancel()`), or reports
 * telemetry (`strapi.telemetry.send(...)`).
 */
function harmlessCall(call: ts.CallExpression, sf: ts.SourceFile): 'cleanup' | 'report' | 'wait' | undefined {
  const { name, receiver, dotted } = callParts(call, sf);
  // `Promise.resolve(backend.close?.())`: the wrapped call decides.
  const wrapped = dotted === 'Promise.resolve' && call.arguments[0] ? unwrapCall(call.arguments[0]) : undefined;
  if (wrapped) return harmlessCall(wrapped, sf);
  if (name && CLEANUP_CALL.test(name)) return 'cleanup';
  if (name && WAIT_CALL.test(name)) return 'wait';
  if (name && receiver && DRAIN_METHOD.test(name) && RESPONSE_RECEIVER.test(receiver.replace(/\?$/, ''))) return 'cleanup';
  if (TELEMETRY.test(dotted)) return 'report';
  return undefined;
}

/**
 * The called function is declared in this file and handles its own failures: its body has a
 * `catch` (or `.catch(cb)`) that reports or handles the error (`handleAuthRequest` sends an error
 * to the client; `reloadLoader` logs and rethrows). Only a function or method with that name.
 */
function producerHandlesErrors(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const { name } = callParts(call, sf);
  if (!name || !sf.text.includes(name)) return false;
  let handles = false;
  const visit = (n: ts.Node): void => {
    if (handles) return;
    const fn = declaredFunction(n, name);
    if (fn?.body) {
      const body = fn.body;
      const inner = (m: ts.Node): void => {
        if (handles) return;
        if (ts.isCatchClause(m) && !isEmptyBlock(m.block) && REPORTS_OR_HANDLES.test(sf.text.slice(m.block.pos, m.block.end))) handles = true;
        else if (ts.isCallExpression(m) && ts.isPropertyAccessExpression(m.expression) && m.expression.name.text === 'catch' && m.arguments[0] && REPORTS_OR_HANDLES.test(m.arguments[0].getText(sf))) handles = true;
        else ts.forEachChild(m, inner);
      };
      inner(body);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return handles;
}
const REPORTS_OR_HANDLES = /\bthrow\b|\.(?:log|debug|info|warn|warning|error|fatal|trace|emitWarning)\s*\(|\b\w*(?:Error|error)\w*\s*\(|\.\w*(?:err|Err|error|Error)\s*=(?!=)/;

/** `function name() {}`, `name() {}` (method), `const name = () => {}`, `name: function () {}`, `X.prototype.name = function () {}`. */
function declaredFunction(n: ts.Node, name: string): ts.FunctionLikeDeclaration | undefined {
  if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name && ts.isIdentifier(n.name) && n.name.text === name) return n;
  const init = ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name ? n.initializer
    : ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === name ? n.initializer
      : ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.name.text === name ? n.right : undefined;
  const f = init && unwrap(init);
  return f && (ts.isFunctionExpression(f) || ts.isArrowFunction(f)) ? f : undefined;
}

/** Inside a `finally` block (of a `try` in the same function): cleanup by construction. */
function insideFinally(node: ts.Node): boolean {
  for (let child: ts.Node = node, p = node.parent; p && !ts.isSourceFile(p); child = p, p = p.parent) {
    if (ts.isTryStatement(p) && p.finallyBlock === child) return true;
    if (ts.isFunctionLike(p)) return false;
  }
  return false;
}

/** The catch sits in another catch that reports or rethrows the first failure (a secondary failure while handling it). */
function insideReportingCatch(node: ts.Node, sf: ts.SourceFile): boolean {
  for (let p: ts.Node = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isCatchClause(p)) {
      const t = sf.text;
      const stmt = enclosingStatement(node, p.block);
      return REPORTS.test(t.slice(p.block.pos, stmt.pos) + '\n' + t.slice(stmt.end, p.block.end));
    }
    if (ts.isFunctionLike(p)) return false;
  }
  return false;
}

function enclosingStatement(node: ts.Node, block: ts.Block): ts.Node {
  let n = node;
  while (n.parent && n.parent !== block) n = n.parent;
  return n;
}

/**
 * Why an empty `catch` is deliberate, if it is: the `try` only cleans up (`fs.unlinkSync(f)`,
 * draining a body) or reports telemetry, probes for a file (`fs.statSync(dir)`: failing means
 * "not there"), calls a function of this file that handles its own errors, sits in a `finally`,
 * the catch sits in another catch (a secondary failure while handling the first), the function
 * tears down (`close()`) or is a predicate (`isX()`: an error means "no"), the code falls back
 * (the statement after the `try` returns or throws; the `try` only assigns a variable declared
 * before it), or the loop moves on to the next candidate (`try { connect(h); break; } catch {}`).
 */
export function deliberateEmptyCatch(sf: ts.SourceFile, clause: ts.CatchClause): string | undefined {
  const tryStmt = clause.parent as ts.TryStatement;
  const body = tryStmt.tryBlock.statements;
  const calls = body.map((s) => (ts.isExpressionStatement(s) ? unwrapCall(s.expression) : undefined));
  if (body.length && body.every((s) => CLEANUP_CALL.test(callName(s) ?? ''))) return 'cleanup';
  if (body.length && calls.every((c) => c && harmlessCall(c, sf))) return 'cleanup';
  if (body.length && calls.every((c) => c && REPORTS.test(c.getText(sf)) && !/\bthrow\b/.test(c.getText(sf)))) return 'report';
  const first = calls[0] ?? firstInitializerCall(body[0]);
  if (first && PROBE_CALL.test(callParts(first, sf).name ?? '')) return 'probe';
  if (body.length === 1 && calls[0] && producerHandlesErrors(calls[0], sf)) return 'producer';
  if (insideFinally(tryStmt)) return 'cleanup';
  for (let p: ts.Node = tryStmt.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isCatchClause(p)) {
      // A secondary failure while handling the first one, which the outer catch reports or rethrows.
      const t = sf.text;
      if (REPORTS.test(t.slice(p.block.pos, tryStmt.pos) + '\n' + t.slice(tryStmt.end, p.block.end))) return 'nested';
      continue;
    }
    if (ts.isFunctionLike(p)) {
      const name = functionName(p) ?? '';
      if (CLEANUP_FUNCTION.test(name) || teardownWords(name)) return 'finalizer';
      if (PREDICATE_FUNCTION.test(name)) return 'predicate';
      if (SAFE_FUNCTION.test(name)) return 'safe-by-name';
      if (TELEMETRY.test(name)) return 'report';
      break;
    }
  }
  const parent = tryStmt.parent;
  if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
    const siblings = parent.statements;
    const at = siblings.indexOf(tryStmt);
    const next = siblings[at + 1];
    // `throw` after the try: the failure becomes another error. `return fallback` after it when the
    // try produces the result (returns it, or sets the name returned): the same verdict whether the
    // try returns or assigns (issue 15); `try { cleanupOld() } catch {} return done(msg)` is just the end.
    if (next && ts.isThrowStatement(next)) return 'fallback';
    if (next && ts.isReturnStatement(next) && next.expression) {
      const returned = unwrap(next.expression);
      if (containsReturn(tryStmt.tryBlock) || (ts.isIdentifier(returned) && body.some((st) => assignedName(st) === returned.text))) return 'fallback';
    }
    // `let x; try { const t = lookup(); x = derive(t); } catch {}`: the try only computes values, one of them a variable declared before it.
    // Only synchronous computation: `x = await decrypt(...)` is I/O whose failure matters (n8n webhook credentials).
    const assigned = assignedNames(body);
    if (assigned.length && onlyCollects(body) && !awaits(tryStmt.tryBlock) && assigned.some((n) => declaredBefore(sf, tryStmt, n))) return 'fallback';
    if (tryOnlyParses(clause)) return 'parse';
    // `try { const u = new URL(s); if (u.host !== h) return "cross-origin"; } catch {}`: parse, then decide.
    if (body.length > 1 && parseDeclaration(body[0]) && onlyCollects(body.slice(1)) && !awaits(tryStmt.tryBlock)) return 'parse';
    // In a loop: the try only reads the item and collects what it found (`const scope = decode(x); if (ok) ids.add(id)`): an item that does not parse is skipped.
    if (insideLoop(tryStmt) && body.length && onlyCollects(body) && !awaits(tryStmt.tryBlock)) return 'skip-item';
    if (exitsLoop(body[body.length - 1]) && insideLoop(tryStmt)) return 'next-candidate';
  }
  return undefined;
}

/** `break`, `return`, or an `if` whose branch ends with one: success leaves the loop. */
function exitsLoop(s: ts.Statement | undefined): boolean {
  if (!s) return false;
  if (ts.isBreakStatement(s) || ts.isReturnStatement(s)) return true;
  if (!ts.isIfStatement(s)) return false;
  const then = s.thenStatement;
  return ts.isBlock(then) ? exitsLoop(then.statements[then.statements.length - 1]) : exitsLoop(then);
}

/** The statement is in a loop body, through blocks and `if`s only. */
function insideLoop(stmt: ts.Node): boolean {
  for (let p = stmt.parent; p; p = p.parent) {
    if (ts.isIterationStatement(p, false)) return true;
    if (!ts.isBlock(p) && !ts.isIfStatement(p)) return false;
  }
  return false;
}

/** `const x = await stat(p)` → that call. */
function firstInitializerCall(stmt: ts.Statement | undefined): ts.CallExpression | undefined {
  if (!stmt || !ts.isVariableStatement(stmt)) return undefined;
  const init = stmt.declarationList.declarations[0]?.initializer;
  return init ? unwrapCall(init) : undefined;
}

/** `x = f()` / `this.x = f()` → `x`; otherwise undefined. */
function assignedName(stmt: ts.Statement): string | undefined {
  if (!ts.isExpressionStatement(stmt)) return undefined;
  const e = unwrap(stmt.expression);
  return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(e.left) ? e.left.text : undefined;
}

/** `let x;` / `var x = ...` earlier in the enclosing function (or the file), or a parameter of it. */
function declaredBefore(sf: ts.SourceFile, tryStmt: ts.TryStatement, name: string): boolean {
  let fn: ts.Node | undefined = tryStmt.parent;
  while (fn && !ts.isFunctionLike(fn) && !ts.isSourceFile(fn)) fn = fn.parent;
  if (fn && ts.isFunctionLike(fn) && fn.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) return true;
  const from = fn ? fn.pos : 0;
  return new RegExp(`\\b(?:let|var)\\s+(?:[^;=]*[,\\s])?${name.replace(/\$/g, '\\$')}\\b`).test(sf.text.slice(from, tryStmt.pos));
}

/** Statements that only read and collect: declarations, assignments, `x.push/add/set(...)`, and `if`s / `continue` around them. */
function onlyCollects(stmts: readonly ts.Statement[]): boolean {
  return stmts.every((st) => {
    if (ts.isVariableStatement(st) || ts.isContinueStatement(st) || ts.isEmptyStatement(st) || ts.isReturnStatement(st) || ts.isBreakStatement(st)) return true;
    if (ts.isIfStatement(st)) return onlyCollects(blockStatements(st.thenStatement)) && (!st.elseStatement || onlyCollects(blockStatements(st.elseStatement)));
    if (!ts.isExpressionStatement(st)) return false;
    const e = unwrap(st.expression);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return true;
    return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^(?:push|add|set|unshift)$/.test(e.expression.name.text);
  });
}

/** An `await` in the block (not in a nested function). */
function awaits(node: ts.Node): boolean {
  if (ts.isAwaitExpression(node)) return true;
  if (ts.isFunctionLike(node)) return false;
  return !!ts.forEachChild(node, (c) => (awaits(c) ? true : undefined));
}

/** Names assigned by the statements, also inside `if`s (`x = ...`, not `a.b = ...`). */
function assignedNames(stmts: readonly ts.Statement[]): string[] {
  return stmts.flatMap((st) => (ts.isIfStatement(st) ? [...assignedNames(blockStatements(st.thenStatement)), ...(st.elseStatement ? assignedNames(blockStatements(st.elseStatement)) : [])] : assignedName(st) ? [assignedName(st)!] : []));
}

/** `const u = new URL(s)` / `const data = JSON.parse(s)`. */
function parseDeclaration(st: ts.Statement): boolean {
  if (!ts.isVariableStatement(st)) return false;
  return st.declarationList.declarations.every((d) => {
    const init = d.initializer && unwrap(d.initializer);
    return !!init && ((ts.isNewExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'URL') || (ts.isCallExpression(init) && /^(?:JSON|JSON5)\.parse$/.test(init.expression.getText())));
  });
}

function blockStatements(st: ts.Statement): readonly ts.Statement[] {
  return ts.isBlock(st) ? st.statements : [st];
}

/**
 * Why an empty `.catch(() => {})` is deliberate, if it is: the promise is a cleanup, a drained
 * body or telemetry (`rm(dir).catch(() => {})`, `strapi.telemetry.send(e).catch(() => {})`), its
 * producer in this file handles its own errors, it sits in a `finally` or in a catch that reports
 * the first failure, or the promise is kept elsewhere in the function (awaited, returned, stored:
 * `installLock = result.catch(() => {}); return result`), so the empty callback only keeps this
 * branch from becoming an unhandled rejection.
 */
export function deliberateEmptyPromiseCatch(sf: ts.SourceFile, call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const promise = unwrap(callee.expression);
  const producer = unwrapCall(promise);
  if (producer) {
    const why = harmlessCall(producer, sf);
    if (why) return why;
    // `check().then(() => access = true).catch(() => {})`: the rejection is the answer "no".
    const thenCb = ts.isPropertyAccessExpression(unwrap(producer.expression)) && (unwrap(producer.expression) as ts.PropertyAccessExpression).name.text === 'then' ? producer.arguments[0] : undefined;
    if (thenCb && (ts.isArrowFunction(thenCb) || ts.isFunctionExpression(thenCb)) && assignsOnly(thenCb.body)) return 'answer';
    if (PROBE_CALL.test(callParts(producer, sf).name ?? '')) return 'probe';
    if (producerHandlesErrors(producer, sf)) return 'producer';
  }
  if (insideFinally(call)) return 'cleanup';
  if (insideReportingCatch(call, sf)) return 'nested';
  if (!producer && (ts.isIdentifier(promise) || ts.isPropertyAccessExpression(promise))) {
    const name = promise.getText(sf);
    const scope = enclosingFunctionBody(call) ?? sf;
    const text = sf.text.slice(scope.pos, scope.end);
    const uses = text.match(new RegExp(`(?<![\\w$.])${name.replace(/[.$]/g, '\\$&')}(?![\\w$])`, 'g'))?.length ?? 0;
    if (uses > 1) return 'observed';
  }
  return undefined;
}

function assignsOnly(body: ts.ConciseBody): boolean {
  const isAssign = (e: ts.Expression) => ts.isBinaryExpression(unwrap(e)) && (unwrap(e) as ts.BinaryExpression).operatorToken.kind === ts.SyntaxKind.EqualsToken;
  return ts.isBlock(body) ? body.statements.length > 0 && body.statements.every((st) => ts.isExpressionStatement(st) && isAssign(st.expression)) : isAssign(body);
}

function enclosingFunctionBody(node: ts.Node): ts.Node | undefined {
  for (let p: ts.Node = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isFunctionLike(p)) return (p as ts.FunctionLikeDeclaration).body ?? p;
  }
  return undefined;
}

function containsReturn(node: ts.Node): boolean {
  if (ts.isReturnStatement(node)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return !!ts.forEachChild(node, (c) => (containsReturn(c) ? true : undefined));
}
