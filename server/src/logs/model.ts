/**
 * The one record model every source (OTLP/HTTP protobuf, OTLP/JSON, file tail) is mapped onto.
 * Plain data only (no classes), so records cross `postMessage` and `JSON.stringify` unchanged.
 */

/** A JSON-safe rendering of an OTLP AnyValue: int64 beyond 2^53 stays a decimal string, bytes become base64. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Which AnyValue field the body came in, so a viewer can tell `"42"` from `42`. */
export type BodyKind = 'empty' | 'string' | 'bool' | 'int' | 'double' | 'bytes' | 'array' | 'kvlist';

export type RecordSource = 'otlp-proto' | 'otlp-json' | 'file';

/** Where the record was written, from the OTel `code.*` semantic conventions (old and new names). */
export interface CodeLocation {
  filepath: string;
  lineno?: number;
  column?: number;
  function?: string;
}

export interface LogRecord {
  /** Position in the store, assigned when stored; 0 before. */
  seq: number;
  /** Unix epoch nanoseconds as a decimal string ("0" when absent): ms precision is not enough to order records. */
  timeUnixNano: string;
  observedTimeUnixNano: string;
  /** Milliseconds since the epoch of `time`, falling back to observed time, then to arrival time. */
  timeMs: number;
  /** 0 (unspecified) to 24 (FATAL4), as in the OTLP SeverityNumber enum. */
  severityNumber: number;
  /** What the sender said, or the name derived from the number when it said nothing. */
  severityText: string;
  /** The body as display text: strings as they are, every other kind as compact JSON. */
  body: string;
  bodyKind: BodyKind;
  bodyValue: JsonValue;
  eventName: string;
  attributes: Record<string, JsonValue>;
  resource: Record<string, JsonValue>;
  /** `service.name` from the resource ("" when missing). */
  service: string;
  scope: { name: string; version: string };
  /** Lower-case hex, "" when absent. */
  traceId: string;
  spanId: string;
  code?: CodeLocation;
  source: RecordSource;
}

/** What `/v1/traces` keeps per span: enough to show a span's name and status next to its logs. */
export interface SpanSummary {
  traceId: string;
  spanId: string;
  name: string;
  /** 0 unset, 1 ok, 2 error (OTLP Status.StatusCode). */
  statusCode: number;
  statusMessage: string;
  service: string;
}

const SEVERITY_NAMES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/** The OTLP short name for a severity number: 9 → INFO, 10 → INFO2, 0 → "". */
export function severityName(n: number): string {
  if (!(n >= 1 && n <= 24)) return '';
  const base = SEVERITY_NAMES[Math.floor((n - 1) / 4)];
  const step = ((n - 1) % 4) + 1;
  return step === 1 ? base : `${base}${step}`;
}

const TEXT_TO_NUMBER: Record<string, number> = {
  trace: 1, finest: 1, verbose: 1, debug: 5, fine: 5, info: 9, information: 9, notice: 10, log: 9,
  warn: 13, warning: 13, error: 17, err: 17, exception: 17, critical: 21, crit: 21, fatal: 21, panic: 21, alert: 22, emergency: 23, emerg: 23,
};

/** Maps a level name (any case, `INFO2` style suffixes allowed) to a severity number; 0 when unknown. */
export function severityFromText(text: string): number {
  const m = /^([a-z]+)([2-4])?$/.exec(text.trim().toLowerCase());
  if (!m) return 0;
  const base = TEXT_TO_NUMBER[m[1]];
  if (base === undefined) return 0;
  return m[2] && SEVERITY_NAMES.includes(m[1].toUpperCase()) ? base + Number(m[2]) - 1 : base;
}

function pickString(attrs: Record<string, JsonValue>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = attrs[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

function pickNumber(attrs: Record<string, JsonValue>, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = attrs[k];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

/** Reads the code location from attributes, accepting the deprecated (`code.filepath`) and current (`code.file.path`) names. */
export function codeLocation(attrs: Record<string, JsonValue>): CodeLocation | undefined {
  const filepath = pickString(attrs, 'code.file.path', 'code.filepath');
  if (!filepath) return undefined;
  const loc: CodeLocation = { filepath };
  const lineno = pickNumber(attrs, 'code.line.number', 'code.lineno');
  const column = pickNumber(attrs, 'code.column.number', 'code.column');
  const fn = pickString(attrs, 'code.function.name', 'code.function');
  if (lineno !== undefined) loc.lineno = lineno;
  if (column !== undefined) loc.column = column;
  if (fn !== undefined) loc.function = fn;
  return loc;
}

/** Milliseconds from a decimal nanosecond string; NaN for "0"/empty so callers can fall back. */
export function nanosToMs(nanos: string): number {
  if (!nanos || nanos === '0') return NaN;
  // Dropping the last 6 digits before converting keeps the result exact for any realistic date.
  return nanos.length > 6 ? Number(nanos.slice(0, -6)) + Number(nanos.slice(-6)) / 1e6 : Number(nanos) / 1e6;
}
