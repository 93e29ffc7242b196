/**
 * The "Wrap in span" refactoring (RULES.md): on a selection of whole statements, or on the
 * statement holding the call under the cursor,
 * - Python: `with tracer.start_as_current_span("<name>") as span:` around them, re-indented;
 * - JS/TS: `tracer.startActiveSpan("<name>", (span) => { try { … } catch (err) { record; set
 *   status; throw err; } finally { span.end(); } })`, async with `await` when the statements
 *   await, `return` in front when they return (only where that keeps the function's result),
 *   declarations used after the statements hoisted before the call.
 * Adds the tracer and its imports when the file has none. No editor types: the language server
 * turns the result into a `refactor.rewrite` code action.
 */
import * as path from 'node:path';
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { JsFacts } from '../js/facts';
import { dottedName as jsDotted, unwrap } from '../js/nodes';
import { parseJs } from '../js/parser';
import { langOf } from '../languages';
import { FACT_NODE_TYPES, PyFacts } from '../python/facts';
import { dottedName as pyDotted } from '../python/nodes';
import { parsePython } from '../python/parser';
import type { ParseCache } from '../parseCache';
import type { JsContext, PyContext } from '../rule';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { Suppressions } from '../suppressions';
import { LineIndex, detectEol } from '../text';
import type { OffsetEdit } from '../types';
import { jsImportEdit, jsImportedName, jsInsideFunction, jsModuleDeclares, jsModuleStatementEdit, jsSemi, jsString, lineIndentAt, lineStart, mergeInserts, pyImportEdit, pyInsideFunction, pyModuleAssignments, pyModuleAssigns, pyModuleStatementEdit, runsBeforeInsert } from './insert';
import { isTs, jsWrapStatements, spanStatusCodeName } from './jsSpanFixes';
import { pyString } from './logger';
import { pyMultilineStrings } from './pySpanFixes';
import { freshName, indentLines, unitFor } from './reindent';

export const WRAP_TITLE = 'Wrap in span';
const TRACER_AFTER = 'The tracer would be created after the imports, and this module-level code runs before that.';

export interface WrapInput {
  text: string;
  /** LSP language id (python, javascript, typescript, javascriptreact, typescriptreact). */
  languageId: string;
  filename: string;
  /** The selection (UTF-16 offsets); start === end for a cursor. */
  start: number;
  end: number;
  settings?: Settings;
  /** The name of the nearest package.json, for `trace.getTracer(...)` (else the file's base name). */
  packageName?: string;
  /** The language server's parse of this document: no second parse per request. */
  cache?: ParseCache;
}

/** The edits, or why the selection cannot be wrapped, or undefined when nothing there can be. */
export type WrapResult = { title: string; edits: OffsetEdit[] } | { title: string; refused: string } | undefined;

/** Needs `initAnalyzer()` first for Python. */
export function wrapInSpan(input: WrapInput): WrapResult {
  const lang = langOf(input.languageId);
  if (lang === 'py') return wrapPython(input);
  if (lang === 'js') return wrapJs(input);
  return undefined;
}

function trimmed(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}

const fileBase = (filename: string) => (filename ? path.basename(filename).replace(/\.[^.]+$/, '') : 'app');

function baseContext(input: WrapInput) {
  return {
    text: input.text,
    filename: input.filename,
    settings: input.settings ?? DEFAULT_SETTINGS,
    lines: new LineIndex(input.text),
    eol: detectEol(input.text),
    role: 'service' as const,
    suppressions: new Suppressions(),
    report: () => undefined,
    matchesGlobs: () => false,
  };
}

// ---------------------------------------------------------------- Python

const PY_BLOCKS = new Set(['block', 'module']);

function wrapPython(input: WrapInput): WrapResult {
  const tree = input.cache ? input.cache.python(input.text) : parsePython(input.text);
  try {
    const root = tree.rootNode;
    let facts: PyFacts | undefined;
    // Facts (a walk of the whole tree) only when the tracer or an import must be added.
    const ctx: PyContext = {
      ...baseContext(input),
      tree,
      get facts() { return (facts ??= new PyFacts(root.descendantsOfType(FACT_NODE_TYPES).filter((n): n is Node => !!n), (input.settings ?? DEFAULT_SETTINGS).logger.python)); },
    };
    const picked = pyStatements(ctx, input.start, input.end);
    if (!picked) return undefined;
    const { statements, call } = picked;
    const { text, eol } = ctx;
    const first = statements[0];
    const last = statements[statements.length - 1];
    const indent = lineIndentAt(text, first.startIndex);
    const start = lineStart(text, first.startIndex);
    if (start + indent.length !== first.startIndex) return { title: WRAP_TITLE, refused: 'The statements do not start their line.' };
    const unit = unitFor(text, indent);
    const name = call ? pyCallName(call) : pyEnclosingName(first) ?? fileBase(input.filename);
    const used = statements.map((s) => s.text).join('\n');
    const spanVar = freshName('span', used);
    const tracer = pyTracer(ctx, first);
    if (runsBeforeInsert(first.startIndex, pyInsideFunction(first), tracer.edits)) return { title: WRAP_TITLE, refused: TRACER_AFTER };
    const body = indentLines(text, start, last.endIndex, unit, pyMultilineStrings(root, start, last.endIndex));
    const header = `${indent}with ${tracer.expr}.start_as_current_span(${pyString(name)}) as ${spanVar}:${eol}`;
    const edits = [...tracer.edits, { start, end: last.endIndex, text: header + body }];
    return { title: WRAP_TITLE, edits };
  } finally {
    if (!input.cache) tree.delete();
  }
}

/** The statements the selection covers exactly, or the statement holding the call under the cursor. */
function pyStatements(ctx: PyContext, selStart: number, selEnd: number): { statements: Node[]; call?: Node } | undefined {
  const root = ctx.tree.rootNode;
  const { start, end } = trimmed(ctx.text, selStart, selEnd);
  if (start === end) {
    let n: Node | null = root.descendantForIndex(selStart, selStart);
    while (n && n.type !== 'call') n = n.parent;
    if (!n) return undefined;
    const stmt = pyStatementOf(n);
    // A call in a decorator or a default value: the statement is a definition, not the call.
    if (!stmt || /^(function_definition|class_definition|decorated_definition)$/.test(stmt.type)) return undefined;
    return { statements: [stmt], call: n };
  }
  let n: Node | null = root.descendantForIndex(start, start);
  while (n && !(n.parent && PY_BLOCKS.has(n.parent.type) && n.startIndex === start)) n = n.parent;
  if (!n?.parent) return undefined;
  const siblings = n.parent.namedChildren.filter((c): c is Node => !!c);
  const from = siblings.findIndex((c) => c.id === n!.id);
  const statements: Node[] = [];
  for (let i = from; i < siblings.length && siblings[i].startIndex < end; i++) statements.push(siblings[i]);
  const last = statements[statements.length - 1];
  if (!last || last.endIndex !== end) return undefined;
  if (statements.every((s) => s.type === 'comment')) return undefined;
  return { statements };
}

function pyStatementOf(node: Node): Node | undefined {
  let n: Node | null = node;
  while (n && !(n.parent && PY_BLOCKS.has(n.parent.type))) n = n.parent;
  return n ?? undefined;
}

/** `Class.method` / `function` of the nearest enclosing function. */
function pyEnclosingName(node: Node): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type !== 'function_definition') continue;
    const fn = p.childForFieldName('name')?.text;
    let q = p.parent;
    if (q?.type === 'decorated_definition') q = q.parent;
    const cls = q?.type === 'block' && q.parent?.type === 'class_definition' ? q.parent.childForFieldName('name')?.text : undefined;
    return cls ? `${cls}.${fn}` : fn;
  }
  return undefined;
}

function pyCallName(call: Node): string {
  const fn = call.childForFieldName('function');
  const name = pyDotted(fn) ?? (fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined) ?? 'call';
  return name.replace(/^(self|cls)\./, '');
}

/** The module's tracer (`X = ...get_tracer(...)`), else `tracer = trace.get_tracer(__name__)` inserted with its import. */
function pyTracer(ctx: PyContext, at: Node): { expr: string; edits: OffsetEdit[] } {
  for (const a of pyModuleAssignments(ctx)) {
    const right = a.childForFieldName('right');
    const left = a.childForFieldName('left');
    if (right?.type === 'call' && left?.type === 'identifier' && /(^|\.)get_tracer$/.test(pyDotted(right.childForFieldName('function')) ?? '')) return { expr: left.text, edits: [] };
  }
  // `self.tracer` in a class that sets one.
  const cls = (() => { for (let p = at.parent; p; p = p.parent) if (p.type === 'class_definition') return p; return undefined; })();
  if (cls && /\bself\.tracer\s*=/.test(cls.text)) return { expr: 'self.tracer', edits: [] };
  let traceName: string | undefined;
  for (const [local, q] of ctx.facts.imports) if (q === 'opentelemetry.trace') traceName = local;
  const name = pyModuleAssigns(ctx, 'tracer') ? freshName('tracer', ctx.text) : 'tracer';
  const edits = mergeInserts([
    traceName ? undefined : pyImportEdit(ctx, 'from opentelemetry import trace'),
    pyModuleStatementEdit(ctx, `${name} = ${traceName ?? 'trace'}.get_tracer(__name__)`, false),
  ]);
  return { expr: name, edits };
}

// ---------------------------------------------------------------- JS / TS

function wrapJs(input: WrapInput): WrapResult {
  const sf = input.cache ? input.cache.js(input.text, input.languageId, input.filename) : parseJs(input.text, input.languageId, input.filename);
  let facts: JsFacts | undefined;
  // Facts (a walk of the whole file) only once there is something to wrap: editors ask on every cursor move.
  const ctx: JsContext = {
    ...baseContext(input),
    sourceFile: sf,
    get facts() { return (facts ??= new JsFacts(sf, (input.settings ?? DEFAULT_SETTINGS).logger.javascript)); },
  };
  const picked = jsStatements(sf, input.start, input.end);
  if (!picked) return undefined;
  const { statements, call } = picked;
  const refused = (reason: string): WrapResult => ({ title: WRAP_TITLE, refused: reason });
  const flow = jsFlow(statements);
  if (flow.refuse) return refused(flow.refuse);
  const block = statements[0].parent;
  const list = (block as ts.Block | ts.SourceFile).statements;
  const lastIndex = list.indexOf(statements[statements.length - 1]);
  const fn = ts.isBlock(block) && ts.isFunctionLike(block.parent) ? block.parent : undefined;
  if (flow.returns && !(fn && lastIndex === list.length - 1)) {
    return refused('A `return` in these statements would only leave the span callback: select up to the end of the function.');
  }
  if (statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || ts.isImportEqualsDeclaration(s))) return refused('Imports and exports cannot move into a callback.');
  const { text } = ctx;
  const used = statements.map((s) => s.getText(sf)).join('\n');
  const span = freshName('span', used);
  const err = freshName('err', used);
  const semi = jsSemi(ctx);
  const tracer = jsTracer(ctx, input, statements[0]);
  if (runsBeforeInsert(statements[0].getStart(sf), jsInsideFunction(statements[0]), tracer.edits)) return refused(TRACER_AFTER);
  const name = call ? jsCallName(call) : jsEnclosingName(statements[0]) ?? fileBase(input.filename);
  const asyncCb = flow.awaits;
  const prefix = flow.returns ? (asyncCb ? 'return await ' : 'return ') : asyncCb ? 'await ' : '';
  const errValue = isTs(sf) ? `${err} as Error` : err;
  const usedAfter = list.slice(lastIndex + 1).map((s) => s.getText(sf)).join('\n');
  const wrapped = jsWrapStatements(ctx, {
    statements,
    usedAfter,
    levels: 2,
    vars: true,
    render: (body, indent, unit, eol) => {
      const i1 = indent + unit;
      const i2 = i1 + unit;
      return `${indent}${prefix}${tracer.expr}.startActiveSpan(${jsString(text, name)}, ${asyncCb ? 'async ' : ''}(${span}) => {${eol}`
        + `${i1}try {${eol}${body}${eol}`
        + `${i1}} catch (${err}) {${eol}`
        + `${i2}${span}.recordException(${errValue})${semi}${eol}`
        + `${i2}${span}.setStatus({ code: ${tracer.statusCode}.ERROR })${semi}${eol}`
        + `${i2}throw ${err}${semi}${eol}`
        + `${i1}} finally {${eol}`
        + `${i2}${span}.end()${semi}${eol}`
        + `${i1}}${eol}`
        + `${indent}})${semi}`;
    },
  });
  if ('refuse' in wrapped) return refused(wrapped.refuse[0].toUpperCase() + wrapped.refuse.slice(1) + '.');
  return { title: WRAP_TITLE, edits: [...tracer.edits, wrapped.edit] };
}

type StatementList = ts.Block | ts.SourceFile | ts.CaseClause | ts.DefaultClause | ts.ModuleBlock;

function isStatementList(n: ts.Node): n is StatementList {
  return ts.isBlock(n) || ts.isSourceFile(n) || ts.isCaseClause(n) || ts.isDefaultClause(n) || ts.isModuleBlock(n);
}

function jsStatements(sf: ts.SourceFile, selStart: number, selEnd: number): { statements: ts.Statement[]; call?: ts.CallExpression } | undefined {
  const { start, end } = trimmed(sf.text, selStart, selEnd);
  if (start === end) {
    const call = innermost(sf, selStart, ts.isCallExpression);
    if (!call) return undefined;
    let n: ts.Node = call;
    while (n.parent && !(isStatementList(n.parent) && (ts.isBlock(n.parent) || ts.isSourceFile(n.parent)))) n = n.parent;
    if (!n.parent || ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) return undefined;
    return { statements: [n as ts.Statement], call };
  }
  // The innermost statement list containing the selection whose statements it covers exactly.
  const owner = innermost(sf, start, (n): n is ts.Block | ts.SourceFile => (ts.isBlock(n) || ts.isSourceFile(n)) && n.end >= end);
  if (!owner) return undefined;
  const statements = owner.statements.filter((s) => s.end > start && s.end <= end);
  // The selection may start in the comments above the first statement (they stay above the span).
  if (!statements.length || start < statements[0].pos || start > statements[0].getStart(sf)) return undefined;
  // The selection may end after the last statement's `;` or inside a trailing comment on its line.
  const last = statements[statements.length - 1];
  if (last.end !== end && !/^[ \t]*\/\/[^\r\n]*$/.test(sf.text.slice(last.end, end))) return undefined;
  const next = owner.statements[owner.statements.indexOf(last) + 1];
  if (next && next.getStart(sf) < end) return undefined;
  return { statements };
}

/** The innermost node at `pos` passing the test (`containsEnd`: a node may start before it). */
function innermost<T extends ts.Node>(sf: ts.SourceFile, pos: number, test: (n: ts.Node) => n is T): T | undefined {
  let found: T | undefined = test(sf) ? (sf as unknown as T) : undefined;
  const visit = (n: ts.Node): void => {
    if (n.getStart(sf) <= pos && pos <= n.end) {
      if (test(n)) found = n;
      ts.forEachChild(n, visit);
    }
  };
  ts.forEachChild(sf, visit);
  return found;
}

interface Flow { returns: boolean; awaits: boolean; refuse?: string }

/** What in the statements crosses a function boundary: `return`, `await`, `yield`, `break`/`continue` leaving them. */
function jsFlow(statements: readonly ts.Statement[]): Flow {
  const flow: Flow = { returns: false, awaits: false };
  const labels: string[] = [];
  const visit = (n: ts.Node, loops: number, switches: number): void => {
    if (flow.refuse) return;
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) flow.returns = true;
    else if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) flow.awaits = true;
    else if (ts.isYieldExpression(n)) { flow.refuse = 'A `yield` cannot move into a callback.'; return; }
    else if (ts.isBreakStatement(n) || ts.isContinueStatement(n)) {
      const label = n.label?.text;
      const inside = label ? labels.includes(label) : ts.isBreakStatement(n) ? loops + switches > 0 : loops > 0;
      if (!inside) { flow.refuse = `A \`${ts.isBreakStatement(n) ? 'break' : 'continue'}\` would leave the span callback, not the loop around it.`; return; }
    }
    if (ts.isLabeledStatement(n)) {
      labels.push(n.label.text);
      ts.forEachChild(n, (c) => visit(c, loops, switches));
      labels.pop();
      return;
    }
    const loop = ts.isIterationStatement(n, false) ? 1 : 0;
    const sw = ts.isSwitchStatement(n) ? 1 : 0;
    ts.forEachChild(n, (c) => visit(c, loops + loop, switches + sw));
  };
  for (const s of statements) visit(s, 0, 0);
  return flow;
}

/** `Class.method`, the function's name, or the variable / property an anonymous function is assigned to. */
function jsEnclosingName(node: ts.Node): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (!ts.isFunctionLike(p)) continue;
    const own = p.name && (ts.isIdentifier(p.name) || ts.isPrivateIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if ((ts.isMethodDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isConstructorDeclaration(p)) && ts.isClassLike(p.parent)) {
      return `${p.parent.name?.text ?? 'anonymous'}.${ts.isConstructorDeclaration(p) ? 'constructor' : own}`;
    }
    if (own) return own;
    const holder = p.parent;
    if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name.text;
    if (ts.isPropertyAssignment(holder) && (ts.isIdentifier(holder.name) || ts.isStringLiteral(holder.name))) return holder.name.text;
    if (ts.isPropertyDeclaration(holder) && ts.isIdentifier(holder.name) && ts.isClassLike(holder.parent)) return `${holder.parent.name?.text ?? 'anonymous'}.${holder.name.text}`;
  }
  return undefined;
}

function jsCallName(call: ts.CallExpression): string {
  const callee = unwrap(call.expression);
  const name = jsDotted(callee) ?? (ts.isPropertyAccessExpression(callee) ? callee.name.text : 'call');
  return name.replace(/^this\./, '');
}

/** The file's tracer (`const X = trace.getTracer(...)`, `this.tracer`), else one inserted with the imports. */
function jsTracer(ctx: JsContext, input: WrapInput, at: ts.Node): { expr: string; statusCode: string; edits: OffsetEdit[] } {
  const sf = ctx.sourceFile;
  let expr: string | undefined;
  for (const s of sf.statements) {
    const decls = ts.isVariableStatement(s) ? s.declarationList.declarations : [];
    for (const d of decls) {
      const init = d.initializer && unwrap(d.initializer);
      if (ts.isIdentifier(d.name) && init && ts.isCallExpression(init) && /(^|\.)getTracer$/.test(jsDotted(init.expression) ?? '')) expr = d.name.text;
    }
    if (expr) break;
  }
  if (!expr) {
    for (let p = at.parent; p; p = p.parent) {
      if (ts.isClassLike(p) && /\bthis\.tracer\s*=|\b(?:private|readonly|public|protected)\s+(?:readonly\s+)?tracer\b|^\s*tracer\s*[=:]/m.test(p.getText(sf))) { expr = 'this.tracer'; break; }
    }
  }
  const edits: (OffsetEdit | undefined)[] = [];
  const api = '@opentelemetry/api';
  let statusCode = spanStatusCodeName(ctx);
  const traceName = jsImportedName(ctx, { module: api, named: 'trace' });
  const needTrace = !expr && !traceName;
  if (!statusCode && needTrace) edits.push(jsImportEdit(ctx, { module: api, named: 'trace, SpanStatusCode' }));
  else {
    if (needTrace) edits.push(jsImportEdit(ctx, { module: api, named: 'trace' }));
    if (!statusCode) edits.push(jsImportEdit(ctx, { module: api, named: 'SpanStatusCode' }));
  }
  statusCode ??= 'SpanStatusCode';
  if (!expr) {
    expr = jsModuleDeclares(ctx, 'tracer') ? freshName('tracer', ctx.text) : 'tracer';
    const pkg = input.packageName ?? fileBase(input.filename);
    edits.push(jsModuleStatementEdit(ctx, `const ${expr} = ${traceName ?? 'trace'}.getTracer(${jsString(ctx.text, pkg)})${jsSemi(ctx)}`, false));
  }
  return { expr, statusCode, edits: mergeInserts(edits) };
}
