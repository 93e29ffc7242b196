import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { JS_TRACING_TEXT, jsNameShape, jsSpanRename, jsSpanStart } from '../analysis/js/spans';
import { PY_TRACING_TEXT, pyNameShape, pySpanRename, pySpanStart } from '../analysis/python/spans';
import { format, type Rule } from '../analysis/rule';
import { jsSpanNameFix, jsSpanRenameFix, pySpanNameFix, pySpanRenameFix } from '../analysis/fixes/spanNameFixes';
import { NOT_TESTS } from '../analysis/project/roles';

const HOW: Record<string, string> = {
  'f-string': 'an f-string',
  percent: 'built with `%`',
  format: 'built with `.format()`',
  concat: 'built by `+` concatenation',
  template: 'a template literal',
};

/**
 * Span names are meant to name the operation: a name built from request values makes every
 * span unique. Values from a fixed set are fine: constants, settings, enum members, a literal
 * list iterated, code names (`__qualname__`, `this.constructor.name`), the HTTP method; see
 * `*\/boundedValues.ts`. One finding per name (a span start or `update_name` / `updateName`).
 */
export const spanNameCardinality: Rule = {
  id: 'span-name-cardinality',
  defaultSeverity: 'warning',
  docs: { summary: 'A span name built from dynamic values (f-string, template literal, concatenation) instead of a static operation name.' },
  messages: {
    dynamic: 'Span name is {how}: every distinct value makes a new span name, so spans cannot be grouped and the tracing backend\'s cardinality grows. Use a static name for the operation and set the values as span attributes.',
  },
  hasFix: true,
  roles: NOT_TESTS,

  python(ctx) {
    if (!PY_TRACING_TEXT.test(ctx.text) && !/\bupdate_name\b/.test(ctx.text)) return {};
    return {
      call(node: Node) {
        const start = pySpanStart(node, ctx);
        const rename = start ? undefined : pySpanRename(node, ctx);
        const name = start?.name ?? rename?.name;
        const shape = name && pyNameShape(name, ctx);
        if (!shape || !name) return;
        const fix = start ? pySpanNameFix(ctx, start, shape) : pySpanRenameFix(ctx, rename!, shape);
        ctx.report({ start: name.startIndex, end: name.endIndex, message: format(spanNameCardinality.messages.dynamic, { how: HOW[shape] }), fixes: fix ? [fix] : [] });
      },
    };
  },

  js(ctx) {
    if (!JS_TRACING_TEXT.test(ctx.text) && !/\bupdateName\b/.test(ctx.text)) return {};
    const sf = ctx.sourceFile;
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const call = node as ts.CallExpression;
        const start = jsSpanStart(call, ctx);
        const rename = start ? undefined : jsSpanRename(call, ctx);
        const name = start?.name ?? rename?.name;
        const shape = name && jsNameShape(name, ctx);
        if (!shape || !name) return;
        const fix = start ? jsSpanNameFix(ctx, start) : jsSpanRenameFix(ctx, rename!);
        ctx.report({ start: name.getStart(sf), end: name.end, message: format(spanNameCardinality.messages.dynamic, { how: HOW[shape] }), fixes: fix ? [fix] : [] });
      },
    };
  },
};
