/** Messages between the extension and the logs webview. Shared by both sides; no `vscode` import. */
import type { LogRecord, SpanSummary } from '../../../server/src/logs/model';

export interface PanelStatus {
  text: string;
  level: 'ok' | 'warning' | 'error';
}

/**
 * A record as posted: `resource` is an index into its message's `resources`, so a resource shared by thousands of
 * records (one per OTLP request) is serialized once per message instead of once per record.
 */
export type PostedRecord = Omit<LogRecord, 'resource'> & { resource: number };

/**
 * Extension → webview. No message is larger than MAX_MESSAGE_BYTES (batches.ts): a snapshot or a burst is split
 * into an `init` and `records` that follow it.
 */
export type ToWebview =
  | { type: 'init'; records: PostedRecord[]; resources: LogRecord['resource'][]; spans: SpanSummary[]; maxRecords: number; dropped: number; status: PanelStatus }
  | { type: 'records'; records: PostedRecord[]; resources: LogRecord['resource'][]; dropped: number }
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
