/** JSON Schema validation of recognised YAML documents, reported on the exact key or value. */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isSeq, type Node as YNode } from 'yaml';
import { closestId } from '../analysis/closest';
import openslo from '../../../schemas/openslo.schema.json';
import prometheusRules from '../../../schemas/prometheus-rules.schema.json';
import pyrra from '../../../schemas/pyrra.schema.json';
import slothCrd from '../../../schemas/sloth-crd.schema.json';
import sloth from '../../../schemas/sloth.schema.json';
import { get, pairOf, type YamlDoc, type YamlKind } from './model';

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
    case 'pattern': return `\`${key}\` does not match the required format (${p.pattern}).`;
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
    if (['if', 'not', 'propertyNames'].includes(e.keyword) || (e.keyword === 'required' && e.schemaPath.includes('oneOf'))) continue;
    const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const node = nodeAt(doc.root, path);
    const key = path[path.length - 1] ?? 'document';
    let where: { start: number; end: number } | undefined;
    if (e.propertyName !== undefined) {
      // An error about a key's name (propertyNames): show it on that key.
      where = span(keyOf(node, e.propertyName));
      const id = `name:${e.instancePath}:${e.propertyName}`;
      if (where && !seen.has(id)) { seen.add(id); out.push({ ...where, message: `Invalid name \`${e.propertyName}\`: label names use letters, digits and underscores, and do not start with a digit.` }); }
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
