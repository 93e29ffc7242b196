import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { enclosingHandler, errorUse, handlerAliases, handlerCalls as jsHandlerCalls, onSamePath as jsOnSamePath, references, tryOnlyParses, type Handler } from '../analysis/js/handlers';
import { dottedName as jsDottedName, isStringLiteralLike, unwrap } from '../analysis/js/nodes';
import type { JsLoggerCall } from '../analysis/js/facts';
import {
  catchesOnlyControlFlow, catchesOnlyExpected, caught, enclosingExcept, excInfo, handlerCalls, loguruOptException, mentions, methodNode, onSamePath, recordsTrace,
  surelyNoExcInfo, tryBodyImports, withMethod,
} from '../analysis/python/handlers';
import { callArgs, dottedName } from '../analysis/python/nodes';
import type { PyFacts, PyLoggerCall } from '../analysis/python/facts';
import { format, type Rule } from '../analysis/rule';
import type { OffsetEdit, OffsetFix } from '../analysis/types';
import { jsAddProperties, jsInsertArguments, pyAddKeyword, pyRenameMethod } from '../analysis/fixes/callEdits';
import { isStringish } from '../analysis/js/logCalls';
import { optionProperty } from '../analysis/js/loggerConfig';
import { bindError } from '../analysis/fixes/handlerEdits';
import { jsErrorForm, jsNestStack, jsStyleOfKind, pyStyleOfKind, type JsLogStyle, type PyLogStyle } from '../analysis/fixes/logger';
import { MAINTAINED_CODE } from '../analysis/project/roles';

const PY_ERROR_METHODS = new Set(['error', 'critical', 'fatal']);
const PY_ERROR_LEVELS = new Set(['logging.ERROR', 'logging.CRITICAL', 'logging.FATAL']);
const JS_ERROR_LEVELS = new Set(['error', 'critical']);

export const errorLogWithoutException: Rule = {
  id: 'error-log-without-exception',
  defaultSeverity: 'warning',
  docs: { summary: 'An error logged inside an exception handler without the exception: the stack trace is lost.' },
  messages: {
    lost: '`{call}` inside an `except` block does not record the exception: the stack trace is lost. {fix}',
    textOnly: '`{call}` logs only the text of `{name}` (as `str({name})` does), not its stack trace. {fix}',
    'fix.stdlib': 'Use `{exception}(...)`, or pass `exc_info=True`.',
    'fix.structlog': 'Pass `exc_info=True` (or use `{exception}(...)`).',
    'fix.loguru': 'Use `{exception}(...)` or `{receiver}.opt(exception=True).error(...)`.',
    'fix.pyUnknown': 'Use `{exception}(...)`, or pass the exception the way this logger takes it (`exc_info=True` for stdlib and structlog).',
    jsLost: '`{call}` in this error handler does not log the caught error `{name}`: its stack trace is lost. {fix}',
    jsTextOnly: '`{call}` logs only the text of the caught error `{name}` (its message), not its stack trace. {fix}',
    jsUnbound: '`{call}` in a handler that does not bind the error, so the error itself is never logged. Bind it (`catch (err)`, `(err) => ...`) and {fix}',
    'fix.pino': 'Pass it as `err`: `{receiver}.{method}({errField}, "...")`.',
    'fix.winston': 'Pass it in the metadata: `{receiver}.{method}("...", { error: {name} })`.',
    'fix.generic': 'Pass the error object to the logger call.',
    'fix.nestjs': 'Pass its stack as the second argument: `{receiver}.error("...", {name}.stack)`.',
    'fix.unknown': 'Pass it where this logger reads it (pino, bunyan: `{ err }` first; winston: `{ error }` last).',
    'title.exception': 'Change to `exception()`',
    'title.excInfo': 'Pass `exc_info=True`',
    'title.opt': 'Use `opt(exception=True)`',
    'title.field': 'Log the caught error as `{key}`',
    'title.argument': 'Pass the caught error to the call',
    'title.stack': 'Pass the stack of the caught error',
  },
  hasFix: true,
  roles: MAINTAINED_CODE,

  python(ctx) {
    /** Per handler: the calls in it that record the trace, and whether it was reported once. */
    const handlers = new Map<number, { tracing: Node[]; reported: boolean }>();
    return {
      call(node: Node) {
        const lc = ctx.facts.loggerCall(node);
        if (!lc || !isErrorLevel(ctx.facts, lc)) return;
        const clause = enclosingExcept(ctx.facts, node);
        if (!clause) return;
        if (lc.kind === 'loguru' ? callArgs(node).hasSplat || loguruOptException(ctx.facts, node) : !surelyNoExcInfo(ctx.text, node) && excInfo(callArgs(node)) !== 'absent') return;
        const c = caught(clause);
        if (catchesOnlyControlFlow(c) || catchesOnlyExpected(c) || pyClassified(node, clause, c.name) || optionalImport(ctx.text, clause)) return;
        // One finding per handler, none when another statement logs the trace (`logger.exception(...)` then `logger.error("cmd: %s", e.cmd)`).
        let seen = handlers.get(clause.id);
        if (!seen) handlers.set(clause.id, (seen = { tracing: handlerCalls(ctx.facts, clause).filter((call) => recordsTrace(ctx.facts, ctx.text, call)), reported: false }));
        if (seen.reported || seen.tracing.some((t) => onSamePath(t, node, clause))) return;
        seen.reported = true;
        const name = ctx.facts.callee(node).name ?? lc.method;
        const receiver = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : 'logger';
        const kind = pyStyleOfKind(lc.kind, ctx);
        const fix = format(errorLogWithoutException.messages[kind === 'unknown' ? 'fix.pyUnknown' : `fix.${kind}`], { receiver, exception: withMethod(ctx.facts, node, 'exception') });
        const textOnly = c.name && mentions(node.childForFieldName('arguments'), c.name);
        const message = format(errorLogWithoutException.messages[textOnly ? 'textOnly' : 'lost'], { call: `${name}()`, name: c.name ?? '', fix });
        const target = methodNode(ctx.facts, node) ?? node;
        ctx.report({ start: target.startIndex, end: target.endIndex, message, fixes: pyFixes(ctx.text, ctx.eol, ctx.facts, lc, kind) });
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    /** Per handler: the names holding the error or its text, the calls that log the error object, whether it was reported once. */
    const handlers = new Map<ts.Node, { objects: string[]; texts: string[]; logging: ts.CallExpression[]; reported: boolean }>();
    const infoOf = (handler: Handler, names: string[]) => {
      let info = handlers.get(handler.node);
      if (info) return info;
      const aliases = handlerAliases(handler);
      const objects = [...names, ...aliases.other];
      const logs = (call: ts.CallExpression) => !!ctx.facts.loggerCall(call) && call.arguments.some((a) => errorUse(a, objects, aliases.text) === 'object');
      handlers.set(handler.node, (info = { objects, texts: aliases.text, logging: names.length ? jsHandlerCalls(handler).filter(logs) : [], reported: false }));
      return info;
    };
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const lc = ctx.facts.loggerCall(node as ts.CallExpression);
        // console output is no-print-logging's finding, and in files where console is allowed
        // (CLIs, scripts) a short message without the stack is usually deliberate user output.
        if (!lc || lc.kind === 'console' || !isJsErrorLevel(lc)) return;
        const handler = enclosingHandler(node);
        if (!handler || !handler.names) return;
        const args = lc.call.arguments;
        const info = infoOf(handler, handler.names);
        const uses = args.map((a) => errorUse(a, info.objects, info.texts));
        if (uses.includes('object')) return;
        if (handler.names.length && jsClassified(node, handler.node, [...info.objects, ...info.texts])) return;
        if (ts.isCatchClause(handler.node) && tryOnlyParses(handler.node)) return;
        // One finding per handler, none when another statement logs the error object (`log.error("..."); log.error(err.stack)`).
        if (info.reported || info.logging.some((c) => jsOnSamePath(c, node, handler.node))) return;
        info.reported = true;
        const callee = unwrap(lc.call.expression) as ts.PropertyAccessExpression;
        const receiver = jsDottedName(callee.expression) ?? 'logger';
        const name = handler.names[0] ?? 'err';
        const style = jsStyleOfKind(lc.kind, ctx);
        const fixKey = style === 'pino' || style === 'bunyan' ? 'fix.pino' : style === 'winston' || style === 'nestjs' || style === 'unknown' ? `fix.${style}` : 'fix.generic';
        const method = lc.level === 'log' ? 'error' : lc.method;
        const fix = format(errorLogWithoutException.messages[fixKey], { receiver, method, name, errField: name === 'err' ? '{ err }' : `{ err: ${name} }` });
        const key = !handler.names.length ? 'jsUnbound' : uses.includes('text') ? 'jsTextOnly' : 'jsLost';
        const message = format(errorLogWithoutException.messages[key], { call: `${receiver}.${lc.method}()`, name, fix: key === 'jsUnbound' ? lowerFirst(fix) : fix });
        ctx.report({ start: callee.name.getStart(sf), end: callee.name.end, message, fixes: jsFixes(sf, ctx.eol, lc, style, handler) });
      },
    };
  },
};

/**
 * Python: stdlib `error()` → `exception()` (same level, with the trace); stdlib `critical()` /
 * `log(ERROR, ...)` / a bare imported function and structlog → `exc_info=True`; loguru
 * `error()` → `exception()`, other levels → `opt(exception=True)`. Safe: the line keeps its
 * level, message and fields and gains the stack trace; control flow is unchanged. A logger of
 * unknown kind: `error()` → `exception()`, which every supported logger has (unsafe: a wrapper
 * might not), nothing for the other levels (`exc_info=True` is not read by loguru).
 */
function pyFixes(text: string, eol: string, facts: PyFacts, lc: PyLoggerCall, kind: PyLogStyle): OffsetFix[] | undefined {
  const m = errorLogWithoutException.messages;
  const call = lc.call;
  if (lc.method === 'error') {
    const rename = (kind === 'stdlib' || kind === 'loguru' || kind === 'unknown') && pyRenameMethod(facts, call, 'exception');
    if (rename) return kind === 'unknown' ? [{ title: m['title.exception'], safe: false, isPreferred: true, edits: [rename] }] : safe(m['title.exception'], [rename]);
  }
  if (kind === 'unknown') return undefined;
  if (kind === 'loguru') {
    const receiver = facts.callee(call).fn?.childForFieldName('object');
    return receiver ? safe(m['title.opt'], [{ start: receiver.endIndex, end: receiver.endIndex, text: '.opt(exception=True)' }]) : undefined;
  }
  const edits = pyAddKeyword(text, eol, call, 'exc_info=True');
  return edits.length ? safe(m['title.excInfo'], edits) : undefined;
}

/**
 * JS/TS: pino/bunyan get `err` in the leading object (created when the first argument is the
 * message), winston gets `error` in the trailing metadata object, console-like loggers (log4js,
 * consola) get the error as a last argument, NestJS gets its stack as `error()`'s second argument
 * (when the call has only the message). A handler without a binding gets one (`catch (err)`,
 * `(err) => ...`). Safe for pino/bunyan (their `err` serializer prints the stack); unsafe for the
 * others, where what an Error object prints depends on the format. Not offered for a logger of
 * unknown kind: no placement reaches every library.
 */
function jsFixes(sf: ts.SourceFile, eol: string, lc: JsLoggerCall, style: JsLogStyle, handler: Handler): OffsetFix[] | undefined {
  const m = errorLogWithoutException.messages;
  const form = jsErrorForm(style);
  if (!form) return undefined;
  const names = handler.names ?? [];
  const bind = names.length ? undefined : bindError(sf, handler);
  const name = names[0] ?? bind?.name;
  if (!name) return undefined;
  const args = lc.call.arguments;
  const first = args[0] && unwrap(args[0]);
  const last = args.length > 1 ? unwrap(args[args.length - 1]) : first;
  let edits: OffsetEdit[] | undefined;
  let title: string;
  let isSafe = false;
  if (form.form === 'field' && form.key === 'err') {
    title = format(m['title.field'], { key: 'err' });
    isSafe = true;
    const prop = name === 'err' ? 'err' : `err: ${name}`;
    if (first && ts.isObjectLiteralExpression(first)) edits = optionProperty(first, 'err') ? undefined : jsAddProperties(sf, eol, first, [prop]);
    else if (!first || isStringish(first)) edits = jsInsertArguments(sf, eol, lc.call, 0, [`{ ${prop} }`]);
  } else if (form.form === 'field') {
    title = format(m['title.field'], { key: 'error' });
    const prop = name === 'error' ? 'error' : `error: ${name}`;
    if (last && ts.isObjectLiteralExpression(last)) edits = optionProperty(last, 'error') ? undefined : jsAddProperties(sf, eol, last, [prop]);
    else if (last && isStringish(last)) edits = jsInsertArguments(sf, eol, lc.call, args.length, [`{ ${prop} }`]);
  } else if (form.form === 'stack') {
    title = m['title.stack'];
    // `error(message, stack?, context?)`: with a context already there, where the stack goes is ambiguous.
    if (args.length === 1 && isStringish(args[0])) edits = jsInsertArguments(sf, eol, lc.call, 1, [jsNestStack(name)]);
  } else {
    title = m['title.argument'];
    edits = jsInsertArguments(sf, eol, lc.call, args.length, [name]);
  }
  if (!edits?.length) return undefined;
  return [{ title, safe: isSafe, isPreferred: true, edits: bind ? [bind.edit, ...edits] : edits }];
}

function safe(title: string, edits: OffsetEdit[]): OffsetFix[] {
  return [{ title, safe: true, isPreferred: true, edits }];
}

/**
 * The call sits in an `if`/`elif` branch whose condition tests the caught exception
 * (`if e.errno == errno.EADDRINUSE: log.error("address in use")`): the handler has classified
 * the error and the message says what happened, so a stack trace adds nothing.
 */
function pyClassified(call: Node, clause: Node, name: string | undefined): boolean {
  if (!name) return false;
  let child = call;
  for (let p = call.parent; p && p.id !== clause.id; child = p, p = p.parent) {
    if (p.type !== 'if_statement' && p.type !== 'elif_clause') continue;
    const cond = p.childForFieldName('condition');
    if (cond && child.id !== cond.id && p.childForFieldName('consequence')?.id === child.id && mentions(cond, name)) return true;
  }
  return false;
}

/** `try: from packaging.version import Version` ... `except Exception as e: log.error("Unable to import ...")`: an optional dependency that is not installed. */
function optionalImport(text: string, clause: Node): boolean {
  const body = clause.parent?.childForFieldName('body');
  return !!body && tryBodyImports(text, clause) && body.namedChildren.every((st) => !st || st.type === 'comment' || /^(?:import|import_from)_statement$/.test(st.type)
    || (st.type === 'expression_statement' && st.firstNamedChild?.type === 'assignment'));
}

/** JS/TS twin of `pyClassified`: `if (err.code === 'EADDRINUSE') logger.error('address in use')`. */
function jsClassified(call: ts.Node, handler: ts.Node, names: string[]): boolean {
  let child: ts.Node = call;
  for (let p = call.parent; p && p !== handler; child = p, p = p.parent) {
    if (ts.isIfStatement(p) && p.thenStatement === child && references(p.expression, names)) return true;
    if (ts.isConditionalExpression(p) && p.whenTrue === child && references(p.condition, names)) return true;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && p.right === child && references(p.left, names)) return true;
  }
  return false;
}

/** `error`/`critical`/`fatal`, or `log(logging.ERROR, ...)`. */
function isErrorLevel(facts: PyFacts, lc: PyLoggerCall): boolean {
  if (PY_ERROR_METHODS.has(lc.method)) return true;
  if (lc.method !== 'log') return false;
  const level = dottedName(callArgs(lc.call).positional[0]);
  return !!level && PY_ERROR_LEVELS.has(facts.qualify(level));
}

/** An error-level call: `error`/`fatal`/`critical`, or winston `log("error", ...)`. */
function isJsErrorLevel(lc: JsLoggerCall): boolean {
  if (JS_ERROR_LEVELS.has(lc.level)) return true;
  const first = lc.level === 'log' ? lc.call.arguments[0] : undefined;
  return !!first && isStringLiteralLike(unwrap(first)) && (unwrap(first) as ts.StringLiteral).text === 'error';
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
