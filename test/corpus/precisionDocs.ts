/**
 * docs/precision.json (written by `npm run corpus`) → the "Tier" and "Precision" rows of each
 * docs/rules/<id>.md. The corpus run writes the rows; test/unit/meta.test.ts checks that every
 * page says what the data file and the registry say, so the docs cannot drift.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule } from '../../server/src/analysis/rule';
import type { Tally } from './reviews';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const PRECISION_JSON = path.join(ROOT, 'docs', 'precision.json');

export interface RulePrecision {
  /** The day these numbers last changed (YYYY-MM-DD). */
  date: string;
  library: Tally;
  application: Tally;
  /** Per message id, on application code, for rules with more than one check. */
  checks?: Record<string, Tally>;
}

export interface PrecisionData {
  /** What was run: roots and source files per code kind. */
  corpus: Record<'library' | 'application', { roots: number; files: number }>;
  rules: Record<string, RulePrecision>;
}

export function readPrecision(file = PRECISION_JSON): PrecisionData | undefined {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')) as PrecisionData; } catch { return undefined; }
}

function percent(t: Tally): string {
  return `${(((t.reviewed - t.fp) / t.reviewed) * 100).toFixed(1)} %`;
}

export function tierRow(rule: Rule): string {
  const checks = rule.previewChecks?.length ? ` (preview checks: ${rule.previewChecks.map((c) => `\`${c}\``).join(', ')})` : '';
  return `| Tier | ${rule.preview ? 'preview (off unless `"preview": true`, or the rule is named in `rules`)' : 'stable'}${checks} |`;
}

/** The "Precision" row: measured on application code, with its date; library code in brackets. */
export function precisionRow(rule: Rule, data: PrecisionData | undefined): string {
  const p = data?.rules[rule.id];
  if (!rule.python && !rule.js) return '| Precision | not measured (the corpus is code; this rule checks YAML files) |';
  if (!p) return '| Precision | not measured yet ([corpus](../precision.md)) |';
  const app = p.application;
  const lib = p.library;
  const appText = app.reviewed
    ? `${percent(app)} on application code (${app.reviewed} of ${app.findings} findings reviewed, ${app.fp} false positive${app.fp === 1 ? '' : 's'})`
    : app.findings ? `not reviewed yet on application code (${app.findings} findings)` : 'no findings on application code';
  const libText = lib.reviewed ? `; ${percent(lib)} on library code (${lib.reviewed} of ${lib.findings} reviewed)` : lib.findings ? `; ${lib.findings} findings on library code, not reviewed` : '';
  return `| Precision | ${appText}${libText}, measured ${p.date} ([corpus](../precision.md)) |`;
}

/** The page with its Tier and Precision rows set (inserted after the "Fix" row when missing). */
export function withPrecisionRows(markdown: string, rule: Rule, data: PrecisionData | undefined): string {
  const rows = [tierRow(rule), precisionRow(rule, data)];
  let text = markdown.replace(/^\| Tier \|.*\n/m, '').replace(/^\| Precision \|.*\n/m, '');
  const fixRow = /^\| Fix \|.*\n/m.exec(text);
  if (!fixRow) throw new Error(`docs/rules/${rule.id}.md has no "| Fix |" row`);
  const at = fixRow.index + fixRow[0].length;
  text = text.slice(0, at) + rows.join('\n') + '\n' + text.slice(at);
  return text;
}

export function docsPage(id: string): string {
  return path.join(ROOT, 'docs', 'rules', `${id}.md`);
}
