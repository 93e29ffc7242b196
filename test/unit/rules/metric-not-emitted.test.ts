import { ruleTester } from '../../helpers/ruleTester';

const WS = { names: ['orders_processed', 'orders_processed_total', 'orders_processed_created'], prefixes: ['checkout_duration'] };
const rule = (expr: string) => `groups:\n  - name: g\n    rules:\n      - record: orders:rate5m\n        expr: sum(rate(orders_processed_total[5m]))\n      - record: x\n        expr: ${expr}\n`;

ruleTester('metric-not-emitted', {
  valid: [
    { lang: 'yaml', name: 'registered counter', code: rule('orders_processed_total'), workspaceMetrics: WS },
    { lang: 'yaml', name: 'recorded series of the same file', code: rule('orders:rate5m'), workspaceMetrics: WS },
    { lang: 'yaml', name: 'OpenTelemetry prefix with unit suffix', code: rule('checkout_duration_milliseconds_bucket'), workspaceMetrics: WS },
    { lang: 'yaml', name: 'exporter metrics are not ours to judge', code: rule('node_load1 > 1'), workspaceMetrics: WS },
    { lang: 'yaml', name: 'no registrations known: silent', code: rule('orders_procesed_total'), workspaceMetrics: { names: [], prefixes: [] } },
    { lang: 'yaml', name: 'no workspace at all: silent', code: rule('orders_procesed_total') },
  ],
  invalid: [
    {
      lang: 'yaml', name: 'typo with a suggestion', code: rule('rate(orders_procesed_total[5m])'), workspaceMetrics: WS,
      errors: [{ range: [7, 20, 7, 41], severity: 'info', message: 'Did you mean `orders_processed_total`?', output: rule('rate(orders_processed_total[5m])') }],
    },
  ],
});
