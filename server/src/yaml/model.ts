/**
 * YAML rule and SLO files: parse with source ranges (`yaml`), recognise each document by
 * content (globs override), and walk alerting/recording rules and SLOs. No editor imports.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YNode, type Pair, type Scalar, type YAMLMap } from 'yaml';

export type YamlKind = 'prometheus-rules' | 'openslo' | 'sloth' | 'pyrra';

export interface YamlDoc {
  doc: Document.Parsed;
  kind: YamlKind;
  /** The map holding `groups` (rule files, PrometheusRule CRD `spec`) or the document root. */
  root: YAMLMap;
  /** A Kubernetes custom resource (its spec uses camelCase keys for Sloth). */
  crd: boolean;
}

/** Sloth key names: snake_case in prometheus/v1 files, camelCase in the PrometheusServiceLevel CRD. */
export function slothKey(doc: YamlDoc, snake: string): string {
  return doc.crd ? snake.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase()) : snake;
}

export interface YamlFile {
  docs: YamlDoc[];
  /** YAML syntax errors of recognised documents: offset and message. */
  syntaxErrors: { start: number; end: number; message: string }[];
  /** Documents of a file that `sloFiles` names as SLO files but that match no SLO format. */
  unrecognised: { start: number; end: number }[];
}

/** The value of `key` in a map, or undefined. */
export function get(map: unknown, key: string): YNode | undefined {
  if (!isMap(map)) return undefined;
  const pair = pairOf(map, key);
  return (pair?.value ?? undefined) as YNode | undefined;
}

export function pairOf(map: YAMLMap, key: string): Pair<YNode, YNode> | undefined {
  for (const item of map.items) if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item as Pair<YNode, YNode>;
  return undefined;
}

/** A scalar's value as a string (numbers too), or undefined. */
export function str(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

export function rangeOf(node: { range?: [number, number, number] | null } | null | undefined): { start: number; end: number } {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

/** Items of a sequence that are maps. */
export function mapsIn(node: unknown): YAMLMap[] {
  return isSeq(node) ? node.items.filter((i): i is YAMLMap => isMap(i)) : [];
}

function recognise(root: YAMLMap, forced: YamlKind | undefined): { kind: YamlKind; root: YAMLMap; crd?: boolean } | undefined {
  const apiVersion = str(get(root, 'apiVersion')) ?? '';
  const kind = str(get(root, 'kind')) ?? '';
  const spec = get(root, 'spec');
  if (apiVersion.startsWith('monitoring.coreos.com/') && kind === 'PrometheusRule' && isMap(spec)) return { kind: 'prometheus-rules', root: spec, crd: true };
  if (/^openslo\/v1(alpha)?$/.test(apiVersion)) return { kind: 'openslo', root };
  if (apiVersion.startsWith('pyrra.dev/') && kind === 'ServiceLevelObjective') return { kind: 'pyrra', root };
  if (apiVersion.startsWith('sloth.slok.dev/') && kind === 'PrometheusServiceLevel' && isMap(spec)) return { kind: 'sloth', root: spec, crd: true };
  if (str(get(root, 'version')) === 'prometheus/v1' && get(root, 'slos')) return { kind: 'sloth', root };
  const groups = get(root, 'groups');
  if (isSeq(groups) && mapsIn(groups).some((g) => get(g, 'rules'))) return { kind: 'prometheus-rules', root };
  if (forced) return { kind: forced, root };
  return undefined;
}

/**
 * Parses every `---` document and keeps the recognised ones. `forced` (from the
 * `alertFiles`/`sloFiles` globs) makes an unrecognised map document count as that kind.
 */
export function parseYamlFile(text: string, forced?: YamlKind | 'slo'): YamlFile {
  const out: YamlFile = { docs: [], syntaxErrors: [], unrecognised: [] };
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, merge: true }) as Document.Parsed[];
  } catch {
    return out;
  }
  if (!Array.isArray(parsed)) return out;
  for (const doc of parsed) {
    const contents = doc.contents;
    const hit = isMap(contents) ? recognise(contents, forced === 'slo' ? undefined : forced) : undefined;
    if (!hit) {
      if (forced === 'slo' && contents) out.unrecognised.push({ start: doc.range[0], end: Math.min(doc.range[1], text.indexOf('\n', doc.range[0]) >= 0 ? text.indexOf('\n', doc.range[0]) : doc.range[1]) });
      continue;
    }
    resolveMerges(contents, doc);
    out.docs.push({ doc, kind: hit.kind, root: hit.root, crd: !!hit.crd });
    // Only the first error of a document: later ones are usually the same mistake cascading.
    for (const e of doc.errors.slice(0, 1)) out.syntaxErrors.push({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1), message: e.message.split('\n')[0] });
  }
  return out;
}

/**
 * Applies YAML merge keys (`<<: *defaults`) in place: the anchored map's entries are added to
 * the map (its own keys win) and the `<<` entry is removed, so rules and the schema see what
 * Prometheus sees. Merged entries keep the anchor's source ranges.
 */
function resolveMerges(node: unknown, doc: Document.Parsed, depth = 0): void {
  if (depth > 100) return;
  const resolved = (v: unknown) => (isAlias(v) ? v.resolve(doc) ?? v : v);
  if (isMap(node)) {
    // yaml v2 gives the merge key a Symbol value; its source text is `<<`.
    const merges = node.items.filter((p) => isPair(p) && isScalar(p.key) && (p.key as Scalar).source === '<<');
    for (const merge of merges) {
      const value = merge.value;
      const sources = (isSeq(value) ? value.items : [value]).map(resolved);
      node.items.splice(node.items.indexOf(merge), 1);
      for (const source of sources) {
        if (!isMap(source)) continue;
        for (const item of source.items) {
          const key = isScalar(item.key) ? item.key.value : undefined;
          if (!node.items.some((p) => isScalar(p.key) && p.key.value === key)) node.items.push(item);
        }
      }
    }
    for (const item of node.items) {
      // A plain alias (`labels: *defaults`) reads as the anchored node itself.
      if (isAlias(item.value)) item.value = resolved(item.value) as typeof item.value;
      resolveMerges(item.value, doc, depth + 1);
    }
  } else if (isSeq(node)) {
    node.items = node.items.map(resolved) as typeof node.items;
    for (const item of node.items) resolveMerges(item, doc, depth + 1);
  }
}

export interface RuleEntry {
  doc: YamlDoc;
  group: YAMLMap;
  rule: YAMLMap;
  /** `alert` or `record`. */
  type: 'alert' | 'record';
  name: string;
  nameNode: YNode;
}

/** Every alerting and recording rule of the Prometheus rule documents, in file order. */
export function rulesOf(file: YamlFile): RuleEntry[] {
  const out: RuleEntry[] = [];
  for (const doc of file.docs) {
    if (doc.kind !== 'prometheus-rules') continue;
    for (const group of mapsIn(get(doc.root, 'groups'))) {
      for (const rule of mapsIn(get(group, 'rules'))) {
        const alert = get(rule, 'alert');
        const record = get(rule, 'record');
        const nameNode = alert ?? record;
        if (nameNode) out.push({ doc, group, rule, type: alert ? 'alert' : 'record', name: str(nameNode) ?? '', nameNode });
      }
    }
  }
  return out;
}

/** The alerting rules only (most policy checks concern alerts, not recording rules). */
export function alertsOf(file: YamlFile): RuleEntry[] {
  return rulesOf(file).filter((r) => r.type === 'alert');
}
