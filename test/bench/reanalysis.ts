/**
 * `npm run bench`: re-analysis after a one-line edit in a 5,000-line file, against the
 * parser alone on the same text (the floor). Medians of 20 runs, min–max shown as noise.
 */
import * as os from 'node:os';
import ts = require('typescript');
import { mergeSettings } from '../../server/src/analysis/config';
import { analyze, initAnalyzer } from '../../server/src/analysis/engine';
import { parsePython } from '../../server/src/analysis/python/parser';
import { ParseCache } from '../../server/src/analysis/parseCache';
import { RULES } from '../../server/src/analysis/registry';
import { TestClient } from '../lsp/client';
import { generate } from './generate';

const RUNS = 20;
/** The foundation's rules: the catalogue must cost at most 1.5× what these cost (issue 3). */
const FOUNDATION = new Set(['no-print-logging', 'unstructured-log-message', 'sensitive-data-in-log']);
const LINES = 5000;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] };
}

/** The text with one line changed in run `i` (an edit in the middle of the file). */
function edited(text: string, i: number): string {
  const lines = text.split('\n');
  const at = Math.floor(lines.length / 2);
  lines[at] = lines[at] + (i % 2 ? ' ' : '');
  return lines.join('\n');
}

function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const fmt = (n: number) => n.toFixed(1).padStart(7);
const cellOf = (x: { median: number; min: number; max: number }) => `${fmt(x.median)} (${x.min.toFixed(1)}–${x.max.toFixed(1)})`;

async function lspLatency(lang: 'py' | 'ts', text: string): Promise<number[]> {
  const client = new TestClient();
  await client.initialize();
  const uri = `file:///bench/app.${lang}`;
  client.open(uri, lang === 'py' ? 'python' : 'typescript', text);
  await client.diagnostics(uri);
  const samples: number[] = [];
  const mid = Math.floor(text.split('\n').length / 2);
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const v = client.change(uri, [{ range: { start: { line: mid, character: 0 }, end: { line: mid, character: 0 } }, text: i % 2 ? '' : ' ' }]);
    await client.diagnostics(uri, v);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await client.stop();
  return samples;
}

async function main(): Promise<void> {
  process.on('exit', () => process.stdout.write('\nfirst table: ratio = median ÷ parser-alone median (DESIGN.md: the parser\'s time plus a small factor). LSP latency includes the server\'s 150 ms debounce.\n'));
  await initAnalyzer();
  const settings = mergeSettings();
  process.stdout.write(`o11y-lint bench — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}\n`);
  process.stdout.write(`Re-analysis after a one-line edit, ${LINES}-line file, all rules, median of ${RUNS} (ms)\n\n`);
  const catalogue: string[] = [];
  process.stdout.write('language | parser alone, full parse | analyze, full parse   ratio | analyze, incremental (server)  ratio | LSP didChange→publish p50 / p95\n');
  for (const lang of ['py', 'ts'] as const) {
    const text = generate(lang, LINES);
    const languageId = lang === 'py' ? 'python' : 'typescript';
    for (let i = 0; i < 5; i++) analyze({ text: edited(text, i), languageId, filename: `app.${lang}`, settings }); // warm-up
    const parse = lang === 'py'
      ? (t: string) => parsePython(t).delete()
      : (t: string) => ts.createSourceFile('app.ts', t, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    for (let i = 0; i < 5; i++) parse(edited(text, i));
    const p: number[] = [];
    const a: number[] = [];
    const inc: number[] = [];
    const three: number[] = [];
    const cache = new ParseCache();
    // Exactly what the server runs on an edit: incremental parse, all rules, and the workspace collectors.
    const server = { languageId, filename: `app.${lang}`, settings, cache, collectMetrics: true, collectLogEvents: true };
    analyze({ text, ...server });
    for (let i = 0; i < RUNS; i++) {
      const t = edited(text, i);
      p.push(time(() => parse(t)));
      a.push(time(() => analyze({ text: t, languageId, filename: `app.${lang}`, settings })));
      inc.push(time(() => analyze({ text: t, ...server })));
      three.push(time(() => analyze({ text: t, languageId, filename: `app.${lang}`, settings, only: FOUNDATION })));
    }
    cache.clear();
    const [sp, sa, si, s3] = [stats(p), stats(a), stats(inc), stats(three)];
    catalogue.push(`${lang === 'py' ? 'Python  ' : 'TS      '} | ${cellOf(s3).padEnd(24)}| ${cellOf(sa).padEnd(24)}${(sa.median / s3.median).toFixed(2).padStart(5)}×\n`);
    const lsp = stats(await lspLatency(lang, text));
    process.stdout.write(
      `${lang === 'py' ? 'Python  ' : 'TS      '} | ${cellOf(sp).padEnd(24)}| ${cellOf(sa).padEnd(22)}${(sa.median / sp.median).toFixed(2).padStart(5)}× ` +
      `| ${cellOf(si).padEnd(30)}${(si.median / sp.median).toFixed(2).padStart(5)}× | ${lsp.median.toFixed(1)} / ${lsp.p95.toFixed(1)}\n`,
    );
  }
  process.stdout.write(`\nThe whole catalogue (${RULES.length} rules) against the foundation's three rules, full parse, median of ${RUNS} (ms)\n\n`);
  process.stdout.write('language | foundation 3 rules       | all rules               ratio (target ≤ 1.5×)\n');
  for (const line of catalogue) process.stdout.write(line);
}

void main();
