/**
 * A minimal LSP client for protocol tests: spawns the bundled server over stdio (through the
 * `o11y-lint-server` bin) and waits on conditions, never on sleeps.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createProtocolConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter, type CodeAction, type Diagnostic,
  type InitializeResult, type ProtocolConnection, type PublishDiagnosticsParams, type TextDocumentContentChangeEvent, type TextEdit,
} from 'vscode-languageserver-protocol/node';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_BIN = path.join(ROOT, 'bin', 'o11y-lint-server.js');
export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server.js');

export class TestClient {
  readonly proc: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  /** What `workspace/configuration` answers for section o11yLint. */
  settings: unknown = {};
  /** Called after each `workspace/configuration` answer (the server analyzes right after it gets one). */
  onConfiguration: ((scopeUris: (string | undefined)[]) => void) | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  stderr = '';

  /** `stdio`: the `o11y-lint-server` bin as other editors run it; `ipc`: node IPC as VS Code runs dist/server.js. */
  constructor(transport: 'stdio' | 'ipc' = 'stdio') {
    if (transport === 'ipc') {
      this.proc = fork(SERVER_BUNDLE, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      this.connection = createProtocolConnection(new IPCMessageReader(this.proc), new IPCMessageWriter(this.proc));
    } else {
      this.proc = spawn(process.execPath, [SERVER_BIN], { stdio: ['pipe', 'pipe', 'pipe'] });
      this.proc.stdin!.on('error', () => { /* the server exited; nothing left to write to */ });
      this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    }
    this.proc.stderr!.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => { this.published.push(p); this.wake(); });
    this.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => { this.messages.push(p); this.wake(); });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    this.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) => {
      if (this.onConfiguration) { const hook = this.onConfiguration; const scopes = p.items.map((i) => i.scopeUri); setImmediate(() => hook(scopes)); }
      return p.items.map(() => this.settings);
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => { this.messages.push(p); this.wake(); return null; });
    this.connection.listen();
  }

  async initialize(rootPath?: string): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: rootPath ? [{ uri: `file://${rootPath}`, name: 'ws' }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves when `predicate` holds (checked now and after every notification); fails after `timeoutMs`. */
  waitFor<T>(what: string, predicate: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = predicate();
        if (v) { this.waiters.delete(check); clearTimeout(timer); resolve(v); }
      };
      const timer = setTimeout(() => { this.waiters.delete(check); reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`)); }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Waits for diagnostics of `uri` at exactly `version`. */
  diagnostics(uri: string, version = this.versions.get(uri)): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics for ${uri}@${version}`, () => {
      const hit = [...this.published].reverse().find((p) => p.uri === uri && (version === undefined || p.version === version));
      return hit?.diagnostics;
    });
  }

  open(uri: string, languageId: string, text: string): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  /** Orderly shutdown; the process is killed if it does not exit in time. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.proc.exitCode !== null ? resolve() : this.proc.once('exit', () => resolve())));
    const deadline = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), deadline(5000)]);
      await this.connection.sendNotification('exit');
    } catch { /* already gone */ }
    await Promise.race([exited, deadline(5000)]);
    this.connection.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

/** A TestClient initialized on a new temporary workspace folder (named after `prefix`). */
export async function startInTempWorkspace(prefix: string): Promise<{ client: TestClient; workspace: string }> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const client = new TestClient();
  await client.initialize(workspace);
  return { client, workspace };
}

/** Stops the client and removes the workspace `startInTempWorkspace` made for it. */
export async function stopAndRemove(client: TestClient, workspace: string): Promise<void> {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
}

/** `text` with `edits` applied, as the editor applies a code action's edits. */
export function applyEdits(text: string, languageId: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', languageId, 1, text), edits);
}
