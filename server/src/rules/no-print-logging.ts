import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { dottedName as jsDottedName, insideMainGuard as jsInsideMainGuard } from '../analysis/js/nodes';
import { callArgs, dottedName, insideMainGuard } from '../analysis/python/nodes';
import { format, type Rule } from '../analysis/rule';

const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace']);
const PY_STREAMS = new Set(['sys.stdout', 'sys.stderr']);

export const noPrintLogging: Rule = {
  id: 'no-print-logging',
  defaultSeverity: 'warning',
  docs: { summary: '`print()` / `console.log()` used as operational logging instead of a logger.' },
  messages: {
    print: '`{call}` writes unstructured text to stdout: log a structured event with the logger instead.',
    stderr: '`{call}` writes unstructured text to stderr: log a structured event (level warning or error) instead.',
    console: '`{call}` is not a structured log: use the logger (pino, winston…) so the line gets a level, timestamp and fields.',
  },
  hasFix: false,

  python(ctx) {
    if (ctx.matchesGlobs(ctx.settings.printAllowed)) return {};
    return {
      call(node: Node) {
        const { fn, name } = ctx.facts.callee(node);
        if (!fn || !name) return;
        const qualified = ctx.facts.qualify(name);
        let stream = 'sys.stdout';
        if (name === 'print' || qualified === 'builtins.print') {
          const file = callArgs(node).keywords.get('file');
          if (file) {
            const target = dottedName(file.value);
            stream = target ? ctx.facts.qualify(target) : '';
            if (!PY_STREAMS.has(stream)) return;
          }
        } else if (qualified === 'sys.stdout.write' || qualified === 'sys.stderr.write') {
          stream = qualified.slice(0, -'.write'.length);
        } else if (qualified !== 'pprint.pprint' && qualified !== 'pprint.pp') {
          return;
        }
        if (insideMainGuard(node)) return;
        const key = stream === 'sys.stderr' ? 'stderr' : 'print';
        ctx.report({ start: fn.startIndex, end: fn.endIndex, message: format(noPrintLogging.messages[key], { call: `${name}()` }) });
      },
    };
  },

  js(ctx) {
    if (ctx.matchesGlobs(ctx.settings.printAllowed)) return {};
    const sf = ctx.sourceFile;
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const callee = (node as ts.CallExpression).expression;
        if (!ts.isPropertyAccessExpression(callee) || !CONSOLE_METHODS.has(callee.name.text)) return;
        if (ctx.facts.loggerKindOf(callee.expression) !== 'console') return;
        if (jsInsideMainGuard(node)) return;
        const start = callee.getStart(sf);
        ctx.report({ start, end: callee.end, message: format(noPrintLogging.messages.console, { call: `${jsDottedName(callee)}()` }) });
      },
    };
  },
};
