/** `o11y-lint`: the same analyzer as the editor, for CI. See `o11y-lint --help`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, UsageError, USAGE, type CheckArgs } from './cli/args';
import { findFiles } from './cli/files';
import { tail } from './cli/tail';
import { findConfigFile, loadConfigFile, mergeSettings, type ConfigProblem } from './analysis/config';
import { analyze, initAnalyzer } from './analysis/engine';
import { fixAll } from './analysis/fixes/apply';
import { RULES, RULE_IDS } from './analysis/registry';
import { ruleLanguages } from './analysis/rule';
import type { Settings } from './analysis/settings';
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
      const rows = RULES.map((r) => ({ id: r.id, languages: ruleLanguages(r), defaultSeverity: r.defaultSeverity, fixable: r.hasFix, docs: `docs/rules/${r.id}.md` }));
      if (args.format === 'json') out(JSON.stringify(rows, null, 2) + '\n');
      else for (const r of rows) out(`${r.id.padEnd(28)} ${r.languages.join(',').padEnd(6)} ${r.defaultSeverity.padEnd(8)} ${r.fixable ? 'fix' : '   '}  ${r.docs}\n`);
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
  const configProblems: { file: string; problem: ConfigProblem }[] = [];
  const configCache = new Map<string, { settings: Settings; root: string }>();
  const load = (file: string | undefined, root: string) => {
    if (!file) return { settings: mergeSettings(), root };
    const loaded = loadConfigFile(file);
    for (const problem of loaded.problems) configProblems.push({ file, problem });
    return { settings: mergeSettings(loaded.raw), root: path.dirname(file) };
  };
  let fixed: { settings: Settings; root: string } | undefined;
  if (args.config) {
    const file = path.resolve(cwd, args.config);
    if (!fs.existsSync(file)) throw new UsageError(`--config: ${args.config} does not exist`);
    fixed = load(file, cwd);
  }
  const settingsFor = (abs: string) => {
    if (fixed) return fixed;
    const dir = path.dirname(abs);
    let entry = configCache.get(dir);
    if (!entry) {
      const file = findConfigFile(dir);
      entry = (file && configCache.get(`file:${file}`)) || load(file, cwd);
      if (file) configCache.set(`file:${file}`, entry);
      configCache.set(dir, entry);
    }
    return entry;
  };
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
  const ordered = [...files.filter((f) => f.languageId !== 'yaml'), ...files.filter((f) => f.languageId === 'yaml')];
  const workspaceMetrics = { names: [] as string[], prefixes: [] as string[] };
  for (const file of ordered) {
    const { settings, root } = settingsFor(file.abs);
    let text: string;
    try {
      text = fs.readFileSync(file.abs, 'utf8');
    } catch (error) {
      err(`${file.display}: cannot read (${(error as Error).message})`);
      failed = true;
      continue;
    }
    const run = (t: string) => analyze({ text: t, languageId: file.languageId, filename: file.abs, settings, root, only,
      collectMetrics: file.languageId !== 'yaml', workspaceMetrics,
      onRuleError: (rule, e) => { err(`${file.display}: rule ${rule} failed: ${(e as Error).stack ?? e}`); failed = true; } });
    if (args.fix || args.unsafeFixes) {
      const result = fixAll(text, (t) => run(t).findings, args.unsafeFixes);
      if (result.text !== text) {
        fs.writeFileSync(file.abs, result.text);
        text = result.text;
      }
    }
    const result = run(text);
    if (result.metrics) {
      workspaceMetrics.names.push(...result.metrics.names);
      workspaceMetrics.prefixes.push(...result.metrics.prefixes);
    }
    if (result.skipped) err(`${file.display}: ${result.skipped.message}`);
    if (result.stoppedEarly) err(`${file.display}: ${result.stoppedEarly.message}`);
    reports.push({ file: file.display, findings: result.findings, skipped: result.skipped });
  }
  const sorted = sortReports(reports);
  if (args.format === 'json') out(formatJson(sorted));
  else if (args.format === 'sarif') out(formatSarif(sorted, { version: VERSION, cwd, readDocs: (id) => (fs.existsSync(ruleDocsPath(id)) ? fs.readFileSync(ruleDocsPath(id), 'utf8') : undefined) }));
  else out(formatText(sorted, args.color));
  if (failed) return 2;
  const serious = reports.some((r) => r.findings.some((f) => f.severity === 'error' || f.severity === 'warning'));
  return serious && !args.exitZero ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof UsageError) err(`o11y-lint: ${error.message}\n\n${USAGE}`);
    else err(`o11y-lint: internal error: ${(error as Error)?.stack ?? String(error)}`);
    process.exitCode = 2;
  },
);
