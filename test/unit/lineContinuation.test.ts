/**
 * Backslash line continuations inside Python calls (issue 16): tree-sitter puts a `line_continuation` node among
 * the call's arguments (and a tuple's or a dict's items), and fixes that read it as an argument wrote
 * `"value_1": \` into their output. Every Python rule fixture is rewritten with continuations after commas, after
 * opening brackets and around `%` / `+`; every fix of every finding, safe and unsafe, must still compile.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../../server/src/analysis/fixes/apply';
import { compilePython, cpythonErrors, type PySource } from '../helpers/fixCheck';
import { initAnalyzer, run } from '../helpers/analyze';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules');

type Where = 'comma' | 'open' | 'operator';

/** Inserts `\` + newline at code positions (outside strings and comments, inside brackets). */
export function withContinuations(src: string, where: Where): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '#') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      out += src.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = src.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < src.length && !src.startsWith(quote, j)) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + quote.length);
      i = j + quote.length - 1;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    out += c;
    if (depth === 0) continue;
    if (where === 'comma' && c === ',' && src[i + 1] === ' ') { out += ' \\\n       '; i++; }
    else if (where === 'open' && '([{'.includes(c) && src[i + 1] !== ')' && src[i + 1] !== ']' && src[i + 1] !== '}') out += '\\\n        ';
    else if (where === 'operator' && (c === '%' || c === '+') && src[i + 1] === ' ' && src[i - 1] === ' ') { out += ' \\\n       '; i++; }
  }
  return out;
}

describe('fixes around backslash line continuations (Python)', function () {
  this.timeout(120_000);
  before(() => initAnalyzer());

  it('the rewritten fixtures compile (the rewrite itself is sound)', () => {
    const sample = 'logger.info("a %s, b" % (x, y), extra={"k": v})  # a, b\n';
    assert.equal(withContinuations(sample, 'comma'), 'logger.info("a %s, b" % (x, \\\n       y), \\\n       extra={"k": v})  # a, b\n');
  });

  it('every fix of every finding in every Python fixture, with continuations, still compiles', function () {
    const inputs: { name: string; text: string }[] = [];
    for (const rule of fs.readdirSync(FIXTURES)) {
      for (const kind of ['invalid.py', 'valid.py']) {
        const file = path.join(FIXTURES, rule, kind);
        if (!fs.existsSync(file)) continue;
        const text = fs.readFileSync(file, 'utf8');
        for (const where of ['comma', 'open', 'operator'] as const) inputs.push({ name: `${rule}/${kind} (${where})`, text: withContinuations(text, where) });
      }
    }
    const compiles = cpythonErrors(Object.fromEntries(inputs.map((x) => [x.name, x.text])));
    if (!compiles) { process.stdout.write('      (not run: python3 is not available)\n'); this.skip(); }
    const sources: PySource[] = [];
    let fixes = 0;
    for (const input of inputs) {
      if (compiles[input.name]) continue; // the rewrite broke this one (a bracket inside an f-string): not a fixture the test can use
      const result = run(input.text, 'py', { filename: `src/${input.name.split('/')[0]}.py` });
      for (const finding of result.findings) {
        for (const fix of finding.fixes) {
          fixes++;
          sources.push({ name: `${input.name} ${finding.rule}@${finding.range.start.line + 1} "${fix.title}"`, input: input.text, output: applyEdits(input.text, fix.edits) });
        }
      }
    }
    assert.ok(fixes > 300, `enough fixes tried (${fixes})`);
    assert.deepEqual((compilePython(sources) ?? []).map((e) => e.split('\n')[0]), [], 'CPython rejects fix output(s)');
  });
});
