/**
 * Figure 4, the CLI on the generated 2,000-file workspace (1,000 Python + 1,000 TypeScript modules),
 * each run a cold process, timed with /usr/bin/time (elapsed seconds and peak RSS of the whole process,
 * worker threads included). Contenders on the same files:
 * - `o11y-lint check` on all 2,000 files with its default --jobs, and with --jobs 1 (the worker speed-up);
 * - on python/ against Ruff (its WebAssembly build driven by ruffWalk.js: no native Ruff binary here);
 * - on typescript/ against the `eslint` CLI with only `--rule no-console:error` and @typescript-eslint/parser.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeWorkspace } from './generate';
import { cell, progress, runFigure, stats, type Row } from './table';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const RUNS = 3;

interface Sample { seconds: number; peakKb: number }

function timed(cmd: string[], cwd: string): Sample {
  const r = spawnSync('/usr/bin/time', ['-f', 'O11Y-TIME %e %M', ...cmd], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'ignore', 'pipe'] });
  const m = /O11Y-TIME ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (!m || (r.status !== 0 && r.status !== 1)) throw new Error(`${cmd.join(' ')} failed (exit ${r.status}): ${r.stderr?.slice(-2000)}`);
  return { seconds: Number(m[1]), peakKb: Number(m[2]) };
}

async function figure(): Promise<Row[]> {
  if (!fs.existsSync('/usr/bin/time')) throw new Error('/usr/bin/time is missing (apt-get install time)');
  const ws = writeWorkspace();
  const node = process.execPath;
  const ours = path.join(ROOT, 'dist', 'cli.js');
  const eslint = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const eslintConfig = path.join(os.tmpdir(), 'o11y-bench-eslint.config.cjs');
  fs.writeFileSync(eslintConfig, `module.exports = [{ files: ['**/*.ts'], languageOptions: { parser: require(${JSON.stringify(require.resolve('@typescript-eslint/parser'))}) } }];\n`);
  const contenders: { key: string; cmd: string[]; cwd: string; files: number }[] = [
    { key: 'ours-all', cmd: [node, ours, 'check', '.'], cwd: ws.root, files: ws.files },
    { key: 'ours-all-1', cmd: [node, ours, 'check', '--jobs', '1', '.'], cwd: ws.root, files: ws.files },
    { key: 'ours-py', cmd: [node, ours, 'check', 'python'], cwd: ws.root, files: ws.files / 2 },
    { key: 'ruff-py', cmd: [node, path.join(__dirname, 'ruffWalk.js'), 'python'], cwd: ws.root, files: ws.files / 2 },
    { key: 'ours-ts', cmd: [node, ours, 'check', 'typescript'], cwd: ws.root, files: ws.files / 2 },
    { key: 'eslint-ts', cmd: [node, eslint, '--no-config-lookup', '--config', eslintConfig, '--rule', 'no-console:error', 'typescript'], cwd: ws.root, files: ws.files / 2 },
  ];
  const samples = new Map<string, Sample[]>(contenders.map((c) => [c.key, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const c of contenders) {
      progress(`cli: ${c.key} run ${i + 1}/${RUNS}`);
      samples.get(c.key)!.push(timed(c.cmd, c.cwd));
    }
  }
  const rate = (key: string) => { const c = contenders.find((x) => x.key === key)!; return stats(samples.get(key)!.map((s) => c.files / s.seconds)); };
  const peak = (key: string) => stats(samples.get(key)!.map((s) => s.peakKb / 1024));
  const F = '4 CLI, 2,000 files, cold';
  const line = (key: string, what: string, baseKey?: string, baseName?: string, target?: string): Row => {
    const r = rate(key);
    const b = baseKey ? rate(baseKey) : undefined;
    return {
      figure: F, what: `${what}; peak RSS ${cell(peak(key), 'MB', 0)}`, value: cell(r, 'files/s', 0),
      baseline: b ? `${baseName} ${cell(b, 'files/s', 0)}, peak RSS ${cell(peak(baseKey!), 'MB', 0)}` : '',
      ratio: b ? `${(r.median / b.median).toFixed(2)}× the rate` : '', target: target ?? '', verdict: b && target ? (r.median > b.median ? 'met' : 'MISSED') : '',
    };
  };
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return [
    line('ours-all', `o11y-lint check, all ${ws.files} files (${ws.lines.toLocaleString('en')} lines), default --jobs: ${Math.min(cores, Math.floor(ws.files / 50))} threads (this one + workers) on ${cores} cores`, 'ours-all-1', '--jobs 1', 'faster than 1 thread'),
    line('ours-py', `o11y-lint check python/ (${ws.files / 2} .py files)`, 'ruff-py', 'Ruff wasm walker (ruffWalk.js)', 'faster than Ruff'),
    line('ours-ts', `o11y-lint check typescript/ (${ws.files / 2} .ts files)`, 'eslint-ts', 'eslint CLI --rule no-console (@typescript-eslint/parser)', 'faster than ESLint'),
  ];
}

if (require.main === module) runFigure(figure);
export { figure };
