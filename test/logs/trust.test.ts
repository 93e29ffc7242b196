/** Restricted mode: the receiver and the file tail do not start in an untrusted workspace (client/src/logs/trust.ts). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TrustGate } from '../../client/src/logs/trust';

describe('live logs in untrusted workspaces', () => {
  it('refuses the receiver with a clear message and starts it once trust is granted', () => {
    let trusted = false;
    let starts = 0;
    const gate = new TrustGate(() => trusted);
    const refused = gate.request('receiver', () => starts++, true);
    assert.match(refused ?? '', /receiver is off in untrusted workspaces/);
    assert.equal(starts, 0);
    gate.granted(); // a grant event while still untrusted (should not happen) starts nothing
    assert.equal(starts, 0);
    trusted = true;
    gate.granted();
    assert.equal(starts, 1);
    gate.granted();
    assert.equal(starts, 1, 'started once');
    assert.equal(gate.request('receiver', () => starts++, true), undefined);
    assert.equal(starts, 2, 'trusted: starts at once');
  });

  it('refuses the file tail with a clear message and does not start it later by itself', () => {
    let trusted = false;
    let starts = 0;
    const gate = new TrustGate(() => trusted);
    assert.match(gate.request('tail', () => starts++) ?? '', /Tailing a log file is off in untrusted workspaces/);
    trusted = true;
    gate.granted();
    assert.equal(starts, 0);
    assert.equal(gate.request('tail', () => starts++), undefined);
    assert.equal(starts, 1);
  });

  it('package.json declares limited support and restricts the receiver address settings', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const cap = pkg.capabilities.untrustedWorkspaces;
    assert.equal(cap.supported, 'limited');
    assert.match(cap.description, /receiver and the log file tail are off in untrusted workspaces/);
    assert.deepEqual(cap.restrictedConfigurations, ['o11yLint.logs.host', 'o11yLint.logs.port']);
    for (const key of cap.restrictedConfigurations) assert.ok(pkg.contributes.configuration.properties[key], key);
  });

  it('the extension gates both the receiver and the tail command through the TrustGate', () => {
    // index.ts needs the editor to run; this makes sure the wiring is not lost in a refactor.
    const src = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'client', 'src', 'logs', 'index.ts'), 'utf8');
    assert.match(src, /gate\.request\('receiver'/);
    assert.match(src, /gate\.request\('tail'/);
    assert.match(src, /onDidGrantWorkspaceTrust\(\(\) => gate\.granted\(\)\)/);
  });
});
