/**
 * Delivery to the panel (issue 16): no webview message over MAX_MESSAGE_BYTES, a shared resource sent once per
 * message instead of once per record, and a failed post that loses nothing and does not break a later reopen.
 */
import * as assert from 'node:assert/strict';
import { MAX_MESSAGE_BYTES, fit, recordMessages, snapshotMessages } from '../../client/src/logs/batches';
import type { ToWebview } from '../../client/src/logs/protocol';
import { LogsSession } from '../../client/src/logs/session';
import type { LogRecord } from '../../server/src/logs/model';
import { normalizeLogs } from '../../server/src/logs/otlp';
import { jsonLogsRequest, request, waitFor } from './helpers';

const MiB = 1024 * 1024;
const bytes = (m: unknown) => Buffer.byteLength(JSON.stringify(m));

/** What the page does with the messages (main.ts): init resets, records append, resources by index. */
class PanelModel {
  records: LogRecord[] = [];
  apply(m: ToWebview): void {
    // Posting serializes: the page gets a copy, shared objects duplicated, nothing else.
    const copy = JSON.parse(JSON.stringify(m)) as ToWebview;
    if (copy.type === 'init') this.records = [];
    if (copy.type === 'cleared') this.records = [];
    if (copy.type === 'init' || copy.type === 'records') {
      for (const r of copy.records) this.records.push({ ...r, resource: copy.resources[r.resource] } as LogRecord);
    }
  }
}

function requestWithResource(count: number, resourceBytes: number, tag = 'r'): string {
  const req = jsonLogsRequest(Array.from({ length: count }, (_, i) => ({ body: { stringValue: `${tag} ${i}` } }))) as { resourceLogs: { resource: { attributes: object[] } }[] };
  req.resourceLogs[0].resource.attributes.push({ key: 'host.labels', value: { stringValue: 'x'.repeat(resourceBytes) } });
  return JSON.stringify(req);
}

describe('logs panel delivery: bounded messages, shared resources, failed posts', function () {
  this.timeout(60_000);
  let session: LogsSession;
  afterEach(() => session.dispose());

  it('a burst whose records share a 64 KiB resource: no message over 8 MiB, the resource once per message', async () => {
    session = new LogsSession(10_000);
    const posts: ToWebview[] = [];
    session.setListener((m) => { posts.push(m); });
    const started = await session.startReceiver('127.0.0.1', 0);
    assert.ok(started.ok);
    // Before: one message repeating the resource in each of the 2,000 records (about 130 MB).
    assert.equal((await request(started.port, { headers: { 'Content-Type': 'application/json' }, body: requestWithResource(2000, 64 * 1024) })).status, 200);
    const delivered = () => posts.reduce((n, m) => n + (m.type === 'records' ? m.records.length : 0), 0);
    await waitFor(() => delivered() === 2000, '2,000 records delivered');
    const messages = posts.filter((m) => m.type === 'records');
    for (const m of messages) {
      assert.ok(bytes(m) <= MAX_MESSAGE_BYTES, `${bytes(m)} bytes`);
      assert.equal(m.type === 'records' && m.resources.length, 1, 'the shared resource is sent once in the message');
    }
    assert.ok(bytes(messages) < 2 * MiB, `${bytes(messages)} bytes for 2,000 records`);
    const model = new PanelModel();
    for (const m of posts) model.apply(m);
    assert.equal(model.records.length, 2000);
    assert.equal((model.records[1999].resource['host.labels'] as string).length, 64 * 1024);
    assert.deepEqual(model.records.map((r) => r.body), session.store.toArray().map((r) => r.body));
  });

  it('a snapshot of many records is split into an init and records messages, each within the bound, and rebuilds the store', () => {
    const recs = normalizeLogs(JSON.parse(requestWithResource(3000, 1024)), 'otlp-json').records.map((r, i) => ({ ...r, seq: i + 1, body: `${r.body} ${'b'.repeat(2000)}` }));
    const messages = snapshotMessages({ records: recs, spans: [], maxRecords: 10_000, dropped: 0, status: { text: '', level: 'ok' } }, 1 * MiB);
    assert.equal(messages[0].type, 'init');
    assert.ok(messages.length >= 6, `${messages.length} messages`);
    for (const m of messages) assert.ok(bytes(m) <= 1 * MiB, `${m.type}: ${bytes(m)} bytes`);
    const model = new PanelModel();
    for (const m of messages) model.apply(m);
    assert.deepEqual(model.records, JSON.parse(JSON.stringify(recs)));
  });

  it('a record or resource too large for one message is shown shortened, saying how much is not shown', () => {
    const [rec] = normalizeLogs(JSON.parse(requestWithResource(1, 3 * MiB)), 'otlp-json').records;
    const huge: LogRecord = { ...rec, seq: 1, body: 'y'.repeat(12 * MiB), attributes: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 'v'.repeat(100)])) };
    const messages = recordMessages([huge, { ...rec, seq: 2 }], 0);
    for (const m of messages) assert.ok(bytes(m) <= MAX_MESSAGE_BYTES, `${bytes(m)} bytes`);
    const model = new PanelModel();
    for (const m of messages) model.apply(m);
    const [shown, small] = model.records;
    assert.match(shown.body, /^y+… \[[\d,]+ more characters not shown\]$/);
    assert.match(String(shown.attributes['…']), /more entries not shown/);
    assert.match(String(shown.resource['host.labels']), /more characters not shown/);
    assert.equal(shown.traceId, huge.traceId, 'the record keeps all its own fields');
    assert.equal(small.body, rec.body);
    assert.equal(huge.body.length, 12 * MiB, 'the stored record is not changed');
    // A value that fits is returned as it is.
    const f = fit({ a: 1 }, 100);
    assert.deepEqual(f, { value: { a: 1 }, bytes: 7 });
  });

  it('a failed post loses no record: the panel is resynchronised with a snapshot', async () => {
    session = new LogsSession(10_000);
    const model = new PanelModel();
    let failures = 0;
    session.setListener((m) => {
      // The first records post does not arrive (postMessage answered false), the second throws.
      if (m.type === 'records' && failures < 2) {
        failures++;
        if (failures === 2) throw new Error('Webview is disposed');
        return Promise.resolve(false);
      }
      model.apply(m);
      return Promise.resolve(true);
    });
    const started = await session.startReceiver('127.0.0.1', 0);
    assert.ok(started.ok);
    const send = async (from: number) => {
      for (let i = from; i < from + 15; i++) {
        assert.equal((await request(started.port, { headers: { 'Content-Type': 'application/json' }, body: requestWithResource(10, 16, `batch${i}`) })).status, 200);
      }
    };
    await send(0);
    await waitFor(() => model.records.length === 150, 'the first 150 records in the panel after the resync', 15_000);
    assert.equal(failures, 1);
    await send(15);
    await waitFor(() => model.records.length === 300, 'all 300 records in the panel', 15_000);
    assert.equal(failures, 2);
    assert.deepEqual(model.records.map((r) => r.body), session.store.toArray().map((r) => r.body));
  });

  it('a panel closed after a failed post is whole again when reopened', async () => {
    session = new LogsSession(10_000);
    session.setListener(() => { throw new Error('Webview is disposed'); });
    const started = await session.startReceiver('127.0.0.1', 0);
    assert.ok(started.ok);
    assert.equal((await request(started.port, { headers: { 'Content-Type': 'application/json' }, body: requestWithResource(50, 16) })).status, 200);
    await waitFor(() => session.store.size === 50, 'the records stored');
    session.setListener(undefined);
    const reopened = new PanelModel();
    session.setListener((m) => { reopened.apply(m); return true; });
    session.sendSnapshot();
    await waitFor(() => reopened.records.length === 50, 'the reopened panel to have every record');
    assert.equal((await request(started.port, { headers: { 'Content-Type': 'application/json' }, body: requestWithResource(5, 16, 'later') })).status, 200);
    await waitFor(() => reopened.records.length === 55, 'later records to follow');
  });
});
