/**
 * A bare LSP client for the benchmarks: starts the bundled server (bin/o11y-lint-server.js, stdio) with
 * extra node flags, and preloads memProbe.js so the bench can ask the server for its memory (SIGUSR2).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER_BIN = path.join(ROOT, 'bin', 'o11y-lint-server.js');

export class BenchClient {
  readonly proc: ChildProcess;
  private readonly connection: ProtocolConnection;
  private readonly waiting = new Map<string, { version: number; resolve: () => void }>();
  private readonly memFile = path.join(os.tmpdir(), `o11y-bench-mem-${process.pid}-${Date.now()}.json`);
  private stderr = '';
  readonly published = new Map<string, number>();

  constructor() {
    // O11Y_BENCH_SERVER_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
    const extra = (process.env.O11Y_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
    this.proc = spawn(process.execPath, [...extra, '--expose-gc', '-r', path.join(__dirname, 'memProbe.js'), SERVER_BIN], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, O11Y_BENCH_MEM: this.memFile } });
    this.proc.stderr!.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p.version ?? -1);
      const w = this.waiting.get(p.uri);
      if (w && p.version === w.version) { this.waiting.delete(p.uri); w.resolve(); }
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves when diagnostics for `uri` at `version` arrive; fails after `timeoutMs`. */
  diagnostics(uri: string, version: number, timeoutMs = 60_000): Promise<void> {
    if (this.published.get(uri) === version) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}@${version}; server stderr: ${this.stderr}`)), timeoutMs);
      this.waiting.set(uri, { version, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  open(uri: string, languageId: string, text: string): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, version: number, line: number, insert: string, remove: number): void {
    const range = { start: { line, character: 0 }, end: { line, character: remove } };
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
  }

  /** The server's process.memoryUsage() after a full GC, plus its peak RSS (VmHWM) from /proc. */
  async memory(timeoutMs = 10_000): Promise<{ heapUsed: number; rss: number; peakRss?: number }> {
    fs.rmSync(this.memFile, { force: true });
    this.proc.kill('SIGUSR2');
    const deadline = Date.now() + timeoutMs;
    while (!fs.existsSync(this.memFile)) {
      if (Date.now() > deadline) throw new Error('the server did not report its memory');
      await new Promise((r) => setImmediate(r));
    }
    const usage = JSON.parse(fs.readFileSync(this.memFile, 'utf8')) as { heapUsed: number; rss: number };
    let peakRss: number | undefined;
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      if (hwm) peakRss = Number(hwm[1]) * 1024;
    } catch { /* not Linux */ }
    return { ...usage, peakRss };
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.proc.exitCode !== null ? resolve() : this.proc.once('exit', () => resolve())));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch { /* already gone */ }
    const timer = setTimeout(() => this.proc.kill(), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
    fs.rmSync(this.memFile, { force: true });
  }
}
