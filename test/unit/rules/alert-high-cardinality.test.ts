import { ruleTester } from '../../helpers/ruleTester';

const G = 'groups:\n  - name: g\n    rules:\n';

ruleTester('alert-high-cardinality', {
  valid: [
    { lang: 'yaml', code: G + '      - alert: A\n        expr: sum by (service, route) (rate(errors_total[5m])) > 1\n' },
    { lang: 'yaml', name: 'without drops the label', code: G + '      - alert: A\n        expr: sum without (user_id) (rate(errors_total[5m])) > 1\n' },
    { lang: 'yaml', name: 'a matcher on user_id is fine', code: G + '      - alert: A\n        expr: rate(errors_total{user_id="42"}[5m]) > 1\n' },
    { lang: 'yaml', name: 'uri is a route template in Micrometer metrics', code: G + '      - alert: A\n        expr: histogram_quantile(0.99, sum by (uri, le) (rate(http_server_requests_seconds_bucket[5m]))) > 2\n' },
    { lang: 'yaml', name: 'recording rules are not alerts', code: G + '      - record: r\n        expr: sum by (user_id) (x)\n' },
  ],
  invalid: [
    { lang: 'yaml', name: 'by (user_id)', code: G + '      - alert: A\n        expr: sum by (service, user_id) (rate(errors_total[5m])) > 1\n', errors: [{ range: [5, 32, 5, 39], message: '`user_id`' }] },
    { lang: 'yaml', name: 'an unbounded label set on the alert', code: G + '      - alert: A\n        expr: x > 1\n        labels:\n          request_id: abc\n', errors: [{ range: [7, 11, 7, 21] }] },
  ],
});
