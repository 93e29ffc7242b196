/**
 * Edits inside one call that the exception and configuration fixes share: rename the method,
 * add or remove a keyword argument (Python), add an argument or an object property (JS/TS).
 */
import ts = require('typescript');
import type { Node as PyNode } from 'web-tree-sitter';
import type { PyFacts } from '../python/facts';
import { callArgs } from '../python/nodes';
import type { OffsetEdit } from '../types';
import { insertItems, removeItem, type ItemList } from './listEdits';

// ---------------------------------------------------------------- Python

/** The items of a call's argument list, a list/tuple or a dict literal (comments left out). */
export function pyItemList(node: PyNode): ItemList {
  const items = node.namedChildren.filter((c): c is PyNode => !!c && c.type !== 'comment').map((c) => ({ start: c.startIndex, end: c.endIndex }));
  return { open: node.startIndex, close: node.endIndex - 1, items };
}

function pyArgList(call: PyNode): PyNode | undefined {
  const list = call.childForFieldName('arguments');
  return list?.type === 'argument_list' ? list : undefined;
}

/**
 * `logger.error(...)` → `logger.exception(...)`: the edit replacing the method name. Undefined
 * for a bare imported function (`error(...)`), which would need another import.
 */
export function pyRenameMethod(facts: PyFacts, call: PyNode, to: string): OffsetEdit | undefined {
  const fn = facts.callee(call).fn;
  const attr = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
  return attr ? { start: attr.startIndex, end: attr.endIndex, text: to } : undefined;
}

/** The edit removing keyword argument `name` (with its comma); undefined when absent. */
export function pyRemoveKeyword(text: string, call: PyNode, name: string): OffsetEdit | undefined {
  const kw = callArgs(call).keywords.get(name);
  const list = pyArgList(call);
  if (!kw || !list) return undefined;
  const items = pyItemList(list);
  const index = items.items.findIndex((i) => i.start === kw.node.startIndex);
  return index < 0 ? undefined : removeItem(text, items, index);
}

/** Edits appending `name=value` to the call's arguments, in their layout. */
export function pyAddKeyword(text: string, eol: string, call: PyNode, argument: string): OffsetEdit[] {
  const list = pyArgList(call);
  if (!list) return [];
  const items = pyItemList(list);
  // `**kwargs` must stay last: insert before the first dictionary splat.
  const splat = list.namedChildren.filter((c) => c && c.type !== 'comment').findIndex((c) => c!.type === 'dictionary_splat');
  return insertItems(text, items, splat < 0 ? items.items.length : splat, [argument], eol);
}

// ---------------------------------------------------------------- JS / TS

/** The items of a call's arguments. */
export function jsArgList(sf: ts.SourceFile, call: ts.CallExpression): ItemList {
  return { open: call.arguments.pos - 1, close: call.arguments.end, items: call.arguments.map((a) => ({ start: a.getStart(sf), end: a.end })) };
}

/** The items of an object literal. */
export function jsObjectList(sf: ts.SourceFile, obj: ts.ObjectLiteralExpression): ItemList {
  return { open: obj.getStart(sf), close: obj.end - 1, items: obj.properties.map((p) => ({ start: p.getStart(sf), end: p.end })) };
}

/** Edits adding properties to an object literal (`{}` → `{ a: 1 }`). */
export function jsAddProperties(sf: ts.SourceFile, eol: string, obj: ts.ObjectLiteralExpression, props: readonly string[], first = false): OffsetEdit[] {
  return insertItems(sf.text, jsObjectList(sf, obj), first ? 0 : obj.properties.length, props, eol, true);
}

/** Edits inserting arguments before argument `index` (the argument count appends). */
export function jsInsertArguments(sf: ts.SourceFile, eol: string, call: ts.CallExpression, index: number, args: readonly string[]): OffsetEdit[] {
  return insertItems(sf.text, jsArgList(sf, call), index, args, eol);
}
