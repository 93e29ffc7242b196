import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { sampleFor } from './samples';

/** Registers the extension's commands; `getClient` returns the client once it has started. */
export function registerCommands(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('o11yLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('o11yLint.restartServer', async () => {
      const client = getClient();
      if (!client) return;
      output.info('Restarting the o11y-lint server…');
      await client.restart();
    }),
    // The walkthrough's "open a sample": a new untitled document beside the walkthrough; nothing on disk changes.
    vscode.commands.registerCommand('o11yLint.openExample', async (language?: unknown) => {
      const sample = sampleFor(language);
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, ...sample.path));
      const doc = await vscode.workspace.openTextDocument({ language: sample.languageId, content: new TextDecoder().decode(bytes) });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
    }),
  );
}
