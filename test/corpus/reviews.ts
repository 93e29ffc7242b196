/**
 * The review ledger: test/corpus/reviews/<rule>.jsonl, one line per reviewed finding.
 *
 * A finding is keyed by what survives unrelated changes: the package (`name@version`), the file
 * path inside the package, the rule, the trimmed text of the line it starts on, a short hash of
 * the nearest non-blank lines around it (`ctx`: the same `LOG.error("Exception: %s", ex)` in five
 * handlers of one file are five different findings), and its index among the findings with those
 * same five (two findings of one rule on one line). Columns, line numbers, messages and the cache
 * folder are not part of the key, so a review stays valid when a rule changes: a finding that
 * disappears is no longer counted, a new one shows as unreviewed, and the disappearance of one
 * does not move another's review onto its neighbour.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Verdict = 'tp' | 'fp';
/** Why a false positive happened, i.e. which layer must fix it (issue 15, fp-patterns.md). */
export const FP_CAUSES = ['role', 'suppression', 'cross-module', 'rule-logic'] as const;
export type FpCause = typeof FP_CAUSES[number];

export interface FindingKey {
  pkg: string;
  file: string;
  rule: string;
  /** The source line the finding starts on, trimmed. */
  text: string;
  /** `contextHash` of the lines around it. */
  ctx: string;
  /** 0 for the first finding with this pkg/file/rule/text/ctx, 1 for the second… */
  n: number;
}

/** How many non-blank lines on each side make a finding's context. */
const CONTEXT_LINES = 2;

/** 8 hex digits of SHA-1 over the nearest non-blank lines before and after line `line` (1-based), trimmed. */
export function contextHash(lines: readonly string[], line: number): string {
  const around: string[] = [];
  for (let i = line - 2, k = 0; i >= 0 && k < CONTEXT_LINES; i--) if (lines[i].trim()) { around.unshift(lines[i].trim()); k++; }
  around.push('|');
  for (let i = line, k = 0; i < lines.length && k < CONTEXT_LINES; i++) if (lines[i].trim()) { around.push(lines[i].trim()); k++; }
  return crypto.createHash('sha1').update(around.join('\n')).digest('hex').slice(0, 8);
}

export interface Review extends FindingKey {
  verdict: Verdict;
  reason: string;
  /** For a false positive: the pattern's name in fp-patterns.md, and its cause. */
  pattern?: string;
  cause?: FpCause;
  /** The rule's message id the finding had when reviewed (informational, not part of the key). */
  check?: string;
}

export const REVIEWS_DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'corpus', 'reviews');

export function keyOf(k: FindingKey): string {
  return JSON.stringify([k.pkg, k.file, k.rule, k.text, k.ctx, k.n]);
}

/** Gives each finding its occurrence index `n` (findings must be in a stable order: file, line, column). */
export function numberFindings<T extends Omit<FindingKey, 'n'>>(findings: readonly T[]): (T & { n: number })[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const k = JSON.stringify([f.pkg, f.file, f.rule, f.text, f.ctx]);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return { ...f, n };
  });
}

/** Every review in the ledger folder, by key; a malformed line is an error naming its file and line. */
export function loadReviews(dir = REVIEWS_DIR): Map<string, Review> {
  const out = new Map<string, Review>();
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    const lines = fs.readFileSync(path.join(dir, name), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${path.join(dir, name)}:${i + 1}`;
      let r: Review;
      try { r = JSON.parse(line) as Review; } catch { throw new Error(`${where}: not JSON`); }
      const problem = checkReview(r, name.replace(/\.jsonl$/, ''));
      if (problem) throw new Error(`${where}: ${problem}`);
      out.set(keyOf(r), r);
    });
  }
  return out;
}

/** What is wrong with one ledger line, or undefined. */
export function checkReview(r: Review, rule: string): string | undefined {
  for (const k of ['pkg', 'file', 'rule', 'text', 'ctx', 'reason'] as const) if (typeof r[k] !== 'string') return `'${k}' must be a string`;
  if (!Number.isInteger(r.n) || r.n < 0) return "'n' must be a whole number";
  if (r.rule !== rule) return `rule '${r.rule}' in the ledger of '${rule}'`;
  if (r.verdict !== 'tp' && r.verdict !== 'fp') return "'verdict' must be tp or fp";
  if (r.verdict === 'fp' && (!r.pattern || !FP_CAUSES.includes(r.cause as FpCause))) return `a false positive needs 'pattern' and 'cause' (one of ${FP_CAUSES.join(', ')})`;
  return undefined;
}

/** Appends reviews to their rules' ledgers, skipping keys already there. Returns how many were added. */
export function appendReviews(reviews: readonly Review[], dir = REVIEWS_DIR): number {
  const known = loadReviews(dir);
  fs.mkdirSync(dir, { recursive: true });
  let added = 0;
  for (const r of reviews) {
    const problem = checkReview(r, r.rule);
    if (problem) throw new Error(`${r.file}: ${problem}`);
    if (known.has(keyOf(r))) continue;
    known.set(keyOf(r), r);
    const ordered: Review = { pkg: r.pkg, file: r.file, rule: r.rule, text: r.text, ctx: r.ctx, n: r.n, verdict: r.verdict, reason: r.reason, ...(r.pattern ? { pattern: r.pattern, cause: r.cause } : {}), ...(r.check ? { check: r.check } : {}) };
    fs.appendFileSync(path.join(dir, `${r.rule}.jsonl`), JSON.stringify(ordered) + '\n');
    added++;
  }
  return added;
}

/** A small seeded generator (mulberry32): the same seed gives the same sample on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` items drawn without replacement, in a seeded order. */
export function seededSample<T>(items: readonly T[], n: number, seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

export interface Tally { findings: number; reviewed: number; fp: number; unreviewed: number }

/** precision = true positives / reviewed; undefined when nothing is reviewed. */
export function precision(t: Tally): number | undefined {
  return t.reviewed ? (t.reviewed - t.fp) / t.reviewed : undefined;
}
