/**
 * Reading a file the user's workspace names (source, `.o11ylint.json`, `.gitignore`, package.json): only a
 * regular file, and at most `maxBytes` of it. A symlink to `/dev/zero`, a FIFO, `/proc/self/fd/0` or a socket is
 * refused before it is opened, so nothing can hang the CLI or the server or make it read without end.
 * Used by the CLI and the language server alike.
 */
import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** What `.o11ylint.json`, `.gitignore` and package.json may weigh; more is refused. */
export const SMALL_FILE_MAX_BYTES = 1024 * 1024;

export type ReadFailure = 'missing' | 'not-regular' | 'too-large' | 'unreadable';

export type ReadResult =
  | { ok: true; bytes: Buffer; text: string; /** Whether the bytes are valid UTF-8 (else `text` has U+FFFD where they were not). */ utf8: boolean; stat: fs.Stats }
  | { ok: false; failure: ReadFailure; /** Why, for a message: "not a regular file (a FIFO)". */ message: string; size?: number };

/** What kind of file a stat describes, for messages. */
export function fileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

// O_NONBLOCK: should the path become a FIFO between the stat and the open, the open does not wait for a writer.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);
const CHUNK = 64 * 1024;

/** Reads a regular file (following symlinks) of at most `maxBytes` bytes; anything else is a failure, never an exception. */
export function readRegularFile(file: string, maxBytes: number): ReadResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? { ok: false, failure: 'missing', message: 'no such file' }
      : { ok: false, failure: 'unreadable', message: (error as Error).message };
  }
  if (!stat.isFile()) return { ok: false, failure: 'not-regular', message: `not a regular file (${fileKind(stat)}), not read` };
  if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, failure: 'unreadable', message: (error as Error).message };
  }
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) return { ok: false, failure: 'not-regular', message: `not a regular file (${fileKind(opened)}), not read` };
    // At most maxBytes + 1 bytes, whatever the size said: a file that grows while it is read, or a /proc file
    // that reports size 0, stays bounded.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > maxBytes) return tooLarge(total, maxBytes);
    }
    const bytes = Buffer.concat(chunks, total);
    return { ok: true, bytes, text: bytes.toString('utf8'), utf8: isUtf8(bytes), stat: opened };
  } catch (error) {
    return { ok: false, failure: 'unreadable', message: (error as Error).message };
  } finally {
    fs.closeSync(fd);
  }
}

function tooLarge(size: number, maxBytes: number): ReadResult {
  return { ok: false, failure: 'too-large', message: `larger than ${maxBytes} bytes, not read`, size };
}
