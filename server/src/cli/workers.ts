/**
 * `o11y-lint check --jobs N`: the code files are analyzed on N threads, this one and N - 1 workers (the same
 * script, dist/cli.js, started again as a worker), handed out in small chunks to whichever thread is free. Results are put back
 * in file order, so the output is the same as with one thread, byte for byte.
 */
import * as os from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { initAnalyzer } from '../analysis/engine';
import { SnapshotModules, type ProjectSnapshot } from '../analysis/project/modules';
import { checkFile, type FileOutcome } from './checkFile';
import type { FoundFile } from './files';
import { settingsResolver } from './settings';

/** What a worker needs to rebuild the main thread's options. */
export interface WorkerSetup { cwd: string; config?: string; only?: string[]; fix: boolean; unsafeFixes: boolean; project: ProjectSnapshot }

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

/**
 * Analyzes `files` on `jobs` threads: this one (through `local`) and `jobs - 1` workers started from
 * `script`, each kept two chunks ahead so it never waits for this thread. Outcomes in the order of `files`.
 */
export function checkInWorkers(script: string, files: readonly FoundFile[], jobs: number, setup: WorkerSetup, local: (file: FoundFile) => FileOutcome): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  let next = 0;
  const take = () => {
    const chunk = files.slice(next, next + CHUNK).map((file, k) => ({ index: next + k, file }));
    next += chunk.length;
    return chunk;
  };
  return new Promise((resolve, reject) => {
    let failed = false;
    let pending = 1; // this thread's loop, plus one per running worker
    const fail = (error: Error) => { if (!failed) { failed = true; reject(error); } };
    const finished = () => { if (--pending === 0 && !failed) resolve(outcomes); };
    const feed = (worker: Worker) => {
      const chunk = take();
      worker.postMessage(chunk.length ? { chunk } satisfies ToWorker : { done: true } satisfies ToWorker);
    };
    for (let j = 0; j < jobs - 1; j++) {
      const worker = new Worker(script, { workerData: setup });
      pending++;
      worker.on('message', (m: FromWorker) => {
        if ('error' in m) return fail(new Error(`worker failed: ${m.error}`));
        for (const { index, outcome } of m.results) outcomes[index] = outcome;
        feed(worker);
      });
      worker.on('error', (error) => fail(error));
      worker.on('exit', (code) => (code !== 0 ? fail(new Error(`worker exited with code ${code}`)) : finished()));
      feed(worker);
      feed(worker);
    }
    // This thread takes chunks too, yielding between them so the workers' results are handled.
    const loop = () => {
      if (failed) return;
      const chunk = take();
      if (!chunk.length) return finished();
      try {
        for (const { index, file } of chunk) outcomes[index] = local(file);
      } catch (error) {
        return fail(error as Error);
      }
      setImmediate(loop);
    };
    setImmediate(loop);
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
  const options = { only: setup.only ? new Set(setup.only) : undefined, fix: setup.fix, unsafeFixes: setup.unsafeFixes, workspaceMetrics: { names: [], prefixes: [] }, project: new SnapshotModules(setup.project) };
  port.on('message', (m: ToWorker) => {
    if ('done' in m) { port.close(); return; }
    try {
      port.postMessage({ results: m.chunk.map(({ index, file }) => ({ index, outcome: checkFile(file, settingsFor(file.abs), options) })) } satisfies FromWorker);
    } catch (error) {
      port.postMessage({ error: (error as Error).stack ?? String(error) } satisfies FromWorker);
    }
  });
}
