/**
 * `npm run corpus`: runs the CLI (dist/cli.js, as users run it) over real open-source code,
 * library and application code (sources.ts), joins the findings with the review ledger
 * (reviews.ts) and prints, per rule and code kind: findings, reviewed, false positives,
 * precision and what is not reviewed yet. A whole run writes docs/precision.json and the
 * Tier/Precision rows of docs/rules/<id>.md. Exits 1 when any file made the analyzer fail.
 *
 *   npm run corpus                                    run everything, print the tables
 *   npm run corpus -- --cached                        tables from the last run's findings (no analysis)
 *   npm run corpus -- --rule log-in-loop              only that rule runs
 *   npm run corpus -- --kind application              only application code
 *   npm run corpus -- --check built                   only findings of that message id (tables and sample)
 *   npm run corpus -- --sample 50 --seed 1 --rule R --kind application
 *                                                     a seeded sample of unreviewed findings with ±3 lines
 *   npm run corpus -- --record verdicts.txt --rule R  add the verdicts on the last sample (of rule R) to the ledger:
 *                                                     `<i> tp <reason>` or `<i> fp <pattern> <cause> <reason>`
 *   npm run corpus -- --jobs 1                        passed to the CLI
 *   npm run corpus -- --cli ../other/dist/cli.js      another build; findings-other-cli.json, docs untouched
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/analysis/registry';
import type { Rule } from '../../server/src/analysis/rule';
import { docsPage, PRECISION_JSON, readPrecision, withPrecisionRows, type PrecisionData, type RulePrecision } from './precisionDocs';
import { appendReviews, contextHash, FP_CAUSES, keyOf, loadReviews, numberFindings, precision, seededSample, type FindingKey, type FpCause, type Review, type Tally } from './reviews';
import { corpusDir, prepareCorpus, type CodeKind, type CorpusRoot } from './sources';

interface JsonFinding { file: string; rule: string; severity: string; message: string; line: number; column: number; role?: string }
/** A finding as the corpus keeps it: the CLI's fields plus where it is in its package. */
interface CorpusFinding extends FindingKey {
  kind: CodeKind;
  /** Absolute path (to show context). */
  abs: string;
  line: number;
  column: number;
  message: string;
  role?: string;
}
interface Saved { roots: Record<CodeKind, { roots: number; files: number }>; findings: CorpusFinding[] }

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** `--cli PATH` runs another build (e.g. another branch's dist/cli.js) and keeps its findings apart. */
const CLI = path.resolve(option('--cli') ?? path.join(ROOT, 'dist', 'cli.js'));
const OTHER_CLI = process.argv.includes('--cli');
const KINDS: CodeKind[] = ['library', 'application'];
const out = (line: string) => process.stdout.write(line + '\n');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): number {
  const sample = Number(option('--sample') ?? 0);
  const seed = Number(option('--seed') ?? 1);
  const onlyRule = option('--rule');
  const onlyKind = option('--kind') as CodeKind | undefined;
  const record = option('--record');
  if (onlyKind && !KINDS.includes(onlyKind)) { out(`corpus: --kind must be library or application (got '${onlyKind}')`); return 2; }
  if (onlyRule && !RULES.some((r) => r.id === onlyRule)) { out(`corpus: unknown rule '${onlyRule}'`); return 2; }
  const dir = prepareCorpusDir();
  if (record) return recordVerdicts(dir, record, onlyRule);

  let saved: Saved;
  let crashes: string[] = [];
  const cached = process.argv.includes('--cached');
  if (cached) {
    const file = path.join(dir, OTHER_CLI ? 'findings-other-cli.json' : 'findings.json');
    if (!fs.existsSync(file)) { out(`corpus: no ${file} yet; run without --cached first`); return 1; }
    saved = withContext(JSON.parse(fs.readFileSync(file, 'utf8')) as Saved);
  } else {
    const t0 = process.hrtime.bigint();
    const result = analyzeCorpus(onlyKind ? [onlyKind] : KINDS, onlyRule, option('--jobs'));
    if (!result) return 1;
    ({ saved, crashes } = result);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (!onlyRule && (!onlyKind || OTHER_CLI)) fs.writeFileSync(path.join(dir, OTHER_CLI ? 'findings-other-cli.json' : 'findings.json'), JSON.stringify(saved));
    const r = saved.roots;
    out(`\ncorpus: ${r.library.roots + r.application.roots} roots (${r.library.roots} library, ${r.application.roots} application), ` +
      `${r.library.files + r.application.files} source files (${r.library.files} library, ${r.application.files} application), ` +
      `${saved.findings.length} findings, ${seconds.toFixed(0)} s`);
  }
  let findings = saved.findings;
  if (onlyRule) findings = findings.filter((f) => f.rule === onlyRule);
  if (onlyKind) findings = findings.filter((f) => f.kind === onlyKind);
  const onlyCheck = option('--check');
  if (onlyCheck) findings = findings.filter((f) => checkOf(RULE_BY_ID.get(f.rule), f.message) === onlyCheck);
  const reviews = loadReviews();

  const tallies = tally(findings, reviews);
  for (const kind of KINDS) {
    if (onlyKind && kind !== onlyKind) continue;
    printTable(`${kind} code`, tallies.get(kind)!);
  }
  printChecks(findings.filter((f) => f.kind === 'application'), reviews);
  printRoles(findings, reviews);
  if (!onlyRule && !onlyKind && !onlyCheck && !OTHER_CLI) writePrecision(saved.roots, tallies, findings, reviews);

  if (sample > 0) printSample(dir, findings, reviews, sample, seed);
  out(`\ncorpus: ${crashes.length ? `${crashes.length} root(s) with failures:\n${crashes.join('\n')}` : cached ? 'tables from the cached findings' : 'no file made the analyzer fail'}`);
  return crashes.length ? 1 : 0;
}

function prepareCorpusDir(): string {
  const dir = corpusDir();
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function analyzeCorpus(kinds: CodeKind[], onlyRule: string | undefined, jobs: string | undefined): { saved: Saved; crashes: string[] } | undefined {
  const corpus = prepareCorpus(out, kinds);
  for (const m of corpus.missing) out(`corpus: MISSING ${m}`);
  if (!corpus.roots.length) { out('corpus: nothing to analyze'); return undefined; }
  // node_modules and site-packages are excluded by default; here they are the point. Preview rules
  // and checks run too: their precision is what decides whether they stay in preview.
  const config = path.join(corpus.dir, 'corpus.o11ylint.json');
  // (Another build may predate the `preview` setting, and a config it does not know stops it.)
  // The time budget is raised so that findings never depend on how busy the machine is (a big
  // file on a loaded machine would otherwise stop early and lose its last findings).
  fs.writeFileSync(config, JSON.stringify({
    ...(OTHER_CLI ? {} : { preview: true }), analysisTimeBudgetMs: 600_000, exclude: ['**/*.d.ts', '**/*.min.js', '**/*.map'],
  }, null, 2));
  const crashes: string[] = [];
  const raw: (Omit<CorpusFinding, 'n'>)[] = [];
  const roots = { library: { roots: 0, files: 0 }, application: { roots: 0, files: 0 } };
  const lineCache = new Map<string, string[]>();
  let stoppedEarly = 0;
  for (const root of corpus.roots) {
    const select = onlyRule ? ['--select', onlyRule] : [];
    const jobArgs = jobs ? ['--jobs', jobs] : [];
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--exit-zero', '--config', config, ...jobArgs, ...select, root.path], {
      cwd: corpus.dir, encoding: 'utf8', maxBuffer: 1 << 30,
    });
    const stderr = (run.stderr ?? '').split('\n').filter(Boolean);
    // Skipped files (minified, too large) are reported on stderr too; they are not failures.
    const failures = stderr.filter((l) => / failed: |internal error|cannot read/.test(l));
    stoppedEarly += stderr.filter((l) => /stopped early/i.test(l)).length;
    if (run.status !== 0 || failures.length) crashes.push(`${root.name}: exit ${run.status}\n  ${(failures.length ? failures : stderr).slice(0, 5).join('\n  ')}`);
    let parsed: { findings: JsonFinding[] } = { findings: [] };
    try { parsed = JSON.parse(run.stdout); } catch { crashes.push(`${root.name}: output is not JSON`); }
    for (const f of parsed.findings) raw.push(locate(f, root, corpus.dir, lineCache));
    roots[root.kind].roots++;
    roots[root.kind].files += countFiles(root.path);
  }
  // Two roots never share a file, but sort anyway so occurrence indexes do not depend on root order.
  raw.sort((a, b) => a.pkg.localeCompare(b.pkg) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  if (stoppedEarly) crashes.push(`${stoppedEarly} file(s) stopped early at the time budget: their findings depend on machine load`);
  return { saved: { roots, findings: numberFindings(raw) }, crashes };
}

/** Findings saved before keys had `ctx`: compute it from the files and number them again. */
function withContext(saved: Saved): Saved {
  if (saved.findings.every((f) => typeof f.ctx === 'string')) return saved;
  const lines = new Map<string, string[]>();
  const read = (abs: string) => lines.get(abs) ?? (lines.set(abs, fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8').split(/\r?\n/) : []), lines.get(abs)!);
  return { ...saved, findings: numberFindings(saved.findings.map(({ n: _n, ...f }) => ({ ...f, ctx: contextHash(read(f.abs), f.line) }))) };
}

function locate(f: JsonFinding, root: CorpusRoot, cwd: string, lines: Map<string, string[]>): Omit<CorpusFinding, 'n'> {
  const abs = path.resolve(cwd, f.file);
  let text = lines.get(abs);
  if (!text) {
    try { text = fs.readFileSync(abs, 'utf8').split(/\r?\n/); } catch { text = []; }
    lines.set(abs, text);
  }
  return {
    pkg: root.pkg, file: path.relative(root.base, abs).split(path.sep).join('/'), rule: f.rule, text: (text[f.line - 1] ?? '').trim(), ctx: contextHash(text, f.line),
    kind: root.kind, abs, line: f.line, column: f.column, message: f.message, ...(f.role ? { role: f.role } : {}),
  };
}

function tally(findings: readonly CorpusFinding[], reviews: Map<string, Review>): Map<CodeKind, Map<string, Tally>> {
  const out = new Map<CodeKind, Map<string, Tally>>(KINDS.map((k) => [k, new Map()]));
  for (const kind of KINDS) for (const rule of codeRules()) out.get(kind)!.set(rule.id, { findings: 0, reviewed: 0, fp: 0, unreviewed: 0 });
  for (const f of findings) add(out.get(f.kind)!, f.rule, reviews.get(keyOf(f)));
  return out;
}

function add(into: Map<string, Tally>, key: string, review: Review | undefined): void {
  const t = into.get(key) ?? { findings: 0, reviewed: 0, fp: 0, unreviewed: 0 };
  t.findings++;
  if (review) { t.reviewed++; if (review.verdict === 'fp') t.fp++; } else t.unreviewed++;
  into.set(key, t);
}

function codeRules(): Rule[] {
  return RULES.filter((r) => r.python || r.js);
}

function printTable(title: string, rows: Map<string, Tally>): void {
  out(`\n${title}`);
  out(`${'rule'.padEnd(44)} ${'findings'.padStart(8)} ${'reviewed'.padStart(8)} ${'FP'.padStart(5)} ${'precision'.padStart(9)} ${'unreviewed'.padStart(10)}`);
  const total: Tally = { findings: 0, reviewed: 0, fp: 0, unreviewed: 0 };
  for (const [rule, t] of [...rows].sort((a, b) => a[0].localeCompare(b[0]))) {
    out(row(rule, t));
    for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
  }
  out(row('(all rules)', total));
}

function row(label: string, t: Tally): string {
  const p = precision(t);
  return `${label.padEnd(44)} ${String(t.findings).padStart(8)} ${String(t.reviewed).padStart(8)} ${String(t.fp).padStart(5)} ${(p === undefined ? '—' : (p * 100).toFixed(1) + ' %').padStart(9)} ${String(t.unreviewed).padStart(10)}`;
}

/** The rule's message id a finding came from, from its message (test tooling only: the product never matches message text). */
function checkOf(rule: Rule | undefined, message: string): string | undefined {
  if (!rule) return undefined;
  let best: { id: string; literal: number } | undefined;
  for (const [id, template] of Object.entries(rule.messages)) {
    const parts = template.split(/\{\w+\}/);
    const re = new RegExp('^' + parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?') + '$');
    const literal = parts.join('').length;
    if (re.test(message) && (!best || literal > best.literal)) best = { id, literal };
  }
  return best?.id;
}

const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));

function checkTallies(findings: readonly CorpusFinding[], reviews: Map<string, Review>): Map<string, Map<string, Tally>> {
  const byRule = new Map<string, Map<string, Tally>>();
  for (const f of findings) {
    const check = checkOf(RULE_BY_ID.get(f.rule), f.message) ?? '?';
    const m = byRule.get(f.rule) ?? new Map<string, Tally>();
    add(m, check, reviews.get(keyOf(f)));
    byRule.set(f.rule, m);
  }
  return byRule;
}

/** Per check (message id) on application code, for rules whose findings come from more than one. */
function printChecks(findings: readonly CorpusFinding[], reviews: Map<string, Review>): void {
  const rows = new Map<string, Tally>();
  for (const [rule, checks] of checkTallies(findings, reviews)) {
    if (checks.size < 2) continue;
    for (const [check, t] of checks) rows.set(`${rule}:${check}`, t);
  }
  if (rows.size) printTable('application code, per check (rules with several)', rows);
}

/** Per file role, when the CLI reports one (the roles layer). */
function printRoles(findings: readonly CorpusFinding[], reviews: Map<string, Review>): void {
  if (!findings.some((f) => f.role)) return;
  for (const kind of KINDS) {
    const rows = new Map<string, Tally>();
    for (const f of findings) if (f.kind === kind) add(rows, `${f.role ?? '?'} ${f.rule}`, reviews.get(keyOf(f)));
    if (rows.size) printTable(`${kind} code, per file role`, rows);
  }
}

function writePrecision(roots: Saved['roots'], tallies: Map<CodeKind, Map<string, Tally>>, findings: readonly CorpusFinding[], reviews: Map<string, Review>): void {
  const previous = readPrecision();
  const today = new Date().toISOString().slice(0, 10);
  const checks = checkTallies(findings.filter((f) => f.kind === 'application'), reviews);
  const data: PrecisionData = { corpus: roots, rules: {} };
  for (const rule of codeRules()) {
    const p: Omit<RulePrecision, 'date'> = {
      library: tallies.get('library')!.get(rule.id)!,
      application: tallies.get('application')!.get(rule.id)!,
      ...((checks.get(rule.id)?.size ?? 0) > 1 ? { checks: Object.fromEntries([...checks.get(rule.id)!].sort()) } : {}),
    };
    const before = previous?.rules[rule.id];
    const same = before && JSON.stringify({ ...before, date: undefined }) === JSON.stringify({ ...p, date: undefined });
    data.rules[rule.id] = { date: same ? before.date : today, ...p };
  }
  fs.writeFileSync(PRECISION_JSON, JSON.stringify(data, null, 2) + '\n');
  for (const rule of RULES) {
    const page = docsPage(rule.id);
    const text = fs.readFileSync(page, 'utf8');
    const updated = withPrecisionRows(text, rule, data);
    if (updated !== text) fs.writeFileSync(page, updated);
  }
  out(`\ncorpus: wrote ${path.relative(ROOT, PRECISION_JSON)} and the Tier/Precision rows of docs/rules/*.md`);
}

function printSample(dir: string, findings: readonly CorpusFinding[], reviews: Map<string, Review>, n: number, seed: number): void {
  const unreviewed = findings.filter((f) => !reviews.has(keyOf(f)));
  const byRule = new Map<string, CorpusFinding[]>();
  for (const f of unreviewed) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const picked: CorpusFinding[] = [];
  for (const [rule, list] of [...byRule].sort((a, b) => a[0].localeCompare(b[0]))) {
    const s = seededSample(list, n, seed);
    out(`\n## ${rule}: ${s.length} of ${list.length} unreviewed (seed ${seed})`);
    for (const f of s) {
      out(`\n[${picked.length}] ${f.pkg} ${f.file}:${f.line}:${f.column} (${f.kind}${f.role ? ', ' + f.role : ''}) ${Array.from(f.message).slice(0, 140).join('')}`);
      out(context(f.abs, f.line));
      picked.push(f);
    }
  }
  fs.writeFileSync(path.join(dir, 'sample.json'), JSON.stringify(picked));
  out(`\ncorpus: ${picked.length} findings in ${path.join(dir, 'sample.json')}; record verdicts with --record FILE`);
}

function context(file: string, line: number): string {
  let lines: string[];
  try { lines = fs.readFileSync(file, 'utf8').split(/\r?\n/); } catch { return '    (file not readable)'; }
  const from = Math.max(1, line - 3);
  const to = Math.min(lines.length, line + 3);
  const rows: string[] = [];
  for (let i = from; i <= to; i++) rows.push(`${i === line ? '>' : ' '}${String(i).padStart(5)}  ${lines[i - 1].slice(0, 180)}`);
  return rows.join('\n');
}

/** `<i> tp <reason>` / `<i> fp <pattern> <cause> <reason>` lines about the last sample → the ledger. */
function recordVerdicts(dir: string, file: string, rule: string | undefined): number {
  const picked = JSON.parse(fs.readFileSync(path.join(dir, 'sample.json'), 'utf8')) as CorpusFinding[];
  // Verdicts refer to the last sample by index: name its rule so verdicts never land on another rule's sample.
  const sampled = [...new Set(picked.map((f) => f.rule))];
  if (!rule || sampled.some((r) => r !== rule)) {
    out(`corpus: --record needs --rule, the rule of the last sample (${sampled.join(', ') || 'empty'})`);
    return 2;
  }
  const reviews: Review[] = [];
  const problems: string[] = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const m = /^\s*(\d+)\s+(tp|fp)\s+(.*)$/.exec(line);
    const f = m ? picked[Number(m[1])] : undefined;
    if (!m || !f) { problems.push(`${file}:${i + 1}: expected '<i> tp <reason>' or '<i> fp <pattern> <cause> <reason>' with i from the last sample`); return; }
    const base: Review = { pkg: f.pkg, file: f.file, rule: f.rule, text: f.text, ctx: f.ctx, n: f.n, verdict: m[2] as 'tp' | 'fp', reason: m[3].trim(), check: checkOf(RULE_BY_ID.get(f.rule), f.message) };
    if (base.verdict === 'fp') {
      const fp = /^(\S+)\s+(\S+)\s+(.+)$/.exec(m[3]);
      if (!fp || !FP_CAUSES.includes(fp[2] as FpCause)) { problems.push(`${file}:${i + 1}: a false positive needs '<pattern> <cause> <reason>', cause one of ${FP_CAUSES.join(', ')}`); return; }
      Object.assign(base, { pattern: fp[1], cause: fp[2], reason: fp[3].trim() });
    }
    reviews.push(base);
  });
  if (problems.length) { for (const p of problems) out(p); return 1; }
  out(`corpus: ${appendReviews(reviews)} reviews added to test/corpus/reviews/`);
  return 0;
}

/** Python and JS/TS files (a Python package may ship a few scripts of the other language). */
function countFiles(dir: string): number {
  const ext = /\.py$|(?<!\.d)\.(c|m)?[jt]sx?$/;
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && ext.test(e.name) && !e.name.endsWith('.min.js')) n++;
  return n;
}

process.exitCode = main();
