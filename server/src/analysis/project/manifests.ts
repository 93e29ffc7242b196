/**
 * Role evidence from the project's manifests (issue 14): the files a package names as its
 * command-line entry points (package.json `bin`, pyproject.toml `[project.scripts]` /
 * `[tool.poetry.scripts]`, setup.cfg `console_scripts`), what a thin entry point imports inside
 * the package, and the `commands/` and `cli/` folders of such a CLI package. An entry point that
 * starts a server (it imports a web framework) is the service's own start script, not a CLI.
 */
import * as path from 'node:path';
import { jsFile, nearestPackage, resolveJs, resolvePy, type ProjectFs, type ResolverCaches } from './resolve';
import type { RoleDecision } from './view';

/** A CLI package: its entry files, and the manifest that names them. */
export interface CliPackage {
  dir: string;
  manifest: string;
  entries: { name: string; file: string }[];
  /** Entry file → whether it is a shim, and the project files it imports (filled on first use). */
  imports: Record<string, { shim: boolean; imports: string[] }>;
}

/** An entry point of at most this many lines of code is a shim: what it imports is the command. */
const SHIM_LINES = 12;
const SERVER_IMPORT = /\b(?:from|import)\s+['"]?(?:express|fastify|koa|@nestjs\/core|@hapi\/hapi|next|fastapi|flask|django|uvicorn|gunicorn|aiohttp|starlette|sanic|tornado)\b|\brequire\s*\(\s*['"](?:express|fastify|koa|@nestjs\/core|@hapi\/hapi|next)['"]|\bcreateServer\s*\(/;

/** `isLoggerModule`: the file exports a logger (the logging module an entry imports is the logger's, not the command's). */
export function manifestRole(file: string, fs: ProjectFs, caches: ResolverCaches, cliPackages: Map<string, CliPackage | null>, isLoggerModule: (file: string) => boolean): RoleDecision | undefined {
  const py = file.endsWith('.py');
  const pkg = py ? pyCliPackage(path.dirname(file), fs, caches, cliPackages) : jsCliPackage(path.dirname(file), fs, caches, cliPackages);
  if (!pkg) return undefined;
  const hit = pkg.entries.find((e) => e.file === file);
  if (hit) return { role: 'cli', reason: `named by ${pkg.manifest} as the command \`${hit.name}\`` };
  const folder = commandsFolder(pkg.dir, file, py, fs);
  if (folder) return { role: 'cli', reason: `in the ${folder}/ folder of a CLI package (${pkg.manifest})` };
  for (const entry of pkg.entries) {
    const { shim, imports } = entryImports(entry.file, fs, caches, pkg);
    const below = !path.relative(path.dirname(entry.file), file).startsWith('..');
    if ((!shim && !below) || !imports.includes(file)) continue;
    return isLoggerModule(file) ? undefined : { role: 'cli', reason: `imported by ${path.relative(pkg.dir, entry.file).split(path.sep).join('/')}, the entry point ${pkg.manifest} names` };
  }
  return undefined;
}

const SOURCE_DIRS = new Set(['src', 'lib', 'source', 'app']);

/**
 * `commands` or `cli` when the file is in such a folder at the top of the package's sources
 * (`cli/`, `src/commands/`, a Python package's `cli/`), not anywhere below (`test/fixtures/cli/`).
 */
function commandsFolder(pkgDir: string, file: string, py: boolean, fs: ProjectFs): string | undefined {
  const segments = path.relative(pkgDir, file).split(path.sep).slice(0, -1);
  let dir = pkgDir;
  for (const segment of segments) {
    dir = path.join(dir, segment);
    if (segment === 'commands' || segment === 'cli') return segment;
    if (!SOURCE_DIRS.has(segment) && !(py && fs.isFile(path.join(dir, '__init__.py')))) return undefined;
  }
  return undefined;
}

/** The nearest package.json with a `bin`, and its entry files (sources before build output). */
function jsCliPackage(dir: string, fs: ProjectFs, caches: ResolverCaches, cache: Map<string, CliPackage | null>): CliPackage | undefined {
  const pkg = nearestPackage(dir, fs, caches);
  if (!pkg) return undefined;
  const key = path.join(pkg.dir, 'package.json');
  if (cache.has(key)) return cache.get(key) ?? undefined;
  const bin = pkg.json.bin;
  const named: [string, string][] = typeof bin === 'string' ? [[String(pkg.json.name ?? path.basename(pkg.dir)), bin]]
    : bin && typeof bin === 'object' ? Object.entries(bin as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string') : [];
  const entries = named.flatMap(([name, target]) => {
    const files = [target.replace(/^(?:\.\/)?(?:dist|lib|build|out)\//, './src/'), target].map((t) => jsFile(path.resolve(pkg.dir, t), fs)).filter((f): f is string => !!f);
    return [...new Set(files)].filter((f) => !SERVER_IMPORT.test(fs.read(f) ?? '')).map((f) => ({ name, file: f }));
  });
  const found = entries.length ? { dir: pkg.dir, manifest: 'package.json "bin"', entries, imports: {} } : undefined;
  cache.set(key, found ?? null);
  return found;
}

/** The nearest pyproject.toml or setup.cfg with console scripts, and their modules. */
function pyCliPackage(dir: string, fs: ProjectFs, caches: ResolverCaches, cache: Map<string, CliPackage | null>): CliPackage | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    for (const name of ['pyproject.toml', 'setup.cfg']) {
      const manifest = path.join(d, name);
      if (!fs.isFile(manifest)) continue;
      if (cache.has(manifest)) return cache.get(manifest) ?? undefined;
      const scripts = name === 'pyproject.toml' ? tomlScripts(fs.read(manifest) ?? '') : cfgScripts(fs.read(manifest) ?? '');
      const anchor = path.join(d, '__manifest__.py'); // absolute module names resolve from the manifest's folder (and its src/)
      const entries = scripts.flatMap(([script, module]) => {
        const file = resolvePy(anchor, module, fs, caches, [d]);
        return file && !SERVER_IMPORT.test(fs.read(file) ?? '') ? [{ name: script, file }] : [];
      });
      const found = entries.length ? { dir: d, manifest: name === 'pyproject.toml' ? 'pyproject.toml [project.scripts]' : 'setup.cfg console_scripts', entries, imports: {} } : undefined;
      cache.set(manifest, found ?? null);
      return found;
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/** `name = "pkg.mod:func"` lines of `[project.scripts]` / `[project.gui-scripts]` / `[tool.poetry.scripts]`. */
export function tomlScripts(text: string): [string, string][] {
  const out: [string, string][] = [];
  let inScripts = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) { inScripts = /^(?:project\.(?:gui-)?scripts|tool\.poetry\.scripts)$/.test(header[1].trim()); continue; }
    const m = inScripts && /^\s*["']?([\w.-]+)["']?\s*=\s*(?:\{[^}]*?(?:callable|reference)\s*=\s*)?["']([\w.]+)(?::[\w.]+)?["']/.exec(line);
    if (m) out.push([m[1], m[2]]);
  }
  return out;
}

/** `console_scripts =` entries of setup.cfg `[options.entry_points]`. */
export function cfgScripts(text: string): [string, string][] {
  const out: [string, string][] = [];
  let section = '';
  let inConsole = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) { section = header[1].trim(); inConsole = false; continue; }
    if (section !== 'options.entry_points') continue;
    const key = /^(\w[\w-]*)\s*=\s*(.*)$/.exec(line);
    if (key) { inConsole = key[1] === 'console_scripts'; if (!inConsole || !key[2].trim()) continue; }
    const m = inConsole && /^\s*([\w.-]+)\s*=\s*([\w.]+)(?::[\w.]+)?\s*$/.exec(key ? key[2] : line);
    if (m) out.push([m[1], m[2]]);
  }
  return out;
}

/** Whether an entry is a thin shim, and the project files it imports directly (found by `importSpecifiers`, resolved); once per entry. */
function entryImports(file: string, fs: ProjectFs, caches: ResolverCaches, pkg: CliPackage): { shim: boolean; imports: string[] } {
  const cached = pkg.imports[file];
  if (cached) return cached;
  const text = fs.read(file) ?? '';
  const py = file.endsWith('.py');
  const shim = text.split('\n').filter((l) => l.trim() && !/^\s*(?:\/\/|#|\/\*|\*)/.test(l)).length <= SHIM_LINES;
  const imports = importSpecifiers(text, py).map((s) => (py ? resolvePy(file, s, fs, caches) : resolveJs(file, s, fs, caches))).filter((f): f is string => !!f);
  return (pkg.imports[file] = { shim, imports });
}

const JS_SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"\n]+)['"]|\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;
const PY_SPECIFIER = /^[ \t]*from[ \t]+([.\w]+)[ \t]+import\b/gm;

/** The module specifiers a file's text imports from, found by a plain-text scan (no parse): a superset of what its facts ask. */
export function importSpecifiers(text: string, python: boolean): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(python ? PY_SPECIFIER : JS_SPECIFIER)) out.add(m[1] ?? m[2]);
  return [...out];
}
