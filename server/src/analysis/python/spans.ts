/**
 * OpenTelemetry tracers and spans in Python (RULES.md "Tracing").
 *
 * Tracers: `trace.get_tracer(...)` / `provider.get_tracer(...)` results, names bound to them in
 * this file, and the name heuristic (`tracer`, `_tracer`, `*_tracer`, `*Tracer`, `self.tracer`).
 * Span starts: `<tracer>.start_span(...)` and `<tracer>.start_as_current_span(...)`.
 * Spans: names bound from a span start, `trace.get_current_span()` or `with ... as s`, and the
 * name heuristic (`span`, `*_span`, `*Span`, `self.span`).
 *
 * Precision first: in a file that imports another tracing library (OpenTracing, ddtrace,
 * Sentry, Elastic APM) and not OpenTelemetry, the name heuristics are off. `.finish()` counts
 * as an end everywhere, like `.end()`.
 */
import type { Node } from 'web-tree-sitter';
import type { PyContext } from '../rule';
import type { PyFacts } from './facts';
import { pyProjectSymbol } from '../project/telemetrySymbols';
import { pyBounded } from './boundedValues';
import { dictFields, type PyField } from './logCalls';
import { callArgs, dottedName, interpolations, isStaticString, isStringLike, plusLeaves, stringValue } from './nodes';

/** A file without these words has no span starts: the tracing rules skip it at no cost. */
export const PY_TRACING_TEXT = /\bstart_(?:as_current_)?span\b|\buse_span\b/;

export type PySpanMethod = 'start_span' | 'start_as_current_span';

export interface PySpanStart {
  call: Node;
  method: PySpanMethod;
  /** The `start_span` identifier of the callee. */
  methodNode: Node;
  /** The span name argument (first positional or `name=`). */
  name?: Node;
  /** The `attributes=` keyword value. */
  attributes?: Node;
}

const TRACER_NAME = /^(tracer|_tracer|TRACER|_TRACER|\w+_tracer|\w+_TRACER|\w*[a-z]Tracer)$/;
const SPAN_NAME = /^(span|_span|SPAN|\w+_span|\w*[a-z]Span)$/;
const OTHER_TRACING = /^(opentracing|ddtrace|sentry_sdk|elasticapm|jaeger_client)\b/;
const START_METHODS = new Set<string>(['start_span', 'start_as_current_span']);
const END_METHODS = new Set(['end', 'finish']);
/** Scopes a span variable lives in: uses in a nested one run at another time. */
const SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);
/** Calls that take a span without taking over ending it. */
const NON_OWNING = new Set(['set_span_in_context', 'use_span']);

interface FileState {
  /** Heuristic names are trusted (the file does not use another tracing library only). */
  heuristics: boolean;
  tracers?: Set<string>;
  spans?: Set<string>;
  starts: Map<number, PySpanStart | null>;
  /** Offset of a `start_span(` in the text → the assigned span start there, if it is one. */
  assignedStarts: Map<number, { start: PySpanStart; name: string } | null>;
  layout?: Layout;
  tries: Map<number, { bodyEnd: number; all: boolean }>;
  decorated: Map<number, boolean>;
  withSpans: Map<number, { span?: string } | null>;
  /** The file's functions that run their caller's code in a span (see `spanHelpers`). */
  helpers?: SpanHelpers;
}

/**
 * Project functions that run their caller's code inside a span: context managers (a
 * `@contextmanager` that yields inside `with tracer.start_as_current_span(...)`, or a function
 * returning `tracer.start_as_current_span(...)`), usable as `with f(...)` and `@f(...)`; and
 * decorators (a function whose span wraps a call of the function it decorates), usable as `@f`
 * and `@f(...)`. `yieldsSpan`: `with f(...) as x` binds the span itself.
 */
interface SpanHelpers {
  managers: Map<string, { yieldsSpan: boolean }>;
  decorators: Set<string>;
  /** Node ids of the helpers' `function_definition`s. */
  ids: Set<number>;
}

/** Whether a module-level function of this file runs its caller's code in a span (a project export of kind `span-scope`). */
export function pyIsSpanHelper(ctx: PyContext, fn: Node): boolean {
  return PY_TRACING_TEXT.test(ctx.text) && spanHelpers(ctx).ids.has(fn.id);
}

const STATE = new WeakMap<PyFacts, FileState>();

function fileState(facts: PyFacts): FileState {
  let st = STATE.get(facts);
  if (!st) {
    const modules = [...facts.imports.values()];
    const otel = modules.some((q) => q.startsWith('opentelemetry'));
    st = { heuristics: otel || !modules.some((q) => OTHER_TRACING.test(q)), starts: new Map(), assignedStarts: new Map(), tries: new Map(), decorated: new Map(), withSpans: new Map() };
    STATE.set(facts, st);
  }
  return st;
}

const last = (dotted: string) => dotted.slice(dotted.lastIndexOf('.') + 1);


/** Whether an expression evaluates to an OpenTelemetry tracer. */
export function isPyTracer(expr: Node | null | undefined, ctx: PyContext): boolean {
  if (!expr) return false;
  const st = fileState(ctx.facts);
  if (expr.type === 'identifier' || expr.type === 'attribute') {
    const name = dottedName(expr);
    if (!name) return false;
    return (st.heuristics && TRACER_NAME.test(last(name))) || bindings(ctx).tracers.has(name) || pyProjectSymbol(ctx, name)?.kind === 'tracer';
  }
  if (expr.type === 'call') {
    const { name, method } = ctx.facts.callee(expr);
    if (method !== 'get_tracer') return false;
    if (name && ctx.facts.qualify(name).startsWith('opentelemetry.')) return true;
    return st.heuristics;
  }
  return false;
}

/** A span started by this call (`tracer.start_span("x")`, `tracer.start_as_current_span("x")`); cached. */
export function pySpanStart(call: Node, ctx: PyContext): PySpanStart | undefined {
  const { fn, method } = ctx.facts.callee(call);
  if (!method || !START_METHODS.has(method) || !fn) return undefined;
  const st = fileState(ctx.facts);
  const cached = st.starts.get(call.id);
  if (cached !== undefined) return cached ?? undefined;
  let result: PySpanStart | undefined;
  const methodNode = fn.childForFieldName('attribute');
  if (methodNode && isPyTracer(fn.childForFieldName('object'), ctx)) {
    const args = callArgs(call);
    result = { call, method: method as PySpanMethod, methodNode, name: args.positional[0] ?? args.keywords.get('name')?.value, attributes: args.keywords.get('attributes')?.value };
  }
  st.starts.set(call.id, result ?? null);
  return result;
}

/** Whether an expression is a span: a bound span name, a span-like name, `trace.get_current_span()`, a span start. */
export function isPySpan(expr: Node | null | undefined, ctx: PyContext): boolean {
  if (!expr) return false;
  if (expr.type === 'identifier' || expr.type === 'attribute') {
    const name = dottedName(expr);
    if (!name) return false;
    return (fileState(ctx.facts).heuristics && SPAN_NAME.test(last(name))) || bindings(ctx).spans.has(name);
  }
  if (expr.type === 'call') {
    const { name, method } = ctx.facts.callee(expr);
    if (method === 'get_current_span') return !name || name === 'get_current_span' || ctx.facts.qualify(name).startsWith('opentelemetry.') || fileState(ctx.facts).heuristics;
    return !!pySpanStart(expr, ctx);
  }
  return false;
}

/** `span.update_name(name)` on a span: the span expression and the new name. */
export interface PySpanRename { call: Node; span: Node; name?: Node }

/** A span renamed by this call (`span.update_name(x)`, `trace.get_current_span().update_name(x)`). */
export function pySpanRename(call: Node, ctx: PyContext): PySpanRename | undefined {
  const { fn, method } = ctx.facts.callee(call);
  if (method !== 'update_name' || fn?.type !== 'attribute') return undefined;
  const span = fn.childForFieldName('object');
  if (!span || !isPySpan(span, ctx)) return undefined;
  const args = callArgs(call);
  return { call, span, name: args.positional[0] ?? args.keywords.get('name')?.value };
}

/**
 * For a call that sets span attributes, the attribute entries (static keys only):
 * `span.set_attribute("k", v)`, `span.set_attributes({"k": v})`, and the `attributes={...}`
 * keyword of `start_span` / `start_as_current_span`. [] for any other call.
 */
export function pySpanAttributes(call: Node, ctx: PyContext): PyField[] {
  const { fn, method } = ctx.facts.callee(call);
  if (!method || (method !== 'set_attribute' && method !== 'set_attributes' && !START_METHODS.has(method)) || fn?.type !== 'attribute') return [];
  if (method === 'set_attribute') {
    if (!isPySpan(fn.childForFieldName('object'), ctx)) return [];
    const args = callArgs(call);
    const keyNode = args.positional[0] ?? args.keywords.get('key')?.value;
    const value = args.positional[1] ?? args.keywords.get('value')?.value;
    const key = keyNode && stringValue(keyNode);
    return keyNode && value && key !== undefined ? [{ key, keyNode, value }] : [];
  }
  if (method === 'set_attributes') {
    if (!isPySpan(fn.childForFieldName('object'), ctx)) return [];
    const args = callArgs(call);
    return staticFields(args.positional[0] ?? args.keywords.get('attributes')?.value);
  }
  if (START_METHODS.has(method)) return staticFields(pySpanStart(call, ctx)?.attributes);
  return [];
}

function staticFields(node: Node | undefined): PyField[] {
  return node ? dictFields(node).filter((f) => f.keyNode.type !== 'string' || isStaticString(f.keyNode)) : [];
}

/**
 * Names bound to tracers and spans anywhere in the file, found from the text (`get_tracer(`,
 * `start_span(`...) and the node at that offset: no extra tree walk.
 */
function bindings(ctx: PyContext): { tracers: Set<string>; spans: Set<string> } {
  const st = fileState(ctx.facts);
  if (st.tracers && st.spans) return { tracers: st.tracers, spans: st.spans };
  const tracers = new Set<string>();
  const spans = new Set<string>();
  st.tracers = tracers;
  st.spans = spans;
  const root = ctx.tree.rootNode;
  for (const m of ctx.text.matchAll(/\b(get_tracer|start_span|start_as_current_span|get_current_span|use_span)\s*\(/g)) {
    const call = callAt(root, m.index, m[1].length);
    if (!call) continue;
    if (m[1] === 'get_tracer') {
      if (isPyTracer(call, ctx)) for (const t of targets(call)) tracers.add(t);
    } else if (m[1] === 'get_current_span' || m[1] === 'use_span' || pySpanStart(call, ctx)) {
      for (const t of targets(call)) spans.add(t);
    }
  }
  return { tracers, spans };
}

/** The call whose callee ends with the identifier at this offset. */
function callAt(root: Node, start: number, length: number): Node | undefined {
  const id = root.descendantForIndex(start, start + length);
  if (id?.type !== 'identifier') return undefined;
  const p = id.parent;
  const fn = p?.type === 'attribute' && p.endIndex === id.endIndex ? p : id;
  const call = fn === id ? p : fn.parent;
  return call?.type === 'call' ? call : undefined;
}

/** `X = call` → X; `self.x = call` → self.x; class attribute → self.x; `with call as X` → X. */
function targets(call: Node): string[] {
  const p = call.parent;
  if (p?.type === 'as_pattern' && p.parent?.type === 'with_item') {
    const alias = dottedName(p.childForFieldName('alias')?.namedChildren[0]);
    return alias ? [alias] : [];
  }
  if (p?.type !== 'assignment' || p.childForFieldName('right')?.startIndex !== call.startIndex) return [];
  const name = dottedName(p.childForFieldName('left'));
  if (!name) return [];
  const cls = p.parent?.parent?.parent;
  return cls?.type === 'class_definition' && !name.includes('.') ? [name, `self.${name}`, `cls.${name}`] : [name];
}

/** A node and its offsets. */
interface Range { start: number; end: number; node: Node }

/** A `X = tracer.start_span(...)` whose verdict waits for the engine to reach X's last `.end()`. */
interface Pending { start: PySpanStart; name: string; scope: Range; from: number; ends: number[]; manual?: ManualEnd }

/**
 * What the engine's single walk has shown so far, fed by the rules' listeners (pyNote): the
 * functions, lambdas, classes, `with`, `try` and `finally` blocks, and the calls / `await` /
 * `raise` that can throw. Nodes arrive in document order, so every ancestor and every earlier
 * node of the one being visited is here: questions about the code before it ("which scope
 * contains this", "what can throw between the start and this end") are answered in JS, with
 * no `.parent` walks (each one walks down from the root inside WebAssembly) and no extra walk.
 */
interface Layout {
  root: Range;
  /** In document order, with the index of each one's enclosing scope (-1: the module). */
  scopes: Range[];
  up: number[];
  withs: Range[];
  tries: Range[];
  finallies: Range[];
  steps: { at: number; node: Node; type: string }[];
  /** Offset of a span's last `.end()` call in the text → the spans waiting for it. */
  pending: Map<number, Pending[]>;
}

/**
 * Node types `pyNote` needs to see: scopes and `with` blocks (for `pySpanScope`), and the
 * `try` / `finally` blocks and `await` / `raise` that `pySpanEnd` needs (plus every `call`: a
 * rule using `pySpanEnd` calls `pyNote(node, ctx, 'call')` first thing in its `call` listener).
 */
export const PY_SCOPE_TYPES = ['function_definition', 'lambda', 'class_definition', 'with_statement'];
export const PY_FLOW_TYPES = ['try_statement', 'finally_clause', 'await', 'raise_statement'];

function layout(ctx: PyContext): Layout {
  const st = fileState(ctx.facts);
  st.layout ??= { root: { start: 0, end: Infinity, node: ctx.tree.rootNode }, scopes: [], up: [], withs: [], tries: [], finallies: [], steps: [], pending: new Map() };
  return st.layout;
}

/** Records a PY_SCOPE_TYPES / PY_FLOW_TYPES node as the engine visits it (several rules may call it for the same node). */
export function pyNote(node: Node, ctx: PyContext, knownType?: string): void {
  const L = layout(ctx);
  const type = knownType ?? node.type;
  const start = node.startIndex;
  if (type === 'call' || type === 'await' || type === 'raise_statement') {
    const prev = L.steps[L.steps.length - 1];
    if (!prev || prev.at < start || (prev.at === start && prev.node.id !== node.id)) L.steps.push({ at: start, node, type });
    return;
  }
  const isScope = SCOPES.has(type);
  const list = isScope ? L.scopes : type === 'with_statement' ? L.withs : type === 'try_statement' ? L.tries : L.finallies;
  if (list.length && list[list.length - 1].start >= start) return; // already noted by another rule
  if (isScope) {
    let up = L.scopes.length - 1;
    while (up >= 0 && L.scopes[up].end <= start) up = L.up[up];
    L.up.push(up);
  }
  list.push({ start, end: node.endIndex, node });
}

/** Listeners that feed `pyNote` for these node types (spread them into a rule's listeners). */
export function pyNoteListeners(types: readonly string[], ctx: PyContext): Record<string, (node: Node) => void> {
  return Object.fromEntries(types.map((type) => [type, (node: Node) => pyNote(node, ctx, type)]));
}

/** The innermost function, lambda, class body or the module containing an offset at or before the node being visited. */
function scopeAt(L: Layout, offset: number): Range {
  let i = lastAtOrBefore(L.scopes, offset);
  while (i >= 0 && L.scopes[i].end <= offset) i = L.up[i];
  return i >= 0 ? L.scopes[i] : L.root;
}

/** Index of the last entry starting at or before the offset (-1: none). */
function lastAtOrBefore(list: { start?: number; at?: number }[], offset: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let i = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid].start ?? list[mid].at!) <= offset) { i = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return i;
}

/** Entries of a document-order list that start after `after` and contain the offset. */
function containing(list: Range[], offset: number, after: number): Range[] {
  const out: Range[] = [];
  for (let i = lastAtOrBefore(list, offset); i >= 0 && list[i].start > after; i--) if (offset < list[i].end) out.push(list[i]);
  return out;
}

function* matchesIn(text: string, re: RegExp, from: number, to: number): Generator<RegExpExecArray> {
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) yield m;
}

export type SpanLife = 'unassigned' | 'not-ended' | 'not-in-finally';
/**
 * A span a `with` block does not end: `start_as_current_span(..., end_on_exit=False)`, or a
 * span started inline in `use_span(tracer.start_span(...))` (whose `end_on_exit` defaults to False).
 */
export type ManualEnd = 'end_on_exit' | 'use_span';
export interface SpanVerdict {
  kind: SpanLife;
  /** The span variable, when assigned (or the `with ... as` name). */
  span?: string;
  /** Why the span must be ended by hand although it is used in a `with`. */
  manual?: ManualEnd;
  /** The call whose `end_on_exit` decides (the `start_as_current_span` or `use_span` call). */
  withCall?: Node;
}

/**
 * What happens to a `start_span` span (start_as_current_span is always fine), decided while
 * the engine visits the start call: never assigned, or assigned and never ended. When it has
 * `.end()` calls, the "not in a `finally`" check waits for the last one: see `pySpanEnd`.
 * Undefined when fine or unknown: a context manager, returned, stored, passed on.
 */
export function pySpanLife(start: PySpanStart, ctx: PyContext): SpanVerdict | undefined {
  const { call } = start;
  if (start.method !== 'start_span') return endOnExit(call, ctx) === false ? manualWith(start, call, 'end_on_exit', ctx) : undefined;
  const p = call.parent;
  // `with use_span(tracer.start_span("x")):`: use_span ends the span only with end_on_exit=True.
  const outerCall = p?.type === 'argument_list' ? p.parent : undefined;
  if (outerCall?.type === 'call' && ctx.facts.callee(outerCall).method === 'use_span' && callArgs(outerCall).positional[0]?.id === call.id) {
    return endOnExit(outerCall, ctx) === false ? manualWith(start, outerCall, 'use_span', ctx) : undefined;
  }
  if (p?.type === 'expression_statement') return { kind: 'unassigned' };
  if (p?.type === 'attribute') {
    const method = p.childForFieldName('attribute')?.text ?? '';
    return !END_METHODS.has(method) && p.parent?.type === 'call' && p.parent.parent?.type === 'expression_statement' ? { kind: 'unassigned' } : undefined;
  }
  const name = assignedName(call, p);
  const st = fileState(ctx.facts);
  st.assignedStarts.set(start.methodNode.startIndex, name ? { start, name } : null);
  if (!name) return undefined; // self.span = ..., d[k] = ..., passed on, returned: someone else ends it
  const L = layout(ctx);
  const scope = scopeAt(L, call.startIndex);
  const from = call.endIndex;
  const text = ctx.text;
  const to = Math.min(scope.end, text.length);
  const region = text.slice(from, to);
  if (handedOver(region, name)) return undefined;
  const ends = [...matchesIn(text, new RegExp(`(?<![\\w.])${name}\\s*\\.\\s*(?:end|finish)\\s*\\(`, 'g'), from, to)].map((m) => m.index);
  if (ends.length === 0) return { kind: 'not-ended', span: name };
  const key = ends[ends.length - 1];
  L.pending.set(key, [...(L.pending.get(key) ?? []), { start, name, scope, from, ends }]);
  return undefined;
}

/** The literal `end_on_exit=` of a call (`use_span` defaults to False, `start_as_current_span` to True); undefined when not a literal. */
function endOnExit(call: Node, ctx: PyContext): boolean | undefined {
  const value = callArgs(call).keywords.get('end_on_exit')?.value;
  if (!value) return ctx.facts.callee(call).method === 'start_as_current_span';
  return value.type === 'true' ? true : value.type === 'false' ? false : undefined;
}

/**
 * A span used in a `with` that does not end it (ManualEnd): like an assigned span, it must be
 * ended with `.end()` (the `as` name's, or `trace.get_current_span().end()` in the block), and
 * in a `finally` when the code before can raise. Undefined when fine or unknown (not in a `with`,
 * handed over).
 */
function manualWith(start: PySpanStart, withCall: Node, manual: ManualEnd, ctx: PyContext): SpanVerdict | undefined {
  const value = withCall.parent?.type === 'as_pattern' ? withCall.parent : withCall;
  const item = value.parent;
  if (item?.type !== 'with_item' || item.childForFieldName('value')?.id !== value.id) return undefined;
  const stmt = item.parent?.parent;
  if (stmt?.type !== 'with_statement') return undefined;
  const alias = value.type === 'as_pattern' ? value.childForFieldName('alias')?.namedChildren[0] : undefined;
  const name = alias?.type === 'identifier' ? alias.text : undefined;
  const text = ctx.text;
  if (!name) {
    // Only the current span can end it: `trace.get_current_span().end()` in the block.
    if (alias || /\bget_current_span\s*\(\s*\)/.test(text.slice(stmt.startIndex, stmt.endIndex))) return undefined;
    return { kind: 'not-ended', manual, withCall };
  }
  const L = layout(ctx);
  const scope = scopeAt(L, withCall.startIndex);
  const from = withCall.endIndex;
  const to = Math.min(scope.end, text.length);
  if (handedOver(text.slice(from, to), name)) return undefined;
  const ends = [...matchesIn(text, new RegExp(`(?<![\\w.])${name}\\s*\\.\\s*(?:end|finish)\\s*\\(`, 'g'), from, to)].map((m) => m.index);
  if (ends.length === 0) return { kind: 'not-ended', span: name, manual, withCall };
  const key = ends[ends.length - 1];
  L.pending.set(key, [...(L.pending.get(key) ?? []), { start, name, scope, from, ends, manual }]);
  return undefined;
}

/**
 * The spans whose last `.end()` is this call, with a verdict for each that ends outside a
 * `finally` after code that can raise. Call it for every call, after `pyNote`.
 */
export function pySpanEnd(call: Node, ctx: PyContext): { start: PySpanStart; verdict: SpanVerdict }[] {
  const L = fileState(ctx.facts).layout;
  const waiting = L?.pending.get(call.startIndex);
  if (!L || !waiting) return [];
  L.pending.delete(call.startIndex);
  const out: { start: PySpanStart; verdict: SpanVerdict }[] = [];
  for (const p of waiting) {
    const safe = p.ends.some((e) => scopeAt(L, e) !== p.scope || containing(L.finallies, e, p.from).length > 0);
    if (!safe && canRaiseBetween(p, call.startIndex, L, ctx)) out.push({ start: p.start, verdict: { kind: 'not-in-finally', span: p.name, ...(p.manual ? { manual: p.manual } : {}) } });
  }
  return out;
}

/** A call, `await` or `raise` directly in the span's scope between its start and this end, other than the span's own methods and logging. */
function canRaiseBetween(p: Pending, end: number, L: Layout, ctx: PyContext): boolean {
  for (let i = lastAtOrBefore(L.steps, p.from - 1) + 1; i < L.steps.length && L.steps[i].at < end; i++) {
    const { at, node, type } = L.steps[i];
    if (scopeAt(L, at) !== p.scope) continue; // in a nested function: runs at another time
    if (type === 'call') {
      const callee = ctx.facts.callee(node).name ?? '';
      if (callee.startsWith(`${p.name}.`) || ctx.facts.loggerCall(node)) continue;
    }
    // A `try` after the start, over before this end, whose catch-all handler does not re-raise.
    if (containing(L.tries, at, p.from).some((t) => t.end <= end && swallowsAll(t, at, ctx))) continue;
    return true;
  }
  return false;
}

/** Text after the start that hands the span over: returned, yielded, stored, passed to a function (or its `end` method), or ended by `with X:` / `use_span(X, end_on_exit=True)`. */
function handedOver(region: string, name: string): boolean {
  // The name as a value (not `span.x`, `span(`, `span[`, `span =`, and not a last call argument: those are checked below).
  const value = `(?<![\\w.])${name}\\b(?!\\s*[.(\\[=)])`;
  if (new RegExp(`\\b(?:return|yield)\\b[^\\n#]*${value}|[^=!<>]=[^=\\n#][^\\n#]*${value}|[\\[{:]\\s*${name}\\s*[\\]},]|\\bwith\\s+${name}\\s*(?::|,|\\bas\\b)`).test(region)) return true;
  if (new RegExp(`\\buse_span\\s*\\(\\s*${name}\\b[^)]*\\bend_on_exit\\s*=\\s*True`).test(region)) return true;
  // `atexit.register(span.end)`: the end method handed to someone else.
  if (new RegExp(`(?<![\\w.])${name}\\s*\\.\\s*(?:end|finish)\\b(?!\\s*\\()`).test(region)) return true;
  for (const m of region.matchAll(new RegExp(`[(,]\\s*${name}\\s*[,)]`, 'g'))) {
    const fn = calleeBefore(region, m.index + (m[0].startsWith('(') ? 0 : -1));
    if (!NON_OWNING.has(last(fn))) return true;
  }
  return false;
}

/** The dotted name before the `(` that opens the argument list containing `index` (from the text). */
function calleeBefore(text: string, index: number): string {
  let depth = 0;
  for (let i = index; i >= 0 && index - i < 500; i--) {
    const c = text[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) return c === '(' ? /[\w.]*$/.exec(text.slice(Math.max(0, i - 100), i).trimEnd())![0] : '';
      depth--;
    }
  }
  return '';
}

/** `X = <call>` with a plain name X. */
function assignedName(call: Node, p: Node | null): string | undefined {
  if (p?.type !== 'assignment' || p.childForFieldName('right')?.startIndex !== call.startIndex) return undefined;
  const left = p.childForFieldName('left');
  return left?.type === 'identifier' ? left.text : undefined;
}

/** The offset is in the body of this `try`, which has a catch-all handler (`except:`, `except Exception:`) that does not re-raise. */
function swallowsAll(t: Range, offset: number, ctx: PyContext): boolean {
  const cache = fileState(ctx.facts).tries;
  let info = cache.get(t.node.id);
  if (!info) {
    let all = false;
    for (const clause of t.node.namedChildren) {
      if (clause?.type !== 'except_clause') continue;
      const type = exceptionTypes(clause);
      const catchAll = !type || (type.type === 'identifier' && (type.text === 'Exception' || type.text === 'BaseException'));
      if (catchAll && !/\braise\b/.test(ctx.text.slice(clause.startIndex, clause.endIndex))) all = true;
    }
    info = { bodyEnd: t.node.childForFieldName('body')?.endIndex ?? t.start, all };
    cache.set(t.node.id, info);
  }
  return info.all && offset < info.bodyEnd;
}

/** The exception type expression of an `except` clause (without `as name`), if any. */
export function exceptionTypes(clause: Node): Node | undefined {
  const value = clause.childForFieldName('value');
  if (!value) return undefined;
  return value.type === 'as_pattern' ? value.namedChildren[0] ?? undefined : value;
}

/**
 * The span an `except` clause sits in the scope of, if any, stopping at function boundaries:
 * a `with` span start / `use_span` / `with span:`, a function decorated with
 * `start_as_current_span`, or between `X = tracer.start_span(...)` and `X.end()` in the same
 * function. `span` is the variable's name when known. Call it while the engine visits the clause.
 */
export function pySpanScope(handler: Node, ctx: PyContext): { span?: string } | undefined {
  const L = layout(ctx);
  const offset = handler.startIndex;
  const scope = scopeAt(L, offset);
  for (const w of containing(L.withs, offset, scope.start)) {
    const found = withSpan(w.node, ctx);
    if (found) return found;
  }
  const type = scope.node.type;
  if (type === 'lambda' || type === 'class_definition') return undefined;
  if (type === 'function_definition' && spanDecorated(scope.node, ctx)) return {};
  return manualSpan(offset, scope, ctx);
}

function spanDecorated(fn: Node, ctx: PyContext): boolean {
  const cache = fileState(ctx.facts).decorated;
  let found = cache.get(fn.id);
  if (found === undefined) {
    const decorated = fn.parent;
    found = decorated?.type === 'decorated_definition' && decorated.namedChildren.some((dec) => {
      const expr = dec?.type === 'decorator' ? dec.namedChildren[0] : undefined;
      if (!expr) return false;
      if (expr.type === 'call') {
        if (pySpanStart(expr, ctx)) return true;
        // @traced("name"): a span context manager or decorator factory of the project.
        const name = dottedName(expr.childForFieldName('function'));
        return !!name && (spanHelpers(ctx).managers.has(name) || spanHelpers(ctx).decorators.has(name) || projectSpanScope(ctx, name));
      }
      const name = dottedName(expr);
      return !!name && (spanHelpers(ctx).decorators.has(name) || projectSpanScope(ctx, name));
    });
    cache.set(fn.id, found);
  }
  return found;
}

function withSpan(stmt: Node, ctx: PyContext): { span?: string } | undefined {
  const cache = fileState(ctx.facts).withSpans;
  const cached = cache.get(stmt.id);
  if (cached !== undefined) return cached ?? undefined;
  let result: { span?: string } | undefined;
  const clause = stmt.namedChildren.find((c) => c?.type === 'with_clause');
  for (const item of clause?.namedChildren ?? []) {
    const value = item?.type === 'with_item' ? item.childForFieldName('value') : undefined;
    if (!value) continue;
    const expr = value.type === 'as_pattern' ? value.namedChildren[0] : value;
    const alias = value.type === 'as_pattern' ? dottedName(value.childForFieldName('alias')?.namedChildren[0]) : undefined;
    if (!expr) continue;
    if (expr.type === 'call' && (pySpanStart(expr, ctx) || ctx.facts.callee(expr).method === 'use_span')) result = { span: alias };
    else if ((expr.type === 'identifier' || expr.type === 'attribute') && isPySpan(expr, ctx)) result = { span: alias ?? dottedName(expr) };
    else if (expr.type === 'call') {
      // `with traced("name") as span:`: a project context manager that runs the block in a span.
      const name = dottedName(expr.childForFieldName('function'));
      const helper = name ? spanHelpers(ctx).managers.get(name) : undefined;
      if (helper) result = { span: helper.yieldsSpan ? alias : undefined };
      else if (name && projectSpanScope(ctx, name)) result = {};
    }
    if (result) break;
  }
  cache.set(stmt.id, result ?? null);
  return result;
}

/** A name imported from a project module that the project view knows runs its caller's code in a span. */
function projectSpanScope(ctx: PyContext, name: string): boolean {
  return pyProjectSymbol(ctx, name)?.kind === 'span-scope';
}

const CONTEXT_MANAGER = /^@\s*(contextlib\.)?(async)?contextmanager\b/m;

/** The file's span helpers (see SpanHelpers), found from the text of its span starts, once per file and only when asked. */
function spanHelpers(ctx: PyContext): SpanHelpers {
  const st = fileState(ctx.facts);
  if (st.helpers) return st.helpers;
  const helpers: SpanHelpers = { managers: new Map(), decorators: new Set(), ids: new Set() };
  st.helpers = helpers;
  const root = ctx.tree.rootNode;
  for (const m of ctx.text.matchAll(/\b(start_as_current_span|start_span|use_span)\s*\(/g)) {
    const call = callAt(root, m.index, m[1].length);
    if (!call || !(m[1] === 'use_span' || pySpanStart(call, ctx))) continue;
    const fn = topLevelFunction(call);
    const name = fn?.childForFieldName('name')?.text;
    if (!fn || !name) continue;
    if (call.parent?.type === 'return_statement' && m[1] === 'start_as_current_span') {
      helpers.managers.set(name, { yieldsSpan: true });
      helpers.decorators.add(name);
      helpers.ids.add(fn.id);
      continue;
    }
    const item = call.parent?.type === 'as_pattern' ? call.parent.parent : call.parent;
    const stmt = item?.type === 'with_item' ? item.parent?.parent : undefined;
    const body = stmt?.type === 'with_statement' ? stmt.childForFieldName('body') : undefined;
    if (!body) continue;
    const bodyText = ctx.text.slice(body.startIndex, body.endIndex);
    const decorators = fn.parent?.type === 'decorated_definition' ? ctx.text.slice(fn.parent.startIndex, fn.startIndex) : '';
    const y = /\byield\b(?!\s+from)[ \t]*([\w.]*)/.exec(bodyText);
    if (y && CONTEXT_MANAGER.test(decorators)) {
      const alias = call.parent?.type === 'as_pattern' ? dottedName(call.parent.childForFieldName('alias')?.namedChildren[0]) : undefined;
      helpers.managers.set(name, { yieldsSpan: !!alias && y[1] === alias });
      helpers.ids.add(fn.id);
      continue;
    }
    // A decorator: the span's block calls the decorated function (a parameter of this function or of one nested in it).
    const params = new Set<string>();
    for (const d of ctx.text.slice(fn.startIndex, fn.endIndex).matchAll(/\bdef\s+\w+\s*\(([^)]*)\)/g)) {
      for (const p of d[1].split(',')) { const id = /^\s*\**(\w+)/.exec(p)?.[1]; if (id && id !== 'self' && id !== 'cls') params.add(id); }
    }
    if (params.size && new RegExp(`(?<![\\w.])(${[...params].join('|')})\\s*\\(`).test(bodyText)) { helpers.decorators.add(name); helpers.ids.add(fn.id); }
  }
  return helpers;
}

/** The module-level `def` a node is in (through nested functions), if any. */
function topLevelFunction(node: Node): Node | undefined {
  let found: Node | undefined;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition') found = p;
    else if (p.type === 'class_definition') return undefined;
    else if (p.type === 'module') break;
  }
  if (!found) return undefined;
  const up = found.parent?.type === 'decorated_definition' ? found.parent.parent : found.parent;
  return up?.type === 'module' ? found : undefined;
}

/** `X = tracer.start_span(...)` earlier in the same scope, with an `X.end()` after the handler (read from the text). */
function manualSpan(offset: number, scope: Range, ctx: PyContext): { span?: string } | undefined {
  const L = layout(ctx);
  const starts = fileState(ctx.facts).assignedStarts;
  for (const m of matchesIn(ctx.text, /\bstart_span\s*\(/g, scope.start, offset)) {
    let entry = starts.get(m.index);
    if (entry === undefined) {
      const call = callAt(ctx.tree.rootNode, m.index, 'start_span'.length);
      const start = call && pySpanStart(call, ctx);
      const name = start && assignedName(start.call, start.call.parent);
      entry = start && name ? { start, name } : null;
      starts.set(m.index, entry);
    }
    if (!entry || scopeAt(L, m.index) !== scope) continue;
    const after = ctx.text.slice(offset, Math.min(scope.end, ctx.text.length));
    if (new RegExp(`(?<![\\w.])${entry.name}\\s*\\.\\s*(?:end|finish)\\s*\\(`).test(after)) return { span: entry.name };
  }
  return undefined;
}

export type NameShape = 'f-string' | 'percent' | 'format' | 'concat';

/**
 * How a span name is built from dynamic values, if it is. Values from a fixed set are ignored
 * (constants, settings, enum members, code names, a literal list iterated…: boundedValues.ts).
 */
export function pyNameShape(name: Node, ctx: PyContext): NameShape | undefined {
  const stable = (e: Node) => pyBounded(e, ctx);
  if (name.type === 'parenthesized_expression' && name.namedChildren[0]) return pyNameShape(name.namedChildren[0], ctx);
  if (name.type === 'string') return interpolations(name).some((e) => !stable(e)) ? 'f-string' : undefined;
  if (name.type === 'concatenated_string') return name.namedChildren.some((c) => !!c && c.type === 'string' && interpolations(c).some((e) => !stable(e))) ? 'f-string' : undefined;
  if (name.type === 'binary_operator') {
    const op = name.childForFieldName('operator')?.type;
    const left = name.childForFieldName('left');
    const right = name.childForFieldName('right');
    if (op === '%' && left && isStringLike(left) && right) return dynamicParts(right).some((e) => !stable(e)) ? 'percent' : undefined;
    if (op === '+') {
      const leaves = plusLeaves(name);
      if (leaves.some(isStringLike) && leaves.some((l) => !(isStaticString(l) || stable(l)))) return 'concat';
    }
    return undefined;
  }
  if (name.type === 'call') {
    const fn = name.childForFieldName('function');
    const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    if (obj && isStringLike(obj) && fn?.childForFieldName('attribute')?.text === 'format') {
      const args = name.childForFieldName('arguments')?.namedChildren ?? [];
      return args.some((a) => !!a && a.type !== 'comment' && !stable(a.type === 'keyword_argument' ? a.childForFieldName('value') ?? a : a)) ? 'format' : undefined;
    }
  }
  return undefined;
}

function dynamicParts(node: Node): Node[] {
  return node.type === 'tuple' ? node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [node];
}
