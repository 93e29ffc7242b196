/**
 * Follows a log file like `tail -F`: new lines as it grows, from the start again after truncation, and the
 * new file after rotation (rename + create), after draining what was appended to the old one.
 * Copy-truncate that refills the file past the old offset between two polls is caught by the file's first bytes
 * changing. Deletion, truncation, rotation and read errors are told through `onEvent`; none of them stops the tail.
 * fs.watch wakes us promptly where it works; a slow poll covers where it does not (network drives, renames).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLine, type SkipReason } from './lines';
import type { LogRecord } from './model';

export interface TailOptions {
  onRecords(records: LogRecord[]): void;
  /** Bytes of existing content read at start (default 1 MiB); Infinity reads the whole file. */
  backlogBytes?: number;
  /** Poll interval in ms (default 250). */
  pollMs?: number;
  /** A line longer than this is skipped (default 16 MiB) so a file without newlines cannot eat memory. */
  maxLineBytes?: number;
  /** Told when the file goes missing, comes back, is truncated or rotated, or cannot be read. */
  onEvent?(event: TailEvent): void;
}

export interface TailEvent {
  kind: 'missing' | 'deleted' | 'appeared' | 'truncated' | 'rotated' | 'error';
  message: string;
}

export interface TailStats {
  lines: number;
  records: number;
  rejected: number;
  skipped: Record<SkipReason | 'too-long', number>;
  rotations: number;
  truncations: number;
  deletions: number;
  errors: number;
}

const CHUNK = 64 * 1024;
/** How many of the file's first bytes identify it across copy-truncate (log lines start with a timestamp). */
const HEAD_BYTES = 256;

export class FileTail {
  readonly stats: TailStats = { lines: 0, records: 0, rejected: 0, skipped: { 'invalid-utf8': 0, 'invalid-json': 0, 'not-an-object': 0, 'not-otlp': 0, 'too-large': 0, 'too-long': 0 }, rotations: 0, truncations: 0, deletions: 0, errors: 0 };
  private fd: number | undefined;
  private ino = -1;
  private offset = 0;
  private partial: Buffer[] = [];
  private partialSize = 0;
  private skipFirstLine = false;
  private timer: NodeJS.Timeout | undefined;
  private watcher: fs.FSWatcher | undefined;
  private running = false;
  private again = false;
  private stopped = false;
  /** The file's first bytes when last read: different bytes at the same size or more mean it was rewritten. */
  private head: Buffer = Buffer.alloc(0);
  /** The last state told through onEvent, so each change is told once. */
  private told: TailEvent['kind'] | undefined;

  constructor(readonly file: string, private readonly options: TailOptions) {}

  /** Starts following; resolves after the backlog has been read. A missing file is waited for. */
  async start(): Promise<void> {
    try {
      // Watching the folder (not the file) also sees the file being replaced by a rotation.
      this.watcher = fs.watch(path.dirname(this.file), () => void this.check());
      this.watcher.on('error', () => undefined);
    } catch {
      this.watcher = undefined;
    }
    await this.check();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.close();
    this.closeFd();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check().finally(() => this.schedule()), this.options.pollMs ?? 250);
    this.timer.unref?.();
  }

  /** One pass; concurrent wake-ups collapse into a single extra pass. */
  async check(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        if (!this.stopped) this.pass();
      } while (this.again);
    } finally {
      this.running = false;
    }
  }

  /** Any error (permissions, a folder in the file's place, I/O) is told and retried on the next poll. */
  private pass(): void {
    try {
      this.follow();
    } catch (e) {
      this.closeFd();
      this.stats.errors++;
      this.tell('error', `Cannot read ${this.file}: ${(e as Error).message}`);
    }
  }

  private follow(): void {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(this.file);
    } catch {
      st = undefined;
    }
    if (this.fd !== undefined && (!st || st.ino !== this.ino)) {
      // Rotated or deleted: whatever the writer appended before the switch is still in the old file.
      this.readToEnd();
      this.closeFd();
      this.flushPartial();
      if (st) {
        this.stats.rotations++;
        this.tell('rotated', `${this.file} was rotated; following the new file.`);
      } else {
        this.stats.deletions++;
        this.tell('deleted', `${this.file} was deleted; waiting for it to come back.`);
      }
    }
    if (!st) {
      if (this.told === undefined) this.tell('missing', `${this.file} does not exist yet; waiting for it.`);
      return;
    }
    if (this.fd === undefined) {
      const fd = fs.openSync(this.file, 'r');
      if (this.told === 'missing' || this.told === 'deleted' || this.told === 'error') this.tell('appeared', `Reading ${this.file}.`);
      this.fd = fd;
      this.ino = st.ino;
      const backlog = this.options.backlogBytes ?? 1024 * 1024;
      const firstOpen = this.stats.lines === 0 && this.stats.rotations === 0 && this.stats.deletions === 0;
      this.offset = firstOpen && st.size > backlog ? st.size - backlog : 0;
      this.skipFirstLine = this.offset > 0;
      this.head = this.readHead();
    } else if (st.size < this.offset || !this.sameHead()) {
      // Shorter than what we read, or rewritten from the start (copy-truncate refilled between two polls).
      this.stats.truncations++;
      this.tell('truncated', `${this.file} was truncated; reading it from the start.`);
      this.offset = 0;
      this.partial = [];
      this.partialSize = 0;
      this.skipFirstLine = false;
      this.head = this.readHead();
    }
    this.readToEnd();
    if (this.head.length < HEAD_BYTES && this.offset > this.head.length) this.head = this.readHead();
  }

  private readHead(): Buffer {
    const buf = Buffer.alloc(HEAD_BYTES);
    return buf.subarray(0, fs.readSync(this.fd!, buf, 0, HEAD_BYTES, 0));
  }

  /** Whether the bytes we remember from the file's start are still there. */
  private sameHead(): boolean {
    if (this.head.length === 0) return true;
    const now = Buffer.alloc(this.head.length);
    const n = fs.readSync(this.fd!, now, 0, now.length, 0);
    return n === this.head.length && now.equals(this.head);
  }

  private tell(kind: TailEvent['kind'], message: string): void {
    if (kind === this.told && kind !== 'rotated' && kind !== 'truncated') return;
    this.told = kind;
    this.options.onEvent?.({ kind, message });
  }

  private readToEnd(): void {
    if (this.fd === undefined) return;
    const buf = Buffer.allocUnsafe(CHUNK);
    const records: LogRecord[] = [];
    for (;;) {
      const n = fs.readSync(this.fd, buf, 0, CHUNK, this.offset);
      if (n <= 0) break;
      this.offset += n;
      this.split(buf.subarray(0, n), records);
    }
    if (records.length) this.emit(records);
  }

  private split(chunk: Buffer, records: LogRecord[]): void {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      start = nl + 1;
      const line = this.partialSize ? Buffer.concat([...this.partial, piece]) : piece;
      const tooLong = this.partialSize + piece.length > (this.options.maxLineBytes ?? 16 * 1024 * 1024);
      this.partial = [];
      this.partialSize = 0;
      if (this.skipFirstLine) {
        this.skipFirstLine = false;
        continue;
      }
      if (tooLong) this.stats.skipped['too-long']++;
      else this.line(line, records);
    }
    if (start < chunk.length) {
      const rest = Buffer.from(chunk.subarray(start));
      if (this.partialSize + rest.length <= (this.options.maxLineBytes ?? 16 * 1024 * 1024)) this.partial.push(rest);
      this.partialSize += rest.length;
    }
  }

  private line(line: Buffer, records: LogRecord[]): void {
    this.stats.lines++;
    const r = parseLine(line);
    if (!r) return;
    if ('skip' in r) this.stats.skipped[r.skip]++;
    else {
      this.stats.rejected += r.rejected;
      for (const rec of r.records) records.push(rec);
    }
  }

  /** A last line without a newline counts once its file is gone (rotation): nothing more will be appended. */
  private flushPartial(): void {
    if (!this.partialSize) return;
    const records: LogRecord[] = [];
    this.split(Buffer.from('\n'), records);
    if (records.length) this.emit(records);
  }

  private emit(records: LogRecord[]): void {
    this.stats.records += records.length;
    this.options.onRecords(records);
  }

  private closeFd(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
