/**
 * Figure 7, the language server's memory after opening 200 files (100 Python + 100 TypeScript modules of
 * the generated workspace) over LSP and waiting for each one's diagnostics. heapUsed is read inside the
 * server after a full GC (memProbe.js, preloaded for the bench only); RSS and peak RSS from /proc.
 * Baseline: the same server right after `initialize`, nothing open.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeWorkspace } from './generate';
import { BenchClient } from './lspClient';
import { mb, progress, runFigure, type Row } from './table';

const OPEN = 200;

function files(dir: string, ext: string, n: number): string[] {
  const out: string[] = [];
  for (const service of fs.readdirSync(dir).sort()) {
    for (const f of fs.readdirSync(path.join(dir, service)).sort()) if (f.endsWith(ext) && out.length < n) out.push(path.join(dir, service, f));
  }
  return out;
}

async function figure(): Promise<Row[]> {
  const ws = writeWorkspace();
  const client = new BenchClient();
  await client.initialize();
  const idle = await client.memory();
  const chosen = [...files(ws.python, '.py', OPEN / 2), ...files(ws.typescript, '.ts', OPEN / 2)];
  const lines = chosen.reduce((n, f) => n + fs.readFileSync(f, 'utf8').split('\n').length - 1, 0);
  progress(`server memory: opening ${chosen.length} files`);
  const waits: Promise<void>[] = [];
  for (const file of chosen) {
    const uri = pathToFileURL(file).href;
    client.open(uri, file.endsWith('.py') ? 'python' : 'typescript', fs.readFileSync(file, 'utf8'));
    waits.push(client.diagnostics(uri, 1, 300_000));
  }
  await Promise.all(waits);
  const after = await client.memory();
  await client.stop();
  const F = '7 server memory';
  return [
    { figure: F, what: `language server heapUsed after GC, ${chosen.length} files open (${lines.toLocaleString('en')} lines), all analyzed`, value: mb(after.heapUsed), baseline: `idle after initialize ${mb(idle.heapUsed)}`, ratio: `+${mb(after.heapUsed - idle.heapUsed)}`, target: '', verdict: '' },
    { figure: F, what: `language server RSS, same moment${after.peakRss ? `; peak RSS ${mb(after.peakRss)}` : ''}`, value: mb(after.rss), baseline: `idle after initialize ${mb(idle.rss)}`, ratio: `+${mb(after.rss - idle.rss)}`, target: '', verdict: '' },
  ];
}

if (require.main === module) runFigure(figure);
export { figure };
