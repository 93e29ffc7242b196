/** The language server is restarted after it crashes, and analysis works again. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { codeOf, diagnostic, EXTENSION_ID, open, ours, revertAndClose, waitFor, workspaceUri } from './helpers';

/** PIDs of the extension's language servers: children of this extension host running its dist/server.js. */
function serverPids(): number[] {
  const serverJs = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath + '/dist/server.js';
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(serverJs)) pids.push(Number(entry));
    } catch { /* the process ended meanwhile */ }
  }
  return pids;
}

describe('crash recovery', function () {
  if (process.platform !== 'linux') return; // reads /proc

  it('restarts the server after it is killed, and new edits are analyzed', async () => {
    const e = await open('src/payments.py');
    const uri = e.document.uri;
    try {
      await diagnostic(uri, 'no-print-logging');
      const [pid, ...others] = serverPids();
      assert.ok(pid, 'found the language server process');
      assert.equal(others.length, 0, 'one server');
      process.kill(pid, 'SIGKILL');
      const next = await waitFor(() => serverPids().find((p) => p !== pid), 'a new server process');
      assert.notEqual(next, pid);
      const line = e.document.lineCount - 1;
      await e.edit((b) => b.insert(new vscode.Position(line, 0), '    print("after the crash")\n'));
      await waitFor(() => ours(uri).some((d) => codeOf(d) === 'no-print-logging' && d.range.start.line === line), 'no-print-logging on the line typed after the restart');
    } finally {
      await revertAndClose();
    }
    await open('web/server.ts');
    await diagnostic(workspaceUri('web/server.ts'), 'sensitive-data-in-log');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
