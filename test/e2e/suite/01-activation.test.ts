/** Activation (activate() until the language client is ready), timed for `npm run bench`. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('activates and starts the language server', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    const wasActive = ext.isActive;
    const start = performance.now();
    await ext.activate(); // resolves once activate() has awaited the language client's start
    const activationMs = performance.now() - start;
    assert.ok(ext.isActive);
    const out = process.env.O11Y_E2E_OUT;
    if (out && !wasActive) {
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, 'activation.json'), JSON.stringify({ activationMs: Math.round(activationMs), vscode: vscode.version, at: new Date().toISOString() }, null, 2) + '\n');
    }
  });
});
