import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { JS_TRACING_TEXT, jsNameShape, jsSpanStart } from '../analysis/js/spans';
import { PY_TRACING_TEXT, pyNameShape, pySpanStart } from '../analysis/python/spans';
import { format, type Rule } from '../analysis/rule';
import { jsSpanNameFix, pySpanNameFix } from '../analysis/fixes/spanNameFixes';
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
 * span unique. Constants and code names (`__qualname__`, `this.constructor.name`) are fine.
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
    if (!PY_TRACING_TEXT.test(ctx.text)) return {};
    return {
      call(node: Node) {
        const start = pySpanStart(node, ctx);
        const shape = start?.name && pyNameShape(start.name);
        if (!shape || !start?.name) return;
        const fix = pySpanNameFix(ctx, start, shape);
        ctx.report({ start: start.name.startIndex, end: start.name.endIndex, message: format(spanNameCardinality.messages.dynamic, { how: HOW[shape] }), fixes: fix ? [fix] : [] });
      },
    };
  },

  js(ctx) {
    if (!JS_TRACING_TEXT.test(ctx.text)) return {};
    const sf = ctx.sourceFile;
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const start = jsSpanStart(node as ts.CallExpression, ctx);
        const shape = start?.name && jsNameShape(start.name);
        if (!shape || !start?.name) return;
        const fix = jsSpanNameFix(ctx, start);
        ctx.report({ start: start.name.getStart(sf), end: start.name.end, message: format(spanNameCardinality.messages.dynamic, { how: HOW[shape] }), fixes: fix ? [fix] : [] });
      },
    };
  },
};
