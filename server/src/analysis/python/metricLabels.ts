/**
 * Metric registrations and their label names / values in Python (RULES.md "Metrics"):
 * prometheus_client `Counter("name", "doc", ["label"])` and `.labels(...)`, OpenTelemetry
 * `meter.create_counter(...)` instruments and their `add`/`record`/`set` attributes, and
 * `Observation(value, {attrs})`.
 *
 * Precision first: `.add`/`.record`/`.set` count only on a receiver known to be an instrument
 * (bound in this file from a `create_*` call, or the call itself), so `seen.add(x)` and
 * `cache.set(k, v)` are never metrics.
 */
import type { Node } from 'web-tree-sitter';
import type { PyContext } from '../rule';
import type { PyCallee, PyFacts } from './facts';
import { dictFields } from './logCalls';
import { callArgs, dottedName, isStaticString, stringValue } from './nodes';

export type MetricLib = 'prometheus' | 'otel';

export interface PyMetricRegistration {
  call: Node;
  lib: MetricLib;
  /** prometheus_client: Counter Gauge Histogram Summary Info Enum; OTel: counter up_down_counter histogram gauge observable_*. */
  type: string;
  /** The metric name argument, when given. */
  nameNode?: Node;
  /** prometheus_client `labelnames` in order (an entry is undefined when not a string literal); undefined when not a literal list. */
  labelNames?: ({ key: string; keyNode: Node } | undefined)[];
}

/** One label name a call declares or sets. */
export interface PyMetricLabel {
  /** The label name; '' for a positional `.labels(v1, v2)` value whose name is not known in this file. */
  key: string;
  /** The name's node (a `labelnames` string, a keyword name, a dict key); the value itself for positional values. */
  keyNode: Node;
  /** The label value, when the call gives one. */
  value?: Node;
  /** A `labelnames` entry of a registration. */
  declaration?: boolean;
  /** A use whose metric is registered in this file with this label name declared. */
  declared?: boolean;
}

const PROM_CLASS = /^prometheus_client\.(?:metrics\.)?(Counter|Gauge|Histogram|Summary|Info|Enum)$/;
const OTEL_CREATE = /^create_(counter|up_down_counter|histogram|gauge|observable_counter|observable_gauge|observable_up_down_counter)$/;
/** OTel instrument method → the instrument types that have it. */
const OTEL_USES = new Map<string, readonly string[]>([['add', ['counter', 'up_down_counter']], ['record', ['histogram']], ['set', ['gauge']]]);
/** Methods called on a `.labels(...)` child: a chained `X.labels(...).inc()` is a prometheus_client use. */
const PROM_CHILD_METHODS = new Set(['inc', 'dec', 'set', 'observe', 'time', 'info', 'state', 'set_to_current_time', 'track_inprogress', 'count_exceptions', 'set_function']);

/** Shared result for the (many) calls that are not metric calls; never mutated. */
const NONE: never[] = [];

interface FileState {
  importsProm: boolean;
  importsOtel: boolean;
  /** Local names of the prometheus_client classes (`Counter`, or an alias). */
  promNames: string[];
  /** `REQUESTS`, `self.requests`, `Metrics.requests` → the registration bound to it. */
  bindings?: Map<string, PyMetricRegistration>;
}

const STATE = new WeakMap<PyFacts, FileState>();

function fileState(facts: PyFacts): FileState {
  let st = STATE.get(facts);
  if (!st) {
    const promNames = ['Counter', 'Gauge', 'Histogram', 'Summary', 'Info', 'Enum'];
    let importsProm = false;
    let importsOtel = false;
    for (const [local, qualified] of facts.imports) {
      if (qualified.startsWith('prometheus_client')) importsProm = true;
      if (qualified.startsWith('opentelemetry')) importsOtel = true;
      if (PROM_CLASS.test(qualified) && !promNames.includes(local)) promNames.push(local);
    }
    st = { importsProm, importsOtel, promNames };
    STATE.set(facts, st);
  }
  return st;
}


/** A prometheus_client metric or an OpenTelemetry instrument created by this call, if it is one. */
export function pyMetricRegistration(call: Node, ctx: PyContext): PyMetricRegistration | undefined {
  return registration(call, ctx.facts, ctx.facts.callee(call));
}

function registration(call: Node, facts: PyFacts, { fn, name, method }: PyCallee): PyMetricRegistration | undefined {
  if (!fn || !method || (!method.startsWith('create_') && !fileState(facts).promNames.includes(method))) return undefined;
  if (name) {
    const prom = PROM_CLASS.exec(facts.qualify(name));
    if (prom) {
      const args = callArgs(call);
      const nameNode = args.positional[0] ?? args.keywords.get('name')?.value;
      const labels = args.positional[2] ?? args.keywords.get('labelnames')?.value;
      return { call, lib: 'prometheus', type: prom[1], nameNode, labelNames: labels && stringList(labels) };
    }
  }
  const otel = OTEL_CREATE.exec(method);
  if (!otel || fn.type !== 'attribute' || !plausibleMeter(fn.childForFieldName('object'), name, facts)) return undefined;
  const args = callArgs(call);
  return { call, lib: 'otel', type: otel[1], nameNode: args.positional[0] ?? args.keywords.get('name')?.value };
}

/** `meter`, `self._meter`, `metrics.get_meter(__name__)`, or any receiver in a file that imports OpenTelemetry. */
function plausibleMeter(receiver: Node | null, calleeName: string | undefined, facts: PyFacts): boolean {
  if (fileState(facts).importsOtel) return true;
  if (calleeName) {
    const target = calleeName.slice(0, calleeName.lastIndexOf('.'));
    return /meter/i.test(target.slice(target.lastIndexOf('.') + 1));
  }
  if (receiver?.type !== 'call') return false;
  const inner = facts.callee(receiver).name;
  return !!inner && /(?:^|\.)get_meter$/.test(inner);
}

function stringList(node: Node): PyMetricRegistration['labelNames'] {
  if (node.type !== 'list' && node.type !== 'tuple') return undefined;
  return node.namedChildren.flatMap((el) => {
    if (!el || el.type === 'comment') return NONE;
    const key = isStaticString(el) ? stringValue(el) : undefined;
    return [key !== undefined ? { key, keyNode: el } : undefined];
  });
}

/**
 * Names bound to a registration anywhere in the file (module-level, `self.x = ...`, class
 * attributes). Found from the text (`Counter(`, `create_counter(`), then the node at that
 * offset: no extra tree walk, and nothing at all in files without metrics.
 */
function bindings(ctx: PyContext): Map<string, PyMetricRegistration> {
  const st = fileState(ctx.facts);
  if (st.bindings) return st.bindings;
  const map = new Map<string, PyMetricRegistration>();
  st.bindings = map;
  const re = new RegExp(`\\b(${st.promNames.join('|')}|create_(?:observable_)?(?:counter|up_down_counter|histogram|gauge))\\s*\\(`, 'g');
  const root = ctx.tree.rootNode;
  for (const m of ctx.text.matchAll(re)) {
    const start = m.index;
    const id = root.descendantForIndex(start, start + m[1].length);
    if (id?.type !== 'identifier') continue;
    const fn = id.parent?.type === 'attribute' && id.parent.endIndex === id.endIndex ? id.parent : id;
    const call = fn.parent;
    if (call?.type !== 'call') continue;
    const reg = pyMetricRegistration(call, ctx);
    if (reg) for (const target of bindingTargets(call)) map.set(target, reg);
  }
  return map;
}

/** `X = call` → X; `self.x = call` → self.x; `x = call` in a class body → self.x and Class.x. */
function bindingTargets(call: Node): string[] {
  const assignment = call.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.startIndex !== call.startIndex) return NONE;
  const left = assignment.childForFieldName('left');
  const name = dottedName(left);
  if (!name || !left) return NONE;
  const cls = left.type === 'identifier' ? assignment.parent?.parent?.parent : undefined;
  if (cls?.type === 'class_definition' && assignment.parent?.type === 'expression_statement') {
    const clsName = cls.childForFieldName('name')?.text;
    return [`self.${name}`, `cls.${name}`, ...(clsName ? [`${clsName}.${name}`] : [])];
  }
  return [name];
}

/** The registration an expression refers to: a bound name, or a registration call itself (chained). */
function metricOf(expr: Node | null, ctx: PyContext): PyMetricRegistration | undefined {
  if (!expr) return undefined;
  if (expr.type === 'call') return pyMetricRegistration(expr, ctx);
  if (expr.type !== 'identifier' && expr.type !== 'attribute') return undefined;
  const name = dottedName(expr);
  return name ? bindings(ctx).get(name) : undefined;
}

/**
 * Sites per call, kept per analysis (the facts object) and keyed by node id: `unbounded-metric-label` and
 * `sensitive-data-in-log` both ask for every call, and a Map by number is much cheaper than a WeakMap
 * keyed by the short-lived node objects (a hash slot added to every node, and weak-table GC work).
 */
const SITES = new WeakMap<PyFacts, Map<number, PyMetricLabel[]>>();

/** Every label name a call declares or sets, with its value when given (see PyMetricLabel). [] for other calls. */
export function pyMetricLabelSites(call: Node, ctx: PyContext): PyMetricLabel[] {
  let perFile = SITES.get(ctx.facts);
  if (!perFile) SITES.set(ctx.facts, (perFile = new Map()));
  let sites = perFile.get(call.id);
  if (!sites) {
    sites = computeSites(call, ctx);
    perFile.set(call.id, sites);
  }
  return sites;
}

function computeSites(call: Node, ctx: PyContext): PyMetricLabel[] {
  const { fn, name, method } = ctx.facts.callee(call);
  if (!fn || !method) return NONE;
  if (method === 'labels') return labelsCall(call, fn, ctx);
  if (OTEL_USES.has(method)) return instrumentCall(call, fn, method, ctx);
  if (method === 'Observation') {
    const q = name ? ctx.facts.qualify(name) : '';
    return q.startsWith('opentelemetry.') ? attributes(attributesArg(call)) : [];
  }
  const reg = registration(call, ctx.facts, { fn, name, method });
  if (!reg?.labelNames) return NONE;
  return reg.labelNames.flatMap((l) => (l ? [{ key: l.key, keyNode: l.keyNode, declaration: true }] : []));
}

/** For `sensitive-data-in-log` and others: the label names a call declares or sets (value present when given). */
export function pyMetricLabels(call: Node, ctx: PyContext): { key: string; keyNode: Node; value?: Node }[] {
  return pyMetricLabelSites(call, ctx).map(({ key, keyNode, value }) => (value ? { key, keyNode, value } : { key, keyNode }));
}

/** `METRIC.labels(k=v)` / `METRIC.labels(v1, v2)` / `Counter(...).labels(...)`. */
function labelsCall(call: Node, fn: Node, ctx: PyContext): PyMetricLabel[] {
  if (fn.type !== 'attribute') return NONE;
  const reg = metricOf(fn.childForFieldName('object'), ctx);
  if (reg ? reg.lib !== 'prometheus' : !fileState(ctx.facts).importsProm && !chainedToChildMethod(call)) return NONE;
  const args = callArgs(call);
  const declared = reg?.labelNames;
  const out: PyMetricLabel[] = [];
  args.positional.forEach((value, i) => {
    const decl = args.hasSplat ? undefined : declared?.[i];
    out.push({ key: decl?.key ?? '', keyNode: value, value, declared: !!decl });
  });
  for (const [key, kw] of args.keywords) {
    out.push({ key, keyNode: kw.name, value: kw.value, declared: !!declared?.some((l) => l?.key === key) });
  }
  return out;
}

/** `X.labels(...).inc()`, `with X.labels(...).time():`. */
function chainedToChildMethod(call: Node): boolean {
  const parent = call.parent;
  if (parent?.type !== 'attribute' || parent.parent?.type !== 'call') return false;
  if (parent.childForFieldName('object')?.startIndex !== call.startIndex) return false;
  return PROM_CHILD_METHODS.has(parent.childForFieldName('attribute')?.text ?? '');
}

/** `counter.add(1, {"k": v})`, `histogram.record(x, attributes={...})`, `gauge.set(x, {...})` on a known instrument. */
function instrumentCall(call: Node, fn: Node, method: string, ctx: PyContext): PyMetricLabel[] {
  if (fn.type !== 'attribute') return NONE;
  const attrs = attributesArg(call);
  if (!attrs || (attrs.type !== 'dictionary' && !(attrs.type === 'call' && attrs.childForFieldName('function')?.text === 'dict'))) return NONE;
  const reg = metricOf(fn.childForFieldName('object'), ctx);
  return reg?.lib === 'otel' && !!OTEL_USES.get(method)?.includes(reg.type) ? attributes(attrs) : [];
}

function attributesArg(call: Node): Node | undefined {
  const args = callArgs(call);
  return args.positional[1] ?? args.keywords.get('attributes')?.value;
}

/** Keys of a dict literal (static string keys only) or `dict(k=v)`. */
function attributes(node: Node | undefined): PyMetricLabel[] {
  if (!node) return NONE;
  return dictFields(node).filter((f) => f.keyNode.type !== 'string' || isStaticString(f.keyNode)).map((f) => ({ key: f.key, keyNode: f.keyNode, value: f.value }));
}
