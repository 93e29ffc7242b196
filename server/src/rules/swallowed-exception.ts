import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import {
  catchHeaderEnd, deliberateEmptyCatch, hasDeliberateComment as jsDeliberate, hasExplainingComment as jsExplained, isEmptyBlock, tryBlockLoadsModule,
} from '../analysis/js/handlers';
import { unwrap } from '../analysis/js/nodes';
import {
  catchesEverything, catchesOnlyControlFlow, catchesOnlyImportErrors, caught, deliberateSwallow, handlerBody, hasDeliberateComment, hasExplainingComment,
  isTrivialBody, tryBodyImports,
} from '../analysis/python/handlers';
import { type Rule } from '../analysis/rule';

/** Binding names that say "unused on purpose" (`catch (ignored)`, `catch (_)`, `except E as _ignored`). */
const DELIBERATE_NAME = /^_+$|^_*(ignored?|expected|unused)$/i;

export const swallowedException: Rule = {
  id: 'swallowed-exception',
  defaultSeverity: 'warning',
  docs: { summary: 'An `except` / `catch` block that does nothing: the error disappears without a trace.' },
  messages: {
    broad: 'This handler catches every error and does nothing: failures vanish without a log line. Log the exception (`logger.exception(...)`), handle it, or re-raise.',
    catch: 'Empty `catch` block: the error disappears without a log line. Log it (`logger.error({ err }, "...")`) or handle it; if ignoring it is intended, add a comment saying why (`// ignore: <why>`).',
    promise: 'Empty `.catch()` callback: the rejection disappears without a log line. Log it (`.catch((err) => logger.error({ err }, "..."))`) or handle it; if ignoring it is intended, add a comment saying why (`// ignore: <why>`).',
  },
  hasFix: false,

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
        ctx.report({ start: node.startIndex, end: c.headerEnd, message: swallowedException.messages.broad });
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
        ctx.report({ start: clause.getStart(sf), end: catchHeaderEnd(sf, clause), message: swallowedException.messages.catch });
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
        if (jsDeliberate(sf, cb.body.getStart(sf), call.end) || jsExplained(sf, cb.body)) return;
        ctx.report({ start: cb.getStart(sf), end: cb.end, message: swallowedException.messages.promise });
      },
    };
  },
};
