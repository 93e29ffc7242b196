/** Messages between the extension and the logs webview. Shared by both sides; no `vscode` import. */
import type { LogRecord, SpanSummary } from '../../../server/src/logs/model';

export interface PanelStatus {
  text: string;
  level: 'ok' | 'warning' | 'error';
}

/** Extension → webview. */
export type ToWebview =
  | { type: 'init'; records: LogRecord[]; spans: SpanSummary[]; maxRecords: number; dropped: number; status: PanelStatus }
  | { type: 'records'; records: LogRecord[]; dropped: number }
  | { type: 'spans'; spans: SpanSummary[] }
  | { type: 'status'; status: PanelStatus }
  | { type: 'cleared' };

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'clear' }
  | { type: 'openCode'; path: string; line?: number; column?: number }
  /** A record without `code.*` attributes: find the log calls whose event or template matches. */
  | { type: 'findCode'; event: string; body: string }
  | { type: 'export'; jsonl: string; count: number };

/** A line or column from the page: absent, or a finite number (the editor position is built from it). */
const optionalCount = (v: unknown) => v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v));

/** Narrows an untrusted message from the webview to the protocol (the webview renders sender data). */
export function isFromWebview(m: unknown): m is FromWebview {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'ready': case 'clear': return true;
    case 'openCode': return typeof o.path === 'string' && optionalCount(o.line) && optionalCount(o.column);
    case 'export': return typeof o.jsonl === 'string' && typeof o.count === 'number';
    case 'findCode': return typeof o.event === 'string' && typeof o.body === 'string';
    default: return false;
  }
}
