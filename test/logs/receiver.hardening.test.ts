/**
 * The receiver against a hostile sender (issue 16): DNS rebinding, amplification, idle and slow connections, and
 * values of the wrong type. Real sockets, waiting on conditions; every case ends with the receiver still serving.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { Writer } from 'protobufjs/minimal';
import type { LogRecord, SpanSummary } from '../../server/src/logs/model';
import { requestAllowed } from '../../server/src/logs/origin';
import type { OtlpReceiver } from '../../server/src/logs/receiver';
import { jsonLogsRequest, request, SPAN_ID, startReceiver, TRACE_ID, waitFor } from './helpers';

const JSON_H = { 'Content-Type': 'application/json' };
const PROTO_H = { 'Content-Type': 'application/x-protobuf' };
const ONE = JSON.stringify(jsonLogsRequest([{ timeUnixNano: '1', body: { stringValue: 'ok' } }]));
const MiB = 1024 * 1024;

/** A full GC, for heap figures that do not depend on when V8 last collected. */
function collect(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** A protobuf ExportLogsServiceRequest of `count` empty log records (2 bytes each on the wire). */
function emptyRecords(count: number): Buffer {
  const scopeLogs = Buffer.alloc(count * 2);
  for (let i = 0; i < scopeLogs.length; i += 2) scopeLogs[i] = 0x12; // field 2 (log_records), wire type 2, length 0
  const resourceLogs = Writer.create().uint32(0x12).bytes(scopeLogs).finish(); // ResourceLogs.scope_logs
  return Buffer.from(Writer.create().uint32(0x0a).bytes(resourceLogs).finish()); // ExportLogsServiceRequest.resource_logs
}

/** A raw connection that collects what the server sends and notices when it is closed. */
function rawSocket(port: number): Promise<{ socket: net.Socket; received: () => string; closed: () => boolean }> {
  return new Promise((resolve, reject) => {
    let data = '';
    let isClosed = false;
    const socket = net.connect(port, '127.0.0.1', () => resolve({ socket, received: () => data, closed: () => isClosed }));
    socket.on('data', (c: Buffer) => { data += c.toString('latin1'); });
    socket.on('error', () => undefined);
    socket.on('close', () => { isClosed = true; });
    socket.once('error', reject);
  });
}

describe('logs receiver: hostile senders', function () {
  this.timeout(60_000);
  let receiver: OtlpReceiver;
  let port: number;
  let records: LogRecord[];
  const spans: SpanSummary[] = [];

  before(async () => ({ receiver, port, records } = await startReceiver({ onSpans: (s) => spans.push(...s) })));
  after(() => receiver.close());
  beforeEach(() => { records.length = 0; spans.length = 0; });

  async function stillServing(): Promise<void> {
    const before = records.length;
    assert.equal((await request(port, { headers: JSON_H, body: ONE })).status, 200);
    assert.equal(records.length, before + 1);
  }

  describe('Host and Origin (DNS rebinding)', () => {
    it('a Host naming another machine gets 403 and its records are dropped; loopback names are served', async () => {
      for (const host of ['evil.example', `evil.example:${port}`, 'rebind.attacker.test:4318', '10.0.0.7', '[fe80::1]:4318', 'localhost.evil.example']) {
        const r = await request(port, { headers: { ...JSON_H, Host: host }, body: ONE });
        assert.equal(r.status, 403, host);
        assert.match(JSON.parse(r.body.toString()).message, /Host or Origin names another machine/);
      }
      assert.equal(records.length, 0);
      for (const host of ['localhost', `localhost:${port}`, `127.0.0.1:${port}`, '127.1.2.3', `[::1]:${port}`, 'app.localhost', 'LOCALHOST.']) {
        assert.equal((await request(port, { headers: { ...JSON_H, Host: host }, body: ONE })).status, 200, host);
      }
      assert.equal(records.length, 7);
    });

    it('an Origin from another site, or `null`, gets 403; a page on this machine is served', async () => {
      for (const origin of ['http://evil.example', 'https://evil.example:4318', 'null', 'file://', 'not a url']) {
        assert.equal((await request(port, { headers: { ...JSON_H, Origin: origin }, body: ONE })).status, 403, origin);
      }
      assert.equal(records.length, 0);
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080', 'http://[::1]:3000']) {
        assert.equal((await request(port, { headers: { ...JSON_H, Origin: origin }, body: ONE })).status, 200, origin);
      }
      assert.ok(receiver.stats.forbidden >= 11);
    });

    it('the configured host is accepted too; listening on all interfaces accepts this machine\'s own names', () => {
      assert.ok(requestAllowed('192.168.1.5:4318', undefined, '192.168.1.5'));
      assert.ok(!requestAllowed('192.168.1.6:4318', undefined, '192.168.1.5'));
      assert.ok(requestAllowed(`${os.hostname()}:4318`, undefined, '0.0.0.0'));
      assert.ok(!requestAllowed('evil.example', undefined, '0.0.0.0'));
      assert.ok(!requestAllowed('a b', undefined, '127.0.0.1'));
      assert.ok(requestAllowed(undefined, undefined, '127.0.0.1'), 'no Host (HTTP/1.0): not a browser');
      for (const v6 of ['::1', '0:0:0:0:0:0:0:1', '0000::1', '::ffff:127.0.0.1']) assert.ok(requestAllowed(`[${v6}]`, undefined, '127.0.0.1'), v6);
      for (const v6 of ['::11', '1::', '::1:1', ':::1']) assert.ok(!requestAllowed(`[${v6}]`, undefined, '127.0.0.1'), v6);
    });
  });

  describe('amplification', () => {
    it('a 15 MiB protobuf of 7.8 million empty records is refused (413) without being decoded; the heap stays within 64 MiB', async () => {
      const body = emptyRecords(Math.floor((15 * MiB) / 2) - 8);
      assert.ok(body.length > 15 * MiB - 64 && body.length < 16 * MiB);
      collect();
      const heap = process.memoryUsage().heapUsed;
      const [big, good] = await Promise.all([
        request(port, { headers: PROTO_H, body }),
        request(port, { headers: JSON_H, body: ONE }),
      ]);
      assert.equal(big.status, 413);
      assert.equal(big.headers['content-type'], 'application/x-protobuf');
      assert.ok(big.body.includes(Buffer.from('more than 50,000 log records')), big.body.toString('latin1'));
      assert.equal(good.status, 200, 'a client sending at the same time is served');
      collect();
      const grown = process.memoryUsage().heapUsed - heap;
      assert.ok(grown < 64 * MiB, `heap grew by ${(grown / MiB).toFixed(1)} MiB`);
      assert.equal(records.length, 1);
      await stillServing();
    });

    it('JSON: millions of empty records or array elements are refused (413) before JSON.parse', async () => {
      const emptyJson = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[${'{},'.repeat(5 * MiB)}{}]}]}]}`;
      const r = await request(port, { headers: JSON_H, body: emptyJson });
      assert.equal(r.status, 413);
      assert.match(JSON.parse(r.body.toString()).message, /more than 1,000,000 JSON values/);
      const array = JSON.stringify(jsonLogsRequest([{ body: { arrayValue: { values: [] } } }])).replace('"values":[]', `"values":[${'0,'.repeat(3 * MiB)}0]`);
      assert.equal((await request(port, { headers: JSON_H, body: array })).status, 413);
      // Commas, braces and brackets inside strings are text, not values.
      const text = JSON.stringify(jsonLogsRequest([{ body: { stringValue: '{[,'.repeat(500_000) } }]));
      assert.equal((await request(port, { headers: JSON_H, body: text })).status, 200);
      assert.equal(records.length, 1);
      await stillServing();
    });

    it('more records than maxRecordsPerRequest is a 413; more attributes than maxAttributesPerRecord rejects that record only', async () => {
      const small = await startReceiver({ maxRecordsPerRequest: 100, maxAttributesPerRecord: 10 });
      try {
        const many = JSON.stringify(jsonLogsRequest(Array.from({ length: 101 }, () => ({ body: { stringValue: 'x' } }))));
        const r = await request(small.port, { headers: JSON_H, body: many });
        assert.equal(r.status, 413);
        assert.match(JSON.parse(r.body.toString()).message, /101 log records; the limit is 100 per request/);
        const attrs = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: { intValue: i } }));
        const mixed = JSON.stringify(jsonLogsRequest([{ body: { stringValue: 'wide' }, attributes: attrs(11) }, { body: { stringValue: 'fine' }, attributes: attrs(10) }]));
        const p = await request(small.port, { headers: JSON_H, body: mixed });
        assert.equal(p.status, 200);
        assert.deepEqual(JSON.parse(p.body.toString()), { partialSuccess: { rejectedLogRecords: '1', errorMessage: 'a log record has 11 attributes; the limit is 10' } });
        assert.deepEqual(small.records.map((x) => x.body), ['fine']);
      } finally {
        await small.receiver.close();
      }
    });

    it('bodies held at once are bounded: past maxBufferedBytes a request gets 503 with Retry-After, and is served once room is back', async () => {
      const small = await startReceiver({ maxBufferedBytes: 256 * 1024 });
      try {
        // A sender uploading slowly holds 200 KiB of the budget.
        const held = JSON.stringify(jsonLogsRequest([{ body: { stringValue: 'h'.repeat(220 * 1024) } }]));
        let heldStatus = 0;
        const slow = http.request({ host: '127.0.0.1', port: small.port, method: 'POST', path: '/v1/logs', agent: false, headers: { ...JSON_H, 'Content-Length': Buffer.byteLength(held) } }, (res) => {
          heldStatus = res.statusCode ?? 0;
          res.resume();
        });
        slow.on('error', () => undefined);
        slow.write(held.slice(0, 200 * 1024));
        await waitFor(() => small.receiver.bufferedBytes >= 200 * 1024, 'the slow upload\'s first 200 KiB to be held');
        const big = JSON.stringify(jsonLogsRequest([{ body: { stringValue: 'b'.repeat(100 * 1024) } }]));
        const refused = await request(small.port, { headers: JSON_H, body: big });
        assert.equal(refused.status, 503);
        assert.equal(refused.headers['retry-after'], '1');
        assert.match(JSON.parse(refused.body.toString()).message, /retry shortly/);
        slow.end(held.slice(200 * 1024));
        await waitFor(() => heldStatus === 200, 'the slow upload to complete');
        assert.equal((await request(small.port, { headers: JSON_H, body: big })).status, 200, 'served once the budget is free');
        assert.equal(small.receiver.bufferedBytes, 0);
      } finally {
        await small.receiver.close();
      }
    });
  });

  describe('idle and slow connections', () => {
    it('32 silent sockets do not lock good clients out: each new client is served and the oldest idle socket is closed', async () => {
      const own = await startReceiver();
      const silent: Awaited<ReturnType<typeof rawSocket>>[] = [];
      try {
        for (let i = 0; i < 32; i++) silent.push(await rawSocket(own.port));
        await waitFor(() => own.receiver.stats.openConnections === 32, '32 open connections');
        for (let i = 0; i < 5; i++) assert.equal((await request(own.port, { headers: JSON_H, body: ONE })).status, 200, `good client ${i}`);
        assert.equal(own.records.length, 5);
        await waitFor(() => silent[0].closed(), 'the oldest silent socket to be closed');
        assert.ok(own.receiver.stats.droppedConnections >= 1);
        assert.ok(!silent[31].closed(), 'the newest silent socket stays until it times out');
      } finally {
        for (const s of silent) s.socket.destroy();
        await own.receiver.close();
      }
    });

    it('32 slow-header sockets (slowloris) do not lock good clients out', async () => {
      const own = await startReceiver();
      const slow: Awaited<ReturnType<typeof rawSocket>>[] = [];
      try {
        for (let i = 0; i < 32; i++) {
          const s = await rawSocket(own.port);
          s.socket.write('POST /v1/logs HTTP/1.1\r\nHost: localhost\r\nContent-Type: appli');
          slow.push(s);
        }
        await waitFor(() => own.receiver.stats.openConnections === 32, '32 open connections');
        for (let i = 0; i < 5; i++) assert.equal((await request(own.port, { headers: JSON_H, body: ONE })).status, 200, `good client ${i}`);
        assert.equal(own.records.length, 5);
      } finally {
        for (const s of slow) s.socket.destroy();
        await own.receiver.close();
      }
    });

    it('a connection that goes quiet (before its headers, inside them, or inside its body) is closed after idleTimeoutMs', async () => {
      const own = await startReceiver({ idleTimeoutMs: 300 });
      try {
        const silent = await rawSocket(own.port);
        const headers = await rawSocket(own.port);
        headers.socket.write('POST /v1/logs HTTP/1.1\r\nHost: localhost\r\n');
        const upload = await rawSocket(own.port);
        upload.socket.write(`POST /v1/logs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${ONE.length}\r\n\r\n${ONE.slice(0, 10)}`);
        await waitFor(() => silent.closed() && headers.closed() && upload.closed(), 'the three quiet connections to be closed', 15_000);
        assert.equal(own.receiver.stats.openConnections, 0);
        assert.equal((await request(own.port, { headers: JSON_H, body: ONE })).status, 200);
      } finally {
        await own.receiver.close();
      }
    });
  });

  describe('values of the wrong type', () => {
    const good = { body: { stringValue: 'good' } };

    it('a scope name or version that is not a string rejects that scope\'s records (partialSuccess), never a 500', async () => {
      for (const scope of [{ name: { toString: 1 } }, { name: 5 }, { name: 'app', version: true }, { name: ['x'] }]) {
        const req = {
          resourceLogs: [{ scopeLogs: [
            { scope, logRecords: [{ body: { stringValue: 'bad' } }, { body: { stringValue: 'bad' } }] },
            { scope: { name: 'app' }, logRecords: [good] },
          ] }],
        };
        const r = await request(port, { headers: JSON_H, body: JSON.stringify(req) });
        assert.equal(r.status, 200, JSON.stringify(scope));
        assert.equal(JSON.parse(r.body.toString()).partialSuccess.rejectedLogRecords, '2');
      }
      assert.deepEqual(records.map((x) => x.body), ['good', 'good', 'good', 'good']);
    });

    it('an out-of-range or malformed timestamp rejects that record; the batch\'s valid records are kept', async () => {
      const times = ['99999999999999999999999', '18446744073709551616', '-1', 1e30, -5, 'soon', { low: 'x', high: 0, toString: 1 }];
      const bad = times.map((t) => ({ timeUnixNano: t, body: { stringValue: 'bad' } }));
      const r = await request(port, { headers: JSON_H, body: JSON.stringify(jsonLogsRequest([...bad, { observedTimeUnixNano: '-3', body: { stringValue: 'bad' } }, good, { timeUnixNano: '18446744073709551615', body: { stringValue: 'max' } }])) });
      assert.equal(r.status, 200);
      const partial = JSON.parse(r.body.toString()).partialSuccess;
      assert.equal(partial.rejectedLogRecords, String(times.length + 1));
      assert.match(partial.errorMessage, /timeUnixNano is not a time from 0 to 2\^64-1 nanoseconds/);
      assert.deepEqual(records.map((x) => x.body), ['good', 'max']);
      assert.ok(records.every((x) => Number.isFinite(new Date(x.timeMs).getTime())));
    });

    it('values whose toString or valueOf is not a function are read as data, never called (no 500)', async () => {
      const trap = { toString: 1, valueOf: 1 };
      const req = jsonLogsRequest([
        { body: { stringValue: trap } },
        { body: { doubleValue: trap } },
        { body: { intValue: trap } },
        { body: { stringValue: 'x' }, attributes: [{ key: 'a', value: { stringValue: trap } }] },
        good,
      ]);
      const r = await request(port, { headers: JSON_H, body: JSON.stringify(req) });
      assert.equal(r.status, 200);
      assert.equal(records.length, 5);
      assert.equal(records[0].body, '{"toString":1,"valueOf":1}');
    });

    it('a span name or status message that is not a string rejects that span (partialSuccess), the others are kept', async () => {
      const span = (name: unknown, message: unknown = 'm') => ({ traceId: TRACE_ID, spanId: SPAN_ID, name, status: { code: 2, message } });
      const req = { resourceSpans: [{ scopeSpans: [{ scope: { name: { toString: 1 } }, spans: [span({ toString: 1 }), span(7), span('ok'), span('bad status', { toString: 1 })] }] }] };
      const r = await request(port, { path: '/v1/traces', headers: JSON_H, body: JSON.stringify(req) });
      assert.equal(r.status, 200);
      assert.deepEqual(JSON.parse(r.body.toString()), { partialSuccess: { rejectedSpans: '3', errorMessage: 'span name is not a string' } });
      await waitFor(() => spans.length === 1, 'the valid span');
      assert.equal(spans[0].name, 'ok');
      await stillServing();
    });
  });
});
