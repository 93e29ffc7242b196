/**
 * Table-driven rule tests (typescript-eslint style): valid cases must produce nothing for the
 * rule; invalid cases list every expected finding with its exact 1-based range.
 *
 * Every fix of every finding of every invalid case is also applied and checked (issue 4):
 * the output parses (Python also compiled by CPython, batched in an `after` hook) and the
 * fixed finding is gone. `output` / `outputs` give the expected text per fix; `fixVariants`
 * builds tab / 2-space / CRLF / no-final-newline copies of a case.
 */
import * as assert from 'node:assert/strict';
import { dedent, initAnalyzer, run, type RunOptions, type TestLang } from './analyze';
import type { Severity } from '../../server/src/analysis/types';
import { applyEdits } from '../../server/src/analysis/fixes/apply';
import { assertFindingGone, assertParses, assertPythonCompiles, type PySource } from './fixCheck';

export interface Expected {
  /** 1-based line, column, end line, end column (end exclusive), as the CLI prints them. */
  range: [number, number, number, number];
  severity?: Severity;
  /** Substring the message must contain (only where the text is the point). */
  message?: string;
  /** Titles of the fixes offered, in order. */
  fixes?: string[];
  /** The text after applying the first fix. */
  output?: string;
  /** The text after applying the fix with that title. */
  outputs?: Record<string, string>;
}

export interface Case extends RunOptions {
  name?: string;
  lang: TestLang;
  code: string;
  /** Use `code` and outputs as given (no dedent): for CRLF / tab / no-final-newline cases. */
  raw?: boolean;
}

export interface InvalidCase extends Case {
  errors: Expected[];
}

export function ruleTester(ruleId: string, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    const pySources: PySource[] = [];
    before(() => initAnalyzer());
    after(function () {
      this.timeout(60000);
      assertPythonCompiles(pySources);
    });
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name ?? `${c.lang}: ${c.code.trim().split('\n').slice(-1)[0]}`, () => {
          const found = run(c.raw ? c.code : dedent(c.code), c.lang, c).findings.filter((f) => f.rule === ruleId);
          assert.deepEqual(found.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`), []);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        const name = c.name ?? `${c.lang}: ${c.code.trim().split('\n').slice(-1)[0]}`;
        it(name, () => {
          const text = (s: string) => (c.raw ? s : dedent(s));
          const code = text(c.code);
          const found = run(code, c.lang, c).findings.filter((f) => f.rule === ruleId);
          const ranges = found.map((f) => [f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1]);
          assert.deepEqual(ranges, c.errors.map((e) => e.range), 'ranges');
          c.errors.forEach((e, i) => {
            if (e.severity) assert.equal(found[i].severity, e.severity, 'severity');
            if (e.message) assert.ok(found[i].message.includes(e.message), `message "${found[i].message}" should contain "${e.message}"`);
            if (e.fixes) assert.deepEqual(found[i].fixes.map((f) => f.title), e.fixes, 'fix titles');
            if (e.output !== undefined) {
              assert.ok(found[i].fixes[0], 'a fix is offered');
              assert.equal(applyEdits(code, found[i].fixes[0].edits), text(e.output), 'fix output');
            }
            for (const [title, expected] of Object.entries(e.outputs ?? {})) {
              const fix = found[i].fixes.find((f) => f.title === title);
              assert.ok(fix, `a fix titled "${title}" is offered (got ${found[i].fixes.map((f) => f.title).join(', ') || 'none'})`);
              assert.equal(applyEdits(code, fix.edits), text(expected), `output of "${title}"`);
            }
          });
          // The correctness bar: every fix of every finding.
          found.forEach((finding, i) => {
            for (const fix of finding.fixes) {
              const what = `finding ${i + 1}, fix "${fix.title}"`;
              const output = applyEdits(code, fix.edits);
              assert.notEqual(output, code, `${what} changes nothing`);
              assertParses(c.lang, code, output, what);
              if (c.lang === 'py') pySources.push({ name: `${name} — ${what}`, input: code, output });
              assertFindingGone(code, output, finding, fix, run(output, c.lang, c).findings, what);
            }
          });
        });
      }
    });
  });
}

export type Variant = 'tabs' | '2 spaces' | 'CRLF' | 'no final newline';
export const ALL_VARIANTS: readonly Variant[] = ['tabs', '2 spaces', 'CRLF', 'no final newline'];

/** Leading runs of 4 spaces → `unit` per level. */
function reindent(text: string, unit: string): string {
  return text.split('\n').map((l) => l.replace(/^(?: {4})+/, (m) => unit.repeat(m.length / 4))).join('\n');
}

/**
 * Copies of a case written with 4-space indentation, LF and a final newline: indented with
 * tabs / 2 spaces (ranges shifted accordingly), with CRLF line ends, without the final
 * newline. Expected outputs are transformed the same way, so each variant is a golden test.
 */
export function fixVariants(c: InvalidCase, variants: readonly Variant[] = ALL_VARIANTS): InvalidCase[] {
  const base = c.raw ? c.code : dedent(c.code);
  const baseName = c.name ?? `${c.lang}: ${base.trim().split('\n').slice(-1)[0]}`;
  return variants.map((v) => {
    const t = (s: string): string => {
      const d = c.raw ? s : dedent(s);
      if (v === 'tabs') return reindent(d, '\t');
      if (v === '2 spaces') return reindent(d, '  ');
      if (v === 'CRLF') return d.replace(/\r?\n/g, '\r\n');
      return d.replace(/\r?\n$/, '');
    };
    const lines = base.split('\n');
    const col = (line: number, c1: number): number => {
      if (v !== 'tabs' && v !== '2 spaces') return c1;
      const levels = Math.floor(/^(?: {4})*/.exec(lines[line - 1] ?? '')![0].length / 4);
      const width = v === 'tabs' ? 1 : 2;
      return c1 - 1 >= levels * 4 ? c1 - levels * (4 - width) : Math.floor((c1 - 1) / 4) * width + 1;
    };
    const errors = c.errors.map((e) => ({
      ...e,
      range: [e.range[0], col(e.range[0], e.range[1]), e.range[2], col(e.range[2], e.range[3])] as Expected['range'],
      output: e.output === undefined ? undefined : t(e.output),
      outputs: e.outputs && Object.fromEntries(Object.entries(e.outputs).map(([k, s]) => [k, t(s)])),
    }));
    return { ...c, name: `${baseName} [${v}]`, code: t(c.code), raw: true, errors };
  });
}
