import { ruleTester } from '../../helpers/ruleTester';

const rule = (expr: string) => `groups:\n  - name: g\n    rules:\n      - record: r\n        expr: ${expr}\n`;

ruleTester('promql-syntax', {
  valid: [
    { lang: 'yaml', code: rule('sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))') },
    { lang: 'yaml', name: 'block scalar', code: rule('|\n          histogram_quantile(0.99,\n            sum by (le) (rate(h_bucket[5m])))') },
    { lang: 'yaml', name: 'Sloth {{.window}} is substituted', code: 'version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 99.9\n    sli:\n      events:\n        error_query: sum(rate(x{code="500"}[{{.window}}]))\n        total_query: sum(rate(x[{{.window}}]))\n' },
    { lang: 'yaml', name: 'LogQL in a Loki ruler file is not PromQL', code: rule('sum by (app) (count_over_time({app="checkout"} |= "panic" [5m])) > 0') },
    { lang: 'yaml', name: 'unrecognised YAML is ignored', code: 'steps:\n  - run: sum(rate(x[5m])\n' },
    // Prometheus' lexer reads `1.` as a number and its metric_identifier includes the `offset` keyword.
    { lang: 'yaml', name: 'numbers with a trailing dot', code: rule('sum(rate(x[5m])) * 1./6. + 2.') },
    { lang: 'yaml', name: 'a keyword as a metric name', code: rule('offset{job="a"} > 0') },
    { lang: 'yaml', name: 'Prometheus 3 quoted UTF-8 names', code: rule('sum by ("ins-tance") ({"my.metric", "ins-tance"="a"})') },
    { lang: 'yaml', name: 'well-typed functions and aggregations', code: rule('topk(5, sum by (job) (rate(x[5m]))) and on (job) histogram_quantile(0.9, sum by (le, job) (rate(h_bucket[5m]))) > bool 0') },
    { lang: 'yaml', name: 'a subquery over an expression', code: rule('max_over_time(sum(rate(x[1m]))[10m:1m])') },
    { lang: 'yaml', name: 'Pyrra latencyNative metric', code: 'apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: a\nspec:\n  target: "99"\n  window: 28d\n  indicator:\n    latencyNative:\n      latency: "1"\n      total:\n        metric: http_request_duration_seconds{job="a"}\n' },
    { lang: 'yaml', name: 'Sloth spec validated for VictoriaMetrics: MetricsQL is not PromQL', code: 'version: prometheus/v1\nservice: s\nslo_plugins:\n  overridePrevious: true\n  chain:\n    - id: sloth.dev/contrib/validate_victoria_metrics/v1\nslos:\n  - name: a\n    objective: 99\n    sli:\n      events:\n        error_query: 1 - histogram_share(0.2, x)\n        total_query: vector(1)[{{.window}}]\n' },
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
    // Rejected by Prometheus' parser after the grammar (checkAST in promql/parser/parse.go).
    { lang: 'yaml', name: 'rate() of an instant vector', code: rule('rate(x)'), errors: [{ range: [5, 20, 5, 21], message: 'expected range vector in call to function "rate", got instant vector' }] },
    { lang: 'yaml', name: 'a function without its argument', code: rule('floor()'), errors: [{ range: [5, 15, 5, 22], message: 'expected 1 argument(s) in call to "floor", got 0' }] },
    { lang: 'yaml', name: 'a set operator between scalars', code: rule('1 and 1'), errors: [{ range: [5, 15, 5, 22], message: 'set operator "and" not allowed in binary scalar expression' }] },
    { lang: 'yaml', name: 'an empty selector', code: rule('sum({})'), errors: [{ range: [5, 19, 5, 21], message: 'at least one non-empty matcher' }] },
    { lang: 'yaml', name: 'a zero range', code: rule('rate(x[0m])'), errors: [{ range: [5, 22, 5, 24], message: 'duration must be greater than 0' }] },
    { lang: 'yaml', name: 'a range on an expression', code: rule('rate(sum(x)[5m])'), errors: [{ range: [5, 20, 5, 30], message: 'ranges are only allowed for vector selectors' }] },
    { lang: 'yaml', name: 'comparing two scalars without bool', code: rule('1 > 0'), errors: [{ range: [5, 15, 5, 20], message: 'bool modifier' }] },
    { lang: 'yaml', name: 'topk with its arguments swapped', code: rule('topk(x, 5)'), errors: [{ range: [5, 20, 5, 21], message: 'expected scalar in aggregation parameter' }] },
    { lang: 'yaml', name: 'OpenSLO v1alpha ratioMetrics query', code: 'apiVersion: openslo/v1alpha\nkind: SLO\nmetadata:\n  name: a\nspec:\n  service: s\n  objectives:\n    - target: 0.99\n      ratioMetrics:\n        good:\n          source: prometheus\n          queryType: promql\n          query: sum(rate(x[5m])\n', errors: [{ range: [13, 32, 13, 33] }] },
    { lang: 'yaml', name: 'Pyrra latencyNative metric is checked like latency', code: 'apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: a\nspec:\n  target: "99"\n  window: 28d\n  indicator:\n    latencyNative:\n      latency: "1"\n      total:\n        metric: http_request_duration_seconds{job="a"\n', errors: [{ range: [12, 53, 12, 54] }] },
    { lang: 'yaml', name: 'PrometheusRule CRD', code: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\nspec:\n  groups:\n    - name: g\n      rules:\n        - record: r\n          expr: sum(\n', errors: [{ range: [10, 20, 10, 21] }] },
  ],
});
