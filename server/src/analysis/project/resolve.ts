/**
 * Which file of the project an import names (issue 14): JS/TS relative paths (extensions,
 * index files, `.js` written for a `.ts` source), `tsconfig.json` / `jsconfig.json` `paths` and
 * `baseUrl` (following `extends`), the package's own name (self-reference); Python
 * package-relative imports (`.log`, `..util.log`) and absolute imports of the project's own
 * packages, found under its source roots (the folder holding the top-level package, the
 * manifest's folder and its `src/`). Anything else (an installed package) is not the project's.
 * The file system is reached only through `ProjectFs`, so the server can overlay open documents.
 */
import * as path from 'node:path';
import ts = require('typescript');

export interface ProjectFs {
  /** The file's text; undefined when it does not exist or cannot be read. */
  read(file: string): string | undefined;
  /** Changes whenever the file does (mtime and size, an open document's version); undefined when there is no such file. */
  stamp(file: string): string | undefined;
  isFile(file: string): boolean;
  isDir(dir: string): boolean;
}

const JS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** `./log.js` in TypeScript ESM names `./log.ts`. */
const TS_TWIN: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** The `paths` / `baseUrl` of one tsconfig, with `extends` applied; folders absolute. */
export interface TsPaths { baseUrl?: string; paths?: { patterns: Record<string, string[]>; base: string } }

export interface PackageInfo { dir: string; json: Record<string, unknown> }

/** Per-folder answers (nearest tsconfig, package.json, Python roots), computed once per folder until `clear()`. */
export class ResolverCaches {
  readonly tsconfig = new Map<string, TsPaths | null>();
  readonly pkg = new Map<string, PackageInfo | null>();
  readonly pyRoots = new Map<string, string[]>();
  clear(): void { this.tsconfig.clear(); this.pkg.clear(); this.pyRoots.clear(); }
}

/** The project file a JS/TS import specifier names, or undefined. */
export function resolveJs(fromFile: string, specifier: string, fs: ProjectFs, caches: ResolverCaches): string | undefined {
  const dir = path.dirname(fromFile);
  if (specifier.startsWith('.') || specifier.startsWith('/')) return jsFile(path.resolve(dir, specifier), fs);
  if (specifier.startsWith('node:') || !/^[@\w]/.test(specifier)) return undefined;
  const config = nearestTsPaths(dir, fs, caches);
  if (config?.paths) {
    for (const [pattern, targets] of Object.entries(config.paths.patterns)) {
      const star = pattern.indexOf('*');
      const match = star < 0 ? (specifier === pattern ? '' : undefined)
        : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1)) && specifier.length >= pattern.length - 1
          ? specifier.slice(star, specifier.length - (pattern.length - star - 1)) : undefined;
      if (match === undefined) continue;
      for (const target of targets) {
        const hit = jsFile(path.resolve(config.paths.base, target.replace('*', match)), fs);
        if (hit) return hit;
      }
    }
  }
  if (config?.baseUrl) {
    const hit = jsFile(path.resolve(config.baseUrl, specifier), fs);
    if (hit) return hit;
  }
  return selfReference(dir, specifier, fs, caches);
}

/** `my-pkg` / `my-pkg/log` inside my-pkg: its `exports`, `main`, or the path under the package (sources before build output). */
function selfReference(dir: string, specifier: string, fs: ProjectFs, caches: ResolverCaches): string | undefined {
  const pkg = nearestPackage(dir, fs, caches);
  const name = typeof pkg?.json.name === 'string' ? pkg.json.name : undefined;
  if (!pkg || !name || (specifier !== name && !specifier.startsWith(name + '/'))) return undefined;
  const sub = specifier === name ? '.' : `.${specifier.slice(name.length)}`;
  const targets: string[] = [];
  const exp = pkg.json.exports;
  const entry = typeof exp === 'string' ? (sub === '.' ? exp : undefined) : exp && typeof exp === 'object' ? conditionTarget((exp as Record<string, unknown>)[sub]) : undefined;
  if (entry) targets.push(entry);
  if (sub === '.' && typeof pkg.json.main === 'string') targets.push(pkg.json.main);
  if (sub !== '.') targets.push(sub);
  for (const t of targets) {
    for (const candidate of [t.replace(/^(?:\.\/)?(?:dist|lib|build|out)\//, './src/'), t]) {
      const hit = jsFile(path.resolve(pkg.dir, candidate), fs);
      if (hit) return hit;
    }
  }
  return undefined;
}

function conditionTarget(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (!v || typeof v !== 'object') return undefined;
  for (const key of ['types', 'import', 'require', 'node', 'default']) {
    const t = conditionTarget((v as Record<string, unknown>)[key]);
    if (t) return t;
  }
  return undefined;
}

/** The file `base` names: itself, its TypeScript twin, with an extension, or its index file. */
export function jsFile(base: string, fs: ProjectFs): string | undefined {
  const ext = path.extname(base);
  for (const twin of TS_TWIN[ext] ?? []) {
    const candidate = base.slice(0, -ext.length) + twin;
    if (fs.isFile(candidate)) return candidate;
  }
  if (JS_EXTENSIONS.includes(ext) && fs.isFile(base)) return base;
  for (const e of JS_EXTENSIONS) if (fs.isFile(base + e)) return base + e;
  if (fs.isDir(base)) for (const e of JS_EXTENSIONS) if (fs.isFile(path.join(base, 'index' + e))) return path.join(base, 'index' + e);
  return undefined;
}

/** The nearest package.json (with a parsed body) from `dir` upwards. */
export function nearestPackage(dir: string, fs: ProjectFs, caches: ResolverCaches): PackageInfo | undefined {
  const cached = caches.pkg.get(dir);
  if (cached !== undefined) return cached ?? undefined;
  const text = fs.read(path.join(dir, 'package.json'));
  let found: PackageInfo | undefined;
  if (text !== undefined) {
    try {
      const json = JSON.parse(text);
      found = json && typeof json === 'object' ? { dir, json } : undefined;
    } catch { found = undefined; }
  }
  const parent = path.dirname(dir);
  if (!found && parent !== dir) found = nearestPackage(parent, fs, caches);
  caches.pkg.set(dir, found ?? null);
  return found;
}

/** `paths`/`baseUrl` of the nearest tsconfig.json or jsconfig.json from `dir` upwards. */
function nearestTsPaths(dir: string, fs: ProjectFs, caches: ResolverCaches): TsPaths | undefined {
  const cached = caches.tsconfig.get(dir);
  if (cached !== undefined) return cached ?? undefined;
  let found: TsPaths | undefined;
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const file = path.join(dir, name);
    if (fs.isFile(file)) { found = readTsPaths(file, fs, 0) ?? {}; break; }
  }
  const parent = path.dirname(dir);
  if (!found && parent !== dir) found = nearestTsPaths(parent, fs, caches);
  caches.tsconfig.set(dir, found ?? null);
  return found;
}

/** One tsconfig's `baseUrl`/`paths`, over those of what it `extends` (up to 8 levels). */
function readTsPaths(file: string, fs: ProjectFs, depth: number): TsPaths | undefined {
  const text = fs.read(file);
  if (text === undefined || depth > 8) return undefined;
  const { config } = ts.parseConfigFileTextToJson(file, text);
  if (!config || typeof config !== 'object') return undefined;
  const dir = path.dirname(file);
  let out: TsPaths = {};
  const parents = Array.isArray(config.extends) ? config.extends : typeof config.extends === 'string' ? [config.extends] : [];
  for (const ext of parents) {
    const parentFile = typeof ext === 'string' ? extendedConfig(dir, ext, fs) : undefined;
    const inherited = parentFile && readTsPaths(parentFile, fs, depth + 1);
    if (inherited) out = { ...out, ...inherited };
  }
  const options = config.compilerOptions ?? {};
  if (typeof options.baseUrl === 'string') out.baseUrl = path.resolve(dir, options.baseUrl);
  if (options.paths && typeof options.paths === 'object') {
    const patterns: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(options.paths as Record<string, unknown>)) if (Array.isArray(v)) patterns[k] = v.filter((t): t is string => typeof t === 'string');
    out.paths = { patterns, base: out.baseUrl ?? dir };
  } else if (out.paths && typeof options.baseUrl === 'string') {
    out.paths = { patterns: out.paths.patterns, base: out.baseUrl! }; // inherited paths are relative to the baseUrl in force
  }
  return out;
}

/** `extends: "./base.json"` or a package's config (`@tsconfig/node20/tsconfig.json`, found in node_modules upwards). */
function extendedConfig(dir: string, ext: string, fs: ProjectFs): string | undefined {
  const withJson = (p: string) => (fs.isFile(p) ? p : fs.isFile(p + '.json') ? p + '.json' : fs.isDir(p) && fs.isFile(path.join(p, 'tsconfig.json')) ? path.join(p, 'tsconfig.json') : undefined);
  if (ext.startsWith('.') || path.isAbsolute(ext)) return withJson(path.resolve(dir, ext));
  for (let d = dir; ; d = path.dirname(d)) {
    const hit = withJson(path.join(d, 'node_modules', ext));
    if (hit) return hit;
    if (path.dirname(d) === d) return undefined;
  }
}

/** The project file a Python `from X import …` module names (`.log`, `..util.log`, `app.log`), or undefined. */
export function resolvePy(fromFile: string, module: string, fs: ProjectFs, caches: ResolverCaches, extraRoots: readonly string[] = []): string | undefined {
  const dots = /^\.*/.exec(module)![0].length;
  const parts = module.slice(dots).split('.').filter(Boolean);
  if (dots) {
    let base = path.dirname(fromFile);
    for (let i = 1; i < dots; i++) base = path.dirname(base);
    return pyModule(base, parts, fs);
  }
  if (!parts.length) return undefined;
  for (const root of pyRoots(path.dirname(fromFile), fs, caches, extraRoots)) {
    const hit = pyModule(root, parts, fs);
    if (hit) return hit;
  }
  return undefined;
}

function pyModule(base: string, parts: string[], fs: ProjectFs): string | undefined {
  const p = path.join(base, ...parts);
  if (parts.length && fs.isFile(p + '.py')) return p + '.py';
  const init = path.join(p, '__init__.py');
  return fs.isFile(init) ? init : undefined;
}

/**
 * Where the project's top-level packages live, seen from `dir`: the folder above the outermost
 * package holding `dir` (or `dir` itself), the nearest folder with pyproject.toml / setup.cfg /
 * setup.py and its `src/`, and the given extra roots (the settings root, workspace folders).
 */
function pyRoots(dir: string, fs: ProjectFs, caches: ResolverCaches, extra: readonly string[]): string[] {
  const key = dir + '\0' + extra.join('\0');
  const cached = caches.pyRoots.get(key);
  if (cached) return cached;
  const roots: string[] = [];
  let top = dir;
  while (fs.isFile(path.join(top, '__init__.py')) && path.dirname(top) !== top) top = path.dirname(top);
  roots.push(top);
  for (let d = dir; ; d = path.dirname(d)) {
    if (['pyproject.toml', 'setup.cfg', 'setup.py'].some((m) => fs.isFile(path.join(d, m)))) { roots.push(d, path.join(d, 'src')); break; }
    if (path.dirname(d) === d) break;
  }
  for (const r of extra) roots.push(r, path.join(r, 'src'));
  const unique = [...new Set(roots)].filter((r) => fs.isDir(r));
  caches.pyRoots.set(key, unique);
  return unique;
}
