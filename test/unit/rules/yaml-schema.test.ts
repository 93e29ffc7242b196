import { ruleTester } from '../../helpers/ruleTester';

const G = 'groups:\n  - name: g\n    rules:\n';
const SLOTH = 'version: prometheus/v1\nservice: s\n';
const SLI = '    sli:\n      raw:\n        error_ratio_query: x\n';
const CRD = 'apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata:\n  name: s\nspec:\n  service: s\n';
const O = (kind: string, spec: string) => `apiVersion: openslo/v1\nkind: ${kind}\nmetadata:\n  name: x\n${spec}`;

ruleTester('yaml-schema', {
  valid: [
    { lang: 'yaml', code: G + '      - alert: A\n        expr: x\n        for: 5m\n        labels:\n          severity: warning\n        annotations:\n          summary: s\n' },
    { lang: 'yaml', name: 'Mimir source_tenants and a Pyrra window of 1w3d', code: 'groups:\n  - name: g\n    source_tenants: [a, b]\n    rules:\n      - record: r\n        expr: x\n---\napiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: a\nspec:\n  target: "99"\n  window: 1w3d\n  indicator:\n    bool_gauge:\n      metric: up\n' },
    { lang: 'yaml', name: 'multi-document with unrelated YAML', code: 'kind: ConfigMap\nfoo: [1, 2\n---\n' + G + '      - record: r\n        expr: x\n' },
    // Prometheus 3 validates names as UTF-8 (model.UTF8Validation): any non-empty label, annotation or record name.
    { lang: 'yaml', name: 'Prometheus 3 UTF-8 label, annotation and record names', code: G + '      - record: promql-experimental-functions\n        expr: x\n        labels:\n          ins-tance: a\n      - alert: A\n        expr: x\n        labels:\n          team.name: b\n        annotations:\n          summary-text: s\n' },
    { lang: 'yaml', name: 'empty rules, labels and annotations load as empty (Prometheus reads null as empty)', code: 'groups:\n  - name: g\n    labels:\n    rules:\n  - name: h\n    rules:\n      - alert: A\n        expr: x\n        labels:\n        annotations:\n' },
    { lang: 'yaml', name: 'for: 0s and empty annotations on a recording rule (rulefmt only rejects non-zero / non-empty)', code: G + '      - record: r\n        expr: x\n        for: 0s\n        annotations: {}\n' },
    { lang: 'yaml', name: 'merge keys are not duplicate keys', code: G + '      - alert: A\n        <<: &d {for: 5m}\n        expr: x\n      - alert: B\n        <<: *d\n        expr: y\n' },
    { lang: 'yaml', name: 'Sloth SLO plugins (prometheus/v1)', code: SLOTH + 'slo_plugins:\n  overridePrevious: true\n  chain:\n    - id: sloth.dev/core/debug/v1\n      priority: 9999999\n      config: {msg: a}\nslos:\n  - name: a\n    objective: 99.9\n    infoLabels: {tier: "1"}\n    interval: {all: 5m}\n    plugins:\n      chain:\n        - id: sloth.dev/core/debug/v1\n' + SLI },
    { lang: 'yaml', name: 'Sloth SLO plugins (PrometheusServiceLevel)', code: CRD + '  sloPlugins:\n    chain:\n      - id: sloth.dev/core/debug/v1\n        config: {msg: a}\n  slos:\n    - name: a\n      objective: 99.9\n      plugins:\n        chain:\n          - id: x\n      sli:\n        raw:\n          errorRatioQuery: x\n' },
    { lang: 'yaml', name: 'OpenSLO Service without spec (all its fields are optional)', code: 'apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: checkout\n' },
    { lang: 'yaml', name: 'OpenSLO kinds with the keys the specification defines', code: [
      O('SLI', 'spec:\n  description: d\n  ratioMetric:\n    counter: true\n    good:\n      metricSource:\n        type: Prometheus\n        spec:\n          query: x\n    total:\n      metricSource:\n        metricSourceRef: prom\n        spec: {query: y}\n'),
      O('DataSource', 'spec:\n  type: Prometheus\n  connectionDetails:\n    url: http://prometheus:9090\n'),
      O('AlertPolicy', 'spec:\n  alertWhenBreaching: true\n  conditions:\n    - conditionRef: c\n  notificationTargets:\n    - targetRef: t\n'),
      O('AlertCondition', 'spec:\n  severity: page\n  condition:\n    kind: burnrate\n    threshold: 2\n    lookbackWindow: 1h\n    alertAfter: 5m\n'),
      O('AlertNotificationTarget', 'spec:\n  target: email\n'),
    ].join('---\n') },
    { lang: 'yaml', name: 'OpenSLO objects as one top-level list (oslo, the OpenSLO SDK)', code: '- apiVersion: openslo/v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: openslo/v1\n  kind: AlertNotificationTarget\n  metadata:\n    name: t\n  spec:\n    target: slack\n' },
  ],
  invalid: [
    { lang: 'yaml', name: 'misspelt key with suggestion', code: G + '      - alert: A\n        expr: x\n        anotations:\n          summary: s\n', errors: [{ range: [6, 9, 6, 19], message: 'did you mean `annotations`' }] },
    { lang: 'yaml', name: 'missing expr', code: G + '      - alert: A\n        for: 5m\n', errors: [{ range: [4, 9, 4, 14], message: 'Missing required key `expr`' }] },
    { lang: 'yaml', name: 'both alert and record', code: G + '      - alert: A\n        record: r\n        expr: x\n', errors: [{ range: [4, 9, 4, 14], message: 'exactly one of' }] },
    { lang: 'yaml', name: 'wrong type', code: G + '      - alert: A\n        expr: x\n        labels: [a, b]\n', errors: [{ range: [6, 17, 6, 23], message: 'must be object' }] },
    { lang: 'yaml', name: '__name__ as a label (rulefmt: invalid label name)', code: G + '      - alert: A\n        expr: x\n        labels:\n          __name__: x\n', errors: [{ range: [7, 11, 7, 19], message: '`__name__` cannot be set' }] },
    { lang: 'yaml', name: '__name__ as a group label', code: 'groups:\n  - name: g\n    labels: {__name__: x}\n    rules: []\n', errors: [{ range: [3, 14, 3, 22], message: '`__name__` cannot be set' }] },
    { lang: 'yaml', name: 'braces in a record name', code: G + '      - record: up{job="a"}\n        expr: x\n', errors: [{ range: [4, 17, 4, 28], message: 'must not contain braces' }] },
    {
      lang: 'yaml', name: 'for, keep_firing_for and annotations on a recording rule',
      code: G + '      - record: r\n        expr: x\n        for: 5m\n        keep_firing_for: 1m\n        annotations:\n          summary: s\n',
      errors: [{ range: [6, 9, 6, 12], message: "invalid field 'for' in recording rule" }, { range: [7, 9, 7, 24], message: "'keep_firing_for'" }, { range: [8, 9, 8, 20], message: "'annotations'" }],
    },
    { lang: 'yaml', name: 'a group name used twice in one file', code: 'groups:\n  - name: api\n    rules: []\n  - name: api\n    rules: []\n', errors: [{ range: [4, 11, 4, 14], message: 'already used on line 2' }] },
    { lang: 'yaml', name: 'a key written twice in one map', code: G + '      - record: r\n        expr: x\n        expr: y\n', errors: [{ range: [6, 9, 6, 13], message: 'Key `expr` is already set on line 5' }] },
    { lang: 'yaml', name: '`rule:` instead of `rules:` in a single-group file is still a rule file', code: 'groups:\n  - name: g\n    rule:\n      - alert: A\n        expr: up == 0\n', errors: [{ range: [3, 5, 3, 9], message: 'Unknown key `rule` (did you mean `rules`?)' }] },
    { lang: 'yaml', name: 'a tab-indented line: the syntax error only, no cascade', code: G + '      - alert: A\n        expr: up == 0\n\tfor: 5m\n        labels:\n          severity: warning\n', errors: [{ range: [6, 1, 6, 2], message: 'Tabs are not allowed' }] },
    { lang: 'yaml', name: 'Sloth plugin without id', code: SLOTH + 'slo_plugins:\n  chain:\n    - priority: 1\nslos:\n  - name: a\n    objective: 99\n' + SLI, errors: [{ range: [5, 7, 5, 15], message: 'Missing required key `id`' }] },
    { lang: 'yaml', name: 'OpenSLO: unknown key in a Service spec', code: O('Service', 'spec:\n  descripton: d\n'), errors: [{ range: [6, 3, 6, 13], message: 'did you mean `description`' }] },
    { lang: 'yaml', name: 'OpenSLO: unknown key in an SLI metric source', code: O('SLI', 'spec:\n  thresholdMetric:\n    metricSource:\n      typ: Prometheus\n      spec: {query: x}\n'), errors: [{ range: [8, 7, 8, 10], message: 'did you mean `type`' }] },
    { lang: 'yaml', name: 'OpenSLO: unknown key in an AlertCondition', code: O('AlertCondition', 'spec:\n  severity: page\n  condition:\n    kind: burnrate\n    treshold: 2\n'), errors: [{ range: [9, 5, 9, 13], message: 'did you mean `threshold`' }] },
    { lang: 'yaml', name: 'OpenSLO: an SLO needs its spec', code: O('SLO', ''), errors: [{ range: [1, 1, 1, 11], message: 'Missing required key `spec`' }] },
    { lang: 'yaml', name: 'OpenSLO list: the second object is checked too', code: '- apiVersion: openslo/v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: openslo/v1\n  kind: DataSource\n  metadata:\n    name: d\n  spec:\n    type: Prometheus\n    conection: {}\n', errors: [{ range: [11, 5, 11, 14], message: 'Unknown key `conection`' }] },
    { lang: 'yaml', name: 'Sloth: unknown key in an SLO', code: 'version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 99.9\n    objetive: 99\n    sli:\n      raw:\n        error_ratio_query: x\n', errors: [{ range: [6, 5, 6, 13], message: 'did you mean `objective`' }] },
    { lang: 'yaml', name: 'a file named by sloFiles that is no SLO format', code: 'slo:\n  target: 99.9\n', filename: 'slos/api.yaml', settings: { sloFiles: ['slos/**'] }, errors: [{ range: [1, 1, 1, 5], message: 'matches o11yLint.sloFiles' }] },
    // Only the syntax error: what the parser recovered (`bad` as a key of the group) is no evidence of a schema mistake.
    { lang: 'yaml', name: 'YAML syntax error in a recognised file', code: G + '      - record: r\n        expr: x\n      bad: [\n', errors: [{ range: [6, 1, 6, 2], message: 'YAML syntax error: All mapping items must start at the same column' }] },
  ],
});
