import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { dottedName as jsDottedName, insideMainGuard as jsInsideMainGuard, unwrap } from '../analysis/js/nodes';
import { callArgs, dottedName, insideMainGuard, mainGuardCalls } from '../analysis/python/nodes';
import { format, type Rule } from '../analysis/rule';
import { jsConsoleFix, pyPrintFix } from '../analysis/fixes/printFixes';
import { SERVICE_ONLY } from '../analysis/project/roles';

const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace']);
const PY_STREAMS = new Set(['sys.stdout', 'sys.stderr']);

/**
 * Functions whose job is to write to the terminal: a stream object's `write` (a stdout proxy,
 * a logger's console sink), a `print` method, logging's `Handler.handleError` fallback.
 */
const PY_WRITERS = new Set(['write', '_write', 'writelines', 'flush', 'print', '_print', 'handleError']);
const JS_WRITERS = new Set(['write', '_write', 'writev', '_writev']);

/** A scope that parses the command line: its output is the command's UI, not a log. */
const PY_CLI = /\b(?:ArgumentParser|OptionParser)\s*\(|\bgetopt\.getopt\s*\(|\bdocopt\s*\(|^\s*@[\w.]*\b(?:command|group)\b/m;
const PY_ARGV_PARSE = /\.parse_(?:known_)?args\s*\(/;
/** Interactive code asks the user: its prints are the prompt's text. */
const PY_INTERACTIVE = /(?<![.\w])input\s*\(|\bgetpass\s*\(/;
/** A function documented as displaying something (`ogrinfo`: "... displaying the fields ..."), or named so. */
const PY_DISPLAY_DOC = /\bdisplay(?:s|ed|ing)?\b|\bpretty[- ]?print/i;
const PY_DISPLAY_NAME = /^_?(?:print|show|display|dump|pprint)(?:_|$)/;
/** `if self.cfg.print_config:`: the user asked for this output. */
const PY_PRINT_FLAG = /print/i;

export const noPrintLogging: Rule = {
  id: 'no-print-logging',
  defaultSeverity: 'warning',
  docs: { summary: '`print()` / `console.log()` used as operational logging instead of a logger.' },
  messages: {
    print: '`{call}` writes unstructured text to stdout: log a structured event with the logger instead.',
    stderr: '`{call}` writes unstructured text to stderr: log a structured event (level warning or error) instead.',
    console: '`{call}` is not a structured log: use the logger (pino, winston…) so the line gets a level, timestamp and fields.',
    consoleRef: '`{call}` passed as a callback writes unstructured text to the console: pass a function that logs with the logger (`(err) => logger.error({ err }, "...")`).',
    fix: 'Convert to structured log event',
  },
  hasFix: true,
  roles: SERVICE_ONLY,

  python(ctx) {
    const interactive = new Map<number, boolean>();
    const cli = new Map<number, boolean>();
    const cached = (cache: Map<number, boolean>, node: Node, test: () => boolean): boolean => {
      let hit = cache.get(node.id);
      if (hit === undefined) cache.set(node.id, (hit = test()));
      return hit;
    };
    const src = (node: Node) => ctx.text.slice(node.startIndex, node.endIndex);
    /** The print is terminal output on purpose: see PY_WRITERS, PY_CLI, PY_INTERACTIVE and the `__main__` guard. */
    const deliberate = (node: Node, isPrint: boolean): boolean => {
      let innermost = true;
      for (let p = node.parent; p; p = p.parent) {
        const type = p.type;
        if (innermost && (type === 'if_statement' || type === 'elif_clause') && PY_PRINT_FLAG.test(p.childForFieldName('condition')?.text ?? '')) return true;
        if (type !== 'function_definition' && type !== 'class_definition') continue;
        const name = p.childForFieldName('name')?.text ?? '';
        if (type === 'function_definition') {
          if (innermost && (PY_WRITERS.has(name) || PY_DISPLAY_NAME.test(name) || displayDoc(p) || cached(interactive, p, () => PY_INTERACTIVE.test(src(p))))) return true;
          // `logging.Handler.emit`: a handler's print is where its records go out.
          if (innermost && name === 'emit' && handlerClass(p)) return true;
          if (isPrint && hasParameter(p, 'print')) return true; // `def run(..., print=print)`: a callable the caller chose
          innermost = false;
        }
        const outer = p.parent?.type === 'decorated_definition' ? p.parent : p;
        if (outer.parent?.type !== 'module') continue;
        // Top-level function or class: what the `__main__` guard runs, or a command-line parser's scope.
        if (type === 'function_definition' && mainGuardCalls(node).has(name)) return true;
        return cached(cli, outer, () => { const t = src(outer); return PY_CLI.test(t) || (/\bargv\b/.test(t) && PY_ARGV_PARSE.test(t)); });
      }
      return false;
    };
    return {
      call(node: Node) {
        const { fn, name } = ctx.facts.callee(node);
        if (!fn || !name) return;
        const qualified = ctx.facts.qualify(name);
        let stream = 'sys.stdout';
        const isPrint = name === 'print' || qualified === 'builtins.print';
        if (isPrint || qualified === 'pprint.pprint' || qualified === 'pprint.pp') {
          const args = callArgs(node);
          // print(..., file=f) / pprint(obj, stream=f): writing to a file object is not logging.
          const target = isPrint ? args.keywords.get('file')?.value : args.keywords.get('stream')?.value ?? args.positional[1];
          if (target) {
            const dotted = dottedName(target);
            stream = dotted ? ctx.facts.qualify(dotted) : '';
            if (!PY_STREAMS.has(stream)) return;
          }
        } else if (qualified === 'sys.stdout.write' || qualified === 'sys.stderr.write') {
          stream = qualified.slice(0, -'.write'.length);
        } else {
          return;
        }
        if (insideMainGuard(node) || deliberate(node, isPrint)) return;
        const key = stream === 'sys.stderr' ? 'stderr' : 'print';
        const kind = isPrint ? 'print' : qualified.startsWith('pprint.') ? 'pprint' : 'write';
        ctx.report({ start: fn.startIndex, end: fn.endIndex, message: format(noPrintLogging.messages[key], { call: `${name}()` }), fixes: pyPrintFix(ctx, node, kind, key === 'stderr', noPrintLogging.messages.fix) });
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    let mainCalls: Set<string> | undefined;
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const call = node as ts.CallExpression;
        const callee = call.expression;
        const consoleRef = (e: ts.Expression) => ts.isPropertyAccessExpression(e) && CONSOLE_METHODS.has(e.name.text) && ctx.facts.loggerKindOf(e.expression) === 'console';
        const allowed = () => jsInsideMainGuard(node) || jsDeliberate(node, (mainCalls ??= jsMainGuardCalls(sf)));
        // `.catch(console.error)`, `emitter.on('error', console.error)`: a console method passed as a callback is console output too (no fix: what it is called with is unknown).
        for (const arg of call.arguments) {
          const ref = unwrap(arg);
          if (consoleRef(ref) && !allowed()) ctx.report({ start: ref.getStart(sf), end: ref.end, message: format(noPrintLogging.messages.consoleRef, { call: jsDottedName(ref) ?? ref.getText(sf) }) });
        }
        if (!consoleRef(callee) || allowed()) return;
        const method = (callee as ts.PropertyAccessExpression).name.text;
        const start = callee.getStart(sf);
        ctx.report({ start, end: callee.end, message: format(noPrintLogging.messages.console, { call: `${jsDottedName(callee)}()` }), fixes: jsConsoleFix(ctx, call, method, noPrintLogging.messages.fix) });
      },
    };
  },
};

/** The method's class derives from a logging handler (`logging.Handler`, `StreamHandler`, `MyHandler`). */
function handlerClass(fn: Node): boolean {
  let cls = fn.parent;
  if (cls?.type === 'block') cls = cls.parent;
  if (cls?.type === 'decorated_definition') cls = cls.parent;
  return cls?.type === 'class_definition' && /Handler\b/.test(cls.childForFieldName('superclasses')?.text ?? '');
}

function displayDoc(fn: Node): boolean {
  const first = fn.childForFieldName('body')?.firstNamedChild;
  const doc = first?.type === 'expression_statement' ? first.firstNamedChild : null;
  return doc?.type === 'string' && PY_DISPLAY_DOC.test(doc.text);
}

function hasParameter(fn: Node, name: string): boolean {
  const params = fn.childForFieldName('parameters');
  if (!params) return false;
  for (const p of params.namedChildren) {
    const id = p?.type === 'identifier' ? p : p?.childForFieldName('name') ?? p?.namedChildren.find((c) => c?.type === 'identifier');
    if (id?.text === name) return true;
  }
  return false;
}


/** In a stream's `write` method or in what the `require.main` guard runs. */
function jsDeliberate(node: ts.Node, mainCalls: Set<string>): boolean {
  let innermost = true;
  for (let p = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (!ts.isFunctionLike(p)) continue;
    const name = jsFunctionName(p);
    if (innermost && name && JS_WRITERS.has(name)) return true;
    innermost = false;
    if (ts.isFunctionDeclaration(p) && ts.isSourceFile(p.parent) && name && mainCalls.has(name)) return true;
  }
  return false;
}

/** `function write()`, `write() {}`, `write: function`, `X.prototype.write = function`. */
function jsFunctionName(fn: ts.SignatureDeclaration): string | undefined {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) return fn.name.text;
  const parent = fn.parent;
  if (ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent)) return ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(parent.left)) {
    return parent.left.name.text;
  }
  return undefined;
}

function jsMainGuardCalls(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && jsInsideMainGuard(n)) names.add(n.expression.text);
    ts.forEachChild(n, visit);
  };
  for (const stmt of sf.statements) if (ts.isIfStatement(stmt) && /require\.main/.test(stmt.expression.getText(sf))) visit(stmt.thenStatement);
  return names;
}
