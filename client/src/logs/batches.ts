/**
 * What the session posts to the panel, cut to size. No message is larger than MAX_MESSAGE_BYTES: a burst or a
 * 100,000-record snapshot becomes several messages; a resource shared by many records is sent once per message
 * (records carry its index); a single record or resource too big for a message is shown shortened (long texts
 * cut, long lists trimmed, each saying how much is not shown; the store keeps it whole). No `vscode` import.
 */
import type { JsonValue, LogRecord, SpanSummary } from '../../../server/src/logs/model';
import type { PanelStatus, PostedRecord, ToWebview } from './protocol';

/** The largest message posted to the webview, in UTF-8 bytes of its JSON. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Room kept for the message's own fields. */
const ENVELOPE = 1024;

type Resource = LogRecord['resource'];
export type RecordsMessage = Extract<ToWebview, { type: 'records' }>;
export type SpansMessage = Extract<ToWebview, { type: 'spans' }>;

const bytesOf = (v: unknown): number => Buffer.byteLength(JSON.stringify(v));

/** Ever smaller cuts, tried in turn until a value fits. */
const CUTS = [
  { text: 1 << 20, items: 10_000, depth: 32 },
  { text: 1 << 16, items: 1000, depth: 16 },
  { text: 4096, items: 100, depth: 8 },
  { text: 256, items: 16, depth: 4 },
  { text: 64, items: 8, depth: 2 },
];
type Cut = (typeof CUTS)[number];

const notShown = (n: number, what: string) => `… [${n.toLocaleString('en')} more ${what} not shown]`;

/** `fixed`: `v` is a record or span, whose own fields all stay (only what they hold is cut). */
function shorten(v: JsonValue, cut: Cut, depth: number, fixed = false): JsonValue {
  if (typeof v === 'string') return v.length > cut.text ? `${v.slice(0, cut.text)}${notShown(v.length - cut.text, 'characters')}` : v;
  if (v === null || typeof v !== 'object') return v;
  if (depth >= cut.depth) return notShown(1, Array.isArray(v) ? 'list' : 'object');
  if (Array.isArray(v)) {
    const kept = v.slice(0, cut.items).map((x) => shorten(x, cut, depth + 1));
    if (v.length > cut.items) kept.push(notShown(v.length - cut.items, 'items'));
    return kept;
  }
  const out: Record<string, JsonValue> = {};
  const entries = Object.entries(v);
  const items = fixed ? entries.length : cut.items;
  for (const [k, x] of entries.slice(0, items)) {
    const key = fixed ? k : (shorten(k, cut, depth) as string);
    if (key === '__proto__') Object.defineProperty(out, key, { value: shorten(x, cut, depth + 1), enumerable: true, writable: true, configurable: true });
    else out[key] = shorten(x, cut, depth + 1);
  }
  if (entries.length > items) out['…'] = notShown(entries.length - items, 'entries');
  return out;
}

/**
 * `value` when its JSON fits in `cap` bytes, else the first cut of it that does (the last cut is always small).
 * `fixed`: a record or span, whose own fields all stay.
 */
export function fit<T>(value: T, cap: number, fixed = false): { value: T; bytes: number } {
  const size = bytesOf(value);
  if (size <= cap) return { value, bytes: size };
  let cutValue = value;
  let cutBytes = size;
  for (const cut of CUTS) {
    cutValue = shorten(value as JsonValue, cut, 0, fixed) as T;
    cutBytes = bytesOf(cutValue);
    if (cutBytes <= cap) break;
  }
  return { value: cutValue, bytes: cutBytes };
}

/** Splits records into `records` messages of at most `maxBytes`; each message lists the resources its records use. */
export function recordMessages(records: readonly LogRecord[], dropped: number, maxBytes = MAX_MESSAGE_BYTES): RecordsMessage[] {
  const out: RecordsMessage[] = [];
  const resourceCap = Math.floor(maxBytes / 4);
  const recordCap = Math.floor(maxBytes / 2) - ENVELOPE;
  // Per call: each distinct resource measured (and cut, if it must be) once.
  const resources = new Map<Resource, { value: Resource; bytes: number }>();
  let current: RecordsMessage | undefined;
  let indexes = new Map<Resource, number>();
  let size = 0;
  for (const r of records) {
    let res = resources.get(r.resource);
    if (!res) resources.set(r.resource, (res = fit(r.resource, resourceCap)));
    const posted = fit<PostedRecord>({ ...r, resource: 0 }, recordCap, true);
    const needs = posted.bytes + 16 + (current && indexes.has(r.resource) ? 0 : res.bytes + 1);
    if (!current || size + needs > maxBytes) {
      current = { type: 'records', records: [], resources: [], dropped };
      out.push(current);
      indexes = new Map();
      size = ENVELOPE;
    }
    let index = indexes.get(r.resource);
    if (index === undefined) {
      index = current.resources.length;
      current.resources.push(res.value);
      indexes.set(r.resource, index);
      size += res.bytes + 1;
    }
    posted.value.resource = index;
    current.records.push(posted.value);
    size += posted.bytes + 16;
  }
  return out;
}

/** Splits spans into `spans` messages of at most `maxBytes`. */
export function spanMessages(spans: readonly SpanSummary[], maxBytes = MAX_MESSAGE_BYTES): SpansMessage[] {
  const out: SpansMessage[] = [];
  let current: SpansMessage | undefined;
  let size = 0;
  for (const s of spans) {
    const f = fit(s, Math.floor(maxBytes / 2) - ENVELOPE, true);
    if (!current || size + f.bytes + 1 > maxBytes) {
      current = { type: 'spans', spans: [] };
      out.push(current);
      size = ENVELOPE;
    }
    current.spans.push(f.value);
    size += f.bytes + 1;
  }
  return out;
}

export interface SnapshotState {
  records: readonly LogRecord[];
  spans: readonly SpanSummary[];
  maxRecords: number;
  dropped: number;
  status: PanelStatus;
}

/** What a freshly opened (or resynchronised) panel needs: an `init` with the first records, then the rest. */
export function snapshotMessages(s: SnapshotState, maxBytes = MAX_MESSAGE_BYTES): ToWebview[] {
  const [first, ...rest] = recordMessages(s.records, s.dropped, maxBytes);
  const init: ToWebview = { type: 'init', records: first?.records ?? [], resources: first?.resources ?? [], spans: [], maxRecords: s.maxRecords, dropped: s.dropped, status: s.status };
  return [init, ...spanMessages(s.spans, maxBytes), ...rest];
}
