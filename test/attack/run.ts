/**
 * The attack run behind the README's Hardening figures for the CLI and the language server (issue 16), seeded:
 *   node out/test/attack/run.js [LSP messages, default 20000] [files per CLI run, default 400] [CLI runs, default 3]
 * (SEED=n picks another sequence). Not part of `npm test`; each failure it ever found has a regression test.
 *
 * Language server: random didOpen/didChange/didClose with hostile URIs, language ids, texts and change ranges,
 * code actions on bogus and stale diagnostics, hover, completion and findLogCalls with broken params; every 250
 * messages a probe document must get its diagnostics (else: a crash or a hang). Then `shutdown`, after which no
 * request may be served and nothing published.
 * CLI: `check --fix --unsafe-fixes` over mutated fixtures as Latin-1, UTF-16, BOM, CRLF, read-only, symlinked,
 * next to FIFOs and links to /dev/zero. Nothing not valid UTF-8 or read-only may change; every rewritten file must
 * parse at least as well as before (CPython, TypeScript); modes, links and no temporary files left behind.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isUtf8 } from 'node:buffer';
import ts = require('typescript');
import { TestClient } from '../lsp/client';

const ROOT = path.resolve(__dirname, '..', '..', '..');
let seed = Number(process.env.SEED ?? 20261208);
const rnd = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'rules');
const snippets: [string, string][] = [];
for (const r of fs.readdirSync(FIXTURES)) {
  for (const f of fs.readdirSync(path.join(FIXTURES, r))) if (/\.(py|ts)$/.test(f)) snippets.push([f.endsWith('.py') ? 'py' : 'ts', fs.readFileSync(path.join(FIXTURES, r, f), 'utf8')]);
}
const PIECES = ['\\\n', '(', ')', '"', "'", '\n', '\t', '\u0000', '\uFEFF', '\r\n', 'f"{', '`${', '/*', '# o11y-lint: disable=', '// o11y-lint-disable-next-line ', ''];
function mutate(text: string): string {
  let s = text;
  for (let k = Math.floor(rnd() * 4); k-- > 0;) {
    const i = Math.floor(rnd() * s.length);
    s = s.slice(0, i) + pick(PIECES) + s.slice(i + Math.floor(rnd() * 5));
  }
  return s;
}

async function attackServer(messages: number) {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-ws-'));
  let c = new TestClient();
  await c.initialize(ws);
  const uris: unknown[] = [null, 42, {}, '', 'x', 'file://host/share/a.py', `file://${ws}/a%2Fb.py`, `file://${ws}/%E0%A4%A.py`, `file://${ws}/n%00.py`, 'untitled:Untitled-1', 'file://',
    `file://${ws}/../../etc/passwd`, `file://${ws}/d.py`, `file://${ws}/e.ts`, `file://${ws}/f.js`, `file://${ws}/g.yaml`];
  const ids: unknown[] = ['python', 'javascript', 'typescript', 'typescriptreact', 'yaml', 'js', 'jsx', 'tsx', 'python3', 'constructor', '__proto__', 'toString', '', null, 7, 'plaintext'];
  let crashes = 0;
  let hangs = 0;
  let version = 100;
  for (let i = 0; i < messages; i++) {
    const u = pick(uris);
    const kind = rnd();
    const text = pick(snippets)[1];
    if (kind < 0.35) {
      void c.connection.sendNotification('textDocument/didOpen', rnd() < 0.05 ? pick([null, {}, { textDocument: 5 }])
        : { textDocument: { uri: u, languageId: pick(ids), version: ++version, text: rnd() < 0.1 ? text.repeat(30) : mutate(text) } });
    } else if (kind < 0.6) {
      const change = rnd() < 0.5 ? { text: mutate(text) } : { range: { start: { line: Math.floor(rnd() * 50) - 5, character: Math.floor(rnd() * 80) }, end: { line: Math.floor(rnd() * 60), character: Math.floor(rnd() * 80) } }, text: mutate('x = 1\n') };
      void c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: rnd() < 0.2 ? 1 : ++version }, contentChanges: rnd() < 0.05 ? 'x' : [change] });
    } else if (kind < 0.7) {
      void c.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
    } else {
      const method = pick(['textDocument/codeAction', 'textDocument/hover', 'textDocument/completion', 'o11yLint/findLogCalls']);
      const pos = { line: Math.floor(rnd() * 40) - 2, character: Math.floor(rnd() * 100) };
      const diagnostic = { range: { start: pos, end: pos }, source: 'o11y-lint', code: pick(['no-print-logging', 'sensitive-data-in-log', 'x']), message: 'm',
        data: pick([undefined, { version: 1, fixes: [] }, { version, fixes: [{ title: 't', safe: true, edits: [] }] }, 'junk']) };
      const params = method === 'o11yLint/findLogCalls' ? pick([{ event: 'x', body: 'y' }, null, { event: 5 }])
        : { textDocument: { uri: u }, position: pos, range: { start: pos, end: pos }, context: { diagnostics: pick([[diagnostic], [], null, 'x']), only: pick([undefined, ['source.fixAll.o11y-lint'], ['refactor.rewrite']]) } };
      c.connection.sendRequest(method, params).catch(() => undefined);
    }
    if (i % 250 === 249) {
      const probe = `file://${ws}/probe_${i}.py`;
      c.open(probe, 'python', 'print("x")\n');
      try {
        await c.waitFor('probe', () => c.published.find((p) => p.uri === probe && p.diagnostics.some((d) => d.code === 'no-print-logging')), 60_000);
      } catch {
        if (c.proc.exitCode !== null) crashes++; else hangs++;
        process.stdout.write(`probe ${i} failed (exit ${c.proc.exitCode}): ${c.stderr.slice(-500)}\n`);
        await c.stop();
        c = new TestClient();
        await c.initialize(ws);
      }
      c.close(probe);
    }
  }
  await c.connection.sendRequest('shutdown');
  const before = c.published.length;
  let served = 0;
  for (let i = 0; i < 50; i++) {
    void c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: `file://${ws}/late${i}.py`, languageId: 'python', version: 1, text: 'print(1)\n' } });
    await c.connection.sendRequest('textDocument/hover', { textDocument: { uri: `file://${ws}/late${i}.py` }, position: { line: 0, character: 0 } }).then(() => served++, () => undefined);
  }
  const publishedAfterShutdown = c.published.length - before;
  await c.stop();
  fs.rmSync(ws, { recursive: true, force: true });
  return { messages: messages + 100, crashes, hangs, servedAfterShutdown: served, publishedAfterShutdown };
}

function tsErrors(text: string): number {
  return (ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true) as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

function attackCli(files: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-cli-'));
  fs.mkdirSync(path.join(dir, '.git'));
  const original = new Map<string, { bytes: Buffer; mode: number }>();
  let nonRegular = 0;
  for (let i = 0; i < files; i++) {
    const [lang, fixture] = pick(snippets);
    const name = `f${i}.${lang}`;
    const file = path.join(dir, name);
    let text = rnd() < 0.3 ? mutate(fixture) : fixture;
    if (rnd() < 0.2) text = text.replace(/\n/g, '\r\n');
    let bytes = Buffer.from((rnd() < 0.15 ? '\uFEFF' : '') + text, 'utf8');
    const r = rnd();
    if (r < 0.1) bytes = Buffer.from(text.replace(/[^\x00-\x7f]/g, '') + '# caf\xe9\n', 'latin1');
    else if (r < 0.13) bytes = Buffer.from('\uFEFF' + text, 'utf16le');
    fs.writeFileSync(file, bytes);
    if (rnd() < 0.08) fs.chmodSync(file, 0o444); else if (rnd() < 0.1) fs.chmodSync(file, 0o600);
    if (rnd() < 0.05) fs.symlinkSync(name, path.join(dir, `link${i}.${lang}`));
    if (rnd() < 0.02) { execFileSync('mkfifo', [path.join(dir, `fifo${i}.${lang}`)]); nonRegular++; }
    if (rnd() < 0.02) { fs.symlinkSync('/dev/zero', path.join(dir, `zero${i}.${lang}`)); nonRegular++; }
    original.set(file, { bytes, mode: fs.statSync(file).mode });
  }
  const names = fs.readdirSync(dir).filter((f) => f !== '.git');
  const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', '--fix', '--unsafe-fixes', '--no-color', ...names], { cwd: dir, encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 28 });
  let lost = 0;
  let broken = 0;
  let rewritten = 0;
  let modeChanged = 0;
  const python: Record<string, [string, string]> = {};
  for (const [file, was] of original) {
    const now = fs.readFileSync(file);
    if (fs.statSync(file).mode !== was.mode) modeChanged++;
    if (now.equals(was.bytes)) continue;
    rewritten++;
    if (!isUtf8(was.bytes) || (was.mode & 0o222) === 0) lost++;
    if (file.endsWith('.py')) python[file] = [was.bytes.toString('utf8'), now.toString('utf8')];
    else if (tsErrors(now.toString('utf8')) > tsErrors(was.bytes.toString('utf8'))) broken++;
  }
  const linksReplaced = names.filter((f) => f.startsWith('link') && !fs.lstatSync(path.join(dir, f)).isSymbolicLink()).length;
  const script = 'import json,sys\nout=0\nfor name,(a,b) in json.load(sys.stdin).items():\n  try: compile(a,name,"exec")\n  except SyntaxError: continue\n  try: compile(b,name,"exec")\n  except SyntaxError: out+=1\nprint(out)';
  broken += Number(spawnSync('python3', ['-c', script], { input: JSON.stringify(python), encoding: 'utf8', maxBuffer: 1 << 28 }).stdout.trim() || 0);
  const leftovers = fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')).length;
  fs.rmSync(dir, { recursive: true, force: true });
  return { files: original.size + nonRegular, nonRegular, exit: run.status, killed: run.signal, rewritten, lost, brokenOutputs: broken, modeChanged, linksReplaced, leftovers };
}

async function main(): Promise<void> {
  const [messages = 20_000, files = 400, runs = 3] = process.argv.slice(2).map(Number);
  if (messages > 0) process.stdout.write(`lsp ${JSON.stringify(await attackServer(messages))}\n`);
  for (let k = 0; k < runs && files > 0; k++) process.stdout.write(`cli ${JSON.stringify(attackCli(files))}\n`);
}

void main();
