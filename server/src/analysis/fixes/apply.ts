/** Applying fixes to text: shared by the server's fix-all and the CLI's `--fix`. */
import { langOf } from '../languages';
import { LineIndex } from '../text';
import type { Finding, Fix, TextEdit } from '../types';

/**
 * Applies non-overlapping edits (ranges refer to `text`) and returns the new text, in one pass over it: splicing
 * one edit at a time copied the whole text per edit (4,000 fixes in a 190 KB file: 2 s of `--fix`).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const offsets = edits
    .map((e, i) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText, i }))
    // Zero-length inserts at one offset keep their given order, before an edit that replaces from there.
    .sort((a, b) => a.start - b.start || (a.start === a.end ? 0 : 1) - (b.start === b.end ? 0 : 1) || a.i - b.i);
  const parts: string[] = [];
  let at = 0;
  for (const e of offsets) {
    parts.push(text.slice(at, Math.max(at, e.start)), e.text);
    at = Math.max(at, e.end);
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** The fix "fix all" would take for a finding: its preferred safe fix, else its first safe one. */
export function autoFix(finding: Finding, unsafe: boolean): Fix | undefined {
  const candidates = finding.fixes.filter((f) => f.safe || unsafe);
  return candidates.find((f) => f.isPreferred) ?? candidates[0];
}

/** One pass: the chosen fix of every finding whose edits do not overlap an earlier one. */
export function applyFixesOnce(text: string, findings: readonly Finding[], unsafe: boolean): { text: string; applied: number } {
  const lines = new LineIndex(text);
  const taken: { start: number; end: number }[] = [];
  const edits: TextEdit[] = [];
  let applied = 0;
  for (const finding of findings) {
    const fix = autoFix(finding, unsafe);
    if (!fix) continue;
    const spans = fix.edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) }));
    const overlaps = spans.some((s) => taken.some((t) => s.start < t.end && t.start < s.end || (s.start === s.end && s.start === t.start)));
    if (overlaps) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
    applied++;
  }
  return { text: applied ? applyEdits(text, edits) : text, applied };
}

/** Why fix-all stopped before every fix was applied; absent when it ran until no fix was left. */
export type FixAllStop = 'passes' | 'budget' | 'syntax';

export interface FixAllResult {
  text: string;
  applied: number;
  /** How many analyses of the text it ran. */
  passes: number;
  stopped?: FixAllStop;
}

/** The analysis fix-all runs between passes: its findings, and whether it stopped early (work budget). */
export type FixAnalysis = (text: string) => readonly Finding[] | { findings: readonly Finding[]; stoppedEarly?: unknown; hasSyntaxErrors?: boolean };

/** The findings of a `FixAnalysis` result. */
export function findingsOf(result: ReturnType<FixAnalysis>): readonly Finding[] {
  return Array.isArray(result) ? result as readonly Finding[] : (result as { findings: readonly Finding[] }).findings;
}

/** The default and largest number of analyses one fix-all runs. */
export const MAX_FIX_PASSES = 10;

/**
 * Applies fixes until none is left, re-analyzing between passes so fixes that overlapped in one pass are applied
 * in the next. Idempotent by construction. Bounded: at most `maxPasses` analyses, each within the work budget;
 * after an analysis that stopped early (the budget ran out) its fixes are applied and no further pass is run.
 * Code (`languageId` Python or JS/TS) with syntax errors is not fixed, as Ruff and ESLint do: on code the parser
 * recovered from, a fix can miss its own earlier edit and insert it again every pass (a mutated winston config got
 * ten `defaultMeta`s); a pass that leaves syntax errors is undone. YAML keeps its fixes (errors are per document).
 */
export function fixAll(text: string, analyze: FixAnalysis, unsafe: boolean, options: { languageId?: string; maxPasses?: number } = {}): FixAllResult {
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  const lang = options.languageId ? langOf(options.languageId) : undefined;
  const strict = lang === 'py' || lang === 'js';
  let current = text;
  let total = 0;
  let passes = 0;
  let previous = { text, applied: 0 };
  while (passes < maxPasses) {
    const result = analyze(current);
    passes++;
    // Syntax errors from the start: nothing is fixed. Introduced by the last pass: that pass is undone.
    if (strict && !Array.isArray(result) && (result as { hasSyntaxErrors?: boolean }).hasSyntaxErrors) return { text: previous.text, applied: previous.applied, passes, stopped: 'syntax' };
    const { text: next, applied } = applyFixesOnce(current, findingsOf(result), unsafe);
    if (!applied || next === current) return { text: current, applied: total, passes };
    previous = { text: current, applied: total };
    total += applied;
    current = next;
    if (!Array.isArray(result) && (result as { stoppedEarly?: unknown }).stoppedEarly) return { text: current, applied: total, passes, stopped: 'budget' };
  }
  return { text: current, applied: total, passes, stopped: 'passes' };
}

/** One edit that turns `before` into `after`, trimming the common prefix and suffix. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) { endB--; endA--; }
  const lines = new LineIndex(before);
  return { range: lines.range(start, endB), newText: after.slice(start, endA) };
}
