/**
 * The Python parser fails inside WebAssembly on one file: that file only is skipped with the reason, and the parser
 * is replaced so the files after it are analyzed (issue 16). Code indented deeper than the grammar's scanner can
 * hold is never given to it (it would write past a buffer in WebAssembly memory).
 */
import * as assert from 'node:assert/strict';
import { Parser } from 'web-tree-sitter';
import { mergeSettings } from '../../server/src/analysis/config';
import { analyze } from '../../server/src/analysis/engine';
import { ParseCache } from '../../server/src/analysis/parseCache';
import { indentLevels, MAX_INDENT_LEVELS } from '../../server/src/analysis/python/parser';
import { initAnalyzer, run } from '../helpers/analyze';
import { deeplyIndentedPython } from '../helpers/hostile';


const OK = 'import logging\nlogger = logging.getLogger(__name__)\nlogger.info(f"hi {user}")\n';
const rulesOf = (text: string) => run(text, 'py').findings.map((f) => f.rule);

/**
 * Makes the next `Parser.parse` trap as WebAssembly does, and leaves that parser broken for good (what a trap does
 * to it); every other parser works. Returns a restore function.
 */
function breakNextParser(): () => void {
  const original = Parser.prototype.parse;
  const broken = new WeakSet<Parser>();
  let armed = true;
  const WasmError = (globalThis as unknown as { WebAssembly: { RuntimeError: new (m: string) => Error } }).WebAssembly.RuntimeError;
  Parser.prototype.parse = function (this: Parser, ...args: Parameters<Parser['parse']>) {
    if (armed) { armed = false; broken.add(this); }
    if (broken.has(this)) throw new WasmError('memory access out of bounds');
    return original.apply(this, args);
  };
  return () => { Parser.prototype.parse = original; };
}

describe('a parser failure inside WebAssembly', () => {
  before(() => initAnalyzer());

  it('skips that file with the reason, and the next files are analyzed by a new parser', () => {
    const expected = rulesOf(OK);
    assert.ok(expected.includes('unstructured-log-message'));
    const restore = breakNextParser();
    try {
      const failed = run(OK, 'py');
      assert.equal(failed.skipped?.reason, 'parser-failed');
      assert.match(failed.skipped!.message, /parser failed on this file \(memory access out of bounds\)/);
      assert.deepEqual(failed.findings, []);
      for (let i = 0; i < 3; i++) assert.deepEqual(rulesOf(OK), expected, `file ${i + 1} after the failure`);
    } finally {
      restore();
    }
  });

  it('with the language server\'s parse cache: the document is analyzed again at its next edit', () => {
    const settings = mergeSettings();
    const cache = new ParseCache();
    const input = (text: string) => ({ text, languageId: 'python', filename: 'src/app.py', settings, cache });
    assert.equal(analyze(input(OK)).skipped, undefined);
    const restore = breakNextParser();
    try {
      assert.equal(analyze(input(OK + 'x = 1\n')).skipped?.reason, 'parser-failed');
      assert.ok(analyze(input(OK + 'x = 2\n')).findings.some((f) => f.rule === 'unstructured-log-message'));
    } finally {
      restore();
      cache.clear();
    }
  });

  it('550 levels of indentation are skipped as too deep, the same way every time, and never reach the parser', () => {
    assert.equal(indentLevels(deeplyIndentedPython()), 550);
    for (let i = 0; i < 20; i++) {
      const result = run(deeplyIndentedPython(), 'py');
      assert.equal(result.skipped?.reason, 'too-deep', `run ${i + 1}`);
      assert.match(result.skipped!.message, /nested too deeply.*more than 380 levels of indentation/);
      assert.deepEqual(rulesOf(OK).includes('unstructured-log-message'), true);
    }
  });

  it('300 levels (three times what CPython accepts) are still analyzed', () => {
    assert.ok(MAX_INDENT_LEVELS >= 300);
    assert.deepEqual(run(deeplyIndentedPython(300), 'py').findings.map((f) => f.rule), ['no-print-logging']);
  });

  it('indentLevels counts blocks as the scanner does: dedents pop, blank and comment lines do not count', () => {
    assert.equal(indentLevels('a\n  b\n    c\n  d\n    e\n\n        # deep comment\nf\n'), 2);
    assert.equal(indentLevels('if a:\n\tif b:\n\t\tc\n'), 2);
    assert.equal(indentLevels('x = 1\r\n  y\r\n'), 1);
  });
});
