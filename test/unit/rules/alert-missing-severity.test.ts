import { ruleTester } from '../../helpers/ruleTester';

const G = 'groups:\n  - name: g\n    rules:\n';
const A = '      - alert: A\n        expr: up == 0\n        for: 5m\n';

ruleTester('alert-missing-severity', {
  valid: [
    { lang: 'yaml', code: G + A + '        labels:\n          severity: critical\n' },
    { lang: 'yaml', name: 'flow map', code: G + A + '        labels: {severity: warning}\n' },
    { lang: 'yaml', name: 'custom severities', code: G + A + '        labels:\n          severity: page\n', settings: { alerts: { severities: ['page', 'ticket'] } } },
    { lang: 'yaml', name: 'recording rule', code: G + '      - record: r\n        expr: sum(up)\n' },
    { lang: 'yaml', name: 'labels through an alias and a merge key', code: G + A + '        labels: &page\n          severity: critical\n      - alert: B\n        expr: x\n        for: 5m\n        labels: *page\n      - alert: C\n        expr: x\n        for: 5m\n        labels:\n          <<: *page\n          team: t\n' },
    { lang: 'yaml', name: 'severity from the group labels', code: 'groups:\n  - name: g\n    labels:\n      severity: warning\n    rules:\n' + A },
    { lang: 'yaml', name: 'templated severity is decided at run time', code: G + A + '        labels:\n          severity: "{{ if gt $value 5.0 }}critical{{ else }}warning{{ end }}"\n' },
  ],
  invalid: [
    { lang: 'yaml', name: 'no labels: fix adds labels.severity', code: G + A, errors: [{ range: [4, 16, 4, 17], fixes: ['Add `severity: warning`'], output: G + A + '        labels:\n          severity: warning\n' }] },
    { lang: 'yaml', name: 'labels without severity: fix appends to them', code: G + A + '        labels:\n          team: payments\n', errors: [{ range: [4, 16, 4, 17], output: G + A + '        labels:\n          team: payments\n          severity: warning\n' }] },
    { lang: 'yaml', name: 'unknown value', code: G + A + '        labels:\n          severity: page\n', errors: [{ range: [8, 21, 8, 25], message: 'not one of critical, warning, info', fixes: [] }] },
  ],
});
