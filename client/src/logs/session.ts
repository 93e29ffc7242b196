/**
 * The live-logs session: one store, the receiver, any file tails, and batched delivery to the panel.
 * No `vscode` import: the extension glue (index.ts) decides when to start what and how to tell the user.
 *
 * Delivery: posts go out one at a time, in order, each at most MAX_MESSAGE_BYTES (batches.ts). A post that fails
 * (the listener throws or answers false) loses nothing: the store still has every record, and the panel is sent a
 * fresh snapshot instead of the rest of the queue, now and on any later reopen.
 */
import type { LogRecord, SpanSummary } from '../../../server/src/logs/model';
import { OtlpReceiver, type StartResult } from '../../../server/src/logs/receiver';
import { RecordStore } from '../../../server/src/logs/store';
import { FileTail, type TailEvent } from '../../../server/src/logs/tail';
import { MAX_MESSAGE_BYTES, recordMessages, snapshotMessages, spanMessages } from './batches';
import type { PanelStatus, ToWebview } from './protocol';

/** Posts to the webview are batched: at most one every 50 ms (~20/s), however fast records arrive. */
const FLUSH_MS = 50;
/** After a failed post, the snapshot that replaces what was lost is sent this much later. */
const RETRY_MS = 1000;
const MAX_SPANS = 20_000;

/** The panel's sink: `webview.postMessage`, which answers false (or throws) when the message was not delivered. */
export type PanelListener = (m: ToWebview) => PromiseLike<boolean> | boolean | void;

export class LogsSession {
  readonly store: RecordStore;
  private readonly spans = new Map<string, SpanSummary>();
  private receiver: OtlpReceiver | undefined;
  private readonly tails = new Map<string, FileTail>();
  private pending: LogRecord[] = [];
  private pendingSpans: SpanSummary[] = [];
  private timer: NodeJS.Timeout | undefined;
  private listener: PanelListener | undefined;
  /** Messages waiting to be posted, in order; one is in flight while `sending`. */
  private outbox: ToWebview[] = [];
  private sending = false;
  /** A post failed: the next delivery is a whole snapshot. */
  private stale = false;
  status: PanelStatus = { text: 'not listening', level: 'warning' };

  constructor(maxRecords: number, private readonly maxMessageBytes = MAX_MESSAGE_BYTES) {
    this.store = new RecordStore(maxRecords);
  }

  get listening(): boolean {
    return this.receiver !== undefined;
  }

  /** The panel's sink; undefined when the panel closes (records keep accumulating in the store). */
  setListener(listener: PanelListener | undefined): void {
    this.listener = listener;
    this.outbox = [];
    this.stale = false;
  }

  /** What a freshly opened (or reloaded) panel needs: an `init`, then the rest of the store in `records` messages. */
  snapshot(): ToWebview[] {
    return snapshotMessages({ records: this.store.toArray(), spans: [...this.spans.values()], maxRecords: this.store.maxRecords, dropped: this.store.dropped, status: this.status }, this.maxMessageBytes);
  }

  /** The panel (re)loaded and asked for everything: the snapshot replaces whatever was queued. */
  sendSnapshot(): void {
    this.pending = [];
    this.pendingSpans = [];
    this.stale = false;
    this.outbox = this.snapshot();
    void this.drain();
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
    this.post([{ type: 'cleared' }]);
  }

  setStatus(status: PanelStatus): void {
    this.status = status;
    this.post([{ type: 'status', status }]);
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
    if (this.stale) return this.sendSnapshot();
    // More than the store holds would be dropped by the panel anyway: send only the newest.
    this.post([...spanMessages(spans, this.maxMessageBytes), ...recordMessages(records.slice(-this.store.maxRecords), this.store.dropped, this.maxMessageBytes)]);
  }

  private post(messages: ToWebview[]): void {
    if (!this.listener || !messages.length) return;
    // Behind a failed post the panel is out of date: the coming snapshot carries this too.
    if (this.stale) return;
    this.outbox.push(...messages);
    void this.drain();
  }

  /** Posts the outbox one message at a time; a failure drops the queue and schedules a snapshot. */
  private async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.outbox.length && this.listener) {
        const listener = this.listener;
        const m = this.outbox.shift() as ToWebview;
        let delivered: boolean | void;
        try {
          delivered = await listener(m);
        } catch {
          delivered = false;
        }
        if (delivered === false && listener === this.listener) {
          this.outbox = [];
          this.stale = true;
          if (!this.timer) this.timer = setTimeout(() => this.flush(), RETRY_MS);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  async dispose(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.listener = undefined;
    for (const t of this.tails.values()) t.stop();
    this.tails.clear();
    await this.stopReceiver();
  }
}
