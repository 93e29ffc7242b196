/** Starts the language server over IPC and restarts it after a crash, saying so. */
import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, LanguageClient, RevealOutputChannelOn, State, TransportKind,
  type CloseHandlerResult, type ErrorHandlerResult, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { plainMessage } from '../../server/src/messages';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { CrashPolicy } from './crashPolicy';
import type { StatusBar } from './statusBar';

export const DOCUMENT_SELECTOR = ['python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'yaml'].flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, status: StatusBar): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const policy = new CrashPolicy();
  let gaveUp = false;
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.o11ylint.json') },
    errorHandler: {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        const decision = policy.crashed();
        if (decision.action === 'stop') {
          gaveUp = true;
          status.set('error', 'o11y-lint: the language server keeps crashing and was stopped');
          void vscode.window.showErrorMessage(plainMessage(decision.message), 'Show Output', 'Restart').then((choice) => {
            if (choice === 'Show Output') output.show(true);
            if (choice === 'Restart') void vscode.commands.executeCommand('o11yLint.restartServer');
          });
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        status.set('starting', 'o11y-lint: restarting after a crash');
        void vscode.window.showWarningMessage(plainMessage(decision.message));
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };
  const client = new LanguageClient('o11yLint', 'o11y-lint', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Running) {
      status.set('running', 'o11y-lint: running');
      // Started again by the user after the policy gave up: count crashes afresh.
      if (gaveUp) { gaveUp = false; policy.reset(); }
    }
    else if (e.newState === State.Stopped) status.set('stopped', 'o11y-lint: stopped');
  });
  context.subscriptions.push(client.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
    status.set(p.state === 'ok' ? 'running' : p.state, plainMessage(`o11y-lint: ${p.message}`));
  }));
  return client;
}
