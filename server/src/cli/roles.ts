/** `o11y-lint roles [paths]`: each file's role and the evidence for it (docs/roles.md), as text or JSON. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, initAnalyzer } from '../analysis/engine';
import { projectView, SnapshotModules } from '../analysis/project/modules';
import type { RolesArgs } from './args';
import { findFiles } from './files';
import { firstPass } from './firstPass';
import { settingsResolver } from './settings';

interface Io { out(s: string): void; err(s: string): void }

export async function roles(args: RolesArgs, io: Io): Promise<number> {
  const cwd = process.cwd();
  const { settingsFor, problems } = settingsResolver(cwd, args.config);
  let failed = false;
  const files = findFiles(args.paths, { cwd, settingsFor, onWarning: (m) => { io.err(`o11y-lint: ${m}`); failed = true; } });
  if (problems.length) {
    for (const { file, problem } of problems) io.err(`${path.relative(cwd, file) || file}: ${problem.path ? problem.path + ': ' : ''}${problem.message}`);
    io.err('o11y-lint: fix the configuration above.');
    return 2;
  }
  await initAnalyzer();
  const source = new SnapshotModules(firstPass(files.filter((f) => f.languageId !== 'yaml').map((f) => f.abs), cwd));
  const rows: { file: string; role: string | null; reason: string }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file.abs, 'utf8');
    } catch (error) {
      io.err(`${file.display}: cannot read (${(error as Error).message})`);
      failed = true;
      continue;
    }
    const { settings, root } = settingsFor(file.abs);
    const result = analyze({ text, languageId: file.languageId, filename: file.abs, settings, root, only: new Set(), project: projectView(file.abs, source) });
    rows.push({ file: file.display, role: result.role?.role ?? null, reason: result.role?.reason ?? result.skipped?.message ?? '' });
  }
  if (args.format === 'json') io.out(JSON.stringify({ version: 1, files: rows }, null, 2) + '\n');
  else {
    const width = Math.max(4, ...rows.map((r) => (r.role ?? '-').length));
    for (const r of rows) io.out(`${(r.role ?? '-').padEnd(width)}  ${r.file}  (${r.reason})\n`);
  }
  return failed ? 2 : 0;
}
