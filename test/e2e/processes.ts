/** Child processes of the e2e harness: each runs in its own process group and is killed by PID, also on failure. */
import { spawn, type ChildProcess } from 'node:child_process';

const started = new Set<number>();

function killGroup(pid: number): void {
  try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  started.delete(pid);
}

export function stopAll(): void {
  for (const pid of [...started]) killGroup(pid);
}

process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => { stopAll(); process.exit(130); });
}

export interface Started { child: ChildProcess; pid: number; match: RegExpMatchArray; stop(): void }

/**
 * Starts `command` detached (own process group, so its children die with it) and resolves once a line
 * of its stdout/stderr matches `ready`; rejects when it exits first or `timeoutMs` passes.
 */
export function startUntil(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs: number, log: (line: string) => void): Promise<Started> {
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid!;
  started.add(pid);
  const stop = () => killGroup(pid);
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`${command} did not print ${ready} within ${timeoutMs / 1000}s`)), timeoutMs);
    const finish = (error: Error | undefined, match?: RegExpMatchArray) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) { stop(); reject(error); } else resolve({ child, pid, match: match!, stop });
    };
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        log(line);
        const m = ready.exec(line);
        if (m) finish(undefined, m);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => finish(new Error(`${command} exited (${signal ?? code}) before it was ready`)));
    child.on('error', (e) => finish(e));
  });
}
