/**
 * How much one request may make the receiver build. A 15 MiB protobuf of empty log records is 7 million records
 * on the wire (2 bytes each) and gigabytes once decoded, so the body is measured before it is decoded: the
 * protobuf wire is walked with protobufjs' Reader (lengths and tags only, nothing allocated) and the JSON text is
 * counted. Past a limit the request is refused (413) without decoding anything; the walk stops at the limit.
 * Nesting needs no limit here: the walk keeps its own stack, and the normalizer reads AnyValues 32 levels deep.
 */
import { Reader } from 'protobufjs/minimal';

export interface RequestLimits {
  /** Log records (or spans) in one request. */
  maxRecords: number;
  /**
   * Decoded values in one request: protobuf messages (records, key-values, AnyValues…). A JSON value (object,
   * array or element) costs about a quarter of the heap of a decoded protobuf message, so JSON may hold
   * JSON_VALUE_WEIGHT times as many. At the defaults one request costs at most about 40 MiB of heap while it is
   * decoded and normalized (measured: 250,000 protobuf messages, 1.3 MiB on the wire, 30–38 MiB; 1,000,000 JSON
   * values, 4.6 MiB, 23–28 MiB). Requests are decoded one at a time (decoding is synchronous).
   */
  maxValues: number;
}

export const DEFAULT_LIMITS: RequestLimits = { maxRecords: 50_000, maxValues: 250_000 };
export const JSON_VALUE_WEIGHT = 4;

export type Measured = { ok: true } | { ok: false; message: string };

/** Which fields hold messages the decoder builds, per message type (field numbers of the OTLP protos). */
type Schema = Record<string, Record<number, string>>;
const COMMON: Schema = {
  Resource: { 1: 'KeyValue' },
  Scope: { 3: 'KeyValue' },
  KeyValue: { 2: 'AnyValue' },
  AnyValue: { 5: 'ArrayValue', 6: 'KeyValueList' },
  ArrayValue: { 1: 'AnyValue' },
  KeyValueList: { 1: 'KeyValue' },
};
const LOGS: Schema = { ...COMMON, Request: { 1: 'ResourceLogs' }, ResourceLogs: { 1: 'Resource', 2: 'ScopeLogs' }, ScopeLogs: { 1: 'Scope', 2: 'Record' }, Record: { 5: 'AnyValue', 6: 'KeyValue' } };
const TRACES: Schema = {
  ...COMMON, Request: { 1: 'ResourceSpans' }, ResourceSpans: { 1: 'Resource', 2: 'ScopeSpans' }, ScopeSpans: { 1: 'Scope', 2: 'Record' },
  Record: { 9: 'KeyValue', 11: 'Event', 13: 'Link', 15: 'Status' }, Event: { 3: 'KeyValue' }, Link: { 4: 'KeyValue' }, Status: {},
};

const noun = (signal: 'logs' | 'traces') => (signal === 'logs' ? 'log records' : 'spans');

/** The schema as numbers, for the walk's inner loop: table[type][field] = child type + 1 (0: not a message). */
interface Compiled { table: Int8Array[]; request: number; record: number }
function compile(schema: Schema): Compiled {
  const names = Object.keys(schema);
  const table = names.map((n) => {
    const fields = schema[n];
    const row = new Int8Array(Math.max(0, ...Object.keys(fields).map(Number)) + 1);
    for (const [f, child] of Object.entries(fields)) row[Number(f)] = names.indexOf(child) + 1;
    return row;
  });
  return { table, request: names.indexOf('Request'), record: names.indexOf('Record') };
}
const COMPILED = { logs: compile(LOGS), traces: compile(TRACES) };

/**
 * Counts the records and values of a protobuf Export*ServiceRequest without decoding it. A malformed body is
 * `ok` here: the decoder that runs next rejects it with its own message.
 */
export function measureProtobuf(buf: Uint8Array, signal: 'logs' | 'traces', limits: RequestLimits = DEFAULT_LIMITS): Measured {
  // Every message costs at least 2 bytes (tag and length): a small body cannot reach a limit, and below
  // 2 × maxValues bytes only the records need counting (their contents are skipped by length).
  if (buf.length < 2 * Math.min(limits.maxRecords, limits.maxValues)) return { ok: true };
  const countValues = buf.length >= 2 * limits.maxValues;
  const { table, request, record } = COMPILED[signal];
  const reader = Reader.create(buf);
  const types: number[] = [request];
  const ends: number[] = [buf.length];
  let records = 0;
  let values = 0;
  try {
    while (types.length) {
      const top = types.length - 1;
      if (reader.pos >= ends[top]) {
        types.pop();
        ends.pop();
        continue;
      }
      const tag = reader.uint32();
      const child = (table[types[top]][tag >>> 3] ?? 0) - 1;
      if (child < 0 || (tag & 7) !== 2) {
        reader.skipType(tag & 7);
        continue;
      }
      const end = reader.uint32() + reader.pos;
      if (end > ends[top]) return { ok: true };
      if (++values > limits.maxValues) return { ok: false, message: `the request holds more than ${limits.maxValues.toLocaleString('en')} values; send smaller batches` };
      if (child === record) {
        if (++records > limits.maxRecords) return { ok: false, message: `the request holds more than ${limits.maxRecords.toLocaleString('en')} ${noun(signal)}; send smaller batches` };
        if (!countValues) {
          reader.pos = end;
          continue;
        }
      }
      types.push(child);
      ends.push(end);
    }
  } catch {
    return { ok: true };
  }
  return { ok: true };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const BRACE = 0x7b;
const BRACKET = 0x5b;

function occurrences(buf: Buffer, byte: number, stopAt: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i !== -1 && n <= stopAt; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}

/**
 * Bounds the values `JSON.parse` would build: objects, arrays and array/object elements, counted as `{`, `[`
 * and `,` outside strings. The count of those bytes anywhere is an upper bound found with native searches;
 * only a body over the limit by that bound is scanned byte by byte, skipping strings.
 */
export function measureJson(buf: Buffer, limits: RequestLimits = DEFAULT_LIMITS): Measured {
  const max = limits.maxValues * JSON_VALUE_WEIGHT;
  if (buf.length < max) return { ok: true };
  let bound = occurrences(buf, COMMA, max);
  if (bound <= max) bound += occurrences(buf, BRACE, max - bound);
  if (bound <= max) bound += occurrences(buf, BRACKET, max - bound);
  if (bound <= max) return { ok: true };
  let values = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if ((c === COMMA || c === BRACE || c === BRACKET) && ++values > max) {
      return { ok: false, message: `the request holds more than ${max.toLocaleString('en')} JSON values; send smaller batches` };
    }
  }
  return { ok: true };
}
