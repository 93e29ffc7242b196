import * as assert from 'node:assert/strict';
import { freshName, indentLines, unitFor } from '../../server/src/analysis/fixes/reindent';

describe('reindent (code moved into a new block)', () => {
  it('indents every non-blank line, keeping CRLF and lines inside a protected literal', () => {
    const text = 'a()\r\n\r\ns = """x\r\n  y"""\r\nb()';
    const literal = { start: text.indexOf('"""'), end: text.lastIndexOf('"""') + 3 };
    assert.equal(indentLines(text, 0, text.length, '\t', [literal]), '\ta()\r\n\r\n\ts = """x\r\n  y"""\r\n\tb()');
  });

  it('does not indent a first line that starts before the range', () => {
    assert.equal(indentLines('x = 1\ny = 2\n', 2, 12, '  '), '= 1\n  y = 2\n');
  });

  it('one level deeper: tabs in a tab block, else the file unit (4 spaces when the file prefers tabs but this block uses spaces)', () => {
    assert.equal(unitFor('def f():\n\tx\n', '\t'), '\t');
    assert.equal(unitFor('def f():\n  x\n  if y:\n    z\n', '  '), '  ');
    assert.equal(unitFor('a\n\tb\n\tc\n    d\n', '    '), '    ');
  });

  it('fresh names skip words in use, not substrings', () => {
    assert.equal(freshName('span', 'spans = 1; my_span()'), 'span');
    assert.equal(freshName('span', 'span.end(); span2 = 1'), 'span3');
    assert.equal(freshName('$e', 'x'), '$e');
  });
});
