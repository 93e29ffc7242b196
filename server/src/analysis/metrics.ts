/**
 * Metric names the code registers (prometheus_client, prom-client, OpenTelemetry meters),
 * expanded to the series names Prometheus exposes, for the YAML `metric-not-emitted` check.
 */
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { jsMetricFullName, jsMetricRegistration } from './js/metricLabels';
import { unwrap } from './js/nodes';
import { pyMetricFullName, pyMetricRegistration } from './python/metricLabels';
import { callArgs, stringValue } from './python/nodes';
import type { JsContext, PyContext } from './rule';

export interface MetricNames {
  /** Exact series names (`orders_total`, `latency_seconds_bucket`…). */
  names: string[];
  /** Name prefixes from OpenTelemetry instruments (exporters add unit and type suffixes). */
  prefixes: string[];
}

type Kind = 'counter' | 'gauge' | 'histogram' | 'summary' | 'info' | 'enum' | 'stateset' | 'gaugehistogram' | 'unknown';
const PROM_TYPES: Record<string, Kind> = {
  Counter: 'counter', Gauge: 'gauge', Histogram: 'histogram', Summary: 'summary', Info: 'info', Enum: 'enum',
  StateSet: 'stateset', GaugeHistogram: 'gaugehistogram', Unknown: 'unknown',
};

/** The series a Prometheus client exposes for one metric. */
export function exposedNames(kind: Kind, name: string): string[] {
  switch (kind) {
    case 'counter': { const base = name.replace(/_total$/, ''); return [base, `${base}_total`, `${base}_created`]; }
    case 'histogram': return [name, `${name}_bucket`, `${name}_sum`, `${name}_count`, `${name}_created`];
    case 'summary': return [name, `${name}_sum`, `${name}_count`, `${name}_created`];
    case 'info': return [name, `${name}_info`];
    case 'gaugehistogram': return [name, `${name}_bucket`, `${name}_gcount`, `${name}_gsum`];
    default: return [name];
  }
}

/**
 * The series a prometheus_client custom-collector family (`CounterMetricFamily`…) exposes: its
 * `add_metric` writes only these samples (no `_created` unless given, which the family's
 * constructor does not know; a summary family has no quantiles).
 */
function familyNames(kind: Kind, name: string): string[] {
  switch (kind) {
    case 'counter': { const base = name.replace(/_total$/, ''); return [base, `${base}_total`]; }
    case 'histogram': return [name, `${name}_bucket`, `${name}_sum`, `${name}_count`];
    case 'summary': return [name, `${name}_sum`, `${name}_count`];
    default: return exposedNames(kind, name);
  }
}

/** OpenTelemetry instrument name as the Prometheus exporter writes it (dots → underscores). */
export function otelPrefix(name: string): string {
  return name.replace(/[^a-zA-Z0-9_:]/g, '_');
}

/** Registrations in one Python call, if it is one (recognised by `pyMetricRegistration`, as the metric rules do). */
export function pythonMetric(call: Node, ctx: PyContext, out: MetricNames): void {
  const reg = pyMetricRegistration(call, ctx);
  const value = reg?.nameNode && stringValue(reg.nameNode);
  if (!reg || !value) return;
  const base = pyMetricFullName({ ...reg, unit: undefined }, value);
  if (reg.lib === 'otel') {
    out.prefixes.push(otelPrefix(base));
    return;
  }
  const kind = PROM_TYPES[reg.type];
  if (!kind) return;
  const args = callArgs(call);
  const parts = ['namespace', 'subsystem'].map((k) => { const v = args.keywords.get(k)?.value; return v ? stringValue(v) : undefined; }).filter(Boolean);
  // prometheus_client: namespace_subsystem_name, `_total` of a counter dropped, then `_<unit>` unless already there.
  let full = [...parts, base].join('_');
  if (kind === 'counter') full = full.replace(/_total$/, '');
  if (reg.unit && !full.endsWith(`_${reg.unit}`)) full += `_${reg.unit}`;
  out.names.push(...(reg.family ? familyNames(kind, full) : exposedNames(kind, full)));
}

/** Registrations in one JS/TS `new Counter({ name })` or `meter.createCounter('name')` (see `jsMetricRegistration`). */
export function jsMetric(node: ts.Node, ctx: JsContext, out: MetricNames): void {
  const reg = jsMetricRegistration(node, ctx);
  const name = reg?.nameNode && unwrap(reg.nameNode);
  if (!reg || !name || !ts.isStringLiteralLike(name)) return;
  const full = jsMetricFullName(reg, name.text);
  if (reg.lib === 'otel') out.prefixes.push(otelPrefix(full));
  else if (PROM_TYPES[reg.type]) out.names.push(...exposedNames(PROM_TYPES[reg.type], full));
}
