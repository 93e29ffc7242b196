/**
 * OTLP/HTTP receiver (logs, plus traces for span names): plain `node:http`, no editor API, so the extension,
 * the CLI and the tests run the same code. Responses follow the OTLP/HTTP spec's status codes.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './body';
import type { LogRecord, SpanSummary } from './model';
import { normalizeLogs, normalizeSpans, ShapeError } from './otlp';
import { decodeLogsRequest, decodeTracesRequest, encodeExportResponse, encodeStatus } from './protobuf';

export interface ReceiverOptions {
  /** Defaults to 127.0.0.1: nothing but this machine can send unless the user asks for another address. */
  host?: string;
  /** Defaults to 4318 (the OTLP/HTTP port); 0 picks a free one. */
  port?: number;
  /** Largest body accepted, compressed or not (default 16 MiB). */
  maxBodyBytes?: number;
  /** Open connections at once (default 32); more are closed as they arrive, the others keep being served. */
  maxConnections?: number;
  onRecords(records: LogRecord[]): void;
  onSpans?(spans: SpanSummary[]): void;
}

/** Why the receiver could not listen, in words fit for a status bar. */
export interface ListenError {
  code: string;
  host: string;
  port: number;
  message: string;
}

export type StartResult = { ok: true; host: string; port: number } | { ok: false; error: ListenError };

export interface ReceiverStats {
  requests: number;
  records: number;
  rejected: number;
  /** Requests answered with a 4xx status. */
  badRequests: number;
  /** Requests that came with `Content-Encoding: gzip`. */
  gzipped: number;
  /** Connections open now. */
  openConnections: number;
  /** Connections closed on arrival because `maxConnections` were already open. */
  droppedConnections: number;
}

type Signal = 'logs' | 'traces';
const PATHS: Record<string, Signal> = { '/v1/logs': 'logs', '/v1/traces': 'traces' };
const JSON_TYPE = 'application/json';
const PROTO_TYPE = 'application/x-protobuf';
/** gRPC status codes used in error bodies. */
const INVALID_ARGUMENT = 3;

export class OtlpReceiver {
  readonly stats: ReceiverStats = { requests: 0, records: 0, rejected: 0, badRequests: 0, gzipped: 0, openConnections: 0, droppedConnections: 0 };
  private server: http.Server | undefined;
  private readonly limit: number;

  constructor(private readonly options: ReceiverOptions) {
    this.limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
  }

  /** Starts listening. Never throws: a taken port or a bad host comes back as `{ ok: false, error }`. */
  start(): Promise<StartResult> {
    const host = this.options.host ?? '127.0.0.1';
    const port = this.options.port ?? 4318;
    const server = http.createServer((req, res) => {
      // A bug in a sink must cost one request, never the editor's extension host.
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { Connection: 'close' });
        res.end();
      });
    });
    server.keepAliveTimeout = 5000;
    // A sender that opens connections and sends nothing must not hold the slots for long.
    server.headersTimeout = 10_000;
    server.requestTimeout = 60_000;
    server.maxConnections = this.options.maxConnections ?? 32;
    server.on('drop', () => { this.stats.droppedConnections++; });
    server.on('connection', (socket) => {
      this.stats.openConnections++;
      socket.once('close', () => { this.stats.openConnections--; });
    });
    return new Promise((resolve) => {
      server.once('error', (e: NodeJS.ErrnoException) => {
        const code = e.code ?? 'ERROR';
        const message = code === 'EADDRINUSE'
          ? `Port ${port} on ${host} is already in use (another window or an OpenTelemetry Collector?)`
          : code === 'EACCES' ? `Not allowed to listen on ${host}:${port}` : `Cannot listen on ${host}:${port}: ${e.message}`;
        resolve({ ok: false, error: { code, host, port, message } });
      });
      server.listen(port, host, () => {
        this.server = server;
        // Errors after listening (e.g. a client resetting) must not crash the host process.
        server.on('error', () => undefined);
        server.on('clientError', (_e, socket) => socket.destroy());
        resolve({ ok: true, host, port: (server.address() as AddressInfo).port });
      });
    });
  }

  /** The port actually bound (useful with port 0), or undefined when not listening. */
  get port(): number | undefined {
    const a = this.server?.address();
    return a && typeof a === 'object' ? a.port : undefined;
  }

  /** The address actually bound, or undefined when not listening. */
  get address(): string | undefined {
    const a = this.server?.address();
    return a && typeof a === 'object' ? a.address : undefined;
  }

  /** Stops listening and drops open connections. */
  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.stats.requests++;
    const path = (req.url ?? '/').split('?')[0];
    const signal = PATHS[path];
    if (!signal) return this.fail(req, res, 404, JSON_TYPE, `no OTLP endpoint at ${path}`);
    if (req.method !== 'POST') return this.fail(req, res, 405, JSON_TYPE, `${req.method} is not allowed; use POST`, { Allow: 'POST' });
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== JSON_TYPE && type !== PROTO_TYPE) {
      return this.fail(req, res, 415, JSON_TYPE, `unsupported Content-Type '${type}'; use ${PROTO_TYPE} or ${JSON_TYPE}`);
    }
    if (/gzip/i.test(String(req.headers['content-encoding'] ?? ''))) this.stats.gzipped++;
    const body = await readBody(req, this.limit);
    if (!body.ok) return this.fail(req, res, body.status, type, body.message);
    let decoded: unknown;
    try {
      decoded = type === PROTO_TYPE
        ? (signal === 'logs' ? decodeLogsRequest(body.body) : decodeTracesRequest(body.body))
        : JSON.parse(body.body.toString('utf8'));
    } catch (e) {
      return this.fail(req, res, 400, type, `cannot decode the ${type === PROTO_TYPE ? 'protobuf' : 'JSON'} body: ${(e as Error).message}`);
    }
    try {
      if (signal === 'logs') {
        const result = normalizeLogs(decoded, type === PROTO_TYPE ? 'otlp-proto' : 'otlp-json');
        this.stats.records += result.records.length;
        this.stats.rejected += result.rejected;
        if (result.records.length) this.options.onRecords(result.records);
        this.ok(res, type, signal, result.rejected, result.errorMessage);
      } else {
        const spans = normalizeSpans(decoded);
        if (spans.length) this.options.onSpans?.(spans);
        this.ok(res, type, signal, 0, '');
      }
    } catch (e) {
      if (e instanceof ShapeError) return this.fail(req, res, 400, type, e.message);
      throw e;
    }
  }

  private ok(res: http.ServerResponse, type: string, signal: Signal, rejected: number, errorMessage: string): void {
    const body = type === PROTO_TYPE
      ? encodeExportResponse(signal, rejected, errorMessage)
      : JSON.stringify(rejected > 0
        ? { partialSuccess: { [signal === 'logs' ? 'rejectedLogRecords' : 'rejectedSpans']: String(rejected), errorMessage } }
        : {});
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  /** Error response with a google.rpc.Status body in the request's encoding. Unread bodies close the connection. */
  private fail(req: http.IncomingMessage, res: http.ServerResponse, status: number, type: string, message: string, extra: Record<string, string> = {}): void {
    this.stats.badRequests++;
    const proto = type === PROTO_TYPE;
    const body = proto ? encodeStatus(INVALID_ARGUMENT, message) : JSON.stringify({ code: INVALID_ARGUMENT, message });
    const headers: Record<string, string | number> = { 'Content-Type': proto ? PROTO_TYPE : JSON_TYPE, 'Content-Length': Buffer.byteLength(body), ...extra };
    // Reading the rest of a 50 MB body just to keep the connection alive is the cost we are avoiding.
    if (!req.complete) headers.Connection = 'close';
    res.writeHead(status, headers);
    res.end(body);
  }
}
