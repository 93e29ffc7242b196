/** Every PromQL-bearing scalar of a file: rule `expr`, Sloth SLI queries, OpenSLO Prometheus queries, Pyrra metrics. */
import { isMap, isScalar, isSeq, type Node as YNode, type Scalar, type YAMLMap } from 'yaml';
import { isLogQL } from './promql';
import { checkedDocs, get, mapsIn, rulesOf, slothKey, str, type YamlDoc, type YamlFile } from './model';

export interface QueryNode { doc: YamlDoc; node: Scalar; query: string; where: string }

function scalarAt(map: unknown, path: string[]): Scalar | undefined {
  let node: unknown = map;
  for (const key of path) node = get(node, key);
  return isScalar(node) ? (node as Scalar) : undefined;
}

/**
 * OpenSLO Prometheus queries anywhere below `node`: v1 `metricSource` maps of `type: Prometheus`
 * (`spec.query`), and v1alpha metrics (`thresholdMetric`, `ratioMetrics.good/bad/total`) with
 * `source: prometheus` or `queryType: promql` (`query`).
 */
function openSloQueries(node: unknown, out: Scalar[]): void {
  if (isMap(node)) {
    const type = str(get(node, 'type'))?.toLowerCase();
    const spec = get(node, 'spec');
    if (type === 'prometheus' && isMap(spec)) {
      const q = scalarAt(spec, ['query']) ?? scalarAt(spec, ['promql']);
      if (q && !out.includes(q)) out.push(q);
    }
    const v1alpha = str(get(node, 'source'))?.toLowerCase() === 'prometheus' || str(get(node, 'queryType'))?.toLowerCase() === 'promql';
    const query = v1alpha ? scalarAt(node, ['query']) : undefined;
    if (query && !out.includes(query)) out.push(query);
    for (const item of (node as YAMLMap).items) openSloQueries(item.value, out);
  } else if (isSeq(node)) {
    for (const item of node.items) openSloQueries(item, out);
  }
}

const cache = new WeakMap<YamlFile, QueryNode[]>();

/** Computed once per parsed file; several rules read it. */
export function queriesOf(file: YamlFile): QueryNode[] {
  const cached = cache.get(file);
  if (cached) return cached;
  const out: QueryNode[] = [];
  cache.set(file, out);
  const push = (doc: YamlDoc, node: Scalar | undefined, where: string) => {
    if (node && typeof node.value === 'string' && !isLogQL(node.value)) out.push({ doc, node, query: node.value, where });
  };
  for (const r of rulesOf(file)) push(r.doc, scalarAt(r.rule, ['expr']), `${r.type} ${r.name}`);
  for (const doc of checkedDocs(file)) {
    if (doc.kind === 'sloth') {
      if (isMetricsQL(doc)) continue;
      for (const slo of mapsIn(get(doc.root, 'slos'))) {
        for (const path of [['sli', 'events', 'error_query'], ['sli', 'events', 'total_query'], ['sli', 'raw', 'error_ratio_query']]) {
          const keys = path.map((k) => slothKey(doc, k));
          push(doc, scalarAt(slo, keys), keys.join('.'));
        }
      }
    } else if (doc.kind === 'openslo') {
      const found: Scalar[] = [];
      openSloQueries(get(doc.root, 'spec'), found);
      for (const q of found) push(doc, q, 'metricSource query');
    } else if (doc.kind === 'pyrra') {
      const indicator = get(get(doc.root, 'spec'), 'indicator');
      for (const path of [['ratio', 'errors', 'metric'], ['ratio', 'total', 'metric'], ['latency', 'success', 'metric'], ['latency', 'total', 'metric'], ['latencyNative', 'total', 'metric'], ['bool_gauge', 'metric']]) {
        push(doc, scalarAt(indicator, path), path.join('.'));
      }
    }
  }
  return out;
}

/**
 * A Sloth spec whose plugin chain validates for VictoriaMetrics (`sloth.dev/contrib/validate_victoria_metrics/v1`
 * replaces the PromQL validator): its queries are MetricsQL, which PromQL's grammar does not cover.
 */
function isMetricsQL(doc: YamlDoc): boolean {
  const chain = get(get(doc.root, slothKey(doc, 'slo_plugins')), 'chain');
  return mapsIn(chain).some((p) => /victoria/i.test(str(get(p, 'id')) ?? ''));
}

export type { YNode };
