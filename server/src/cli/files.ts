/** Finds the files `o11y-lint check` analyzes: walks folders honouring .gitignore and the exclude globs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { matchesAny, relativeForGlobs } from '../analysis/globs';
import { languageIdForFile } from '../analysis/languages';
import { fileKind, readRegularFile, SMALL_FILE_MAX_BYTES } from '../analysis/readFile';
import type { Settings } from '../analysis/settings';

export interface FoundFile { abs: string; display: string; languageId: string }

interface IgnoreLayer { dir: string; ig: Ignore }

/** Always skipped when walking, whatever the globs say. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** The folder's .gitignore; one that is not a small regular file (a FIFO, a link to /dev/zero) is reported and not read. */
function readGitignore(dir: string, onWarning: (message: string) => void): Ignore | undefined {
  const file = path.join(dir, '.gitignore');
  const read = readRegularFile(file, SMALL_FILE_MAX_BYTES);
  if (read.ok) return ignore().add(read.text);
  if (read.failure !== 'missing') onWarning(`${file}: ${read.message}; its patterns are not applied`);
  return undefined;
}

/** .gitignore files from the repository root down to `dir` (exclusive of `dir` itself). */
function ancestorLayers(dir: string, onWarning: (message: string) => void): IgnoreLayer[] {
  const chain: string[] = [];
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (fs.existsSync(path.join(d, '.git')) || path.dirname(d) === d) break;
  }
  if (!fs.existsSync(path.join(chain[0], '.git'))) return [];
  return chain.flatMap((d) => {
    const ig = readGitignore(d, onWarning);
    return ig ? [{ dir: d, ig }] : [];
  });
}

function ignored(layers: IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (const { dir, ig } of layers) {
    const rel = path.relative(dir, abs).split(path.sep).join('/');
    if (rel && !rel.startsWith('..') && ig.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

export interface WalkOptions {
  cwd: string;
  /** Settings (include/exclude globs) and the folder globs are relative to, for a file. */
  settingsFor: (abs: string) => { settings: Settings; root: string };
  onWarning: (message: string) => void;
}

/** Expands the given paths to analyzable files, sorted by display path. */
export function findFiles(paths: readonly string[], options: WalkOptions): FoundFile[] {
  const out = new Map<string, FoundFile>();
  for (const given of paths.length ? paths : ['.']) {
    const abs = path.resolve(options.cwd, given);
    const display = (p: string) => (path.isAbsolute(given) ? p : path.relative(options.cwd, p).split(path.sep).join('/') || '.');
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      options.onWarning(`${given}: no such file or directory`);
      continue;
    }
    if (stat.isFile()) {
      const languageId = languageIdForFile(abs);
      if (languageId) out.set(abs, { abs, display: display(abs), languageId });
      else options.onWarning(`${given}: not a Python or JavaScript/TypeScript file, skipped`);
      continue;
    }
    if (!stat.isDirectory()) {
      options.onWarning(`${given}: not a regular file (${fileKind(stat)}), skipped`);
      continue;
    }
    walk(abs, ancestorLayers(abs, options.onWarning), options, (file, languageId) => out.set(file, { abs: file, display: display(file), languageId }));
  }
  return [...out.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

function walk(dir: string, layers: IgnoreLayer[], options: WalkOptions, found: (file: string, languageId: string) => void): void {
  const own = readGitignore(dir, options.onWarning);
  const here = own ? [...layers, { dir, ig: own }] : layers;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    options.onWarning(`${dir}: cannot read folder (${(error as Error).message})`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED.has(entry.name) || ignored(here, abs, true)) continue;
      const { settings, root } = options.settingsFor(path.join(abs, 'x'));
      if (matchesAny(relativeForGlobs(abs, root) + '/', settings.exclude)) continue;
      walk(abs, here, options, found);
    } else if (entry.isFile()) {
      const languageId = languageIdForFile(entry.name);
      if (!languageId || ignored(here, abs, false)) continue;
      const { settings, root } = options.settingsFor(abs);
      const rel = relativeForGlobs(abs, root);
      if (matchesAny(rel, settings.exclude)) continue;
      if (settings.include.length && !matchesAny(rel, settings.include)) continue;
      found(abs, languageId);
    } else if (!entry.isSymbolicLink() && languageIdForFile(entry.name) && !ignored(here, abs, false)) {
      // A FIFO, device or socket named like source: never opened.
      options.onWarning(`${path.relative(options.cwd, abs) || abs}: not a regular file, skipped`);
    }
  }
}
