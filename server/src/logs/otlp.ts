/** ExportLogsServiceRequest / ExportTraceServiceRequest (decoded protobuf or parsed JSON) → the record model. */
import { codeLocation, nanosToMs, severityFromText, severityName, type JsonValue, type LogRecord, type RecordSource, type SpanSummary } from './model';
import { anyValue, asArray, asObject, field, idHex, keyValues, renderValue, unixNanos, type Loose } from './values';

/** Thrown when the request is not an OTLP request at all (→ HTTP 400). */
export class ShapeError extends Error {}

/** Thrown when the request holds more records than one request may (→ HTTP 413). */
export class LimitError extends Error {}

export interface NormalizeLimits {
  /** Records (spans) in one request; more throws a LimitError. */
  maxRecords: number;
  /** Attributes of one record; a record with more is rejected. */
  maxAttributes: number;
}

export const DEFAULT_NORMALIZE_LIMITS: NormalizeLimits = { maxRecords: 50_000, maxAttributes: 1_000 };

export interface LogsResult {
  records: LogRecord[];
  /** Records that were present but invalid (→ `partialSuccess.rejectedLogRecords`). */
  rejected: number;
  errorMessage: string;
}

export interface SpansResult {
  spans: SpanSummary[];
  /** Spans that were present but invalid (→ `partialSuccess.rejectedSpans`). */
  rejected: number;
  errorMessage: string;
}

function requestList(req: unknown, key: string): unknown[] {
  const o = asObject(req);
  if (!o) throw new ShapeError('the request body is not an object');
  const list = field(o, key);
  if (list !== undefined && !Array.isArray(list)) throw new ShapeError(`${key} is not an array`);
  return list ?? [];
}

function severityNumber(v: unknown): number {
  if (typeof v === 'number') return v >= 0 && v <= 24 ? Math.trunc(v) : 0;
  // OTLP/JSON says enums are integers, but protobuf-JSON mappers also write names like SEVERITY_NUMBER_WARN.
  if (typeof v === 'string') return /^\d+$/.test(v) ? severityNumber(Number(v)) : severityFromText(v.replace(/^SEVERITY_NUMBER_/, ''));
  return 0;
}

interface Context {
  resource: Record<string, JsonValue>;
  service: string;
  scope: { name: string; version: string };
  source: RecordSource;
  now: number;
  maxAttributes: number;
}

function logRecord(lr: Loose, ctx: Context): LogRecord | string {
  const traceId = idHex(field(lr, 'traceId'), 16);
  const spanId = idHex(field(lr, 'spanId'), 8);
  if (traceId === undefined) return 'invalid trace id';
  if (spanId === undefined) return 'invalid span id';
  const timeUnixNano = unixNanos(field(lr, 'timeUnixNano'));
  const observedTimeUnixNano = unixNanos(field(lr, 'observedTimeUnixNano'));
  if (timeUnixNano === undefined) return 'timeUnixNano is not a time from 0 to 2^64-1 nanoseconds';
  if (observedTimeUnixNano === undefined) return 'observedTimeUnixNano is not a time from 0 to 2^64-1 nanoseconds';
  const attributeList = asArray(field(lr, 'attributes'));
  if (attributeList.length > ctx.maxAttributes) return `a log record has ${attributeList.length} attributes; the limit is ${ctx.maxAttributes}`;
  let timeMs = nanosToMs(timeUnixNano);
  if (Number.isNaN(timeMs)) timeMs = nanosToMs(observedTimeUnixNano);
  if (Number.isNaN(timeMs)) timeMs = ctx.now;
  const sevNum = severityNumber(field(lr, 'severityNumber'));
  const sevText = field(lr, 'severityText');
  const body = anyValue(field(lr, 'body'));
  const attributes = keyValues(attributeList);
  const eventName = field(lr, 'eventName');
  const record: LogRecord = {
    seq: 0,
    timeUnixNano,
    observedTimeUnixNano,
    timeMs,
    severityNumber: sevNum,
    severityText: typeof sevText === 'string' && sevText !== '' ? sevText : severityName(sevNum),
    body: renderValue(body.value),
    bodyKind: body.kind,
    bodyValue: body.value,
    eventName: typeof eventName === 'string' ? eventName : typeof attributes['event.name'] === 'string' ? attributes['event.name'] : '',
    attributes,
    resource: ctx.resource,
    service: ctx.service,
    scope: ctx.scope,
    traceId,
    spanId,
    source: ctx.source,
  };
  const code = codeLocation(attributes);
  if (code) record.code = code;
  return record;
}

function resourceOf(rl: Loose): { resource: Context['resource']; service: string } {
  const resource = keyValues(asObject(field(rl, 'resource'))?.attributes);
  const name = resource['service.name'];
  return { resource, service: typeof name === 'string' ? name : '' };
}

/** The scope's name and version, or why they are unusable (a sender's bug: all of its records are rejected). */
function scopeOf(holder: Loose): { name: string; version: string } | string {
  const scope = asObject(field(holder, 'scope'));
  const name = scope ? field(scope, 'name') : undefined;
  const version = scope ? field(scope, 'version') : undefined;
  if (name !== undefined && typeof name !== 'string') return 'scope.name is not a string';
  if (version !== undefined && typeof version !== 'string') return 'scope.version is not a string';
  return { name: name ?? '', version: version ?? '' };
}

/** Throws a LimitError when the request holds more than `max` items (counted before any is built). */
function checkCount(lists: unknown[][], max: number, noun: string): void {
  let n = 0;
  for (const l of lists) n += l.length;
  if (n > max) throw new LimitError(`the request holds ${n.toLocaleString('en')} ${noun}; the limit is ${max.toLocaleString('en')} per request: send smaller batches`);
}

/** `holders` (resourceLogs / resourceSpans) → [resource holder, scope holders, item lists]. */
function walk(req: unknown, outer: string, middle: string, inner: string): { holder: Loose; scopes: { scope: Loose; items: unknown[] }[] }[] {
  const out: { holder: Loose; scopes: { scope: Loose; items: unknown[] }[] }[] = [];
  for (const raw of requestList(req, outer)) {
    const holder = asObject(raw);
    if (!holder) continue;
    const scopes: { scope: Loose; items: unknown[] }[] = [];
    for (const sRaw of asArray(field(holder, middle))) {
      const scope = asObject(sRaw);
      if (scope) scopes.push({ scope, items: asArray(field(scope, inner)) });
    }
    out.push({ holder, scopes });
  }
  return out;
}

/**
 * Normalizes an ExportLogsServiceRequest. Invalid records (malformed ids, out-of-range times, a scope name that
 * is not a string, too many attributes) are counted, not fatal: the OTLP spec wants the valid part accepted and
 * the rest reported through `partialSuccess`. More records than `limits.maxRecords` throws a LimitError.
 */
export function normalizeLogs(req: unknown, source: RecordSource, now = Date.now(), limits: NormalizeLimits = DEFAULT_NORMALIZE_LIMITS): LogsResult {
  const out: LogsResult = { records: [], rejected: 0, errorMessage: '' };
  const tree = walk(req, 'resourceLogs', 'scopeLogs', 'logRecords');
  checkCount(tree.flatMap((t) => t.scopes.map((s) => s.items)), limits.maxRecords, 'log records');
  for (const { holder: rl, scopes } of tree) {
    const { resource, service } = resourceOf(rl);
    for (const { scope: sl, items } of scopes) {
      const scope = scopeOf(sl);
      if (typeof scope === 'string') {
        out.rejected += items.length;
        out.errorMessage ||= scope;
        continue;
      }
      const ctx: Context = { resource, service, scope, source, now, maxAttributes: limits.maxAttributes };
      for (const lrRaw of items) {
        const lr = asObject(lrRaw);
        const r = lr ? logRecord(lr, ctx) : 'a log record is not an object';
        if (typeof r === 'string') {
          out.rejected++;
          out.errorMessage ||= r;
        } else out.records.push(r);
      }
    }
  }
  return out;
}

function statusCode(code: unknown): number {
  if (typeof code === 'number') return Number.isInteger(code) ? code : 0;
  if (code === 'STATUS_CODE_ERROR') return 2;
  if (code === 'STATUS_CODE_OK') return 1;
  return code === '1' || code === '2' ? Number(code) : 0;
}

/**
 * Normalizes an ExportTraceServiceRequest down to what the panel shows per span. Spans without ids are skipped
 * as before; a span whose name or status message is not a string is rejected (counted, the others kept).
 */
export function normalizeSpans(req: unknown, limits: NormalizeLimits = DEFAULT_NORMALIZE_LIMITS): SpansResult {
  const out: SpansResult = { spans: [], rejected: 0, errorMessage: '' };
  const tree = walk(req, 'resourceSpans', 'scopeSpans', 'spans');
  checkCount(tree.flatMap((t) => t.scopes.map((s) => s.items)), limits.maxRecords, 'spans');
  const reject = (why: string) => {
    out.rejected++;
    out.errorMessage ||= why;
  };
  for (const { holder: rs, scopes } of tree) {
    const { service } = resourceOf(rs);
    for (const { items } of scopes) {
      for (const spRaw of items) {
        const sp = asObject(spRaw);
        if (!sp) continue;
        const traceId = idHex(field(sp, 'traceId'), 16);
        const spanId = idHex(field(sp, 'spanId'), 8);
        if (!traceId || !spanId) continue;
        const status = asObject(field(sp, 'status'));
        const name = field(sp, 'name');
        const message = status ? field(status, 'message') : undefined;
        if (name !== undefined && typeof name !== 'string') { reject('span name is not a string'); continue; }
        if (message !== undefined && typeof message !== 'string') { reject('status.message is not a string'); continue; }
        out.spans.push({ traceId, spanId, service, name: name ?? '', statusCode: statusCode(status ? field(status, 'code') : 0), statusMessage: message ?? '' });
      }
    }
  }
  return out;
}
