import { ruleTester } from '../../helpers/ruleTester';

const G = 'groups:\n  - name: g\n    rules:\n';

ruleTester('yaml-schema', {
  valid: [
    { lang: 'yaml', code: G + '      - alert: A\n        expr: x\n        for: 5m\n        labels:\n          severity: warning\n        annotations:\n          summary: s\n' },
    { lang: 'yaml', name: 'Mimir source_tenants and a Pyrra window of 1w3d', code: 'groups:\n  - name: g\n    source_tenants: [a, b]\n    rules:\n      - record: r\n        expr: x\n---\napiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: a\nspec:\n  target: "99"\n  window: 1w3d\n  indicator:\n    bool_gauge:\n      metric: up\n' },
    { lang: 'yaml', name: 'multi-document with unrelated YAML', code: 'kind: ConfigMap\nfoo: [1, 2\n---\n' + G + '      - record: r\n        expr: x\n' },
  ],
  invalid: [
    { lang: 'yaml', name: 'misspelt key with suggestion', code: G + '      - alert: A\n        expr: x\n        anotations:\n          summary: s\n', errors: [{ range: [6, 9, 6, 19], message: 'did you mean `annotations`' }] },
    { lang: 'yaml', name: 'missing expr', code: G + '      - alert: A\n        for: 5m\n', errors: [{ range: [4, 9, 4, 14], message: 'Missing required key `expr`' }] },
    { lang: 'yaml', name: 'both alert and record', code: G + '      - alert: A\n        record: r\n        expr: x\n', errors: [{ range: [4, 9, 4, 14], message: 'exactly one of' }] },
    { lang: 'yaml', name: 'wrong type', code: G + '      - alert: A\n        expr: x\n        labels: [a, b]\n', errors: [{ range: [6, 17, 6, 23], message: 'must be object' }] },
    { lang: 'yaml', name: 'invalid label name', code: G + '      - alert: A\n        expr: x\n        labels:\n          team-name: x\n', errors: [{ range: [7, 11, 7, 20], message: 'Invalid name `team-name`' }] },
    { lang: 'yaml', name: 'Sloth: unknown key in an SLO', code: 'version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 99.9\n    objetive: 99\n    sli:\n      raw:\n        error_ratio_query: x\n', errors: [{ range: [6, 5, 6, 13], message: 'did you mean `objective`' }] },
    { lang: 'yaml', name: 'a file named by sloFiles that is no SLO format', code: 'slo:\n  target: 99.9\n', filename: 'slos/api.yaml', settings: { sloFiles: ['slos/**'] }, errors: [{ range: [1, 1, 1, 5], message: 'matches o11yLint.sloFiles' }] },
    { lang: 'yaml', name: 'YAML syntax error in a recognised file', code: G + '      - record: r\n        expr: x\n      bad: [\n', errors: [{ range: [6, 1, 6, 2], message: 'YAML syntax error: All mapping items must start at the same column' }, { range: [6, 7, 6, 10], message: 'Unknown key `bad`' }] },
  ],
});
