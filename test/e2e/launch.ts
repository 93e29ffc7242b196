/**
 * `npm run test:e2e`: packages the extension, installs the .vsix into the VS Code server bundled with
 * code-server, opens the workbench in headless Chromium with the suite as extensionTestsPath, waits for
 * the results file, then runs the UI checks (test/e2e/ui.ts). Every process it starts is killed by PID.
 * Prerequisites missing → one line and exit 0 (exit 1 when O11Y_E2E_REQUIRED=1, as in .ci/run).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, EXTENSION_ID, missingPrerequisites, OUT, ROOT, SERVER_LISTENING, SERVER_MAIN, SERVER_NODE, serverDirArgs, vsixPath } from './paths';
import { startUntil, stopAll, type Started } from './processes';
import type { SuiteResults } from './suite/index';
import { runUiChecks } from './ui';
import { copyWorkspace, freePort } from './workspace';

const RUN = path.join(ROOT, '.cache', 'e2e', 'run');
const SUITE_TIMEOUT_MS = 5 * 60_000;
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--window-size=1440,900'];

function say(line: string): void {
  process.stdout.write(`e2e: ${line}\n`);
}

const RUN_DIRS = ['serverData', 'userData', 'extensions', 'xdgConfig', 'xdgData', 'tmp', 'chromium'] as const;

/** A fresh run folder: profiles, XDG dirs, TMPDIR and a copy of the test workspace (tests edit it). */
function prepareRun(logsPort: number) {
  fs.rmSync(RUN, { recursive: true, force: true });
  const dirs = Object.fromEntries(RUN_DIRS.map((d) => [d, path.join(RUN, d)])) as Record<(typeof RUN_DIRS)[number], string>;
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const workspace = path.join(RUN, 'workspace');
  copyWorkspace(workspace, logsPort);
  return { ...dirs, workspace, results: path.join(RUN, 'results.json'), uiDone: path.join(RUN, 'ui-done'), log: path.join(RUN, 'log.txt') };
}

async function waitForFile(file: string, timeoutMs: number, alive: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && alive()) {
    if (fs.existsSync(file)) return true;
    await new Promise((r) => setTimeout(r, 250)); // polls the condition; not a fixed wait
  }
  return fs.existsSync(file);
}

async function main(): Promise<number> {
  const missing = missingPrerequisites();
  if (missing) {
    const required = process.env.O11Y_E2E_REQUIRED === '1';
    say(`${required ? 'FAILED (O11Y_E2E_REQUIRED=1), cannot run' : 'skipped'}: missing ${missing}`);
    return required ? 1 : 0;
  }
  const updateDocs = process.argv.includes('--update-screenshots');
  const started = Date.now();
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const vsix = vsixPath();
  say(`packaged ${path.basename(vsix)} (${(fs.statSync(vsix).size / 1024 / 1024).toFixed(2)} MB)`);

  const logsPort = await freePort();
  const run = prepareRun(logsPort);
  fs.mkdirSync(OUT, { recursive: true });
  fs.rmSync(path.join(OUT, 'activation.json'), { force: true });
  const logStream = fs.createWriteStream(run.log);
  const log = (line: string) => logStream.write(line + '\n');
  const env: NodeJS.ProcessEnv = {
    ...process.env, XDG_CONFIG_HOME: run.xdgConfig, XDG_DATA_HOME: run.xdgData, TMPDIR: run.tmp,
    O11Y_E2E_RESULTS: run.results, O11Y_E2E_UI_DONE: run.uiDone, O11Y_E2E_OUT: OUT,
  };
  const serverArgs = serverDirArgs(run);
  execFileSync(SERVER_NODE, [SERVER_MAIN, ...serverArgs, '--install-extension', vsix], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });

  let server: Started | undefined;
  let browser: Browser | undefined;
  let chrome: Started | undefined;
  const failures: string[] = [];
  try {
    server = await startUntil(SERVER_NODE, [SERVER_MAIN, ...serverArgs, '--host', '127.0.0.1', '--port', '0', '--without-connection-token',
      '--enable-smoke-test-driver', '--reconnection-grace-time', '5', '--disable-telemetry',
      // Trusted, so the OTLP receiver may start (it is off in untrusted workspaces).
      '--disable-workspace-trust'], env, SERVER_LISTENING, 60_000, (l) => log(`[server] ${l}`));
    const port = Number(server.match[1]);
    let serverAlive = true;
    server.child.on('exit', () => (serverAlive = false));

    chrome = await startUntil(CHROMIUM, [...CHROMIUM_FLAGS, `--user-data-dir=${run.chromium}`, '--remote-debugging-port=0', 'about:blank'], env,
      /DevTools listening on (ws:\/\/\S+)/, 60_000, (l) => log(`[chromium] ${l}`));
    browser = await chromium.connectOverCDP(chrome.match[1]);
    const context = browser.contexts()[0];
    const page = context.pages()[0] ?? await context.newPage();
    page.on('console', (m) => log(`[console.${m.type()}] ${m.text()}`));

    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
    // The installed .vsix's folder is the development extension: the tests exercise exactly the packaged files.
    // (Installed extensions are not loaded next to a development extension in the web workbench.)
    const installed = fs.readdirSync(run.extensions).find((d) => d.toLowerCase().startsWith(EXTENSION_ID.toLowerCase() + '-'));
    if (!installed) throw new Error(`the .vsix did not install into ${run.extensions}`);
    const payload = [['extensionDevelopmentPath', remote(path.join(run.extensions, installed))], ['extensionTestsPath', remote(path.join(__dirname, 'suite', 'index.js'))]];
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(run.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

    if (!await waitForFile(run.results, SUITE_TIMEOUT_MS, () => serverAlive)) {
      failures.push(`no results file within ${SUITE_TIMEOUT_MS / 1000}s (${serverAlive ? 'suite hung or never started' : 'the server exited'})`);
      const partial = run.results + '.part';
      if (fs.existsSync(partial)) report(JSON.parse(fs.readFileSync(partial, 'utf8')) as SuiteResults, failures);
    } else {
      report(JSON.parse(fs.readFileSync(run.results, 'utf8')) as SuiteResults, failures);
      try {
        failures.push(...await runUiChecks(page, { screenshots: path.join(OUT, 'screenshots'), docsImages: updateDocs ? path.join(ROOT, 'docs', 'images') : undefined, log: say }));
      } finally {
        fs.writeFileSync(run.uiDone, ''); // lets run() return, which ends the extension host
      }
    }
  } catch (e) {
    failures.push(`harness: ${(e as Error).stack ?? e}`);
  } finally {
    await browser?.close().catch(() => undefined);
    chrome?.stop();
    server?.stop();
    stopAll();
    logStream.end();
  }
  if (failures.length) {
    for (const f of failures) say(`FAILED ${f}`);
    say(`log of the server, browser console and extension host: ${path.relative(ROOT, run.log)}`);
    return 1;
  }
  say(`all passed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return 0;
}

function report(results: SuiteResults, failures: string[]): void {
  for (const t of results.passed) say(`  ok   ${t}`);
  for (const f of results.failed) failures.push(`${f.title}\n${f.error}`);
  if (!results.passed.length && !results.failed.length) failures.push('the suite ran no tests');
}

main().then((code) => process.exit(code), (e) => { process.stderr.write(`e2e: ${(e as Error).stack ?? e}\n`); stopAll(); process.exit(1); });
