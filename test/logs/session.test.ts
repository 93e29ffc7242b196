/** The extension-side session without VS Code: store + receiver + batched posts to the panel. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LogsSession } from '../../client/src/logs/session';
import type { ToWebview } from '../../client/src/logs/protocol';
import { renderLogsHtml } from '../../client/src/logs/html';
import { jsonLogsRequest, request, waitFor } from './helpers';

describe('logs session (extension side, no editor)', () => {
  let session: LogsSession;
  afterEach(() => session.dispose());

  it('batches deliveries to the panel (about 20 posts per second at most) and keeps a bounded store', async () => {
    session = new LogsSession(300);
    const posts: { at: number; m: ToWebview }[] = [];
    session.setListener((m) => { posts.push({ at: Date.now(), m }); });
    const started = await session.startReceiver('127.0.0.1', 0);
    assert.ok(started.ok);
    const t0 = Date.now();
    const body = JSON.stringify(jsonLogsRequest([{ body: { stringValue: 'x' } }, { body: { stringValue: 'y' } }]));
    for (let i = 0; i < 200; i++) await request(started.port, { headers: { 'Content-Type': 'application/json' }, body });
    const delivered = () => posts.reduce((n, p) => n + (p.m.type === 'records' ? p.m.records.length : 0), 0);
    await waitFor(() => delivered() === 400, '400 records delivered');
    const recordPosts = posts.filter((p) => p.m.type === 'records');
    const elapsed = recordPosts[recordPosts.length - 1].at - t0;
    assert.ok(recordPosts.length <= Math.ceil(elapsed / 50) + 1, `${recordPosts.length} posts in ${elapsed} ms`);
    assert.equal(session.store.size, 300);
    assert.equal(session.store.dropped, 100);
    const [snap, ...more] = session.snapshot();
    assert.ok(snap.type === 'init' && snap.records.length === 300 && snap.status.level === 'ok');
    assert.deepEqual(more, []);
    session.clear();
    assert.equal(session.store.size, 0);
    assert.equal(posts[posts.length - 1].m.type, 'cleared');
  });

  it('a taken port becomes an error status, not an exception', async () => {
    session = new LogsSession(10);
    const first = new LogsSession(10);
    try {
      const a = await first.startReceiver('127.0.0.1', 0);
      assert.ok(a.ok);
      const b = await session.startReceiver('127.0.0.1', a.port);
      assert.equal(b.ok, false);
      assert.equal(session.status.level, 'error');
      assert.match(session.status.text, /already in use/);
    } finally {
      await first.dispose();
    }
  });

  it('the panel HTML has a strict CSP with a nonce and no inline handlers', () => {
    const html = renderLogsHtml({ cspSource: 'vscode-webview://x', scriptUri: 'vscode-webview://x/dist/webview.js', nonce: 'abc123' });
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
    assert.match(html, /<script nonce="abc123" src="vscode-webview:\/\/x\/dist\/webview.js">/);
  });

  it('the tailed file\'s deletion and return show in the panel\'s status line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-session-'));
    try {
      session = new LogsSession(10);
      const file = path.join(dir, 'app.log');
      await session.tailFile(file);
      assert.deepEqual(session.status, { text: `${file} does not exist yet; waiting for it.`, level: 'warning' });
      fs.writeFileSync(file, '{"msg":"hi"}\n');
      await waitFor(() => session.store.size === 1, 'the record');
      assert.deepEqual(session.status, { text: `Reading ${file}.`, level: 'ok' });
      fs.rmSync(file);
      await waitFor(() => /was deleted; waiting/.test(session.status.text), 'the deletion told');
      assert.equal(session.status.level, 'warning');
    } finally {
      await session.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
