/** The file system as the project layer reads it (analysis/project/resolve.ts `ProjectFs`): the disk, optionally under open documents. */
import * as fs from 'node:fs';
import type { ProjectFs } from './analysis/project/resolve';

/** The disk. `stamp` is mtime and size, so an edited file is read again. */
export function diskFs(): ProjectFs {
  const stat = (p: string) => { try { return fs.statSync(p); } catch { return undefined; } };
  return {
    read: (file) => { try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; } },
    stamp: (file) => { const s = stat(file); return s?.isFile() ? `${s.mtimeMs}:${s.size}` : undefined; },
    isFile: (file) => !!stat(file)?.isFile(),
    isDir: (dir) => !!stat(dir)?.isDirectory(),
  };
}

/** An open document: its text, and a stamp that changes with every edit (and every time it is opened again). */
export interface OpenDocument { text: string; stamp: string }

/** The disk, with `open(file)` answering for files the editor has open (their unsaved text wins). */
export function overlayFs(disk: ProjectFs, open: (file: string) => OpenDocument | undefined): ProjectFs {
  return {
    read: (file) => open(file)?.text ?? disk.read(file),
    stamp: (file) => { const doc = open(file); return doc ? `open:${doc.stamp}` : disk.stamp(file); },
    isFile: (file) => !!open(file) || disk.isFile(file),
    isDir: (dir) => disk.isDir(dir),
  };
}
