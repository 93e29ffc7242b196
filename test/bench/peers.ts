/**
 * Figure 3, whole-file analysis against peers, in process, same text, warm (after warm-up runs):
 * - Python: o11y-lint (every rule, full parse) vs Ruff's WebAssembly build (`@astral-sh/ruff-wasm-nodejs`,
 *   `Workspace.check` with LOG, G, T20, BLE and S110 selected: its logging/print/blind-except rules);
 * - TypeScript: o11y-lint vs ESLint's `Linter` with only `no-console`, parsing TypeScript with
 *   `@typescript-eslint/parser` (espree cannot parse type annotations), on the same .ts text.
 * Also: the whole catalogue against the foundation's three rules (the cost of the catalogue).
 */
import { Workspace, PositionEncoding } from '@astral-sh/ruff-wasm-nodejs';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { mergeSettings } from '../../server/src/analysis/config';
import { analyze, initAnalyzer } from '../../server/src/analysis/engine';
import { parsePython } from '../../server/src/analysis/python/parser';
import { RULES } from '../../server/src/analysis/registry';
import { generate } from './generate';
import { cell, progress, ratio, runFigure, stats, time, type Row } from './table';

const SIZES = [500, 5000, 20000];
const RUFF_SELECT = ['LOG', 'G', 'T20', 'BLE', 'S110'];
const FOUNDATION = new Set(['no-print-logging', 'unstructured-log-message', 'sensitive-data-in-log']);
const runsFor = (lines: number) => (lines >= 20000 ? 9 : lines >= 5000 ? 15 : 41);

/** Samples of `fns`, interleaved run by run so machine noise hits every contender alike. */
function interleaved(runs: number, fns: (() => unknown)[]): number[][] {
  for (let i = 0; i < 3; i++) for (const fn of fns) fn(); // warm-up (JIT, wasm tiers)
  const out = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) fns.forEach((fn, k) => out[k].push(time(fn)));
  return out;
}

const faster = (ours: number, theirs: number) => (ours <= theirs ? `${(theirs / ours).toFixed(2)}× faster` : `${(ours / theirs).toFixed(2)}× slower`);

async function figure(): Promise<Row[]> {
  await initAnalyzer();
  const settings = mergeSettings();
  const ruff = new Workspace({ lint: { select: RUFF_SELECT } }, PositionEncoding.Utf16);
  const linter = new Linter({ configType: 'flat' });
  const eslintConfig = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, rules: { 'no-console': 'error' as const } }];
  const rows: Row[] = [];
  const F = '3 whole file vs peers';
  for (const lines of SIZES) {
    const runs = runsFor(lines);
    progress(`peers: ${lines} lines`);
    const py = generate('py', lines);
    const tsText = generate('ts', lines);
    const ours = (text: string, languageId: string, only?: ReadonlySet<string>) => () => analyze({ text, languageId, filename: `/bench/app.${languageId === 'python' ? 'py' : 'ts'}`, settings, only });
    const [o, r] = interleaved(runs, [ours(py, 'python'), () => ruff.check(py)]).map(stats);
    const ruffFindings = (ruff.check(py) as unknown[]).length;
    rows.push({ figure: F, what: `Python ${lines.toLocaleString('en')} lines: o11y-lint, all ${RULES.length} rules, full parse (Ruff wasm ${Workspace.version()} found ${ruffFindings})`, value: cell(o, 'ms'), baseline: `Ruff ${RUFF_SELECT.join(',')} ${cell(r, 'ms')}`, ratio: faster(o.median, r.median), target: 'faster than Ruff', verdict: o.median < r.median ? 'met' : 'MISSED' });
    const [ot, e] = interleaved(runs, [ours(tsText, 'typescript'), () => linter.verify(tsText, eslintConfig, { filename: 'app.ts' })]).map(stats);
    rows.push({ figure: F, what: `TS ${lines.toLocaleString('en')} lines: o11y-lint, all rules, full parse`, value: cell(ot, 'ms'), baseline: `ESLint Linter no-console (@typescript-eslint/parser) ${cell(e, 'ms')}`, ratio: faster(ot.median, e.median), target: 'faster than ESLint', verdict: ot.median < e.median ? 'met' : 'MISSED' });
    if (lines === 5000) {
      // The floor of any analysis built on tree-sitter: its parse alone, against Ruff's whole check.
      const [p, r2] = interleaved(runs, [() => parsePython(py).delete(), () => ruff.check(py)]).map(stats);
      rows.push({ figure: F, what: 'Python 5,000 lines: tree-sitter parse alone (the floor under o11y-lint\'s Python analysis)', value: cell(p, 'ms'), baseline: `Ruff ${RUFF_SELECT.join(',')} ${cell(r2, 'ms')}`, ratio: faster(p.median, r2.median), target: '', verdict: '' });
      for (const [lang, text, id] of [['Python', py, 'python'], ['TS', tsText, 'typescript']] as const) {
        const [all, three] = interleaved(runs, [ours(text, id), ours(text, id, FOUNDATION)]).map(stats);
        rows.push({ figure: F, what: `${lang} 5,000 lines: the whole catalogue vs the foundation's 3 rules (cost of the catalogue)`, value: cell(all, 'ms'), baseline: `3 rules ${cell(three, 'ms')}`, ratio: ratio(all.median, three.median), target: '≤ 1.5×', verdict: all.median / three.median <= 1.5 ? 'met' : 'MISSED' });
      }
    }
  }
  ruff.free();
  return rows;
}

if (require.main === module) runFigure(figure);
export { figure };
