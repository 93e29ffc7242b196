/**
 * Metric registrations and their label names / values in JS/TS (RULES.md "Metrics"):
 * prom-client `new Counter({ name, help, labelNames })` and its `.labels()`, `.inc({...})`,
 * `.observe({...}, x)`…, and OpenTelemetry `meter.createCounter(...)` instruments with their
 * `add`/`record` attributes and observable callbacks.
 *
 * Precision first: label objects count only on a receiver known to be a metric (bound in this
 * file from a registration, or the registration itself), so `set.add(x)`, `cache.set(k, v)`
 * and `map.set({...}, v)` are never metrics.
 */
import ts = require('typescript');
import type { JsContext } from '../rule';
import type { JsFacts } from './facts';
import { dottedName, propertyKeyName, unwrap } from './nodes';

export type MetricLib = 'prometheus' | 'otel';

export interface JsMetricRegistration {
  node: ts.NewExpression | ts.CallExpression;
  lib: MetricLib;
  /** prom-client: Counter Gauge Histogram Summary; OTel: Counter UpDownCounter Histogram Gauge Observable*. */
  type: string;
  /** The metric name expression (`name:` property, or the first argument), when given. */
  nameNode?: ts.Expression;
  /** prom-client `labelNames` in order (undefined entries are not string literals); undefined when not a literal array. */
  labelNames?: ({ key: string; keyNode: ts.Expression } | undefined)[];
}

/** One label name a call declares or sets. */
export interface JsMetricLabel {
  /** The label name; '' for a positional `.labels('a', 'b')` value whose name is not known in this file. */
  key: string;
  /** The name's node (a `labelNames` string, a property key); the value itself for positional values. */
  keyNode: ts.Node;
  value?: ts.Expression;
  /** A `labelNames` entry of a registration. */
  declaration?: boolean;
  /** A use whose metric is registered in this file with this label name declared. */
  declared?: boolean;
}

const PROM_TYPE = /(?:^|\.)(Counter|Gauge|Histogram|Summary)$/;
const PROM_PREFIX = /^(client|promClient|prom|Prometheus|PromClient|promclient)\./;
const OTEL_CREATE = /^create(Counter|UpDownCounter|Histogram|Gauge|ObservableCounter|ObservableGauge|ObservableUpDownCounter)$/;
/** prom-client methods whose first argument may be a labels object. */
const PROM_LABEL_FIRST = new Set(['inc', 'dec', 'set', 'observe', 'startTimer', 'setToCurrentTime', 'zero', 'remove']);
/** Methods called on a `.labels(...)` child: `x.labels(...).inc()` is a prom-client use. */
const PROM_CHILD_METHODS = new Set(['inc', 'dec', 'set', 'observe', 'startTimer', 'setToCurrentTime']);
/** OTel instrument method → the instrument types that have it. */
const OTEL_USES = new Map<string, readonly string[]>([['add', ['Counter', 'UpDownCounter']], ['record', ['Histogram', 'Gauge']]]);

/** Shared result for the (many) calls that are not metric calls; never mutated. */
const NONE: never[] = [];

interface FileState {
  importsProm: boolean;
  importsOtel: boolean;
  /** Local names of prom-client classes (`Counter`, or an alias). */
  promNames: string[];
  bindings?: Map<string, JsMetricRegistration>;
}

const STATE = new WeakMap<JsFacts, FileState>();

function fileState(facts: JsFacts): FileState {
  let st = STATE.get(facts);
  if (!st) {
    const promNames = ['Counter', 'Gauge', 'Histogram', 'Summary'];
    let importsProm = false;
    let importsOtel = false;
    for (const [local, qualified] of facts.imports) {
      if (qualified === 'prom-client' || qualified.startsWith('prom-client.')) {
        importsProm = true;
        if (PROM_TYPE.test(qualified) && !promNames.includes(local)) promNames.push(local);
      }
      if (qualified.startsWith('@opentelemetry/')) importsOtel = true;
    }
    st = { importsProm, importsOtel, promNames };
    STATE.set(facts, st);
  }
  return st;
}

/** A prom-client metric (`new Counter({...})`) or an OTel instrument (`meter.createCounter(...)`) created here. */
export function jsMetricRegistration(node: ts.Node, ctx: JsContext): JsMetricRegistration | undefined {
  const facts = ctx.facts;
  if (ts.isNewExpression(node)) {
    const callee = dottedName(node.expression);
    if (!callee) return undefined;
    const qualified = facts.qualify(callee);
    const type = PROM_TYPE.exec(qualified);
    if (!type || !(qualified.startsWith('prom-client') || PROM_PREFIX.test(callee))) return undefined;
    const opts = node.arguments?.[0] && unwrap(node.arguments[0]);
    const reg: JsMetricRegistration = { node, lib: 'prometheus', type: type[1] };
    if (!opts || !ts.isObjectLiteralExpression(opts)) return reg;
    for (const p of opts.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const key = propertyKeyName(p.name);
      if (key === 'name') reg.nameNode = p.initializer;
      else if (key === 'labelNames') reg.labelNames = stringArray(unwrap(p.initializer));
    }
    return reg;
  }
  if (!ts.isCallExpression(node)) return undefined;
  const callee = unwrap(node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const otel = OTEL_CREATE.exec(callee.name.text);
  if (!otel || !plausibleMeter(callee.expression, facts)) return undefined;
  return { node, lib: 'otel', type: otel[1], nameNode: node.arguments[0] };
}

/** `meter`, `this.meter`, `metrics.getMeter('x')`, or any receiver in a file that imports OpenTelemetry. */
function plausibleMeter(receiver: ts.Expression, facts: JsFacts): boolean {
  if (fileState(facts).importsOtel) return true;
  const e = unwrap(receiver);
  const name = dottedName(e);
  if (name) return /meter/i.test(name.slice(name.lastIndexOf('.') + 1));
  if (!ts.isCallExpression(e)) return false;
  const inner = dottedName(e.expression);
  return !!inner && /(?:^|\.)getMeter$/.test(inner);
}

function stringArray(node: ts.Expression): JsMetricRegistration['labelNames'] {
  if (!ts.isArrayLiteralExpression(node)) return undefined;
  return node.elements.map((el) => (ts.isStringLiteralLike(el) ? { key: el.text, keyNode: el } : undefined));
}

/** The innermost node whose span (with leading trivia) contains `pos`. */
function nodeAt(sf: ts.SourceFile, pos: number): ts.Node {
  let node: ts.Node = sf;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (c) => (c.pos <= pos && pos < c.end ? (next = c) : undefined));
    if (!next) return node;
    node = next;
  }
}

/**
 * Names bound to a registration anywhere in the file (`const c = new Counter(...)`,
 * `this.c = meter.createCounter(...)`, class properties, `const metrics = { c: ... }`).
 * Found from the text, then the node at that offset: no extra tree walk.
 */
function bindings(ctx: JsContext): Map<string, JsMetricRegistration> {
  const st = fileState(ctx.facts);
  if (st.bindings) return st.bindings;
  const map = new Map<string, JsMetricRegistration>();
  st.bindings = map;
  const re = new RegExp(`(?<![\\w$])(${st.promNames.join('|')}|create(?:Observable)?(?:Counter|UpDownCounter|Histogram|Gauge))\\s*(?:<[^>()]*>\\s*)?\\(`, 'g');
  const sf = ctx.sourceFile;
  for (const m of ctx.text.matchAll(re)) {
    const id = nodeAt(sf, m.index);
    if (!ts.isIdentifier(id) || id.text !== m[1]) continue;
    const expr = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
    const reg = (ts.isNewExpression(expr.parent) || ts.isCallExpression(expr.parent)) && expr.parent.expression === expr ? jsMetricRegistration(expr.parent, ctx) : undefined;
    if (reg) for (const target of bindingTargets(reg.node)) map.set(target, reg);
  }
  return map;
}

function bindingTargets(node: ts.Expression): string[] {
  let p = node.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p)) p = p.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return [p.name.text];
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const name = dottedName(p.left);
    return name ? [name] : [];
  }
  if (ts.isPropertyDeclaration(p) && (ts.isIdentifier(p.name) || ts.isPrivateIdentifier(p.name))) {
    const cls = p.parent;
    const isStatic = p.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    if (isStatic) return ts.isClassLike(cls) && cls.name ? [`${cls.name.text}.${p.name.text}`] : [];
    return [`this.${p.name.text}`];
  }
  if (ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.parent) && ts.isVariableDeclaration(p.parent.parent) && ts.isIdentifier(p.parent.parent.name)) {
    const key = propertyKeyName(p.name);
    return key ? [`${p.parent.parent.name.text}.${key}`] : [];
  }
  return NONE;
}

/** The registration an expression refers to: a bound name, or the registration itself (chained). */
function metricOf(expr: ts.Expression, ctx: JsContext): JsMetricRegistration | undefined {
  const e = unwrap(expr);
  if (ts.isNewExpression(e) || ts.isCallExpression(e)) return jsMetricRegistration(e, ctx);
  const name = dottedName(e);
  return name ? bindings(ctx).get(name) : undefined;
}

/** Sites per call node: `unbounded-metric-label` and `sensitive-data-in-log` both ask for every call. */
const SITES = new WeakMap<ts.Node, JsMetricLabel[]>();

/** Every label name a `new`/call expression declares or sets, with its value when given. [] for other nodes. */
export function jsMetricLabelSites(node: ts.Node, ctx: JsContext): JsMetricLabel[] {
  let sites = SITES.get(node);
  if (!sites) {
    sites = computeSites(node, ctx);
    SITES.set(node, sites);
  }
  return sites;
}

function computeSites(node: ts.Node, ctx: JsContext): JsMetricLabel[] {
  if (ts.isNewExpression(node)) {
    const reg = jsMetricRegistration(node, ctx);
    if (!reg?.labelNames) return NONE;
  return reg.labelNames.flatMap((l) => (l ? [{ key: l.key, keyNode: l.keyNode, declaration: true }] : []));
  }
  if (!ts.isCallExpression(node)) return NONE;
  const callee = unwrap(node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return NONE;
  const method = callee.name.text;
  const args = node.arguments;
  if (method === 'labels') return labelsCall(node, callee.expression, ctx);
  const first = args[0] && unwrap(args[0]);
  const second = args[1] && unwrap(args[1]);
  if (first && ts.isObjectLiteralExpression(first) && PROM_LABEL_FIRST.has(method)) {
    const reg = metricOf(callee.expression, ctx);
    return reg?.lib === 'prometheus' ? objectLabels(first, reg) : [];
  }
  if (!second || !ts.isObjectLiteralExpression(second)) return NONE;
  if (OTEL_USES.has(method)) {
    const reg = metricOf(callee.expression, ctx);
    return reg?.lib === 'otel' && !!OTEL_USES.get(method)?.includes(reg.type) ? objectLabels(second) : [];
  }
  if (method === 'observe') return observableCallback(node, callee.expression, ctx) ? objectLabels(second) : [];
  return NONE;
}

/** For `sensitive-data-in-log` and others: the label names a `new`/call expression declares or sets (value present when given). */
export function jsMetricLabels(node: ts.Node, ctx: JsContext): { key: string; keyNode: ts.Node; value?: ts.Expression }[] {
  return jsMetricLabelSites(node, ctx).map(({ key, keyNode, value }) => (value ? { key, keyNode, value } : { key, keyNode }));
}

/** `m.labels({ k: v })`, `m.labels('v1', 'v2')`, `new Counter({...}).labels(...)`. */
function labelsCall(call: ts.CallExpression, receiver: ts.Expression, ctx: JsContext): JsMetricLabel[] {
  const reg = metricOf(receiver, ctx);
  if (reg ? reg.lib !== 'prometheus' : !fileState(ctx.facts).importsProm && !chainedToChildMethod(call)) return NONE;
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  if (call.arguments.length === 1 && ts.isObjectLiteralExpression(first)) return objectLabels(first, reg);
  const positional = !call.arguments.some(ts.isSpreadElement);
  return call.arguments.map((value, i) => {
    const decl = positional ? reg?.labelNames?.[i] : undefined;
    return { key: decl?.key ?? '', keyNode: value, value, declared: !!decl };
  });
}

function chainedToChildMethod(call: ts.CallExpression): boolean {
  const p = call.parent;
  return ts.isPropertyAccessExpression(p) && p.expression === call && PROM_CHILD_METHODS.has(p.name.text) && ts.isCallExpression(p.parent) && p.parent.expression === p;
}

/** `result.observe(v, {...})` inside `instrument.addCallback((result) => ...)` of an observable instrument. */
function observableCallback(call: ts.CallExpression, receiver: ts.Expression, ctx: JsContext): boolean {
  const r = unwrap(receiver);
  if (!ts.isIdentifier(r) || call.arguments.length !== 2) return false;
  for (let p: ts.Node = call.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (!ts.isArrowFunction(p) && !ts.isFunctionExpression(p)) continue;
    const param = p.parameters[0];
    if (!param || !ts.isIdentifier(param.name) || param.name.text !== r.text) return false;
    const host = p.parent;
    if (!ts.isCallExpression(host) || host.arguments[0] !== p) return false;
    const hostCallee = unwrap(host.expression);
    if (!ts.isPropertyAccessExpression(hostCallee) || hostCallee.name.text !== 'addCallback') return false;
    const reg = metricOf(hostCallee.expression, ctx);
    return reg?.lib === 'otel' && reg.type.startsWith('Observable');
  }
  return false;
}

/** Keys of a labels / attributes object literal; `declared` when the registration lists the key. */
function objectLabels(obj: ts.ObjectLiteralExpression, reg?: JsMetricRegistration): JsMetricLabel[] {
  const out: JsMetricLabel[] = [];
  for (const p of obj.properties) {
    let key: string | undefined;
    let value: ts.Expression;
    if (ts.isShorthandPropertyAssignment(p)) { key = p.name.text; value = p.name; }
    else if (ts.isPropertyAssignment(p)) { key = propertyKeyName(p.name); value = p.initializer; }
    else continue;
    if (key === undefined) continue;
    out.push({ key, keyNode: p.name, value, declared: !!reg?.labelNames?.some((l) => l?.key === key) });
  }
  return out;
}
