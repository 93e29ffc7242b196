/**
 * The project layer (issue 14): which project file an import names, what each module exports,
 * and the manifest evidence for roles, behind one `ModuleSource`; `projectView` turns it into the
 * `ProjectView` one file is analyzed with.
 *
 * - `ProjectModules` reads the project through a `ProjectFs` (the CLI: the disk; the server: the
 *   disk under its open documents) and caches per file version: a module's exports are computed
 *   again only when it, or a module they were derived from, changes.
 * - The CLI's first pass (`prepare`) reads what the analyzed files import, once, before anything
 *   is analyzed or fixed; `snapshot()` hands exactly that to every worker (`SnapshotModules`), so
 *   `--jobs N` sees the same project as `--jobs 1`.
 */
import * as path from 'node:path';
import { JsFacts } from '../js/facts';
import { parseJs } from '../js/parser';
import { languageIdForFile } from '../languages';
import { FACT_NODE_TYPES, PyFacts } from '../python/facts';
import { parsePython } from '../python/parser';
import { JS_EXPORT_CLASSIFIERS, JS_EXPORT_EVIDENCE, PY_EXPORT_CLASSIFIERS, PY_EXPORT_EVIDENCE } from './classifiers';
import { isLoggerSymbol, NO_EXPORTS, type ModuleExports } from './exports';
import { jsModuleExports } from './jsExports';
import { importSpecifiers, manifestRole, type CliPackage } from './manifests';
import { pyModuleExports } from './pyExports';
import { resolveJs, resolvePy, ResolverCaches, type ProjectFs } from './resolve';
import type { ExportedSymbol, ProjectView, RoleDecision } from './view';

/** What the project layer answers; `projectView` asks it on behalf of one file. */
export interface ModuleSource {
  /** The project file `specifier` names when `fromFile` imports it; undefined when it is not the project's. */
  resolve(fromFile: string, specifier: string): string | undefined;
  /** What the module exports; undefined when it cannot be read. */
  exportsOf(file: string): ModuleExports | undefined;
  /** Role evidence from the manifests (manifests.ts), if any. */
  roleOf(file: string): RoleDecision | undefined;
}

/** Re-exports followed at most this deep (`export { logger } from './base'` chains, `export *`). */
const MAX_DEPTH = 6;
/** Modules larger than this are not read for their exports. */
const MAX_MODULE_SIZE = 2 * 1024 * 1024;

const isPython = (file: string) => /\.pyi?$/i.test(file);

/**
 * The project as `file` sees it. `onModule` hears every module a lookup consulted (the server
 * re-analyzes a file when one of them changes what it exports).
 */
export function projectView(file: string, source: ModuleSource, onModule?: (module: string) => void): ProjectView {
  let role: RoleDecision | undefined | null = null;
  return {
    get role() { if (role === null) role = source.roleOf(file); return role; },
    importedSymbol: (specifier, name) => lookup(source, file, specifier, name, 0, onModule),
  };
}

function lookup(source: ModuleSource, from: string, specifier: string, name: string, depth: number, onModule?: (module: string) => void): ExportedSymbol | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const target = source.resolve(from, specifier);
  if (!target || target === from) return undefined;
  onModule?.(target);
  const exported = source.exportsOf(target);
  if (!exported) return undefined;
  const entry = Object.hasOwn(exported.names, name) ? exported.names[name] : undefined;
  if (entry) return 'symbol' in entry ? entry.symbol : lookup(source, target, entry.from, entry.name, depth + 1, onModule);
  if (name === 'default') return undefined; // `export *` does not re-export a default
  for (const star of exported.stars) {
    const hit = lookup(source, target, star, name, depth + 1, onModule);
    if (hit) return hit;
  }
  return undefined;
}

const resolutionKey = (fromFile: string, specifier: string) => `${isPython(fromFile) ? 'py' : 'js'}:${path.dirname(fromFile)}\0${specifier}`;

/** What the CLI's first pass found, in a form a worker thread receives (structured-clonable). */
export interface ProjectSnapshot {
  resolved: [string, string | null][];
  modules: [string, ModuleExports][];
  roles: [string, RoleDecision | null][];
}

interface CachedModule { stamp: string; exports: ModuleExports; deps: Map<string, string> }

export interface ProjectOptions {
  /** Folders Python absolute imports may start from besides the ones found (settings root, workspace folders). */
  roots?: readonly string[];
  /** The files do not change while this object lives (the CLI's first pass): read each once, never revalidate. */
  unchanging?: boolean;
}

/** The project read through a `ProjectFs`, cached per file version. */
export class ProjectModules implements ModuleSource {
  private readonly caches = new ResolverCaches();
  private readonly cliPackages = new Map<string, CliPackage | null>();
  private readonly resolved = new Map<string, string | null>();
  private readonly modules = new Map<string, CachedModule>();
  private readonly roles = new Map<string, RoleDecision | null>();
  /** Modules being read right now, innermost last: an import cycle reads as "nothing exported" instead of looping. */
  private readonly computing: { file: string; deps: Map<string, string> }[] = [];

  readonly fs: ProjectFs;

  constructor(fs: ProjectFs, private readonly options: ProjectOptions = {}) {
    this.fs = options.unchanging ? readOnce(fs) : fs;
  }

  resolve(fromFile: string, specifier: string): string | undefined {
    const key = resolutionKey(fromFile, specifier);
    const hit = this.resolved.get(key);
    if (hit === null) return undefined;
    if (hit !== undefined && (this.options.unchanging || this.fs.isFile(hit))) return hit;
    const file = isPython(fromFile) ? resolvePy(fromFile, specifier, this.fs, this.caches, this.options.roots) : resolveJs(fromFile, specifier, this.fs, this.caches);
    this.resolved.set(key, file ?? null);
    return file;
  }

  exportsOf(file: string): ModuleExports | undefined {
    const stamp = this.fs.stamp(file);
    const parent = this.computing[this.computing.length - 1];
    if (stamp === undefined) { this.modules.delete(file); return undefined; }
    parent?.deps.set(file, stamp);
    let entry = this.modules.get(file);
    if (!entry || !this.fresh(entry, stamp)) {
      if (this.computing.some((c) => c.file === file)) return undefined;
      const deps = new Map<string, string>();
      this.computing.push({ file, deps });
      try {
        entry = { stamp, exports: this.read(file), deps };
      } finally {
        this.computing.pop();
      }
      this.modules.set(file, entry);
    }
    if (parent) for (const [dep, s] of entry.deps) parent.deps.set(dep, s);
    return entry.exports;
  }

  /** The modules a module's exports were derived from (followed imports), with it: what to watch for it. */
  dependenciesOf(file: string): string[] {
    return [file, ...(this.modules.get(file)?.deps.keys() ?? [])];
  }

  roleOf(file: string): RoleDecision | undefined {
    let role = this.roles.get(file);
    const isLoggerModule = (f: string) => Object.values(this.exportsOf(f)?.names ?? {}).some((e) => 'symbol' in e && isLoggerSymbol(e.symbol));
    if (role === undefined) this.roles.set(file, (role = manifestRole(file, this.fs, this.caches, this.cliPackages, isLoggerModule) ?? null));
    return role ?? undefined;
  }

  /** Forget what may have changed on disk: resolutions, manifests, tsconfigs, roles (module exports revalidate by stamp). */
  clear(): void {
    this.resolved.clear();
    this.caches.clear();
    this.cliPackages.clear();
    this.roles.clear();
  }

  /**
   * The CLI's first pass: for each analyzed file, its manifest role and what it imports from
   * the project (found by a text scan, then resolved; re-exports followed), read once.
   */
  prepare(files: readonly string[]): void {
    for (const file of files) {
      this.roleOf(file);
      const text = this.fs.read(file);
      if (text) for (const specifier of importSpecifiers(text, isPython(file))) this.warm(file, specifier, 0);
    }
  }

  private warm(from: string, specifier: string, depth: number): void {
    const target = depth <= MAX_DEPTH ? this.resolve(from, specifier) : undefined;
    const exported = target && this.exportsOf(target);
    if (!exported) return;
    for (const entry of Object.values(exported.names)) if ('from' in entry) this.warm(target, entry.from, depth + 1);
    for (const star of exported.stars) this.warm(target, star, depth + 1);
  }

  snapshot(): ProjectSnapshot {
    return { resolved: [...this.resolved], modules: [...this.modules].map(([f, m]) => [f, m.exports]), roles: [...this.roles] };
  }

  private fresh(entry: CachedModule, stamp: string): boolean {
    if (entry.stamp !== stamp) return false;
    if (this.options.unchanging) return true;
    for (const [dep, s] of entry.deps) if (this.fs.stamp(dep) !== s) return false;
    return true;
  }

  /** How many modules were parsed for their exports (the rest had no evidence in their text). */
  parsed = 0;

  /** Parses the module (when its text could export anything a classifier knows) and classifies its exports. */
  private read(file: string): ModuleExports {
    const text = this.fs.read(file) ?? '';
    const py = isPython(file);
    if (text.length > MAX_MODULE_SIZE || !(py ? PY_EXPORT_EVIDENCE : JS_EXPORT_EVIDENCE).some((re) => re.test(text))) return NO_EXPORTS;
    this.parsed++;
    const view = projectView(file, this);
    if (py) {
      const tree = parsePython(text);
      try {
        const facts = new PyFacts(tree.rootNode.descendantsOfType(FACT_NODE_TYPES).filter((n) => !!n), 'auto', view);
        return pyModuleExports(tree.rootNode, facts, PY_EXPORT_CLASSIFIERS);
      } finally {
        tree.delete();
      }
    }
    const sf = parseJs(text, languageIdForFile(file) ?? 'typescript', file);
    return jsModuleExports(sf, new JsFacts(sf, 'auto', view), JS_EXPORT_CLASSIFIERS);
  }
}

/** A `ProjectFs` that asks the disk once per path (texts, stamps, file tests): for files that do not change meanwhile. */
function readOnce(fs: ProjectFs): ProjectFs {
  const memo = <T>(fn: (p: string) => T) => { const m = new Map<string, T>(); return (p: string) => { if (!m.has(p)) m.set(p, fn(p)); return m.get(p)!; }; };
  return { read: memo(fs.read), stamp: memo(fs.stamp), isFile: memo(fs.isFile), isDir: memo(fs.isDir) };
}

/** The CLI's first pass as a worker thread receives it: answers only what the pass read. */
export class SnapshotModules implements ModuleSource {
  private readonly resolved: Map<string, string | null>;
  private readonly modules: Map<string, ModuleExports>;
  private readonly roles: Map<string, RoleDecision | null>;

  constructor(snapshot: ProjectSnapshot) {
    this.resolved = new Map(snapshot.resolved);
    this.modules = new Map(snapshot.modules);
    this.roles = new Map(snapshot.roles);
  }

  resolve(fromFile: string, specifier: string): string | undefined {
    return this.resolved.get(resolutionKey(fromFile, specifier)) ?? undefined;
  }

  exportsOf(file: string): ModuleExports | undefined {
    return this.modules.get(file);
  }

  roleOf(file: string): RoleDecision | undefined {
    return this.roles.get(file) ?? undefined;
  }
}
