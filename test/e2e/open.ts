/**
 * `npm start`: opens VS Code on the bundled examples/ workspace with the packaged extension installed.
 * Desktop `code` when it is on PATH; otherwise the VS Code server of the cached code-server install
 * (test/e2e/install.sh), in the browser at the printed URL, until Ctrl+C.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, SERVER_LISTENING, SERVER_MAIN, SERVER_NODE, serverDirArgs, vsixPath } from './paths';
import { startUntil } from './processes';

const EXAMPLES = path.join(ROOT, 'examples');

async function main(): Promise<number> {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = vsixPath();
  if (spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0) {
    execFileSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
    execFileSync('code', [EXAMPLES], { stdio: 'inherit' });
    process.stdout.write(`Opened ${EXAMPLES} in VS Code with ${path.basename(vsix)} installed.\n`);
    return 0;
  }
  const installed = () => fs.existsSync(SERVER_MAIN) && fs.existsSync(SERVER_NODE);
  if (!installed()) {
    process.stdout.write('No `code` on PATH: using code-server, installing it once (test/e2e/install.sh)…\n');
    if (spawnSync(path.join(ROOT, 'test', 'e2e', 'install.sh'), { stdio: 'inherit' }).status !== 0) return 1;
  }
  if (!installed()) return 1;
  const home = path.join(ROOT, '.cache', 'e2e', 'start');
  const dirs = { serverData: path.join(home, 'server-data'), userData: path.join(home, 'user-data'), extensions: path.join(home, 'extensions'), tmp: path.join(home, 'tmp') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(home, 'xdg-config'), XDG_DATA_HOME: path.join(home, 'xdg-data'), TMPDIR: dirs.tmp };
  const common = serverDirArgs(dirs);
  execFileSync(SERVER_NODE, [SERVER_MAIN, ...common, '--install-extension', vsix, '--force'], { env, stdio: 'ignore' });
  const port = process.env.PORT ?? '0';
  const server = await startUntil(SERVER_NODE, [SERVER_MAIN, ...common, '--host', '127.0.0.1', '--port', port, '--without-connection-token', '--disable-telemetry'],
    env, SERVER_LISTENING, 60_000, () => undefined);
  process.stdout.write(`VS Code (code-server's VS Code server) with o11y-lint, on the examples/ workspace:\n\n  http://127.0.0.1:${server.match[1]}/?folder=${encodeURI(EXAMPLES)}\n\nCtrl+C stops it.\n`);
  return new Promise((resolve) => server.child.on('exit', (code) => resolve(code ?? 0)));
}

main().then((code) => process.exit(code), (e) => { process.stderr.write(`npm start: ${(e as Error).message}\n`); process.exit(1); });
