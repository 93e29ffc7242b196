/** The Live Logs webview panel: one instance, strict CSP, typed messages, everything disposed with it. */
import * as vscode from 'vscode';
import type { FindLogCallsParams, LogCallLocation } from '../../../server/src/protocol';

/** Asks the language server which log calls could have written a record. */
export type FindLogCalls = (params: FindLogCallsParams) => Promise<LogCallLocation[]>;
import { plainMessage } from '../../../server/src/messages';
import { renderLogsHtml } from './html';
import { noLogCallMessage, resolveCodePath, type CodeWorkspace } from './openCode';
import { isFromWebview, type FromWebview } from './protocol';
import type { LogsSession } from './session';

export class LogsPanel {
  static readonly viewType = 'o11yLint.liveLogs';
  private static current: LogsPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Reveals the open panel or creates it. */
  static createOrShow(extensionUri: vscode.Uri, session: LogsSession, output: vscode.LogOutputChannel, findLogCalls: FindLogCalls): LogsPanel {
    if (LogsPanel.current) {
      LogsPanel.current.panel.reveal();
      return LogsPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(LogsPanel.viewType, 'Live Logs', vscode.ViewColumn.Beside, {
      enableScripts: true,
      // Keeps the 100k-row state when the tab is hidden instead of replaying everything on each reveal.
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    });
    LogsPanel.current = new LogsPanel(panel, extensionUri, session, output, findLogCalls);
    return LogsPanel.current;
  }

  private constructor(private readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly session: LogsSession, private readonly output: vscode.LogOutputChannel, private readonly findLogCalls: FindLogCalls) {
    const webview = panel.webview;
    webview.html = renderLogsHtml({ cspSource: webview.cspSource, scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString() });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((m: unknown) => {
        if (isFromWebview(m)) void this.onMessage(m);
      }),
    );
    // postMessage answers false (or throws, once disposed) when the message did not arrive: the session resyncs.
    session.setListener((m) => webview.postMessage(m));
  }

  private async onMessage(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready': return this.session.sendSnapshot();
      case 'clear': return this.session.clear();
      case 'openCode': return this.openCode(m.path, m.line, m.column);
      case 'export': return this.export(m.jsonl, m.count);
      case 'findCode': return this.findCode(m.event, m.body);
    }
  }

  /** One match opens it; several are offered in a quick pick; none says so. */
  private async findCode(event: string, body: string): Promise<void> {
    let hits: LogCallLocation[];
    try {
      hits = await this.findLogCalls({ event, body });
    } catch (error) {
      this.output.warn(`Finding log calls failed: ${(error as Error).message}`);
      hits = [];
    }
    const open = (h: LogCallLocation) => {
      const pos = new vscode.Position(h.line, h.character);
      return vscode.window.showTextDocument(vscode.Uri.parse(h.uri), { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One });
    };
    if (hits.length === 0) return void vscode.window.showInformationMessage(plainMessage(noLogCallMessage(event, body)));
    if (hits.length === 1) return void (await open(hits[0]));
    const items = hits.map((h) => ({ label: h.text, description: `${vscode.workspace.asRelativePath(vscode.Uri.parse(h.uri))}:${h.line + 1}`, hit: h }));
    const choice = await vscode.window.showQuickPick(items, { placeHolder: `${hits.length} log calls could have written this record` });
    if (choice) await open(choice.hit);
  }

  /** `code.file.path` may be absolute, workspace-relative or relative to wherever the program ran. */
  private async openCode(file: string, line?: number, column?: number): Promise<void> {
    const found = await resolveCodePath(file, codeWorkspace());
    if (!found.ok) return void vscode.window.showWarningMessage(plainMessage(found.message));
    const uri = vscode.Uri.file(found.file);
    const pos = new vscode.Position(Math.max(0, Math.trunc(line ?? 1) - 1), Math.max(0, Math.trunc(column ?? 1) - 1));
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One });
  }

  private async export(jsonl: string, count: number): Promise<void> {
    const target = await vscode.window.showSaveDialog({ filters: { 'JSON lines': ['jsonl'] }, saveLabel: `Export ${count} records` });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(jsonl, 'utf8'));
    this.output.info('Exported log records:', count, target.fsPath);
  }

  dispose(): void {
    LogsPanel.current = undefined;
    this.session.setListener(undefined);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The workspace as openCode.ts sees it: its file-system folders (the receiver runs where the files are). */
function codeWorkspace(): CodeWorkspace {
  return {
    folders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    isFile: async (file) => { try { return ((await vscode.workspace.fs.stat(vscode.Uri.file(file))).type & vscode.FileType.File) !== 0; } catch { return false; } },
    findFiles: async (glob) => (await vscode.workspace.findFiles(glob, '**/node_modules/**', 50)).filter((u) => u.scheme === 'file').map((u) => u.fsPath),
  };
}
