/**
 * Mutation fuzzing of the analyzer (fast-check, seeded): the rule fixtures and the YAML corpus,
 * cut, spliced and sprinkled with syntax, go through every rule and every fix. Nothing may
 * throw, no rule may fail, findings stay inside the text, and fixed text analyzes again.
 * `npm test` runs a bounded number of cases; `npm run fuzz` runs for minutes
 * (FUZZ_RUNS, FUZZ_SEED, FUZZ_SECONDS).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { mergeSettings } from '../../server/src/analysis/config';
import { analyze, initAnalyzer } from '../../server/src/analysis/engine';
import { applyEdits } from '../../server/src/analysis/fixes/apply';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
/** FUZZ_SECONDS is for the whole suite: each of its three languages gets a third. */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 0) / 3;
const settings = mergeSettings({ printAllowed: [] });

type Lang = 'py' | 'ts' | 'yaml';
const LANGUAGE_ID: Record<Lang, string> = { py: 'python', ts: 'typescript', yaml: 'yaml' };

function seeds(lang: Lang): string[] {
  const dirs = [path.join(ROOT, 'test', 'fixtures', 'rules'), path.join(ROOT, 'test', 'fixtures', 'yaml-valid'), path.join(ROOT, 'test', 'fixtures', 'parity')];
  const files = dirs.flatMap((d) => fs.readdirSync(d, { recursive: true, encoding: 'utf8' }).map((f) => path.join(d, f)));
  return files.filter((f) => f.endsWith(`.${lang}`)).map((f) => fs.readFileSync(f, 'utf8'));
}

/** Tokens that break or bend syntax in each language. */
const TOKENS: Record<Lang, string[]> = {
  py: ['(', ')', '[', ']', '{', '}', ':', '"', "'", 'f"{', '}"', '\n', '\n    ', '\t', '#', 'except', 'try:', 'with ', ' as ', 'lambda', 'logger.info(', 'span.end()', '\\', '"""', '\u00e9', '\ud83d\ude00', '\r\n', '**', '%s', ' + '],
  ts: ['(', ')', '[', ']', '{', '}', ';', '"', "'", '`', '${', '\n', '=>', '//', '/*', '*/', 'catch', 'try {', 'async ', 'await ', 'logger.info(', 'span.end()', '\\', '\u00e9', '\ud83d\ude00', '\r\n', '<T>', ' as any', ' + '],
  yaml: [':', '- ', '\n', '\n  ', '  ', '"', "'", '{{', '}}', '[', ']', '{', '}', '&a', '*a', '<<: *a', '|', '>', '#', 'expr: ', 'for: ', 'rate(x[5m])', ' by (', '\t', '---\n', '\u00e9'],
};

/** One mutation: delete a slice, insert a token, duplicate a slice, or truncate. */
function mutation(lang: Lang): fc.Arbitrary<(text: string) => string> {
  const at = fc.double({ min: 0, max: 1, noNaN: true });
  return fc.oneof(
    fc.tuple(at, fc.integer({ min: 1, max: 40 })).map(([p, n]) => (t: string) => { const i = Math.floor(p * t.length); return t.slice(0, i) + t.slice(i + n); }),
    fc.tuple(at, fc.constantFrom(...TOKENS[lang])).map(([p, tok]) => (t: string) => { const i = Math.floor(p * t.length); return t.slice(0, i) + tok + t.slice(i); }),
    fc.tuple(at, at, fc.integer({ min: 1, max: 200 })).map(([p, q, n]) => (t: string) => { const i = Math.floor(p * t.length); const j = Math.floor(q * t.length); return t.slice(0, j) + t.slice(i, i + n) + t.slice(j); }),
    at.map((p) => (t: string) => t.slice(0, Math.floor(p * t.length))),
  );
}

function check(text: string, lang: Lang): void {
  const failures: string[] = [];
  const run = (t: string) => analyze({ text: t, languageId: LANGUAGE_ID[lang], filename: `src/fuzz.${lang}`, settings, onRuleError: (rule, e) => failures.push(`${rule}: ${(e as Error).stack ?? e}`) });
  const result = run(text);
  assert.deepEqual(failures, [], 'no rule fails');
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const f of result.findings) {
    assert.ok(f.range.start.line < lines && f.range.end.line < lines + 1, `${f.rule} range inside the text`);
    for (const fix of f.fixes) {
      const fixed = applyEdits(text, fix.edits);
      run(fixed);
      assert.deepEqual(failures, [], `no rule fails after "${fix.title}"`);
    }
  }
}

describe('fuzz: mutated fixtures through every rule and fix', function () {
  this.timeout(Math.max(120_000, SECONDS * 1000 * 3));
  before(() => initAnalyzer());
  for (const lang of ['py', 'ts', 'yaml'] as const) {
    it(`${lang}: ${SECONDS ? `${Math.round(SECONDS)} s` : `${RUNS} cases`}, seed ${SEED}`, () => {
      const inputs = seeds(lang);
      assert.ok(inputs.length > 5, 'fixtures to mutate');
      const arb = fc.tuple(fc.constantFrom(...inputs), fc.array(mutation(lang), { minLength: 1, maxLength: 8 }))
        .map(([text, ms]) => ms.reduce((t, m) => m(t), text));
      let cases = 0;
      fc.assert(fc.property(arb, (text) => { cases++; check(text, lang); }), {
        seed: SEED, numRuns: SECONDS ? Number.MAX_SAFE_INTEGER : RUNS, interruptAfterTimeLimit: SECONDS ? SECONDS * 1000 : undefined,
        markInterruptAsFailure: false,
      });
      if (SECONDS) process.stdout.write(`      ${lang}: ${cases} cases, no failure\n`);
    });
  }
});
