import * as assert from 'node:assert/strict';
import { initAnalyzer, run } from '../helpers/analyze';

const rules = (code: string, lang: 'py' | 'ts') => run(code, lang).findings.map((f) => `${f.range.start.line + 1}:${f.rule}`);

describe('inline suppressions', () => {
  before(() => initAnalyzer());

  it('python: on the line', () => {
    assert.deepEqual(rules('print("a")  # o11y-lint: disable=no-print-logging\nprint("b")\n', 'py'), ['2:no-print-logging']);
  });

  it('python: alone on the line above', () => {
    assert.deepEqual(rules('# o11y-lint: disable=no-print-logging\nprint("a")\nprint("b")\n', 'py'), ['3:no-print-logging']);
  });

  it('python: a trailing directive does not reach the next line', () => {
    assert.deepEqual(rules('x = 1  # o11y-lint: disable=no-print-logging\nprint("a")\n', 'py'), ['2:no-print-logging']);
  });

  it('python: several rules and all', () => {
    const code = 'import logging\nlog = logging.getLogger()\nlog.info(f"{password}")  # o11y-lint: disable=unstructured-log-message,sensitive-data-in-log\nprint(1)  # o11y-lint: disable=all\n';
    assert.deepEqual(rules(code, 'py'), []);
  });

  it('python: only the named rule is suppressed', () => {
    const code = 'import logging\nlog = logging.getLogger()\nlog.info(f"{password}")  # o11y-lint: disable=unstructured-log-message\n';
    assert.deepEqual(rules(code, 'py'), ['3:sensitive-data-in-log']);
  });

  it('js: disable-next-line, disable-line', () => {
    const code = '// o11y-lint-disable-next-line no-print-logging\nconsole.log(1);\nconsole.log(2); // o11y-lint-disable-line no-print-logging\nconsole.log(3);\n';
    assert.deepEqual(rules(code, 'ts'), ['4:no-print-logging']);
  });

  it('js: block disable … enable, and to end of file', () => {
    const code = 'console.log(0);\n/* o11y-lint-disable no-print-logging */\nconsole.log(1);\n/* o11y-lint-enable no-print-logging */\nconsole.log(2);\n/* o11y-lint-disable */\nconsole.log(3);\n';
    assert.deepEqual(rules(code, 'ts'), ['1:no-print-logging', '5:no-print-logging']);
  });

  it('an unknown id is reported where it is written', () => {
    assert.deepEqual(rules('// o11y-lint-disable-next-line no-print-loging\nconsole.log(1);\n', 'ts'), ['1:invalid-suppression', '2:no-print-logging']);
  });
});
