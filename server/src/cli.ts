/** `o11y-lint`: the same analyzer as the editor, for CI. See `o11y-lint --help`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, UsageError, USAGE, type CheckArgs } from './cli/args';
import { findFiles } from './cli/files';
import { tail } from './cli/tail';
import { isMainThread } from 'node:worker_threads';
import { checkFile, type FileOutcome } from './cli/checkFile';
import { settingsResolver } from './cli/settings';
import { checkInWorkers, defaultJobs, runWorker } from './cli/workers';
import { initAnalyzer } from './analysis/engine';
import { RULES, RULE_IDS } from './analysis/registry';
import { ruleLanguages } from './analysis/rule';
import { formatJson } from './analysis/report/json';
import { sortReports, type FileReport } from './analysis/report/model';
import { formatSarif } from './analysis/report/sarif';
import { formatText } from './analysis/report/text';
import { closestId } from './analysis/closest';
import { ruleDocsPath } from './ruleDocs';

const VERSION: string = (() => {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
})();

const out = (s: string) => process.stdout.write(s);
const err = (s: string) => process.stderr.write(s.endsWith('\n') ? s : s + '\n');


async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'tail') return tail(argv.slice(1));
  const args = parseArgs(argv, !!process.stdout.isTTY);
  switch (args.command) {
    case 'help': out(USAGE); return 0;
    case 'version': out(`${VERSION}\n`); return 0;
    case 'rules': {
      const rows = RULES.map((r) => ({
        id: r.id, languages: ruleLanguages(r), defaultSeverity: r.defaultSeverity, fixable: r.hasFix, docs: `docs/rules/${r.id}.md`,
        tier: r.preview ? 'preview' : 'stable', previewChecks: [...(r.previewChecks ?? [])],
      }));
      if (args.format === 'json') out(JSON.stringify(rows, null, 2) + '\n');
      else {
        for (const r of rows) {
          const checks = r.previewChecks.length ? `  (preview checks: ${r.previewChecks.join(', ')})` : '';
          out(`${r.id.padEnd(28)} ${r.languages.join(',').padEnd(6)} ${r.defaultSeverity.padEnd(8)} ${r.fixable ? 'fix' : '   '} ${r.tier.padEnd(7)}  ${r.docs}${checks}\n`);
        }
        out('Preview rules run with "preview": true (o11yLint.preview) or when "rules" gives them a severity; preview checks need "preview": true.\n');
      }
      return 0;
    }
    case 'check': return check(args);
  }
}

function checkIds(flag: string, ids: string[] | undefined): void {
  for (const id of ids ?? []) {
    if (!RULE_IDS.has(id)) {
      const s = closestId(id, RULE_IDS);
      throw new UsageError(`${flag}: unknown rule id '${id}'${s ? ` (did you mean '${s}'?)` : ''}`);
    }
  }
}

async function check(args: CheckArgs): Promise<number> {
  checkIds('--select', args.select);
  checkIds('--ignore', args.ignore);
  const cwd = process.cwd();
  const { settingsFor, problems: configProblems } = settingsResolver(cwd, args.config);
  let failed = false;
  const files = findFiles(args.paths, { cwd, settingsFor, onWarning: (m) => { err(`o11y-lint: ${m}`); failed = true; } });
  if (configProblems.length) {
    for (const { file, problem } of configProblems) err(`${path.relative(cwd, file) || file}: ${problem.path ? problem.path + ': ' : ''}${problem.message}`);
    err('o11y-lint: fix the configuration above (nothing was checked).');
    return 2;
  }
  await initAnalyzer();
  const only = args.select || args.ignore ? new Set([...(args.select ?? RULE_IDS)].filter((id) => !args.ignore?.includes(id))) : undefined;
  const reports: FileReport[] = [];
  // Code first: its metric registrations are what YAML rule and SLO files are checked against.
  const code = files.filter((f) => f.languageId !== 'yaml');
  const yaml = files.filter((f) => f.languageId === 'yaml');
  const workspaceMetrics = { names: [] as string[], prefixes: [] as string[] };
  const options = { only, fix: args.fix, unsafeFixes: args.unsafeFixes, workspaceMetrics };
  const take = (outcome: FileOutcome) => {
    for (const line of outcome.stderr) err(line);
    if (outcome.failed) failed = true;
    if (outcome.metrics) {
      workspaceMetrics.names.push(...outcome.metrics.names);
      workspaceMetrics.prefixes.push(...outcome.metrics.prefixes);
    }
    if (outcome.report) reports.push(outcome.report);
  };
  const jobs = Math.min(args.jobs ?? defaultJobs(code.length), code.length);
  if (jobs > 1) {
    const setup = { cwd, config: args.config, only: only && [...only], fix: args.fix, unsafeFixes: args.unsafeFixes };
    for (const outcome of await checkInWorkers(__filename, code, jobs, setup, (file) => checkFile(file, settingsFor(file.abs), options))) take(outcome);
  } else {
    for (const file of code) take(checkFile(file, settingsFor(file.abs), options));
  }
  for (const file of yaml) take(checkFile(file, settingsFor(file.abs), options));
  const sorted = sortReports(reports);
  if (args.format === 'json') out(formatJson(sorted));
  else if (args.format === 'sarif') out(formatSarif(sorted, { version: VERSION, cwd, readDocs: (id) => (fs.existsSync(ruleDocsPath(id)) ? fs.readFileSync(ruleDocsPath(id), 'utf8') : undefined) }));
  else out(formatText(sorted, args.color));
  if (failed) return 2;
  const serious = reports.some((r) => r.findings.some((f) => f.severity === 'error' || f.severity === 'warning'));
  return serious && !args.exitZero ? 1 : 0;
}

if (!isMainThread) void runWorker();
else main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof UsageError) err(`o11y-lint: ${error.message}\n\n${USAGE}`);
    else err(`o11y-lint: internal error: ${(error as Error)?.stack ?? String(error)}`);
    process.exitCode = 2;
  },
);
