/**
 * Parity with Ruff (LOG, G, T20) and pylint's logging checker: every case in
 * test/fixtures/parity/ruff-pylint.py carries a marker naming the Ruff/pylint code and the
 * o11y-lint rule that must (`expect:`) or must not (`ok:`) report on that line. The marker
 * syntax is documented at the top of the fixture.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../server/src/analysis/registry';
import { initAnalyzer, run } from '../helpers/analyze';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'parity', 'ruff-pylint.py');
/** Rules whose markers are exact: no finding of theirs may appear on an unmarked line. */
const EXACT = new Set(['swallowed-exception', 'error-log-without-exception', 'exception-outside-handler', 'stdlib-logging-misuse']);
const MARKER = /#\s*((?:[A-Z]+\d+\s+)+)(expect|ok):\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)\s*$/;

interface Marker { line: number; codes: string[]; kind: 'expect' | 'ok'; rules: string[] }

function markers(text: string): Marker[] {
  return text.split(/\r?\n/).flatMap((l, i) => {
    const m = MARKER.exec(l);
    return m ? [{ line: i + 1, codes: m[1].trim().split(/\s+/), kind: m[2] as 'expect' | 'ok', rules: m[3].split(/\s*,\s*/) }] : [];
  });
}

describe('parity: Ruff LOG/G/T20 and pylint logging', () => {
  const text = fs.readFileSync(FIXTURE, 'utf8');
  const marks = markers(text);
  let byLine: Map<number, Set<string>>;

  before(async () => {
    await initAnalyzer();
    const { findings } = run(text, 'py', { filename: 'src/parity.py', settings: { printAllowed: [] } });
    byLine = new Map();
    for (const f of findings) {
      const line = f.range.start.line + 1;
      if (!byLine.has(line)) byLine.set(line, new Set());
      byLine.get(line)!.add(f.rule);
    }
  });

  it('markers name registered rules and cover every code family', () => {
    assert.ok(marks.length > 40, `${marks.length} markers`);
    for (const m of marks) for (const r of m.rules) assert.ok(RULE_IDS.has(r), `line ${m.line}: unknown rule ${r}`);
    const codes = new Set(marks.filter((m) => m.kind === 'expect').flatMap((m) => m.codes));
    const required = ['T201', 'T203', 'G001', 'G002', 'G003', 'G004', 'G010', 'G101', 'G201', 'G202', 'LOG001', 'LOG002', 'LOG004', 'LOG007',
      'LOG009', 'LOG014', 'LOG015', 'W1201', 'W1202', 'W1203', 'E1200', 'E1201', 'E1205', 'E1206'];
    assert.deepEqual(required.filter((c) => !codes.has(c)), [], 'codes without an `expect:` case');
  });

  for (const m of markers(fs.readFileSync(FIXTURE, 'utf8'))) {
    it(`line ${m.line}: ${m.codes.join(' ')} ${m.kind}: ${m.rules.join(', ')}`, () => {
      const found = byLine.get(m.line) ?? new Set<string>();
      for (const rule of m.rules) {
        if (m.kind === 'expect') assert.ok(found.has(rule), `${m.codes.join(' ')}: ${rule} should report on line ${m.line}`);
        else assert.ok(!found.has(rule), `${m.codes.join(' ')}: ${rule} should not report on line ${m.line}`);
      }
    });
  }

  it(`no finding of ${[...EXACT].join(', ')} on an unmarked line`, () => {
    const expected = new Map<number, Set<string>>();
    for (const m of marks) if (m.kind === 'expect') expected.set(m.line, new Set(m.rules));
    const stray: string[] = [];
    for (const [line, rules] of byLine) {
      for (const rule of rules) if (EXACT.has(rule) && !expected.get(line)?.has(rule)) stray.push(`${line} ${rule}`);
    }
    assert.deepEqual(stray, []);
  });
});
