/**
 * Field readers shared by the protobuf and the JSON path. Both hand us "OTLP-shaped" objects; they differ
 * only in leaf types (int64 as protobufjs Long vs number/string, ids as bytes vs hex, bytes vs base64),
 * so one normalizer reads both through these helpers instead of two copies of the walk.
 */
import type { BodyKind, JsonValue } from './model';

/** A loosely typed OTLP message: what `decode()` or `JSON.parse()` gave us. */
export type Loose = Record<string, unknown>;

const snakeCache = new Map<string, string>();
function snake(camel: string): string {
  let s = snakeCache.get(camel);
  if (s === undefined) {
    s = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    snakeCache.set(camel, s);
  }
  return s;
}

/** Reads a field by its lowerCamelCase JSON name, also accepting the proto (snake_case) name some senders use. */
export function field(o: Loose, camel: string): unknown {
  const v = o[camel];
  if (v !== undefined && v !== null) return v;
  const s = o[snake(camel)];
  return s === null ? undefined : s;
}

export function asObject(v: unknown): Loose | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) ? (v as Loose) : undefined;
}

/** Arrays from JSON, or protobufjs repeated fields (always arrays); anything else is empty. */
export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Any int64 representation → decimal string, or undefined when it is not an integer. */
export function int64String(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)).toString() : undefined;
  if (typeof v === 'string') return /^-?\d+$/.test(v) ? v.replace(/^(-?)0+(?=\d)/, '$1') : undefined;
  if (typeof v === 'bigint') return v.toString();
  // protobufjs Long (or its shape from JSON): computed from its parts, never through a sender-chosen toString().
  if (typeof v === 'object' && v !== null) {
    const { low, high, unsigned } = v as { low?: unknown; high?: unknown; unsigned?: unknown };
    if (typeof low !== 'number' || typeof high !== 'number') return undefined;
    const bits = (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
    return (unsigned === true ? bits : BigInt.asIntN(64, bits)).toString();
  }
  return undefined;
}

const MAX_UINT64 = 18446744073709551615n;

/**
 * A `fixed64` time in nanoseconds as a decimal string: "0" when absent, undefined when present but not an
 * integer from 0 to 2^64-1 (a negative, fractional-looking or out-of-range time would make an invalid Date).
 */
export function unixNanos(v: unknown): string | undefined {
  if (v === undefined) return '0';
  const s = int64String(v);
  if (s === undefined || s.startsWith('-')) return undefined;
  return s.length < 20 || BigInt(s) <= MAX_UINT64 ? s : undefined;
}

/** Text of a scalar a sender put where a string belongs; objects become JSON, never a call to their toString(). */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v) ?? '';
}

/** int64 as a JSON number when exact, else as its decimal string. */
export function int64Json(v: unknown): JsonValue {
  const s = int64String(v);
  if (s === undefined) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : s;
}

/** Trace/span ids: bytes (protobuf) or hex (OTLP/JSON; base64 tolerated for old senders) → lower-case hex. */
export function idHex(v: unknown, bytes: number): string | undefined {
  if (v === undefined || v === null) return '';
  if (v instanceof Uint8Array) {
    if (v.length === 0) return '';
    return v.length === bytes ? Buffer.from(v.buffer, v.byteOffset, v.length).toString('hex') : undefined;
  }
  if (typeof v !== 'string') return undefined;
  if (v === '') return '';
  if (v.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(v)) return v.toLowerCase();
  const b = Buffer.from(v, 'base64');
  return b.length === bytes && b.toString('base64').replace(/=+$/, '') === v.replace(/=+$/, '') ? b.toString('hex') : undefined;
}

function bytesBase64(v: unknown): string {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.length).toString('base64');
  return typeof v === 'string' ? v : '';
}

/** An AnyValue → its kind and a JSON-safe value (kvlist → object, array → array). Depth-capped against hostile nesting. */
export function anyValue(v: unknown, depth = 0): { kind: BodyKind; value: JsonValue } {
  const o = asObject(v);
  if (!o || depth > 32) return { kind: 'empty', value: null };
  let x: unknown;
  if ((x = field(o, 'stringValue')) !== undefined) return { kind: 'string', value: textOf(x) };
  if ((x = field(o, 'boolValue')) !== undefined) return { kind: 'bool', value: x === true || x === 'true' };
  if ((x = field(o, 'intValue')) !== undefined) return { kind: 'int', value: int64Json(x) };
  if ((x = field(o, 'doubleValue')) !== undefined) return { kind: 'double', value: doubleJson(x) };
  if ((x = field(o, 'bytesValue')) !== undefined) return { kind: 'bytes', value: bytesBase64(x) };
  if ((x = field(o, 'arrayValue')) !== undefined) {
    return { kind: 'array', value: asArray(asObject(x)?.values).map((e) => anyValue(e, depth + 1).value) };
  }
  if ((x = field(o, 'kvlistValue')) !== undefined) return { kind: 'kvlist', value: keyValues(asObject(x)?.values, depth + 1) };
  return { kind: 'empty', value: null };
}

function doubleJson(x: unknown): JsonValue {
  const n = typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : NaN;
  // JSON has no NaN/Infinity; OTLP/JSON spells them as strings, and so do we.
  return Number.isFinite(n) ? n : textOf(x);
}

/** A repeated KeyValue → a plain object (later duplicates win, as in most SDKs). */
export function keyValues(list: unknown, depth = 0): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const kv of asArray(list)) {
    const o = asObject(kv);
    if (!o) continue;
    const key = field(o, 'key');
    if (typeof key !== 'string') continue;
    setOwn(out, key, anyValue(o.value, depth).value);
  }
  return out;
}

/** Assigns without ever touching the prototype: a sender-chosen key `__proto__` is just a key. */
export function setOwn(obj: Record<string, JsonValue>, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Display text of a JSON value: strings verbatim, everything else compact JSON. */
export function renderValue(value: JsonValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
