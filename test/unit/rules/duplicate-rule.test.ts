import { ruleTester } from '../../helpers/ruleTester';

const G = 'groups:\n  - name: g\n    rules:\n';

ruleTester('duplicate-rule', {
  valid: [
    { lang: 'yaml', name: 'same alert, different labels', code: G + '      - alert: A\n        expr: x > 1\n        labels: {severity: warning}\n      - alert: A\n        expr: x > 2\n        labels: {severity: critical}\n' },
    { lang: 'yaml', name: 'same alert in groups with different group labels', code: 'groups:\n  - name: prod\n    labels: {env: prod}\n    rules:\n      - alert: Q\n        expr: x\n  - name: staging\n    labels: {env: staging}\n    rules:\n      - alert: Q\n        expr: x\n' },
    { lang: 'yaml', name: 'alert and record may share a name', code: G + '      - alert: a\n        expr: x\n      - record: a\n        expr: x\n' },
  ],
  invalid: [
    // A different expression is often one alert with several conditions (kube-prometheus, the mixins): a milder note.
    { lang: 'yaml', name: 'same identity, another expression', code: G + '      - alert: A\n        expr: x > 1\n      - alert: A\n        expr: x > 2\n', errors: [{ range: [6, 16, 6, 17], severity: 'info', message: 'deliberate alternative conditions' }] },
    { lang: 'yaml', name: 'an identical copy stays a warning', code: G + '      - alert: A\n        expr: x > 1\n      - alert: A\n        expr: |\n          x >  1\n', errors: [{ range: [6, 16, 6, 17], severity: 'warning', message: 'already defined on line 4' }] },
    { lang: 'yaml', name: 'a name written as an alias: reported at the alias, with the anchor line', code: G + '      - alert: &n A\n        expr: x\n      - alert: *n\n        expr: x\n', errors: [{ range: [6, 16, 6, 18], severity: 'warning', message: 'already defined on line 4' }] },
    { lang: 'yaml', name: 'across groups, labels in any order', code: G + '      - record: r\n        expr: x\n        labels: {a: "1", b: "2"}\n  - name: h\n    rules:\n      - record: r\n        expr: y\n        labels: {b: "2", a: "1"}\n', errors: [{ range: [9, 17, 9, 18] }] },
  ],
});
