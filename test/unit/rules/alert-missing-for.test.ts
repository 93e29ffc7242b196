import { ruleTester } from '../../helpers/ruleTester';

const G = 'groups:\n  - name: g\n    rules:\n';

ruleTester('alert-missing-for', {
  valid: [
    { lang: 'yaml', code: G + '      - alert: A\n        expr: up == 0\n        for: 5m\n' },
    { lang: 'yaml', name: 'longer for', code: G + '      - alert: A\n        expr: up == 0\n        for: 1h\n' },
    { lang: 'yaml', name: 'a constant alert (Watchdog) fires at once by design', code: G + '      - alert: Watchdog\n        expr: vector(1)\n' },
    { lang: 'yaml', name: 'recording rules need no for', code: G + '      - record: r\n        expr: sum(up)\n' },
    { lang: 'yaml', name: 'minFor from settings', code: G + '      - alert: A\n        expr: up == 0\n        for: 1m\n', settings: { alerts: { minFor: '1m' } } },
    { lang: 'yaml', name: 'invalid duration is invalid-duration\'s finding', code: G + '      - alert: A\n        expr: up == 0\n        for: soon\n' },
  ],
  invalid: [
    {
      lang: 'yaml', name: 'missing for: reported on the alert name, fix adds for', code: G + '      - alert: InstanceDown\n        expr: up == 0\n        labels:\n          severity: critical\n',
      errors: [{ range: [4, 16, 4, 28], severity: 'warning', fixes: ['Add `for: 5m`'], output: G + '      - alert: InstanceDown\n        expr: up == 0\n        labels:\n          severity: critical\n        for: 5m\n' }],
    },
    {
      lang: 'yaml', name: 'too short: fix raises it', code: G + '      - alert: A\n        expr: up == 0\n        for: 30s\n',
      errors: [{ range: [6, 14, 6, 17], message: 'fires after 30s', output: G + '      - alert: A\n        expr: up == 0\n        for: 5m\n' }],
    },
    {
      lang: 'yaml', name: 'block scalar expr and no trailing newline', code: G + '      - alert: A\n        expr: |\n          up == 0',
      errors: [{ range: [4, 16, 4, 17], output: G + '      - alert: A\n        expr: |\n          up == 0\n        for: 5m' }],
    },
    {
      // What an alias brings in is reported where it is used; the fix would have to edit the shared anchor, so none.
      lang: 'yaml', name: 'a value from an alias: reported at the alias, no fix', code: G + '      - alert: A\n        expr: up == 0\n        for: &short 30s\n      - alert: B\n        expr: up == 0\n        for: *short\n',
      errors: [{ range: [6, 21, 6, 24], message: 'Alert `A`', fixes: ['Raise `for` to 5m'] }, { range: [9, 14, 9, 20], message: 'Alert `B`', fixes: [] }],
    },
    {
      lang: 'yaml', name: 'a suppression at the alias use works', code: G + '      - alert: A\n        expr: up == 0\n        for: &short 30s  # o11y-lint: disable=alert-missing-for\n      - alert: B\n        expr: up == 0\n        for: *short\n',
      errors: [{ range: [9, 14, 9, 20], message: 'Alert `B`' }],
    },
    {
      lang: 'yaml', name: 'merged keys (<<: *defaults) are reported at the merge', code: G + '      - alert: A\n        expr: up == 0\n        <<: &d {for: 1m}\n      - alert: B\n        expr: up == 0\n        <<: *d\n',
      errors: [{ range: [6, 22, 6, 24], message: 'Alert `A`' }, { range: [9, 13, 9, 15], message: 'Alert `B`', fixes: [] }],
    },
  ],
});
