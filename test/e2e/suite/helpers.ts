/** Condition waits and small helpers for the tests that run inside the extension host. */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'o11y-lint.o11y-lint';

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** Polls `probe` (and re-checks on every diagnostics change) until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (e) { last = e; }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => { sub.dispose(); clearTimeout(t); resolve(); });
      const t = setTimeout(() => { sub.dispose(); resolve(); }, 100);
    });
  }
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'o11y-lint');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Waits until the file has a diagnostic of `rule` and returns it. */
export function diagnostic(uri: vscode.Uri, rule: string, timeoutMs?: number): Promise<vscode.Diagnostic> {
  return waitFor(() => ours(uri).find((d) => codeOf(d) === rule), `a ${rule} diagnostic in ${vscode.workspace.asRelativePath(uri)}`, timeoutMs);
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(doc);
}

/** Throws away unsaved changes of the active editor and closes it. */
export async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}
