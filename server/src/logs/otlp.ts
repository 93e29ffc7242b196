/** ExportLogsServiceRequest / ExportTraceServiceRequest (decoded protobuf or parsed JSON) → the record model. */
import { codeLocation, nanosToMs, severityFromText, severityName, type JsonValue, type LogRecord, type RecordSource, type SpanSummary } from './model';
import { anyValue, asArray, asObject, field, idHex, int64String, keyValues, renderValue, type Loose } from './values';

/** Thrown when the request is not an OTLP request at all (→ HTTP 400). */
export class ShapeError extends Error {}

export interface LogsResult {
  records: LogRecord[];
  /** Records that were present but invalid (→ `partialSuccess.rejectedLogRecords`). */
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
}

function logRecord(lr: Loose, ctx: Context): LogRecord | string {
  const traceId = idHex(field(lr, 'traceId'), 16);
  const spanId = idHex(field(lr, 'spanId'), 8);
  if (traceId === undefined) return 'invalid trace id';
  if (spanId === undefined) return 'invalid span id';
  const timeUnixNano = int64String(field(lr, 'timeUnixNano')) ?? '0';
  const observedTimeUnixNano = int64String(field(lr, 'observedTimeUnixNano')) ?? '0';
  let timeMs = nanosToMs(timeUnixNano);
  if (Number.isNaN(timeMs)) timeMs = nanosToMs(observedTimeUnixNano);
  if (Number.isNaN(timeMs)) timeMs = ctx.now;
  const sevNum = severityNumber(field(lr, 'severityNumber'));
  const sevText = field(lr, 'severityText');
  const body = anyValue(field(lr, 'body'));
  const attributes = keyValues(field(lr, 'attributes'));
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

/**
 * Normalizes an ExportLogsServiceRequest. Invalid records (malformed ids) are counted, not fatal: the
 * OTLP spec wants the valid part accepted and the rest reported through `partialSuccess`.
 */
export function normalizeLogs(req: unknown, source: RecordSource, now = Date.now()): LogsResult {
  const out: LogsResult = { records: [], rejected: 0, errorMessage: '' };
  for (const rlRaw of requestList(req, 'resourceLogs')) {
    const rl = asObject(rlRaw);
    if (!rl) continue;
    const { resource, service } = resourceOf(rl);
    for (const slRaw of asArray(field(rl, 'scopeLogs'))) {
      const sl = asObject(slRaw);
      if (!sl) continue;
      const scopeObj = asObject(field(sl, 'scope'));
      const scope = { name: String(scopeObj?.name ?? ''), version: String(scopeObj?.version ?? '') };
      const ctx: Context = { resource, service, scope, source, now };
      for (const lrRaw of asArray(field(sl, 'logRecords'))) {
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

/** Normalizes an ExportTraceServiceRequest down to what the panel shows per span. */
export function normalizeSpans(req: unknown): SpanSummary[] {
  const out: SpanSummary[] = [];
  for (const rsRaw of requestList(req, 'resourceSpans')) {
    const rs = asObject(rsRaw);
    if (!rs) continue;
    const { service } = resourceOf(rs);
    for (const ssRaw of asArray(field(rs, 'scopeSpans'))) {
      for (const spRaw of asArray(asObject(ssRaw) && field(asObject(ssRaw) as Loose, 'spans'))) {
        const sp = asObject(spRaw);
        if (!sp) continue;
        const traceId = idHex(field(sp, 'traceId'), 16);
        const spanId = idHex(field(sp, 'spanId'), 8);
        if (!traceId || !spanId) continue;
        const status = asObject(field(sp, 'status'));
        const code = status ? field(status, 'code') : 0;
        out.push({
          traceId, spanId, service,
          name: String(field(sp, 'name') ?? ''),
          statusCode: typeof code === 'number' ? code : code === 'STATUS_CODE_ERROR' ? 2 : code === 'STATUS_CODE_OK' ? 1 : Number(code) || 0,
          statusMessage: String((status && field(status, 'message')) ?? ''),
        });
      }
    }
  }
  return out;
}
