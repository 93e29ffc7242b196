/**
 * Fixes of the tracing rules in JS/TS: record a swallowed exception on the span
 * (span-error-not-recorded) and end a span in a `finally` (span-not-ended). The helpers that
 * wrap statements in a new block (re-indenting, hoisting declarations used after it) are shared
 * with "Wrap in span" (wrapInSpan.ts).
 */
import ts = require('typescript');
import type { JsContext } from '../rule';
import type { OffsetEdit, OffsetFix } from '../types';
import { unwrap } from '../js/nodes';
import type { JsSpanStart } from '../js/spans';
import { jsImportEdit, jsImportedName, jsInsideFunction, lineEnd, lineIndentAt, lineStart, runsBeforeInsert } from './insert';
import { freshName, indentLines, unitFor, type Protected } from './reindent';

export const JS_FIX_TITLES = {
  record: 'Record the exception on the span',
  withImport: ' (adds `SpanStatusCode` import)',
  finally: 'End the span in a `finally` block',
};

/** The expression `SpanStatusCode` is reachable as in this file, or undefined when it must be imported. */
export function spanStatusCodeName(ctx: JsContext): string | undefined {
  const named = jsImportedName(ctx, { module: '@opentelemetry/api', named: 'SpanStatusCode' });
  if (named) return named;
  const api = jsImportedName(ctx, { module: '@opentelemetry/api' });
  return api && /\bimport\s*\*\s*as\s/.test(ctx.text) ? `${api}.SpanStatusCode` : undefined;
}

/** `SpanStatusCode` and the import edit that binds it, when needed. */
export function spanStatusCode(ctx: JsContext): { name: string; edit?: OffsetEdit } {
  const bound = spanStatusCodeName(ctx);
  if (bound) return { name: bound };
  return { name: 'SpanStatusCode', edit: jsImportEdit(ctx, { module: '@opentelemetry/api', named: 'SpanStatusCode' }) };
}

export function isTs(sf: ts.SourceFile): boolean {
  const kind = (sf as unknown as { scriptKind?: ts.ScriptKind }).scriptKind;
  return kind === ts.ScriptKind.TS || kind === ts.ScriptKind.TSX || (kind === undefined && /\.[cm]?tsx?$/i.test(sf.fileName));
}

/**
 * `span.recordException(err); span.setStatus({ code: SpanStatusCode.ERROR, message: String(err) });`
 * (whichever is missing) at the top of the catch block, binding the error when the clause has none.
 */
export function jsRecordExceptionFix(ctx: JsContext, clause: ts.CatchClause, span: string | undefined, missing: { record: boolean; status: boolean }): OffsetFix | undefined {
  if (!span) return undefined;
  const sf = ctx.sourceFile;
  const { text } = ctx;
  const edits: OffsetEdit[] = [];
  const decl = clause.variableDeclaration;
  let err: string;
  if (decl) {
    if (!ts.isIdentifier(decl.name)) return undefined;
    err = decl.name.text;
  } else {
    err = freshName('err', text.slice(clause.block.pos, clause.block.end));
    const at = clause.getStart(sf) + 'catch'.length;
    edits.push({ start: at, end: at, text: ` (${err})` });
  }
  const typed = !!decl?.type && (decl.type.kind === ts.SyntaxKind.AnyKeyword || /Error\b/.test(decl.type.getText(sf)));
  const errValue = isTs(sf) && !typed ? `${err} as Error` : err;
  const status = missing.status ? spanStatusCode(ctx) : undefined;
  if (status?.edit && runsBeforeInsert(clause.getStart(sf), jsInsideFunction(clause), [status.edit])) return undefined;
  const calls: string[] = [];
  if (missing.record) calls.push(`${span}.recordException(${errValue});`);
  if (status) calls.push(`${span}.setStatus({ code: ${status.name}.ERROR, message: String(${err}) });`);
  const block = clause.block;
  const open = block.getStart(sf);
  const close = block.end - 1;
  const first = block.statements[0];
  const firstAt = first ? first.getStart(sf) : close;
  const eol = ctx.eol;
  if (!/[\r\n]/.test(text.slice(open, firstAt))) {
    // `catch (e) { return false; }` / `catch (e) {}`: keep it on one line.
    const inner = text.slice(open + 1, firstAt);
    edits.push({ start: open + 1, end: firstAt, text: ' ' + calls.join(' ') + (first ? ' ' : inner.length ? inner : ' ') });
  } else if (first) {
    const indent = lineIndentAt(text, firstAt);
    const at = lineStart(text, firstAt);
    edits.push({ start: at, end: at, text: calls.map((c) => indent + c + eol).join('') });
  } else {
    const indent = lineIndentAt(text, close);
    const inner = indent + unitFor(text, indent);
    const at = lineStart(text, close);
    edits.push({ start: at, end: at, text: calls.map((c) => inner + c + eol).join('') });
  }
  if (status?.edit) edits.push(status.edit);
  return { title: JS_FIX_TITLES.record + (status?.edit ? JS_FIX_TITLES.withImport : ''), safe: true, isPreferred: true, edits };
}

/** Template literals spanning lines in [start, end): lines starting inside them keep their text. */
export function jsMultilineLiterals(sf: ts.SourceFile, start: number, end: number): Protected {
  const out: { start: number; end: number }[] = [];
  const visit = (n: ts.Node): void => {
    if (n.end <= start || n.pos >= end) return;
    if (ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isStringLiteral(n) || ts.isJsxText(n)) {
      const s = n.getStart(sf);
      if (/[\r\n]/.test(sf.text.slice(s, n.end))) out.push({ start: s, end: n.end });
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Applies edits inside [start, end) of `text` and maps protected ranges to the new text. */
function applyLocal(text: string, start: number, end: number, edits: OffsetEdit[], ranges: Protected): { text: string; ranges: Protected } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = start;
  for (const e of sorted) { out += text.slice(at, e.start) + e.text; at = e.end; }
  out += text.slice(at, end);
  const map = (o: number) => {
    let delta = -start;
    for (const e of sorted) if (e.end <= o) delta += e.text.length - (e.end - e.start);
    return o + delta;
  };
  return { text: out, ranges: ranges.map((r) => ({ start: map(r.start), end: map(r.end) })) };
}

/**
 * Declarations among `wrapped` (directly, not nested blocks) whose names the code after them
 * uses (`usedAfter`, read as text): `let` declarations before the new block, and the
 * declarations inside turned into assignments. `var` and functions need nothing.
 */
export function jsHoist(sf: ts.SourceFile, wrapped: readonly ts.Statement[], usedAfter: string, vars = false): { declare: string; edits: OffsetEdit[] } | { refuse: string } {
  const names: string[] = [];
  const varNames: string[] = [];
  const edits: OffsetEdit[] = [];
  const used = (n: string) => mentions(usedAfter, n);
  for (const stmt of wrapped) {
    if ((ts.isClassDeclaration(stmt) || ts.isFunctionDeclaration(stmt) || ts.isEnumDeclaration(stmt)) && stmt.name && used(stmt.name.text)) {
      return { refuse: `\`${stmt.name.text}\` is declared in the wrapped code and used after it` };
    }
    if (!ts.isVariableStatement(stmt)) continue;
    const list = stmt.declarationList;
    const isVar = !(list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const));
    if (isVar && !vars) continue;
    const declared = list.declarations.flatMap((d) => bindingNames(d.name));
    if (!declared.some(used)) continue;
    if (stmt.modifiers?.length) return { refuse: 'an exported declaration cannot move into a callback' };
    for (const d of list.declarations) {
      (isVar ? varNames : names).push(...bindingNames(d.name).map((n) => (ts.isIdentifier(d.name) && d.type ? `${n}: ${d.type.getText(sf)}` : n)));
    }
    const listStart = list.getStart(sf);
    const firstDecl = list.declarations[0];
    const withInit = list.declarations.filter((d) => d.initializer);
    if (withInit.length === 0) {
      edits.push({ start: stmt.getStart(sf), end: stmt.end, text: '' });
      continue;
    }
    // `const x: T = v, y = w;` → `x = v, y = w;` (types move to the hoisted declaration).
    const parts = withInit.map((d) => `${d.name.getText(sf)} = ${d.initializer!.getText(sf)}`);
    const destructuring = !ts.isIdentifier(firstDecl.name) && withInit.length === 1;
    const expr = destructuring ? `(${parts[0]})` : parts.join(', ');
    edits.push({ start: listStart, end: list.end, text: expr });
  }
  const declare = [varNames.length ? `var ${varNames.join(', ')};` : '', names.length ? `let ${names.join(', ')};` : ''].filter(Boolean).join(' ');
  return { declare, edits };
}

/** Whether `text` uses `name` as a variable (not as a property: `x.name`). */
function mentions(text: string, name: string): boolean {
  return new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isBindingElement(e) ? bindingNames(e.name) : []));
}

export interface WrapSpec {
  /** Statements to wrap, consecutive, in one block. */
  statements: readonly ts.Statement[];
  /** Text of the code after them in the same scope (for hoisting). */
  usedAfter: string;
  /** `(body, indent, unit) => text` of the new block around the re-indented body. */
  render: (body: string, indent: string, unit: string, eol: string) => string;
  /** Indentation levels the body goes deeper (default 1). */
  levels?: number;
  /** Also hoist `var` declarations (the body moves into a function). */
  vars?: boolean;
}

/**
 * Replaces whole lines holding `statements` with `render(...)` of their re-indented text
 * (declarations used after them hoisted before). The first statement must start its line.
 */
export function jsWrapStatements(ctx: JsContext, spec: WrapSpec): { edit: OffsetEdit } | { refuse: string } {
  const sf = ctx.sourceFile;
  const { text } = ctx;
  const first = spec.statements[0];
  const last = spec.statements[spec.statements.length - 1];
  const firstAt = first.getStart(sf);
  const indent = lineIndentAt(text, firstAt);
  const start = lineStart(text, firstAt);
  if (start + indent.length !== firstAt) return { refuse: 'the first statement does not start its line' };
  let end = last.end;
  // A comment after the last statement on its line goes with it.
  const tail = /^[ \t]*\/\/[^\r\n]*/.exec(text.slice(end));
  if (tail) end += tail[0].length;
  // A function declared in them and called by the code before them in the same list would no longer be hoisted to it.
  const functions = spec.statements.filter((s): s is ts.FunctionDeclaration & { name: ts.Identifier } => ts.isFunctionDeclaration(s) && !!s.name);
  if (functions.length) {
    const list = (first.parent as ts.Block | ts.SourceFile).statements;
    const usedBefore = list.slice(0, list.indexOf(first)).map((x) => x.getText(sf)).join('\n');
    for (const s of functions) {
      if (mentions(usedBefore, s.name.text)) return { refuse: `\`${s.name.text}\` is declared in the wrapped code and used before it` };
    }
  }
  const hoist = jsHoist(sf, spec.statements, spec.usedAfter, spec.vars);
  if ('refuse' in hoist) return hoist;
  const unit = unitFor(text, indent);
  const local = applyLocal(text, start, end, hoist.edits, jsMultilineLiterals(sf, start, end));
  const body = indentLines(local.text, 0, local.text.length, unit.repeat(spec.levels ?? 1), local.ranges);
  const eol = ctx.eol;
  const declare = hoist.declare ? indent + hoist.declare + eol : '';
  return { edit: { start, end, text: declare + spec.render(body, indent, unit, eol) } };
}

/** The statement of a block holding this expression (through parentheses, `await`, assignments, declarations). */
function statementOf(node: ts.Node): ts.Statement | undefined {
  let n: ts.Node = node;
  while (n.parent && !ts.isBlock(n.parent) && !ts.isSourceFile(n.parent)) {
    const p = n.parent;
    if (ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isVariableDeclaration(p) || ts.isVariableDeclarationList(p) || ts.isVariableStatement(p) || ts.isExpressionStatement(p) || (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n)) {
      n = p;
    } else return undefined;
  }
  return ts.isBlock(n.parent) && ts.isStatement(n) ? n : undefined;
}

/** `span.end();` (or `.finish()`) as a statement of the list, with the span's name. */
function endStatementIndex(statements: readonly ts.Statement[], span: string): number {
  for (let i = statements.length - 1; i >= 0; i--) {
    const s = statements[i];
    if (!ts.isExpressionStatement(s)) continue;
    const e = unwrap(s.expression);
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'end' || callee.name.text === 'finish') && ts.isIdentifier(callee.expression) && callee.expression.text === span) return i;
    }
  }
  return -1;
}

const endsIn = (text: string, span: string) => new RegExp(`(?<![\\w.$])${span}\\s*\\??\\.\\s*(?:end|finish)\\s*\\(`).test(text);

/**
 * `try { … } finally { span.end(); }` around the statements after the span starts (to the end
 * of the block, or up to a `span.end();` statement of the same block, which moves into the
 * `finally`). For a `startActiveSpan` callback, around its body.
 */
export function jsEndInFinallyFix(ctx: JsContext, start: JsSpanStart, spanName: string | undefined): OffsetFix | undefined {
  const sf = ctx.sourceFile;
  const { text } = ctx;
  const edits: OffsetEdit[] = [];
  let statements: readonly ts.Statement[];
  let span = spanName;
  let after = '';
  let safe = true;
  if (start.method === 'startActiveSpan') {
    const fn = start.callback;
    if (!fn) return undefined;
    if (!span) {
      if (fn.parameters.length) return undefined;
      span = freshName('span', fn.getText(sf));
      const at = ts.isArrowFunction(fn) && !text.slice(fn.getStart(sf), fn.equalsGreaterThanToken.getStart(sf)).includes('(') ? -1 : fn.parameters.pos;
      if (at < 0) return undefined;
      edits.push({ start: at, end: at, text: span });
    }
    if (!ts.isBlock(fn.body)) {
      // `(span) => work()` → `(span) => { try { return work(); } finally { span.end(); } }`
      const async = fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
      const body = fn.body;
      const expr = body.getText(sf);
      safe = async; // a plain callback may return a promise: ending in `finally` ends the span before it settles
      const value = async && !ts.isAwaitExpression(unwrap(body)) ? `await ${expr}` : expr;
      edits.push({ start: body.getStart(sf), end: body.end, text: `{ try { return ${value}; } finally { ${span}.end(); } }` });
      return { title: JS_FIX_TITLES.finally, safe, isPreferred: true, edits };
    }
    statements = fn.body.statements;
    if (statements.length === 0) return undefined;
  } else {
    const stmt = statementOf(start.call);
    if (!stmt) return undefined;
    const block = stmt.parent as ts.Block;
    if (!span) {
      // `tracer.startSpan('x');` → `const span = tracer.startSpan('x');`, then as if it were assigned.
      if (!ts.isExpressionStatement(stmt) || unwrap(stmt.expression) !== start.call) return undefined;
      span = freshName('span', block.getText(sf));
      edits.push({ start: stmt.getStart(sf), end: stmt.getStart(sf), text: `const ${span} = ` });
    }
    const index = block.statements.indexOf(stmt);
    statements = block.statements.slice(index + 1);
    if (statements.length === 0) return undefined;
  }
  if (!span) return undefined;
  // The statements up to a `span.end();` of the same list, which moves into the `finally`.
  const endIndex = endStatementIndex(statements, span);
  let endText = `${span}.end();`;
  let removeEnd: OffsetEdit | undefined;
  if (endIndex >= 0) {
    const endStmt = statements[endIndex];
    endText = endStmt.getText(sf);
    after = statements.slice(endIndex + 1).map((s) => s.getText(sf)).join('\n');
    const from = lineStart(text, endStmt.getStart(sf));
    const eolAt = lineEnd(text, endStmt.end);
    const alone = text.slice(from, endStmt.getStart(sf)).trim() === '' && text.slice(endStmt.end, eolAt).trim() === '';
    const lineBreak = text[eolAt] === '\r' ? 2 : text[eolAt] === '\n' ? 1 : 0;
    removeEnd = !alone ? { start: endStmt.getStart(sf), end: endStmt.end, text: '' }
      : lineBreak ? { start: from, end: eolAt + lineBreak, text: '' }
        : { start: statements[endIndex - 1]?.end ?? from, end: eolAt, text: '' }; // the last line: the break before it goes
    statements = statements.slice(0, endIndex);
  }
  if (statements.length === 0) return undefined;
  // Another end in the wrapped code (before an early return) would end the span twice.
  if (statements.some((s) => endsIn(s.getText(sf), span!))) return undefined;
  const wrapped = jsWrapStatements(ctx, {
    statements,
    usedAfter: after,
    render: (body, indent, unit, eol) => `${indent}try {${eol}${body}${eol}${indent}} finally {${eol}${indent}${unit}${endText}${eol}${indent}}`,
  });
  if ('refuse' in wrapped) return undefined;
  edits.push(wrapped.edit);
  if (removeEnd) {
    if (removeEnd.start < wrapped.edit.end) removeEnd.start = wrapped.edit.end;
    edits.push(removeEnd);
  }
  return { title: JS_FIX_TITLES.finally, safe, isPreferred: true, edits };
}
