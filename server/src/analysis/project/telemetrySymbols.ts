/**
 * What a name of this file refers to when it is imported from one of the project's own modules,
 * for the tracing and metrics side (tracers, meters, metric factories, span scopes): the
 * import that binds the name's first segment, then `ProjectView.importedSymbol`. A file analyzed
 * alone has no project view: every question is answered `undefined` at once.
 *
 * The import tables are read from the file's top-level import statements, once per file and only
 * when a question is asked (a file without project knowledge never builds them). They are kept
 * per tree / source file, not per facts: rules may ask while their listeners are being built,
 * before the facts can exist.
 */
import ts = require('typescript');
import type { JsContext, PyContext } from '../rule';
import type { ExportedSymbol, ProjectView } from './view';

/** A local name bound by an import: the module as written, and the imported name (`default`, or `*` for a whole module). */
interface Binding { specifier: string; name: string }

const PY_TABLES = new WeakMap<object, Tables>();
const JS_TABLES = new WeakMap<object, Tables>();

/** A file's imports, and the project's answers about them (for the project view they were asked of: a parse may outlive it). */
type Tables = { imports: Map<string, Binding>; project?: ProjectView; answers: Map<string, ExportedSymbol | null> };

function fresh(t: Tables, project: ProjectView | undefined): Tables {
  if (t.project !== project) { t.project = project; t.answers = new Map(); }
  return t;
}

function pyTables(ctx: PyContext): Tables {
  let t = PY_TABLES.get(ctx.tree);
  if (!t) PY_TABLES.set(ctx.tree, (t = { imports: pyImports(ctx.text), answers: new Map() }));
  return fresh(t, ctx.project);
}

function jsTables(ctx: JsContext): Tables {
  let t = JS_TABLES.get(ctx.sourceFile);
  if (!t) JS_TABLES.set(ctx.sourceFile, (t = { imports: jsImports(ctx.sourceFile), answers: new Map() }));
  return fresh(t, ctx.project);
}

/** `from a.b import c as d`, `from . import c`, `from .x import (c, d)` and `import a.b as c` at the start of a line. */
const PY_FROM = /^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([^\n#;]+)/gm;

function pyImports(text: string): Map<string, Binding> {
  const out = new Map<string, Binding>();
  for (const m of text.matchAll(PY_FROM)) {
    for (const item of m[2].replace(/[()\\]/g, ' ').split(',')) {
      const [name, alias] = item.trim().split(/\s+as\s+/);
      if (name && /^\w+$/.test(name)) out.set(alias?.trim() || name, { specifier: m[1], name });
    }
  }
  for (const m of text.matchAll(PY_IMPORT)) {
    for (const item of m[1].split(',')) {
      const [mod, alias] = item.trim().split(/\s+as\s+/);
      if (!mod || !/^[\w.]+$/.test(mod)) continue;
      if (alias) out.set(alias.trim(), { specifier: mod, name: '*' });
      else out.set(mod.split('.')[0], { specifier: mod.split('.')[0], name: '*' });
    }
  }
  return out;
}

/**
 * What a dotted name of a Python file (`make_counter`, `telemetry.meter`, `app.tracing.traced`)
 * is, when its first segment is imported from a project module.
 */
export function pyProjectSymbol(ctx: PyContext, dotted: string): ExportedSymbol | undefined {
  const project = ctx.project;
  if (!project) return undefined;
  const t = pyTables(ctx);
  const cached = t.answers.get(dotted);
  if (cached !== undefined) return cached ?? undefined;
  const parts = dotted.split('.');
  const b = t.imports.get(parts[0]);
  let found: ExportedSymbol | undefined;
  if (b) {
    // `from m import x` + `x` → (m, x); `import a.b as m` / `from a import b` + `m.c.x` → (a.b.c, x).
    const path = b.name === '*' ? [b.specifier] : [b.specifier, b.name];
    const rest = parts.slice(1);
    if (rest.length === 0) found = b.name === '*' ? undefined : project.importedSymbol(b.specifier, b.name);
    else {
      const all = [...path, ...rest];
      const name = all.pop()!;
      const spec = b.name === '*' || /^\.+$/.test(b.specifier) ? all.join('.').replace(/^(\.+)\./, '$1') : all.join('.');
      found = project.importedSymbol(spec, name);
    }
  }
  t.answers.set(dotted, found ?? null);
  return found;
}

function jsImports(sf: ts.SourceFile): Map<string, Binding> {
  const out = new Map<string, Binding>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause) {
      const specifier = st.moduleSpecifier.text;
      const clause = st.importClause;
      if (clause.name) out.set(clause.name.text, { specifier, name: 'default' });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) out.set(nb.name.text, { specifier, name: '*' });
      else if (nb) for (const el of nb.elements) out.set(el.name.text, { specifier, name: (el.propertyName ?? el.name).text });
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') continue;
        const arg = init.arguments[0];
        if (!arg || !ts.isStringLiteral(arg)) continue;
        if (ts.isIdentifier(d.name)) out.set(d.name.text, { specifier: arg.text, name: '*' });
        else if (ts.isObjectBindingPattern(d.name)) {
          for (const el of d.name.elements) {
            if (!ts.isIdentifier(el.name)) continue;
            const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
            out.set(el.name.text, { specifier: arg.text, name: prop });
          }
        }
      }
    }
  }
  return out;
}

/**
 * What a dotted name of a JS/TS file (`meter`, `telemetry.meter`, `withSpan`) is, when its first
 * segment is imported from a project module (`import`, `require`).
 */
export function jsProjectSymbol(ctx: JsContext, dotted: string): ExportedSymbol | undefined {
  const project = ctx.project;
  if (!project) return undefined;
  const t = jsTables(ctx);
  const cached = t.answers.get(dotted);
  if (cached !== undefined) return cached ?? undefined;
  const parts = dotted.split('.');
  const b = t.imports.get(parts[0]);
  let found: ExportedSymbol | undefined;
  if (b && parts.length <= 2) {
    if (parts.length === 1) found = project.importedSymbol(b.specifier, b.name === '*' ? 'default' : b.name);
    // `import * as telemetry from './telemetry'` / `const telemetry = require(...)` + `telemetry.meter`.
    else if (b.name === '*') found = project.importedSymbol(b.specifier, parts[1]);
  }
  t.answers.set(dotted, found ?? null);
  return found;
}

/** Whether any name this file imports from a project module is one of these kinds (to wake a rule whose text gate failed). */
export function importsProjectKind(ctx: PyContext | JsContext, kinds: readonly ExportedSymbol['kind'][]): boolean {
  if (!ctx.project) return false;
  const isPy = 'tree' in ctx;
  const imports = isPy ? pyTables(ctx as PyContext).imports : jsTables(ctx as JsContext).imports;
  for (const local of imports.keys()) {
    const symbol = isPy ? pyProjectSymbol(ctx as PyContext, local) : jsProjectSymbol(ctx as JsContext, local);
    if (symbol && kinds.includes(symbol.kind)) return true;
  }
  return false;
}
