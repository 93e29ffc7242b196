/** Text edits that add keys to YAML block maps with the map's own indentation. */
import { isMap, type Node as YNode, type YAMLMap } from 'yaml';
import type { LineIndex } from '../analysis/text';
import type { OffsetEdit } from '../analysis/types';
import { isAliasCopy } from './model';

/** Column where a block map's keys start. */
export function keyColumn(map: YAMLMap, lines: LineIndex): number {
  const first = map.items[0]?.key as { range?: [number, number, number] } | null | undefined;
  return first?.range ? lines.positionAt(first.range[0]).character : 0;
}

/** Inserts `key: value` as the last entry of a block map; undefined for flow maps (`{a: b}`). */
export function appendToMap(map: YAMLMap, key: string, value: string, text: string, lines: LineIndex, eol: string): OffsetEdit | undefined {
  // A map an alias brought in has no text of its own to extend.
  const first = isMap(map) && !map.flow && !isAliasCopy(map) ? (map.items[0]?.key as { range?: [number, number, number] } | null | undefined) : undefined;
  if (!first?.range) return undefined;
  const col = keyColumn(map, lines);
  // Only keys that start their line (after indentation or a `- ` item dash) can be continued below.
  if (!/^[ -]*$/.test(text.slice(first.range[0] - col, first.range[0]))) return undefined;
  // Insert after the last line that belongs to the map (its range ends after the final newline or at EOF).
  const endLine = lines.positionAt(Math.max((map.range?.[1] ?? first.range[1]) - 1, 0)).line;
  const at = lines.lineEnd(endLine);
  return { start: at, end: at, text: `${eol}${' '.repeat(col)}${key}:${value.startsWith(eol) ? '' : ' '}${value}` };
}

/** Adds `key:` holding a one-entry block map (`labels:\n  severity: warning`) to `map`. */
export function appendNestedToMap(map: YAMLMap, key: string, childKey: string, childValue: string, text: string, lines: LineIndex, eol: string): OffsetEdit | undefined {
  const col = keyColumn(map, lines);
  return appendToMap(map, key, `${eol}${' '.repeat(col + 2)}${childKey}: ${childValue}`, text, lines, eol);
}

/**
 * Adds `key: value` to a rule's `section` (`labels`, `annotations`): appended when the section
 * is a block map, created when it is missing; undefined for flow maps and other shapes.
 */
export function addToSection(rule: YAMLMap, section: YNode | undefined, sectionKey: string, key: string, value: string, text: string, lines: LineIndex, eol: string): OffsetEdit | undefined {
  if (isAliasCopy(section)) return undefined;
  if (isMap(section)) return appendToMap(section, key, value, text, lines, eol);
  return section ? undefined : appendNestedToMap(rule, sectionKey, key, value, text, lines, eol);
}
