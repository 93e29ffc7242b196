import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { callArgs, dottedName } from '../analysis/python/nodes';
import { format, type Rule } from '../analysis/rule';

/** A condition that samples or rate-limits (`i % 1000 == 0`, `should_log()`, `sampler.sample()`, `random() < 0.01`), or an explicit verbosity flag. */
const SAMPLING = /%|sampl|should_?log|rate_?limit|throttl|random|limiter|every_?n\b|log_every|verbose/i;
/** Retry loops (`for attempt in range(max_attempts)`, `while retries < 3`) are bounded by design. */
const RETRY = /retr(y|ies)|attempt|(^|[^a-z])tries\b|backoff/i;
/** A `while` loop that sleeps or waits between rounds is a polling loop, rate-limited by time. */
const PACED = /\b(sleep|delay|setTimeout|wait|wait_for)\s*\(/;
const MAX_SMALL = 10;

const PY_BOUNDARIES = new Set(['function_definition', 'lambda', 'class_definition', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const PY_HANDLERS = new Set(['except_clause', 'except_group_clause']);
const PY_SMALL_LITERALS = new Set(['list', 'tuple', 'set']);

export const logInLoop: Rule = {
  id: 'log-in-loop',
  defaultSeverity: 'info',
  docs: { summary: 'A debug/info log call runs on every iteration of a loop over a collection (or an endless loop) without sampling.' },
  messages: {
    inLoop: '`{callee}` logs at {level} level on every iteration of this loop: one line per item floods the logs. Log once after the loop (with a count), or sample (`if i % 1000 == 0`).',
  },
  hasFix: false,

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
 * The loops the walk is currently inside. Listeners run in document order and a loop comes
 * before everything in it, so the innermost open loop is on top: a call outside every loop
 * is dismissed without walking its ancestors.
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
  let child = call;
  for (let p = call.parent; p; child = p, p = p.parent) {
    const type = p.type;
    if (PY_BOUNDARIES.has(type) || PY_HANDLERS.has(type)) return false;
    if (type === 'if_statement' || type === 'elif_clause') {
      const cond = p.childForFieldName('condition');
      if (cond && SAMPLING.test(text.slice(cond.startIndex, cond.endIndex))) return false;
      continue;
    }
    if (type !== 'for_statement' && type !== 'while_statement') continue;
    const body = p.childForFieldName('body');
    if (!body || body.id !== child.id) continue; // the `else:` clause runs once; an outer loop may still apply
    if (pyEarlyContinueGuard(body, call.startIndex, text)) return false;
    if (type === 'while_statement') {
      const cond = p.childForFieldName('condition');
      const condText = cond ? text.slice(cond.startIndex, cond.endIndex) : '';
      return !RETRY.test(condText) && !PACED.test(condText) && !PACED.test(text.slice(body.startIndex, body.endIndex));
    }
    const target = p.childForFieldName('left');
    const iter = p.childForFieldName('right');
    if (target && RETRY.test(text.slice(target.startIndex, target.endIndex))) return false;
    return !iter || !pySmallIterable(iter, text);
  }
  return false;
}

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

/** `if i % 100: continue` before the call, directly in the loop body. */
function pyEarlyContinueGuard(body: Node, before: number, text: string): boolean {
  for (const stmt of body.namedChildren) {
    if (!stmt || stmt.startIndex >= before) break;
    if (stmt.type !== 'if_statement') continue;
    const cond = stmt.childForFieldName('condition');
    if (cond && SAMPLING.test(text.slice(cond.startIndex, cond.endIndex))) return true;
  }
  return false;
}

type JsLoop = ts.IterationStatement;

function jsPerIteration(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const text = sf.text;
  const slice = (n: ts.Node | undefined) => (n ? text.slice(n.pos, n.end) : '');
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
    if (ts.isFunctionLike(p) || ts.isClassLike(p) || ts.isClassStaticBlockDeclaration(p)) {
      const forEach = forEachReceiver(p);
      if (!forEach) return false;
      return !(ts.isArrayLiteralExpression(unwrapJs(forEach)) && (unwrapJs(forEach) as ts.ArrayLiteralExpression).elements.length <= MAX_SMALL);
    }
    if (!ts.isIterationStatement(p, false) || (p as JsLoop).statement !== child) continue;
    const loop = p as JsLoop;
    if (jsEarlyContinueGuard(loop.statement, call.pos, slice)) return false;
    if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) {
      const cond = slice(loop.expression);
      return !RETRY.test(cond) && !PACED.test(cond) && !PACED.test(slice(loop.statement));
    }
    if (ts.isForStatement(loop)) {
      const head = slice(loop.initializer) + slice(loop.condition);
      return !RETRY.test(head) && !jsSmallForBound(loop.condition);
    }
    const { initializer, expression } = loop as ts.ForOfStatement | ts.ForInStatement;
    if (RETRY.test(slice(initializer))) return false;
    const iter = unwrapJs(expression);
    if (ts.isArrayLiteralExpression(iter)) return iter.elements.length > MAX_SMALL || iter.elements.some(ts.isSpreadElement);
    if (ts.isObjectLiteralExpression(iter)) return iter.properties.length > MAX_SMALL;
    return true;
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

/** `i < 3`, `i <= 5`, `3 > i`: a counted loop of at most 10 rounds. */
function jsSmallForBound(cond: ts.Expression | undefined): boolean {
  if (!cond || !ts.isBinaryExpression(cond)) return false;
  const op = cond.operatorToken.kind;
  const bound = op === ts.SyntaxKind.LessThanToken || op === ts.SyntaxKind.LessThanEqualsToken ? cond.right
    : op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken ? cond.left : undefined;
  return !!bound && ts.isNumericLiteral(bound) && Number(bound.text) <= MAX_SMALL;
}

/** `if (i % 100 !== 0) continue;` before the call, directly in the loop body. */
function jsEarlyContinueGuard(body: ts.Statement, before: number, slice: (n: ts.Node | undefined) => string): boolean {
  if (!ts.isBlock(body)) return false;
  for (const stmt of body.statements) {
    if (stmt.pos >= before) break;
    if (ts.isIfStatement(stmt) && SAMPLING.test(slice(stmt.expression))) return true;
  }
  return false;
}
