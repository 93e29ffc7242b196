/**
 * The panel's "open code" and "find the log call": which file a record's `code.file.path` names, and what to say
 * when there is none. The path comes from whoever sent the record, so only files inside the workspace folders
 * are ever opened: no absolute path outside them, no `..`, and no text of the record in a file-search glob.
 * No `vscode` import: panel.ts passes the workspace in, the tests pass a temporary folder.
 */
import * as nodePath from 'node:path';
import { plainMessage } from '../../../server/src/messages';
import { maskText } from '../webview/mask';

export interface CodeWorkspace {
  /** File-system paths of the workspace folders. */
  folders: readonly string[];
  /** True when a regular file exists at this absolute path. */
  isFile(file: string): Promise<boolean>;
  /** Absolute paths of workspace files matching `glob` (built here: `**` and the path's last two segments, `?` for any glob character they had). */
  findFiles(glob: string): Promise<string[]>;
}

export type CodePathResult = { ok: true; file: string } | { ok: false; message: string };

/** Characters a file-search glob gives a meaning to; in a record's path they are matched by `?` and checked after. */
const GLOB_CHARS = /[*?[\]{}!,\\]/g;
const MAX_PATH = 4096;

/** True when `file` is `folder` itself or below it. */
function inside(folder: string, file: string, p: typeof nodePath): boolean {
  const rel = p.relative(folder, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel);
}

/**
 * Resolves `code.file.path` (absolute, workspace-relative, or from another machine or container) to a file in a
 * workspace folder: an absolute path only when it lies in a folder, a relative one joined to each folder, and
 * otherwise the workspace file that ends in the most of the path's segments (at least its last two). Anything
 * else is refused with the message to show.
 */
export async function resolveCodePath(file: string, ws: CodeWorkspace, p: typeof nodePath = nodePath): Promise<CodePathResult> {
  const refuse = (why: string): CodePathResult => ({ ok: false, message: plainMessage(why) });
  if (file === '' || file.length > MAX_PATH || /[\u0000-\u001f\u007f]/.test(file)) return refuse('o11y-lint: the record\'s code path is not a file path.');
  const segments = file.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return refuse(`o11y-lint: not opening ${file}: only files inside the workspace folders are opened, and this path goes up with "..".`);
  if (segments.length === 0) return refuse('o11y-lint: the record\'s code path is not a file path.');
  const absolute = p.isAbsolute(file) || /^[A-Za-z]:[\\/]/.test(file);
  for (const folder of ws.folders) {
    const candidate = absolute ? p.resolve(file) : p.join(folder, ...segments);
    if (inside(folder, candidate, p) && (await ws.isFile(candidate))) return { ok: true, file: candidate };
  }
  // An absolute path outside the folders is not opened; its last segments may still name a workspace file (the
  // program ran in a container or on another machine): the file ending in the most of them, at least the last two.
  const tail = segments.slice(-2);
  const glob = `**/${tail.map((s) => s.replace(GLOB_CHARS, '?')).join('/')}`;
  let best: { file: string; matched: number } | undefined;
  for (const found of await ws.findFiles(glob)) {
    if (!ws.folders.some((f) => inside(f, found, p))) continue;
    const matched = commonSuffix(found.split(/[\\/]+/), segments);
    if (matched >= tail.length && (!best || matched > best.matched)) best = { file: found, matched };
  }
  return best ? { ok: true, file: best.file } : refuse(`o11y-lint: cannot find ${file} in this workspace.`);
}

/** How many trailing segments two paths share. */
function commonSuffix(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** "Find the log call" found nothing: the record's text is quoted masked (as the panel shows it) and cut. */
export function noLogCallMessage(event: string, body: string): string {
  return plainMessage(`o11y-lint: no log call in this workspace matches "${maskText((event || body).slice(0, 80)).text}".`);
}
