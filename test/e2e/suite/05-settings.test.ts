/** A settings change (a rule turned off) takes effect without a reload. */
import * as vscode from 'vscode';
import { codeOf, diagnostic, open, ours, revertAndClose, waitFor } from './helpers';

describe('settings', () => {
  it('o11yLint.rules { "no-print-logging": "off" } removes the finding, and removing the setting brings it back', async () => {
    const config = vscode.workspace.getConfiguration('o11yLint');
    const e = await open('src/payments.py');
    const uri = e.document.uri;
    try {
      await diagnostic(uri, 'no-print-logging');
      await config.update('rules', { 'no-print-logging': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => {
        const codes = ours(uri).map(codeOf);
        return !codes.includes('no-print-logging') && codes.includes('sensitive-data-in-log');
      }, 'no-print-logging gone while sensitive-data-in-log stays');
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await diagnostic(uri, 'no-print-logging');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await revertAndClose();
    }
  });
});
