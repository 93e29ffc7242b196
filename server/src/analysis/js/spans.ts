/**
 * OpenTelemetry tracers and spans in JS/TS (RULES.md "Tracing").
 *
 * Tracers: `trace.getTracer(...)` / `provider.getTracer(...)` results, names bound to them in
 * this file, and the name heuristic (`tracer`, `*Tracer`, `*_tracer`, `this.tracer`).
 * Span starts: `<tracer>.startSpan(name, options?, context?)` and
 * `<tracer>.startActiveSpan(name, options?, context?, fn)`.
 * Spans: names bound from `startSpan`, `trace.getActiveSpan()` / `trace.getSpan(ctx)`, the
 * parameter of a `startActiveSpan` callback, and the name heuristic (`span`, `*Span`, `*_span`,
 * `this.span`).
 *
 * Precision first: in a file that imports another tracing library (OpenTracing, dd-trace,
 * Sentry, Elastic APM) and not OpenTelemetry, the name heuristics are off. `.finish()` counts
 * as an end everywhere, like `.end()`.
 */
import ts = require('typescript');
import type { JsContext } from '../rule';
import type { JsFacts } from './facts';
import { jsProjectSymbol } from '../project/telemetrySymbols';
import { jsBounded } from './boundedValues';
import { dottedName, isStringLiteralLike, plusLeaves, propertyKeyName, unwrap } from './nodes';

/** A file without these words has no span starts: the tracing rules skip it at no cost. */
export const JS_TRACING_TEXT = /\bstart(?:Active)?Span\b/;

export type JsSpanMethod = 'startSpan' | 'startActiveSpan';
export type FunctionNode = ts.ArrowFunction | ts.FunctionExpression;

export interface JsSpanStart {
  call: ts.CallExpression;
  method: JsSpanMethod;
  methodNode: ts.MemberName;
  /** The span name argument. */
  name?: ts.Expression;
  /** The options object literal (`{ attributes: {...}, kind }`), when given inline. */
  options?: ts.ObjectLiteralExpression;
  /** The inline callback of `startActiveSpan`. */
  callback?: FunctionNode;
  /**
   * The tracer is known to be OpenTelemetry's (bound from `getTracer` here, or the file imports
   * OpenTelemetry), not only named like one: a home-made `this.tracer` wrapper may end the span
   * of its `startActiveSpan` callback itself.
   */
  sure: boolean;
}

export interface JsSpanAttribute { key: string; keyNode: ts.Node; value: ts.Expression }

const TRACER_NAME = /^(tracer|_tracer|TRACER|_TRACER|\w+_tracer|\w+_TRACER|\w*[a-z]Tracer)$/;
const SPAN_NAME = /^(span|_span|SPAN|\w+_span|\w*[a-z]Span)$/;
const OTHER_TRACING = /^(opentracing|dd-trace|@sentry\/|elastic-apm-node|jaeger-client|@datadog\/)/;
const END_METHODS = new Set(['end', 'finish']);
/** Calls that take a span without taking over ending it. */
const NON_OWNING = new Set(['setSpan', 'setSpanContext', 'wrapSpanContext']);

interface FileState {
  heuristics: boolean;
  /** The file imports OpenTelemetry. */
  otel: boolean;
  tracers?: Set<string>;
  spans?: Set<string>;
  /** Span-like names declared in this file with a value that is not a span (`const span = document.createElement('span')`). */
  notSpans?: Set<string>;
  starts: Map<ts.Node, JsSpanStart | null>;
  scopeStarts: Map<ts.Node, { start: JsSpanStart; name: string }[]>;
  usages: Map<string, Usage>;
  /** The file's functions that run a callback in a span, by name (see `spanHelpers`). */
  helpers?: Map<string, SpanHelper>;
}

/**
 * A project function that runs a callback argument in a span: `withSpan(name, fn)` calling
 * `tracer.startActiveSpan(name, fn)`, calling `fn(span)` inside its own `startActiveSpan`
 * callback, or passing `fn` to `context.with(...)` while its span is active. `index`: the
 * callback's argument position; `passesSpan`: the callback's first parameter is the span.
 */
interface SpanHelper { index: number; passesSpan: boolean; fn?: ts.Node }

/** Whether a function of this file runs a callback argument in a span (a project export of kind `span-scope`). */
export function jsIsSpanHelper(ctx: JsContext, fn: ts.Node): boolean {
  if (!JS_TRACING_TEXT.test(ctx.text)) return false;
  for (const h of spanHelpers(ctx).values()) if (h.fn === fn) return true;
  return false;
}

const STATE = new WeakMap<JsFacts, FileState>();

function fileState(facts: JsFacts): FileState {
  let st = STATE.get(facts);
  if (!st) {
    const modules = [...facts.imports.values()];
    const otel = modules.some((q) => q.startsWith('@opentelemetry/'));
    st = { otel, heuristics: otel || !modules.some((q) => OTHER_TRACING.test(q)), starts: new Map(), scopeStarts: new Map(), usages: new Map() };
    STATE.set(facts, st);
  }
  return st;
}

const last = (dotted: string) => dotted.slice(dotted.lastIndexOf('.') + 1).replace(/^#/, '');

function methodName(callee: ts.Expression): string | undefined {
  const c = unwrap(callee);
  if (ts.isPropertyAccessExpression(c)) return c.name.text;
  return ts.isIdentifier(c) ? c.text : undefined;
}

/** Whether an expression evaluates to an OpenTelemetry tracer. */
export function isJsTracer(expr: ts.Expression | undefined, ctx: JsContext): boolean {
  if (!expr) return false;
  const e = unwrap(expr);
  const st = fileState(ctx.facts);
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    const name = dottedName(e);
    if (!name) return false;
    return (st.heuristics && TRACER_NAME.test(last(name))) || bindings(ctx).tracers.has(name) || jsProjectSymbol(ctx, name)?.kind === 'tracer';
  }
  if (ts.isCallExpression(e) && methodName(e.expression) === 'getTracer') {
    const name = dottedName(e.expression);
    if (name && ctx.facts.qualify(name).startsWith('@opentelemetry/')) return true;
    return st.heuristics && ts.isPropertyAccessExpression(unwrap(e.expression));
  }
  return false;
}

/** A span started by this call (`tracer.startSpan('x')`, `tracer.startActiveSpan('x', fn)`); cached. */
export function jsSpanStart(call: ts.CallExpression, ctx: JsContext): JsSpanStart | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (method !== 'startSpan' && method !== 'startActiveSpan') return undefined;
  const st = fileState(ctx.facts);
  const cached = st.starts.get(call);
  if (cached !== undefined) return cached ?? undefined;
  let result: JsSpanStart | undefined;
  if (isJsTracer(callee.expression, ctx)) {
    const args = call.arguments;
    const receiver = unwrap(callee.expression);
    const receiverName = dottedName(receiver) ?? '';
    const sure = st.otel || ts.isCallExpression(receiver) || bindings(ctx).tracers.has(receiverName) || (!!receiverName && jsProjectSymbol(ctx, receiverName)?.kind === 'tracer');
    result = { call, method, methodNode: callee.name, name: args[0], sure };
    const second = args[1] && unwrap(args[1]);
    if (method === 'startSpan') {
      if (second && ts.isObjectLiteralExpression(second)) result.options = second;
    } else {
      const fn = args.length >= 2 ? unwrap(args[args.length - 1]) : undefined;
      if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) result.callback = fn;
      if (args.length >= 3 && second && ts.isObjectLiteralExpression(second)) result.options = second;
    }
  }
  st.starts.set(call, result ?? null);
  return result;
}

/** Whether an expression is a span: a bound span name, a span-like name, `trace.getActiveSpan()`, a `startSpan` call. */
export function isJsSpan(expr: ts.Expression | undefined, ctx: JsContext): boolean {
  if (!expr) return false;
  const e = unwrap(expr);
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    const name = dottedName(e);
    if (!name) return false;
    const b = bindings(ctx);
    return b.spans.has(name) || (fileState(ctx.facts).heuristics && SPAN_NAME.test(last(name)) && !b.notSpans.has(name));
  }
  if (ts.isCallExpression(e)) {
    const method = methodName(e.expression);
    if (method === 'getActiveSpan' || method === 'getSpan') {
      const name = dottedName(e.expression);
      return !!name && (ctx.facts.qualify(name).startsWith('@opentelemetry/') || /(^|\.)trace\.\w+$/.test(name));
    }
    return jsSpanStart(e, ctx)?.method === 'startSpan';
  }
  return false;
}

/** `span.updateName(name)` on a span: the span expression and the new name. */
export interface JsSpanRename { call: ts.CallExpression; span: ts.Expression; name?: ts.Expression }

/** A span renamed by this call (`span.updateName(x)`, `trace.getActiveSpan()?.updateName(x)`). */
export function jsSpanRename(call: ts.CallExpression, ctx: JsContext): JsSpanRename | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'updateName') return undefined;
  if (!isJsSpan(callee.expression, ctx)) return undefined;
  return { call, span: callee.expression, name: call.arguments[0] };
}

/**
 * For a call that sets span attributes, the attribute entries (static keys only):
 * `span.setAttribute('k', v)`, `span.setAttributes({...})`, and the `{ attributes: {...} }`
 * option of `startSpan` / `startActiveSpan`. [] for any other call.
 */
export function jsSpanAttributes(call: ts.CallExpression, ctx: JsContext): JsSpanAttribute[] {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return [];
  const method = callee.name.text;
  if (method === 'setAttribute') {
    const [keyNode, value] = call.arguments;
    if (!keyNode || !value || !isStringLiteralLike(keyNode) || !isJsSpan(callee.expression, ctx)) return [];
    return [{ key: (keyNode as ts.StringLiteral).text, keyNode, value }];
  }
  if (method === 'setAttributes') {
    const obj = call.arguments[0] && unwrap(call.arguments[0]);
    return obj && ts.isObjectLiteralExpression(obj) && isJsSpan(callee.expression, ctx) ? objectFields(obj) : [];
  }
  if (method === 'startSpan' || method === 'startActiveSpan') {
    const options = jsSpanStart(call, ctx)?.options;
    const attrs = options?.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyKeyName(p.name) === 'attributes');
    const obj = attrs && unwrap(attrs.initializer);
    return obj && ts.isObjectLiteralExpression(obj) ? objectFields(obj) : [];
  }
  return [];
}

function objectFields(obj: ts.ObjectLiteralExpression): JsSpanAttribute[] {
  const out: JsSpanAttribute[] = [];
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p)) {
      const key = propertyKeyName(p.name);
      if (key !== undefined) out.push({ key, keyNode: p.name, value: p.initializer });
    } else if (ts.isShorthandPropertyAssignment(p)) {
      out.push({ key: p.name.text, keyNode: p.name, value: p.name });
    }
  }
  return out;
}

/** Names bound to tracers and spans anywhere in the file, found from the text and the node at that offset. */
function bindings(ctx: JsContext): { tracers: Set<string>; spans: Set<string>; notSpans: Set<string> } {
  const st = fileState(ctx.facts);
  if (st.tracers && st.spans && st.notSpans) return { tracers: st.tracers, spans: st.spans, notSpans: st.notSpans };
  const tracers = new Set<string>();
  const spans = new Set<string>();
  const notSpans = new Set<string>();
  st.tracers = tracers;
  st.spans = spans;
  st.notSpans = notSpans;
  for (const m of ctx.text.matchAll(/\b(getTracer|startSpan|startActiveSpan|getActiveSpan|getSpan)\s*\(/g)) {
    const call = callAt(ctx.sourceFile, m.index);
    if (!call) continue;
    if (m[1] === 'getTracer') {
      if (isJsTracer(call, ctx)) targets(call).forEach((t) => tracers.add(t));
    } else if (m[1] === 'startActiveSpan') {
      const param = jsSpanStart(call, ctx)?.callback?.parameters[0];
      if (param && ts.isIdentifier(param.name)) spans.add(param.name.text);
    } else if (isJsSpan(call, ctx)) {
      targets(call).forEach((t) => spans.add(t));
    }
  }
  for (const m of ctx.text.matchAll(/\b(?:const|let|var)\s+(\w*(?:span|Span|SPAN))\b/g)) {
    if (spans.has(m[1])) continue;
    const id = nodeAt(ctx.sourceFile, m.index + m[0].length - m[1].length);
    const decl = ts.isIdentifier(id) ? id.parent : undefined;
    if (decl && ts.isVariableDeclaration(decl) && decl.name === id && decl.initializer && !isJsSpan(decl.initializer, ctx)) notSpans.add(m[1]);
  }
  return { tracers, spans, notSpans };
}

/** The innermost node at an offset (by descending from the file). */
function nodeAt(sf: ts.SourceFile, pos: number): ts.Node {
  // The top level by binary search (a file has many statements), then down by forEachChild.
  const statements = sf.statements;
  let lo = 0;
  let hi = statements.length - 1;
  let node: ts.Node = sf;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid].end <= pos) lo = mid + 1;
    else if (statements[mid].pos > pos) hi = mid - 1;
    else { node = statements[mid]; break; }
  }
  for (;;) {
    const next: ts.Node | undefined = ts.forEachChild(node, (c) => (c.pos <= pos && pos < c.end ? c : undefined));
    if (!next) return node;
    node = next;
  }
}

/** The call whose callee ends with the identifier starting at this offset. */
function callAt(sf: ts.SourceFile, pos: number): ts.CallExpression | undefined {
  const id = nodeAt(sf, pos);
  if (!ts.isIdentifier(id) || id.getStart(sf) !== pos) return undefined;
  const fn = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
  return ts.isCallExpression(fn.parent) && fn.parent.expression === fn ? fn.parent : undefined;
}

/** Climbs parentheses, `as`, `!`, `satisfies` (and `await` when asked) around an expression. */
function outer(node: ts.Node, throughAwait = false): ts.Node {
  let n = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isSatisfiesExpression(n.parent) || (throughAwait && ts.isAwaitExpression(n.parent)))) n = n.parent;
  return n;
}

/** `const X = call` → X; `this.x = call` → this.x; class property `x = call` → this.x. */
function targets(call: ts.CallExpression): string[] {
  const n = outer(call, true);
  const p = n.parent;
  if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) return [p.name.text];
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) {
    const name = dottedName(p.left);
    return name ? [name] : [];
  }
  if (ts.isPropertyDeclaration(p) && p.initializer === n && (ts.isIdentifier(p.name) || ts.isPrivateIdentifier(p.name))) return [`this.${p.name.text}`];
  return [];
}

/** The nearest enclosing function or the file. */
export function jsScopeOf(node: ts.Node): ts.Node {
  let p = node.parent;
  while (p && !ts.isFunctionLike(p) && !ts.isSourceFile(p)) p = p.parent;
  return p ?? node;
}

export type SpanLife = 'unassigned' | 'not-ended' | 'not-in-finally';
export interface SpanVerdict { kind: SpanLife; /** The span variable or callback parameter, when there is one. */ span?: string }

/**
 * What happens to a span: a `startSpan` result never assigned, assigned but never ended, or
 * ended outside a `finally` after code that can throw; a `startActiveSpan` callback that never
 * ends its span, or ends it outside a `finally`. Undefined when fine or unknown: returned,
 * stored, passed on, ended in a closure, or a callback that is not an inline function.
 */
export function jsSpanLife(start: JsSpanStart, ctx: JsContext): SpanVerdict | undefined {
  if (start.method === 'startActiveSpan') {
    const fn = start.callback;
    if (!fn || !start.sure) return undefined;
    const param = fn.parameters[0];
    if (!param) return /getActiveSpan|arguments/.test(fn.getText(ctx.sourceFile)) ? undefined : { kind: 'not-ended' };
    if (!ts.isIdentifier(param.name)) return undefined;
    if (endsInFinally(ctx.text, fn.body.pos, fn.end, param.name.text)) return undefined;
    return verdict(usage(fn, param.name.text, fn.body.pos, ctx), fn.body.pos, param.name.text);
  }
  let n = outer(start.call);
  let p = n.parent;
  // tracer.startSpan('x').setAttribute(...).end()
  while (ts.isPropertyAccessExpression(p) && p.expression === n && ts.isCallExpression(p.parent) && p.parent.expression === p) {
    if (END_METHODS.has(p.name.text)) return undefined;
    n = outer(p.parent);
    p = n.parent;
  }
  if (ts.isExpressionStatement(p)) return { kind: 'unassigned' };
  if (n !== outer(start.call)) return undefined;
  let name: string | undefined;
  if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) name = p.name.text;
  else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n && ts.isIdentifier(p.left)) name = p.left.text;
  if (!name) return undefined;
  const scope = jsScopeOf(start.call);
  if (endsInFinally(ctx.text, start.call.end, scope.end, name)) return undefined;
  return verdict(usage(scope, name, start.call.end, ctx), start.call.end, name);
}

/** The common well-formed case, read from the text: `finally { ... X.end(); }` (saves the walk; it can only silence). */
function endsInFinally(text: string, from: number, to: number, name: string): boolean {
  return new RegExp(`\\bfinally\\s*\\{[^{}]*(?<![\\w.])${name}\\s*\\??\\.\\s*(?:end|finish)\\s*\\(`).test(text.slice(from, to));
}

function verdict(use: Usage, from: number, span: string): SpanVerdict | undefined {
  if (use.transferred || use.ends.some((e) => e.safe)) return undefined;
  if (use.ends.length === 0) return { kind: 'not-ended', span };
  const to = use.ends[use.ends.length - 1].node.pos;
  return use.throwing.some((t) => t.pos >= from && t.pos < to && t.guardEnd > to) ? { kind: 'not-in-finally', span } : undefined;
}

interface Usage {
  /** `X.end()` calls; `safe` when in a `finally` or in a closure. */
  ends: { node: ts.CallExpression; safe: boolean; nested: boolean }[];
  /** Returned, stored, yielded or passed to a function: someone else ends it. */
  transferred: boolean;
  /** Start offsets of calls, `new`, `await` and `throw` directly in the scope, other than the span's own methods. */
  throwing: { pos: number; guardEnd: number }[];
}

/** Uses of the variable after `from`, up to its next rebinding, in the scope (one walk). */
function usage(scope: ts.Node, name: string, from: number, ctx: JsContext): Usage {
  const usages = fileState(ctx.facts).usages;
  const key = `${scope.pos}:${from}:${name}`;
  const cached = usages.get(key);
  if (cached) return cached;
  const out: Usage = { ends: [], transferred: false, throwing: [] };
  usages.set(key, out);
  let stopped = false;
  let nested = false;
  /** End of the innermost `try` around the node whose catch does not rethrow (it protects the end only when it is over before it). */
  let guardEnd = Infinity;
  const visit = (node: ts.Node): void => {
    if (stopped || node.end <= from) return;
    if (node.pos >= from) {
      if (node.kind === ts.SyntaxKind.Identifier) {
        if ((node as ts.Identifier).text === name && classify(node as ts.Identifier, nested, scope, out) === 'rebound') stopped = true;
        return;
      }
      if (!nested && (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isAwaitExpression(node) || ts.isThrowStatement(node))) {
        // The span's own methods and logger calls do not throw.
        const callee = ts.isCallExpression(node) ? unwrap(node.expression) : undefined;
        const own = !!callee && ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === name;
        if (!own && !(ts.isCallExpression(node) && ctx.facts.loggerCall(node))) out.throwing.push({ pos: node.pos, guardEnd });
      }
    }
    const wasNested = nested;
    const wasGuard = guardEnd;
    if (!nested && ts.isFunctionLike(node)) nested = true;
    if (ts.isTryStatement(node) && !nested) {
      // A try whose catch does not rethrow: what its block throws does not skip the end.
      if (node.catchClause && !/\bthrow\b/.test(ctx.text.slice(node.catchClause.block.pos, node.catchClause.block.end))) guardEnd = Math.min(guardEnd, node.end);
      visit(node.tryBlock);
      guardEnd = wasGuard;
      if (node.catchClause) visit(node.catchClause);
      if (node.finallyBlock) visit(node.finallyBlock);
    } else ts.forEachChild(node, visit);
    nested = wasNested;
    guardEnd = wasGuard;
  };
  ts.forEachChild(scope, visit);
  return out;
}

function classify(id: ts.Identifier, nested: boolean, scope: ts.Node, out: Usage): 'rebound' | undefined {
  const direct = id.parent;
  if (ts.isPropertyAccessExpression(direct) && direct.name === id) return undefined;
  if ((ts.isPropertyAssignment(direct) || ts.isVariableDeclaration(direct) || ts.isParameter(direct)) && direct.name === id) return undefined;
  const n = outer(id);
  const p = n.parent;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.left === n) return nested ? undefined : 'rebound';
  if (ts.isPropertyAccessExpression(p) && p.expression === n) {
    if (!END_METHODS.has(p.name.text)) return undefined;
    if (ts.isCallExpression(p.parent) && p.parent.expression === p) {
      const inFinally = insideFinally(p.parent, scope);
      out.ends.push({ node: p.parent, safe: nested || inFinally, nested });
    } else out.transferred = true; // `res.on('close', span.end.bind(span))`: the end method handed to someone else
    return undefined;
  }
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.some((a) => a === n)) {
    const method = methodName(p.expression);
    if (!method || !NON_OWNING.has(method)) out.transferred = true;
    return undefined;
  }
  if (ts.isReturnStatement(p) || ts.isYieldExpression(p) || ts.isArrayLiteralExpression(p) || ts.isShorthandPropertyAssignment(p) || ts.isSpreadElement(p) ||
    (ts.isArrowFunction(p) && p.body === n) || (ts.isPropertyAssignment(p) && p.initializer === n) || (ts.isVariableDeclaration(p) && p.initializer === n) ||
    (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) || (ts.isConditionalExpression(p) && p.condition !== n)) {
    out.transferred = true;
  }
  return undefined;
}

function insideFinally(node: ts.Node, scope: ts.Node): boolean {
  for (let child = node, p = node.parent; p && child !== scope; child = p, p = p.parent) {
    if (ts.isTryStatement(p) && p.finallyBlock === child) return true;
  }
  return false;
}

/**
 * The span a `catch` clause sits in the scope of, if any, stopping at the nearest function: the
 * inline callback of `startActiveSpan`, or between `const X = tracer.startSpan(...)` and an
 * `X.end()` after the clause in the same function. `span` is the variable's name when known.
 */
export function jsSpanScope(clause: ts.CatchClause, ctx: JsContext): { span?: string } | undefined {
  const scope = jsScopeOf(clause);
  if ((ts.isArrowFunction(scope) || ts.isFunctionExpression(scope)) && ts.isCallExpression(scope.parent)) {
    const call = scope.parent;
    const start = jsSpanStart(call, ctx);
    const param = scope.parameters[0];
    const paramName = param && ts.isIdentifier(param.name) ? param.name.text : undefined;
    if (start?.callback === scope) return { span: paramName };
    // withSpan('name', async (span) => { ... }): a project helper runs the callback in a span.
    const helper = spanHelperOf(call, ctx);
    if (helper && call.arguments[helper.index] && unwrap(call.arguments[helper.index]) === scope) return { span: helper.passesSpan ? paramName : undefined };
  }
  for (const { start, name } of scopeStarts(scope, ctx)) {
    if (start.call.end > clause.pos) break;
    if (usage(scope, name, start.call.end, ctx).ends.some((e) => !e.nested && e.node.pos >= clause.end)) return { span: name };
  }
  return undefined;
}

/** The span helper this call calls: one of the file's (see SpanHelper), or a project export known as a span scope (its last argument is the callback). */
function spanHelperOf(call: ts.CallExpression, ctx: JsContext): SpanHelper | undefined {
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (!name) return undefined;
  const own = spanHelpers(ctx).get(ts.isIdentifier(callee) ? name : `.${name}`);
  if (own) return own;
  const dotted = dottedName(callee);
  if (dotted && jsProjectSymbol(ctx, dotted)?.kind === 'span-scope') return { index: call.arguments.length - 1, passesSpan: false };
  return undefined;
}

/**
 * The file's span helpers (see SpanHelper), found from the text of its `startActiveSpan` /
 * `startSpan` calls, once per file and only when a catch clause sits in a callback. Functions are
 * keyed by name, methods by `.name` (called on any receiver: `this.withSpan`, `tracing.withSpan`).
 */
function spanHelpers(ctx: JsContext): Map<string, SpanHelper> {
  const st = fileState(ctx.facts);
  if (st.helpers) return st.helpers;
  const helpers = new Map<string, SpanHelper>();
  st.helpers = helpers;
  for (const m of ctx.text.matchAll(/\b(startActiveSpan|startSpan)\s*\(/g)) {
    const call = callAt(ctx.sourceFile, m.index);
    const start = call && jsSpanStart(call, ctx);
    if (!start) continue;
    const host = namedFunctionAround(start.call);
    if (!host) continue;
    const params = host.fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
    let found: SpanHelper | undefined;
    const args = start.call.arguments;
    const last = args.length ? unwrap(args[args.length - 1]) : undefined;
    if (start.method === 'startActiveSpan' && last && ts.isIdentifier(last) && params.includes(last.text)) {
      found = { index: params.indexOf(last.text), passesSpan: true }; // startActiveSpan(name, fn)
    } else if (start.method === 'startActiveSpan' && start.callback) {
      const spanParam = start.callback.parameters[0];
      const span = spanParam && ts.isIdentifier(spanParam.name) ? spanParam.name.text : undefined;
      found = calledParam(start.callback.body, params, span); // startActiveSpan(name, (span) => fn(span))
    } else if (start.method === 'startSpan') {
      // context.with(trace.setSpan(context.active(), span), fn)
      found = contextWithParam(host.fn, params);
    }
    if (found && !helpers.has(host.key)) helpers.set(host.key, { ...found, fn: host.fn });
  }
  return helpers;
}

/** A parameter passed as the function of `context.with(ctx, fn)` in the helper. */
function contextWithParam(fn: ts.SignatureDeclaration, params: readonly string[]): SpanHelper | undefined {
  let found: SpanHelper | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && /(^|\.)context\.with$/.test(dottedName(n.expression) ?? '')) {
      const arg = n.arguments[1] && unwrap(n.arguments[1]);
      if (arg && ts.isIdentifier(arg) && params.includes(arg.text)) { found = { index: params.indexOf(arg.text), passesSpan: false }; return; }
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

/** The first parameter called in a body (`fn(...)`, `await fn(span)`), and whether the span is its first argument. */
function calledParam(body: ts.Node, params: readonly string[], span: string | undefined): SpanHelper | undefined {
  let found: SpanHelper | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && params.includes(n.expression.text)) {
      const first = n.arguments[0] && unwrap(n.arguments[0]);
      found = { index: params.indexOf(n.expression.text), passesSpan: !!span && !!first && ts.isIdentifier(first) && first.text === span };
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

/** The function around a node when callers reach it by name: a function declaration, a `const f = (...) =>`, a method (key `.name`). */
function namedFunctionAround(node: ts.Node): { fn: ts.SignatureDeclaration; key: string } | undefined {
  let p = node.parent;
  while (p && !ts.isFunctionLike(p) && !ts.isSourceFile(p)) p = p.parent;
  // Through the startActiveSpan callback itself.
  if (p && (ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && ts.isCallExpression(p.parent) && p.parent.arguments.includes(p as ts.Expression)) {
    const inner = p.parent;
    if (ts.isPropertyAccessExpression(unwrap(inner.expression)) && /^start(Active)?Span$/.test((unwrap(inner.expression) as ts.PropertyAccessExpression).name.text)) {
      p = p.parent.parent;
      while (p && !ts.isFunctionLike(p) && !ts.isSourceFile(p)) p = p.parent;
    }
  }
  if (!p || ts.isSourceFile(p)) return undefined;
  if (ts.isFunctionDeclaration(p) && p.name) return { fn: p, key: p.name.text };
  if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) return { fn: p, key: `.${p.name.text}` };
  if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) return { fn: p, key: p.parent.name.text };
  if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && (ts.isPropertyDeclaration(p.parent) || ts.isPropertyAssignment(p.parent)) && ts.isIdentifier(p.parent.name)) return { fn: p, key: `.${p.parent.name.text}` };
  return undefined;
}

/** `const X = tracer.startSpan(...)` / `X = tracer.startSpan(...)` directly in a scope, in order; cached. */
function scopeStarts(scope: ts.Node, ctx: JsContext): { start: JsSpanStart; name: string }[] {
  const st = fileState(ctx.facts);
  let list = st.scopeStarts.get(scope);
  if (list) return list;
  list = [];
  st.scopeStarts.set(scope, list);
  const re = /\bstartSpan\s*\(/g;
  re.lastIndex = scope.pos;
  for (let m = re.exec(ctx.text); m && m.index < scope.end; m = re.exec(ctx.text)) {
    const call = callAt(ctx.sourceFile, m.index);
    const start = call && jsSpanStart(call, ctx);
    if (!start || !call || jsScopeOf(call) !== scope) continue;
    const n = outer(call);
    const p = n.parent;
    if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) list.push({ start, name: p.name.text });
    else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n && ts.isIdentifier(p.left)) list.push({ start, name: p.left.text });
  }
  return list;
}

export type NameShape = 'template' | 'concat';

/**
 * How a span name is built from dynamic values, if it is: a template literal with
 * substitutions or `+` concatenation. Values from a fixed set are ignored (constants, settings,
 * enum members, code names, a literal array iterated…: boundedValues.ts).
 */
export function jsNameShape(name: ts.Expression, ctx: JsContext): NameShape | undefined {
  const e = unwrap(name);
  if (ts.isTemplateExpression(e)) return e.templateSpans.some((s) => !jsBounded(s.expression, ctx)) ? 'template' : undefined;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const leaves = plusLeaves(e);
    if (leaves.some((l) => isStringLiteralLike(l) || ts.isTemplateExpression(l)) && leaves.some((l) => !jsBounded(l, ctx))) return 'concat';
  }
  return undefined;
}
