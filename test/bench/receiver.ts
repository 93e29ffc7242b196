/**
 * Figure 5, the OTLP/HTTP log receiver end to end (HTTP POST → decode → RecordStore), JSON and protobuf,
 * batches of 512 records (the SDK batch processor's default), 8 concurrent keep-alive connections, sender
 * and receiver in this one process. Baseline: `JSON.parse` of the same JSON payloads (the floor for JSON).
 * Then the memory with 100,000 records stored (the process's heap after a full GC, and its peak RSS).
 */
import * as http from 'node:http';
import { encodeLogsRequest } from '../../server/src/logs/protobuf';
import { OtlpReceiver } from '../../server/src/logs/receiver';
import { RecordStore } from '../../server/src/logs/store';
import { cell, mb, progress, runFigure, stats, type Row } from './table';

const BATCH = 512;
const BATCHES = 200;
const CONCURRENCY = 8;
const RUNS = 5;
const STORED = 100_000;

function batch(json: boolean, offset = 0): object {
  const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
  const logRecords = Array.from({ length: BATCH }, (_, k) => {
    const i = offset + k;
    return {
      timeUnixNano: json ? `${1_700_000_000_000_000_000n + BigInt(i)}` : 1_700_000_000_000_000_000 + i,
      observedTimeUnixNano: json ? '1700000000000000000' : 1_700_000_000_000_000_000,
      severityNumber: 9,
      severityText: 'INFO',
      body: { stringValue: `order ${i} placed for customer ${i * 7}` },
      attributes: [
        { key: 'order.id', value: { intValue: i } },
        { key: 'customer.tier', value: { stringValue: 'gold' } },
        { key: 'http.route', value: { stringValue: '/orders/:id' } },
        { key: 'code.filepath', value: { stringValue: 'src/orders/place.ts' } },
        { key: 'code.lineno', value: { intValue: 42 } },
      ],
      traceId: json ? hex(i + 1, 32) : Buffer.from(hex(i + 1, 32), 'hex'),
      spanId: json ? hex(i + 1, 16) : Buffer.from(hex(i + 1, 16), 'hex'),
    };
  });
  return {
    resourceLogs: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }, { key: 'host.name', value: { stringValue: 'bench' } }] },
      scopeLogs: [{ scope: { name: 'orders', version: '1.0.0' }, logRecords }],
    }],
  };
}

const body = (kind: 'json' | 'protobuf', offset = 0) => (kind === 'json' ? Buffer.from(JSON.stringify(batch(true, offset))) : Buffer.from(encodeLogsRequest(batch(false, offset))));

async function withReceiver<T>(store: RecordStore, fn: (port: number) => Promise<T>): Promise<T> {
  const receiver = new OtlpReceiver({ port: 0, onRecords: (r) => store.push(r) });
  const started = await receiver.start();
  if (!started.ok) throw new Error(started.error.message);
  try {
    return await fn(started.port);
  } finally {
    await receiver.close();
  }
}

function post(port: number, kind: 'json' | 'protobuf', payload: Buffer, agent?: http.Agent): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/logs', agent, headers: { 'Content-Type': kind === 'json' ? 'application/json' : 'application/x-protobuf' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Records per second over BATCHES posts of one payload, CONCURRENCY at a time. */
async function throughput(kind: 'json' | 'protobuf', payload: Buffer): Promise<number> {
  let received = 0;
  const store = new RecordStore(10_000);
  const counting = { push: (r: readonly unknown[]) => { received += r.length; return store.push(r as never); } } as unknown as RecordStore;
  return withReceiver(counting, async (port) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    for (let i = 0; i < 10; i++) await post(port, kind, payload, agent); // warm-up (JIT)
    received = 0;
    let sent = 0;
    const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (sent < BATCHES) {
        sent++;
        await post(port, kind, payload, agent);
      }
    }));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    agent.destroy();
    if (received !== BATCHES * BATCH) throw new Error(`received ${received} records, sent ${BATCHES * BATCH}`);
    return received / seconds;
  });
}

function jsonParseRate(payload: Buffer): number {
  for (let i = 0; i < 10; i++) JSON.parse(payload.toString('utf8'));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < BATCHES; i++) JSON.parse(payload.toString('utf8'));
  return (BATCHES * BATCH) / (Number(process.hrtime.bigint() - t0) / 1e9);
}

async function memory(): Promise<{ heap: number; perRecord: number; peakRss: number; stored: number; wire: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  const store = new RecordStore(STORED);
  let wire = 0;
  await withReceiver(store, async (port) => {
    for (let i = 0; i < Math.ceil(STORED / BATCH); i++) {
      const payload = body('protobuf', i * BATCH); // distinct records, as a real service sends
      wire += payload.length;
      await post(port, 'protobuf', payload);
    }
  });
  gc();
  const heap = process.memoryUsage().heapUsed;
  return { heap, perRecord: (heap - before) / store.size, peakRss: process.resourceUsage().maxRSS * 1024, stored: store.size, wire };
}

async function figure(): Promise<Row[]> {
  const F = '5 OTLP receiver';
  const json = body('json');
  const proto = body('protobuf');
  const rates: Record<'json' | 'protobuf' | 'parse', number[]> = { json: [], protobuf: [], parse: [] };
  for (let i = 0; i < RUNS; i++) {
    progress(`receiver: run ${i + 1}/${RUNS}`);
    rates.parse.push(jsonParseRate(json));
    rates.json.push(await throughput('json', json));
    rates.protobuf.push(await throughput('protobuf', proto));
  }
  const [sj, sp, sb] = [stats(rates.json), stats(rates.protobuf), stats(rates.parse)];
  const base = `JSON.parse of the same JSON bodies ${cell(sb, 'rec/s', 0)}`;
  const m = await memory();
  return [
    { figure: F, what: `JSON, ${BATCH}-record batches (${(json.length / 1024).toFixed(0)} KiB), HTTP → decode → store, ${CONCURRENCY} connections`, value: cell(sj, 'rec/s', 0), baseline: base, ratio: `${(sj.median / sb.median).toFixed(2)}× the floor`, target: '', verdict: '' },
    { figure: F, what: `protobuf, ${BATCH}-record batches (${(proto.length / 1024).toFixed(0)} KiB), HTTP → decode → store`, value: cell(sp, 'rec/s', 0), baseline: base, ratio: `${(sp.median / sb.median).toFixed(2)}× the floor`, target: '', verdict: '' },
    { figure: F, what: `memory with ${m.stored.toLocaleString('en')} records stored (sent as protobuf, ${mb(m.wire)} on the wire): heap after GC; peak RSS of the process ${mb(m.peakRss)}`, value: `${mb(m.heap)} (${m.perRecord.toFixed(0)} B/record)`, baseline: '', ratio: '', target: '', verdict: '' },
  ];
}

if (require.main === module) runFigure(figure);
export { figure };
