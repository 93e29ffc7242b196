/**
 * Completion in rule and SLO files: keys and enum values from the schema at the cursor
 * (found by indentation), `severity` values from settings, common annotation keys, and
 * skeletons for an alert, a recording rule, a Sloth SLO and an OpenSLO SLO.
 */
import openslo from '../../../schemas/openslo.schema.json';
import prometheusRules from '../../../schemas/prometheus-rules.schema.json';
import pyrra from '../../../schemas/pyrra.schema.json';
import sloth from '../../../schemas/sloth.schema.json';
import { parseYamlFile, type YamlKind } from './model';

export interface YamlCompletion { label: string; kind: 'property' | 'value' | 'snippet'; insertText: string; detail?: string }

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; const?: unknown; description?: string; definitions?: Record<string, Schema>; allOf?: { then?: Schema }[] };
const SCHEMAS: Record<YamlKind, Schema> = { 'prometheus-rules': prometheusRules as Schema, openslo: openslo as Schema, sloth: sloth as Schema, pyrra: pyrra as Schema };

const ANNOTATIONS = ['summary', 'description', 'runbook_url', 'dashboard_url'];

export const SKELETONS: YamlCompletion[] = [
  { label: 'alert rule', kind: 'snippet', detail: 'Prometheus alerting rule', insertText: '- alert: ${1:HighErrorRate}\n  expr: ${2:sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05}\n  for: ${3:10m}\n  labels:\n    severity: ${4|critical,warning,info|}\n  annotations:\n    summary: "${5:Error rate above 5 % on {{ \\$labels.service \\}\\}}"\n    runbook_url: ${6:https://runbooks.example.com/HighErrorRate}' },
  { label: 'recording rule', kind: 'snippet', detail: 'Prometheus recording rule', insertText: '- record: ${1:job:http_requests:rate5m}\n  expr: ${2:sum by (job) (rate(http_requests_total[5m]))}' },
  { label: 'Sloth SLO', kind: 'snippet', detail: 'Sloth prometheus/v1 SLO', insertText: '- name: ${1:requests-availability}\n  objective: ${2:99.9}\n  sli:\n    events:\n      error_query: ${3:sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))}\n      total_query: ${4:sum(rate(http_requests_total[{{.window}}]))}\n  alerting:\n    name: ${5:HighErrorRate}\n    page_alert:\n      labels:\n        severity: critical\n    ticket_alert:\n      labels:\n        severity: warning' },
  { label: 'OpenSLO SLO', kind: 'snippet', detail: 'OpenSLO v1 SLO document', insertText: 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ${1:api-availability}\nspec:\n  service: ${2:api}\n  budgetingMethod: Occurrences\n  timeWindow:\n    - duration: ${3:28d}\n      isRolling: true\n  objectives:\n    - displayName: ${4:Availability}\n      target: ${5:0.999}' },
];

function resolve(root: Schema, s: Schema | undefined): Schema | undefined {
  if (!s?.$ref) return s;
  const name = s.$ref.replace('#/definitions/', '');
  return root.definitions?.[name];
}

/** Schema of the node at a key path (`groups`, 0, `rules`, 0 …); array indexes are `-`. */
function schemaAt(root: Schema, path: string[]): Schema | undefined {
  let s: Schema | undefined = root;
  for (const seg of path) {
    s = resolve(root, s);
    if (!s) return undefined;
    if (seg === '-') s = s.items;
    // A conditional branch (OpenSLO: `then` for kind SLO) is more specific than the plain property.
    else s = s.allOf?.map((a) => a.then?.properties?.[seg]).find(Boolean) ?? s.properties?.[seg];
  }
  return resolve(root, s);
}

/** Parent key path of the line at `offset`, read from indentation (`- ` items count as `-`). */
function pathAt(text: string, offset: number): { path: string[]; prefix: string; key?: string } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const valueMatch = /^\s*(?:-\s+)?([\w.-]+):\s*(\S*)$/.exec(prefix);
  let indent = /^[ -]*/.exec(prefix)![0].length;
  const path: string[] = [];
  if (/^\s*-\s/.test(prefix)) { path.unshift('-'); indent = prefix.indexOf('-'); }
  for (let end = lineStart - 1; end > 0 && indent > 0;) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const lead = /^ */.exec(line)![0].length;
    const dash = /^\s*-\s+/.exec(line);
    if (dash && lead < indent) { path.unshift('-'); indent = lead; continue; }
    const key = /^\s*([\w.-]+):/.exec(line);
    if (key && lead < indent) { path.unshift(key[1]); indent = lead; }
  }
  return { path, prefix, key: valueMatch?.[1] };
}

export function yamlCompletions(text: string, offset: number, severities: readonly string[]): YamlCompletion[] {
  const file = parseYamlFile(text);
  const doc = file.docs.find((d) => { const r = d.doc.range; return offset >= r[0] && offset <= r[2]; }) ?? file.docs[0];
  const { path, key } = pathAt(text, offset);
  if (key) {
    if (key === 'severity') return severities.map((s) => ({ label: s, kind: 'value', insertText: s }));
    const schema = doc && schemaAt(SCHEMAS[doc.kind], [...path, key]);
    const values = schema?.enum ?? (schema?.const !== undefined ? [schema.const] : []);
    return values.map((v) => ({ label: String(v), kind: 'value', insertText: String(v) }));
  }
  if (!doc) return SKELETONS;
  const parent = path[path.length - 1] === '-' ? path[path.length - 2] : path[path.length - 1];
  if (parent === 'annotations') return ANNOTATIONS.map((a) => ({ label: a, kind: 'property', insertText: `${a}: ` }));
  if (parent === 'labels' && doc.kind === 'prometheus-rules') return [{ label: 'severity', kind: 'property', insertText: 'severity: ' }];
  const schema = schemaAt(SCHEMAS[doc.kind], path);
  const keys = Object.entries(schema?.properties ?? {}).map(([k, s]) => ({ label: k, kind: 'property' as const, insertText: `${k}: `, detail: s.description }));
  const skeletons = parent === 'rules' ? SKELETONS.slice(0, 2) : parent === 'slos' ? SKELETONS.slice(2, 3) : [];
  return [...keys, ...skeletons];
}
