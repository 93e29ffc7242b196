/**
 * OTLP/HTTP receiver (logs, plus traces for span names): plain `node:http`, no editor API, so the extension,
 * the CLI and the tests run the same code. Responses follow the OTLP/HTTP spec's status codes.
 *
 * What a sender can cost us is bounded: only this machine's names in `Host`/`Origin` (403 otherwise, against
 * DNS rebinding); bodies up to `maxBodyBytes` each and `maxBufferedBytes` together (503 past that); at most
 * `maxRecordsPerRequest` records and `maxValuesPerRequest` decoded values per request, measured before decoding
 * (413); `maxAttributesPerRecord` per record (that record rejected through `partialSuccess`). Connections idle
 * for `idleTimeoutMs` are closed, and when `maxConnections` are open the least recently used idle one is closed
 * to make room, so idle or slow senders never lock good ones out.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { BodyBudget, readBody } from './body';
import { DEFAULT_LIMITS, measureJson, measureProtobuf, type RequestLimits } from './limits';
import type { LogRecord, SpanSummary } from './model';
import { requestAllowed } from './origin';
import { DEFAULT_NORMALIZE_LIMITS, LimitError, normalizeLogs, normalizeSpans, ShapeError, type NormalizeLimits } from './otlp';
import { decodeLogsRequest, decodeTracesRequest, encodeExportResponse, encodeStatus } from './protobuf';

export interface ReceiverOptions {
  /** Defaults to 127.0.0.1: nothing but this machine can send unless the user asks for another address. */
  host?: string;
  /** Defaults to 4318 (the OTLP/HTTP port); 0 picks a free one. */
  port?: number;
  /** Largest body accepted, compressed or not (default 16 MiB). */
  maxBodyBytes?: number;
  /** Open connections at once (default 32); a new one past that closes the least recently used idle one. */
  maxConnections?: number;
  /** A connection that sends nothing for this long is closed (default 5 s); also the time allowed for headers. */
  idleTimeoutMs?: number;
  /** Bytes of request bodies held at once by all connections (default 64 MiB); past it, 503 with Retry-After. */
  maxBufferedBytes?: number;
  /** Log records (or spans) in one request (default 50,000); more is a 413. */
  maxRecordsPerRequest?: number;
  /** Decoded protobuf messages in one request (default 250,000; JSON may hold 4× as many objects, arrays and elements); more is a 413. */
  maxValuesPerRequest?: number;
  /** Attributes of one log record (default 1,000); a record with more is rejected through `partialSuccess`. */
  maxAttributesPerRecord?: number;
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
  /** Connections closed to make room for a new one because `maxConnections` were open. */
  droppedConnections: number;
  /** Requests refused with 403 because `Host` or `Origin` named another machine. */
  forbidden: number;
}

type Signal = 'logs' | 'traces';
const PATHS: Record<string, Signal> = { '/v1/logs': 'logs', '/v1/traces': 'traces' };
const JSON_TYPE = 'application/json';
const PROTO_TYPE = 'application/x-protobuf';
/** gRPC status codes used in error bodies. */
const INVALID_ARGUMENT = 3;

export class OtlpReceiver {
  readonly stats: ReceiverStats = { requests: 0, records: 0, rejected: 0, badRequests: 0, gzipped: 0, openConnections: 0, droppedConnections: 0, forbidden: 0 };
  private server: http.Server | undefined;
  private readonly limit: number;
  private readonly budget: BodyBudget;
  private readonly requestLimits: RequestLimits;
  private readonly normalizeLimits: NormalizeLimits;
  /** Open connections, least recently used first, and whether one is serving a request now. */
  private readonly connections = new Map<Socket, { busy: boolean }>();
  private host = '127.0.0.1';

  constructor(private readonly options: ReceiverOptions) {
    this.limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
    this.budget = new BodyBudget(options.maxBufferedBytes ?? 64 * 1024 * 1024);
    const maxRecords = options.maxRecordsPerRequest ?? DEFAULT_LIMITS.maxRecords;
    this.requestLimits = { maxRecords, maxValues: options.maxValuesPerRequest ?? DEFAULT_LIMITS.maxValues };
    this.normalizeLimits = { maxRecords, maxAttributes: options.maxAttributesPerRecord ?? DEFAULT_NORMALIZE_LIMITS.maxAttributes };
  }

  /** Starts listening. Never throws: a taken port or a bad host comes back as `{ ok: false, error }`. */
  start(): Promise<StartResult> {
    const host = this.options.host ?? '127.0.0.1';
    const port = this.options.port ?? 4318;
    this.host = host;
    const idle = this.options.idleTimeoutMs ?? 5000;
    // Node checks the headers and request timeouts every `connectionsCheckingInterval` (30 s by default, which is
    // how 32 silent sockets used to lock everyone out for up to 90 s).
    const server = http.createServer({ connectionsCheckingInterval: Math.min(1000, idle), headersTimeout: idle, requestTimeout: 30_000, keepAliveTimeout: idle }, (req, res) => {
      // A bug in a sink must cost one request, never the editor's extension host.
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { Connection: 'close' });
        res.end();
      });
    });
    // No traffic for `idle` ms: the socket is closed (an upload that stalls too).
    server.timeout = idle;
    server.on('connection', (socket: Socket) => this.admit(socket));
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

  /** Bytes of request bodies held now by all connections together (bounded by `maxBufferedBytes`). */
  get bufferedBytes(): number {
    return this.budget.used;
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

  /** A new connection: past `maxConnections`, the least recently used idle one (else the oldest) makes room. */
  private admit(socket: Socket): void {
    const max = this.options.maxConnections ?? 32;
    if (this.connections.size >= max) {
      let victim: Socket | undefined;
      for (const [s, state] of this.connections) {
        if (!state.busy) { victim = s; break; }
      }
      victim ??= this.connections.keys().next().value as Socket;
      this.connections.delete(victim);
      this.stats.droppedConnections++;
      victim.destroy();
    }
    this.connections.set(socket, { busy: false });
    this.stats.openConnections = this.connections.size;
    socket.once('close', () => {
      this.connections.delete(socket);
      this.stats.openConnections = this.connections.size;
    });
  }

  /** Marks the request's connection busy until its response is done, and most recently used. */
  private track(req: http.IncomingMessage, res: http.ServerResponse): void {
    const socket = req.socket;
    const state = this.connections.get(socket);
    if (!state) return;
    this.connections.delete(socket);
    this.connections.set(socket, state);
    state.busy = true;
    const done = () => { state.busy = false; };
    res.once('finish', done);
    res.once('close', done);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.stats.requests++;
    this.track(req, res);
    if (!requestAllowed(req.headers.host, req.headers.origin, this.host)) {
      this.stats.forbidden++;
      return this.fail(req, res, 403, JSON_TYPE, 'Host or Origin names another machine: this receiver only takes records sent to this machine (DNS rebinding protection)');
    }
    const path = (req.url ?? '/').split('?')[0];
    const signal = PATHS[path];
    if (!signal) return this.fail(req, res, 404, JSON_TYPE, `no OTLP endpoint at ${path}`);
    if (req.method !== 'POST') return this.fail(req, res, 405, JSON_TYPE, `${req.method} is not allowed; use POST`, { Allow: 'POST' });
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== JSON_TYPE && type !== PROTO_TYPE) {
      return this.fail(req, res, 415, JSON_TYPE, `unsupported Content-Type '${type}'; use ${PROTO_TYPE} or ${JSON_TYPE}`);
    }
    if (/gzip/i.test(String(req.headers['content-encoding'] ?? ''))) this.stats.gzipped++;
    const body = await readBody(req, this.limit, this.budget);
    if (!body.ok) return this.fail(req, res, body.status, type, body.message, body.status === 503 ? { 'Retry-After': '1' } : {});
    try {
      this.process(req, res, signal, type, body.body);
    } finally {
      this.budget.release(body.body.length);
    }
  }

  /** Measure, decode, normalize, hand over, answer: synchronous, so one request's work is one turn of the loop. */
  private process(req: http.IncomingMessage, res: http.ServerResponse, signal: Signal, type: string, body: Buffer): void {
    const proto = type === PROTO_TYPE;
    const measured = proto ? measureProtobuf(body, signal, this.requestLimits) : measureJson(body, this.requestLimits);
    if (!measured.ok) return this.fail(req, res, 413, type, measured.message);
    let decoded: unknown;
    try {
      decoded = proto ? (signal === 'logs' ? decodeLogsRequest(body) : decodeTracesRequest(body)) : JSON.parse(body.toString('utf8'));
    } catch (e) {
      return this.fail(req, res, 400, type, `cannot decode the ${proto ? 'protobuf' : 'JSON'} body: ${(e as Error).message}`);
    }
    try {
      if (signal === 'logs') {
        const result = normalizeLogs(decoded, proto ? 'otlp-proto' : 'otlp-json', Date.now(), this.normalizeLimits);
        this.stats.records += result.records.length;
        this.stats.rejected += result.rejected;
        if (result.records.length) this.options.onRecords(result.records);
        this.ok(res, type, signal, result.rejected, result.errorMessage);
      } else {
        const result = normalizeSpans(decoded, this.normalizeLimits);
        this.stats.rejected += result.rejected;
        if (result.spans.length) this.options.onSpans?.(result.spans);
        this.ok(res, type, signal, result.rejected, result.errorMessage);
      }
    } catch (e) {
      if (e instanceof ShapeError) return this.fail(req, res, 400, type, e.message);
      if (e instanceof LimitError) return this.fail(req, res, 413, type, e.message);
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
