/** The test workspace each run edits: a fresh copy of test/e2e/workspace with the settings the suite needs. */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT } from './paths';

export function copyWorkspace(target: string, logsPort: number): void {
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), target, { recursive: true });
  fs.mkdirSync(path.join(target, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(target, '.vscode', 'settings.json'), JSON.stringify({
    'o11yLint.logs.port': logsPort,
    // The web workbench autosaves by default; the tests revert their edits instead.
    'files.autoSave': 'off',
  }, null, 2));
}

/** A port nothing listens on right now (for the OTLP receiver of this run). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
