import { ruleTester } from '../../helpers/ruleTester';

const G = 'groups:\n  - name: g\n    rules:\n';

ruleTester('alert-on-cause', {
  valid: [
    { lang: 'yaml', code: G + '      - alert: A\n        expr: rate(http_requests_total{code=~"5.."}[5m]) > 1\n' },
    { lang: 'yaml', name: 'resource metric combined with a symptom', code: G + '      - alert: A\n        expr: node_load1 > 4 and on() rate(errors_total[5m]) > 0\n' },
  ],
  invalid: [
    { lang: 'yaml', code: G + '      - alert: Cpu\n        expr: avg(rate(node_cpu_seconds_total{mode!="idle"}[5m])) > 0.9\n', errors: [{ range: [5, 15, 5, 72], severity: 'hint' }] },
    { lang: 'yaml', name: 'container memory', code: G + '      - alert: Mem\n        expr: container_memory_working_set_bytes > 1e9\n', errors: [{ range: [5, 15, 5, 55] }] },
  ],
});
