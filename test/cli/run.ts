/** Runs the bundled CLI (dist/cli.js) as a user would, colours off; shared by the CLI tests. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
/** The CLI fixture project: config, .gitignore, code and YAML rules. */
export const PROJECT = path.join(ROOT, 'test', 'fixtures', 'cli', 'project');

export function cli(args: string[], cwd = PROJECT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
