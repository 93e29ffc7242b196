import { ruleTester } from '../../helpers/ruleTester';

const rule = (expr: string) => `groups:\n  - name: g\n    rules:\n      - record: r\n        expr: ${expr}\n`;

ruleTester('promql-syntax', {
  valid: [
    { lang: 'yaml', code: rule('sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))') },
    { lang: 'yaml', name: 'block scalar', code: rule('|\n          histogram_quantile(0.99,\n            sum by (le) (rate(h_bucket[5m])))') },
    { lang: 'yaml', name: 'Sloth {{.window}} is substituted', code: 'version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 99.9\n    sli:\n      events:\n        error_query: sum(rate(x{code="500"}[{{.window}}]))\n        total_query: sum(rate(x[{{.window}}]))\n' },
    { lang: 'yaml', name: 'LogQL in a Loki ruler file is not PromQL', code: rule('sum by (app) (count_over_time({app="checkout"} |= "panic" [5m])) > 0') },
    { lang: 'yaml', name: 'unrecognised YAML is ignored', code: 'steps:\n  - run: sum(rate(x[5m])\n' },
  ],
  invalid: [
    { lang: 'yaml', name: 'plain scalar: missing bracket at the end', code: rule('sum(rate(x[5m])'), errors: [{ range: [5, 29, 5, 30], message: 'column 16' }] },
    { lang: 'yaml', name: 'double-quoted scalar', code: rule('"sum(rate(x[5m])"'), errors: [{ range: [5, 30, 5, 31], message: 'column 16' }] },
    { lang: 'yaml', name: 'single-quoted scalar with an escaped quote', code: rule("'x{a=''b''} >'"), errors: [{ range: [5, 27, 5, 28] }] },
    { lang: 'yaml', name: 'unexpected token in the middle', code: rule('rate(x[5m]) by (job)'), errors: [{ range: [5, 27, 5, 29], message: 'unexpected `by`' }] },
    { lang: 'yaml', name: 'block literal: error on its own line', code: rule('|\n          sum(rate(x[5m]))\n            / sum(rate(y[5m])'), errors: [{ range: [7, 29, 7, 30] }] },
    { lang: 'yaml', name: 'folded block', code: rule('>\n          sum(rate(x[5m]))\n          by by'), errors: [{ range: [7, 14, 7, 16] }] },
    { lang: 'yaml', name: 'empty expr', code: rule('""'), errors: [{ range: [5, 15, 5, 17], message: 'empty' }] },
    {
      lang: 'yaml', name: 'Sloth query: column maps back through {{.window}}',
      code: 'version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 99.9\n    sli:\n      events:\n        error_query: sum(rate(x[{{.window}}])\n        total_query: sum(rate(x[{{.window}}]))\n',
      errors: [{ range: [8, 45, 8, 46] }],
    },
    { lang: 'yaml', name: 'PrometheusRule CRD', code: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\nspec:\n  groups:\n    - name: g\n      rules:\n        - record: r\n          expr: sum(\n', errors: [{ range: [10, 20, 10, 21] }] },
  ],
});
