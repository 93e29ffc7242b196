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

/** Control characters (ESC included) from a record must never reach the terminal as commands. */
function clean(s: string): string {
  // Escapes C0/C1 controls; newlines become visible so one record stays one line.
  return s.replace(/\n/g, '\\n').replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
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
  const time = new Date(r.timeMs).toISOString().slice(11, 23);
  const sev = (r.severityText || '-').toUpperCase().padEnd(5);
  const attrs = attrText(r);
  const where = r.code ? ` (${r.code.filepath}${r.code.lineno !== undefined ? `:${r.code.lineno}` : ''})` : '';
  const trace = r.traceId ? ` trace=${r.traceId}` : '';
  const tail = clean(`${attrs ? `  ${attrs}` : ''}${trace}${where}`);
  const head = `${time} ${sev} ${clean(r.service || '-')}`;
  if (!color) return `${head}  ${clean(r.body)}${tail}`;
  return `${DIM}${time}${RESET} ${colour(r.severityNumber)}${sev}${RESET} ${clean(r.service || '-')}  ${clean(r.body)}${DIM}${tail}${RESET}`;
}

/** One JSON object per line, in the store's model (minus the store-internal `seq`). */
export function formatJson(r: LogRecord): string {
  const { seq: _seq, ...rest } = r;
  return JSON.stringify(rest);
}
