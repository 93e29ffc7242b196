/** Extension entry: activate/deactivate only. Activation is lazy (first Python/JS/TS document). */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerLogs } from './logs';
import { plainMessage } from '../../server/src/messages';
import { FIND_LOG_CALLS_REQUEST, type LogCallLocation } from '../../server/src/protocol';
import { createLanguageClient } from './languageClient';
import { readClientSettings } from './settings';
import { StatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('o11y-lint', { log: true });
  const status = new StatusBar();
  context.subscriptions.push(output, status);
  registerCommands(context, output, () => client);
  // Live logs work even when analysis is off; "find in code" then has no server to ask.
  registerLogs(context, output, async (params) => (client ? client.sendRequest<LogCallLocation[]>(FIND_LOG_CALLS_REQUEST, params) : []));
  if (!readClientSettings().enable) {
    status.set('stopped', 'o11y-lint is disabled (o11yLint.enable)');
    return;
  }
  client = createLanguageClient(context, output, status);
  try {
    await client.start();
  } catch (error) {
    status.set('error', 'o11y-lint: the language server failed to start');
    output.error(`The language server failed to start: ${(error as Error).stack ?? error}`);
    void vscode.window.showErrorMessage(plainMessage('o11y-lint could not start its language server. See the output for details.'), 'Show Output')
      .then((c) => c && output.show(true));
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
