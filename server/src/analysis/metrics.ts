/**
 * Metric names the code registers (prometheus_client, prom-client, OpenTelemetry meters),
 * expanded to the series names Prometheus exposes, for the YAML `metric-not-emitted` check.
 */
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { dottedName as jsDottedName, propertyKeyName, unwrap } from './js/nodes';
import type { JsFacts } from './js/facts';
import type { PyFacts } from './python/facts';
import { callArgs, stringValue } from './python/nodes';

export interface MetricNames {
  /** Exact series names (`orders_total`, `latency_seconds_bucket`…). */
  names: string[];
  /** Name prefixes from OpenTelemetry instruments (exporters add unit and type suffixes). */
  prefixes: string[];
}

type Kind = 'counter' | 'gauge' | 'histogram' | 'summary' | 'info' | 'enum';
const PROM_TYPES: Record<string, Kind> = { Counter: 'counter', Gauge: 'gauge', Histogram: 'histogram', Summary: 'summary', Info: 'info', Enum: 'enum' };
const OTEL_METHODS = /^(create_|create)(counter|up_down_counter|histogram|gauge|observable_counter|observable_gauge|observable_up_down_counter|Counter|UpDownCounter|Histogram|Gauge|ObservableCounter|ObservableGauge|ObservableUpDownCounter)$/;

/** The series a Prometheus client exposes for one metric. */
export function exposedNames(kind: Kind, name: string): string[] {
  switch (kind) {
    case 'counter': { const base = name.replace(/_total$/, ''); return [base, `${base}_total`, `${base}_created`]; }
    case 'histogram': return [name, `${name}_bucket`, `${name}_sum`, `${name}_count`, `${name}_created`];
    case 'summary': return [name, `${name}_sum`, `${name}_count`, `${name}_created`];
    case 'info': return [name, `${name}_info`];
    default: return [name];
  }
}

/** OpenTelemetry instrument name as the Prometheus exporter writes it (dots → underscores). */
export function otelPrefix(name: string): string {
  return name.replace(/[^a-zA-Z0-9_:]/g, '_');
}

/** Registrations in one Python call, if it is one. */
export function pythonMetric(call: Node, facts: PyFacts, out: MetricNames): void {
  const { fn, name } = facts.callee(call);
  if (!fn) return;
  const args = () => callArgs(call);
  const first = () => { const a = args(); const n = a.positional[0] ?? a.keywords.get('name')?.value; return n ? stringValue(n) : undefined; };
  const qualified = name ? facts.qualify(name) : '';
  const type = /^prometheus_client\.(?:metrics\.)?(\w+)$/.exec(qualified)?.[1];
  if (type && PROM_TYPES[type]) {
    const base = first();
    if (!base) return;
    const a = args();
    const parts = ['namespace', 'subsystem'].map((k) => { const v = a.keywords.get(k)?.value; return v ? stringValue(v) : undefined; }).filter(Boolean);
    out.names.push(...exposedNames(PROM_TYPES[type], [...parts, base].join('_')));
    return;
  }
  const method = facts.callee(call).method ?? '';
  if (OTEL_METHODS.test(method)) {
    const base = first();
    if (base) out.prefixes.push(otelPrefix(base));
  }
}

/** Registrations in one JS/TS `new Counter({ name })` or `meter.createCounter('name')`. */
export function jsMetric(node: ts.Node, facts: JsFacts, out: MetricNames): void {
  if (ts.isNewExpression(node)) {
    const callee = jsDottedName(node.expression) ?? '';
    const type = /(?:^|\.)(Counter|Gauge|Histogram|Summary)$/.exec(facts.qualify(callee));
    const qualified = facts.qualify(callee);
    if (!type || !(qualified.startsWith('prom-client') || /^(client|promClient|prom|Prometheus)\./.test(callee))) return;
    const opts = node.arguments?.[0] && unwrap(node.arguments[0]);
    if (!opts || !ts.isObjectLiteralExpression(opts)) return;
    for (const p of opts.properties) {
      if (ts.isPropertyAssignment(p) && propertyKeyName(p.name) === 'name' && ts.isStringLiteralLike(p.initializer)) {
        out.names.push(...exposedNames(PROM_TYPES[type[1]], p.initializer.text));
      }
    }
  } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && OTEL_METHODS.test(node.expression.name.text)) {
    const arg = node.arguments[0];
    if (arg && ts.isStringLiteralLike(arg)) out.prefixes.push(otelPrefix(arg.text));
  }
}
