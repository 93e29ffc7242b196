import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import {
  catchHeaderEnd, deliberateEmptyCatch, deliberateEmptyPromiseCatch, hasDeliberateComment as jsDeliberate, hasExplainingComment as jsExplained, isEmptyBlock, tryBlockLoadsModule,
} from '../analysis/js/handlers';
import { unwrap } from '../analysis/js/nodes';
import {
  catchesEverything, catchesOnlyControlFlow, catchesOnlyImportErrors, caught, deliberateSwallow, handlerBody, hasDeliberateComment, hasExplainingComment,
  isTrivialBody, tryBodyImports,
} from '../analysis/python/handlers';
import { type JsContext, type PyContext, type Rule } from '../analysis/rule';
import type { OffsetEdit, OffsetFix } from '../analysis/types';
import { jsErrorLogCall, jsLoggerFor, pyLogCall, pyLoggerFor, titleWithNote } from '../analysis/fixes/logger';

import { jsInsideFunction, jsSemi, pyInsideFunction, runsBeforeInsert } from '../analysis/fixes/insert';
import { bindError, failedEvent, jsFillBlockEdit, jsOperationName, pyHandlerStatementEdit, pyOperationName } from '../analysis/fixes/handlerEdits';
import type { Handler } from '../analysis/js/handlers';
import { NOT_TESTS } from '../analysis/project/roles';

/** Binding names that say "unused on purpose" (`catch (ignored)`, `catch (_)`, `except E as _ignored`). */
const DELIBERATE_NAME = /^_+$|^_*(ignored?|expected|unused)$/i;

export const swallowedException: Rule = {
  id: 'swallowed-exception',
  defaultSeverity: 'warning',
  docs: { summary: 'An `except` / `catch` block that does nothing: the error disappears without a trace.' },
  messages: {
    broad: 'This handler catches every error and does nothing: failures vanish without a log line. Log the exception (`logger.exception(...)`), handle it, or re-raise.',
    catch: 'Empty `catch` block: the error disappears without a log line. Log it (`logger.error({ err }, "...")`) or handle it; if ignoring it is intended, add a comment saying why (`// ignore: <why>`).',
    'fix.log': 'Log the exception',
    promise: 'Empty `.catch()` callback: the rejection disappears without a log line. Log it (`.catch((err) => logger.error({ err }, "..."))`) or handle it; if ignoring it is intended, add a comment saying why (`// ignore: <why>`).',
  },
  hasFix: true,
  roles: NOT_TESTS,

  python(ctx) {
    return {
      except_clause(node: Node) {
        if (!isTrivialBody(handlerBody(node))) return;
        const c = caught(node);
        if (catchesOnlyControlFlow(c)) return;
        if (c.name && DELIBERATE_NAME.test(c.name)) return;
        if (hasDeliberateComment(ctx.text, c, node)) return;
        if (catchesOnlyImportErrors(c) && tryBodyImports(ctx.text, node)) return;
        // A named type is an expected condition handled as control flow (`except KeyError: pass`);
        // like Bandit's S110 by default, only handlers that catch everything are reported.
        if (!catchesEverything(c)) return;
        // An explaining comment, cleanup, a finalizer, a failure while handling another, a fallback...
        if (hasExplainingComment(ctx.text, c, node) || deliberateSwallow(ctx.facts, ctx.text, node)) return;
        ctx.report({ start: node.startIndex, end: c.headerEnd, message: swallowedException.messages.broad, fixes: pyFix(ctx, node, c.body) });
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    return {
      [ts.SyntaxKind.CatchClause](node: ts.Node) {
        const clause = node as ts.CatchClause;
        if (!isEmptyBlock(clause.block)) return;
        const name = clause.variableDeclaration?.name;
        if (name && ts.isIdentifier(name) && DELIBERATE_NAME.test(name.text)) return;
        if (jsDeliberate(sf, clause.block.getStart(sf), clause.end)) return;
        if (tryBlockLoadsModule(sf, clause) || jsExplained(sf, clause.block) || deliberateEmptyCatch(sf, clause)) return;
        const names = !name ? [] : ts.isIdentifier(name) ? [name.text] : undefined;
        const fixes = names && jsFix(ctx, { node: clause, names }, clause.block);
        ctx.report({ start: clause.getStart(sf), end: catchHeaderEnd(sf, clause), message: swallowedException.messages.catch, fixes });
      },
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const call = node as ts.CallExpression;
        const callee = call.expression;
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'catch' || call.arguments.length !== 1) return;
        const cb = unwrap(call.arguments[0]);
        if (!ts.isArrowFunction(cb) && !ts.isFunctionExpression(cb)) return;
        if (!ts.isBlock(cb.body) || !isEmptyBlock(cb.body)) return;
        const param = cb.parameters[0]?.name;
        if (param && ts.isIdentifier(param) && DELIBERATE_NAME.test(param.text)) return;
        if (jsDeliberate(sf, cb.body.getStart(sf), call.end) || jsExplained(sf, cb.body) || deliberateEmptyPromiseCatch(sf, call)) return;
        const names = !param ? [] : ts.isIdentifier(param) ? [param.text] : undefined;
        const fixes = names && jsFix(ctx, { node: cb, names }, cb.body);
        ctx.report({ start: cb.getStart(sf), end: cb.end, message: swallowedException.messages.promise, fixes });
      },
    };
  },
};

/**
 * "Log the exception": `logger.exception("<function>_failed")` in place of `pass` / `...`, or
 * before a `continue` (the logger in scope, else one created with its import). `exception()`
 * reads the exception being handled, so a bare `except:` needs no binding and keeps catching
 * everything it caught. Unsafe: a new error line (in a loop, one per iteration) where there was
 * none, and the right fix may be to handle the error or say why it is ignored.
 */
function pyFix(ctx: PyContext, clause: Node, body: Node | null): OffsetFix[] | undefined {
  if (!body) return undefined;
  const logger = pyLoggerFor(ctx, clause);
  // Module-level code above the inserted logger would run before it exists.
  if (runsBeforeInsert(clause.startIndex, () => pyInsideFunction(clause), logger.setup)) return undefined;
  const event = failedEvent(pyOperationName(clause), ctx.settings.eventNameStyle);
  // `exception()` exists on every supported logger (stdlib, structlog, loguru): written for an unknown one too.
  const call = pyLogCall(logger.style, logger.expr, 'exception', event, []);
  const edit = call ? pyHandlerStatementEdit(ctx.text, ctx.eol, clause, body, call) : undefined;
  return edit && fix(titleWithNote(swallowedException.messages['fix.log'], logger), [edit, ...logger.setup]);
}

/**
 * "Log the exception": `logger.error({ err }, "<function>_failed")` (pino/bunyan),
 * `logger.error("<function>_failed", { error: err })` (winston), `logger.error("...", err)`
 * (console-like: log4js, consola), NestJS `error("...", err.stack)`, in the empty block, binding
 * the error (`catch (err)`, `(err) =>`) when the handler has no binding. Not offered for a logger
 * of unknown kind: no error placement reaches every library. Unsafe, as in Python.
 */
function jsFix(ctx: JsContext, handler: Handler, block: ts.Block): OffsetFix[] | undefined {
  const sf = ctx.sourceFile;
  const bind = handler.names?.length ? undefined : bindError(sf, handler);
  const name = handler.names?.[0] ?? bind?.name;
  if (!name) return undefined;
  const logger = jsLoggerFor(ctx, handler.node);
  // A `.catch()` callback runs later; a `catch` block in module code runs in place.
  if (runsBeforeInsert(handler.node.getStart(sf), () => !ts.isCatchClause(handler.node) || jsInsideFunction(handler.node), logger.setup)) return undefined;
  const event = failedEvent(jsOperationName(handler.node), ctx.settings.eventNameStyle);
  const call = jsErrorLogCall(logger.style, logger.expr, event, name, ctx.text);
  if (!call) return undefined;
  const edits = [jsFillBlockEdit(sf, ctx.eol, block, call + jsSemi(ctx)), ...logger.setup];
  return fix(titleWithNote(swallowedException.messages['fix.log'], logger), bind ? [bind.edit, ...edits] : edits);
}

function fix(title: string, edits: OffsetEdit[]): OffsetFix[] {
  return [{ title, safe: false, isPreferred: true, edits }];
}
