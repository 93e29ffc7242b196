/** The corpus review ledger (test/corpus/reviews.ts): keys that survive unrelated changes, seeded samples. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendReviews, checkReview, contextHash, keyOf, loadReviews, numberFindings, precision, seededSample, REVIEWS_DIR, type Review } from '../corpus/reviews';
import { RULES } from '../../server/src/analysis/registry';
import { precisionRow, tierRow, withPrecisionRows } from '../corpus/precisionDocs';

const base = { pkg: 'ghost@6.65.0', file: 'core/server/a.js', rule: 'log-in-loop', text: 'logging.info(x);', ctx: 'c0ffee00' };

describe('corpus review ledger', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-ledger-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('numbers findings with the same package, file, rule and line text by occurrence', () => {
    const numbered = numberFindings([base, { ...base, text: 'other();' }, base, { ...base, rule: 'no-print-logging' }]);
    assert.deepEqual(numbered.map((f) => f.n), [0, 0, 1, 0]);
  });

  it('tells identical lines apart by the lines around them, so one disappearing does not move another\'s review', () => {
    const file = ['try:', '    a()', 'except A as ex:', '    LOG.error("Exception: %s", ex)', '    raise X()', 'except B as ex:', '    LOG.error("Exception: %s", ex)', '    raise', ''];
    const first = contextHash(file, 4);
    const second = contextHash(file, 7);
    assert.notEqual(first, second);
    // An edit far away, and blank lines added around it, do not change the context.
    assert.equal(contextHash(['# new header', ...file], 5), first);
    assert.equal(contextHash([...file.slice(0, 3), '', ...file.slice(3)], 5), first);
    // Without the first finding, the second keeps its key (n stays 0 in its own context).
    const findings = (lines: number[]) => numberFindings(lines.map((l) => ({ ...base, text: file[l - 1].trim(), ctx: contextHash(file, l) })));
    assert.equal(keyOf(findings([4, 7])[1]), keyOf(findings([7])[0]));
  });

  it('keys a finding without its line number, column or message: a line moved by an edit above keeps its review', () => {
    const before = { ...base, n: 0, line: 10, column: 3, message: 'old wording' };
    const after = { ...base, n: 0, line: 42, column: 7, message: 'new wording' };
    assert.equal(keyOf(before), keyOf(after));
    assert.notEqual(keyOf(before), keyOf({ ...before, pkg: 'ghost@6.66.0' }));
    assert.notEqual(keyOf(before), keyOf({ ...before, n: 1 }));
  });

  it('appends reviews once per key and reads them back', () => {
    const tp: Review = { ...base, n: 0, verdict: 'tp', reason: 'one line per row' };
    assert.equal(appendReviews([tp, tp], dir), 1);
    assert.equal(appendReviews([tp], dir), 0);
    const fp: Review = { ...base, n: 1, verdict: 'fp', reason: 'startup loop', pattern: 'startup-registration-loop', cause: 'rule-logic' };
    assert.equal(appendReviews([fp], dir), 1);
    const read = loadReviews(dir);
    assert.equal(read.size, 2);
    assert.equal(read.get(keyOf(fp))?.pattern, 'startup-registration-loop');
    assert.equal(fs.readFileSync(path.join(dir, 'log-in-loop.jsonl'), 'utf8').trim().split('\n').length, 2);
  });

  it('refuses a false positive without a pattern and a known cause, and a line in the wrong rule\'s ledger', () => {
    assert.match(checkReview({ ...base, n: 0, verdict: 'fp', reason: 'x' }, 'log-in-loop') ?? '', /needs 'pattern' and 'cause'/);
    assert.match(checkReview({ ...base, n: 0, verdict: 'fp', reason: 'x', pattern: 'p', cause: 'luck' as never }, 'log-in-loop') ?? '', /one of role, suppression, cross-module, rule-logic/);
    assert.match(checkReview({ ...base, n: 0, verdict: 'tp', reason: 'x' }, 'no-print-logging') ?? '', /in the ledger of 'no-print-logging'/);
    assert.match(checkReview({ ...base, n: 0, verdict: 'maybe' as never, reason: 'x' }, 'log-in-loop') ?? '', /tp or fp/);
  });

  it('names the file and line of a malformed ledger line', () => {
    fs.writeFileSync(path.join(dir, 'log-in-loop.jsonl'), `${JSON.stringify({ ...base, n: 0, verdict: 'tp', reason: 'ok' })}\n{not json\n`);
    assert.throws(() => loadReviews(dir), /log-in-loop\.jsonl:2: not JSON/);
  });

  it('draws the same sample for the same seed, a different one for another seed, without repeats', () => {
    const items = Array.from({ length: 200 }, (_, i) => i);
    const a = seededSample(items, 50, 7);
    assert.deepEqual(a, seededSample(items, 50, 7));
    assert.notDeepEqual(a, seededSample(items, 50, 8));
    assert.equal(new Set(a).size, 50);
    assert.equal(seededSample(items, 500, 1).length, 200);
  });

  it('computes precision over reviewed findings only', () => {
    assert.equal(precision({ findings: 100, reviewed: 50, fp: 2, unreviewed: 50 }), 0.96);
    assert.equal(precision({ findings: 3, reviewed: 0, fp: 0, unreviewed: 3 }), undefined);
  });

  it('the committed ledger is well formed and names only known rules', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const name of fs.existsSync(REVIEWS_DIR) ? fs.readdirSync(REVIEWS_DIR) : []) assert.ok(ids.has(name.replace(/\.jsonl$/, '')), name);
    assert.doesNotThrow(() => loadReviews());
  });
});

describe('docs precision rows (test/corpus/precisionDocs.ts)', () => {
  const rule = RULES.find((r) => r.id === 'log-in-loop')!;
  const yamlRule = RULES.find((r) => !r.python && !r.js)!;
  const tally = (findings: number, reviewed: number, fp: number) => ({ findings, reviewed, fp, unreviewed: findings - reviewed });

  it('says what was measured on application code, with the date, and library code beside it', () => {
    const data = { corpus: { library: { roots: 1, files: 1 }, application: { roots: 1, files: 1 } }, rules: { 'log-in-loop': { date: '2026-12-08', application: tally(120, 50, 2), library: tally(5, 5, 0) } } };
    assert.equal(precisionRow(rule, data), '| Precision | 96.0 % on application code (50 of 120 findings reviewed, 2 false positives); 100.0 % on library code (5 of 5 reviewed), measured 2026-12-08 ([corpus](../precision.md)) |');
  });

  it('says when nothing is reviewed or measured', () => {
    const data = { corpus: { library: { roots: 0, files: 0 }, application: { roots: 0, files: 0 } }, rules: { 'log-in-loop': { date: '2026-12-08', application: tally(7, 0, 0), library: tally(0, 0, 0) } } };
    assert.match(precisionRow(rule, data), /not reviewed yet on application code \(7 findings\), measured 2026-12-08/);
    assert.match(precisionRow(rule, undefined), /not measured yet/);
    assert.match(precisionRow(yamlRule, undefined), /this rule checks YAML files/);
  });

  it('shows the tier and the preview checks, and inserts both rows after the Fix row', () => {
    assert.equal(tierRow(rule), '| Tier | stable |');
    assert.match(tierRow({ ...rule, preview: true }), /^\| Tier \| preview \(off unless `"preview": true`/);
    assert.match(tierRow({ ...rule, previewChecks: ['inLoop'] }), /preview checks: `inLoop`/);
    const page = '# x\n\n| | |\n|---|---|\n| Fix | none |\n\n## What it does\n';
    const once = withPrecisionRows(page, rule, undefined);
    assert.equal(once, '# x\n\n| | |\n|---|---|\n| Fix | none |\n| Tier | stable |\n| Precision | not measured yet ([corpus](../precision.md)) |\n\n## What it does\n');
    assert.equal(withPrecisionRows(once, rule, undefined), once, 'idempotent');
  });
});
