/** Reads an HTTP request body with a hard size limit on both the wire bytes and the gunzipped bytes. */
import type { IncomingMessage } from 'node:http';
import * as zlib from 'node:zlib';

export type BodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; status: 400 | 413 | 415 | 503; message: string };

/**
 * Bytes of bodies held at once by all requests together: 32 connections each uploading 16 MiB must not hold
 * 512 MiB. A request that would go over it is answered 503 (OTLP clients retry it later). The receiver gives
 * the bytes of a successful read back with `release` once it has decoded the body.
 */
export class BodyBudget {
  used = 0;

  constructor(readonly max: number) {}

  take(n: number): boolean {
    if (this.used + n > this.max) return false;
    this.used += n;
    return true;
  }

  release(n: number): void {
    this.used = Math.max(0, this.used - n);
  }
}

/**
 * Collects the body, gunzipping when `Content-Encoding: gzip`. Stops at `limit` bytes (checked on the
 * declared length, on the wire and after decompression, so neither a 50 MB upload nor a gzip bomb is
 * buffered). On failure the request is left paused; the caller answers with `Connection: close`.
 */
export function readBody(req: IncomingMessage, limit: number, budget: BodyBudget = new BodyBudget(Infinity)): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.pause();
    return Promise.resolve({ ok: false, status: 413, message: `request body is ${declared} bytes; the limit is ${limit}` });
  }
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'identity' && encoding !== '') {
    req.pause();
    return Promise.resolve({ ok: false, status: 415, message: `unsupported Content-Encoding: ${encoding}` });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let wire = 0;
    let size = 0;
    let done = false;
    const gunzip = encoding === 'gzip' ? zlib.createGunzip() : undefined;
    const finish = (r: BodyResult) => {
      if (done) return;
      done = true;
      if (!r.ok) {
        req.pause();
        req.removeListener('data', onWire);
        gunzip?.destroy();
        budget.release(size);
        chunks.length = 0;
      }
      resolve(r);
    };
    const tooLarge = () => finish({ ok: false, status: 413, message: `request body exceeds the limit of ${limit} bytes` });
    const onData = (chunk: Buffer) => {
      if (done) return;
      if (size + chunk.length > limit) return tooLarge();
      if (!budget.take(chunk.length)) return finish({ ok: false, status: 503, message: 'the receiver is holding as many request bodies as it may; retry shortly' });
      size += chunk.length;
      chunks.push(chunk);
    };
    const onWire = (chunk: Buffer) => {
      wire += chunk.length;
      if (wire > limit) return tooLarge();
      if (gunzip) gunzip.write(chunk);
      else onData(chunk);
    };
    req.on('data', onWire);
    req.on('error', () => finish({ ok: false, status: 400, message: 'the request was aborted' }));
    if (gunzip) {
      gunzip.on('data', onData);
      gunzip.on('error', (e) => finish({ ok: false, status: 400, message: `invalid gzip body: ${e.message}` }));
      gunzip.on('end', () => finish({ ok: true, body: Buffer.concat(chunks, size) }));
      req.on('end', () => gunzip.end());
    } else {
      req.on('end', () => finish({ ok: true, body: Buffer.concat(chunks, size) }));
    }
  });
}
