/**
 * Other linters' suppression comments (foreignDirectives.ts, docs/suppressions.md): one case per
 * directive form that silences, and one with an unrelated code (or a rule without a counterpart)
 * that must not.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FOREIGN_CODES, noqaCodes, type ForeignFamily } from '../../server/src/analysis/foreignDirectives';
import { dedent, initAnalyzer, run, type TestLang } from '../helpers/analyze';

interface Case { name: string; lang: TestLang; code: string; rule: string; /** 1-based lines where the rule still fires. */ lines: number[] }

const PY_LOG = 'import logging\nlogger = logging.getLogger(__name__)\n';
const PINO = "import pino from 'pino';\nconst logger = pino();\n";

const cases: Case[] = [
  // ---- Ruff / flake8 `# noqa`
  { name: 'noqa: T201 silences print', lang: 'py', rule: 'no-print-logging', code: 'print("x")  # noqa: T201\nprint("y")\n', lines: [2] },
  { name: 'noqa: T203 silences pprint', lang: 'py', rule: 'no-print-logging', code: 'from pprint import pprint\npprint(x)  # noqa: T203\n', lines: [] },
  { name: 'noqa for an unrelated code does not', lang: 'py', rule: 'no-print-logging', code: 'print("x")  # noqa: E501\n', lines: [1] },
  { name: 'noqa without space, upper case, in a list', lang: 'py', rule: 'no-print-logging', code: 'print("x")  #NOQA:E501,T201\n', lines: [] },
  { name: 'noqa: codes then a reason', lang: 'py', rule: 'no-print-logging', code: 'print("x")  # noqa: T201 the CLI prints its result\n', lines: [] },
  { name: 'a reason before the codes ends the list (Ruff stops at the first non-code)', lang: 'py', rule: 'no-print-logging', code: 'print("x")  # noqa: E501 long line, T201\n', lines: [1] },
  { name: 'noqa after another comment', lang: 'py', rule: 'no-print-logging', code: 'print("x")  # progress # noqa: T201\n', lines: [] },
  { name: 'bare noqa silences a rule with a Ruff counterpart', lang: 'py', rule: 'no-print-logging', code: 'print("x")  # noqa\n', lines: [] },
  { name: 'bare noqa does not silence a rule without one (sensitive data)', lang: 'py', rule: 'sensitive-data-in-log', code: `${PY_LOG}logger.info("login", extra={"password": pw})  # noqa\n`, lines: [3] },
  { name: '`noqaX` is not a directive', lang: 'py', rule: 'no-print-logging', code: 'print("x")  # noqaT201\n', lines: [1] },
  { name: 'noqa on the last line of a multi-line statement', lang: 'py', rule: 'unstructured-log-message', code: `${PY_LOG}logger.info(\n    f"user {uid} logged in",\n)  # noqa: G004\n`, lines: [] },
  { name: 'noqa on the first line of a multi-line statement', lang: 'py', rule: 'unstructured-log-message', code: `${PY_LOG}logger.info(  # noqa: G004\n    f"user {uid} logged in",\n)\n`, lines: [] },
  { name: 'noqa on the next statement does not reach back', lang: 'py', rule: 'unstructured-log-message', code: `${PY_LOG}logger.info(f"user {uid}")\nx = 1  # noqa: G004\n`, lines: [3] },
  { name: 'noqa inside a string is not a directive', lang: 'py', rule: 'no-print-logging', code: 'print("# noqa: T201")\n', lines: [1] },
  { name: 'G001 .format', lang: 'py', rule: 'unstructured-log-message', code: `${PY_LOG}logger.info("user {}".format(uid))  # noqa: G001\n`, lines: [] },
  { name: 'G002 %', lang: 'py', rule: 'unstructured-log-message', code: `${PY_LOG}logger.info("user %s" % uid)  # noqa: G002\n`, lines: [] },
  { name: 'G003 +', lang: 'py', rule: 'unstructured-log-message', code: `${PY_LOG}logger.info("user " + uid)  # noqa: G003\n`, lines: [] },
  { name: 'G004 does not silence sensitive data on the same line', lang: 'py', rule: 'sensitive-data-in-log', code: `${PY_LOG}logger.info(f"token {token}")  # noqa: G004\n`, lines: [3] },
  { name: 'BLE001 on a broad except', lang: 'py', rule: 'swallowed-exception', code: 'try:\n    run()\nexcept Exception:  # noqa: BLE001\n    pass\n', lines: [] },
  { name: 'S110 on try-except-pass', lang: 'py', rule: 'swallowed-exception', code: 'try:\n    run()\nexcept Exception:  # noqa: S110\n    pass\n', lines: [] },
  { name: 'E722 on a bare except', lang: 'py', rule: 'swallowed-exception', code: 'try:\n    run()\nexcept:  # noqa: E722\n    pass\n', lines: [] },
  { name: 'an unrelated code on the except line does not', lang: 'py', rule: 'swallowed-exception', code: 'try:\n    run()\nexcept Exception:  # noqa: F841\n    pass\n', lines: [3] },
  { name: 'noqa in the handler body is not on the except statement', lang: 'py', rule: 'swallowed-exception', code: 'try:\n    run()\nexcept Exception:\n    pass  # noqa: S110\n', lines: [3] },
  { name: 'LOG004 on exception() outside a handler', lang: 'py', rule: 'exception-outside-handler', code: `${PY_LOG}logger.exception("failed")  # noqa: LOG004\n`, lines: [] },
  { name: 'TRY400 on error() in a handler', lang: 'py', rule: 'error-log-without-exception', code: `${PY_LOG}try:\n    run()\nexcept ValueError:\n    logger.error("failed")  # noqa: TRY400\n`, lines: [] },
  { name: 'G010 on logger.warn', lang: 'py', rule: 'stdlib-logging-misuse', code: `${PY_LOG}logger.warn("careful")  # noqa: G010\n`, lines: [] },
  { name: 'ruff: noqa: T201 alone on a line covers the file', lang: 'py', rule: 'no-print-logging', code: '# ruff: noqa: T201\nprint("a")\n\n\ndef f():\n    print("b")\n', lines: [] },
  { name: 'flake8: noqa covers the file for rules with a counterpart', lang: 'py', rule: 'no-print-logging', code: '# flake8: noqa\nprint("a")\n', lines: [] },
  { name: 'ruff: noqa after code is not a file exemption (Ruff ignores it)', lang: 'py', rule: 'no-print-logging', code: 'x = 1  # ruff: noqa: T201\nprint("a")\n', lines: [2] },
  { name: 'ruff: noqa for an unrelated code', lang: 'py', rule: 'no-print-logging', code: '# ruff: noqa: E501\nprint("a")\n', lines: [2] },

  // ---- Bandit
  { name: 'nosec B110 on the except line', lang: 'py', rule: 'swallowed-exception', code: 'try:\n    run()\nexcept Exception:  # nosec B110\n    pass\n', lines: [] },
  { name: 'bare nosec', lang: 'py', rule: 'swallowed-exception', code: 'try:\n    run()\nexcept Exception:  # nosec\n    pass\n', lines: [] },
  { name: 'nosec for another test does not', lang: 'py', rule: 'swallowed-exception', code: 'try:\n    run()\nexcept Exception:  # nosec B603\n    pass\n', lines: [3] },
  { name: 'bare nosec does not silence print (Bandit has no print check)', lang: 'py', rule: 'no-print-logging', code: 'print("x")  # nosec\n', lines: [1] },

  // ---- pylint
  { name: 'pylint: disable after code, that line', lang: 'py', rule: 'unstructured-log-message', code: `${PY_LOG}logger.info(f"a {x}")  # pylint: disable=logging-fstring-interpolation\nlogger.info(f"b {x}")\n`, lines: [4] },
  { name: 'pylint: disable by message id', lang: 'py', rule: 'unstructured-log-message', code: `${PY_LOG}logger.info("a %s" % x)  # pylint: disable=W1201\n`, lines: [] },
  { name: 'pylint: an unrelated message does not', lang: 'py', rule: 'unstructured-log-message', code: `${PY_LOG}logger.info(f"a {x}")  # pylint: disable=line-too-long\n`, lines: [3] },
  { name: 'pylint: disable alone on a line, the rest of the function', lang: 'py', rule: 'unstructured-log-message',
    code: `${PY_LOG}def f(x):\n    logger.info(f"before {x}")\n    # pylint: disable=logging-fstring-interpolation\n    logger.info(f"a {x}")\n    if x:\n        logger.info(f"b {x}")\n\n\ndef g(x):\n    logger.info(f"after {x}")\n`, lines: [4, 12] },
  { name: 'pylint: enable ends it for the rest of its block', lang: 'py', rule: 'unstructured-log-message',
    code: `${PY_LOG}def f(x):\n    # pylint: disable=logging-fstring-interpolation\n    logger.info(f"a {x}")\n    if x:\n        # pylint: enable=logging-fstring-interpolation\n        logger.info(f"b {x}")\n    logger.info(f"c {x}")\n`, lines: [8] },
  { name: 'pylint: disable-next', lang: 'py', rule: 'unstructured-log-message', code: `${PY_LOG}# pylint: disable-next=logging-fstring-interpolation\nlogger.info(f"a {x}")\nlogger.info(f"b {x}")\n`, lines: [5] },
  { name: 'pylint: disable on a def line covers the function', lang: 'py', rule: 'unstructured-log-message',
    code: `${PY_LOG}def f(x):  # pylint: disable=logging-fstring-interpolation\n    logger.info(f"a {x}")\n\n\nlogger.info(f"b {x}")\n`, lines: [7] },
  { name: 'pylint: broad-exception-caught on the except line', lang: 'py', rule: 'swallowed-exception', code: 'try:\n    run()\nexcept Exception:  # pylint: disable=broad-exception-caught\n    pass\n', lines: [] },
  { name: 'pylint: disable=all', lang: 'py', rule: 'swallowed-exception', code: 'try:\n    run()\nexcept Exception:  # pylint: disable=all\n    pass\n', lines: [] },
  { name: 'pylint: skip-file', lang: 'py', rule: 'unstructured-log-message', code: `# pylint: skip-file\n${PY_LOG}logger.info(f"a {x}")\n`, lines: [] },
  { name: 'pylint: disable=all does not silence a rule without a pylint counterpart', lang: 'py', rule: 'no-print-logging', code: 'print("x")  # pylint: disable=all\n', lines: [1] },

  // ---- ESLint
  { name: 'eslint-disable-next-line no-console', lang: 'ts', rule: 'no-print-logging', code: "// eslint-disable-next-line no-console\nconsole.log('a');\nconsole.log('b');\n", lines: [3] },
  { name: 'eslint-disable-next-line for another rule does not', lang: 'ts', rule: 'no-print-logging', code: "// eslint-disable-next-line no-unused-vars\nconsole.log('a');\n", lines: [2] },
  { name: 'eslint-disable-next-line with a -- reason', lang: 'ts', rule: 'no-print-logging', code: "// eslint-disable-next-line no-console -- the CLI prints its result\nconsole.log('a');\n", lines: [] },
  { name: 'a rule named only in the -- reason does not count', lang: 'ts', rule: 'no-print-logging', code: "// eslint-disable-next-line no-alert -- like no-console\nconsole.log('a');\n", lines: [2] },
  { name: 'eslint-disable-line (line and block comment)', lang: 'ts', rule: 'no-print-logging', code: "console.log('a'); // eslint-disable-line no-console\nconsole.log('b'); /* eslint-disable-line no-console */\nconsole.log('c');\n", lines: [3] },
  { name: 'eslint-disable-line with no rule list', lang: 'ts', rule: 'no-print-logging', code: "console.log('a'); // eslint-disable-line\n", lines: [] },
  { name: 'eslint-disable … eslint-enable block', lang: 'ts', rule: 'no-print-logging', code: "/* eslint-disable no-console */\nconsole.log('a');\n/* eslint-enable no-console */\nconsole.log('b');\n", lines: [4] },
  { name: 'eslint-disable with a multi-line rule list', lang: 'ts', rule: 'no-print-logging', code: "/* eslint-disable\n   no-alert,\n   no-console */\nconsole.log('a');\n", lines: [] },
  { name: 'whole file: /* eslint-disable */ at the top', lang: 'ts', rule: 'no-print-logging', code: "/* eslint-disable */\nfunction f() {\n  console.log('a');\n}\n", lines: [] },
  { name: 'whole file disable does not silence a rule without an ESLint counterpart', lang: 'ts', rule: 'sensitive-data-in-log', code: `/* eslint-disable */\n${PINO}logger.info({ password }, 'login');\n`, lines: [4] },
  { name: 'ESLint ignores eslint-disable in a line comment', lang: 'ts', rule: 'no-print-logging', code: "// eslint-disable no-console\nconsole.log('a');\n", lines: [2] },
  { name: 'eslint-enable without rules re-enables all', lang: 'ts', rule: 'no-print-logging', code: "/* eslint-disable no-console */\nconsole.log('a');\n/* eslint-enable */\nconsole.log('b');\n", lines: [4] },
  { name: 'no-empty above `} catch` (next-line form)', lang: 'ts', rule: 'swallowed-exception', code: 'try {\n  run();\n  // eslint-disable-next-line no-empty\n} catch (e) {}\n', lines: [] },
  { name: 'no-empty on the catch line', lang: 'ts', rule: 'swallowed-exception', code: 'try {\n  run();\n} catch (e) {} // eslint-disable-line no-empty\n', lines: [] },
  { name: 'no-console does not silence an empty catch', lang: 'ts', rule: 'swallowed-exception', code: 'try {\n  run();\n  // eslint-disable-next-line no-console\n} catch (e) {}\n', lines: [4] },
  { name: 'no-empty-function on .catch(() => {})', lang: 'ts', rule: 'swallowed-exception', code: 'p.catch(() => {}); // eslint-disable-line @typescript-eslint/no-empty-function\n', lines: [] },
  { name: 'eslint-disable inside a string is not a directive', lang: 'ts', rule: 'no-print-logging', code: "console.log('// eslint-disable-line no-console');\n", lines: [1] },

  // ---- oxlint
  { name: 'oxlint-disable-next-line no-console', lang: 'ts', rule: 'no-print-logging', code: "// oxlint-disable-next-line no-console\nconsole.log('a');\nconsole.log('b');\n", lines: [3] },
  { name: 'oxlint reads eslint/-prefixed names', lang: 'ts', rule: 'no-print-logging', code: "console.log('a'); // oxlint-disable-line eslint/no-console\n", lines: [] },
  { name: 'oxlint-disable in a line comment (oxlint reads it)', lang: 'ts', rule: 'no-print-logging', code: "// oxlint-disable no-console\nconsole.log('a');\n// oxlint-enable no-console\nconsole.log('b');\n", lines: [4] },
  { name: 'oxlint-disable for another rule does not', lang: 'ts', rule: 'no-print-logging', code: "/* oxlint-disable no-debugger */\nconsole.log('a');\n", lines: [2] },

  // ---- Biome
  { name: 'biome-ignore lint/suspicious/noConsole', lang: 'ts', rule: 'no-print-logging', code: "// biome-ignore lint/suspicious/noConsole: CLI output\nconsole.log('a');\nconsole.log('b');\n", lines: [3] },
  { name: 'biome-ignore a group', lang: 'ts', rule: 'no-print-logging', code: "// biome-ignore lint/suspicious: CLI output\nconsole.log('a');\n", lines: [] },
  { name: 'biome-ignore lint (every lint rule)', lang: 'ts', rule: 'no-print-logging', code: "// biome-ignore lint: CLI output\nconsole.log('a');\n", lines: [] },
  { name: 'biome-ignore another rule does not', lang: 'ts', rule: 'no-print-logging', code: "// biome-ignore lint/style/useConst: reason\nconsole.log('a');\n", lines: [2] },
  { name: 'biome-ignore another group does not', lang: 'ts', rule: 'no-print-logging', code: "// biome-ignore lint/style: reason\nconsole.log('a');\n", lines: [2] },
  { name: 'biome-ignore-all', lang: 'ts', rule: 'no-print-logging', code: "// biome-ignore-all lint/suspicious/noConsole: a CLI\nconsole.log('a');\nfunction f() {\n  console.log('b');\n}\n", lines: [] },
  { name: 'biome-ignore-start … biome-ignore-end', lang: 'ts', rule: 'no-print-logging', code: "// biome-ignore-start lint/suspicious/noConsole: banner\nconsole.log('a');\n// biome-ignore-end lint/suspicious/noConsole: banner\nconsole.log('b');\n", lines: [4] },
  { name: 'biome-ignore noEmptyBlockStatements above `} catch`', lang: 'ts', rule: 'swallowed-exception', code: 'try {\n  run();\n  // biome-ignore lint/suspicious/noEmptyBlockStatements: best effort\n} catch {}\n', lines: [] },
];

describe('foreign suppression directives', () => {
  before(() => initAnalyzer());

  for (const c of cases) {
    it(`${c.lang}: ${c.name}`, () => {
      const lines = run(dedent(c.code), c.lang).findings.filter((f) => f.rule === c.rule).map((f) => f.range.start.line + 1);
      assert.deepEqual(lines, c.lines);
    });
  }

  it('foreign ids are not reported as unknown o11y-lint rules', () => {
    const code = "// eslint-disable-next-line no-console, some-plugin/whatever\nconsole.log('a');\n";
    assert.deepEqual(run(code, 'ts').findings.map((f) => f.rule), []);
    assert.deepEqual(run('print("x")  # noqa: T201, XYZ123\n', 'py').findings.map((f) => f.rule), []);
  });

  it('noqa codes are lexed as Ruff lexes them', () => {
    assert.deepEqual(noqaCodes(''), []);
    assert.deepEqual(noqaCodes(' reason'), []);
    assert.deepEqual(noqaCodes(': T201,BLE001  E501'), ['T201', 'BLE001', 'E501']);
    assert.deepEqual(noqaCodes(': T201 not a code, E501'), ['T201']);
    assert.equal(noqaCodes('X'), undefined);
    assert.equal(noqaCodes(': lowercase'), undefined);
  });

  it('docs/suppressions.md lists exactly the mapping the code uses', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../../docs/suppressions.md'), 'utf8');
    const documented = new Map<string, string>();
    const FAMILY: Record<string, ForeignFamily> = { 'Ruff / flake8': 'noqa', Bandit: 'nosec', pylint: 'pylint', 'ESLint / oxlint': 'eslint', Biome: 'biome' };
    for (const row of doc.matchAll(/^\| (Ruff \/ flake8|Bandit|pylint|ESLint \/ oxlint|Biome) \| ([^|]+) \| ([^|]+) \|/gm)) {
      const family = FAMILY[row[1]];
      for (const code of row[2].split(',').map((c) => c.trim().replace(/`/g, '')).filter(Boolean)) {
        documented.set(`${family} ${code}`, row[3].trim().replace(/`/g, ''));
      }
    }
    const inCode = new Map<string, string>();
    for (const [family, table] of Object.entries(FOREIGN_CODES)) {
      for (const [code, rules] of Object.entries(table)) inCode.set(`${family} ${code}`, rules.join(', '));
    }
    assert.deepEqual([...documented].sort(), [...inCode].sort());
  });
});
