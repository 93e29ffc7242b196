/**
 * The language server against broken or hostile clients (issue 16): document URIs that are not valid, requests
 * after `shutdown`, documents opened and closed by the hundred, code actions on stale diagnostics, language ids
 * other editors send, files the parser cannot take, and workspace files that are not regular files.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { deeplyIndentedPython } from '../helpers/hostile';
import { TestClient } from './client';

const PRINTS = 'print("x")\n';

describe('language server robustness', function () {
  this.timeout(120_000);
  let workspace: string;
  let client: TestClient;
  const uri = (name: string) => pathToFileURL(path.join(workspace, name)).href;

  beforeEach(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-robust-'));
    client = new TestClient();
    await client.initialize(workspace);
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  /** The server is alive and analyzes: a fresh document gets its diagnostics. */
  async function stillAnalyzes(name: string): Promise<void> {
    client.open(uri(name), 'python', PRINTS);
    assert.deepEqual((await client.diagnostics(uri(name))).map((d) => d.code), ['no-print-logging']);
    assert.equal(client.proc.exitCode, null, `the server exited: ${client.stderr}`);
  }

  it('a didOpen whose URI is null, a number, file://host/…, has %2F or broken escapes is ignored and logged, never an exit', async () => {
    const bad: unknown[] = [null, 42, 'file://host/share/a.py', `file://${workspace}/a%2Fb.py`, `file://${workspace}/%E0%A4%A.py`, `file://${workspace}/nul%00.py`, 'no scheme', ''];
    for (const u of bad) {
      void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'python', version: 1, text: PRINTS } });
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: PRINTS }] });
      void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
    }
    for (const params of [null, {}, { textDocument: null }, { textDocument: { uri: uri('x.py') } }]) void client.connection.sendNotification('textDocument/didOpen', params);
    await stillAnalyzes('after.py');
    for (const u of bad.slice(0, 3)) {
      const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
      assert.deepEqual(actions, []);
    }
    assert.ok(client.logs.some((l) => /Ignored textDocument\/didOpen for a document URI that is not a valid file or untitled URI: "file:\/\/host\/share\/a\.py"/.test(l)), client.logs.join('\n'));
    assert.ok(!client.published.some((p) => typeof p.uri !== 'string' || p.uri.includes('host/share') || p.uri.includes('%2F')), 'nothing published for them');
    await stillAnalyzes('after2.py');
  });

  it('after shutdown no request is served and nothing is published, also for an analysis that was in flight', async () => {
    await stillAnalyzes('before.py');
    // Hold the answer to the next settings request: the server is then in the middle of analyzing `inflight.py`.
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let asked!: () => void;
    const askedFor = new Promise<void>((resolve) => { asked = resolve; });
    client.connection.onRequest('workspace/configuration', async (p: { items: unknown[] }) => { asked(); await held; return p.items.map(() => ({})); });
    client.open(uri('inflight.py'), 'python', PRINTS);
    await askedFor;
    await client.connection.sendRequest('shutdown');
    const publishedBefore = client.published.length;
    release();
    client.open(uri('after.py'), 'python', PRINTS);
    client.change(uri('before.py'), [{ text: 'print("y")\nprint("z")\n' }]);
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const requests: [string, unknown][] = [
      ['textDocument/codeAction', { textDocument: { uri: uri('before.py') }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }],
      ['textDocument/hover', { textDocument: { uri: uri('before.py') }, position: { line: 0, character: 0 } }],
      ['textDocument/completion', { textDocument: { uri: uri('before.py') }, position: { line: 0, character: 0 } }],
      ['o11yLint/findLogCalls', { event: 'x', body: 'x' }],
    ];
    // Each request is answered after the held settings answer was handled (messages are handled in order), so a
    // publish from the analysis in flight would have been sent before the first refusal arrives.
    for (const [method, params] of requests) {
      await assert.rejects(client.connection.sendRequest(method, params), (e: { code?: number; message?: string }) => e.code === -32600 && /shutting down/.test(e.message ?? ''), method);
    }
    assert.deepEqual(client.published.slice(publishedBefore), [], 'nothing published after shutdown');
  });

  it('closed documents that were never saved leave the workspace index: 200 open/close cycles of distinct files', async () => {
    const find = (event: string) => client.connection.sendRequest<unknown[]>('o11yLint/findLogCalls', { event, body: '' });
    fs.writeFileSync(path.join(workspace, 'saved.py'), 'import logging\nlogger = logging.getLogger(__name__)\nlogger.info("on_disk")\n');
    assert.equal((await find('on_disk')).length, 1, 'the scan indexed the file on disk');
    for (let i = 0; i < 200; i++) {
      const u = uri(`unsaved_${i}.py`);
      client.open(u, 'python', `import logging\nlogger = logging.getLogger(__name__)\nlogger.info("event_${i}")\n`);
      await client.diagnostics(u);
      if (i === 0) assert.equal((await find('event_0')).length, 1, 'an open document is in the index');
      client.close(u);
    }
    // The editor's unsaved text of a file on disk is forgotten too: the file is indexed from disk again.
    client.open(uri('saved.py'), 'python', 'import logging\nlogger = logging.getLogger(__name__)\nlogger.info("in_editor")\n');
    await client.diagnostics(uri('saved.py'));
    assert.equal((await find('in_editor')).length, 1);
    client.close(uri('saved.py'));
    const left = await Promise.all(Array.from({ length: 200 }, (_, i) => find(`event_${i}`)));
    assert.deepEqual(left.map((hits, i) => [i, hits.length]).filter(([, n]) => n), [], 'no closed, never-saved document is left in the index');
    assert.equal((await find('in_editor')).length, 0);
    assert.equal((await find('on_disk')).length, 1);
  });

  it('a code action on stale diagnostics returns nothing rather than an edit on the wrong line', async () => {
    const u = uri('stale.py');
    client.open(u, 'python', 'def f(password):\n    print(password)\n');
    const ds = await client.diagnostics(u);
    assert.ok(ds.length > 0);
    assert.ok((await client.codeActions(u, ds)).length > 0, 'fresh diagnostics get actions');
    const v2 = client.change(u, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'import os\n\n' }]);
    assert.deepEqual(await client.codeActions(u, ds), [], 'diagnostics of version 1 on version 2');
    const withoutData: Diagnostic[] = ds.map(({ data: _data, ...d }) => d);
    assert.deepEqual(await client.codeActions(u, withoutData), [], 'without data: the current findings are not on those lines');
    const fresh = await client.diagnostics(u, v2);
    const actions = await client.codeActions(u, fresh);
    assert.ok(actions.some((a) => a.title === 'Disable no-print-logging for this line'));
    assert.ok((await client.codeActions(u, fresh.map(({ data: _data, ...d }) => d))).some((a) => /^Disable /.test(a.title)), 'without data but current: still offered');
  });

  describe('language ids other clients send: an unknown id is decided by the file extension', () => {
    const cases: [string, string, string, string][] = [
      ['a.js', 'js', "console.log('x');\n", 'no-print-logging'], // Emacs eglot, js-mode
      ['b.jsx', 'jsx', "export const A = () => { console.log('x'); return null; };\n", 'no-print-logging'],
      ['c.tsx', 'tsx', "export function A() { console.log('x'); return null; }\n", 'no-print-logging'],
      ['d.ts', 'ts', "console.log('x');\n", 'no-print-logging'],
      ['e.py', 'python3', PRINTS, 'no-print-logging'],
      ['f.py', 'made-up', PRINTS, 'no-print-logging'],
      ['g.mjs', 'javascript.jsx', "console.log('x');\n", 'no-print-logging'],
    ];
    for (const [name, languageId, text, rule] of cases) {
      it(`${languageId} for ${name}`, async () => {
        client.open(uri(name), languageId, text);
        assert.deepEqual((await client.diagnostics(uri(name))).map((d) => d.code), [rule]);
      });
    }

    it('python3 for an untitled document (no extension): the alias decides; the disable comment is Python\'s', async () => {
      client.open('untitled:Untitled-1', 'python3', PRINTS);
      const ds = await client.diagnostics('untitled:Untitled-1');
      assert.deepEqual(ds.map((d) => d.code), ['no-print-logging']);
      const disable = (await client.codeActions('untitled:Untitled-1', ds)).find((a) => a.title.startsWith('Disable'));
      assert.match(JSON.stringify(disable?.edit), /# o11y-lint: disable=no-print-logging/);
    });

    it('an id that names no language, on a file with no known extension, is not analyzed', async () => {
      client.open(uri('notes.txt'), 'plaintext', PRINTS);
      client.open(uri('h.py'), 'python', PRINTS);
      await client.diagnostics(uri('h.py'));
      assert.equal(client.published.some((p) => p.uri === uri('notes.txt') && p.diagnostics.length), false);
    });
  });

  it('a Python file the parser cannot take is skipped with the reason; the files after it are analyzed', async () => {
    client.open(uri('deep.py'), 'python', deeplyIndentedPython());
    const ds = await client.diagnostics(uri('deep.py'));
    assert.deepEqual(ds.map((d) => d.code), ['skipped']);
    assert.match(String(ds[0].message), /nested too deeply/);
    for (let i = 0; i < 3; i++) await stillAnalyzes(`next_${i}.py`);
  });

  it('a config file, .gitignore and sources in the workspace that are FIFOs or links to /dev/zero are reported or skipped, never read', async function () {
    if (process.platform === 'win32') this.skip();
    spawnSync('mkfifo', [path.join(workspace, '.o11ylint.json')]);
    spawnSync('mkfifo', [path.join(workspace, '.gitignore')]);
    spawnSync('mkfifo', [path.join(workspace, 'fifo.py')]);
    fs.symlinkSync('/dev/zero', path.join(workspace, 'zero.py'));
    fs.writeFileSync(path.join(workspace, 'ok.py'), 'import logging\nlogger = logging.getLogger(__name__)\nlogger.info("scanned")\n');
    client.open(uri('a.py'), 'python', PRINTS);
    assert.deepEqual((await client.diagnostics(uri('a.py'))).map((d) => d.code), ['no-print-logging'], 'the defaults apply');
    const config = await client.waitFor('a diagnostic on the config file', () => client.published.find((p) => p.uri === uri('.o11ylint.json'))?.diagnostics);
    assert.match(String(config[0].message), /not a regular file \(a FIFO\), not read/);
    // The background scan walks the workspace: the FIFO and /dev/zero are not read, the regular file is.
    assert.equal((await client.connection.sendRequest<unknown[]>('o11yLint/findLogCalls', { event: 'scanned', body: '' })).length, 1);
    await stillAnalyzes('b.py');
  });
});
