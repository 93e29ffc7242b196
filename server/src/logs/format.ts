/** Terminal rendering of records: one line each, coloured by severity when the output is a terminal. */
import type { LogRecord } from './model';

const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

/** ANSI colour for a severity number: grey trace/debug, green info, yellow warn, red error, magenta fatal. */
function colour(n: number): string {
  if (n >= 21) return '\x1b[35;1m';
  if (n >= 17) return '\x1b[31m';
  if (n >= 13) return '\x1b[33m';
  if (n >= 9) return '\x1b[32m';
  return '\x1b[90m';
}

/**
 * What a terminal would act on or reorder: C0 and C1 controls (ESC, CSI U+009B, OSC U+009D…), DEL, the line and
 * paragraph separators, and the bidirectional overrides and isolates (which make text read differently).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Control characters from a record must never reach the terminal as commands: each is shown as an escape. */
export function clean(s: string): string {
  // Newlines become visible so one record stays one line.
  return s.replace(UNSAFE, (c) => (c === '\n' ? '\\n' : c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`));
}

/** HH:MM:SS.mmm (UTC) of a record's time; a time no Date can hold prints as dashes instead of throwing. */
function clock(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '--:--:--.---' : d.toISOString().slice(11, 23);
}

function attrText(r: LogRecord): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(r.attributes)) {
    if (k.startsWith('code.')) continue;
    parts.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return parts.join(' ');
}

/** `12:00:01.234 INFO  checkout  order placed  order_id=42  trace=4bf9…  (src/app.py:10)` */
export function formatText(r: LogRecord, color: boolean): string {
  const time = clock(r.timeMs);
  const sev = clean((r.severityText || '-').toUpperCase()).padEnd(5);
  const attrs = attrText(r);
  const where = r.code ? ` (${r.code.filepath}${r.code.lineno !== undefined ? `:${r.code.lineno}` : ''})` : '';
  const trace = r.traceId ? ` trace=${r.traceId}` : '';
  const tail = clean(`${attrs ? `  ${attrs}` : ''}${trace}${where}`);
  const head = `${time} ${sev} ${clean(r.service || '-')}`;
  if (!color) return `${head}  ${clean(r.body)}${tail}`;
  return `${DIM}${time}${RESET} ${colour(r.severityNumber)}${sev}${RESET} ${clean(r.service || '-')}  ${clean(r.body)}${DIM}${tail}${RESET}`;
}

/**
 * One JSON object per line, in the store's model (minus the store-internal `seq`). JSON.stringify escapes C0
 * controls but not DEL, C1 (U+009B is CSI to a terminal), the separators or bidi controls: those are written
 * as `\uXXXX` too, which is the same JSON.
 */
export function formatJson(r: LogRecord): string {
  const { seq: _seq, ...rest } = r;
  return JSON.stringify(rest).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
