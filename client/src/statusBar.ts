import * as vscode from 'vscode';

export type ServerState = 'starting' | 'running' | 'warning' | 'error' | 'stopped';

const ICONS: Record<ServerState, string> = {
  starting: '$(sync~spin)', running: '$(check)', warning: '$(warning)', error: '$(error)', stopped: '$(circle-slash)',
};

/** One status bar item showing the server's state; clicking it opens the output channel. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('o11yLint.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'o11y-lint';
    this.item.command = 'o11yLint.showOutput';
    this.set('starting', 'o11y-lint: starting the language server');
    this.item.show();
  }

  set(state: ServerState, tooltip: string): void {
    this.item.text = `${ICONS[state]} o11y-lint`;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : state === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
