/** `editor.codeActionsOnSave: { "source.fixAll.o11y-lint": "explicit" }` applies the safe fixes when the user saves. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnostic, open, workspaceUri, waitFor } from './helpers';

const FILE = 'src/payments.py';
const ADDED = '\n\ndef refund(user, password):\n    log.info("refund_started", user_id=user.id, password=password)\n';

describe('fix all on save', () => {
  it('redacts every secret when the file is saved', async () => {
    const editor = vscode.workspace.getConfiguration('editor');
    const uri = workspaceUri(FILE);
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    await editor.update('codeActionsOnSave', { 'source.fixAll.o11y-lint': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      const e = await open(FILE);
      await diagnostic(uri, 'sensitive-data-in-log');
      await e.edit((b) => b.insert(e.document.lineAt(e.document.lineCount - 1).range.end, ADDED));
      const golden = (original + ADDED).replace('key=api_key', 'key="[REDACTED]"').replace('password=password', 'password="[REDACTED]"');
      await vscode.commands.executeCommand('workbench.action.files.save');
      const onDisk = await waitFor(async () => {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        return text !== original + ADDED && text !== original ? text : undefined;
      }, 'the saved, fixed file');
      assert.equal(onDisk, golden);
      assert.equal(e.document.getText(), golden);
    } finally {
      await editor.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
