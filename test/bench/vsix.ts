/**
 * Figure 6, the extension: `.vsix` size from `vsce package` (`npm run package` when the project defines
 * it), and activation time, which the e2e harness measures in a real VS Code (`npm run test:e2e`
 * writes out/e2e/activation.json; shown here when present).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mb, progress, runFigure, type Row } from './table';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const F = '6 extension';

function vsixRow(): Row {
  const out = path.join(os.tmpdir(), `o11y-lint-bench-${process.pid}.vsix`);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const how = pkg.scripts?.package ? "npm run package" : "vsce package --allow-missing-repository --no-rewrite-relative-links";
  progress(`vsix: ${how}`);
  const r = pkg.scripts?.package
    ? spawnSync('npm', ['run', 'package', '--', '--out', out], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    : spawnSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0 || !fs.existsSync(out)) {
    // eslint-disable-next-line no-control-regex
    const reason = `${r.stdout ?? ''}${r.stderr ?? ''}`.replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((l) => /ERROR|Error/.test(l))?.trim() ?? `exit ${r.status}`;
    return { figure: F, what: `.vsix size (${how})`, value: 'not measured', baseline: `packaging failed: ${reason}`, ratio: '', target: '', verdict: '' };
  }
  const size = fs.statSync(out).size;
  const files = /Packaged: .*\((\d+) files/.exec(`${r.stdout}`)?.[1];
  fs.rmSync(out, { force: true });
  return { figure: F, what: `.vsix size (${how})${files ? `, ${files} files` : ''}`, value: mb(size), baseline: '', ratio: '', target: '', verdict: '' };
}

function activationRow(): Row {
  const file = path.join(ROOT, 'out', 'e2e', 'activation.json');
  if (!fs.existsSync(file)) return { figure: F, what: 'activation time (until the client has started the server)', value: 'measured by npm run test:e2e', baseline: `${path.relative(ROOT, file)} not present`, ratio: '', target: '', verdict: '' };
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { activationMs: number; vscode: string; at: string };
  return { figure: F, what: `activation time in VS Code ${data.vscode} (activate() → language client ready), from the last npm run test:e2e at ${data.at.slice(0, 16)}`, value: `${data.activationMs} ms`, baseline: '', ratio: '', target: '', verdict: '' };
}

async function figure(): Promise<Row[]> {
  return [vsixRow(), activationRow()];
}

if (require.main === module) runFigure(figure);
export { figure };
