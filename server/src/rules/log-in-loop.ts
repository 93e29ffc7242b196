import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { dottedName as jsDottedName } from '../analysis/js/nodes';
import { callArgs, dottedName } from '../analysis/python/nodes';
import { format, type Rule } from '../analysis/rule';
import { SHIPPED_CODE } from '../analysis/project/roles';

/**
 * A condition that samples (`i % 1000 == 0`, `should_log()`, `random() < 0.01`), throttles by time
 * (`next_msg <= time.monotonic()`), or a verbosity or debug flag (`args.verbose`, `self._debug`).
 */
const SAMPLING = /%|sampl|should_?log|rate_?limit|throttl|random|limiter|every_?n\b|log_every|verbose|debug|isEnabledFor|isLevelEnabled|monotonic|perf_counter|\btime\(\)|\bnow\(\)/i;
/** Collections sized by configuration, not by traffic: one line per listening address or plugin is fine. */
const CONFIG_SIZED = /^(addresses|addrs|hosts|hostnames|servers|listeners|ports|interfaces|plugins|extensions|middlewares|steps|bootsteps|stages|phases|backends|transports|sinks|exporters|providers)$/i;
/** Retry loops (`for attempt in range(max_attempts)`, `while retries < 3`) are bounded by design. */
const RETRY = /retr(y|ies)|attempt|(^|[^a-z])tries\b|backoff/i;
/** A `while` loop that sleeps or waits between rounds is a polling loop, rate-limited by time. */
const PACED = /\b(sleep|delay|setTimeout|wait|wait_for)\s*\(/;
const MAX_SMALL = 10;

/** Nested scopes run later; `except` handlers run when something goes wrong. */
const PY_BOUNDARIES = new Set(['function_definition', 'lambda', 'class_definition', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'except_clause', 'except_group_clause']);
const PY_SMALL_LITERALS = new Set(['list', 'tuple', 'set']);
const PY_EXITS = new Set(['break_statement', 'return_statement', 'raise_statement']);

export const logInLoop: Rule = {
  id: 'log-in-loop',
  defaultSeverity: 'info',
  docs: { summary: 'A debug/info log call runs on every iteration of a loop over a collection (or an endless loop) without sampling.' },
  messages: {
    inLoop: '`{callee}` logs at {level} level on every iteration of this loop: one line per item floods the logs. Log once after the loop (with a count), or sample (`if i % 1000 == 0`).',
  },
  hasFix: false,
  roles: SHIPPED_CODE,

  python(ctx) {
    const loops = new OpenRanges();
    const enter = (node: Node) => loops.push(node.startIndex, node.endIndex);
    return {
      for_statement: enter,
      while_statement: enter,
      call(node: Node) {
        const lc = ctx.facts.loggerCall(node);
        if (!lc || (lc.level !== 'debug' && lc.level !== 'info')) return;
        if (!loops.inside(node.startIndex) || !pyPerIteration(node, ctx.text)) return;
        const { fn, name } = ctx.facts.callee(node);
        if (fn) ctx.report({ start: fn.startIndex, end: fn.endIndex, message: format(logInLoop.messages.inLoop, { callee: name ?? fn.text, level: lc.level }) });
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    const loops = new OpenRanges();
    const enter = (node: ts.Node) => loops.push(node.pos, node.end);
    return {
      [ts.SyntaxKind.ForStatement]: enter,
      [ts.SyntaxKind.ForOfStatement]: enter,
      [ts.SyntaxKind.ForInStatement]: enter,
      [ts.SyntaxKind.WhileStatement]: enter,
      [ts.SyntaxKind.DoStatement]: enter,
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const call = node as ts.CallExpression;
        if (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'forEach') enter(call);
        const lc = ctx.facts.loggerCall(call);
        if (!lc || lc.kind === 'console' || (lc.level !== 'debug' && lc.level !== 'info')) return;
        if (!loops.inside(call.pos) || !jsPerIteration(call, sf)) return;
        const callee = call.expression;
        ctx.report({ start: callee.getStart(sf), end: callee.end, message: format(logInLoop.messages.inLoop, { callee: callee.getText(sf), level: lc.level }) });
      },
    };
  },
};

/**
 * The loops the walk is currently inside (listeners run in document order, so the innermost
 * open loop is on top): a call outside every loop is dismissed without walking its ancestors.
 */
class OpenRanges {
  private readonly ends: number[] = [];
  push(start: number, end: number): void {
    this.close(start);
    this.ends.push(end);
  }
  inside(offset: number): boolean {
    this.close(offset);
    return this.ends.length > 0;
  }
  private close(offset: number): void {
    while (this.ends.length && this.ends[this.ends.length - 1] <= offset) this.ends.pop();
  }
}

/** Whether the call runs once per iteration of its innermost enclosing loop, unguarded. */
function pyPerIteration(call: Node, text: string): boolean {
  const slice = (n: Node | null) => (n ? text.slice(n.startIndex, n.endIndex) : '');
  const stops: string[] = []; // flags the call's branch switches off: `self.alive = False` → `self.alive`
  let child = call;
  for (let p = call.parent; p; child = p, p = p.parent) {
    const type = p.type;
    if (PY_BOUNDARIES.has(type)) return false;
    if (type === 'if_statement' || type === 'elif_clause') {
      if (SAMPLING.test(slice(p.childForFieldName('condition')))) return false;
      continue;
    }
    if (type === 'block') {
      // `log.info("shutting down"); break` runs once; `if i % 100: continue` before the call samples.
      let after = false;
      for (const s of p.namedChildren) {
        if (s?.id === child.id) after = true;
        else if (!s) continue;
        else if (after && PY_EXITS.has(s.type)) return false;
        else if (!after && s.type === 'if_statement' && SAMPLING.test(slice(s.childForFieldName('condition')))) return false;
        const a = s?.type === 'expression_statement' ? s.firstNamedChild : null;
        const right = a?.type === 'assignment' ? a.childForFieldName('right')?.type : undefined;
        if (right === 'false' || right === 'none' || right === 'true') stops.push(`${right === 'true' ? 'not ' : ''}${slice(a!.childForFieldName('left'))}`);
      }
      continue;
    }
    if (type !== 'for_statement' && type !== 'while_statement') continue;
    const body = p.childForFieldName('body');
    if (!body || body.id !== child.id) continue; // the `else:` clause runs once; an outer loop may still apply
    if (type === 'while_statement') {
      const condText = slice(p.childForFieldName('condition')).replace(/\s+/g, ' ');
      return !RETRY.test(condText) && !PACED.test(condText) && !PACED.test(slice(body)) && !stops.includes(condText);
    }
    const iter = p.childForFieldName('right');
    if (RETRY.test(slice(p.childForFieldName('left')))) return false;
    return !iter || (!pySmallIterable(iter, text) && !configSized(dottedName(pyCollection(iter))));
  }
  return false;
}

/** The collection a `for` walks: `xs` in `enumerate(xs)`, `sorted(xs)`, `enumerate(x for x in xs if x)`. */
function pyCollection(iter: Node): Node | null | undefined {
  const arg = iter.type === 'call' && /^(enumerate|sorted|list|reversed|tuple|set)$/.test(iter.childForFieldName('function')?.text ?? '') ? iter.childForFieldName('arguments') : null;
  const inner = arg?.type === 'generator_expression' ? arg : arg ? callArgs(iter).positional[0] : iter;
  return inner?.type === 'generator_expression' ? inner.namedChildren.find((c) => c?.type === 'for_in_clause')?.childForFieldName('right') : inner;
}

/** `self.listen_addresses`, `server.addresses`, `listenAddresses`: the last word names a configuration-sized collection. */
const configSized = (name: string | undefined): boolean => CONFIG_SIZED.test(name?.split(/[._]|(?=[A-Z])/).pop() ?? '');

/** `range(k)` / `range(a, b[, s])` with at most 10 steps, `range(max_retries)`, or a literal list/tuple/set of ≤ 10 items. */
function pySmallIterable(iter: Node, text: string): boolean {
  if (PY_SMALL_LITERALS.has(iter.type)) {
    const items = iter.namedChildren.filter((c) => c && c.type !== 'comment');
    return items.length <= MAX_SMALL && items.every((c) => c!.type !== 'list_splat');
  }
  if (iter.type !== 'call' || dottedName(iter.childForFieldName('function')) !== 'range') return false;
  const args = callArgs(iter).positional;
  if (args.some((a) => RETRY.test(text.slice(a.startIndex, a.endIndex)))) return true;
  const nums = args.map((a) => (a.type === 'integer' || a.type === 'unary_operator' ? Number(a.text.replace(/[_\s]/g, '')) : NaN));
  if (nums.length === 0 || nums.some((n) => !Number.isFinite(n))) return false;
  const [start, stop, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  return step !== 0 && Math.ceil((stop - start) / step) <= MAX_SMALL;
}

type JsLoop = ts.IterationStatement;
function jsPerIteration(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const text = sf.text;
  const slice = (n: ts.Node | undefined) => (n ? text.slice(n.pos, n.end) : '');
  const stops: string[] = [];
  let child: ts.Node = call;
  for (let p = call.parent; p; child = p, p = p.parent) {
    if (ts.isCatchClause(p)) return false;
    if (ts.isIfStatement(p)) {
      if (SAMPLING.test(slice(p.expression))) return false;
      continue;
    }
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === p.right) {
      if (SAMPLING.test(slice(p.left))) return false;
      continue;
    }
    if (ts.isBlock(p) && jsBlockDecides(p, child, stops, sf)) return false;
    if (ts.isFunctionLike(p) || ts.isClassLike(p) || ts.isClassStaticBlockDeclaration(p)) {
      const forEach = forEachReceiver(p);
      if (!forEach) return false;
      return !(ts.isArrayLiteralExpression(unwrapJs(forEach)) && (unwrapJs(forEach) as ts.ArrayLiteralExpression).elements.length <= MAX_SMALL) && !configSized(jsDottedName(forEach));
    }
    if (!ts.isIterationStatement(p, false) || (p as JsLoop).statement !== child) continue;
    const loop = p as JsLoop;
    if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) {
      const cond = slice(loop.expression);
      return !RETRY.test(cond) && !PACED.test(cond) && !PACED.test(slice(loop.statement)) && !stops.includes(cond.trim().replace(/\s+/g, ' '));
    }
    if (ts.isForStatement(loop)) {
      const head = slice(loop.initializer) + slice(loop.condition);
      return !RETRY.test(head) && !jsSmallForBound(loop.condition, sf);
    }
    const { initializer, expression } = loop as ts.ForOfStatement | ts.ForInStatement;
    if (RETRY.test(slice(initializer))) return false;
    const iter = unwrapJs(expression);
    if (ts.isArrayLiteralExpression(iter)) return iter.elements.length > MAX_SMALL || iter.elements.some(ts.isSpreadElement);
    if (ts.isObjectLiteralExpression(iter)) return iter.properties.length > MAX_SMALL;
    return !configSized(jsDottedName(iter));
  }
  return false;
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
