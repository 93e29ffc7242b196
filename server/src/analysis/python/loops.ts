/**
 * Python loops as `log-in-loop` sees them: whether a call runs on every round of its innermost
 * loop (`pyPerIteration`), and whether it still cannot flood (`pyCannotFlood`). Walks up from the
 * call only; asked for logger calls inside a loop.
 */
import type { Node } from 'web-tree-sitter';
import { afterQuote, assigns, boundedCollection, failureOrListMessage, isErrorCondition, MATCH_CALL, MAX_SMALL, onceOrOutputFunction, PACED, RETRY, SAMPLING, unsetTest } from '../loopBounds';
import type { PyLoggerCall } from './facts';
import { logParts } from './logCalls';
import { callArgs, dottedName } from './nodes';

/** Nested scopes run later; `except` handlers run when something goes wrong. */
const PY_BOUNDARIES = new Set(['function_definition', 'lambda', 'class_definition', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'except_clause', 'except_group_clause']);
const PY_SMALL_LITERALS = new Set(['list', 'tuple', 'set']);
const PY_EXITS = new Set(['break_statement', 'return_statement', 'raise_statement']);
/** A call that runs on every iteration of `loop`, and the conditions of the branches holding it (`if cond:` → the call runs when `cond`). */
export interface PyHit { loop: Node; branches: { cond: Node; body: Node }[] }

/** Whether the call runs once per iteration of its innermost enclosing loop, unguarded. */
export function pyPerIteration(call: Node, text: string): PyHit | undefined {
  const slice = (n: Node | null) => (n ? text.slice(n.startIndex, n.endIndex) : '');
  const stops: string[] = []; // flags the call's branch switches off: `self.alive = False` → `self.alive`
  const branches: PyHit['branches'] = [];
  let child = call;
  for (let p = call.parent; p; child = p, p = p.parent) {
    const type = p.type;
    if (PY_BOUNDARIES.has(type)) return undefined;
    if (type === 'if_statement' || type === 'elif_clause') {
      const cond = p.childForFieldName('condition');
      if (SAMPLING.test(slice(cond))) return undefined;
      if (cond && p.childForFieldName('consequence')?.id === child.id) branches.push({ cond, body: child });
      continue;
    }
    if (type === 'block') {
      // `log.info("shutting down"); break` runs once; `if i % 100: continue` before the call samples.
      let after = false;
      for (const s of p.namedChildren) {
        if (s?.id === child.id) after = true;
        else if (!s) continue;
        else if (after && PY_EXITS.has(s.type)) return undefined;
        else if (!after && s.type === 'if_statement' && SAMPLING.test(slice(s.childForFieldName('condition')))) return undefined;
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
      return !RETRY.test(condText) && !PACED.test(condText) && !PACED.test(slice(body)) && !stops.includes(condText) ? { loop: p, branches } : undefined;
    }
    const iter = p.childForFieldName('right');
    // `for attempt in range(5)` / `Retrying(...)` retries; `for attempt in attempts` walks a collection.
    if (iter && RETRY.test(slice(p.childForFieldName('left'))) && pyIsCounter(iter)) return undefined;
    return !iter || (!pySmallIterable(iter, text) && !boundedCollection(dottedName(pyCollection(iter)))) ? { loop: p, branches } : undefined;
  }
  return undefined;
}

/** A `for` iterable that counts or paces rounds (`range(n)`, `itertools.count()`, `Retrying(...)`) rather than a collection. */
function pyIsCounter(iter: Node): boolean {
  if (iter.type !== 'call') return false;
  const fn = iter.childForFieldName('function');
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
  return !!name && !/^(enumerate|sorted|list|reversed|tuple|set|zip|filter|map|items|keys|values|iter)$/.test(name);
}

/**
 * The call cannot flood although it runs in the loop's body: it is on an error path (a branch
 * testing a failure, a message reporting one, a loop inside an `except`), it runs for the matching
 * item only (`if name == wanted:`, `if pattern.match(x):`) or once (`if not self._cache:` that
 * fills the cache), its message is a line of a list, or the loop is in a function that runs once
 * (startup, registration, shutdown) or whose job is output.
 */
export function pyCannotFlood(hit: PyHit, lc: PyLoggerCall, text: string): boolean {
  const slice = (n: Node | null | undefined) => (n ? text.slice(n.startIndex, n.endIndex) : '');
  const vars = new Set<string>();
  const left = hit.loop.type === 'for_statement' ? hit.loop.childForFieldName('left') : null;
  if (left) for (const id of left.type === 'identifier' ? [left] : left.descendantsOfType('identifier')) if (id) vars.add(id.text);
  for (const { cond, body } of hit.branches) {
    const c = slice(cond);
    if (isErrorCondition(c) || MATCH_CALL.test(c)) return true;
    if (conjuncts(cond).some((t) => pyMatchesOne(t, vars))) return true;
    const unset = unsetTest(c);
    if (unset && assigns(slice(body), unset)) return true;
  }
  const msg = logParts(lc).message;
  if (msg && (msg.type === 'string' || msg.type === 'concatenated_string') && failureOrListMessage(afterQuote(slice(msg)))) return true;
  // `for line in lines: log.info(line)`: the item is the message; printing them is the job.
  if (msg?.type === 'identifier' && vars.has(msg.text)) return true;
  for (let p = hit.loop.parent; p; p = p.parent) {
    if (p.type === 'except_clause' || p.type === 'except_group_clause') return true;
    if (p.type === 'function_definition') {
      const why = onceOrOutputFunction(p.childForFieldName('name')?.text);
      return why === 'output' || (why === 'once' && hit.loop.type === 'for_statement');
    }
    if (p.type === 'class_definition' || p.type === 'lambda') return false;
  }
  return false;
}

/**
 * The collection a `for` walks: `xs` in `enumerate(xs)`, `sorted(xs)`, `enumerate(x for x in xs if x)`,
 * `xs.items()`, `options.names.split(',')`.
 */
function pyCollection(iter: Node): Node | null | undefined {
  if (iter.type === 'call') {
    const fn = iter.childForFieldName('function');
    if (fn?.type === 'attribute' && /^(items|keys|values|split|splitlines|copy)$/.test(fn.childForFieldName('attribute')?.text ?? '')) return pyCollection(fn.childForFieldName('object') ?? iter);
  }
  const arg = iter.type === 'call' && /^(enumerate|sorted|list|reversed|tuple|set)$/.test(iter.childForFieldName('function')?.text ?? '') ? iter.childForFieldName('arguments') : null;
  const inner = arg?.type === 'generator_expression' ? arg : arg ? callArgs(iter).positional[0] : iter;
  return inner?.type === 'generator_expression' ? inner.namedChildren.find((c) => c?.type === 'for_in_clause')?.childForFieldName('right') : inner;
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

/** `a and b and c` → `a`, `b`, `c` (through parentheses). */
function conjuncts(cond: Node): Node[] {
  if (cond.type === 'parenthesized_expression' && cond.namedChildren[0]) return conjuncts(cond.namedChildren[0]);
  if (cond.type === 'boolean_operator' && cond.childForFieldName('operator')?.type === 'and') {
    return [cond.childForFieldName('left'), cond.childForFieldName('right')].flatMap((c) => (c ? conjuncts(c) : []));
  }
  return [cond];
}

const PY_LITERAL_TYPES = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none']);

/**
 * `name == wanted` / `handler.name == name` / `key is target`: the loop looks for the item that
 * matches a value; one item does. Against a literal only the loop variable itself matches once
 * (`key == "tls"` among unique keys); `order.status == "paid"` filters many.
 */
function pyMatchesOne(t: Node, vars: Set<string>): boolean {
  if (t.type !== 'comparison_operator' || !/^(==|is)$/.test(t.children[1]?.type ?? '')) return false;
  const [a, b] = [t.namedChildren[0], t.namedChildren[1]];
  if (!a || !b || t.namedChildCount !== 2) return false;
  const root = (n: Node): string | undefined => (n.type === 'identifier' ? n.text : n.type === 'attribute' || n.type === 'subscript' ? root(n.namedChildren[0]!) : undefined);
  const side = (x: Node, y: Node) => {
    const r = root(x);
    if (!r || !vars.has(r)) return false;
    const other = root(y);
    return x.type === 'identifier' ? !(other && vars.has(other)) : !PY_LITERAL_TYPES.has(y.type) && !(other && vars.has(other));
  };
  return side(a, b) || side(b, a);
}
