/**
 * Follows a log file like `tail -F`: new lines as it grows, from the start again after truncation, and the
 * new file after rotation (rename + create), after draining what was appended to the old one.
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
}

export interface TailStats {
  lines: number;
  records: number;
  rejected: number;
  skipped: Record<SkipReason | 'too-long', number>;
  rotations: number;
  truncations: number;
}

const CHUNK = 64 * 1024;

export class FileTail {
  readonly stats: TailStats = { lines: 0, records: 0, rejected: 0, skipped: { 'invalid-utf8': 0, 'invalid-json': 0, 'not-an-object': 0, 'not-otlp': 0, 'too-long': 0 }, rotations: 0, truncations: 0 };
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

  private pass(): void {
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
      if (st) this.stats.rotations++;
    }
    if (!st) return;
    if (this.fd === undefined) {
      this.fd = fs.openSync(this.file, 'r');
      this.ino = st.ino;
      const backlog = this.options.backlogBytes ?? 1024 * 1024;
      const firstOpen = this.stats.lines === 0 && this.stats.rotations === 0;
      this.offset = firstOpen && st.size > backlog ? st.size - backlog : 0;
      this.skipFirstLine = this.offset > 0;
    } else if (st.size < this.offset) {
      this.stats.truncations++;
      this.offset = 0;
      this.partial = [];
      this.partialSize = 0;
    }
    this.readToEnd();
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
