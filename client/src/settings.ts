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

export interface LogsSettings {
  port: number;
  /** Loopback by default; another address only when the user sets it. */
  host: string;
  maxRecords: number;
}

export function readLogsSettings(): LogsSettings {
  const c = vscode.workspace.getConfiguration('o11yLint.logs');
  const port = c.get<number>('port', 4318);
  const maxRecords = c.get<number>('maxRecords', 10_000);
  return {
    port: Number.isInteger(port) && port >= 0 && port <= 65535 ? port : 4318,
    host: c.get<string>('host', '127.0.0.1') || '127.0.0.1',
    maxRecords: Number.isInteger(maxRecords) && maxRecords >= 100 ? Math.min(maxRecords, 1_000_000) : 10_000,
  };
}
