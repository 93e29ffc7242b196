/**
 * OTLP receiver throughput (records/s, JSON and protobuf, batches of 512 like the SDK's batch processor) and
 * memory with 100,000 records stored. Run: npm run build && npx tsc -p . && node --expose-gc out/test/bench/receiver.js
 */
import * as http from 'node:http';
import type { LogRecord } from '../../server/src/logs/model';
import { encodeLogsRequest } from '../../server/src/logs/protobuf';
import { OtlpReceiver } from '../../server/src/logs/receiver';
import { RecordStore } from '../../server/src/logs/store';

const BATCH = 512;
const BATCHES = 400;
const CONCURRENCY = 8;

function batch(json: boolean): object {
  const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
  const logRecords = Array.from({ length: BATCH }, (_, i) => ({
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
  }));
  return {
    resourceLogs: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }, { key: 'host.name', value: { stringValue: 'bench' } }] },
      scopeLogs: [{ scope: { name: 'orders', version: '1.0.0' }, logRecords }],
    }],
  };
}

async function run(kind: 'json' | 'protobuf'): Promise<{ perSecond: number; bytes: number }> {
  let received = 0;
  const receiver = new OtlpReceiver({ port: 0, onRecords: (r) => (received += r.length) });
  const started = await receiver.start();
  if (!started.ok) throw new Error(started.error.message);
  const body = kind === 'json' ? Buffer.from(JSON.stringify(batch(true))) : Buffer.from(encodeLogsRequest(batch(false)));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const post = () => new Promise<void>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: started.port, method: 'POST', path: '/v1/logs', agent, headers: { 'Content-Type': kind === 'json' ? 'application/json' : 'application/x-protobuf' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
  for (let i = 0; i < 20; i++) await post(); // warm-up (JIT)
  received = 0;
  let sent = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (sent < BATCHES) {
      sent++;
      await post();
    }
  }));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  await receiver.close();
  if (received !== BATCHES * BATCH) throw new Error(`received ${received}`);
  return { perSecond: received / seconds, bytes: body.length };
}

async function memory(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const store = new RecordStore(100_000);
  const receiver = new OtlpReceiver({ port: 0, onRecords: (r: LogRecord[]) => store.push(r) });
  const started = await receiver.start();
  if (!started.ok) throw new Error(started.error.message);
  const body = Buffer.from(encodeLogsRequest(batch(false)));
  for (let i = 0; i < Math.ceil(100_000 / BATCH); i++) {
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: started.port, method: 'POST', path: '/v1/logs', headers: { 'Content-Type': 'application/x-protobuf' } }, (res) => res.resume().on('end', resolve));
      req.on('error', reject);
      req.end(body);
    });
  }
  await receiver.close();
  gc?.();
  const after = process.memoryUsage();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  process.stdout.write(`memory with ${store.size} records stored: heapUsed ${mb(after.heapUsed)} (+${mb(after.heapUsed - before.heapUsed)}, ${((after.heapUsed - before.heapUsed) / store.size).toFixed(0)} B/record), rss ${mb(after.rss)} (+${mb(after.rss - before.rss)})${gc ? '' : ' [run with --expose-gc for stable numbers]'}\n`);
}

async function main(): Promise<void> {
  process.stdout.write(`node ${process.version}; ${BATCHES} batches of ${BATCH} records, ${CONCURRENCY} concurrent keep-alive connections, receiver and sender in one process\n`);
  for (const kind of ['json', 'protobuf'] as const) {
    const r = await run(kind);
    process.stdout.write(`${kind.padEnd(8)} ${Math.round(r.perSecond).toLocaleString('en')} records/s (${(r.bytes / 1024).toFixed(0)} KiB per batch)\n`);
  }
  await memory();
}

void main();
