/**
 * What the panel shows of a record (masked or revealed), the filters, and "group similar". Pure functions
 * over records, no DOM, so they are cheap to test and to run over 100,000 records on each filter change.
 */
import type { JsonValue, LogRecord } from '../../../server/src/logs/model';
import { maskText, type PiiKind } from './mask';

export interface RecordView {
  body: string;
  /** Event name, service and scope as shown: masked like the body (a sender may put PII anywhere). */
  eventName: string;
  service: string;
  scope: { name: string; version: string };
  attributes: [string, string][];
  resource: [string, string][];
  pii: PiiKind[];
  /** Lower-case text the free-text filter searches. */
  haystack: string;
}

const str = (v: JsonValue) => (typeof v === 'string' ? v : JSON.stringify(v));
const masked = new WeakMap<LogRecord, RecordView>();
const raw = new WeakMap<LogRecord, RecordView>();

function build(r: LogRecord, mask: boolean): RecordView {
  const pii = new Set<PiiKind>();
  const m = (s: string) => {
    if (!mask) return s;
    const x = maskText(s);
    for (const k of x.kinds) pii.add(k);
    return x.text;
  };
  const body = m(r.body);
  const eventName = m(r.eventName);
  const service = m(r.service);
  const scope = { name: m(r.scope.name), version: m(r.scope.version) };
  const attributes = Object.entries(r.attributes).map(([k, v]): [string, string] => [k, m(str(v))]);
  const resource = Object.entries(r.resource).map(([k, v]): [string, string] => [k, m(str(v))]);
  const haystack = [body, eventName, service, r.severityText, ...attributes.map(([k, v]) => `${k}=${v}`)].join('\n').toLowerCase();
  return { body, eventName, service, scope, attributes, resource, pii: [...pii], haystack };
}

/** Any other text from a record (a group's template, a service in a list, a span name), as shown. */
export function shownText(s: string, reveal: boolean): string {
  return reveal ? s : maskText(s).text;
}

/** The record as displayed; cached per record (records never change once received). */
export function viewOf(r: LogRecord, reveal: boolean): RecordView {
  const cache = reveal ? raw : masked;
  let v = cache.get(r);
  if (!v) cache.set(r, (v = build(r, !reveal)));
  return v;
}

/** PII kinds found in a record, whether or not it is revealed (the marker stays on). */
export function piiOf(r: LogRecord): PiiKind[] {
  return viewOf(r, false).pii;
}

export interface Filter {
  minSeverity: number;
  service: string;
  /** Free text; `key=value` tokens match attributes or resource attributes exactly. */
  text: string;
  traceId: string;
  /** Set by clicking a group: only records of that template. */
  template: string;
}

export const EMPTY_FILTER: Filter = { minSeverity: 0, service: '', text: '', traceId: '', template: '' };

/** Compiles a filter once into a predicate for the whole list. */
export function compileFilter(f: Filter, reveal: boolean): (r: LogRecord) => boolean {
  const words: string[] = [];
  const pairs: [string, string][] = [];
  for (const token of f.text.trim().split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf('=');
    if (eq > 0) pairs.push([token.slice(0, eq), token.slice(eq + 1)]);
    else words.push(token.toLowerCase());
  }
  const service = f.service.trim();
  const trace = f.traceId.trim().toLowerCase();
  return (r) => {
    if (r.severityNumber < f.minSeverity) return false;
    if (service && r.service !== service) return false;
    if (trace && r.traceId !== trace) return false;
    if (f.template && templateOf(r) !== f.template) return false;
    if (!pairs.length && !words.length) return true;
    const v = viewOf(r, reveal);
    for (const [k, want] of pairs) {
      const hit = v.attributes.find(([ak]) => ak === k) ?? v.resource.find(([rk]) => rk === k);
      if (!hit || hit[1] !== want) return false;
    }
    return words.every((w) => v.haystack.includes(w));
  };
}

const templates = new WeakMap<LogRecord, string>();

/**
 * The "message template" records are grouped by: the event name when there is one, else the body with the
 * variable parts (ids, numbers, quoted strings, emails) replaced by placeholders.
 */
export function templateOf(r: LogRecord): string {
  let t = templates.get(r);
  if (t === undefined) {
    t = r.eventName || r.body.slice(0, 300)
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
      .replace(/\S+@\S+\.\w+/g, '<email>')
      .replace(/"[^"]*"|'[^']*'/g, '"…"')
      .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b/gi, '<hex>')
      .replace(/-?\d+(\.\d+)?/g, '<n>');
    templates.set(r, t);
  }
  return t;
}

export interface Group {
  template: string;
  count: number;
  maxSeverity: number;
  services: string[];
  last: LogRecord;
}

/** Groups records by template, most frequent first. */
export function groupRecords(records: readonly LogRecord[]): Group[] {
  const map = new Map<string, Group & { serviceSet: Set<string> }>();
  for (const r of records) {
    const key = templateOf(r);
    let g = map.get(key);
    if (!g) map.set(key, (g = { template: key, count: 0, maxSeverity: 0, services: [], serviceSet: new Set(), last: r }));
    g.count++;
    g.maxSeverity = Math.max(g.maxSeverity, r.severityNumber);
    g.serviceSet.add(r.service);
    g.last = r;
  }
  return [...map.values()]
    .map(({ serviceSet, ...g }) => ({ ...g, services: [...serviceSet].filter(Boolean) }))
    .sort((a, b) => b.count - a.count || a.template.localeCompare(b.template));
}

/** One exported line: the record as shown (masked unless revealed), without the panel's `seq`. */
export function exportLine(r: LogRecord, reveal: boolean): string {
  const { seq: _seq, ...rest } = r;
  if (reveal) return JSON.stringify(rest);
  const v = viewOf(r, false);
  if (!v.pii.length) return JSON.stringify(rest);
  return JSON.stringify({
    ...rest, body: v.body, bodyValue: v.body, eventName: v.eventName, service: v.service, scope: v.scope,
    attributes: Object.fromEntries(v.attributes), resource: Object.fromEntries(v.resource), pii: v.pii,
  });
}

/** CSS class for a severity number. */
export function severityClass(n: number): string {
  return n >= 21 ? 'sev-fatal' : n >= 17 ? 'sev-error' : n >= 13 ? 'sev-warn' : n >= 9 ? 'sev-info' : n >= 5 ? 'sev-debug' : n >= 1 ? 'sev-trace' : 'sev-none';
}
