/**
 * The demo workspace (examples/) keeps showing what it is meant to show: each realistic mistake
 * is found at its line, and the correct code around it stays silent. Files under `**\/examples/**`
 * have the `example` role, where several rules stand down; examples/.o11ylint.json makes
 * examples/ the root globs are matched against, so the demo looks the same whether the CLI runs
 * from the repository root or the editor opens examples/ as its workspace.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeSettings } from '../../server/src/analysis/config';
import { analyze, initAnalyzer } from '../../server/src/analysis/engine';
import { SAMPLES, sampleFor } from '../../client/src/samples';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** file (relative to examples/), 1-based line, rule: what the demo shows. Update with examples/README.md. */
const EXPECTED: [string, number, string][] = [
  ['alerts/orders.rules.yaml', 16, 'alert-missing-for'],
  ['alerts/orders.rules.yaml', 16, 'alert-missing-runbook'],
  ['alerts/orders.rules.yaml', 17, 'metric-not-emitted'],
  ['alerts/orders.rules.yaml', 19, 'alert-missing-severity'],
  ['alerts/orders.rules.yaml', 24, 'alert-high-cardinality'],
  ['alerts/orders.rules.yaml', 33, 'alert-on-cause'],
  ['python-service/orders.py', 17, 'unbounded-metric-label'],
  ['python-service/orders.py', 22, 'no-print-logging'],
  ['python-service/orders.py', 23, 'sensitive-data-in-log'],
  ['python-service/orders.py', 30, 'error-log-without-exception'],
  ['python-service/orders.py', 30, 'unstructured-log-message'],
  ['python-service/orders.py', 39, 'sensitive-data-in-log'],
  ['python-service/orders.py', 47, 'swallowed-exception'],
  ['python-service/orders.py', 52, 'span-not-ended'],
  ['python-service/orders.py', 54, 'unstructured-log-message'],
  ['slo/orders.sloth.yaml', 23, 'slo-missing-alerting'],
  ['slo/orders.sloth.yaml', 24, 'slo-objective-range'],
  ['ts-service/server.ts', 9, 'unbounded-metric-label'],
  ['ts-service/server.ts', 15, 'no-print-logging'],
  ['ts-service/server.ts', 16, 'sensitive-data-in-log'],
  ['ts-service/server.ts', 20, 'sensitive-data-in-log'],
  ['ts-service/server.ts', 20, 'unstructured-log-message'],
  ['ts-service/server.ts', 29, 'span-not-ended'],
  ['ts-service/server.ts', 35, 'error-log-without-exception'],
  ['ts-service/server.ts', 54, 'swallowed-exception'],
];
const expected = EXPECTED.map(([f, l, r]) => `${f}:${l} ${r}`);

interface JsonFinding { file: string; line: number; rule: string }

/** The CLI's findings as `file:line rule`, file relative to examples/. */
function cliFindings(cwd: string, target: string): string[] {
  const r = spawnSync(process.execPath, [CLI, 'check', target, '--format', 'json'], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 1, `exit 1 (findings): ${r.stderr}`);
  const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
  return findings.map((f) => `${path.relative(EXAMPLES, path.resolve(cwd, f.file)).split(path.sep).join('/')}:${f.line} ${f.rule}`).sort();
}

describe('examples/: the demo workspace', () => {
  before(() => initAnalyzer());

  it('the CLI from the repository root finds exactly the listed mistakes', () => {
    assert.deepEqual(cliFindings(ROOT, 'examples'), [...expected].sort());
  });

  it('the CLI inside examples/ (the workspace the README opens) finds the same', () => {
    assert.deepEqual(cliFindings(EXAMPLES, '.'), [...expected].sort());
  });

  it('opened as the workspace root without its config file, print() still reports (paths have no examples/ segment)', () => {
    const file = path.join(EXAMPLES, 'python-service', 'orders.py');
    const result = analyze({ text: fs.readFileSync(file, 'utf8'), languageId: 'python', filename: file, settings: mergeSettings(), root: EXAMPLES });
    assert.ok(result.findings.some((f) => f.rule === 'no-print-logging'));
    // From the repository root and without examples/.o11ylint.json, `**/examples/**` would silence it.
    const fromRepo = analyze({ text: fs.readFileSync(file, 'utf8'), languageId: 'python', filename: file, settings: mergeSettings(), root: ROOT });
    assert.ok(!fromRepo.findings.some((f) => f.rule === 'no-print-logging'));
  });

  it('examples/README.md mentions every file of the demo and every rule it shows', () => {
    const readme = fs.readFileSync(path.join(EXAMPLES, 'README.md'), 'utf8');
    for (const file of new Set(EXPECTED.map(([f]) => f))) assert.ok(readme.includes(file), file);
    for (const rule of new Set(EXPECTED.map(([, , r]) => r))) assert.ok(readme.includes(`\`${rule}\``), rule);
  });
});

describe('the walkthrough samples (media/walkthrough/, opened as untitled documents)', () => {
  before(() => initAnalyzer());

  it('sampleFor picks the TypeScript sample for "typescript" and Python otherwise', () => {
    assert.equal(sampleFor('typescript'), SAMPLES.typescript);
    assert.equal(sampleFor('python'), SAMPLES.python);
    assert.equal(sampleFor(undefined), SAMPLES.python);
  });

  for (const sample of Object.values(SAMPLES)) {
    it(`${sample.path.join('/')} shows findings, one with a quick fix that removes it`, () => {
      const text = fs.readFileSync(path.join(ROOT, ...sample.path), 'utf8');
      // An untitled document has no file name: no glob (printAllowed, tests) applies.
      const analyzeText = (t: string) => analyze({ text: t, languageId: sample.languageId, filename: '', settings: mergeSettings() }).findings;
      const findings = analyzeText(text);
      assert.ok(findings.some((f) => f.rule === 'no-print-logging'), 'the print/console.log squiggle the walkthrough talks about');
      const fixable = findings.find((f) => f.rule === 'sensitive-data-in-log' && f.fixes.some((x) => x.title.startsWith('Redact')));
      assert.ok(fixable, 'a Redact quick fix (quick-fix.md)');
      const edit = fixable.fixes.find((x) => x.title.startsWith('Redact'))!.edits[0];
      const lines = text.split('\n');
      assert.equal(edit.range.start.line, edit.range.end.line);
      const line = lines[edit.range.start.line];
      lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
      assert.equal(analyzeText(lines.join('\n')).filter((f) => f.rule === 'sensitive-data-in-log' && f.range.start.line === fixable.range.start.line && /secret/.test(f.message)).length, 0);
    });
  }
});
