/**
 * Fixes of the tracing rules in Python: record a swallowed exception on the span
 * (span-error-not-recorded) and turn a `start_span` that is not ended safely into
 * `with tracer.start_as_current_span(...) as span:` (span-not-ended).
 */
import type { Node } from 'web-tree-sitter';
import type { PyContext } from '../rule';
import type { OffsetEdit, OffsetFix } from '../types';
import { caught } from '../python/handlers';
import { callArgs } from '../python/nodes';
import { pyAddKeyword } from './callEdits';
import type { PySpanStart } from '../python/spans';
import { lineIndentAt, lineStart, pyImportEdit, pyInsideFunction, runsBeforeInsert } from './insert';
import { freshName, indentLines, unitFor, type Protected } from './reindent';

export const PY_FIX_TITLES = {
  record: 'Record the exception on the span',
  withImport: ' (adds `Status, StatusCode` import)',
  toWith: 'Use `with tracer.start_as_current_span(...)`',
  endOnExit: 'Let the `with` block end the span (`end_on_exit=True`)',
};

/**
 * `end_on_exit=False` → `end_on_exit=True` (or the keyword added to `use_span(...)`): the span
 * ends when the block exits. Unsafe: the span then ends earlier than code elsewhere may have meant to.
 */
export function pyEndOnExitFix(ctx: PyContext, withCall: Node): OffsetFix | undefined {
  const kw = callArgs(withCall).keywords.get('end_on_exit');
  const edits: OffsetEdit[] = kw ? [{ start: kw.value.startIndex, end: kw.value.endIndex, text: 'True' }] : pyAddKeyword(ctx.text, ctx.eol, withCall, 'end_on_exit=True');
  return edits.length ? { title: PY_FIX_TITLES.endOnExit, safe: false, isPreferred: true, edits } : undefined;
}

/** The local names `Status` and `StatusCode` of opentelemetry.trace are bound to, if both are. */
function statusNames(ctx: PyContext): { status: string; code: string } | undefined {
  let status: string | undefined;
  let code: string | undefined;
  for (const [local, q] of ctx.facts.imports) {
    if (/^opentelemetry\.trace(\.status)?\.Status$/.test(q)) status = local;
    if (/^opentelemetry\.trace(\.status)?\.StatusCode$/.test(q)) code = local;
  }
  return status && code ? { status, code } : undefined;
}

/**
 * `span.record_exception(e)` / `span.set_status(Status(StatusCode.ERROR, str(e)))` (whichever
 * is missing) at the top of the handler, binding the exception when the clause has no name.
 */
export function pyRecordExceptionFix(ctx: PyContext, clause: Node, span: string | undefined, missing: { record: boolean; status: boolean }): OffsetFix | undefined {
  const { text } = ctx;
  const c = caught(clause);
  const body = c.body;
  const first = body?.namedChildren.find((n) => !!n && n.type !== 'comment') ?? undefined;
  if (!body || !first) return undefined;
  const spanExpr = span ?? currentSpan(ctx);
  if (!spanExpr) return undefined;
  const edits: OffsetEdit[] = [];
  let err = c.name;
  if (!err) {
    err = freshName('e', text.slice(clause.startIndex, clause.endIndex));
    edits.push({ start: c.headerEnd, end: c.headerEnd, text: c.types.length ? ` as ${err}` : ` BaseException as ${err}` });
  }
  let names = statusNames(ctx);
  let importEdit: OffsetEdit | undefined;
  if (missing.status && !names) {
    importEdit = pyImportEdit(ctx, 'from opentelemetry.trace import Status, StatusCode');
    if (importEdit && runsBeforeInsert(clause.startIndex, pyInsideFunction(clause), [importEdit])) return undefined;
    names = { status: 'Status', code: 'StatusCode' };
  }
  const calls: string[] = [];
  if (missing.record) calls.push(`${spanExpr}.record_exception(${err})`);
  if (missing.status) calls.push(`${spanExpr}.set_status(${names!.status}(${names!.code}.ERROR, str(${err})))`);
  const eol = ctx.eol;
  const colon = clause.children.find((n) => n?.type === ':');
  const inline = !!colon && !/[\r\n]/.test(text.slice(colon.endIndex, first.startIndex));
  if (inline) {
    const indent = lineIndentAt(text, clause.startIndex);
    const inner = indent + unitFor(text, indent);
    edits.push({ start: colon!.endIndex, end: first.startIndex, text: calls.map((s) => eol + inner + s).join('') + eol + inner });
  } else {
    const indent = lineIndentAt(text, first.startIndex);
    const at = lineStart(text, first.startIndex);
    edits.push({ start: at, end: at, text: calls.map((s) => indent + s + eol).join('') });
  }
  if (importEdit) edits.push(importEdit);
  return { title: PY_FIX_TITLES.record + (importEdit ? PY_FIX_TITLES.withImport : ''), safe: true, isPreferred: true, edits };
}

/** `trace.get_current_span()` when `opentelemetry.trace` is bound in the file. */
function currentSpan(ctx: PyContext): string | undefined {
  for (const [local, q] of ctx.facts.imports) {
    if (q === 'opentelemetry.trace') return `${local}.get_current_span()`;
    if (q === 'opentelemetry.trace.get_current_span') return `${local}()`;
  }
  return undefined;
}

/** Lines that start inside these strings must keep their text. */
export function pyMultilineStrings(root: Node, start: number, end: number): Protected {
  const out: { start: number; end: number }[] = [];
  const visit = (n: Node) => {
    if (n.endIndex <= start || n.startIndex >= end) return;
    if (n.type === 'string' || n.type === 'concatenated_string') {
      if (n.startPosition.row !== n.endPosition.row) out.push({ start: n.startIndex, end: n.endIndex });
      return;
    }
    if (n.startPosition.row === n.endPosition.row) return;
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(root);
  return out;
}

/**
 * `span = tracer.start_span(args)` (or the bare call) followed by the rest of its block →
 * `with tracer.start_as_current_span(args) as span:` with those statements indented. When the
 * span has an `.end()` statement later in the same block, the block ends before it and the
 * `.end()` line goes. Undefined when the statement is not a plain statement of a block, or the
 * block ends at the start.
 */
export function pyWithFix(ctx: PyContext, start: PySpanStart, spanName: string | undefined): OffsetFix | undefined {
  const { text } = ctx;
  const call = start.call;
  const stmt = spanName ? call.parent?.parent : call.parent;
  if (stmt?.type !== 'expression_statement' || stmt.namedChildren.length !== 1) return undefined;
  const block = stmt.parent;
  if (!block || (block.type !== 'block' && block.type !== 'module')) return undefined;
  const siblings = block.namedChildren.filter((n): n is Node => !!n);
  const index = siblings.findIndex((n) => n.id === stmt.id);
  // Not a comment trailing the start's own line.
  const following = siblings.slice(index + 1).filter((n) => !(n.type === 'comment' && n.startPosition.row === stmt.endPosition.row));
  if (following.length === 0 || following[0].type === 'comment' && following.length === 1) return undefined;
  // Where the `with` body stops: before `span.end()` as a statement of this block, else at the block's end.
  let endStmt: Node | undefined;
  let body = following;
  if (spanName) {
    const endAt = following.findIndex((n) => n.type === 'expression_statement' && new RegExp(`^${spanName}\\s*\\.\\s*(end|finish)\\s*\\(\\s*\\)$`).test(n.text));
    if (endAt >= 0) { endStmt = following[endAt]; body = following.slice(0, endAt); }
    const rest = body.map((n) => n.text).join('\n');
    // Another end (an early `span.end()` before a return) would end the span twice.
    if (new RegExp(`(?<![\\w.])${spanName}\\s*\\.\\s*(end|finish)\\s*\\(`).test(rest)) return undefined;
  }
  while (body.length && body[body.length - 1].type === 'comment') body = body.slice(0, -1);
  if (body.length === 0) return undefined;
  if (block.type === 'module' && body.some((n) => /^(import_statement|import_from_statement|future_import_statement|function_definition|class_definition|decorated_definition)$/.test(n.type))) return undefined;
  const indent = lineIndentAt(text, stmt.startIndex);
  if (lineStart(text, stmt.startIndex) + indent.length !== stmt.startIndex) return undefined; // `a(); span = ...` on one line
  if (body.some((n) => lineStart(text, n.startIndex) + indent.length !== n.startIndex)) return undefined; // `; ` joined statements
  const unit = unitFor(text, indent);
  const fn = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  if (!fn || !args) return undefined;
  const method = start.methodNode;
  const header = `with ${text.slice(fn.startIndex, method.startIndex)}start_as_current_span${text.slice(method.endIndex, call.endIndex)}${spanName ? ` as ${spanName}` : ''}:`;
  const bodyStart = lineStart(text, body[0].startIndex);
  const bodyEnd = body[body.length - 1].endIndex;
  // The rest of the start's line (a trailing comment) stays on the `with` line.
  const edits: OffsetEdit[] = [{ start: stmt.startIndex, end: stmt.endIndex, text: header }];
  edits.push({ start: bodyStart, end: bodyEnd, text: indentLines(text, bodyStart, bodyEnd, unit, pyMultilineStrings(block, bodyStart, bodyEnd)) });
  if (endStmt) {
    // Drop the `span.end()` line (with its line break).
    let from = lineStart(text, endStmt.startIndex);
    if (from < bodyEnd) return undefined;
    let to = endStmt.endIndex;
    const rest = /^[ \t]*(#[^\r\n]*)?(\r\n|\n)?/.exec(text.slice(to))!;
    // Its line goes with its line break; on the last line without one, the break before it goes.
    if (rest[2]) to += rest[0].length;
    else if (to + rest[0].length === text.length) { from = bodyEnd; to = text.length; }
    edits.push({ start: from, end: to, text: '' });
  }
  return { title: PY_FIX_TITLES.toWith, safe: true, isPreferred: true, edits };
}
