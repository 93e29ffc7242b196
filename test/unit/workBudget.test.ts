/**
 * The analysis budget is counted in work, never in time (issue 16): the same input gives the same findings however
 * loaded the machine is, and a pathological file is bounded in check and in fix-all alike. No assertion here measures
 * time; the work counter, the stopped-early message and the number of passes are what is checked.
 */
import * as assert from 'node:assert/strict';
import { mergeSettings } from '../../server/src/analysis/config';
import { analyze } from '../../server/src/analysis/engine';
import { applyEdits, fixAll, MAX_FIX_PASSES } from '../../server/src/analysis/fixes/apply';
import { LineIndex } from '../../server/src/analysis/text';
import type { Finding } from '../../server/src/analysis/types';
import { REPORT_COST } from '../../server/src/analysis/work';
import { initAnalyzer } from '../helpers/analyze';
import { pathologicalTs, ruleFile } from '../helpers/hostile';
import { installSlowClock } from '../helpers/slowClock';

const settings = mergeSettings();
const analyzeAs = (text: string, languageId: string, filename: string) => analyze({ text, languageId, filename, settings, collectMetrics: languageId !== 'yaml' });

describe('the work budget', function () {
  this.timeout(120_000);
  before(() => initAnalyzer());

  describe('same findings on a loaded machine', () => {
    const inputs = [
      { name: 'a 40,000-line Prometheus rule file', languageId: 'yaml', filename: 'monitoring/big.rules.yml', text: ruleFile(40_000) },
      { name: 'Python', languageId: 'python', filename: 'src/app.py', text: 'import logging\nlogger = logging.getLogger(__name__)\n' + 'def f(user, password):\n    print(user)\n    logger.info(f"login {user}", password)\n'.repeat(2000) },
      { name: 'TypeScript', languageId: 'typescript', filename: 'src/app.ts', text: "import pino from 'pino';\nconst logger = pino();\n" + 'export function f(user: string, password: string) {\n  console.log(user);\n  logger.info(`login ${user}`, password);\n}\n'.repeat(2000) },
    ];
    for (const input of inputs) {
      it(`${input.name}: an absurdly slow clock (an hour per read) changes nothing`, () => {
        const normal = analyzeAs(input.text, input.languageId, input.filename);
        assert.equal(normal.stoppedEarly, undefined, 'the whole file is analyzed');
        assert.ok(normal.findings.length >= 2000, `${normal.findings.length} findings`);
        const restore = installSlowClock();
        let slow;
        try {
          slow = analyzeAs(input.text, input.languageId, input.filename);
        } finally {
          restore();
        }
        assert.equal(slow.stoppedEarly, undefined, 'a slow machine does not stop the analysis');
        assert.deepEqual(slow.findings, normal.findings);
        assert.equal(slow.work, normal.work, 'the same work, counted');
        if (input.languageId === 'yaml') assert.equal(normal.findings.filter((f) => f.rule === 'alert-missing-runbook').length, 4000, 'every alert of the rule file');
      });
    }
  });

  describe('a pathological TypeScript file (12,000 suppression comments, each before a fixable finding)', () => {
    const text = pathologicalTs(12_000);

    it('is analyzed in full, with work linear in its size: the suppression check no longer scans the file per comment', () => {
      const result = analyzeAs(text, 'typescript', 'src/patho.ts');
      assert.equal(result.stoppedEarly, undefined);
      assert.equal(result.findings.filter((f) => f.rule === 'sensitive-data-in-log').length, 12_000);
      // Each comment's check descends the tree by binary search: a few dozen units, where scanning the
      // 24,000 statements of the file for each of the 12,000 comments was 288 million.
      const without = analyzeAs(text.replace(/\/\/ o11y-lint-disable-next-line log-in-loop\n/g, ''), 'typescript', 'src/patho.ts');
      const perComment = (result.work! - without.work!) / 12_000;
      assert.ok(perComment < 60, `${perComment.toFixed(1)} units per suppression comment`);
      assert.ok(result.work! < 12_000 * (REPORT_COST + 60), `${result.work} units for 12,000 findings`);
    });

    it('twice as large, it stops at the budget: the same line and the same findings every time', () => {
      const big = pathologicalTs(24_000);
      const first = analyzeAs(big, 'typescript', 'src/patho.ts');
      assert.match(first.stoppedEarly?.message ?? '', /stopped early at line \d+/);
      assert.ok(first.work! > settings.analysisWorkBudget && first.work! < settings.analysisWorkBudget + 1000);
      const second = analyzeAs(big, 'typescript', 'src/patho.ts');
      assert.equal(second.stoppedEarly?.message, first.stoppedEarly!.message);
      assert.deepEqual(second.findings, first.findings);
    });

    it('fix-all fixes it in a bounded number of passes, and a second fix-all changes nothing', () => {
      let passes = 0;
      const run = (t: string) => { passes++; return analyzeAs(t, 'typescript', 'src/patho.ts'); };
      const fixed = fixAll(text, run, false);
      assert.equal(fixed.stopped, undefined);
      assert.equal(fixed.applied, 12_000);
      assert.ok(fixed.passes <= 3 && passes === fixed.passes, `${fixed.passes} passes`);
      assert.equal(fixAll(fixed.text, run, false).applied, 0);
    });
  });

  describe('fix-all is bounded', () => {
    const finding = (text: string): Finding => ({
      rule: 'x', severity: 'warning', message: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      fixes: [{ title: 'grow', safe: true, edits: [{ range: new LineIndex(text).range(text.length, text.length), newText: '!' }] }],
    });

    it(`a fix that never converges stops after ${MAX_FIX_PASSES} passes and says so`, () => {
      let passes = 0;
      const result = fixAll('x', (t) => { passes++; return [finding(t)]; }, false);
      assert.equal(passes, MAX_FIX_PASSES);
      assert.equal(result.passes, MAX_FIX_PASSES);
      assert.equal(result.stopped, 'passes');
      assert.equal(result.text, 'x' + '!'.repeat(MAX_FIX_PASSES));
    });

    it('after an analysis that stopped early, its fixes are applied and no further pass is run', () => {
      let passes = 0;
      const result = fixAll('x', (t) => { passes++; return { findings: [finding(t)], stoppedEarly: { message: 'stopped' } }; }, false);
      assert.equal(passes, 1);
      assert.equal(result.stopped, 'budget');
      assert.equal(result.text, 'x!');
    });

    it('a text with syntax errors is not fixed; a pass that leaves syntax errors is undone', () => {
      const broken = fixAll('x', (t) => ({ findings: [finding(t)], hasSyntaxErrors: true }), false, { languageId: 'python' });
      assert.deepEqual(broken, { text: 'x', applied: 0, passes: 1, stopped: 'syntax' });
      const undone = fixAll('x', (t) => ({ findings: [finding(t)], hasSyntaxErrors: t.length > 2 }), false, { languageId: 'typescript' });
      assert.equal(fixAll('x', (t) => ({ findings: t.length < 3 ? [finding(t)] : [], hasSyntaxErrors: true }), false, { languageId: 'yaml' }).text, 'x!!', 'YAML keeps its fixes');
      assert.deepEqual(undone, { text: 'x!', applied: 1, passes: 3, stopped: 'syntax' }, 'x -> x! -> x!! (errors): back to x!');
    });

    it('a winston config broken by an unterminated string gets no defaultMeta ten times over', () => {
      const text = "import { createLogger, format, transports } from 'winston';\nexport const audit = createLogger({\n  level: 'info',\n  format: format.combine(format.tim'tamp(), format.json()),\n  transports: [new transports.Console()],\n});\n";
      const result = fixAll(text, (t) => analyzeAs(t, 'typescript', 'src/log.ts'), true, { languageId: 'typescript' });
      assert.equal(result.stopped, 'syntax');
      assert.equal(result.text, text);
    });

    it('applies 60,000 edits to a 1 MB text in one pass over it', () => {
      const text = 'ab\n'.repeat(350_000);
      const lines = new LineIndex(text);
      const edits = Array.from({ length: 60_000 }, (_, i) => ({ range: lines.range(i * 3, i * 3 + 1), newText: 'AA' }));
      const expected = 'AAb\n'.repeat(60_000) + 'ab\n'.repeat(290_000);
      assert.equal(applyEdits(text, edits), expected);
    });

    it('keeps LSP order for inserts at one offset, before a replacement starting there', () => {
      const lines = new LineIndex('abc');
      const at = (s: number, e: number, t: string) => ({ range: lines.range(s, e), newText: t });
      assert.equal(applyEdits('abc', [at(1, 2, 'X'), at(1, 1, '1'), at(1, 1, '2'), at(3, 3, '!')]), 'a12Xc!');
    });
  });
});
