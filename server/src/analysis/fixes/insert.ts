/**
 * Insertions fixes share: indentation, one import, one module-level statement (a logger, a
 * tracer, a helper). Every function returns `undefined` when the thing already exists, so two
 * fixes inserting the same import in one fix-all pass stay idempotent (apply.ts defers the
 * second zero-length insert at the same offset to the next pass).
 */
import ts = require('typescript');
import type { Node as PyNode } from 'web-tree-sitter';
import type { JsContext, PyContext } from '../rule';
import type { OffsetEdit } from '../types';

const perFile = new WeakMap<object, Map<string, unknown>>();

/**
 * Computes a per-file value once: fixes are built for every finding, so anything that scans
 * the whole file (a 2 MB file can have 50k findings) is keyed by the parse tree / source file.
 */
export function perFileMemo<T>(file: object, key: string, compute: () => T): T {
  let m = perFile.get(file);
  if (!m) perFile.set(file, (m = new Map()));
  if (!m.has(key)) m.set(key, compute());
  return m.get(key) as T;
}

let lastIndent: { text: string; unit: string } | undefined;

/** The file's indentation unit: a tab, or the most common step between indented lines (default 4 spaces). */
export function indentUnit(text: string): string {
  if (lastIndent?.text === text) return lastIndent.unit;
  const unit = computeIndentUnit(text);
  lastIndent = { text, unit };
  return unit;
}

function computeIndentUnit(text: string): string {
  const steps = new Map<number, number>();
  let prev = 0;
  let tabs = 0;
  let spaces = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const ws = /^[ \t]*/.exec(line)![0];
    if (ws.startsWith('\t')) { tabs++; continue; }
    if (ws.length) spaces++;
    const step = ws.length - prev;
    if (step > 0 && step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
    prev = ws.length;
  }
  if (tabs > spaces) return '\t';
  let best = 4;
  let count = 0;
  for (const [step, n] of steps) if (n > count || (n === count && step < best)) { best = step; count = n; }
  return ' '.repeat(best);
}

/** The leading whitespace of the line holding `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, start + 200))![0];
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the end of the line holding `offset` (before its `\r\n` / `\n`). */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** Zero-length inserts at the same offset merged into one edit, in order (LSP and apply.ts keep no order for them). */
export function mergeInserts(edits: readonly (OffsetEdit | undefined)[]): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  for (const e of edits) {
    if (!e) continue;
    const same = out.find((o) => o.start === o.end && e.start === e.end && o.start === e.start);
    if (same) same.text += e.text;
    else out.push({ ...e });
  }
  return out;
}

// ---------------------------------------------------------------- Python

/** Top-level statements, looking one level into top-level `try:`/`if` blocks (guarded imports). */
function pyTopImports(ctx: PyContext): PyNode[] {
  return perFileMemo(ctx.tree, 'topImports', () => collectPyTopImports(ctx));
}

function collectPyTopImports(ctx: PyContext): PyNode[] {
  const out: PyNode[] = [];
  const visit = (nodes: (PyNode | null)[], depth: number) => {
    for (const n of nodes) {
      if (!n) continue;
      if (n.type === 'import_statement' || n.type === 'import_from_statement' || n.type === 'future_import_statement') out.push(n);
      else if (depth === 0 && (n.type === 'try_statement' || n.type === 'if_statement')) {
        const body = n.childForFieldName('body') ?? n.childForFieldName('consequence');
        if (body) visit(body.namedChildren, 1);
      }
    }
  };
  visit(ctx.tree.rootNode.namedChildren, 0);
  return out;
}

/** `import a.b as c` / `from m import a, b as c` → [local name, qualified name] pairs. */
function pyBindings(statement: string): [string, string][] {
  const from = /^from\s+([\w.]+)\s+import\s+\(?([^)]*)\)?\s*$/.exec(statement.trim());
  const parts = (list: string) => list.split(',').map((s) => s.trim()).filter((s) => s);
  if (from) {
    return parts(from[2]).map((p) => {
      const [name, alias] = p.split(/\s+as\s+/);
      return [alias ?? name, `${from[1]}.${name}`];
    });
  }
  const imp = /^import\s+(.+)$/.exec(statement.trim());
  if (!imp) return [];
  return parts(imp[1]).map((p) => {
    const [name, alias] = p.split(/\s+as\s+/);
    return alias ? [alias, name] : [name.split('.')[0], name.split('.')[0]];
  });
}

/** The local name the file imports `qualified` under (`logging`, `lg` for `import logging as lg`), if any: the Python `jsImportedName`. */
export function pyImportedName(ctx: PyContext, qualified: string): string | undefined {
  for (const [local, q] of ctx.facts.imports) if (q === qualified) return local;
  return undefined;
}

/** Whether the module-level imports already bind `local` to `qualified`. */
export function pyImported(ctx: PyContext, local: string, qualified: string): boolean {
  const bound = perFileMemo(ctx.tree, 'importBindings', () => new Set(pyTopImports(ctx).flatMap((node) =>
    pyBindings(node.text.replace(/\\\r?\n/g, ' ').replace(/#.*$/gm, '')).map(([l, q]) => `${l} ${q}`))));
  return bound.has(`${local} ${qualified}`);
}

/** Where module-level insertions go: the end of the line of the last top-level import, else after docstring / shebang / encoding comments. */
function pyAnchor(ctx: PyContext): { offset: number; after: boolean } {
  return perFileMemo(ctx.tree, 'anchor', () => computePyAnchor(ctx));
}

function computePyAnchor(ctx: PyContext): { offset: number; after: boolean } {
  const imports = pyTopImports(ctx).filter((n) => n.parent?.type === 'module');
  const last = imports[imports.length - 1];
  if (last) return { offset: lineEnd(ctx.text, last.endIndex), after: true };
  let anchor: PyNode | undefined;
  for (const n of ctx.tree.rootNode.namedChildren) {
    if (!n) continue;
    if (n.type === 'comment' && n.startIndex < 200 && /^#(!|.*coding[:=])/.test(n.text)) { anchor = n; continue; }
    if (!anchor && n.type === 'expression_statement' && n.namedChildren[0]?.type === 'string' && n.namedChildren.length === 1) anchor = n;
    break;
  }
  return anchor ? { offset: lineEnd(ctx.text, anchor.endIndex), after: true } : { offset: 0, after: false };
}

function insertAt(ctx: { text: string; eol: string }, where: { offset: number; after: boolean }, statement: string): OffsetEdit {
  return where.after
    ? { start: where.offset, end: where.offset, text: ctx.eol + statement }
    : { start: where.offset, end: where.offset, text: statement + ctx.eol + (/^\s*\S/.test(ctx.text.slice(0, 200)) ? ctx.eol : '') };
}

/**
 * An edit adding `import os` / `from opentelemetry import trace` after the last top-level
 * import; undefined when every name it binds is already bound that way.
 */
export function pyImportEdit(ctx: PyContext, statement: string): OffsetEdit | undefined {
  const bindings = pyBindings(statement);
  if (bindings.length && bindings.every(([l, q]) => pyImported(ctx, l, q))) return undefined;
  return insertAt(ctx, pyAnchor(ctx), statement);
}

/**
 * A module-level statement (e.g. `tracer = trace.get_tracer(__name__)`) after the imports,
 * separated from them by a blank line; undefined when `exists`.
 */
export function pyModuleStatementEdit(ctx: PyContext, statement: string, exists: boolean): OffsetEdit | undefined {
  if (exists) return undefined;
  const where = pyAnchor(ctx);
  return insertAt(ctx, where, where.after ? ctx.eol + statement : statement);
}

/** Whether a module-level assignment binds `name` (`name = ...`). */
export function pyModuleAssigns(ctx: PyContext, name: string): boolean {
  return perFileMemo(ctx.tree, 'moduleNames', () => {
    const names = new Set<string>();
    for (const a of pyModuleAssignments(ctx)) {
      const left = a.childForFieldName('left')?.text;
      if (left) names.add(left);
    }
    for (const stmt of ctx.tree.rootNode.namedChildren) {
      const n = stmt?.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      const name = n?.type === 'function_definition' || n?.type === 'class_definition' ? n.childForFieldName('name')?.text : undefined;
      if (name) names.add(name);
    }
    return names;
  }).has(name);
}

/**
 * The module-level assignments (`name = ...` statements directly in the module), in document
 * order. Walks the module's statements, not the whole tree: `descendantsOfType('assignment')`
 * on a 20k-line file costs ~30 ms.
 */
export function pyModuleAssignments(ctx: PyContext): PyNode[] {
  return perFileMemo(ctx.tree, 'moduleAssignments', () => {
    const out: PyNode[] = [];
    for (const stmt of ctx.tree.rootNode.namedChildren) {
      if (stmt?.type !== 'expression_statement') continue;
      for (const a of stmt.namedChildren) if (a?.type === 'assignment') out.push(a);
    }
    return out;
  });
}

// ---------------------------------------------------------------- JS / TS

/** The quote the file mostly uses, so inserted strings match the surrounding code. */
export function jsQuote(text: string): string {
  if (lastQuote?.text === text) return lastQuote.quote;
  const sample = text.slice(0, 4000);
  const quote = sample.split("'").length > sample.split('"').length ? "'" : '"';
  lastQuote = { text, quote };
  return quote;
}

let lastQuote: { text: string; quote: string } | undefined;

/**
 * `value` (plain text, nothing to escape) as a string literal in the quote of `literal`, the
 * source text of the literal it replaces (after a Python prefix; a triple quote counts as one).
 */
export function requote(literal: string, value: string): string {
  const quote = /^[a-zA-Z]*(["'`])/.exec(literal)?.[1] ?? '"';
  return `${quote}${value}${quote}`;
}

/** A string literal in the file's quote style. */
export function jsString(text: string, value: string): string {
  const q = jsQuote(text);
  return q + value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r') + q;
}

/** `;` when most top-level statements end with one (default: yes). */
export function jsSemi(ctx: JsContext): string {
  return perFileMemo(ctx.sourceFile, 'semi', () => computeJsSemi(ctx));
}

function computeJsSemi(ctx: JsContext): string {
  let withSemi = 0;
  let without = 0;
  for (const top of ctx.sourceFile.statements.slice(0, 50)) {
    const s = semiEvidence(top);
    if (!s) continue;
    if (s.getText(ctx.sourceFile).endsWith(';')) withSemi++; else without++;
  }
  return without > withSemi ? '' : ';';
}

/**
 * The statement whose end shows whether the file writes `;`: the innermost last statement of
 * if/for/while/labeled statements; none when that is a block statement (try, switch, `{ }`, a
 * function/class/interface/enum/namespace declaration), which never ends in `;`.
 */
function semiEvidence(s: ts.Statement): ts.Statement | undefined {
  if (ts.isLabeledStatement(s)) return semiEvidence(s.statement);
  if (ts.isIfStatement(s)) return semiEvidence(s.elseStatement ?? s.thenStatement);
  if (ts.isForStatement(s) || ts.isForInStatement(s) || ts.isForOfStatement(s) || ts.isWhileStatement(s) || ts.isWithStatement(s)) return semiEvidence(s.statement);
  if (ts.isFunctionDeclaration(s)) return s.body ? undefined : s; // an overload or `declare function f();` ends like a statement
  if (ts.isBlock(s) || ts.isTryStatement(s) || ts.isSwitchStatement(s) || ts.isEmptyStatement(s) || ts.isClassDeclaration(s)
    || ts.isInterfaceDeclaration(s) || ts.isEnumDeclaration(s) || ts.isModuleDeclaration(s)) return undefined;
  return s;
}

function requireOf(s: ts.Statement): { decl: ts.VariableDeclaration; module: string } | undefined {
  if (!ts.isVariableStatement(s) || s.declarationList.declarations.length !== 1) return undefined;
  const decl = s.declarationList.declarations[0];
  let init = decl.initializer;
  while (init && ts.isPropertyAccessExpression(init)) init = init.expression;
  if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && ts.isStringLiteral(init.arguments[0])) {
    return { decl, module: init.arguments[0].text };
  }
  return undefined;
}

/** ESM when the file uses import/export syntax or is TypeScript / .mjs; CommonJS for plain .js/.cjs files that do not. */
export function jsIsEsm(ctx: JsContext): boolean {
  return perFileMemo(ctx.sourceFile, 'esm', () => computeJsIsEsm(ctx));
}

function computeJsIsEsm(ctx: JsContext): boolean {
  const sf = ctx.sourceFile;
  if (sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s)
    || (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)))) return true;
  if (sf.statements.some((s) => requireOf(s))) return false;
  return !/\.(c?js|jsx)$/i.test(ctx.filename);
}

/** End of the line of the last top-level import/require, else after shebang / leading comments / 'use strict'. */
function jsAnchor(ctx: JsContext): { offset: number; after: boolean } {
  return perFileMemo(ctx.sourceFile, 'anchor', () => computeJsAnchor(ctx));
}

function computeJsAnchor(ctx: JsContext): { offset: number; after: boolean } {
  const sf = ctx.sourceFile;
  let last: ts.Statement | undefined;
  for (const s of sf.statements) if (ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s) || requireOf(s)) last = s;
  if (last) return { offset: lineEnd(ctx.text, last.end), after: true };
  const first = sf.statements[0];
  if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression)) return { offset: lineEnd(ctx.text, first.end), after: true };
  if (ctx.text.startsWith('#!')) return { offset: lineEnd(ctx.text, 0), after: true };
  return { offset: 0, after: false };
}

export interface JsImportSpec { module: string; named?: string; default?: string; namespace?: string }

/** The local name under which `module` (default/namespace) or `module.named` is already available, if any. */
export function jsImportedName(ctx: JsContext, spec: JsImportSpec): string | undefined {
  const want = spec.named ? `${spec.module}.${spec.named}` : spec.module;
  for (const [local, q] of ctx.facts.imports) if (q === want) return local;
  return undefined;
}

/**
 * An edit importing `named`/`default`/`namespace` from `module` in the file's module system:
 * merged into an existing `import { a } from 'm'` / `const { a } = require('m')`, else a new
 * statement after the last import. Undefined when already imported under that name.
 */
export function jsImportEdit(ctx: JsContext, spec: JsImportSpec): OffsetEdit | undefined {
  const local = spec.named ?? spec.default ?? spec.namespace;
  if (!local) return undefined;
  if (jsImportedName(ctx, spec) === local) return undefined;
  const sf = ctx.sourceFile;
  const q = jsQuote(ctx.text);
  const semi = jsSemi(ctx);
  const esm = jsIsEsm(ctx);
  if (spec.named) {
    for (const s of sf.statements) {
      if (esm && ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === spec.module && !s.importClause?.isTypeOnly) {
        const b = s.importClause?.namedBindings;
        if (b && ts.isNamedImports(b)) {
          const lastEl = b.elements[b.elements.length - 1];
          if (lastEl) return { start: lastEl.end, end: lastEl.end, text: `, ${spec.named}` };
          const open = b.getStart(sf) + 1;
          return { start: open, end: open, text: ` ${spec.named} ` };
        }
        if (!b && s.importClause?.name) return { start: s.importClause.name.end, end: s.importClause.name.end, text: `, { ${spec.named} }` };
      }
      const req = !esm && requireOf(s);
      if (req && req.module === spec.module && ts.isObjectBindingPattern(req.decl.name) && req.decl.initializer && ts.isCallExpression(req.decl.initializer)) {
        const els = req.decl.name.elements;
        const lastEl = els[els.length - 1];
        if (lastEl) return { start: lastEl.end, end: lastEl.end, text: `, ${spec.named}` };
      }
    }
  }
  const from = `${q}${spec.module}${q}`;
  let statement: string;
  if (esm) {
    const what = spec.named ? `{ ${spec.named} }` : spec.default ? spec.default : `* as ${spec.namespace}`;
    statement = `import ${what} from ${from}${semi}`;
  } else {
    statement = spec.named ? `const { ${spec.named} } = require(${from})${semi}` : `const ${local} = require(${from})${semi}`;
  }
  return insertAt(ctx, jsAnchor(ctx), statement);
}

/** A module-level statement (e.g. `const logger = pino();`) after the imports, after a blank line; undefined when `exists`. */
export function jsModuleStatementEdit(ctx: JsContext, statement: string, exists: boolean): OffsetEdit | undefined {
  if (exists) return undefined;
  const where = jsAnchor(ctx);
  return insertAt(ctx, where, where.after ? ctx.eol + statement : statement);
}

/** Whether a top-level declaration binds `name` (variable, function, class or import). */
export function jsModuleDeclares(ctx: JsContext, name: string): boolean {
  if (ctx.facts.imports.has(name)) return true;
  return perFileMemo(ctx.sourceFile, 'moduleNames', () => {
    const names = new Set<string>();
    const addBinding = (n: ts.BindingName): void => {
      if (ts.isIdentifier(n)) names.add(n.text);
      else for (const el of n.elements) if (!ts.isOmittedExpression(el)) addBinding(el.name);
    };
    for (const s of ctx.sourceFile.statements) {
      if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) addBinding(d.name);
      if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) names.add(s.name.text);
    }
    return names;
  }).has(name);
}

/**
 * Whether module-level code at `start` would run before a definition inserted by `edits`
 * (an insertion after it, outside any function): the fix would then raise NameError /
 * ReferenceError, so it is not offered. Code inside functions runs later and is fine.
 * `insideFunction` may be a function: the parent walk is then done only when some insertion
 * comes after `start` (rarely: most fixes insert nothing, the logger being in scope).
 */
export function runsBeforeInsert(start: number, insideFunction: boolean | (() => boolean), edits: readonly OffsetEdit[]): boolean {
  return edits.some((e) => e.start === e.end && e.start > start) && !(typeof insideFunction === 'function' ? insideFunction() : insideFunction);
}

/** Whether a Python node sits inside a function or lambda body. */
export function pyInsideFunction(node: PyNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return true;
  return false;
}

/** Whether a JS node sits inside a function (its body runs later than module code). */
export function jsInsideFunction(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return true;
  return false;
}
