/**
 * `npm run test:vscode-desktop`: the same extension-host suite (test/e2e/suite) in desktop VS Code via
 * @vscode/test-electron, for machines that can download VS Code. It runs the development folder (not the
 * .vsix). Exits 1 when VS Code cannot be downloaded: a test command that ran nothing must not look green.
 * Not part of `npm test` (offline CI uses code-server: npm run test:e2e).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests, SilentReporter } from '@vscode/test-electron';
import { ROOT } from './paths';
import type { SuiteResults } from './suite/index';
import { copyWorkspace, freePort } from './workspace';

async function main(): Promise<number> {
  const run = path.join(ROOT, '.cache', 'e2e', 'desktop-run');
  fs.rmSync(run, { recursive: true, force: true });
  const workspace = path.join(run, 'workspace');
  copyWorkspace(workspace, await freePort());
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { vscode: string } }).engines.vscode.replace(/^\^/, '');
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: path.join(ROOT, '.cache', 'e2e', 'vscode-test'), timeout: 30_000, reporter: new SilentReporter() });
  } catch (e) {
    process.stdout.write(`test:vscode-desktop: cannot download VS Code ${version} (${(e as Error).message.split('\n')[0]}); this needs internet access: use npm run test:e2e offline\n`);
    return 1;
  }
  const results = path.join(run, 'results.json');
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${path.join(run, 'user-data')}`],
      extensionTestsEnv: { O11Y_E2E_RESULTS: results, O11Y_E2E_OUT: path.join(ROOT, 'out', 'e2e') },
    });
  } catch (e) {
    process.stdout.write(`test:vscode-desktop: ${(e as Error).message}\n`);
  }
  if (!fs.existsSync(results)) return 1;
  const r = JSON.parse(fs.readFileSync(results, 'utf8')) as SuiteResults;
  for (const t of r.passed) process.stdout.write(`  ok   ${t}\n`);
  for (const f of r.failed) process.stdout.write(`  FAILED ${f.title}\n${f.error}\n`);
  return r.failed.length || !r.passed.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => { process.stderr.write(`test:vscode-desktop: ${(e as Error).stack ?? e}\n`); process.exit(1); });
