import ts = require('typescript');
import { catchHeaderEnd } from '../analysis/js/handlers';
import { caught, typeName } from '../analysis/python/handlers';
import type { Node } from 'web-tree-sitter';
import { JS_TRACING_TEXT, jsSpanScope } from '../analysis/js/spans';
import { PY_SCOPE_TYPES, PY_TRACING_TEXT, pyNoteListeners, pySpanScope } from '../analysis/python/spans';
import { format, type Report, type Rule } from '../analysis/rule';
import { importsProjectKind } from '../analysis/project/telemetrySymbols';
import { pyRecordExceptionFix } from '../analysis/fixes/pySpanFixes';
import { jsRecordExceptionFix } from '../analysis/fixes/jsSpanFixes';
import { NOT_TESTS } from '../analysis/project/roles';

/**
 * Exceptions a handler commonly expects as control flow (a lookup that misses, an exhausted
 * iterator, an optional import): swallowing them is not a failed operation.
 */
const EXPECTED = new Set([
  'StopIteration', 'StopAsyncIteration', 'GeneratorExit', 'KeyError', 'IndexError', 'LookupError',
  'AttributeError', 'ImportError', 'ModuleNotFoundError', 'FileNotFoundError', 'FileExistsError',
]);

/**
 * Python's `start_as_current_span` records an exception that propagates; a handler that
 * swallows it hides the failure from the trace unless it records it itself.
 */
export const spanErrorNotRecorded: Rule = {
  id: 'span-error-not-recorded',
  defaultSeverity: 'warning',
  docs: { summary: 'An exception handler inside a span swallows the error without recording it on the span or setting an ERROR status.' },
  messages: {
    both: 'This handler swallows the exception inside a span without recording it or setting an ERROR status, so the trace shows the span as successful. Call {record} and {status}, or re-raise.',
    record: 'This handler sets an ERROR status but swallows the exception without recording it, so the trace has no error details. Call {record}, or re-raise.',
    status: 'This handler records the exception but swallows it without setting an ERROR status, so the span still counts as successful. Call {status}, or re-raise.',
  },
  hasFix: true,
  roles: NOT_TESTS,

  python(ctx) {
    if (!PY_TRACING_TEXT.test(ctx.text) && !importsProjectKind(ctx, ['span-scope'])) return {};
    return {
      ...pyNoteListeners(PY_SCOPE_TYPES, ctx),
      except_clause(node: Node) {
        const c = caught(node);
        const block = c.body;
        if (!block) return;
        const body = ctx.text.slice(block.startIndex, block.endIndex);
        if (/\braise\b/.test(body)) return;
        if (c.types.length > 0 && c.types.every((t) => EXPECTED.has(typeName(t) ?? ''))) return;
        const scope = pySpanScope(node, ctx);
        if (!scope) return;
        const span = scope.span ?? 'trace.get_current_span()';
        const err = c.name ?? 'e';
        const colon = node.children.find((c) => c?.type === ':');
        const report = check(body, span, {
          record: /\brecord_exception\s*\(/, status: /\bset_status\s*\(/,
          recordText: `\`${span}.record_exception(${err})\``, statusText: `\`${span}.set_status(Status(StatusCode.ERROR, str(${err})))\``,
        }, node.startIndex, colon?.endIndex ?? block.startIndex);
        if (!report) return;
        const { missing, ...finding } = report;
        // A later `set_status(OK)` would undo an inserted ERROR status: no fix.
        const fix = OK_STATUS.test(body) ? undefined : pyRecordExceptionFix(ctx, node, scope.span, missing);
        ctx.report({ ...finding, fixes: fix ? [fix] : [] });
      },
    };
  },

  js(ctx) {
    if (!JS_TRACING_TEXT.test(ctx.text) && !importsProjectKind(ctx, ['span-scope'])) return {};
    const sf = ctx.sourceFile;
    return {
      [ts.SyntaxKind.CatchClause](node: ts.Node) {
        const clause = node as ts.CatchClause;
        const body = ctx.text.slice(clause.block.pos, clause.block.end);
        if (/\bthrow\b|\breject\s*\(/.test(body)) return;
        const scope = jsSpanScope(clause, ctx);
        if (!scope) return;
        const span = scope.span ?? 'trace.getActiveSpan()';
        const decl = clause.variableDeclaration;
        const err = decl && ts.isIdentifier(decl.name) ? decl.name.text : 'err';
        const start = clause.getStart(sf);
        const end = catchHeaderEnd(sf, clause);
        const report = check(body, span, {
          record: /\brecordException\s*\(/, status: /\bsetStatus\s*\(/,
          recordText: `\`${span}.recordException(${err})\``, statusText: `\`${span}.setStatus({ code: SpanStatusCode.ERROR })\``,
        }, start, end);
        if (!report) return;
        const { missing, ...finding } = report;
        const fix = OK_STATUS.test(body) ? undefined : jsRecordExceptionFix(ctx, clause, scope.span, missing);
        ctx.report({ ...finding, fixes: fix ? [fix] : [] });
      },
    };
  },
};

const OK_STATUS = /StatusCode\.(OK|UNSET)\b/;

interface Calls { record: RegExp; status: RegExp; recordText: string; statusText: string }

/** Which of the two calls the handler body lacks; nothing when both are there or the span is handed to a helper. */
function check(body: string, span: string, calls: Calls, start: number, end: number): (Report & { missing: { record: boolean; status: boolean } }) | undefined {
  const escaped = span.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`[(,=]\\s*${escaped}\\s*[,)]`).test(body)) return undefined;
  const recorded = calls.record.test(body);
  const status = calls.status.test(body) && !OK_STATUS.test(body);
  if (recorded && status) return undefined;
  const key = !recorded && !status ? 'both' : recorded ? 'status' : 'record';
  return { start, end, message: format(spanErrorNotRecorded.messages[key], { record: calls.recordText, status: calls.statusText }), missing: { record: !recorded, status: !status } };
}
