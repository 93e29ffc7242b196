/**
 * Plain structured JSON log lines (structlog, pino, winston, bunyan, …) → the record model.
 * The field names each library uses are listed here, nowhere else.
 */
import { codeLocation, severityFromText, severityName, type JsonValue, type LogRecord } from './model';
import { idHex, renderValue, setOwn } from './values';

const TIME_KEYS = ['timestamp', 'time', '@timestamp', 'ts'];
const LEVEL_KEYS = ['level', 'severity', 'levelname', 'log.level', 'severity_text'];
const BODY_KEYS = ['event', 'msg', 'message', 'body'];
const TRACE_KEYS = ['trace_id', 'traceId', 'trace.id', 'otelTraceID'];
const SPAN_KEYS = ['span_id', 'spanId', 'span.id', 'otelSpanID'];
const SERVICE_KEYS = ['service', 'service.name', 'service_name', 'otelServiceName'];
/** pino/bunyan numeric levels → OTLP severity numbers. */
const NUMERIC_LEVELS: [number, number][] = [[60, 21], [50, 17], [40, 13], [30, 9], [20, 5], [10, 1]];

function take(o: Record<string, JsonValue>, keys: string[], used: Set<string>): JsonValue | undefined {
  for (const k of keys) {
    if (o[k] !== undefined && o[k] !== null) {
      used.add(k);
      return o[k];
    }
  }
  return undefined;
}

/** Epoch numbers come in s (structlog), ms (pino), µs or ns: the magnitude tells which. */
function timeToMs(v: JsonValue | undefined): number {
  if (typeof v === 'number') return v < 1e11 ? v * 1e3 : v < 1e14 ? v : v < 1e17 ? v / 1e3 : v / 1e6;
  if (typeof v === 'string') {
    if (/^\d+(\.\d+)?$/.test(v)) return timeToMs(Number(v));
    return Date.parse(v);
  }
  return NaN;
}

function severity(v: JsonValue | undefined): { num: number; text: string } {
  if (typeof v === 'number') {
    const hit = NUMERIC_LEVELS.find(([level]) => v >= level);
    const num = hit ? hit[1] : v >= 1 && v <= 24 ? v : 0;
    return { num, text: severityName(num) };
  }
  if (typeof v === 'string') return { num: severityFromText(v), text: v };
  return { num: 0, text: '' };
}

/** Maps one parsed JSON object; every field not used for the model stays an attribute. */
export function structuredRecord(o: Record<string, JsonValue>, now = Date.now()): LogRecord {
  const used = new Set<string>();
  const timeMs = timeToMs(take(o, TIME_KEYS, used));
  const sev = severity(take(o, LEVEL_KEYS, used));
  const bodyKey = BODY_KEYS.find((k) => o[k] !== undefined && o[k] !== null);
  const bodyValue = bodyKey ? o[bodyKey] : null;
  if (bodyKey) used.add(bodyKey);
  const traceId = idHex(take(o, TRACE_KEYS, used), 16) ?? '';
  const spanId = idHex(take(o, SPAN_KEYS, used), 8) ?? '';
  let service = take(o, SERVICE_KEYS, used);
  // bunyan's `name` is the logger's (service's) name; with pino it is usually the same idea.
  if (service === undefined && typeof o.name === 'string' && typeof o.level === 'number') service = take(o, ['name'], used);
  const attributes: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(o)) if (!used.has(k)) setOwn(attributes, k, v);
  const serviceName = typeof service === 'string' ? service : '';
  const ms = Number.isFinite(timeMs) ? timeMs : now;
  const nanos = Number.isFinite(timeMs) ? (BigInt(Math.round(timeMs * 1e3)) * 1000n).toString() : '0';
  const record: LogRecord = {
    seq: 0,
    timeUnixNano: nanos,
    observedTimeUnixNano: (BigInt(now) * 1_000_000n).toString(),
    timeMs: ms,
    severityNumber: sev.num,
    severityText: sev.text,
    body: renderValue(bodyValue),
    bodyKind: bodyValue === null ? 'empty' : typeof bodyValue === 'string' ? 'string' : typeof bodyValue === 'object' ? Array.isArray(bodyValue) ? 'array' : 'kvlist' : typeof bodyValue === 'boolean' ? 'bool' : Number.isInteger(bodyValue) ? 'int' : 'double',
    bodyValue,
    // structlog calls its message `event`, and it is an event name by design; `msg` from pino is free text.
    eventName: bodyKey === 'event' && typeof bodyValue === 'string' ? bodyValue : '',
    attributes,
    resource: serviceName ? { 'service.name': serviceName } : {},
    service: serviceName,
    scope: { name: typeof o.logger === 'string' ? o.logger : '', version: '' },
    traceId,
    spanId,
    source: 'file',
  };
  const code = codeLocation(attributes) ?? pythonCallsite(attributes);
  if (code) record.code = code;
  return record;
}

/** structlog's CallsiteParameterAdder writes `pathname`/`lineno`/`func_name`. */
function pythonCallsite(a: Record<string, JsonValue>): LogRecord['code'] {
  if (typeof a.pathname !== 'string') return undefined;
  return { filepath: a.pathname, lineno: typeof a.lineno === 'number' ? a.lineno : undefined, function: typeof a.func_name === 'string' ? a.func_name : undefined };
}
