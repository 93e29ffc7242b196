/** Live logs in the editor: commands, lazy receiver start (trusted workspaces only), status bar, settings. */
import * as vscode from 'vscode';
import { plainMessage } from '../../../server/src/messages';
import { LogsPanel, type FindLogCalls } from './panel';
import { LogsSession } from './session';
import { TrustGate } from './trust';
import { readLogsSettings } from '../settings';

/**
 * Registers `o11yLint.showLiveLogs` and `o11yLint.tailLogFile`. Nothing listens on a port until the user
 * opens the panel, and never in an untrusted workspace (a port is an input the workspace does not control,
 * but starting servers is exactly what restricted mode promises not to do).
 */
export function registerLogs(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, findLogCalls: FindLogCalls): void {
  let session: LogsSession | undefined;
  const item = vscode.window.createStatusBarItem('o11yLint.logs', vscode.StatusBarAlignment.Right, 99);
  item.name = 'o11y-lint live logs';
  item.command = 'o11yLint.showLiveLogs';

  const ensureSession = () => (session ??= new LogsSession(readLogsSettings().maxRecords));
  const gate = new TrustGate(() => vscode.workspace.isTrusted);

  const startReceiver = async (s: LogsSession, port?: number): Promise<void> => {
    // In restricted mode: say so, and start the moment the workspace is trusted.
    let started: Promise<void> | undefined;
    const refused = gate.request('receiver', () => { started = listen(s, port); }, true);
    if (refused) {
      s.setStatus({ text: refused, level: 'warning' });
      output.info(refused);
      return;
    }
    await started;
  };

  const listen = async (s: LogsSession, port?: number): Promise<void> => {
    const settings = readLogsSettings();
    const result = await s.startReceiver(settings.host, port ?? settings.port);
    item.show();
    if (result.ok) {
      item.text = `$(pulse) OTLP :${result.port}`;
      item.tooltip = `o11y-lint receives OTLP/HTTP logs on http://${result.host}:${result.port}`;
      item.backgroundColor = undefined;
      output.info('OTLP receiver listening on', `${result.host}:${result.port}`);
      return;
    }
    item.text = `$(warning) OTLP :${result.error.port} in use`;
    item.tooltip = result.error.message;
    item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    output.warn('OTLP receiver not started:', result.error.message);
    const choice = await vscode.window.showWarningMessage(plainMessage(`o11y-lint: ${result.error.message}.`), 'Use Another Port', 'Tail a Log File…');
    if (choice === 'Use Another Port') {
      const value = await vscode.window.showInputBox({ prompt: 'Port for the OTLP/HTTP receiver (0 = any free port)', value: String(result.error.port + 1), validateInput: (v) => (/^\d+$/.test(v) && Number(v) <= 65535 ? undefined : 'A port number from 0 to 65535') });
      if (value !== undefined) await listen(s, Number(value));
    } else if (choice === 'Tail a Log File…') await vscode.commands.executeCommand('o11yLint.tailLogFile');
  };

  const showPanel = () => LogsPanel.createOrShow(context.extensionUri, ensureSession(), output, findLogCalls);

  context.subscriptions.push(
    item,
    vscode.commands.registerCommand('o11yLint.showLiveLogs', async () => {
      const s = ensureSession();
      showPanel();
      if (!s.listening) await startReceiver(s);
    }),
    vscode.commands.registerCommand('o11yLint.tailLogFile', async () => {
      const refused = gate.request('tail', () => undefined);
      if (refused) {
        void vscode.window.showWarningMessage(plainMessage(`o11y-lint: ${refused}`));
        return;
      }
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Tail', filters: { 'Log files': ['log', 'jsonl', 'json', 'ndjson', 'txt'], 'All files': ['*'] } });
      if (!picked?.[0]) return;
      const s = ensureSession();
      showPanel();
      try {
        await s.tailFile(picked[0].fsPath);
        output.info('Tailing log file', picked[0].fsPath);
      } catch (e) {
        void vscode.window.showErrorMessage(plainMessage(`o11y-lint: cannot tail ${picked[0].fsPath}: ${(e as Error).message}`));
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => gate.granted()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!session || !e.affectsConfiguration('o11yLint.logs')) return;
      session.store.resize(readLogsSettings().maxRecords);
      if (session.listening && (e.affectsConfiguration('o11yLint.logs.port') || e.affectsConfiguration('o11yLint.logs.host'))) void startReceiver(session);
    }),
    { dispose: () => void session?.dispose() },
  );
}
