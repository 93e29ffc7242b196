/**
 * Adding and removing items of a bracketed, comma-separated list in the list's own layout:
 * call arguments, a Python list, a JS object literal. One line stays one line; a list with one
 * item per line gets new lines at the items' indentation, keeping a trailing comma if it had one.
 * Works on offsets only, so both languages use it.
 */
import { lineEnd, lineIndentAt } from './insert';
import type { OffsetEdit } from '../types';

export interface Span { start: number; end: number }

/** A list: the offsets of its opening and closing bracket and of each item (comments excluded). */
export interface ItemList { open: number; close: number; items: Span[] }

/** Offset of the next character after `from` that is not whitespace or a comment (`#`, `//`, block comments). */
function skipBlank(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) i = lineEnd(text, i);
    else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? to : close + 2;
    } else break;
  }
  return i;
}

function sameLine(text: string, a: number, b: number): boolean {
  return !/\n/.test(text.slice(Math.min(a, b), Math.max(a, b)));
}

/** Whether a comment sits in the range (which holds no string literal: only separators). */
function hasComment(text: string, span: Span): boolean {
  return /#|\/\/|\/\*/.test(text.slice(span.start, span.end));
}

/** The list puts its first item on a new line (one item per line). */
function isMultiLine(text: string, list: ItemList): boolean {
  return list.items.length > 0 && !sameLine(text, list.open, list.items[0].start);
}

/**
 * Edits inserting `texts` as new items before item `index` (`list.items.length` appends).
 * `pad` puts spaces inside the brackets of an empty list (`{ a: 1 }` rather than `[a]`).
 */
export function insertItems(text: string, list: ItemList, index: number, texts: readonly string[], eol: string, pad = false): OffsetEdit[] {
  if (!texts.length) return [];
  const { items } = list;
  if (!items.length) {
    const inner = texts.join(', ');
    return [{ start: list.open + 1, end: list.close, text: pad ? ` ${inner} ` : inner }];
  }
  const multi = isMultiLine(text, list);
  const indent = lineIndentAt(text, items[0].start);
  if (index < items.length) {
    const at = items[index].start;
    const sep = multi ? `,${eol}${indent}` : ', ';
    return [{ start: at, end: at, text: texts.join(sep) + sep }];
  }
  const last = items[items.length - 1];
  const next = skipBlank(text, last.end, list.close);
  const trailingComma = text[next] === ',';
  if (!multi) return [{ start: last.end, end: last.end, text: texts.map((t) => `, ${t}`).join('') }];
  // One item per line: a new line after the last item (after its comma and a same-line comment).
  let at = trailingComma ? next + 1 : last.end;
  const restEnd = lineEnd(text, at);
  if (!(list.close < restEnd) && skipBlank(text, at, restEnd) === restEnd) at = restEnd;
  const lines = texts.map((t) => `${eol}${indent}${t}`).join(',');
  const edits: OffsetEdit[] = [];
  if (trailingComma) edits.push({ start: at, end: at, text: `${lines},` });
  else if (at === last.end) edits.push({ start: at, end: at, text: `,${lines}` });
  else edits.push({ start: last.end, end: last.end, text: ',' }, { start: at, end: at, text: lines });
  return edits;
}

/** The edit removing item `index` and one separator next to it (the whole line when items are one per line). */
export function removeItem(text: string, list: ItemList, index: number): OffsetEdit {
  const { items } = list;
  const item = items[index];
  if (items.length === 1) {
    const next = skipBlank(text, item.end, list.close);
    const end = text[next] === ',' ? next + 1 : item.end;
    return { start: item.start, end, text: '' };
  }
  if (index < items.length - 1) {
    const gap = { start: item.end, end: items[index + 1].start };
    if (!hasComment(text, gap)) return { start: item.start, end: gap.end, text: '' };
    const comma = skipBlank(text, item.end, gap.end);
    return { start: item.start, end: text[comma] === ',' ? comma + 1 : item.end, text: '' };
  }
  const prev = items[index - 1];
  const gap = { start: prev.end, end: item.start };
  if (!hasComment(text, gap)) return { start: prev.end, end: item.end, text: '' };
  // A comment between the two: keep it, take the item and the comma before it only when on one line.
  const comma = skipBlank(text, prev.end, item.start);
  if (text[comma] === ',' && sameLine(text, comma, item.start)) return { start: comma, end: item.end, text: '' };
  const after = skipBlank(text, item.end, list.close);
  return { start: item.start, end: text[after] === ',' ? after + 1 : item.end, text: '' };
}
