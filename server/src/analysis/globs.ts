import { Minimatch } from 'minimatch';
import * as path from 'node:path';

const cache = new Map<string, Minimatch>();

function compiled(pattern: string): Minimatch {
  let m = cache.get(pattern);
  if (!m) {
    m = new Minimatch(pattern, { dot: true, nocomment: true, windowsPathsNoEscape: true });
    cache.set(pattern, m);
  }
  return m;
}

/**
 * Path of `file` relative to `root` with `/` separators (the form globs are matched against).
 * A file outside the root loses its leading `../` so `**` globs still apply to it.
 */
export function relativeForGlobs(file: string, root: string | undefined): string {
  let rel = root && path.isAbsolute(file) ? path.relative(root, file) : file;
  rel = rel.split(path.sep).join('/');
  return rel.replace(/^(\.\.?\/)+/, '').replace(/^\/+/, '');
}

/** Whether the (relative) path matches any of the globs. */
export function matchesAny(relPath: string, globs: readonly string[]): boolean {
  for (const g of globs) if (compiled(g).match(relPath)) return true;
  return false;
}
