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
      // The setting must be visible to the editor before the save that should honour it.
      await waitFor(() => JSON.stringify(vscode.workspace.getConfiguration('editor', uri).get('codeActionsOnSave')).includes('source.fixAll.o11y-lint'), 'editor.codeActionsOnSave to take effect');
      const e = await open(FILE);
      await diagnostic(uri, 'sensitive-data-in-log');
      await e.edit((b) => b.insert(e.document.lineAt(e.document.lineCount - 1).range.end, ADDED));
      // The server has the edited text once it reports the secret on the added line.
      const addedLine = e.document.lineCount - 2;
      await waitFor(() => vscode.languages.getDiagnostics(uri).some((d) => d.code !== undefined && String(typeof d.code === 'object' ? d.code.value : d.code) === 'sensitive-data-in-log' && d.range.start.line === addedLine), 'the secret on the added line to be reported');
      const golden = (original + ADDED).replace('key=api_key', 'key="[REDACTED]"').replace('password=password', 'password="[REDACTED]"');
      await vscode.commands.executeCommand('workbench.action.files.save');
      const onDisk = await waitFor(async () => {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        if (text === original + ADDED) throw new Error('saved WITHOUT the fixes applied');
        return text !== original ? text : undefined;
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
