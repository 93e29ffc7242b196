/**
 * Edits inside exception handlers: a statement put into a do-nothing `except` body or an empty
 * `catch {}` / `.catch(() => {})` block, a binding for the caught error, and the
 * `<function>_failed` event name such a statement logs.
 */
import ts = require('typescript');
import type { Node as PyNode } from 'web-tree-sitter';
import type { EventNameStyle } from '../settings';
import { toEventName } from '../eventNames';
import { references, type Handler } from '../js/handlers';
import type { OffsetEdit } from '../types';
import { indentUnit, lineEnd, lineIndentAt } from './insert';

// ---------------------------------------------------------------- event names

/** `<name>_failed` in the configured style (`charge_card` → `charge_card_failed` / `charge.card.failed`). */
export function failedEvent(name: string | undefined, style: EventNameStyle): string {
  const words = `${name ?? 'operation'} failed`;
  const event = toEventName(words, style === 'keep' ? 'snake_case' : style);
  return event || 'operation_failed';
}

// ---------------------------------------------------------------- Python

/** The name of the function around the node, else of the first call in the `try` body. */
export function pyOperationName(clause: PyNode): string | undefined {
  for (let p = clause.parent; p; p = p.parent) {
    if (p.type === 'function_definition') return p.childForFieldName('name')?.text;
    if (p.type === 'class_definition' || p.type === 'lambda') break;
  }
  const body = clause.parent?.type === 'try_statement' ? clause.parent.childForFieldName('body') : null;
  const call = body?.descendantsOfType('call')[0];
  const fn = call?.childForFieldName('function');
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.type === 'identifier' ? fn.text : undefined;
  return name;
}

/**
 * The edit putting `statement` into a do-nothing handler body: it replaces the first `pass` /
 * `...`, else goes before the first statement (so it runs before a `continue`). Control flow
 * stays as it was.
 */
export function pyHandlerStatementEdit(text: string, eol: string, clause: PyNode, body: PyNode, statement: string): OffsetEdit | undefined {
  const stmts = body.namedChildren.filter((c): c is PyNode => !!c && c.type !== 'comment');
  const first = stmts[0];
  if (!first) return undefined;
  const filler = stmts.find((s) => s.type === 'pass_statement' || (s.type === 'expression_statement' && s.namedChildCount === 1 && s.firstNamedChild?.type === 'ellipsis'));
  if (filler) return { start: filler.startIndex, end: filler.endIndex, text: statement };
  // `except: continue` on the header line: a `;`-separated simple statement.
  const onHeader = !/\n/.test(text.slice(clause.startIndex, first.startIndex));
  if (onHeader) return { start: first.startIndex, end: first.startIndex, text: `${statement}; ` };
  return { start: first.startIndex, end: first.startIndex, text: `${statement}${eol}${lineIndentAt(text, first.startIndex)}` };
}

// ---------------------------------------------------------------- JS / TS

/** Names for a new binding of the caught error, the first one the handler does not already use. */
const ERROR_NAMES = ['err', 'error', 'caughtError'];

/** `catch {` → `catch (err) {`, `() =>` → `(err) =>`, with a name the handler's body does not use. */
export function bindError(sf: ts.SourceFile, handler: Handler): { name: string; edit: OffsetEdit } | undefined {
  const h = handler.node;
  const body = ts.isCatchClause(h) ? h.block : h.body;
  const name = ERROR_NAMES.find((n) => !references(body, [n]));
  if (!name) return undefined;
  if (ts.isCatchClause(h)) {
    if (h.variableDeclaration) return undefined;
    const at = h.getStart(sf) + 'catch'.length;
    return { name, edit: { start: at, end: at, text: ` (${name})` } };
  }
  if (h.parameters.length) return undefined;
  // An arrow function without parentheses always has a parameter, so `(` is there.
  const at = h.parameters.pos;
  if (sf.text[at - 1] !== '(') return undefined;
  return { name, edit: { start: at, end: at, text: name } };
}

/** The name of the function around the node, else of the call whose rejection is caught / of the first call in the `try`. */
export function jsOperationName(handler: ts.CatchClause | ts.ArrowFunction | ts.FunctionExpression): string | undefined {
  const callName = (e: ts.Node | undefined): string | undefined => {
    let found: string | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isCallExpression(n)) {
        const callee = n.expression;
        if (ts.isIdentifier(callee)) found = callee.text;
        else if (ts.isPropertyAccessExpression(callee) && callee.name.text !== 'catch' && callee.name.text !== 'then') found = callee.name.text;
      }
      if (!found) ts.forEachChild(n, visit);
    };
    if (e) visit(e);
    return found;
  };
  for (let p: ts.Node | undefined = handler.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if ((ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p) || ts.isFunctionExpression(p)) && p.name && ts.isIdentifier(p.name)) return p.name.text;
    if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) return p.parent.name.text;
    if (ts.isClassLike(p)) break;
  }
  if (ts.isCatchClause(handler)) return callName((handler.parent as ts.TryStatement).tryBlock);
  let call: ts.Node = handler.parent;
  while (ts.isParenthesizedExpression(call)) call = call.parent;
  return ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) ? callName(call.expression.expression) : undefined;
}

/**
 * The edit putting `statement` into an empty block: `{}` becomes a block over three lines
 * at the surrounding indentation; a block already over several lines (comments) gets the
 * statement on a new line after `{` (after a comment on that line).
 */
export function jsFillBlockEdit(sf: ts.SourceFile, eol: string, block: ts.Block, statement: string): OffsetEdit {
  const text = sf.text;
  const open = block.getStart(sf);
  const close = block.end - 1;
  const indent = lineIndentAt(text, open);
  const inner = indent + indentUnit(text);
  if (!/\n/.test(text.slice(open, close))) {
    let start = close;
    while (start > open + 1 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    return { start, end: close, text: `${eol}${inner}${statement}${eol}${indent}` };
  }
  const at = lineEnd(text, open);
  return { start: at, end: at, text: `${eol}${inner}${statement}` };
}
