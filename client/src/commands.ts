import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

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
  );
}
