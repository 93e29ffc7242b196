import { ruleTester } from '../../helpers/ruleTester';

ruleTester('invalid-duration', {
  valid: [
    { lang: 'yaml', code: 'groups:\n  - name: g\n    interval: 30s\n    rules:\n      - alert: A\n        expr: x\n        for: 1h30m\n        keep_firing_for: 0\n' },
  ],
  invalid: [
    {
      lang: 'yaml', code: 'groups:\n  - name: g\n    interval: 30 seconds\n    rules:\n      - alert: A\n        expr: x\n        for: 5min\n        keep_firing_for: 30m1h\n',
      errors: [{ range: [3, 15, 3, 25], severity: 'error' }, { range: [7, 14, 7, 18] }, { range: [8, 26, 8, 31] }],
    },
  ],
});
