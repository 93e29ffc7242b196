/**
 * Entry point loaded by VS Code as `extensionTestsPath` (code-server's server in `npm run test:e2e`,
 * @vscode/test-electron in `npm run test:vscode-desktop`). Runs the mocha suites inside the extension
 * host and writes the results to $O11Y_E2E_RESULTS: a failing run() changes no exit code in the browser.
 * When run() returns the extension host ends, so with $O11Y_E2E_UI_DONE set it first waits for that file:
 * the launcher's UI checks need the extension alive.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResults { passed: string[]; failed: { title: string; error: string }[]; done: boolean }

const UI_TIMEOUT_MS = 5 * 60_000;

async function untilExists(file: string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (file && !fs.existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200)); // polls the condition
}

export function run(): Promise<void> {
  const resultsFile = process.env.O11Y_E2E_RESULTS;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, file));
  const results: SuiteResults = { passed: [], failed: [], done: false };
  const write = () => { if (resultsFile) fs.writeFileSync(resultsFile + '.part', JSON.stringify(results, null, 2)); };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      results.done = true;
      write();
      if (resultsFile) fs.renameSync(resultsFile + '.part', resultsFile);
      void untilExists(process.env.O11Y_E2E_UI_DONE, UI_TIMEOUT_MS).then(() => {
        if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
        else resolve();
      });
    });
    runner.on('pass', (t) => { results.passed.push(t.fullTitle()); write(); });
    runner.on('fail', (t, err: Error) => { results.failed.push({ title: t.fullTitle(), error: err.stack ?? String(err) }); write(); });
  });
}
