/**
 * `npm run bench`: runs every figure in its own node process (so memory and JIT state do not leak from one
 * to the next), then prints ONE table. Medians of repeated runs with min–max as the noise band; every ratio
 * is against a baseline measured in the same run. `node out/test/bench/run.js editing peers` runs a subset.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatTable, ROWS_MARKER, type Row } from './table';

const FIGURES = ['editing', 'peers', 'cliWorkspace', 'receiver', 'vsix', 'serverMemory'];

function machine(): string {
  const cpu = /model name\s*:\s*(.+)/.exec(fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}; load average ${load}`;
}

function main(): void {
  const chosen = process.argv.slice(2).length ? process.argv.slice(2) : FIGURES;
  const unknown = chosen.filter((f) => !FIGURES.includes(f));
  if (unknown.length) {
    process.stderr.write(`unknown figure(s) ${unknown.join(', ')}; choose from ${FIGURES.join(', ')}\n`);
    process.exit(2);
  }
  const started = new Date();
  process.stdout.write(`o11y-lint bench, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC\n${machine()}\n\n`);
  const rows: Row[] = [];
  let failed = false;
  for (const figure of chosen) {
    process.stderr.write(`figure ${figure}...\n`);
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, `${figure}.js`), '--rows'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    const line = r.stdout.split('\n').find((l) => l.startsWith(ROWS_MARKER));
    if (r.status !== 0 || !line) {
      failed = true;
      rows.push({ figure, what: 'FAILED', value: `exit ${r.status}`, baseline: r.stdout.slice(-300).replace(/\n/g, ' ') });
      continue;
    }
    rows.push(...(JSON.parse(line.slice(ROWS_MARKER.length)) as Row[]));
    process.stderr.write(`figure ${figure}: ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  process.stdout.write(formatTable(rows));
  process.stdout.write(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} cores); total ${((Date.now() - started.getTime()) / 60000).toFixed(1)} min\n`);
  if (failed) process.exitCode = 1;
}

main();
