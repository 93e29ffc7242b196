import type { Node } from 'web-tree-sitter';
import { enclosingExcept, excInfo, methodNode, surelyNoExcInfo, withMethod } from '../analysis/python/handlers';
import { callArgs } from '../analysis/python/nodes';
import { format, type Rule } from '../analysis/rule';
import { pyRemoveKeyword, pyRenameMethod } from '../analysis/fixes/callEdits';
import type { OffsetEdit, OffsetFix } from '../analysis/types';
import { MAINTAINED_CODE } from '../analysis/project/roles';

/** Parameter names that carry a caught exception into an error callback (`def on_error(self, exc)`). */
const EXCEPTION_PARAM = /^(e|ex|exc|err|error|exception|exc_value|exc_info|einfo)$|^(exc|err|error|exception)_|_(exc|err|error|exception)$/;

export const exceptionOutsideHandler: Rule = {
  id: 'exception-outside-handler',
  defaultSeverity: 'warning',
  docs: { summary: '`logger.exception()` or `exc_info=True` outside an `except` block, where there is no exception to record.' },
  messages: {
    exception: '`{call}` outside an `except` block: no exception is being handled, so there is no stack trace to record (stdlib logging appends "NoneType: None"). Use `{replacement}(...)`, or pass the exception explicitly (`exc_info=err`).',
    'fix.error': 'Change to `error()`',
    'fix.errorDropExcInfo': 'Change to `error()` without `exc_info`',
    'fix.dropExcInfo': 'Remove `exc_info`',
    excInfo: '`{arg}` outside an `except` block: no exception is being handled, so there is no stack trace to attach. Drop it, or pass the exception explicitly (`exc_info=err`).',
  },
  hasFix: true,
  roles: MAINTAINED_CODE,

  python(ctx) {
    return {
      call(node: Node) {
        const lc = ctx.facts.loggerCall(node);
        if (!lc || lc.kind === 'loguru' && lc.method !== 'exception') return;
        const args = surelyNoExcInfo(ctx.text, node) ? undefined : callArgs(node);
        const info = args ? excInfo(args) : 'absent';
        if (lc.method === 'exception') {
          // `exc_info=err` names the exception; `exc_info=False` turns the trace off (stdlib-logging-misuse says so).
          if (info !== 'absent' && info !== 'true') return;
        } else if (info !== 'true') return;
        if (enclosingExcept(ctx.facts, node) || inErrorCallback(node)) return;
        if (lc.method === 'exception') {
          const target = methodNode(ctx.facts, node) ?? node;
          const name = ctx.facts.callee(node).name ?? lc.method;
          const message = format(exceptionOutsideHandler.messages.exception, { call: `${name}()`, replacement: withMethod(ctx.facts, node, 'error') });
          const rename = pyRenameMethod(ctx.facts, node, 'error');
          const drop = info === 'true' ? pyRemoveKeyword(ctx.text, node, 'exc_info') : undefined;
          const title = exceptionOutsideHandler.messages[drop ? 'fix.errorDropExcInfo' : 'fix.error'];
          ctx.report({ start: target.startIndex, end: target.endIndex, message, fixes: rename && (drop || info !== 'true') ? unsafeFix(title, drop ? [rename, drop] : [rename]) : undefined });
          return;
        }
        const kw = args!.keywords.get('exc_info')!;
        const arg = ctx.text.slice(kw.node.startIndex, kw.node.endIndex);
        const drop = pyRemoveKeyword(ctx.text, node, 'exc_info');
        const fixes = drop ? unsafeFix(exceptionOutsideHandler.messages['fix.dropExcInfo'], [drop]) : undefined;
        ctx.report({ start: kw.node.startIndex, end: kw.node.endIndex, message: format(exceptionOutsideHandler.messages.excInfo, { arg }), fixes });
      },
    };
  },
};

/**
 * Unsafe: the function may be called from an `except` block elsewhere, where the exception is
 * still being handled and the trace is recorded (as Ruff marks LOG004's fix).
 */
function unsafeFix(title: string, edits: OffsetEdit[]): OffsetFix[] {
  return [{ title, safe: false, isPreferred: true, edits }];
}

/**
 * The call is in an error callback: the enclosing function takes the exception as a parameter
 * (`def on_timer_error(self, exc)`, `def _fatal_error(self, exc, message)`). Such callbacks are
 * called from `except` blocks, where the exception is still being handled, so
 * `exc_info=True` / `exception()` do record it.
 */
function inErrorCallback(call: Node): boolean {
  let fn: Node | null = call.parent;
  while (fn && fn.type !== 'function_definition' && fn.type !== 'lambda' && fn.type !== 'class_definition') fn = fn.parent;
  if (fn?.type !== 'function_definition') return false;
  const params = fn.childForFieldName('parameters');
  for (const p of params?.namedChildren ?? []) {
    if (!p) continue;
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
    if (id?.type === 'identifier' && EXCEPTION_PARAM.test(id.text)) return true;
  }
  return false;
}
