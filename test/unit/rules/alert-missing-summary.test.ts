import { ruleTester } from '../../helpers/ruleTester';

const G = 'groups:\n  - name: g\n    rules:\n';
const A = '      - alert: Down\n        expr: up == 0\n        for: 5m\n';

ruleTester('alert-missing-summary', {
  valid: [
    { lang: 'yaml', code: G + A + '        annotations:\n          summary: "{{ $labels.instance }} is down"\n' },
    { lang: 'yaml', name: 'description counts', code: G + A + '        annotations:\n          description: down\n' },
    { lang: 'yaml', name: "the mixins' legacy message annotation counts", code: G + A + '        annotations:\n          message: "{{ $labels.instance }} is down"\n' },
  ],
  invalid: [
    {
      lang: 'yaml', name: 'fix adds a summary with placeholders', code: G + A,
      errors: [{ range: [4, 16, 4, 20], severity: 'info', output: G + A + '        annotations:\n          summary: "Down on {{ $labels.instance }} (value {{ $value }})"\n' }],
    },
    {
      lang: 'yaml', name: 'required annotations from settings', code: G + A + '        annotations:\n          summary: s\n', settings: { alerts: { requiredAnnotations: ['dashboard_url'] } },
      errors: [{ range: [4, 16, 4, 20], message: 'dashboard_url' }],
    },
  ],
});
