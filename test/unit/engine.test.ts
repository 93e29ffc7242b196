import * as assert from 'node:assert/strict';
import { mergeSettings, validateSettings } from '../../server/src/analysis/config';
import { analyze } from '../../server/src/analysis/engine';
import { toDiagnostics, isOurs } from '../../server/src/diagnostics';
import { dedent, initAnalyzer, run } from '../helpers/analyze';

describe('engine', () => {
  before(() => initAnalyzer());

  it('still reports the parts of a Python file that parse around a syntax error', () => {
    const code = dedent(`
      def ok():
          print("before")

      def broken(:
          x = = 1

      def later():
          print("after")
    `);
    const result = run(code, 'py');
    assert.equal(result.hasSyntaxErrors, true);
    assert.deepEqual(result.findings.filter((f) => f.rule === 'no-print-logging').map((f) => f.range.start.line + 1), [2, 8]);
  });

  it('still reports the parts of a TS file that parse around a syntax error', () => {
    const code = 'console.log("before");\nconst a = ;\nif (x {\n  y(\n}\nconsole.log("after");\n';
    const result = run(code, 'ts');
    assert.equal(result.hasSyntaxErrors, true);
    assert.deepEqual(result.findings.filter((f) => f.rule === 'no-print-logging').map((f) => f.range.start.line + 1), [1, 6]);
  });

  it('analyzes an empty file and a BOM-only file without findings', () => {
    for (const lang of ['py', 'ts'] as const) {
      const { findings, hasSyntaxErrors, skipped, role } = run('', lang);
      assert.deepEqual({ findings, hasSyntaxErrors, skipped }, { findings: [], hasSyntaxErrors: false, skipped: undefined });
      assert.equal(role?.role, 'service');
      const bom = run('\uFEFF', lang);
      assert.deepEqual(bom.findings, []);
      assert.equal(bom.skipped, undefined);
    }
  });

  it('keeps positions right after a BOM', () => {
    const [f] = run('\uFEFFprint("x")\n', 'py').findings;
    assert.deepEqual(f.range.start, { line: 0, character: 1 });
  });

  it('skips a binary file with a clear message', () => {
    const result = run('PK\u0003\u0004\u0000\u0000garbage', 'py');
    assert.equal(result.skipped?.reason, 'binary');
    assert.match(result.skipped!.message, /binary/);
  });

  it('skips a file over maxFileSize with a message naming the setting', () => {
    const big = 'x = 1\n'.repeat(400_000); // 2.4 MB
    const result = run(big, 'py');
    assert.equal(result.skipped?.reason, 'too-large');
    assert.match(result.skipped!.message, /o11yLint\.maxFileSize/);
  });

  it('analyzes a file just under the 2 MB limit', () => {
    const line = 'print("x")  # padding padding padding\n';
    const text = line.repeat(Math.floor((2 * 1024 * 1024 - 100) / line.length));
    // 55,000 findings are more work than the default budget allows (each costs 100 units); that is not what this tests.
    const result = run(text, 'py', { settings: { analysisWorkBudget: 1e9 } });
    assert.equal(result.skipped, undefined);
    assert.equal(result.findings.length, text.split('\n').length - 1);
  });

  it('reports nothing on YAML that is not a rule or SLO file, and never parses YAML as code', () => {
    const settings = mergeSettings();
    for (const text of ['steps:\n  - run: console.log(1)\n', 'groups:\n  - name: x\n', ': : :\n\t- [', 'x'.repeat(3_000_000)]) {
      const result = analyze({ text, languageId: 'yaml', filename: 'ci.yaml', settings });
      assert.deepEqual(result.findings, []);
      assert.equal(result.skipped, undefined, 'no skip message on YAML that is not ours');
    }
  });

  it('skips minified JavaScript', () => {
    const result = run('var a=1;'.repeat(5000), 'js');
    assert.equal(result.skipped?.reason, 'minified');
  });

  it('counts CRLF line endings and astral characters like LSP (UTF-16)', () => {
    const [f] = run('x = "😀"\r\nprint("😀")\r\n', 'py').findings;
    assert.deepEqual(f.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
    const [g] = run('const s = "😀"; console.log(s);\n', 'ts').findings;
    assert.deepEqual(g.range.start, { line: 0, character: 16 });
  });

  it('applies per-rule severity and off from settings', () => {
    const code = 'print("x")\n';
    assert.equal(run(code, 'py', { settings: { rules: { 'no-print-logging': 'info' } } }).findings[0].severity, 'info');
    assert.equal(run(code, 'py', { settings: { rules: { 'no-print-logging': 'off' } } }).findings.length, 0);
  });

  it('restricts to selected rules', () => {
    const code = 'import logging\nlog = logging.getLogger()\nprint("x")\nlog.info(f"user {a}")\n';
    assert.deepEqual(run(code, 'py', { only: ['unstructured-log-message'] }).findings.map((f) => f.rule), ['unstructured-log-message']);
  });

  it('sorts findings by position', () => {
    const result = run('import logging\nlog = logging.getLogger()\nlog.info(f"{password}")\nprint(1)\n', 'py');
    const keys = result.findings.map((f) => [f.range.start.line, f.range.start.character]);
    assert.deepEqual(keys, [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it('survives deeply nested expressions', () => {
    const depth = 500;
    const code = `x = ${'('.repeat(depth)}1${')'.repeat(depth)}\nprint(x)\n`;
    assert.equal(run(code, 'py').findings.length, 1);
    const ts = `const x = ${'['.repeat(depth)}1${']'.repeat(depth)};\nconsole.log(x);\n`;
    assert.equal(run(ts, 'ts').findings.length, 1);
  });

  it('code nested deeper than the TypeScript parser can recurse is skipped with a message, not a failure', () => {
    // Deep enough to overflow the stack whatever the caller's frames use (1,000 did only sometimes:
    // under the whole suite the JIT's smaller frames let it through); one paren per line, so it is not "minified".
    const depth = 20000;
    const result = run(`const x = ${'(\n'.repeat(depth)}1${')'.repeat(depth)};\n`, 'ts');
    assert.equal(result.skipped?.reason, 'too-deep');
    assert.match(result.skipped!.message, /nested too deeply/);
  });

  it('deep blocks and 20,000-term concatenations are analyzed without a rule running out of stack', () => {
    // run() throws if any rule fails, so reaching the assertions means no rule did.
    const blocks = `function f(a: boolean) {\n${'if (a) {\n'.repeat(1000)}console.log(1);\n${'}\n'.repeat(1000)}}\n`;
    assert.deepEqual(run(blocks, 'ts').findings.map((f) => f.rule), ['no-print-logging']);
    const terms = 20000;
    const ts = `import pino from 'pino';\nconst logger = pino({ name: 'x', timestamp: pino.stdTimeFunctions.isoTime });\nlogger.info("x"${' + a\n'.repeat(terms)});\n`;
    assert.deepEqual(run(ts, 'ts').findings.map((f) => f.rule), ['unstructured-log-message']);
    const py = `import logging\nlogger = logging.getLogger(__name__)\nlogger.info("x"${' + a'.repeat(terms)})\n`;
    assert.deepEqual(run(py, 'py').findings.map((f) => f.rule), ['unstructured-log-message']);
  });

  it('logger calls without arguments (half-typed code) fail no rule', () => {
    // Found by the fuzz suite: `logger.info()` made every rule that reads the message throw.
    assert.deepEqual(run("import pino from 'pino';\nconst logger = pino({ name: 'x', timestamp: pino.stdTimeFunctions.isoTime });\nlogger.info();\nlogger.error();\n", 'ts').findings, []);
    assert.deepEqual(run('import structlog\nlog = structlog.get_logger()\nlog.info()\nlog.error()\n', 'py').findings.map((f) => f.rule), []);
  });

  it('YAML whose broken block scalar leaves a merge key inside a complex key fails no rule', () => {
    // Found by `FUZZ_SECONDS=300 npm run fuzz`: yaml-schema threw "Merge sources must be maps or map aliases".
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n:          up\n        labels: &l\n          severity: critical\n      - alert: B\n        labels:\n          <<: *l\n';
    const result = run(text, 'yaml', { filename: 'alerts.yaml' });
    assert.equal(result.hasSyntaxErrors, true);
    assert.ok(result.findings.some((f) => f.rule === 'yaml-schema' && /YAML syntax error/.test(f.message)));
  });

  describe('analysisWorkBudget', () => {
    const cases = [
      { lang: 'py' as const, languageId: 'python', text: 'print("x")\n'.repeat(2000) },
      { lang: 'ts' as const, languageId: 'typescript', text: 'console.log("x");\n'.repeat(2000) },
    ];
    for (const { lang, languageId, text } of cases) {
      it(`${lang}: past the budget, keeps the findings so far and adds one message naming the setting and the line`, () => {
        const full = analyze({ text, languageId, filename: `src/app.${lang}`, settings: mergeSettings() });
        assert.equal(full.stoppedEarly, undefined);
        assert.equal(full.findings.length, 2000);
        const budget = Math.floor(full.work! / 2);
        const cut = analyze({ text, languageId, filename: `src/app.${lang}`, settings: mergeSettings({ analysisWorkBudget: budget }) });
        assert.match(cut.stoppedEarly?.message ?? '', /stopped early at line \d+: findings from there on are not shown.*o11yLint\.analysisWorkBudget \([\d,]+ units\)/);
        assert.ok(cut.findings.length > 0 && cut.findings.length < full.findings.length, `some findings, not all (${cut.findings.length})`);
        assert.deepEqual(cut.findings, full.findings.slice(0, cut.findings.length), 'the findings so far, in document order');
        const line = Number(/at line (\d+)/.exec(cut.stoppedEarly!.message)![1]);
        assert.equal(line, cut.findings.length + 1, 'the line named is the first one not analyzed');
        assert.ok(cut.work! > budget && cut.work! <= budget + 200, `stops as soon as the budget is used (${cut.work} of ${budget})`);
      });
    }

    it('YAML: stops between rules and names the rules that did not run', () => {
      const text = 'groups:\n  - name: g\n    rules:\n      - alert: HighErrors\n        expr: rate(errors_total[5m]) > 1\n';
      const result = analyze({ text, languageId: 'yaml', filename: 'alerts.yaml', settings: mergeSettings({ analysisWorkBudget: 12 }) });
      assert.match(result.stoppedEarly?.message ?? '', /stopped early before rules [a-z-]+(, [a-z-]+)+, which did not run.*analysisWorkBudget \(12 units\)/);
    });

    it('becomes one info diagnostic with no code actions attached', () => {
      const result = analyze({ text: 'print("x")\n'.repeat(2000), languageId: 'python', filename: 'src/app.py', settings: mergeSettings({ analysisWorkBudget: 10_000 }) });
      const diagnostics = toDiagnostics(result, 1);
      const stopped = diagnostics.filter((d) => d.code === 'stopped-early');
      assert.equal(stopped.length, 1);
      assert.equal(stopped[0].severity, 3 /* Information */);
      assert.equal(isOurs(stopped[0]), false);
      assert.equal(diagnostics.length, result.findings.length + 1);
    });

    it('defaults to 2,000,000 units and must be a positive number; analysisTimeBudgetMs is accepted with a deprecation warning', () => {
      assert.equal(mergeSettings({}).analysisWorkBudget, 2_000_000);
      assert.deepEqual(validateSettings({ analysisWorkBudget: 500 }).problems, []);
      for (const bad of [0, -1, 'fast']) assert.equal(validateSettings({ analysisWorkBudget: bad }).problems.length, 1, String(bad));
      const old = validateSettings({ analysisTimeBudgetMs: 2000 });
      assert.deepEqual(old.clean, {}, 'ignored');
      assert.equal(old.problems.length, 1);
      assert.equal(old.problems[0].severity, 'warning');
      assert.match(old.problems[0].message, /'analysisTimeBudgetMs' is deprecated and ignored.*'analysisWorkBudget'/);
      assert.deepEqual(validateSettings({ analysisTimeBudgetMs: null }).problems, [], 'VS Code sends null when it is not set');
    });
  });
});
