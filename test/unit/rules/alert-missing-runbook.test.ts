import { ruleTester } from '../../helpers/ruleTester';

const G = 'groups:\n  - name: g\n    rules:\n';
const A = '      - alert: HighLatency\n        expr: up == 0\n        for: 5m\n';

ruleTester('alert-missing-runbook', {
  valid: [
    { lang: 'yaml', code: G + A + '        annotations:\n          runbook_url: https://runbooks/HighLatency\n' },
    { lang: 'yaml', name: 'runbook key', code: G + A + '        annotations:\n          runbook: docs/high-latency.md\n' },
    { lang: 'yaml', name: 'recording rule', code: G + '      - record: r\n        expr: sum(up)\n' },
  ],
  invalid: [
    { lang: 'yaml', name: 'no fix without runbookBaseUrl', code: G + A, errors: [{ range: [4, 16, 4, 27], fixes: [] }] },
    {
      lang: 'yaml', name: 'fix from runbookBaseUrl', code: G + A + '        annotations:\n          summary: slow\n', settings: { alerts: { runbookBaseUrl: 'https://runbooks.example.com/' } },
      errors: [{ range: [4, 16, 4, 27], fixes: ['Add `runbook_url: https://runbooks.example.com/HighLatency`'], output: G + A + '        annotations:\n          summary: slow\n          runbook_url: https://runbooks.example.com/HighLatency\n' }],
    },
  ],
});
