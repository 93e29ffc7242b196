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
import { jsProjectSymbol } from '../project/telemetrySymbols';
import type { ExportedSymbol, MetricFactoryArgs } from '../project/view';
import type { JsFacts } from './facts';
import { dottedName, plusLeaves, propertyKeyName, unwrap } from './nodes';

export type MetricLib = 'prometheus' | 'otel';

export interface JsMetricRegistration {
  node: ts.NewExpression | ts.CallExpression;
  lib: MetricLib;
  /** prom-client: Counter Gauge Histogram Summary; OTel: Counter UpDownCounter Histogram Gauge Observable*. */
  type: string;
  /** The metric name expression (`name:` property, or the first argument), when given. */
  nameNode?: ts.Expression;
  /** Text a project helper adds around the name it is given (`` `app_${name}` ``): the metric is `prefix + name + suffix`. */
  namePrefix?: string;
  nameSuffix?: string;
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

/** Where a helper's caller passes a value: the argument's position, and the property of it when the argument is an options object. */
interface Slot { index: number; property?: string }

/**
 * A project function that forwards its arguments to a metric constructor:
 * `function createCounter({ name, labelNames }) { return new client.Counter({ name, help, labelNames }); }`.
 */
export interface JsMetricFactory {
  lib: MetricLib;
  type: string;
  name?: { slot: Slot; prefix: string; suffix: string };
  labels?: Slot;
  /** The helper function. */
  helper?: ts.Node;
}

interface FileState {
  importsProm: boolean;
  importsOtel: boolean;
  /** Local names of prom-client classes (`Counter`, or an alias). */
  promNames: string[];
  bindings?: Map<string, JsMetricRegistration>;
  /** Functions of this file that forward to a metric constructor, by name. */
  factories?: Map<string, JsMetricFactory>;
  /** Names imported from project modules: the metric factory or meter they are (null: neither). */
  imported: Map<string, ExportedSymbol | null>;
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
    st = { importsProm, importsOtel, promNames, imported: new Map() };
    STATE.set(facts, st);
  }
  return st;
}

/**
 * A prom-client metric (`new Counter({...})`) or an OTel instrument (`meter.createCounter(...)`)
 * created here, directly or by a call of a project helper that forwards to one (defined in this
 * file, or imported from a project module the project view knows as a metric factory).
 */
export function jsMetricRegistration(node: ts.Node, ctx: JsContext): JsMetricRegistration | undefined {
  return directRegistration(node, ctx) ?? (ts.isCallExpression(node) ? factoryRegistration(node, ctx) : undefined);
}

function directRegistration(node: ts.Node, ctx: JsContext): JsMetricRegistration | undefined {
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
  if (!otel || !plausibleMeter(callee.expression, ctx)) return undefined;
  return { node, lib: 'otel', type: otel[1], nameNode: node.arguments[0] };
}

/** `meter`, `this.meter`, `metrics.getMeter('x')`, a meter imported from a project module, or any receiver in a file that imports OpenTelemetry. */
function plausibleMeter(receiver: ts.Expression, ctx: JsContext): boolean {
  if (fileState(ctx.facts).importsOtel) return true;
  const e = unwrap(receiver);
  const name = dottedName(e);
  if (name) return /meter/i.test(name.slice(name.lastIndexOf('.') + 1)) || projectSymbol(ctx, name)?.kind === 'meter';
  if (!ts.isCallExpression(e)) return false;
  const inner = dottedName(e.expression);
  return !!inner && (/(?:^|\.)getMeter$/.test(inner) || projectSymbol(ctx, inner)?.kind === 'meter');
}

function projectSymbol(ctx: JsContext, dotted: string): ExportedSymbol | undefined {
  if (!ctx.project) return undefined;
  const cache = fileState(ctx.facts).imported;
  let s = cache.get(dotted);
  if (s === undefined) cache.set(dotted, (s = jsProjectSymbol(ctx, dotted) ?? null));
  return s ?? undefined;
}

// ------------------------------------------------------------------ project helpers (metric factories)

/** The registration a call of a metric factory makes: its name and labels are the caller's arguments. */
function factoryRegistration(call: ts.CallExpression, ctx: JsContext): JsMetricRegistration | undefined {
  // Hot path: most files have no helpers and no project view.
  const own = factories(ctx);
  if (own.size === 0 && !ctx.project) return undefined;
  const e = call.expression;
  if (!ts.isIdentifier(e) && !(ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression))) return undefined;
  const callee = dottedName(e);
  if (!callee) return undefined;
  const factory = own.get(callee) ?? importedFactory(ctx, callee, call);
  if (!factory) return undefined;
  const at = (slot: Slot | undefined): ts.Expression | undefined => {
    const arg = slot && call.arguments[slot.index] && unwrap(call.arguments[slot.index]);
    if (!arg || !slot?.property) return arg;
    if (!ts.isObjectLiteralExpression(arg)) return undefined;
    const p = arg.properties.find((q) => (ts.isPropertyAssignment(q) || ts.isShorthandPropertyAssignment(q)) && propertyKeyName(q.name) === slot.property);
    return p && ts.isPropertyAssignment(p) ? p.initializer : p && ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
  };
  const reg: JsMetricRegistration = { node: call, lib: factory.lib, type: factory.type };
  const nameNode = factory.name && at(factory.name.slot);
  if (nameNode) reg.nameNode = nameNode;
  if (factory.name?.prefix) reg.namePrefix = factory.name.prefix;
  if (factory.name?.suffix) reg.nameSuffix = factory.name.suffix;
  const labels = at(factory.labels);
  if (labels) reg.labelNames = stringArray(unwrap(labels));
  return reg;
}

/**
 * The conventional shapes of a helper imported from a project module: prom-client style
 * `createCounter({ name, help, labelNames })`, or `counter(name, help?, labelNames?)` with the
 * label names the first array literal after the name.
 */
function importedFactory(ctx: JsContext, callee: string, call: ts.CallExpression): JsMetricFactory | undefined {
  const s = projectSymbol(ctx, callee);
  if (s?.kind !== 'metric-factory' || s.lib === 'prometheus_client') return undefined;
  const lib: MetricLib = s.lib === 'otel' ? 'otel' : 'prometheus';
  const type = s.metric ? (lib === 'otel' ? OTEL_TYPE[s.metric] : s.metric[0].toUpperCase() + s.metric.slice(1)) : lib === 'otel' ? 'Counter' : 'Unknown';
  // The helper's own shape when the project layer saw its body.
  if (s.args) {
    const { name, labels } = s.args;
    return {
      lib, type,
      ...(name ? { name: { slot: { index: name.index, ...(name.property ? { property: name.property } : {}) }, prefix: name.prefix ?? '', suffix: name.suffix ?? '' } } : {}),
      ...(labels ? { labels: { index: labels.index, ...(labels.property ? { property: labels.property } : {}) } } : {}),
    };
  }
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  if (first && ts.isObjectLiteralExpression(first)) return { lib, type, name: { slot: { index: 0, property: 'name' }, prefix: '', suffix: '' }, labels: { index: 0, property: 'labelNames' } };
  const labelsAt = call.arguments.findIndex((a, i) => i > 0 && ts.isArrayLiteralExpression(unwrap(a)));
  return { lib, type, name: { slot: { index: 0 }, prefix: '', suffix: '' }, ...(labelsAt > 0 && lib === 'prometheus' ? { labels: { index: labelsAt } } : {}) };
}

const OTEL_TYPE: Record<string, string> = { counter: 'Counter', gauge: 'Gauge', histogram: 'Histogram', summary: 'Histogram' };

/** What a helper function of this file is as a project export: a metric factory, with where its callers pass the name and label names. */
export function jsMetricFactoryExport(ctx: JsContext, fn: ts.Node): ExportedSymbol | undefined {
  const f = [...factories(ctx).values()].find((x) => x.helper === fn);
  if (!f) return undefined;
  const t = f.type.replace(/^Observable/, '');
  const metric = t === 'Counter' || t === 'UpDownCounter' ? 'counter' : t === 'Gauge' ? 'gauge' : t === 'Histogram' ? 'histogram' : t === 'Summary' ? 'summary' : undefined;
  const args: MetricFactoryArgs = {};
  if (f.name) args.name = { index: f.name.slot.index, ...(f.name.slot.property ? { property: f.name.slot.property } : {}), ...(f.name.prefix ? { prefix: f.name.prefix } : {}), ...(f.name.suffix ? { suffix: f.name.suffix } : {}) };
  if (f.labels) args.labels = { index: f.labels.index, ...(f.labels.property ? { property: f.labels.property } : {}) };
  return { kind: 'metric-factory', lib: f.lib === 'otel' ? 'otel' : 'prom-client', ...(metric ? { metric } : {}), args };
}

/** The file's metric factories (found with the registrations, see `index`). */
export function jsMetricFactories(ctx: JsContext): ReadonlyMap<string, JsMetricFactory> {
  return factories(ctx);
}

function factories(ctx: JsContext): Map<string, JsMetricFactory> {
  const st = fileState(ctx.facts);
  if (!st.factories) index(ctx);
  return st.factories!;
}

type Helper = { fn: ts.SignatureDeclaration; name: string };

/** The function around a node, when callers reach it by name: a top-level `function f` or `const f = (...) => ...`. */
function helperAround(node: ts.Node): Helper | undefined {
  let p = node.parent;
  while (p && !ts.isFunctionLike(p) && !ts.isSourceFile(p)) p = p.parent;
  if (!p || ts.isSourceFile(p)) return undefined;
  if (ts.isFunctionDeclaration(p) && p.name && ts.isSourceFile(p.parent)) return { fn: p, name: p.name.text };
  if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && ts.isVariableDeclaration(p.parent) && p.parent.initializer === p && ts.isIdentifier(p.parent.name)) {
    const list = p.parent.parent;
    if (ts.isVariableDeclarationList(list) && ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent)) return { fn: p, name: p.parent.name.text };
  }
  return undefined;
}

/** The parameter (or the property of a destructured / options parameter) an expression forwards. */
function forwarded(expr: ts.Expression | undefined, fn: ts.SignatureDeclaration): Slot | undefined {
  if (!expr) return undefined;
  let e = unwrap(expr);
  // `[...labelNames]`
  if (ts.isArrayLiteralExpression(e) && e.elements.length === 1 && ts.isSpreadElement(e.elements[0])) e = unwrap(e.elements[0].expression);
  const params = fn.parameters;
  if (ts.isIdentifier(e)) {
    for (let i = 0; i < params.length; i++) {
      const n = params[i].name;
      if (ts.isIdentifier(n) && n.text === e.text) return { index: i };
      if (ts.isObjectBindingPattern(n)) {
        for (const el of n.elements) {
          if (ts.isIdentifier(el.name) && el.name.text === e.text && !el.dotDotDotToken) {
            const prop = el.propertyName ? propertyKeyName(el.propertyName) : el.name.text;
            return prop ? { index: i, property: prop } : undefined;
          }
        }
      }
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const obj = (e.expression as ts.Identifier).text;
    const i = params.findIndex((q) => ts.isIdentifier(q.name) && q.name.text === obj);
    return i >= 0 ? { index: i, property: e.name.text } : undefined;
  }
  return undefined;
}

/** `name`, `` `app_${name}` ``, `'app_' + name`: the forwarded value and the literal text around it. */
function forwardedName(expr: ts.Expression | undefined, fn: ts.SignatureDeclaration): JsMetricFactory['name'] {
  if (!expr) return undefined;
  const direct = forwarded(expr, fn);
  if (direct) return { slot: direct, prefix: '', suffix: '' };
  const e = unwrap(expr);
  const parts: (string | ts.Expression)[] = [];
  if (ts.isTemplateExpression(e)) {
    parts.push(e.head.text);
    for (const span of e.templateSpans) parts.push(span.expression, span.literal.text);
  } else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    for (const leaf of plusLeaves(e)) parts.push(ts.isStringLiteralLike(leaf) ? leaf.text : leaf);
  } else return undefined;
  const exprs = parts.filter((p): p is ts.Expression => typeof p !== 'string');
  if (exprs.length !== 1) return undefined;
  const slot = forwarded(exprs[0], fn);
  if (!slot) return undefined;
  const i = parts.indexOf(exprs[0]);
  return { slot, prefix: (parts.slice(0, i) as string[]).join(''), suffix: (parts.slice(i + 1) as string[]).join('') };
}

/** The factory a registration inside a helper makes of it, when the helper forwards its name or label names. */
function factoryOf(reg: JsMetricRegistration, fn: ts.SignatureDeclaration): JsMetricFactory | undefined {
  if (fn.parameters.length === 0) return undefined;
  let name: JsMetricFactory['name'];
  let labels: Slot | undefined;
  if (reg.lib === 'otel') {
    name = forwardedName(reg.nameNode, fn);
  } else {
    const opts = ts.isNewExpression(reg.node) && reg.node.arguments?.[0] ? unwrap(reg.node.arguments[0]) : undefined;
    if (opts && ts.isIdentifier(opts)) {
      // `new Counter(options)`: the caller's options object goes through whole.
      const whole = forwarded(opts, fn);
      if (whole && whole.property === undefined) { name = { slot: { index: whole.index, property: 'name' }, prefix: '', suffix: '' }; labels = { index: whole.index, property: 'labelNames' }; }
    } else if (opts && ts.isObjectLiteralExpression(opts)) {
      let spread: Slot | undefined;
      for (const p of opts.properties) {
        const key = p.name && propertyKeyName(p.name as ts.PropertyName);
        if (ts.isSpreadAssignment(p)) { const s = forwarded(p.expression, fn); if (s && s.property === undefined) spread = s; continue; }
        const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
        if (key === 'name') name = forwardedName(value, fn);
        else if (key === 'labelNames') labels = forwarded(value, fn);
      }
      // `new Counter({ ...options, registers })`: name and labelNames come from the caller's options.
      const named = opts.properties.some((p) => p.name && propertyKeyName(p.name as ts.PropertyName) === 'name');
      const labelled = opts.properties.some((p) => p.name && propertyKeyName(p.name as ts.PropertyName) === 'labelNames');
      if (spread && !named) name = { slot: { index: spread.index, property: 'name' }, prefix: '', suffix: '' };
      if (spread && !labelled) labels = { index: spread.index, property: 'labelNames' };
    }
  }
  if (!name && !labels) return undefined;
  return { lib: reg.lib, type: reg.type, ...(name ? { name } : {}), ...(labels ? { labels } : {}) };
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
 * `this.c = meter.createCounter(...)`, class properties, `const metrics = { c: ... }`), and the
 * top-level functions that forward to a metric constructor. Found from the text, then the node at
 * that offset: no extra tree walk.
 */
function index(ctx: JsContext): void {
  const st = fileState(ctx.facts);
  const map = new Map<string, JsMetricRegistration>();
  const found = new Map<string, JsMetricFactory>();
  st.bindings = map;
  st.factories = found;
  const re = new RegExp(`(?<![\\w$])(${st.promNames.join('|')}|create(?:Observable)?(?:Counter|UpDownCounter|Histogram|Gauge))\\s*(?:<[^>()]*>\\s*)?\\(`, 'g');
  const sf = ctx.sourceFile;
  for (const m of ctx.text.matchAll(re)) {
    const node = calleeCallAt(sf, m.index, m[1]);
    const reg = node && directRegistration(node, ctx);
    if (!reg) continue;
    for (const target of bindingTargets(reg.node)) map.set(target, reg);
    const helper = helperAround(reg.node);
    const factory = helper && !found.has(helper.name) ? factoryOf(reg, helper.fn) : undefined;
    if (factory) found.set(helper!.name, { ...factory, helper: helper!.fn });
  }
  if (found.size > 0) {
    // Calls of the helpers: `const requests = createCounter({ name: 'requests_total', ... })` binds like a constructor.
    for (const m of ctx.text.matchAll(new RegExp(`(?<![\\w$.])(${[...found.keys()].map((n) => n.replace(/\$/g, '\\$')).join('|')})\\s*(?:<[^>()]*>\\s*)?\\(`, 'g'))) {
      const node = calleeCallAt(sf, m.index, m[1]);
      const reg = node && ts.isCallExpression(node) ? factoryRegistration(node, ctx) : undefined;
      if (reg) for (const target of bindingTargets(reg.node)) map.set(target, reg);
    }
  }
}

/** The `new`/call expression whose callee ends with the identifier at this offset. */
function calleeCallAt(sf: ts.SourceFile, pos: number, name: string): ts.NewExpression | ts.CallExpression | undefined {
  const id = nodeAt(sf, pos);
  if (!ts.isIdentifier(id) || id.text !== name) return undefined;
  const expr = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
  const p = expr.parent;
  return (ts.isNewExpression(p) || ts.isCallExpression(p)) && p.expression === expr ? p : undefined;
}

function bindings(ctx: JsContext): Map<string, JsMetricRegistration> {
  const st = fileState(ctx.facts);
  if (!st.bindings) index(ctx);
  return st.bindings!;
}

/** The metric name Prometheus sees for a registration whose name argument is `value` (a helper's affixes added). */
export function jsMetricFullName(reg: JsMetricRegistration, value: string): string {
  return `${reg.namePrefix ?? ''}${value}${reg.nameSuffix ?? ''}`;
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
  if (!ts.isNewExpression(node) && !ts.isCallExpression(node)) return NONE;
  const reg = jsMetricRegistration(node, ctx);
  if (reg) return reg.labelNames ? reg.labelNames.flatMap((l) => (l ? [{ key: l.key, keyNode: l.keyNode, declaration: true }] : [])) : NONE;
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
