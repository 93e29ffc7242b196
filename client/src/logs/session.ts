/**
 * The live-logs session: one store, the receiver, any file tails, and batched delivery to the panel.
 * No `vscode` import: the extension glue (index.ts) decides when to start what and how to tell the user.
 */
import type { LogRecord, SpanSummary } from '../../../server/src/logs/model';
import { OtlpReceiver, type StartResult } from '../../../server/src/logs/receiver';
import { RecordStore } from '../../../server/src/logs/store';
import { FileTail, type TailEvent } from '../../../server/src/logs/tail';
import type { PanelStatus, ToWebview } from './protocol';

/** Posts to the webview are batched: at most one every 50 ms (~20/s), however fast records arrive. */
const FLUSH_MS = 50;
const MAX_SPANS = 20_000;

export class LogsSession {
  readonly store: RecordStore;
  private readonly spans = new Map<string, SpanSummary>();
  private receiver: OtlpReceiver | undefined;
  private readonly tails = new Map<string, FileTail>();
  private pending: LogRecord[] = [];
  private pendingSpans: SpanSummary[] = [];
  private timer: NodeJS.Timeout | undefined;
  private listener: ((m: ToWebview) => void) | undefined;
  status: PanelStatus = { text: 'not listening', level: 'warning' };

  constructor(maxRecords: number) {
    this.store = new RecordStore(maxRecords);
  }

  get listening(): boolean {
    return this.receiver !== undefined;
  }

  /** The panel's sink; undefined when the panel closes (records keep accumulating in the store). */
  setListener(listener: ((m: ToWebview) => void) | undefined): void {
    this.listener = listener;
  }

  /** What a freshly opened (or reloaded) panel needs. */
  snapshot(): ToWebview {
    return { type: 'init', records: this.store.toArray(), spans: [...this.spans.values()], maxRecords: this.store.maxRecords, dropped: this.store.dropped, status: this.status };
  }

  /** (Re)starts the receiver; the result says whether the port was free. */
  async startReceiver(host: string, port: number): Promise<StartResult> {
    await this.stopReceiver();
    const receiver = new OtlpReceiver({ host, port, onRecords: (r) => this.add(r), onSpans: (s) => this.addSpans(s) });
    const result = await receiver.start();
    if (result.ok) {
      this.receiver = receiver;
      this.setStatus({ text: `OTLP/HTTP on ${result.host}:${result.port}`, level: 'ok' });
    } else this.setStatus({ text: result.error.message, level: 'error' });
    return result;
  }

  async stopReceiver(): Promise<void> {
    const r = this.receiver;
    this.receiver = undefined;
    await r?.close();
  }

  /** Follows a file (once per path). */
  async tailFile(file: string): Promise<void> {
    if (this.tails.has(file)) return;
    // Deleted, truncated, rotated or unreadable: the tail keeps going and the status line says what happened.
    let told = false;
    const onEvent = (e: TailEvent) => {
      told = true;
      this.setStatus({ text: e.message, level: e.kind === 'error' ? 'error' : e.kind === 'missing' || e.kind === 'deleted' ? 'warning' : 'ok' });
    };
    const t = new FileTail(file, { onRecords: (r) => this.add(r), onEvent });
    this.tails.set(file, t);
    await t.start();
    if (!told) this.setStatus({ text: `${this.status.level === 'ok' ? `${this.status.text} · ` : ''}tailing ${file}`, level: 'ok' });
  }

  clear(): void {
    this.store.clear();
    this.pending = [];
    this.listener?.({ type: 'cleared' });
  }

  setStatus(status: PanelStatus): void {
    this.status = status;
    this.listener?.({ type: 'status', status });
  }

  private add(records: LogRecord[]): void {
    this.store.push(records);
    for (const r of records) this.pending.push(r);
    this.schedule();
  }

  private addSpans(spans: SpanSummary[]): void {
    for (const s of spans) {
      // A Map iterates in insertion order, so the first key is the oldest: a cheap bounded cache.
      if (this.spans.size >= MAX_SPANS) this.spans.delete(this.spans.keys().next().value as string);
      this.spans.set(`${s.traceId}/${s.spanId}`, s);
      this.pendingSpans.push(s);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const records = this.pending;
    const spans = this.pendingSpans;
    this.pending = [];
    this.pendingSpans = [];
    if (!this.listener) return;
    if (spans.length) this.listener({ type: 'spans', spans });
    // More than the store holds would be dropped by the panel anyway: send only the newest.
    if (records.length) this.listener({ type: 'records', records: records.slice(-this.store.maxRecords), dropped: this.store.dropped });
  }

  async dispose(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.tails.values()) t.stop();
    this.tails.clear();
    await this.stopReceiver();
  }
}
