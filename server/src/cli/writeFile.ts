/**
 * `--fix` writes a file back: either the whole new text is there, or the file is as it was. The text goes to a
 * temporary file in the same folder (same file system), gets the original's mode (and owner, when allowed), and
 * is renamed over the original, which is checked first not to have changed since it was read. A symlink is
 * written through: the file it points to is replaced, the link stays.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** What the file was when it was read: its bytes and stat. */
export interface ReadState { bytes: Buffer; stat: fs.Stats }

/** The file-system calls used, so tests can make one fail. */
export type WriteFs = Pick<typeof fs, 'realpathSync' | 'statSync' | 'readFileSync' | 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'fchmodSync' | 'fchownSync' | 'renameSync' | 'unlinkSync'>;

/** Replaces `file`'s contents with `text` (UTF-8). Returns why it did not, or undefined once written. */
export function replaceFile(file: string, text: string, original: ReadState, fsys: WriteFs = fs): string | undefined {
  let target: string;
  let now: fs.Stats;
  try {
    target = fsys.realpathSync(file);
    now = fsys.statSync(target);
  } catch (error) {
    return `not rewritten: ${(error as Error).message}`;
  }
  if (!now.isFile()) return 'not rewritten: it is no longer a regular file';
  if ((now.mode & 0o222) === 0) return 'not rewritten: the file is read-only';
  if (changed(original, now, () => fsys.readFileSync(target))) return 'not rewritten: the file changed since it was read (run again)';
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.o11y-lint.tmp`);
  let fd: number | undefined;
  try {
    fd = fsys.openSync(temp, 'wx', now.mode & 0o7777);
    const bytes = Buffer.from(text, 'utf8');
    for (let off = 0; off < bytes.length; ) off += fsys.writeSync(fd, bytes, off, bytes.length - off);
    fsys.fchmodSync(fd, now.mode & 0o7777); // the umask may have narrowed it
    try { fsys.fchownSync(fd, now.uid, now.gid); } catch { /* only root may give a file away; the mode is what matters */ }
    fsys.fsyncSync(fd);
    fsys.closeSync(fd);
    fd = undefined;
    fsys.renameSync(temp, target);
    return undefined;
  } catch (error) {
    if (fd !== undefined) try { fsys.closeSync(fd); } catch { /* already failing */ }
    try { fsys.unlinkSync(temp); } catch { /* never created */ }
    return `not rewritten: ${(error as Error).message}`;
  }
}

/** Whether the file is not what was read: another inode, size or time, or other bytes. */
function changed(original: ReadState, now: fs.Stats, read: () => Buffer): boolean {
  const was = original.stat;
  if (now.ino !== was.ino || now.dev !== was.dev || now.size !== was.size || now.mtimeMs !== was.mtimeMs) return true;
  try {
    return !read().equals(original.bytes);
  } catch {
    return true;
  }
}
