import { ruleTester } from '../../helpers/ruleTester';

ruleTester('invalid-suppression', {
  valid: [
    { lang: 'py', code: 'print("x")  # o11y-lint: disable=no-print-logging\n' },
    { lang: 'py', name: 'all', code: 'print("x")  # o11y-lint: disable=all\n' },
    { lang: 'py', name: 'inside a string it is not a directive', code: 'x = "# o11y-lint: disable=nope"\n' },
    { lang: 'ts', code: '// o11y-lint-disable-next-line no-print-logging\nconsole.log("x");\n' },
    { lang: 'ts', name: 'inside a string', code: 'const s = "// o11y-lint-disable-next-line nope";\n' },
  ],
  invalid: [
    {
      lang: 'py', code: 'print("x")  # o11y-lint: disable=no-prnt-logging\n',
      errors: [{ range: [1, 34, 1, 49], severity: 'warning', message: "Did you mean 'no-print-logging'?", fixes: ["Change to 'no-print-logging'"], output: 'print("x")  # o11y-lint: disable=no-print-logging\n' }],
    },
    { lang: 'py', name: 'second id of a list', code: 'x = 1  # o11y-lint: disable=no-print-logging, whatever\n', errors: [{ range: [1, 47, 1, 55], message: "'whatever'" }] },
    { lang: 'ts', code: '// o11y-lint-disable-next-line bogus-rule\nconsole.log("x");\n', errors: [{ range: [1, 32, 1, 42] }] },
    { lang: 'ts', name: 'block comment', code: '/* o11y-lint-disable nope */\n', errors: [{ range: [1, 22, 1, 26] }] },
  ],
});
