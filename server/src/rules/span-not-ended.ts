import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { JS_TRACING_TEXT, jsSpanLife, jsSpanStart, type SpanVerdict } from '../analysis/js/spans';
import { type PySpanStart, type SpanVerdict as PySpanVerdict, PY_FLOW_TYPES, PY_SCOPE_TYPES, PY_TRACING_TEXT, pyNote, pyNoteListeners, pySpanEnd, pySpanLife, pySpanStart } from '../analysis/python/spans';
import { format, type Report, type Rule } from '../analysis/rule';
import type { OffsetFix } from '../analysis/types';
import { pyEndOnExitFix, pyWithFix } from '../analysis/fixes/pySpanFixes';
import { jsEndInFinallyFix } from '../analysis/fixes/jsSpanFixes';
import { NOT_TESTS } from '../analysis/project/roles';

/**
 * A span that is started and never ended is never exported: it is lost, and so are its
 * children. Recognition of tracers, span starts and the span's uses lives in `*\/spans.ts`.
 */
export const spanNotEnded: Rule = {
  id: 'span-not-ended',
  defaultSeverity: 'error',
  docs: { summary: 'A span that is started but never ended (or not ended in a `finally`), so it is never exported.' },
  messages: {
    pyUnassigned: 'The span from `start_span()` is never assigned, so nothing can end it and it is never exported. Use `with tracer.start_as_current_span(...) as span:` instead.',
    pyNotEnded: 'Span `{span}` is never ended in this function, so it is never exported. Use `with tracer.start_as_current_span(...) as {span}:`, or call `{span}.end()` in a `finally`.',
    pyNotInFinally: '`{span}.end()` is not in a `finally`: if the code before it raises, the span never ends. Use `with tracer.start_as_current_span(...) as {span}:`, or move `{span}.end()` into a `finally`.',
    pyEndOnExit: 'With `end_on_exit=False` the `with` block does not end span `{span}`, and nothing ends it in this function, so it is never exported. Call `{span}.end()` in a `finally` when the work is done, or let the block end it (`end_on_exit=True`).',
    pyUseSpan: '`use_span()` ends the span only with `end_on_exit=True`, and nothing ends span `{span}` in this function, so it is never exported. Pass `end_on_exit=True`, or call `{span}.end()` in a `finally`.',
    pyManualNotInFinally: '`{span}.end()` is not in a `finally`: the `with` block does not end this span (`end_on_exit=False`), so if the code before it raises, the span never ends. Move `{span}.end()` into a `finally`, or let the block end it.',
    jsUnassigned: 'The span from `startSpan()` is never assigned, so nothing can end it and it is never exported. Keep it in a variable and call `span.end()` in a `finally`, or use `startActiveSpan`.',
    jsNotEnded: 'Span `{span}` is never ended in this function, so it is never exported. Call `{span}.end()` in a `finally` block.',
    jsCallbackNotEnded: 'The `startActiveSpan` callback never ends its span, so it is never exported. Call `{span}.end()` in a `finally` block inside the callback.',
    jsNotInFinally: '`{span}.end()` is not in a `finally`: if the code before it throws, the span never ends. Wrap that code in `try { ... } finally { {span}.end(); }`.',
  },
  hasFix: true,
  roles: NOT_TESTS,

  python(ctx) {
    if (!PY_TRACING_TEXT.test(ctx.text)) return {};
    const report = (start: PySpanStart, verdict: PySpanVerdict) => {
      if (verdict.manual) {
        const key = verdict.kind === 'not-in-finally' ? 'pyManualNotInFinally' : verdict.manual === 'use_span' ? 'pyUseSpan' : 'pyEndOnExit';
        const fix = verdict.kind === 'not-ended' && verdict.withCall ? pyEndOnExitFix(ctx, verdict.withCall) : undefined;
        ctx.report(finding(key, { ...verdict, span: verdict.span ?? 'trace.get_current_span()' }, start.methodNode.startIndex, start.methodNode.endIndex, fix));
        return;
      }
      const key = verdict.kind === 'unassigned' ? 'pyUnassigned' : verdict.kind === 'not-ended' ? 'pyNotEnded' : 'pyNotInFinally';
      ctx.report(finding(key, verdict, start.methodNode.startIndex, start.methodNode.endIndex, pyWithFix(ctx, start, verdict.span)));
    };
    return {
      ...pyNoteListeners([...PY_SCOPE_TYPES, ...PY_FLOW_TYPES], ctx),
      call(node: Node) {
        pyNote(node, ctx, 'call');
        // Spans whose last `.end()` this is: ended outside a `finally` after code that can raise.
        for (const { start, verdict } of pySpanEnd(node, ctx)) report(start, verdict);
        const start = pySpanStart(node, ctx);
        const verdict = start && pySpanLife(start, ctx);
        if (start && verdict) report(start, verdict);
      },
    };
  },

  js(ctx) {
    if (!JS_TRACING_TEXT.test(ctx.text)) return {};
    const sf = ctx.sourceFile;
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const start = jsSpanStart(node as ts.CallExpression, ctx);
        const verdict = start && jsSpanLife(start, ctx);
        if (!verdict) return;
        const callback = start.method === 'startActiveSpan';
        const key = verdict.kind === 'unassigned' ? 'jsUnassigned' : verdict.kind === 'not-in-finally' ? 'jsNotInFinally' : callback ? 'jsCallbackNotEnded' : 'jsNotEnded';
        const fix = jsEndInFinallyFix(ctx, start, verdict.span);
        ctx.report(finding(key, verdict, start.methodNode.getStart(sf), start.methodNode.end, fix));
      },
    };
  },
};

/** Not ended at all is an error; ended outside a `finally` is a warning. */
function finding(key: string, verdict: SpanVerdict | PySpanVerdict, start: number, end: number, fix: OffsetFix | undefined): Report {
  const message = format(spanNotEnded.messages[key], { span: verdict.span ?? 'span' });
  return { start, end, message, severity: verdict.kind === 'not-in-finally' ? 'warning' : undefined, fixes: fix ? [fix] : [] };
}
