/** Applying fixes to text: shared by the server's fix-all and the CLI's `--fix`. */
import { LineIndex } from '../text';
import type { Finding, Fix, TextEdit } from '../types';

/** Applies non-overlapping edits (ranges refer to `text`) and returns the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const offsets = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of offsets) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
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

/**
 * Applies fixes until none is left (at most `maxPasses`), re-analyzing between passes so
 * fixes that overlapped in one pass are applied in the next. Idempotent by construction.
 */
export function fixAll(text: string, analyze: (text: string) => readonly Finding[], unsafe: boolean, maxPasses = 10): { text: string; applied: number } {
  let current = text;
  let total = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const { text: next, applied } = applyFixesOnce(current, analyze(current), unsafe);
    if (!applied || next === current) break;
    total += applied;
    current = next;
  }
  return { text: current, applied: total };
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
