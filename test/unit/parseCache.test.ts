import * as assert from 'node:assert/strict';
import { mergeSettings } from '../../server/src/analysis/config';
import { analyze, initAnalyzer } from '../../server/src/analysis/engine';
import { ParseCache, textChange } from '../../server/src/analysis/parseCache';
import { generate } from '../bench/generate';

/** Seeded edits: insert, delete or replace a few characters or lines anywhere. */
function* edits(text: string, seed: number, count: number): Generator<string> {
  let s = seed;
  const rand = (n: number) => { s = (s * 1103515245 + 12345) % 2 ** 31; return s % n; };
  const snippets = ['print("x")\n', 'console.log(x);\n', 'logger.info(f"{password}")\n', '(', ')', '"', '\n', '  ', 'log.info({ email }, `a ${b}`);\n', '\uFEFF', '😀'];
  let current = text;
  for (let i = 0; i < count; i++) {
    const at = rand(current.length + 1);
    const len = rand(3) === 0 ? rand(40) : 0;
    current = current.slice(0, at) + snippets[rand(snippets.length)] + current.slice(at + len);
    yield current;
  }
}

describe('incremental parsing', () => {
  before(() => initAnalyzer());

  it('textChange finds the edited span', () => {
    assert.deepEqual(textChange('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
    assert.deepEqual(textChange('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
    assert.equal(textChange('same', 'same'), undefined);
  });

  for (const [lang, languageId] of [['py', 'python'], ['ts', 'typescript']] as const) {
    it(`${lang}: findings after 150 random edits equal a fresh analysis every time`, () => {
      const settings = mergeSettings();
      const cache = new ParseCache();
      const base = generate(lang, 300, 7);
      let n = 0;
      for (const text of edits(base, 99, 150)) {
        const input = { text, languageId, filename: `src/app.${lang}`, settings };
        const incremental = analyze({ ...input, cache });
        const fresh = analyze(input);
        assert.deepEqual(incremental, fresh, `edit ${n}`);
        n++;
      }
      cache.clear();
    });
  }

  it('switching language on the same cache re-parses from scratch', () => {
    const settings = mergeSettings();
    const cache = new ParseCache();
    const a = analyze({ text: 'print(1)\n', languageId: 'python', filename: 'a.py', settings, cache });
    const b = analyze({ text: 'console.log(1);\n', languageId: 'typescript', filename: 'a.ts', settings, cache });
    assert.equal(a.findings.length, 1);
    assert.equal(b.findings.length, 1);
    cache.clear();
  });
});
