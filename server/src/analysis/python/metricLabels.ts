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
import { pyProjectSymbol } from '../project/telemetrySymbols';
import type { ExportedSymbol, MetricFactoryArgs } from '../project/view';
import type { PyCallee, PyFacts } from './facts';
import { dictFields } from './logCalls';
import { callArgs, dottedName, isStaticString, plusLeaves, stringValue } from './nodes';

export type MetricLib = 'prometheus' | 'otel';

export interface PyMetricRegistration {
  call: Node;
  lib: MetricLib;
  /**
   * prometheus_client: Counter Gauge Histogram Summary Info Enum, and for `*MetricFamily` custom
   * collectors also StateSet GaugeHistogram Unknown; OTel: counter up_down_counter histogram gauge observable_*.
   */
  type: string;
  /** A `CounterMetricFamily(...)`-style custom-collector family (its samples are added with `add_metric`). */
  family?: boolean;
  /** The metric name argument, when given. */
  nameNode?: Node;
  /** Text a project helper adds around the name it is given (`f"myapp_{name}"`): the metric is `prefix + name + suffix`. */
  namePrefix?: string;
  nameSuffix?: string;
  /** The literal `unit=` (prometheus_client appends `_<unit>` to the name unless it already ends so). */
  unit?: string;
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
/** Custom-collector families (prometheus_client.core / .metrics_core): the metric type, and the positional index of `labels`. */
const PROM_FAMILY = /^prometheus_client\.(?:core\.|metrics_core\.)?(Counter|Gauge|Histogram|Summary|Info|StateSet|GaugeHistogram|Unknown|Untyped)MetricFamily$/;
const FAMILY_LABELS_AT: Record<string, number> = { Summary: 4, Histogram: 4, GaugeHistogram: 4 };
const PROM_LOCAL_NAMES = ['Counter', 'Gauge', 'Histogram', 'Summary', 'Info', 'Enum',
  ...['Counter', 'Gauge', 'Histogram', 'Summary', 'Info', 'StateSet', 'GaugeHistogram', 'Unknown', 'Untyped'].map((t) => `${t}MetricFamily`)];
const OTEL_CREATE = /^create_(counter|up_down_counter|histogram|gauge|observable_counter|observable_gauge|observable_up_down_counter)$/;
/** OTel instrument method → the instrument types that have it. */
const OTEL_USES = new Map<string, readonly string[]>([['add', ['counter', 'up_down_counter']], ['record', ['histogram']], ['set', ['gauge']]]);
/** Methods called on a `.labels(...)` child: a chained `X.labels(...).inc()` is a prometheus_client use. */
const PROM_CHILD_METHODS = new Set(['inc', 'dec', 'set', 'observe', 'time', 'info', 'state', 'set_to_current_time', 'track_inprogress', 'count_exceptions', 'set_function']);

/** Shared result for the (many) calls that are not metric calls; never mutated. */
const NONE: never[] = [];

/** Where a helper's caller passes a value: the parameter's position (-1: keyword only) and name. */
interface Slot { index: number; keyword: string }

/**
 * A project function that forwards its arguments to a metric constructor:
 * `def make_counter(name, doc, labels=()): return Counter(f"app_{name}", doc, labels)`.
 */
export interface PyMetricFactory {
  lib: MetricLib;
  type: string;
  family?: boolean;
  name?: { slot: Slot; prefix: string; suffix: string };
  labels?: Slot;
  unit?: string;
  /** The helper's `function_definition` (its node id). */
  helperId?: number;
}

interface FileState {
  importsProm: boolean;
  importsOtel: boolean;
  /** Local names of the prometheus_client classes (`Counter`, or an alias). */
  promNames: string[];
  /** `REQUESTS`, `self.requests`, `Metrics.requests` → the registration bound to it. */
  bindings?: Map<string, PyMetricRegistration>;
  /** Functions of this file that forward to a metric constructor, by name. */
  factories?: Map<string, PyMetricFactory>;
  /** Names imported from project modules: the metric factory or meter they are (null: neither). */
  imported: Map<string, ExportedSymbol | null>;
}

const STATE = new WeakMap<PyFacts, FileState>();

function fileState(facts: PyFacts): FileState {
  let st = STATE.get(facts);
  if (!st) {
    const promNames = [...PROM_LOCAL_NAMES];
    let importsProm = false;
    let importsOtel = false;
    for (const [local, qualified] of facts.imports) {
      if (qualified.startsWith('prometheus_client')) importsProm = true;
      if (qualified.startsWith('opentelemetry')) importsOtel = true;
      if ((PROM_CLASS.test(qualified) || PROM_FAMILY.test(qualified)) && !promNames.includes(local)) promNames.push(local);
    }
    st = { importsProm, importsOtel, promNames, imported: new Map() };
    STATE.set(facts, st);
  }
  return st;
}

/**
 * A prometheus_client metric or an OpenTelemetry instrument created by this call, if it is one:
 * the constructor itself, or a call of a project helper that forwards to one (defined in this
 * file, or imported from a project module the project view knows as a metric factory).
 */
export function pyMetricRegistration(call: Node, ctx: PyContext): PyMetricRegistration | undefined {
  const callee = ctx.facts.callee(call);
  return registration(call, ctx.facts, callee, ctx) ?? factoryRegistration(call, ctx, callee);
}

function registration(call: Node, facts: PyFacts, { fn, name, method }: PyCallee, ctx?: PyContext): PyMetricRegistration | undefined {
  if (!fn || !method || (!method.startsWith('create_') && !fileState(facts).promNames.includes(method))) return undefined;
  if (name) {
    const qualified = facts.qualify(name);
    const prom = PROM_CLASS.exec(qualified);
    const family = prom ? undefined : PROM_FAMILY.exec(qualified);
    if (prom || family) {
      const type = prom ? prom[1] : family![1] === 'Untyped' ? 'Unknown' : family![1];
      const args = callArgs(call);
      const nameNode = args.positional[0] ?? args.keywords.get('name')?.value;
      const labels = prom ? args.positional[2] ?? args.keywords.get('labelnames')?.value : args.positional[FAMILY_LABELS_AT[type] ?? 3] ?? args.keywords.get('labels')?.value;
      const unitNode = args.keywords.get('unit')?.value;
      const unit = unitNode && stringValue(unitNode);
      return { call, lib: 'prometheus', type, ...(family ? { family: true } : {}), nameNode, labelNames: labels && stringList(labels), ...(unit ? { unit } : {}) };
    }
  }
  const otel = OTEL_CREATE.exec(method);
  if (!otel || fn.type !== 'attribute' || !plausibleMeter(fn.childForFieldName('object'), name, facts, ctx)) return undefined;
  const args = callArgs(call);
  return { call, lib: 'otel', type: otel[1], nameNode: args.positional[0] ?? args.keywords.get('name')?.value };
}

/** `meter`, `self._meter`, `metrics.get_meter(__name__)`, a meter imported from a project module, or any receiver in a file that imports OpenTelemetry. */
function plausibleMeter(receiver: Node | null, calleeName: string | undefined, facts: PyFacts, ctx?: PyContext): boolean {
  if (fileState(facts).importsOtel) return true;
  if (calleeName) {
    const target = calleeName.slice(0, calleeName.lastIndexOf('.'));
    return /meter/i.test(target.slice(target.lastIndexOf('.') + 1)) || (!!ctx && projectKind(ctx, target) === 'meter');
  }
  if (receiver?.type !== 'call') return false;
  const inner = ctx?.facts.callee(receiver).name ?? (receiver.childForFieldName('function') && dottedName(receiver.childForFieldName('function')));
  return !!inner && (/(?:^|\.)get_meter$/.test(inner) || (!!ctx && projectKind(ctx, inner) === 'meter'));
}

/** The kind of a project-module export this name refers to, cached per file. */
function projectKind(ctx: PyContext, dotted: string): ExportedSymbol['kind'] | undefined {
  return projectSymbol(ctx, dotted)?.kind;
}

function projectSymbol(ctx: PyContext, dotted: string): ExportedSymbol | undefined {
  if (!ctx.project) return undefined;
  const cache = fileState(ctx.facts).imported;
  let s = cache.get(dotted);
  if (s === undefined) cache.set(dotted, (s = pyProjectSymbol(ctx, dotted) ?? null));
  return s ?? undefined;
}

function stringList(node: Node): PyMetricRegistration['labelNames'] {
  let n = node;
  // `tuple([...])` / `list((...))` around a literal.
  if (n.type === 'call' && /^(tuple|list)$/.test(n.childForFieldName('function')?.text ?? '') && callArgs(n).positional.length === 1) n = callArgs(n).positional[0];
  if (n.type !== 'list' && n.type !== 'tuple') return undefined;
  return n.namedChildren.flatMap((el) => {
    if (!el || el.type === 'comment') return NONE;
    const key = isStaticString(el) ? stringValue(el) : undefined;
    return [key !== undefined ? { key, keyNode: el } : undefined];
  });
}

// ------------------------------------------------------------------ project helpers (metric factories)

/** The registration a call of a metric factory makes: its name and labels are the caller's arguments. */
function factoryRegistration(call: Node, ctx: PyContext, { fn, name }: PyCallee): PyMetricRegistration | undefined {
  if (fn?.type !== 'identifier' && fn?.type !== 'attribute') return undefined;
  if (!name) return undefined;
  const factory = factories(ctx).get(name) ?? importedFactory(ctx, name);
  if (!factory) return undefined;
  const args = callArgs(call);
  const at = (slot: Slot | undefined) => slot && (args.keywords.get(slot.keyword)?.value ?? (slot.index >= 0 && !args.hasSplat ? args.positional[slot.index] : undefined));
  const nameNode = factory.name ? at(factory.name.slot) : undefined;
  const labels = at(factory.labels);
  const reg: PyMetricRegistration = { call, lib: factory.lib, type: factory.type, nameNode, labelNames: labels && stringList(labels) };
  if (factory.family) reg.family = true;
  if (factory.unit) reg.unit = factory.unit;
  if (factory.name?.prefix) reg.namePrefix = factory.name.prefix;
  if (factory.name?.suffix) reg.nameSuffix = factory.name.suffix;
  return reg;
}

/** The conventional shape of a prometheus_client-style helper imported from a project module: `(name, documentation, labelnames)`. */
const IMPORTED_SHAPE = { name: { slot: { index: 0, keyword: 'name' }, prefix: '', suffix: '' }, labels: { index: 2, keyword: 'labelnames' } };

function importedFactory(ctx: PyContext, name: string): PyMetricFactory | undefined {
  const s = projectSymbol(ctx, name);
  if (s?.kind !== 'metric-factory' || s.lib === 'prom-client') return undefined;
  // The helper's own shape when the project layer saw its body, else the library's.
  const shape = s.args
    ? {
      ...(s.args.name ? { name: { slot: { index: s.args.name.index, keyword: s.args.name.keyword ?? '' }, prefix: s.args.name.prefix ?? '', suffix: s.args.name.suffix ?? '' } } : {}),
      ...(s.args.labels ? { labels: { index: s.args.labels.index, keyword: s.args.labels.keyword ?? '' } } : {}),
    }
    : s.lib === 'otel' ? { name: IMPORTED_SHAPE.name } : IMPORTED_SHAPE;
  if (s.lib === 'otel') return { lib: 'otel', type: s.metric === 'gauge' ? 'gauge' : s.metric === 'histogram' || s.metric === 'summary' ? 'histogram' : 'counter', ...shape };
  const type = s.metric ? s.metric[0].toUpperCase() + s.metric.slice(1) : 'Unknown';
  return { lib: 'prometheus', type, ...shape };
}

/** What a module-level helper of this file is as a project export: a metric factory, with where its callers pass the name and labels. */
export function pyMetricFactoryExport(ctx: PyContext, fn: Node): ExportedSymbol | undefined {
  const f = [...factories(ctx).values()].find((x) => x.helperId === fn.id);
  if (!f) return undefined;
  const metric = f.lib === 'otel' ? (f.type.includes('counter') ? 'counter' : f.type.includes('gauge') ? 'gauge' : 'histogram') : (({ Counter: 'counter', Gauge: 'gauge', Histogram: 'histogram', Summary: 'summary' } as const)[f.type as 'Counter']);
  const args: MetricFactoryArgs = {};
  if (f.name) args.name = { index: f.name.slot.index, keyword: f.name.slot.keyword, ...(f.name.prefix ? { prefix: f.name.prefix } : {}), ...(f.name.suffix ? { suffix: f.name.suffix } : {}) };
  if (f.labels) args.labels = { index: f.labels.index, keyword: f.labels.keyword };
  return { kind: 'metric-factory', lib: f.lib === 'otel' ? 'otel' : 'prometheus_client', ...(metric ? { metric } : {}), args };
}

/** The file's metric factories (found with the registrations, see `index`). */
export function pyMetricFactories(ctx: PyContext): ReadonlyMap<string, PyMetricFactory> {
  return factories(ctx);
}

function factories(ctx: PyContext): Map<string, PyMetricFactory> {
  const st = fileState(ctx.facts);
  if (!st.factories) index(ctx);
  return st.factories!;
}

/** The innermost `def` around a node, if it is a module-level function (the helpers callers can reach by name). */
function helperAround(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition') {
      const up = p.parent?.type === 'decorated_definition' ? p.parent.parent : p.parent;
      return up?.type === 'module' ? p : undefined;
    }
    if (p.type === 'class_definition' || p.type === 'lambda') return undefined;
  }
  return undefined;
}

interface Param { name: string; index: number; kwargs?: boolean }

function params(fn: Node): Param[] {
  const out: Param[] = [];
  let index = 0;
  let keywordOnly = false;
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    if (p.type === 'keyword_separator' || p.type === 'list_splat_pattern') { keywordOnly = true; continue; }
    if (p.type === 'positional_separator') continue;
    if (p.type === 'dictionary_splat_pattern') { const n = p.namedChildren[0]?.text; if (n) out.push({ name: n, index: -1, kwargs: true }); continue; }
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
    if (id?.type === 'identifier') out.push({ name: id.text, index: keywordOnly ? -1 : index++ });
  }
  return out;
}

/** The parameter an expression forwards: `name`, `tuple(labels)`, `list(labels)`. */
function forwarded(expr: Node | undefined, ps: readonly Param[]): Slot | undefined {
  let e = expr;
  if (e?.type === 'call' && /^(tuple|list)$/.test(e.childForFieldName('function')?.text ?? '') && callArgs(e).positional.length === 1) e = callArgs(e).positional[0];
  if (e?.type !== 'identifier') return undefined;
  const p = ps.find((q) => q.name === e!.text && !q.kwargs);
  return p && { index: p.index, keyword: p.name };
}

/** `name`, `f"app_{name}_total"`, `"app_" + name`: the parameter and the literal text around it. */
function forwardedName(expr: Node | undefined, ps: readonly Param[]): PyMetricFactory['name'] {
  if (!expr) return undefined;
  const direct = forwarded(expr, ps);
  if (direct) return { slot: direct, prefix: '', suffix: '' };
  const parts: (string | Node)[] = [];
  if (expr.type === 'string' && !/^[a-zA-Z]*[bB]/.test(expr.text)) {
    for (const c of expr.namedChildren) {
      if (c?.type === 'string_content') parts.push(c.text);
      else if (c?.type === 'interpolation') { const inner = c.childForFieldName('expression') ?? c.namedChildren[0]; if (!inner || c.namedChildren.length > 1) return undefined; parts.push(inner); }
    }
  } else if (expr.type === 'binary_operator' && expr.childForFieldName('operator')?.type === '+') {
    for (const leaf of plusLeaves(expr)) {
      const v = isStaticString(leaf) ? stringValue(leaf) : undefined;
      parts.push(v ?? leaf);
    }
  } else return undefined;
  const nodes = parts.filter((p): p is Node => typeof p !== 'string');
  if (nodes.length !== 1) return undefined;
  const slot = forwarded(nodes[0], ps);
  if (!slot) return undefined;
  const i = parts.indexOf(nodes[0]);
  return { slot, prefix: (parts.slice(0, i) as string[]).join(''), suffix: (parts.slice(i + 1) as string[]).join('') };
}

/** The factory a registration inside a module-level function makes of it, when the function forwards its name or labels. */
function factoryOf(reg: PyMetricRegistration, fn: Node): PyMetricFactory | undefined {
  const ps = params(fn);
  if (ps.length === 0) return undefined;
  const args = callArgs(reg.call);
  const name = forwardedName(reg.nameNode, ps);
  let labels: Slot | undefined;
  if (reg.lib === 'prometheus') {
    const labelsArg = reg.family ? args.positional[FAMILY_LABELS_AT[reg.type] ?? 3] ?? args.keywords.get('labels')?.value : args.positional[2] ?? args.keywords.get('labelnames')?.value;
    labels = forwarded(labelsArg, ps);
    // `Counter(name, doc, **kwargs)`: the caller's `labelnames=` goes through.
    if (!labels && !labelsArg && args.hasSplat) {
      const kw = ps.find((p) => p.kwargs);
      if (kw && new RegExp(`\\*\\*\\s*${kw.name}\\b`).test(reg.call.text)) labels = { index: -1, keyword: reg.family ? 'labels' : 'labelnames' };
    }
  }
  if (!name && !labels) return undefined;
  return { lib: reg.lib, type: reg.type, ...(reg.family ? { family: true } : {}), ...(name ? { name } : {}), ...(labels ? { labels } : {}), ...(reg.unit ? { unit: reg.unit } : {}), helperId: fn.id };
}

/**
 * Names bound to a registration anywhere in the file (module-level, `self.x = ...`, class
 * attributes), and the module-level functions that forward to a metric constructor. Found from
 * the text (`Counter(`, `create_counter(`, then the helpers' names), then the node at that
 * offset: no extra tree walk, and nothing at all in files without metrics.
 */
function index(ctx: PyContext): void {
  const st = fileState(ctx.facts);
  const map = new Map<string, PyMetricRegistration>();
  const found = new Map<string, PyMetricFactory>();
  st.bindings = map;
  st.factories = found;
  const re = new RegExp(`\\b(${st.promNames.join('|')}|create_(?:observable_)?(?:counter|up_down_counter|histogram|gauge))\\s*\\(`, 'g');
  const root = ctx.tree.rootNode;
  for (const m of ctx.text.matchAll(re)) {
    const call = callAt(root, m.index, m[1].length);
    const reg = call && registration(call, ctx.facts, ctx.facts.callee(call), ctx);
    if (!reg) continue;
    for (const target of bindingTargets(reg.call)) map.set(target, reg);
    const helper = helperAround(reg.call);
    const name = helper?.childForFieldName('name')?.text;
    const factory = helper && name && !found.has(name) ? factoryOf(reg, helper) : undefined;
    if (factory) found.set(name!, factory);
  }
  if (found.size > 0) {
    // Calls of the helpers: `REQUESTS = make_counter("requests", "d", ["route"])` binds like a constructor.
    const names = [...found.keys()].map((n) => n.replace(/[^\w]/g, ''));
    for (const m of ctx.text.matchAll(new RegExp(`(?<![\\w.])(${names.join('|')})\\s*\\(`, 'g'))) {
      const call = callAt(root, m.index, m[1].length);
      const reg = call && factoryRegistration(call, ctx, ctx.facts.callee(call));
      if (reg) for (const target of bindingTargets(call)) map.set(target, reg);
    }
  }
}

/** The call whose callee ends with the identifier at this offset. */
function callAt(root: Node, start: number, length: number): Node | undefined {
  const id = root.descendantForIndex(start, start + length);
  if (id?.type !== 'identifier') return undefined;
  const fn = id.parent?.type === 'attribute' && id.parent.endIndex === id.endIndex ? id.parent : id;
  const call = fn.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.startIndex === fn.startIndex ? call : undefined;
}

function bindings(ctx: PyContext): Map<string, PyMetricRegistration> {
  const st = fileState(ctx.facts);
  if (!st.bindings) index(ctx);
  return st.bindings!;
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

/** The metric name Prometheus sees for a registration whose name argument is `value` (helper affixes and `unit=` added). */
export function pyMetricFullName(reg: PyMetricRegistration, value: string): string {
  const name = `${reg.namePrefix ?? ''}${value}${reg.nameSuffix ?? ''}`;
  return reg.unit && !name.endsWith(`_${reg.unit}`) ? `${name}_${reg.unit}` : name;
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
  if (method === 'add_metric') return addMetricCall(call, fn, ctx);
  if (OTEL_USES.has(method)) return instrumentCall(call, fn, method, ctx);
  if (method === 'Observation') {
    const q = name ? ctx.facts.qualify(name) : '';
    return q.startsWith('opentelemetry.') ? attributes(attributesArg(call)) : [];
  }
  const reg = pyMetricRegistration(call, ctx);
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

/** `family.add_metric([v1, v2], value)` on a `*MetricFamily` bound in this file: the values, named by the family's `labels`. */
function addMetricCall(call: Node, fn: Node, ctx: PyContext): PyMetricLabel[] {
  if (fn.type !== 'attribute') return NONE;
  const reg = metricOf(fn.childForFieldName('object'), ctx);
  if (!reg?.family) return NONE;
  const args = callArgs(call);
  const values = args.positional[0] ?? args.keywords.get('labels')?.value;
  if (!values || (values.type !== 'list' && values.type !== 'tuple')) return NONE;
  return values.namedChildren.filter((v): v is Node => !!v && v.type !== 'comment').map((value, i) => {
    const decl = reg.labelNames?.[i];
    return { key: decl?.key ?? '', keyNode: value, value, declared: !!decl };
  });
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
