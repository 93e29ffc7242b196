/**
 * Figure 2, editing latency: a one-line edit in the middle of a 5,000- and a 20,000-line Python and
 * TypeScript file, all rules on. Baseline: the parser alone, full parse of the same edited text
 * (tree-sitter `parse`, TypeScript `createSourceFile`). Three measurements against it:
 * - the server's own work, in process: incremental re-parse (ParseCache) + every rule + the workspace
 *   collectors + conversion to LSP diagnostics — exactly what `validate` in server.ts runs;
 * - the real server over stdio, didChange → publishDiagnostics, which includes its 150 ms debounce;
 * - the same minus the 150 ms debounce (includes JSON-RPC and the diagnostics' serialization).
 */
import ts = require('typescript');
import { mergeSettings } from '../../server/src/analysis/config';
import { analyze, initAnalyzer } from '../../server/src/analysis/engine';
import { ParseCache } from '../../server/src/analysis/parseCache';
import { parsePython } from '../../server/src/analysis/python/parser';
import { toDiagnostics } from '../../server/src/diagnostics';
import { generate } from './generate';
import { BenchClient } from './lspClient';
import { cell, progress, ratio, runFigure, stats, time, type Row } from './table';

const DEBOUNCE_MS = 150;
const TARGET = 1.5;
const SIZES = [5000, 20000];
const runsFor = (lines: number) => (lines > 10000 ? 15 : 21);

/** The text with one line changed in run `i` (a space added, then removed, mid-file). */
function edited(text: string, i: number): string {
  const at = nthLineStart(text, Math.floor(text.split('\n').length / 2));
  return i % 2 ? text : text.slice(0, at) + ' ' + text.slice(at);
}

function nthLineStart(text: string, n: number): number {
  let at = 0;
  for (let k = 0; k < n; k++) at = text.indexOf('\n', at) + 1;
  return at;
}

const verdict = (r: number) => (r <= TARGET ? 'met' : 'MISSED');

async function lsp(lang: 'py' | 'ts', text: string, runs: number): Promise<number[]> {
  const client = new BenchClient();
  await client.initialize();
  const uri = `file:///bench/app_${text.length}.${lang}`;
  client.open(uri, lang === 'py' ? 'python' : 'typescript', text);
  await client.diagnostics(uri, 1);
  const mid = Math.floor(text.split('\n').length / 2);
  const samples: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const version = i + 2;
    const start = process.hrtime.bigint();
    client.change(uri, version, mid, i % 2 ? '' : ' ', i % 2 ? 1 : 0);
    await client.diagnostics(uri, version);
    if (i >= 2) samples.push(Number(process.hrtime.bigint() - start) / 1e6); // two warm-up edits
  }
  await client.stop();
  return samples;
}

async function figure(): Promise<Row[]> {
  await initAnalyzer();
  const settings = mergeSettings();
  const rows: Row[] = [];
  for (const lang of ['py', 'ts'] as const) {
    for (const lines of SIZES) {
      const runs = runsFor(lines);
      const name = `${lang === 'py' ? 'Python' : 'TS'} ${lines.toLocaleString('en')} lines`;
      progress(`editing latency: ${name}`);
      const text = generate(lang, lines);
      const languageId = lang === 'py' ? 'python' : 'typescript';
      const filename = `/bench/app.${lang}`;
      const parse = lang === 'py'
        ? (t: string) => parsePython(t).delete()
        : (t: string) => ts.createSourceFile(filename, t, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const cache = new ParseCache();
      let version = 1;
      const server = (t: string) => toDiagnostics(analyze({ text: t, languageId, filename, settings, cache, collectMetrics: true, collectLogEvents: true }), version++);
      server(text);
      for (let i = 0; i < 4; i++) { parse(edited(text, i)); server(edited(text, i + 1)); } // warm-up (JIT)
      const p: number[] = [];
      const s: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = edited(text, i);
        p.push(time(() => parse(t)));
        s.push(time(() => server(t)));
      }
      cache.clear();
      const [sp, ss] = [stats(p), stats(s)];
      const e2e = await lsp(lang, text, runs);
      const se = stats(e2e);
      const net = stats(e2e.map((x) => x - DEBOUNCE_MS));
      const base = `parser alone ${cell(sp, 'ms')}, p95 ${sp.p95.toFixed(1)}`;
      const figureName = '2 editing latency';
      rows.push(
        { figure: figureName, what: `${name}: server analysis in process (incremental parse + all rules + collectors + diagnostics), p95 ${ss.p95.toFixed(1)} ms`, value: cell(ss, 'ms'), baseline: base, ratio: ratio(ss.median, sp.median), target: `≤ ${TARGET}× parser`, verdict: verdict(ss.median / sp.median) },
        { figure: figureName, what: `${name}: LSP didChange→publishDiagnostics, end to end (includes the 150 ms debounce), p95 ${se.p95.toFixed(1)} ms`, value: cell(se, 'ms'), baseline: '', ratio: '', target: '', verdict: '' },
        { figure: figureName, what: `${name}: the same net of the 150 ms debounce (analysis + JSON-RPC), p95 ${net.p95.toFixed(1)} ms`, value: cell(net, 'ms'), baseline: base, ratio: ratio(net.median, sp.median), target: `≤ ${TARGET}× parser`, verdict: verdict(net.median / sp.median) },
      );
    }
  }
  return rows;
}

if (require.main === module) runFigure(figure);
export { figure };
