/**
 * `o11y-lint check --jobs N`: the code files are analyzed by N worker threads (the same script, dist/cli.js,
 * started again as a worker), handed out in small chunks to whichever worker is free. Results are put back
 * in file order, so the output is the same as with one thread, byte for byte.
 */
import * as os from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { initAnalyzer } from '../analysis/engine';
import { checkFile, type FileOutcome } from './checkFile';
import type { FoundFile } from './files';
import { settingsResolver } from './settings';

/** What a worker needs to rebuild the main thread's options. */
export interface WorkerSetup { cwd: string; config?: string; only?: string[]; fix: boolean; unsafeFixes: boolean }

/** Below this many files per thread, starting a worker (parsers included) costs more than it saves. */
export const FILES_PER_WORKER = 50;
const CHUNK = 8;

/** `--jobs` when not given: one thread per core, but no more than one per FILES_PER_WORKER files. */
export function defaultJobs(files: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, Math.floor(files / FILES_PER_WORKER)));
}

type ToWorker = { chunk: { index: number; file: FoundFile }[] } | { done: true };
type FromWorker = { results: { index: number; outcome: FileOutcome }[] } | { error: string };

/** Analyzes `files` on `jobs` workers started from `script`; outcomes in the order of `files`. */
export function checkInWorkers(script: string, files: readonly FoundFile[], jobs: number, setup: WorkerSetup): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  let next = 0;
  let running = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (error: Error) => { if (!failed) { failed = true; reject(error); } };
    const feed = (worker: Worker) => {
      if (next >= files.length) { worker.postMessage({ done: true } satisfies ToWorker); return; }
      const chunk = files.slice(next, next + CHUNK).map((file, k) => ({ index: next + k, file }));
      next += chunk.length;
      worker.postMessage({ chunk } satisfies ToWorker);
    };
    for (let j = 0; j < Math.min(jobs, files.length); j++) {
      const worker = new Worker(script, { workerData: setup });
      running++;
      worker.on('message', (m: FromWorker) => {
        if ('error' in m) return fail(new Error(`worker failed: ${m.error}`));
        for (const { index, outcome } of m.results) outcomes[index] = outcome;
        feed(worker);
      });
      worker.on('error', (error) => fail(error));
      worker.on('exit', (code) => {
        running--;
        if (code !== 0) fail(new Error(`worker exited with code ${code}`));
        else if (running === 0 && !failed) resolve(outcomes);
      });
      feed(worker);
    }
    if (files.length === 0) resolve(outcomes);
  });
}

/** The worker side: set up like the main thread, then analyze chunks until told it is done. */
export async function runWorker(): Promise<void> {
  const port = parentPort!;
  const setup = workerData as WorkerSetup;
  try {
    await initAnalyzer();
  } catch (error) {
    port.postMessage({ error: (error as Error).stack ?? String(error) } satisfies FromWorker);
    return;
  }
  const { settingsFor } = settingsResolver(setup.cwd, setup.config);
  const options = { only: setup.only ? new Set(setup.only) : undefined, fix: setup.fix, unsafeFixes: setup.unsafeFixes, workspaceMetrics: { names: [], prefixes: [] } };
  port.on('message', (m: ToWorker) => {
    if ('done' in m) { port.close(); return; }
    try {
      port.postMessage({ results: m.chunk.map(({ index, file }) => ({ index, outcome: checkFile(file, settingsFor(file.abs), options) })) } satisfies FromWorker);
    } catch (error) {
      port.postMessage({ error: (error as Error).stack ?? String(error) } satisfies FromWorker);
    }
  });
}
