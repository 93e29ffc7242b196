/**
 * `npm run corpus`: runs the CLI (dist/cli.js, as users run it) over real open-source code and
 * prints, per rule, how many findings in how many files. Used to measure precision: review a
 * sample of each rule's findings (`-- --sample 10`, `-- --rule <id>`) and record the verdicts
 * in docs/precision.md. Exits 1 when any file made the analyzer fail.
 *
 *   npm run corpus                          table only
 *   npm run corpus -- --sample 10           plus 10 findings per rule, spread over the list
 *   npm run corpus -- --rule log-in-loop --sample 40   (only that rule runs)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prepareCorpus } from './sources';

interface JsonFinding { file: string; rule: string; severity: string; message: string; line: number; column: number }

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const out = (line: string) => process.stdout.write(line + '\n');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): number {
  const sample = Number(option('--sample') ?? 0);
  const onlyRule = option('--rule');
  const corpus = prepareCorpus(out);
  for (const m of corpus.missing) out(`corpus: MISSING ${m}`);
  if (!corpus.roots.length) {
    out('corpus: nothing to analyze');
    return 1;
  }
  // node_modules and site-packages are excluded by default; here they are the point.
  const config = path.join(corpus.dir, 'corpus.o11ylint.json');
  fs.writeFileSync(config, JSON.stringify({ exclude: ['**/*.d.ts', '**/*.min.js', '**/*.map'] }, null, 2));

  const findings: JsonFinding[] = [];
  const crashes: string[] = [];
  let files = 0;
  let seconds = 0;
  for (const root of corpus.roots) {
    const t0 = process.hrtime.bigint();
    const select = onlyRule ? ['--select', onlyRule] : [];
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--exit-zero', '--config', config, ...select, root.path], {
      cwd: corpus.dir, encoding: 'utf8', maxBuffer: 1 << 30,
    });
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    const stderr = run.stderr.split('\n').filter(Boolean);
    // Skipped files (minified, too large) are reported on stderr too; they are not failures.
    const failures = stderr.filter((l) => / failed: |internal error|cannot read/.test(l));
    if (run.status !== 0 || failures.length) crashes.push(`${root.name}: exit ${run.status}\n  ${(failures.length ? failures : stderr).slice(0, 5).join('\n  ')}`);
    let parsed: { findings: JsonFinding[] } = { findings: [] };
    try { parsed = JSON.parse(run.stdout); } catch { crashes.push(`${root.name}: output is not JSON`); }
    findings.push(...parsed.findings);
    files += countFiles(root.path, root.lang);
  }
  fs.writeFileSync(path.join(corpus.dir, onlyRule ? `findings-${onlyRule}.json` : 'findings.json'), JSON.stringify(findings, null, 1));

  const byRule = new Map<string, JsonFinding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  out(`\ncorpus: ${corpus.roots.length} roots, ${files} source files, ${findings.length} findings, ${seconds.toFixed(1)} s`);
  out(`${'rule'.padEnd(30)} ${'findings'.padStart(8)} ${'files'.padStart(6)}`);
  for (const [rule, list] of [...byRule].sort((a, b) => a[0].localeCompare(b[0]))) {
    out(`${rule.padEnd(30)} ${String(list.length).padStart(8)} ${String(new Set(list.map((f) => f.file)).size).padStart(6)}`);
  }
  if (sample > 0) {
    for (const [rule, list] of [...byRule].sort((a, b) => a[0].localeCompare(b[0]))) {
      if (onlyRule && rule !== onlyRule) continue;
      out(`\n## ${rule} (${Math.min(sample, list.length)} of ${list.length})`);
      const step = Math.max(1, list.length / sample);
      for (let i = 0; i < list.length && i / step < sample; i += step) {
        const f = list[Math.floor(i)];
        out(`${f.file}:${f.line}:${f.column} ${f.message.slice(0, 90)}`);
        out(`    ${sourceLine(path.resolve(corpus.dir, f.file), f.line).trim().slice(0, 160)}`);
      }
    }
  }
  out(`\ncorpus: ${crashes.length ? `${crashes.length} root(s) with failures:\n${crashes.join('\n')}` : 'no file made the analyzer fail'}`);
  return crashes.length ? 1 : 0;
}

function countFiles(dir: string, lang: 'py' | 'js'): number {
  const ext = lang === 'py' ? /\.py$/ : /(?<!\.d)\.(c|m)?[jt]sx?$/;
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && ext.test(e.name) && !e.name.endsWith('.min.js')) n++;
  return n;
}

function sourceLine(file: string, line: number): string {
  try { return fs.readFileSync(file, 'utf8').split('\n')[line - 1] ?? ''; } catch { return ''; }
}

process.exitCode = main();
