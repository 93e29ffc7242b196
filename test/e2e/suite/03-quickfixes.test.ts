/** Quick fixes as VS Code lists them (vscode.executeCodeActionProvider), applied: the text must become the golden text. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnostic, open, ours, revertAndClose, waitFor } from './helpers';

/** One line per fix: the document's text with `from` replaced by `to` (exactly once) is the golden text. */
const CASES: { file: string; rule: string; title: string; from: string; to: string }[] = [
  { file: 'src/payments.py', rule: 'sensitive-data-in-log', title: 'Redact `api_key`', from: 'key=api_key', to: 'key="[REDACTED]"' },
  { file: 'web/server.ts', rule: 'sensitive-data-in-log', title: 'Redact `password`', from: 'password }', to: "password: '[REDACTED]' }" },
  { file: 'monitoring/api.rules.yml', rule: 'alert-missing-for', title: 'Add `for: 5m`', from: 'api/ApiDown\n', to: 'api/ApiDown\n        for: 5m\n' },
  { file: 'src/payments.py', rule: 'no-print-logging', title: 'Disable no-print-logging for this line', from: '    print(', to: '    # o11y-lint: disable=no-print-logging\n    print(' },
  { file: 'web/server.ts', rule: 'no-print-logging', title: 'Disable no-print-logging for this line', from: '  console.log(', to: '  // o11y-lint-disable-next-line no-print-logging\n  console.log(' },
];

describe('quick fixes', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.title}`, async () => {
      const editor = await open(c.file);
      try {
        const doc = editor.document;
        const before = doc.getText();
        assert.equal(before.split(c.from).length, 2, `"${c.from}" occurs once in ${c.file}`);
        const golden = before.replace(c.from, c.to);
        const d = await diagnostic(doc.uri, c.rule);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
        const titles = actions.map((a) => a.title);
        const action = actions.find((a) => a.title === c.title);
        assert.ok(action?.edit, `"${c.title}" among ${JSON.stringify(titles)}`);
        assert.ok(await vscode.workspace.applyEdit(action.edit), 'edit applied');
        assert.equal(doc.getText(), golden);
        await waitFor(() => !ours(doc.uri).some((x) => codeOf(x) === c.rule), `${c.rule} to go away after the fix`);
      } finally {
        await revertAndClose();
      }
    });
  }
});
