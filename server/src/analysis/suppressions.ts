/**
 * Inline suppressions:
 *   Python: `# o11y-lint: disable=<rule>[,<rule>]` on the line, or alone on the line above.
 *   JS/TS:  `// o11y-lint-disable-next-line <rule>[, <rule>]`, `// o11y-lint-disable-line <rule>`,
 *           `/* o11y-lint-disable <rule> *\/` … `/* o11y-lint-enable <rule> *\/` (to end of file if not re-enabled).
 * An empty rule list (JS) or `all` means every rule. Unknown ids are collected for `invalid-suppression`.
 * Other linters' directives (`# noqa: T201`, `// eslint-disable-next-line no-console`…) are read by
 * foreignDirectives.ts, the one place that maps them to rule ids, into the same scopes.
 */
import { closestId } from './closest';
import { addJsForeign, addPythonForeign, type PyScopes } from './foreignDirectives';
import type { LineIndex } from './text';

export interface UnknownId { start: number; end: number; id: string; /** The closest known id, if any. */ suggestion?: string }

export class Suppressions {
  private readonly byLine = new Map<number, Set<string>>();
  /** Disabled line ranges per rule id ('all' too), merged and sorted on first use: a lookup is a binary search. */
  private readonly blocks = new Map<string, { from: number; to: number }[]>();
  private sorted = true;
  /** `# noqa` lines: they silence a finding on any line of the statement it is on. */
  private readonly statementLines = new Map<number, Set<string>>();
  /** The rules some `statementLines` entry names (so a finding of another rule costs one lookup). */
  private readonly statementRules = new Set<string>();
  readonly unknown: UnknownId[] = [];

  /**
   * Whether `rule` is silenced at `line`. `statement` gives the lines of the statement around the
   * finding (Python); it is asked only when a statement-wide directive could apply.
   */
  isSuppressed(rule: string, line: number, statement?: () => readonly [number, number]): boolean {
    const set = this.byLine.get(line);
    if (set && (set.has(rule) || set.has('all'))) return true;
    if (this.blocks.size) {
      if (!this.sorted) this.sortBlocks();
      if (inRanges(this.blocks.get(rule), line) || inRanges(this.blocks.get('all'), line)) return true;
    }
    if (!this.statementRules.has(rule)) return false;
    const [from, to] = statement?.() ?? [line, line];
    for (let l = Math.min(from, line); l <= Math.max(to, line); l++) if (this.statementLines.get(l)?.has(rule)) return true;
    return false;
  }

  addStatementLine(line: number, rules: Set<string>): void {
    const set = this.statementLines.get(line) ?? new Set<string>();
    for (const r of rules) { set.add(r); this.statementRules.add(r); }
    this.statementLines.set(line, set);
  }

  private sortBlocks(): void {
    for (const [rule, list] of this.blocks) {
      list.sort((a, b) => a.from - b.from);
      const merged: { from: number; to: number }[] = [];
      for (const b of list) {
        const last = merged[merged.length - 1];
        if (last && b.from <= last.to) last.to = Math.max(last.to, b.to);
        else merged.push({ ...b });
      }
      this.blocks.set(rule, merged);
    }
    this.sorted = true;
  }

  addLine(line: number, rules: Set<string>): void {
    const set = this.byLine.get(line) ?? new Set<string>();
    for (const r of rules) set.add(r);
    this.byLine.set(line, set);
  }

  addBlock(from: number, to: number, rules: Set<string>): void {
    for (const rule of rules) {
      const list = this.blocks.get(rule) ?? [];
      list.push({ from, to });
      this.blocks.set(rule, list);
    }
    this.sorted = false;
  }

  get isEmpty(): boolean { return this.byLine.size === 0 && this.blocks.size === 0 && this.statementLines.size === 0 && this.unknown.length === 0; }
}

/** Whether `line` lies in one of the sorted, disjoint ranges. */
function inRanges(ranges: readonly { from: number; to: number }[] | undefined, line: number): boolean {
  if (!ranges) return false;
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (line < ranges[mid].from) hi = mid - 1;
    else if (line > ranges[mid].to) lo = mid + 1;
    else return true;
  }
  return false;
}

const PY_DIRECTIVE = /#\s*o11y-lint:\s*disable=([\w\-]+(?:\s*,\s*[\w\-]+)*)/g;
const JS_DIRECTIVE = /o11y-lint-(disable-next-line|disable-line|disable|enable)\b([ \t]+[\w\-]+(?:\s*,\s*[\w\-]+)*)?/g;

/** Reads the ids of a directive, recording unknown ones with their exact offsets. */
function readIds(list: string, listStart: number, known: ReadonlySet<string>, out: Suppressions): Set<string> {
  const ids = new Set<string>();
  const re = /[\w\-]+/g;
  for (let m = re.exec(list); m; m = re.exec(list)) {
    const id = m[0];
    if (id !== 'all' && !known.has(id)) out.unknown.push({ start: listStart + m.index, end: listStart + m.index + id.length, id, suggestion: closestId(id, known) });
    ids.add(id);
  }
  return ids;
}

/**
 * Python suppressions; `isComment(offset)` confirms the match is in a comment, not a string.
 * `foreign`: read Ruff / flake8 / pylint directives too (Python files; not YAML).
 */
export function parsePythonSuppressions(text: string, lines: LineIndex, known: ReadonlySet<string>, isComment: (offset: number) => boolean, foreign?: PyScopes): Suppressions {
  const out = new Suppressions();
  if (foreign) addPythonForeign(text, lines, out, foreign);
  if (!text.includes('o11y-lint')) return out;
  for (let m = PY_DIRECTIVE.exec(text); m; m = PY_DIRECTIVE.exec(text)) {
    if (!isComment(m.index)) continue;
    const listStart = m.index + m[0].length - m[1].length;
    const ids = readIds(m[1], listStart, known, out);
    const line = lines.positionAt(m.index).line;
    out.addLine(line, ids);
    const before = text.slice(lines.lineStart(line), m.index);
    if (before.trim() === '') out.addLine(line + 1, ids);
  }
  return out;
}

/** JS/TS suppressions (ESLint, oxlint and Biome directives included); `isComment(offset)` confirms the match is in a comment. */
export function parseJsSuppressions(text: string, lines: LineIndex, known: ReadonlySet<string>, isComment: (offset: number) => boolean): Suppressions {
  const out = new Suppressions();
  addJsForeign(text, lines, out, isComment);
  if (!text.includes('o11y-lint')) return out;
  const open = new Map<string, number>();
  for (let m = JS_DIRECTIVE.exec(text); m; m = JS_DIRECTIVE.exec(text)) {
    if (!isComment(m.index)) continue;
    const list = m[2] ?? '';
    const listStart = m.index + m[0].length - list.length;
    const ids = list.trim() ? readIds(list, listStart, known, out) : new Set(['all']);
    const line = lines.positionAt(m.index).line;
    switch (m[1]) {
      case 'disable-next-line': out.addLine(line + 1, ids); break;
      case 'disable-line': out.addLine(line, ids); break;
      case 'disable': for (const id of ids) if (!open.has(id)) open.set(id, line); break;
      case 'enable':
        for (const id of ids) {
          const from = open.get(id);
          if (from !== undefined) { out.addBlock(from, line, new Set([id])); open.delete(id); }
        }
        break;
    }
  }
  for (const [id, from] of open) out.addBlock(from, Number.MAX_SAFE_INTEGER, new Set([id]));
  return out;
}
