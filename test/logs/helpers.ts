import * as http from 'node:http';
import type { LogRecord } from '../../server/src/logs/model';
import { OtlpReceiver, type ReceiverOptions } from '../../server/src/logs/receiver';

/** Polls `cond` until it holds; fails with `what` after `timeoutMs`. Waiting on a condition, never a fixed sleep. */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A receiver on a free loopback port collecting what it gets. Close it in `after`. */
export async function startReceiver(extra: Partial<ReceiverOptions> = {}): Promise<{ receiver: OtlpReceiver; port: number; records: LogRecord[] }> {
  const records: LogRecord[] = [];
  const receiver = new OtlpReceiver({ port: 0, onRecords: (r) => records.push(...r), ...extra });
  const started = await receiver.start();
  if (!started.ok) throw new Error(started.error.message);
  return { receiver, port: started.port, records };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with a fresh connection; resolves with the response even if the server cut the upload short. */
export function request(port: number, opts: { method?: string; path?: string; headers?: Record<string, string | number>; body?: Buffer | string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path ?? '/v1/logs', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

export const TRACE_ID = '5b8efff798038103d269b633813fc60c';
export const SPAN_ID = 'eee19b7ec3c1b174';

/** A small OTLP/JSON logs request; int64 fields as strings or numbers as the caller chooses. */
export function jsonLogsRequest(records: object[], service = 'checkout'): object {
  return {
    resourceLogs: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeLogs: [{ scope: { name: 'app', version: '1.0' }, logRecords: records }],
    }],
  };
}
