import { ruleTester } from '../../helpers/ruleTester';

const SLO = 'version: prometheus/v1\nservice: s\nslos:\n  - name: availability\n    objective: 99.9\n    sli:\n      raw:\n        error_ratio_query: x\n';

ruleTester('slo-missing-alerting', {
  valid: [
    { lang: 'yaml', code: SLO + '    alerting:\n      page_alert:\n        labels:\n          severity: critical\n' },
    { lang: 'yaml', name: 'ticket only', code: SLO + '    alerting:\n      ticket_alert:\n        disable: false\n' },
  ],
  invalid: [
    { lang: 'yaml', code: SLO, errors: [{ range: [4, 11, 4, 23], severity: 'info' }] },
    { lang: 'yaml', name: 'alerting without page or ticket alerts', code: SLO + '    alerting:\n      name: X\n', errors: [{ range: [4, 11, 4, 23] }] },
  ],
});
