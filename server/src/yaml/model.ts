/**
 * YAML rule and SLO files: parse with source ranges (`yaml`), recognise each document by
 * content (globs override), and walk alerting/recording rules and SLOs. No editor imports.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Pair, parseAllDocuments, Scalar, visit, YAMLMap, YAMLSeq, type Alias, type Document, type Node as YNode } from 'yaml';

export type YamlKind = 'prometheus-rules' | 'openslo' | 'sloth' | 'pyrra';

export interface YamlDoc {
  doc: Document.Parsed;
  kind: YamlKind;
  /** The map holding `groups` (rule files, PrometheusRule CRD `spec`) or the document root. */
  root: YAMLMap;
  /** A Kubernetes custom resource (its spec uses camelCase keys for Sloth). */
  crd: boolean;
  /**
   * The document has a YAML syntax error. Only that error is reported: what the parser recovered
   * (a tab-indented key moved to the top level…) would cascade into findings about nothing.
   * Hover and completion still use the document.
   */
  broken: boolean;
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
  /** Keys written twice in one map (Prometheus' YAML decoder rejects the file): the second key, and where the first is. */
  duplicateKeys: { start: number; end: number; key: string; first: number }[];
  /** Recognised documents whose aliases expand past `MAX_ALIAS_NODES` ("billion laughs"): reported once, not analysed. */
  aliasBombs: { start: number; end: number }[];
}

/** The documents the checks read: recognised, and free of YAML syntax errors. */
export function checkedDocs(file: YamlFile): YamlDoc[] {
  return file.docs.filter((d) => !d.broken);
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
  if (isSeq(groups) && mapsIn(groups).some(looksLikeGroup)) return { kind: 'prometheus-rules', root };
  if (forced) return { kind: forced, root };
  return undefined;
}

/** A map under `groups:` that holds `rules:`, or any list of maps with `expr`/`alert`/`record` (a misspelt `rule:`). */
function looksLikeGroup(group: YAMLMap): boolean {
  if (get(group, 'rules')) return true;
  return group.items.some((p) => mapsIn(p.value).some((r) => ['expr', 'alert', 'record'].some((k) => pairOf(r, k))));
}

/**
 * Parses every `---` document and keeps the recognised ones. `forced` (from the
 * `alertFiles`/`sloFiles` globs) makes an unrecognised map document count as that kind.
 */
export function parseYamlFile(text: string, forced?: YamlKind | 'slo'): YamlFile {
  const out: YamlFile = { docs: [], syntaxErrors: [], unrecognised: [], duplicateKeys: [], aliasBombs: [] };
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, merge: true }) as Document.Parsed[];
  } catch {
    return out;
  }
  if (!Array.isArray(parsed)) return out;
  for (const doc of parsed) {
    const contents = doc.contents;
    // OpenSLO objects may come as one top-level list (the form `oslo` and the OpenSLO SDK write).
    const roots = isSeq(contents) && contents.items.some((i) => isMap(i) && isOpenSlo(i)) ? mapsIn(contents).filter(isOpenSlo) : isMap(contents) ? [contents] : [];
    const hits = roots.map((r) => recognise(r, forced === 'slo' ? undefined : forced)).filter((h) => h !== undefined);
    if (hits.length === 0) {
      if (forced === 'slo' && contents) out.unrecognised.push({ start: doc.range[0], end: Math.min(doc.range[1], text.indexOf('\n', doc.range[0]) >= 0 ? text.indexOf('\n', doc.range[0]) : doc.range[1]) });
      continue;
    }
    const broken = doc.errors.length > 0;
    const duplicates = out.duplicateKeys.length;
    try {
      resolveAliases(contents, anchorsOf(doc), out, { nodes: 0 });
    } catch (error) {
      if (error !== TOO_MANY_ALIASES) throw error;
      const first = text.indexOf('\n', doc.range[0]);
      out.aliasBombs.push({ start: doc.range[0], end: first > doc.range[0] ? first : Math.max(doc.range[1], doc.range[0] + 1) });
      continue;
    }
    if (broken) out.duplicateKeys.length = duplicates; // what the parser recovered is no evidence of a repeated key
    for (const hit of hits) out.docs.push({ doc, kind: hit.kind, root: hit.root, crd: !!hit.crd, broken });
    // Only the first error of a document: later ones are usually the same mistake cascading.
    for (const e of doc.errors.slice(0, 1)) out.syntaxErrors.push({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1), message: e.message.split('\n')[0] });
  }
  return out;
}

function isOpenSlo(map: YAMLMap): boolean {
  return /^openslo\/v1(alpha)?$/.test(str(get(map, 'apiVersion')) ?? '');
}

/**
 * Bound on the nodes that aliases may add to one document. Real rule files stay far below it
 * (a shared `labels: *defaults` adds a handful per use); a "billion laughs" document (nine
 * aliases of nine aliases…) reaches it in microseconds instead of expanding to 9^9 nodes.
 */
export const MAX_ALIAS_NODES = 100_000;
const TOO_MANY_ALIASES = new Error('too many alias nodes');
const aliasCopies = new WeakSet<object>();

/**
 * True for a node an alias brought in (its range is the `*alias` token, not text of its own):
 * a fix must not edit it, since the text to change is at the anchor and shared by every use.
 */
export function isAliasCopy(node: unknown): boolean {
  return typeof node === 'object' && node !== null && aliasCopies.has(node);
}
interface Budget { nodes: number }

/** Resolves an alias to the node its anchor named last before it (YAML allows redefining an anchor). */
type Anchors = (alias: Alias) => unknown;

/** Anchors collected before anything is rewritten: resolving merges removes `<<` entries whose value may be an anchor. */
function anchorsOf(doc: Document.Parsed): Anchors {
  const byName = new Map<string, { at: number; node: unknown }[]>();
  visit(doc, (_key, node) => {
    if (!node || typeof node !== 'object') return;
    const anchor = (node as { anchor?: string }).anchor;
    const at = (node as { range?: [number, number, number] }).range?.[0];
    if (anchor && at !== undefined) byName.set(anchor, [...(byName.get(anchor) ?? []), { at, node }]);
  });
  return (alias) => {
    const at = alias.range?.[0] ?? 0;
    return (byName.get(alias.source) ?? []).filter((a) => a.at < at).pop()?.node;
  };
}

/**
 * Resolves aliases and merge keys in place, so rules and the schema see what Prometheus sees:
 * `<<: *defaults` adds the anchored map's entries (its own keys win) and `labels: *defaults`
 * reads as the anchored node. What an alias brings in is a copy placed at the alias (`*name`),
 * so a finding about it is reported, and can be suppressed, where it is used, not at the anchor.
 * Also records keys written twice in one map. Throws `TOO_MANY_ALIASES` past the bound.
 */
function resolveAliases(node: unknown, anchors: Anchors, out: YamlFile, budget: Budget, depth = 0): void {
  if (depth > 200) throw TOO_MANY_ALIASES;
  if (isMap(node)) {
    duplicateKeysOf(node, out);
    // yaml v2 gives the merge key a Symbol value; its source text is `<<`.
    const merges = node.items.filter((p) => isPair(p) && isScalar(p.key) && (p.key as Scalar).source === '<<');
    for (const merge of merges) {
      const value = merge.value;
      node.items.splice(node.items.indexOf(merge), 1);
      for (const item of isSeq(value) ? value.items : [value]) {
        const source = isAlias(item) ? copyAt(anchors(item), rangeOf(item), anchors, budget) : item;
        if (!isMap(source)) continue;
        for (const pair of source.items) {
          const key = isScalar(pair.key) ? pair.key.value : undefined;
          if (!node.items.some((p) => isScalar(p.key) && p.key.value === key)) node.items.push(pair);
        }
      }
    }
    for (const item of node.items) {
      if (isAlias(item.value)) item.value = copyAt(anchors(item.value as Alias), rangeOf(item.value), anchors, budget) as typeof item.value;
      else resolveAliases(item.value, anchors, out, budget, depth + 1);
    }
  } else if (isSeq(node)) {
    node.items = node.items.map((i) => (isAlias(i) ? copyAt(anchors(i), rangeOf(i), anchors, budget) : (resolveAliases(i, anchors, out, budget, depth + 1), i))) as typeof node.items;
  }
}

/** A deep copy of an anchored node with every range set to the alias that uses it; nested aliases and merges resolved. */
function copyAt(node: unknown, at: { start: number; end: number }, anchors: Anchors, budget: Budget, depth = 0): unknown {
  if (++budget.nodes > MAX_ALIAS_NODES || depth > 200) throw TOO_MANY_ALIASES;
  const range: [number, number, number] = [at.start, at.end, at.end];
  if (isAlias(node)) return copyAt(anchors(node), at, anchors, budget, depth + 1);
  if (isScalar(node)) {
    const copy = new Scalar(node.value);
    Object.assign(copy, { type: node.type, source: node.source, range });
    aliasCopies.add(copy);
    return copy;
  }
  if (isMap(node)) {
    const copy = new YAMLMap();
    Object.assign(copy, { flow: node.flow, range });
    aliasCopies.add(copy);
    for (const p of node.items) {
      if (isScalar(p.key) && (p.key as Scalar).source === '<<') {
        for (const item of isSeq(p.value) ? p.value.items : [p.value]) {
          const source = copyAt(item, at, anchors, budget, depth + 1);
          if (!isMap(source)) continue;
          for (const q of source.items) if (!node.items.some((own) => isScalar(own.key) && isScalar(q.key) && own.key.value === q.key.value)) copy.items.push(q);
        }
        continue;
      }
      copy.items.push(new Pair(copyAt(p.key, at, anchors, budget, depth + 1), copyAt(p.value, at, anchors, budget, depth + 1)));
    }
    return copy;
  }
  if (isSeq(node)) {
    const copy = new YAMLSeq();
    Object.assign(copy, { flow: node.flow, range });
    aliasCopies.add(copy);
    copy.items = node.items.map((i) => copyAt(i, at, anchors, budget, depth + 1));
    return copy;
  }
  return node;
}

/** Keys written twice in one map (merge keys aside), before merges are applied. */
function duplicateKeysOf(map: YAMLMap, out: YamlFile): void {
  if (map.items.length < 2) return;
  const seen = new Map<string, number>();
  for (const p of map.items) {
    if (!isScalar(p.key) || (p.key as Scalar).source === '<<' || !p.key.range) continue;
    const key = String(p.key.value);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, p.key.range[0]);
    else out.duplicateKeys.push({ start: p.key.range[0], end: p.key.range[1], key, first });
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
  for (const doc of checkedDocs(file)) {
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
