/**
 * Re-indenting a run of whole lines for fixes that wrap code in a new block (`with ...:`,
 * `try { } finally { }`, "Wrap in span"). Lines that start inside a multi-line string keep
 * their text: indenting them would change the string.
 */
import { indentUnit } from './insert';

/** Offsets [start, end) of literals spanning lines (triple-quoted strings, template literals). */
export type Protected = readonly { start: number; end: number }[];

/**
 * The unit one level deeper than `indent` adds: a tab in a tab-indented block, else the file's
 * space unit (4 spaces when the file's unit is a tab but this block uses spaces).
 */
export function unitFor(text: string, indent: string): string {
  if (indent.includes('\t')) return '\t';
  const unit = indentUnit(text);
  return unit === '\t' ? (indent.length ? ' '.repeat(Math.min(indent.length, 4)) : '\t') : unit;
}

/**
 * The text of [start, end) with `add` put before every line that starts in it (the first line
 * too when `start` is a line start), except blank lines and lines starting inside a protected
 * range.
 */
export function indentLines(text: string, start: number, end: number, add: string, protectedRanges: Protected = []): string {
  let out = '';
  let lineStart = start;
  const atLineStart = (i: number) => i === 0 || text[i - 1] === '\n' || (text[i - 1] === '\r' && text[i] !== '\n');
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === '\n') {
      const lineEnd = i === end ? end : i + 1;
      const line = text.slice(lineStart, lineEnd);
      const blank = line.trim() === '';
      const inside = protectedRanges.some((r) => r.start < lineStart && lineStart < r.end);
      out += !blank && !inside && atLineStart(lineStart) ? add + line : line;
      lineStart = lineEnd;
    }
  }
  return out;
}

/** `base`, or `base2`, `base3`... whichever does not occur as a word in `used`. */
export function freshName(base: string, used: string): string {
  const taken = (n: string) => new RegExp(`(?<![\\w$])${n.replace(/\$/g, '\\$')}(?![\\w$])`).test(used);
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
}
