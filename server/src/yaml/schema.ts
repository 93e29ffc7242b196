/** JSON Schema validation of recognised YAML documents, reported on the exact key or value. */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isSeq, type Node as YNode } from 'yaml';
import { closestId } from '../analysis/closest';
import openslo from '../../../schemas/openslo.schema.json';
import prometheusRules from '../../../schemas/prometheus-rules.schema.json';
import pyrra from '../../../schemas/pyrra.schema.json';
import slothCrd from '../../../schemas/sloth-crd.schema.json';
import sloth from '../../../schemas/sloth.schema.json';
import { get, mapsIn, pairOf, rangeOf, str, type YamlDoc, type YamlKind } from './model';

type SchemaName = YamlKind | 'sloth-crd';
const SCHEMAS: Record<SchemaName, object> = { 'prometheus-rules': prometheusRules, openslo, sloth, 'sloth-crd': slothCrd, pyrra };
let validators: Partial<Record<SchemaName, ValidateFunction>> | undefined;

function validator(kind: SchemaName): ValidateFunction {
  validators ??= {};
  let v = validators[kind];
  if (!v) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    v = ajv.compile(SCHEMAS[kind]);
    validators[kind] = v;
  }
  return v;
}

export interface SchemaProblem { start: number; end: number; message: string }

function nodeAt(root: YNode, path: string[]): YNode | undefined {
  let node: unknown = root;
  for (const seg of path) node = isSeq(node) ? node.items[Number(seg)] : get(node, seg);
  return node as YNode | undefined;
}

function keyOf(map: unknown, key: string): YNode | undefined {
  return isMap(map) ? (pairOf(map, key)?.key ?? undefined) : undefined;
}

function span(node: { range?: [number, number, number] | null } | undefined): { start: number; end: number } | undefined {
  return node?.range ? { start: node.range[0], end: node.range[1] } : undefined;
}

/** Where a problem about a whole map is shown: its first key (e.g. `- alert: X`), not the whole block. */
function headOf(node: YNode | undefined): { start: number; end: number } | undefined {
  if (isMap(node) && node.items[0]) return span(node.items[0].key as YNode);
  return span(node);
}

function describe(e: ErrorObject, key: string): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys(((e.parentSchema as { properties?: object })?.properties) ?? {});
      const hint = closestId(String(p.additionalProperty), allowed);
      return `Unknown key \`${p.additionalProperty}\`${hint ? ` (did you mean \`${hint}\`?)` : ''}; allowed here: ${allowed.join(', ')}.`;
    }
    case 'required': return `Missing required key \`${p.missingProperty}\`.`;
    case 'type': return `\`${key}\` must be ${String(p.type).split(',').join(' or ')}.`;
    case 'enum': return `\`${key}\` must be one of ${(p.allowedValues as unknown[]).join(', ')}.`;
    case 'const': return `\`${key}\` must be ${JSON.stringify(p.allowedValue)}.`;
    case 'pattern': return key === 'record'
      ? 'A recording rule name must not contain braces: Prometheus rejects it (should the selector be in `expr`?).'
      : `\`${key}\` does not match the required format (${p.pattern}).`;
    case 'oneOf': return 'A rule needs exactly one of `alert:` or `record:`.';
    case 'minItems': return `\`${key}\` needs at least ${p.limit} item(s).`;
    case 'minProperties': return `\`${key}\` needs ${p.limit === 1 ? 'one entry' : `${p.limit} entries`}.`;
    case 'maxProperties': return `\`${key}\` takes only one of its options.`;
    default: return `\`${key}\` ${e.message ?? 'is invalid'}.`;
  }
}

/** Schema problems of one document, each on the offending key or value. */
export function validateDocument(doc: YamlDoc): SchemaProblem[] {
  const validate = validator(doc.kind === 'sloth' && doc.crd ? 'sloth-crd' : doc.kind);
  let json: unknown;
  try {
    json = doc.root.toJSON();
  } catch {
    // Found by the fuzz suite: broken YAML can leave a merge key (`<<: *a`) inside a complex key, whose source is
    // not a map; yaml's toJSON throws. The syntax error is reported on its own; there is nothing to validate.
    return [];
  }
  if (validate(json)) return [];
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'propertyNames' || (e.propertyName === undefined && ['if', 'not'].includes(e.keyword)) || (e.keyword === 'required' && e.schemaPath.includes('oneOf'))) continue;
    const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const node = nodeAt(doc.root, path);
    const key = path[path.length - 1] ?? 'document';
    let where: { start: number; end: number } | undefined;
    if (e.propertyName !== undefined) {
      // An error about a key's name (propertyNames): show it on that key.
      where = span(keyOf(node, e.propertyName));
      const id = `name:${e.instancePath}:${e.propertyName}`;
      const message = e.propertyName === '__name__'
        ? '`__name__` cannot be set as a label: Prometheus rejects it (`invalid label name`); the series name comes from `record:` or the expression.'
        : e.propertyName === ''
          ? 'A label or annotation name must not be empty.'
          : `Invalid name \`${e.propertyName}\`: label names use letters, digits and underscores, and do not start with a digit.`;
      if (where && !seen.has(id)) { seen.add(id); out.push({ ...where, message }); }
      continue;
    }
    if (e.keyword === 'additionalProperties') where = span(keyOf(node, String((e.params as { additionalProperty: string }).additionalProperty)));
    else if (['required', 'oneOf', 'minProperties', 'maxProperties'].includes(e.keyword)) where = headOf(node);
    else where = span(node);
    where ??= headOf(doc.root);
    const id = `${e.keyword}:${e.instancePath}:${JSON.stringify(e.params)}`;
    if (!where || seen.has(id)) continue;
    seen.add(id);
    out.push({ ...where, message: describe(e, key) });
  }
  return out;
}

/** A problem only code can see (Prometheus' `rulefmt` checks beyond the schema), as a message id of yaml-schema. */
export interface RuleFileProblem { start: number; end: number; code: 'recordingField' | 'duplicateGroup'; params: Record<string, string | number> }

/**
 * What `rulefmt` rejects that the JSON schema cannot say: `for`, `keep_firing_for` (non-zero) or
 * non-empty `annotations` on a recording rule, and a group name used twice in one file.
 */
export function ruleFileProblems(doc: YamlDoc): RuleFileProblem[] {
  if (doc.kind !== 'prometheus-rules') return [];
  const out: RuleFileProblem[] = [];
  const groups = new Map<string, number>();
  for (const group of mapsIn(get(doc.root, 'groups'))) {
    const nameNode = get(group, 'name');
    const name = str(nameNode);
    if (name !== undefined && nameNode) {
      const first = groups.get(name);
      if (first === undefined) groups.set(name, rangeOf(nameNode).start);
      else out.push({ ...rangeOf(nameNode), code: 'duplicateGroup', params: { name, first } });
    }
    for (const rule of mapsIn(get(group, 'rules'))) {
      if (!get(rule, 'record') || get(rule, 'alert')) continue;
      for (const key of ['for', 'keep_firing_for', 'annotations']) {
        const pair = pairOf(rule, key);
        if (!pair) continue;
        const value = pair.value;
        const empty = key === 'annotations' ? !isMap(value) || value.items.length === 0 : str(value) === '0' || /^(0+[smhdwy]|0+ms)+$/.test(str(value) ?? '');
        if (!empty) out.push({ ...rangeOf(pair.key), code: 'recordingField', params: { key } });
      }
    }
  }
  return out;
}
