/**
 * Over LSP, the warnings the server shows for bad configuration quote the workspace's keys and values; a key
 * shaped like a VS Code command link must reach the client as text, never as a live link.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startInTempWorkspace, stopAndRemove, type TestClient } from './client';

/** VS Code's notification link syntax, as in vs/base/common/linkedText.ts (LINK_REGEX). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
const KEY = '[Fix](command:workbench.action.terminal.new)';

describe('LSP: untrusted text in window/showMessage', () => {
  let client: TestClient;
  let workspace: string;

  before(async () => ({ client, workspace } = await startInTempWorkspace('o11y-lsp-messages-')));
  after(() => stopAndRemove(client, workspace));

  it('a .o11ylint.json key and an editor setting shaped like a command link are shown as text', async () => {
    fs.writeFileSync(path.join(workspace, '.o11ylint.json'), JSON.stringify({ [KEY]: true, maskHelper: "[Run](command:workbench.action.terminal.new)'#x" }, null, 2));
    client.settings = { [`[Open](command:workbench.action.terminal.new)`]: 1 };
    const uri = pathToFileURL(path.join(workspace, 'app.py')).href;
    client.open(uri, 'python', 'print(1)\n');
    await client.diagnostics(uri);
    const config = await client.waitFor('the config file warning', () => client.messages.find((m) => m.message.includes('.o11ylint.json has')));
    const editor = await client.waitFor('the editor settings warning', () => client.messages.find((m) => m.message.startsWith('o11y-lint settings:')));
    for (const m of [config, editor]) {
      assert.doesNotMatch(m.message, VSCODE_LINK, m.message);
      assert.ok(m.message.includes('command:workbench.action.terminal.new'), `the key is still quoted: ${m.message}`);
    }
    // The Problems panel shows plain text (no link rendering); the diagnostics name the key as written.
    const diagnostics = await client.diagnostics(pathToFileURL(path.join(workspace, '.o11ylint.json')).href, undefined);
    assert.ok(diagnostics.some((d) => String(d.message).includes(KEY)), JSON.stringify(diagnostics));
    assert.ok(diagnostics.some((d) => /maskHelper. must be a Python module path/.test(String(d.message))), JSON.stringify(diagnostics));
  });
});
