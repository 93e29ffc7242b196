import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { OpenRanges } from '../analysis/loopBounds';
import { jsCannotFlood, jsPerIteration } from '../analysis/js/loops';
import { pyCannotFlood, pyPerIteration } from '../analysis/python/loops';
import { format, type Rule } from '../analysis/rule';
import { SHIPPED_CODE } from '../analysis/project/roles';

export const logInLoop: Rule = {
  id: 'log-in-loop',
  defaultSeverity: 'info',
  docs: { summary: 'A debug/info log call runs on every iteration of a loop over a collection (or an endless loop) without sampling.' },
  messages: {
    inLoop: '`{callee}` logs at {level} level on every iteration of this loop: one line per item floods the logs. Log once after the loop (with a count), or sample (`if i % 1000 == 0`).',
  },
  hasFix: false,
  roles: SHIPPED_CODE,

  python(ctx) {
    const loops = new OpenRanges();
    const enter = (node: Node) => loops.push(node.startIndex, node.endIndex);
    return {
      for_statement: enter,
      while_statement: enter,
      call(node: Node) {
        const lc = ctx.facts.loggerCall(node);
        if (!lc || (lc.level !== 'debug' && lc.level !== 'info')) return;
        if (!loops.inside(node.startIndex)) return;
        const hit = pyPerIteration(node, ctx.text);
        if (!hit || pyCannotFlood(hit, lc, ctx.text)) return;
        const { fn, name } = ctx.facts.callee(node);
        if (fn) ctx.report({ start: fn.startIndex, end: fn.endIndex, message: format(logInLoop.messages.inLoop, { callee: name ?? fn.text, level: lc.level }) });
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    const loops = new OpenRanges();
    const enter = (node: ts.Node) => loops.push(node.pos, node.end);
    return {
      [ts.SyntaxKind.ForStatement]: enter,
      [ts.SyntaxKind.ForOfStatement]: enter,
      [ts.SyntaxKind.ForInStatement]: enter,
      [ts.SyntaxKind.WhileStatement]: enter,
      [ts.SyntaxKind.DoStatement]: enter,
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const call = node as ts.CallExpression;
        if (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'forEach') enter(call);
        const lc = ctx.facts.loggerCall(call);
        if (!lc || lc.kind === 'console' || (lc.level !== 'debug' && lc.level !== 'info')) return;
        if (!loops.inside(call.pos)) return;
        const hit = jsPerIteration(call, sf);
        if (!hit || jsCannotFlood(hit, lc, sf)) return;
        const callee = call.expression;
        ctx.report({ start: callee.getStart(sf), end: callee.end, message: format(logInLoop.messages.inLoop, { callee: callee.getText(sf), level: lc.level }) });
      },
    };
  },
};
