/**
 * Table-driven rule tests (typescript-eslint style): valid cases must produce nothing for the
 * rule; invalid cases list every expected finding with its exact 1-based range.
 */
import * as assert from 'node:assert/strict';
import { dedent, initAnalyzer, run, type RunOptions, type TestLang } from './analyze';
import type { Severity } from '../../server/src/analysis/types';
import { applyEdits } from '../../server/src/analysis/fixes/apply';

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
}

export interface Case extends RunOptions {
  name?: string;
  lang: TestLang;
  code: string;
}

export interface InvalidCase extends Case {
  errors: Expected[];
}

export function ruleTester(ruleId: string, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    before(() => initAnalyzer());
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name ?? `${c.lang}: ${c.code.trim().split('\n').slice(-1)[0]}`, () => {
          const found = run(dedent(c.code), c.lang, c).findings.filter((f) => f.rule === ruleId);
          assert.deepEqual(found.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`), []);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name ?? `${c.lang}: ${c.code.trim().split('\n').slice(-1)[0]}`, () => {
          const code = dedent(c.code);
          const found = run(code, c.lang, c).findings.filter((f) => f.rule === ruleId);
          const ranges = found.map((f) => [f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1]);
          assert.deepEqual(ranges, c.errors.map((e) => e.range), 'ranges');
          c.errors.forEach((e, i) => {
            if (e.severity) assert.equal(found[i].severity, e.severity, 'severity');
            if (e.message) assert.ok(found[i].message.includes(e.message), `message "${found[i].message}" should contain "${e.message}"`);
            if (e.fixes) assert.deepEqual(found[i].fixes.map((f) => f.title), e.fixes, 'fix titles');
            if (e.output !== undefined) {
              assert.equal(applyEdits(code, found[i].fixes[0].edits), dedent(e.output), 'fix output');
            }
          });
        });
      }
    });
  });
}
