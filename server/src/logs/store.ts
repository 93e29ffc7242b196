/** A bounded ring buffer of records: memory stays flat however long the program under test logs. */
import type { LogRecord } from './model';

export class RecordStore {
  private buf: (LogRecord | undefined)[];
  private head = 0;
  private count = 0;
  private nextSeq = 1;
  /** Records pushed out by newer ones since the last clear. */
  dropped = 0;

  constructor(private capacity = 10_000) {
    if (!(capacity >= 1)) throw new RangeError('maxRecords must be at least 1');
    this.buf = new Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  get maxRecords(): number {
    return this.capacity;
  }

  /** Stores records (assigning `seq`), evicting the oldest when full. Returns the same records. */
  push(records: readonly LogRecord[]): readonly LogRecord[] {
    for (const r of records) {
      r.seq = this.nextSeq++;
      const tail = (this.head + this.count) % this.capacity;
      this.buf[tail] = r;
      if (this.count < this.capacity) this.count++;
      else {
        this.head = (this.head + 1) % this.capacity;
        this.dropped++;
      }
    }
    return records;
  }

  /** Oldest first. */
  toArray(): LogRecord[] {
    const out: LogRecord[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.buf[(this.head + i) % this.capacity] as LogRecord;
    return out;
  }

  clear(): void {
    this.buf = new Array(this.capacity);
    this.head = 0;
    this.count = 0;
    this.dropped = 0;
  }

  /** Changes the capacity, keeping the newest records that fit. */
  resize(capacity: number): void {
    if (!(capacity >= 1)) throw new RangeError('maxRecords must be at least 1');
    const kept = this.toArray();
    const cut = Math.max(0, kept.length - capacity);
    this.dropped += cut;
    this.capacity = capacity;
    this.buf = new Array(capacity);
    this.head = 0;
    this.count = 0;
    for (const r of kept.slice(cut)) this.buf[this.count++] = r;
  }
}
