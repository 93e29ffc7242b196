/** Diagnostics appear in the editor for each language the extension analyzes. */
import * as assert from 'node:assert/strict';
import { codeOf, diagnostic, open, revertAndClose } from './helpers';

/** file → rule → 1-based line of the finding. */
const CASES: { file: string; findings: Record<string, number> }[] = [
  { file: 'src/payments.py', findings: { 'no-print-logging': 8, 'sensitive-data-in-log': 9 } },
  { file: 'web/server.ts', findings: { 'no-print-logging': 7, 'sensitive-data-in-log': 8 } },
  { file: 'monitoring/api.rules.yml', findings: { 'alert-missing-for': 4 } },
];

describe('diagnostics', () => {
  for (const c of CASES) {
    it(`${c.file}: ${Object.keys(c.findings).join(', ')}`, async () => {
      const editor = await open(c.file);
      try {
        for (const [rule, line] of Object.entries(c.findings)) {
          const d = await diagnostic(editor.document.uri, rule);
          assert.equal(codeOf(d), rule);
          assert.equal(d.range.start.line + 1, line, `${rule} line`);
        }
      } finally {
        await revertAndClose();
      }
    });
  }
});
