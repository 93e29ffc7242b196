/** Receiver status codes, bad input, limits, floods and port conflicts; it must keep serving after each. */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as zlib from 'node:zlib';
import type { LogRecord, SpanSummary } from '../../server/src/logs/model';
import { encodeLogsRequest, encodeTracesRequest } from '../../server/src/logs/protobuf';
import { OtlpReceiver } from '../../server/src/logs/receiver';
import { jsonLogsRequest, request, SPAN_ID, startReceiver, TRACE_ID, waitFor } from './helpers';

const JSON_H = { 'Content-Type': 'application/json' };
const PROTO_H = { 'Content-Type': 'application/x-protobuf' };
const ONE = JSON.stringify(jsonLogsRequest([{ timeUnixNano: '1', body: { stringValue: 'ok' } }]));

describe('logs receiver: protocol and robustness', () => {
  let receiver: OtlpReceiver;
  let port: number;
  let records: LogRecord[];
  const spans: SpanSummary[] = [];

  before(async () => ({ receiver, port, records } = await startReceiver({ maxBodyBytes: 1024 * 1024, onSpans: (s) => spans.push(...s) })));
  after(() => receiver.close());
  beforeEach(() => (records.length = 0));

  /** After every bad request the receiver still takes a good one. */
  async function stillServing(): Promise<void> {
    const before = records.length;
    const r = await request(port, { headers: JSON_H, body: ONE });
    assert.equal(r.status, 200);
    assert.equal(records.length, before + 1);
  }

  it('JSON: 200 with an empty ExportLogsServiceResponse; int64 as numbers or strings; severity by name', async () => {
    const body = jsonLogsRequest([
      { timeUnixNano: '1700000000000000001', severityNumber: 17, body: { intValue: '9007199254740993' } },
      { timeUnixNano: 1700000000000000000, observedTimeUnixNano: 1700000000000000000, severityNumber: 'SEVERITY_NUMBER_WARN', body: { intValue: 5 } },
      { time_unix_nano: '5', severity_text: 'info', body: { string_value: 'snake case' }, trace_id: TRACE_ID, span_id: SPAN_ID },
    ]);
    const r = await request(port, { headers: JSON_H, body: JSON.stringify(body) });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(r.body.toString()), {});
    assert.deepEqual(records.map((x) => [x.timeUnixNano, x.severityNumber, x.severityText, x.body]), [
      ['1700000000000000001', 17, 'ERROR', '9007199254740993'],
      ['1700000000000000000', 13, 'WARN', '5'],
      ['5', 0, 'info', 'snake case'],
    ]);
    assert.equal(records[2].traceId, TRACE_ID);
  });

  it('partialSuccess counts records with malformed ids (JSON and protobuf)', async () => {
    const bad = jsonLogsRequest([{ body: { stringValue: 'good' } }, { body: { stringValue: 'bad' }, traceId: 'xyz' }]);
    const r = await request(port, { headers: JSON_H, body: JSON.stringify(bad) });
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body.toString()), { partialSuccess: { rejectedLogRecords: '1', errorMessage: 'invalid trace id' } });
    const proto = encodeLogsRequest(jsonLogsRequest([{ body: { stringValue: 'p' }, spanId: Buffer.from('abc') }]));
    const p = await request(port, { headers: PROTO_H, body: Buffer.from(proto) });
    assert.equal(p.status, 200);
    assert.equal(p.headers['content-type'], 'application/x-protobuf');
    assert.ok(p.body.includes(Buffer.from('invalid span id')), 'error message in the protobuf response');
    assert.deepEqual(records.map((x) => x.body), ['good']);
  });

  it('malformed protobuf → 400 with a google.rpc.Status body', async () => {
    const r = await request(port, { headers: PROTO_H, body: Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]) });
    assert.equal(r.status, 400);
    assert.equal(r.body[0], 0x08, 'Status.code field');
    await stillServing();
  });

  it('malformed JSON and non-OTLP JSON → 400', async () => {
    assert.equal((await request(port, { headers: JSON_H, body: '{"resourceLogs": [' })).status, 400);
    const shape = await request(port, { headers: JSON_H, body: '{"resourceLogs": 5}' });
    assert.equal(shape.status, 400);
    assert.match(JSON.parse(shape.body.toString()).message, /resourceLogs/);
    assert.equal((await request(port, { headers: JSON_H, body: '[]' })).status, 400);
    await stillServing();
  });

  it('gzip: a whole stream is accepted, a truncated one is 400, an unknown encoding is 415', async () => {
    const gz = zlib.gzipSync(ONE);
    assert.equal((await request(port, { headers: { ...JSON_H, 'Content-Encoding': 'gzip' }, body: gz })).status, 200);
    assert.equal((await request(port, { headers: { ...JSON_H, 'Content-Encoding': 'gzip' }, body: gz.subarray(0, gz.length - 10) })).status, 400);
    assert.equal((await request(port, { headers: { ...JSON_H, 'Content-Encoding': 'br' }, body: ONE })).status, 415);
    await stillServing();
  });

  it('404 for other paths, 405 for other methods, 415 for other content types', async () => {
    assert.equal((await request(port, { path: '/v1/metrics', headers: JSON_H, body: ONE })).status, 404);
    const get = await request(port, { method: 'GET' });
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
    assert.equal((await request(port, { headers: { 'Content-Type': 'text/plain' }, body: ONE })).status, 415);
    assert.equal((await request(port, { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: ONE })).status, 200);
    await stillServing();
  });

  it('a 50 MB body gets 413 before it is read: declared length and chunked upload', async () => {
    const declared = await request(port, { headers: { ...JSON_H, 'Content-Length': 50 * 1024 * 1024 }, body: Buffer.alloc(0) }).catch((e: Error) => e);
    assert.ok(!(declared instanceof Error) && declared.status === 413, String(declared));
    // Chunked: the client keeps writing until the response comes; it must come long before 50 MB.
    const sent = await new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      let bytes = 0;
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/logs', headers: JSON_H, agent: false }, (res) => {
        resolve({ status: res.statusCode ?? 0, bytes });
        res.resume();
        req.destroy();
      });
      req.on('error', (e) => (bytes < 50 * 1024 * 1024 ? undefined : reject(e)));
      const pump = () => {
        while (bytes < 50 * 1024 * 1024) {
          bytes += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    assert.equal(sent.status, 413);
    assert.ok(sent.bytes < 50 * 1024 * 1024, `server answered after ${sent.bytes} bytes`);
    // A gzip bomb: small on the wire, over the limit once inflated.
    const bomb = zlib.gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20));
    assert.equal((await request(port, { headers: { ...JSON_H, 'Content-Encoding': 'gzip' }, body: bomb })).status, 413);
    await stillServing();
  });

  it('a flood of 500 requests, 50 at a time over 32 keep-alive sockets (the connection cap), all get 200 and every record is kept', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    const proto = Buffer.from(encodeLogsRequest(jsonLogsRequest([{ body: { stringValue: 'p' } }, { body: { stringValue: 'q' } }])));
    try {
      let next = 0;
      const statuses: number[] = [];
      const worker = async () => {
        while (next < 500) {
          const i = next++;
          const status = await new Promise<number>((resolve, reject) => {
            const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/logs', agent, headers: i % 2 ? PROTO_H : JSON_H }, (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            });
            req.on('error', reject);
            req.end(i % 2 ? proto : ONE);
          });
          statuses.push(status);
        }
      };
      await Promise.all(Array.from({ length: 50 }, worker));
      assert.equal(statuses.length, 500);
      assert.ok(statuses.every((s) => s === 200));
      assert.equal(records.length, 250 * 1 + 250 * 2);
    } finally {
      agent.destroy();
    }
    // The 32 closes reach the server on its own time; until then a 33rd connection would be over the cap.
    await waitFor(() => receiver.stats.openConnections === 0, 'the flood\'s connections to close');
    await stillServing();
  });

  it('/v1/traces keeps span names and status (JSON and protobuf)', async () => {
    spans.length = 0;
    const req = {
      resourceSpans: [{
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
        scopeSpans: [{ spans: [{ traceId: TRACE_ID, spanId: SPAN_ID, name: 'POST /orders', status: { code: 2, message: 'boom' } }] }],
      }],
    };
    assert.equal((await request(port, { path: '/v1/traces', headers: JSON_H, body: JSON.stringify(req) })).status, 200);
    const protoReq = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.from(TRACE_ID, 'hex'), spanId: Buffer.from(SPAN_ID, 'hex'), name: 'db', status: { code: 1 } }] }] }] };
    assert.equal((await request(port, { path: '/v1/traces', headers: PROTO_H, body: Buffer.from(encodeTracesRequest(protoReq)) })).status, 200);
    await waitFor(() => spans.length === 2, 'two spans');
    assert.deepEqual(spans[0], { traceId: TRACE_ID, spanId: SPAN_ID, service: 'checkout', name: 'POST /orders', statusCode: 2, statusMessage: 'boom' });
    assert.equal(spans[1].name, 'db');
    assert.equal(spans[1].statusCode, 1);
  });

  it('a taken port is an error result with a clear message, not an exception', async () => {
    const second = new OtlpReceiver({ port, onRecords: () => undefined });
    const r = await second.start();
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.error.code === 'EADDRINUSE' && r.error.message.includes(`Port ${port}`), JSON.stringify(r));
    await second.close();
    await stillServing();
  });

  it('binds loopback only by default: reachable on 127.0.0.1, refused on the machine\'s other addresses', async () => {
    const own = new OtlpReceiver({ port: 0, onRecords: () => undefined });
    const started = await own.start();
    try {
      assert.ok(started.ok);
      assert.equal(own.address, '127.0.0.1');
      const external = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
      if (!external) {
        process.stdout.write('      (no non-loopback IPv4 address on this machine: the refused-from-outside half of this test cannot run)\n');
        return;
      }
      const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
        const s = net.connect(own.port!, external.address);
        s.on('connect', () => { s.destroy(); resolve(undefined); });
        s.on('error', resolve);
      });
      assert.equal(error?.code, 'ECONNREFUSED', `connecting through ${external.address}`);
    } finally {
      await own.close();
    }
  });

  it('at 32 open connections a new one closes the least recently used idle one; the newcomer and the busy ones are served', async () => {
    // Was: the 33rd connection was closed on arrival, so 32 silent sockets locked every good client out (issue 16).
    const capped = await startReceiver();
    const open: net.Socket[] = [];
    const closed = new Set<number>();
    const connect = (i: number) => new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect(capped.port, '127.0.0.1', () => resolve(s));
      s.on('error', (e) => (closed.has(i) ? undefined : reject(e)));
      s.on('close', () => closed.add(i));
    });
    try {
      for (let i = 0; i < 32; i++) open.push(await connect(i));
      await waitFor(() => capped.receiver.stats.openConnections === 32, '32 open connections');
      // The first one sends a request: it is now the most recently used, so another idle one must go first.
      let answer = '';
      open[0].on('data', (c: Buffer) => { answer += c.toString('latin1'); });
      open[0].write(`POST /v1/logs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(ONE)}\r\n\r\n${ONE}`);
      await waitFor(() => answer.includes('\r\n\r\n'), 'an answer on an open connection');
      assert.match(answer, /^HTTP\/1\.1 200 /);
      assert.equal((await request(capped.port, { headers: JSON_H, body: ONE })).status, 200, 'a new connection is served while 32 are open');
      await waitFor(() => closed.has(1), 'the least recently used idle connection (the second) to be closed');
      assert.ok(!closed.has(0), 'the connection that was just used stays open');
      assert.ok(capped.receiver.stats.droppedConnections >= 1);
      assert.ok(capped.receiver.stats.openConnections <= 32);
      assert.equal(capped.records.length, 2);
    } finally {
      for (const s of open) s.destroy();
      await capped.receiver.close();
    }
  });
});
