import type { Node } from 'web-tree-sitter';
import { enclosingExcept, excInfo, methodNode, surelyNoExcInfo, withMethod } from '../analysis/python/handlers';
import { callArgs } from '../analysis/python/nodes';
import { format, type Rule } from '../analysis/rule';

export const exceptionOutsideHandler: Rule = {
  id: 'exception-outside-handler',
  defaultSeverity: 'warning',
  docs: { summary: '`logger.exception()` or `exc_info=True` outside an `except` block, where there is no exception to record.' },
  messages: {
    exception: '`{call}` outside an `except` block: no exception is being handled, so there is no stack trace to record (stdlib logging appends "NoneType: None"). Use `{replacement}(...)`, or pass the exception explicitly (`exc_info=err`).',
    excInfo: '`{arg}` outside an `except` block: no exception is being handled, so there is no stack trace to attach. Drop it, or pass the exception explicitly (`exc_info=err`).',
  },
  hasFix: false,

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
        if (enclosingExcept(ctx.facts, node)) return;
        if (lc.method === 'exception') {
          const target = methodNode(ctx.facts, node) ?? node;
          const name = ctx.facts.callee(node).name ?? lc.method;
          const message = format(exceptionOutsideHandler.messages.exception, { call: `${name}()`, replacement: withMethod(ctx.facts, node, 'error') });
          ctx.report({ start: target.startIndex, end: target.endIndex, message });
          return;
        }
        const kw = args!.keywords.get('exc_info')!;
        const arg = ctx.text.slice(kw.node.startIndex, kw.node.endIndex);
        ctx.report({ start: kw.node.startIndex, end: kw.node.endIndex, message: format(exceptionOutsideHandler.messages.excInfo, { arg }) });
      },
    };
  },
};
