/** The ONLY place that reads VS Code settings on the client side (the server pulls its own per resource). */
import * as vscode from 'vscode';

export interface ClientSettings {
  /** Turns the extension's analysis off without uninstalling it. */
  enable: boolean;
}

export function readClientSettings(): ClientSettings {
  const config = vscode.workspace.getConfiguration('o11yLint');
  return { enable: config.get<boolean>('enable', true) };
}
