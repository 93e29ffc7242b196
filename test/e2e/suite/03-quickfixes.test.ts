/** Quick fixes as VS Code lists them (vscode.executeCodeActionProvider), applied: the text must become the golden text. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnostic, open, ours, revertAndClose, waitFor } from './helpers';

/** The helper "Mask PII" adds to a Python file (test/unit/rules/sensitive-data-in-log.test.ts). */
const HASH_PII = 'def hash_pii(value):\n    """Mask personal data for logs: the first 12 hex chars of its SHA-256; None stays None."""\n    import hashlib\n\n'
  + '    if value is None:\n        return None\n    return hashlib.sha256(str(value).encode("utf-8")).hexdigest()[:12]\n';

/**
 * One line per fix: the document's text with `from` replaced by `to` (and each `also` pair likewise), each `from`
 * occurring exactly once, is the golden text. The goldens are those of the unit and LSP tests (test/unit/rules/*, test/lsp/fixes.test.ts).
 */
const CASES: { file: string; rule: string; title: string; from: string; to: string; also?: [string, string][] }[] = [
  { file: 'src/payments.py', rule: 'sensitive-data-in-log', title: 'Redact `api_key`', from: 'key=api_key', to: 'key="[REDACTED]"' },
  { file: 'web/server.ts', rule: 'sensitive-data-in-log', title: 'Redact `password`', from: 'password }', to: "password: '[REDACTED]' }" },
  { file: 'monitoring/api.rules.yml', rule: 'alert-missing-for', title: 'Add `for: 5m`', from: 'api/ApiDown\n', to: 'api/ApiDown\n        for: 5m\n' },
  { file: 'src/payments.py', rule: 'no-print-logging', title: 'Disable no-print-logging for this line', from: '    print(', to: '    # o11y-lint: disable=no-print-logging\n    print(' },
  { file: 'web/server.ts', rule: 'no-print-logging', title: 'Disable no-print-logging for this line', from: '  console.log(', to: '  // o11y-lint-disable-next-line no-print-logging\n  console.log(' },
  { file: 'src/orders.py', rule: 'no-print-logging', title: 'Convert to structured log event', from: 'print("login", user.id)', to: 'logger.info("login", extra={"user_id": user.id})' },
  { file: 'src/orders.py', rule: 'error-log-without-exception', title: 'Change to `exception()`', from: 'logger.error("refund failed")', to: 'logger.exception("refund failed")' },
  { file: 'src/accounts.py', rule: 'sensitive-data-in-log', title: 'Mask PII (adds `hash_pii` helper)', from: 'email=user.email', to: 'email=hash_pii(user.email)', also: [['import structlog\n', `import structlog\n\n${HASH_PII}\n`]] },
  { file: 'web/orders.ts', rule: 'unstructured-log-message', title: 'Move values into structured fields', from: 'logger.info(`order ${order.id} shipped`)', to: "logger.info({ order_id: order.id }, 'order_shipped')" },
  { file: 'web/orders.ts', rule: 'span-not-ended', title: 'End the span in a `finally` block', from: '  await work();\n  span.end();\n', to: '  try {\n    await work();\n  } finally {\n    span.end();\n  }\n' },
];

describe('quick fixes', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.title}`, async () => {
      const editor = await open(c.file);
      try {
        const doc = editor.document;
        const before = doc.getText();
        let golden = before;
        for (const [from, to] of [[c.from, c.to], ...c.also ?? []]) {
          assert.equal(before.split(from).length, 2, `"${from}" occurs once in ${c.file}`);
          golden = golden.replace(from, () => to);
        }
        // A fix rides on its diagnostic and is offered only for the document version it was computed for: right after
        // an earlier test edited and reverted this file, the diagnostic found may be one of the old version, so ask
        // again until the fresh diagnostics are in.
        const action = await waitFor(async () => {
          const d = await diagnostic(doc.uri, c.rule);
          const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
          const found = actions.find((a) => a.title === c.title);
          if (!found?.edit) throw new Error(`not among ${JSON.stringify(actions.map((a) => a.title))}`);
          return found;
        }, `"${c.title}" to be offered`);
        assert.ok(action.edit && await vscode.workspace.applyEdit(action.edit), 'edit applied');
        assert.equal(doc.getText(), golden);
        await waitFor(() => !ours(doc.uri).some((x) => codeOf(x) === c.rule), `${c.rule} to go away after the fix`);
      } finally {
        await revertAndClose();
      }
    });
  }
});
