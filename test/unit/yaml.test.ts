import * as assert from 'node:assert/strict';
import { yamlCompletions } from '../../server/src/yaml/completion';
import { durationInWords, formatDuration, parseDuration } from '../../server/src/yaml/duration';
import { yamlHover } from '../../server/src/yaml/hover';
import { alertsOf, isAliasCopy, parseYamlFile } from '../../server/src/yaml/model';
import { normaliseQuery, parsePromql, substituteTemplates, valueToSource } from '../../server/src/yaml/promql';

const SLOTH = 'version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 99.9\n    sli:\n      raw:\n        error_ratio_query: sum(rate(x[{{.window}}]))\n';

describe('yaml: recognition', () => {
  it('recognises each format by content, in multi-document files', () => {
    const text = [
      'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: x\n',
      'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups: []\n',
      SLOTH,
      'apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nspec:\n  service: s\n  slos: []\n',
      'apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: x\nspec: {}\n',
      'apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: x\nspec: {}\n',
      'apiVersion: v1\nkind: ConfigMap\n',
    ].join('---\n');
    assert.deepEqual(parseYamlFile(text).docs.map((d) => d.kind), ['prometheus-rules', 'prometheus-rules', 'sloth', 'sloth', 'openslo', 'pyrra']);
  });

  it('sloFiles globs report documents that match no SLO format', () => {
    assert.deepEqual(parseYamlFile('slo: {}\n', 'slo').unrecognised, [{ start: 0, end: 7 }]);
    assert.deepEqual(parseYamlFile(SLOTH, 'slo').unrecognised, []);
  });

  it('recognises OpenSLO objects written as one top-level list, each on its own', () => {
    const file = parseYamlFile('- apiVersion: openslo/v1\n  kind: Service\n  metadata: {name: a}\n- apiVersion: openslo/v1\n  kind: SLO\n  metadata: {name: b}\n- just: text\n');
    assert.deepEqual(file.docs.map((d) => d.kind), ['openslo', 'openslo']);
    assert.deepEqual(parseYamlFile('- a: 1\n- b: 2\n').docs, []);
  });

  it('a group that says rule: instead of rules: still makes a rule file', () => {
    assert.deepEqual(parseYamlFile('groups:\n  - name: g\n    rule:\n      - alert: A\n        expr: x\n').docs.map((d) => d.kind), ['prometheus-rules']);
    assert.deepEqual(parseYamlFile('groups:\n  - name: g\n    jobs:\n      - run: x\n').docs, []);
  });

  it('keeps a document with a syntax error for hover, marked broken for the checks', () => {
    const file = parseYamlFile('groups:\n  - name: g\n    rules:\n      - alert: A\n\tfor: 5m\n');
    assert.deepEqual(file.docs.map((d) => d.broken), [true]);
    assert.deepEqual(alertsOf(file), []);
  });

  it('places what an alias brings in at the alias, and records keys written twice', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: &n A\n        expr: x\n        expr: y\n      - alert: *n\n        expr: x\n';
    const file = parseYamlFile(text);
    const [first, second] = alertsOf(file);
    assert.deepEqual([first.name, second.name], ['A', 'A']);
    assert.equal(second.nameNode.range![0], text.indexOf('*n'));
    assert.ok(isAliasCopy(second.nameNode) && !isAliasCopy(first.nameNode));
    assert.deepEqual(file.duplicateKeys.map((d) => [d.key, d.start, d.first]), [['expr', text.indexOf('expr: y'), text.indexOf('expr: x')]]);
  });

  it('bounds alias expansion: a billion-laughs document is one aliasBombs entry, not analysed', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    const text = 'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: x\nx:\n' + levels.map((l) => `  ${l}\n`).join('');
    const file = parseYamlFile(text);
    assert.deepEqual([file.docs.length, file.aliasBombs.length], [0, 1]);
  });

  it('alertFiles globs force unrecognised documents to count as rule files', () => {
    assert.equal(parseYamlFile('groups: []\n').docs.length, 0);
    assert.equal(parseYamlFile('groups: []\n', 'prometheus-rules').docs.length, 1);
  });
});

describe('yaml: durations and offsets', () => {
  it('parses and formats Prometheus durations', () => {
    assert.equal(parseDuration('1h30m'), 5400e3);
    assert.equal(parseDuration('0'), 0);
    assert.equal(parseDuration('5min'), undefined);
    assert.equal(parseDuration('30m1h'), undefined);
    assert.equal(formatDuration(2592e3), '43m 12s');
    assert.equal(durationInWords(90e3), '1 minute 30 seconds');
  });

  it('maps template substitutions and block scalars back to the source', () => {
    const { text, toOriginal } = substituteTemplates('x[{{.window}}] + y');
    assert.equal(text, 'x[5m] + y');
    assert.equal(toOriginal(8), 17);
    const src = 'expr: |\n  a\n  b\n';
    const map = valueToSource(src, 6, src.length, 'a\nb\n');
    assert.deepEqual([map(0), map(2)], [10, 14]);
  });
});

describe('yaml: PromQL as Prometheus reads it', () => {
  it('rewrites only what lezer lacks, at the same length, outside strings', () => {
    assert.equal(normaliseQuery('1./6. + x{a="1."} offset 5m'), '10/60 + x{a="1."} offset 5m');
    assert.equal(normaliseQuery('offset{job="a"} > 0 or rate(offset[5m])'), '_ffset{job="a"} > 0 or rate(_ffset[5m])');
    assert.equal(normaliseQuery('sum by (offset) (x) # 2.'), 'sum by (_ffset) (x) # 2.');
  });

  it('reads metric names from the query as written', () => {
    assert.deepEqual(parsePromql('offset{job="a"} / 2.').metrics.map((m) => m.name), ['offset']);
  });

  it('type-checks only a query without syntax errors, as Prometheus does', () => {
    assert.deepEqual(parsePromql('rate(x').problems, []);
    assert.deepEqual(parsePromql('rate(x)').problems.map((p) => p.code), ['type']);
  });
});

describe('yaml: hover', () => {
  it('shows the error budget and burn-rate exhaustion on an SLO objective', () => {
    const hover = yamlHover(SLOTH, SLOTH.indexOf('99.9') + 1)!;
    assert.match(hover.markdown, /Error budget: \*\*43m 12s\*\*/);
    assert.match(hover.markdown, /\*\*2d 2h\*\* at a 14\.4× burn rate/);
    assert.match(hover.markdown, /\*\*5d\*\* at a 6× burn rate/);
  });

  it('uses the Pyrra window', () => {
    const text = 'apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: a\nspec:\n  target: "99"\n  window: 7d\n';
    assert.match(yamlHover(text, text.indexOf('"99"') + 1)!.markdown, /Error budget: \*\*1h 40m 48s\*\*/);
  });

  it('explains for: in words and names PromQL functions and metrics', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(rate(http_requests_total[5m])) > 1\n        for: 1h30m\n';
    assert.match(yamlHover(text, text.indexOf('1h30m'))!.markdown, /1 hour 30 minutes[\s\S]*pending/);
    assert.match(yamlHover(text, text.indexOf('rate(') + 1)!.markdown, /\*\*rate\(\)\*\*: Per-second/);
    assert.match(yamlHover(text, text.indexOf('> 1'))!.markdown, /`http_requests_total`/);
  });
});

describe('yaml: completion', () => {
  const text = 'groups:\n  - name: api\n    rules:\n      - alert: X\n        expr: up == 0\n        labels:\n          severity: \n        annotations:\n          su\n      - ';
  const labels = (offset: number) => yamlCompletions(text, offset, ['critical', 'warning']).map((c) => c.label);

  it('offers severity values from settings', () => assert.deepEqual(labels(text.indexOf('severity: ') + 10), ['critical', 'warning']));
  it('offers common annotation keys', () => assert.deepEqual(labels(text.indexOf('su\n') + 2), ['summary', 'description', 'runbook_url', 'dashboard_url']));
  it('offers rule keys from the schema and rule skeletons', () => {
    assert.deepEqual(labels(text.length), ['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations', 'alert rule', 'recording rule']);
  });
  it('offers skeletons in a new file', () => assert.deepEqual(yamlCompletions('', 0, []).map((c) => c.label), ['alert rule', 'recording rule', 'Sloth SLO', 'OpenSLO SLO']));
  it('offers enum values from the schema', () => {
    const t = 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n  budgetingMethod: ';
    assert.deepEqual(yamlCompletions(t, t.length, []).map((c) => c.label), ['Occurrences', 'Timeslices', 'RatioTimeslices']);
  });
});
