/** One file of `o11y-lint check`: read, fix if asked, analyze. Used in the main thread and in workers alike. */
import { analyze, tooLargeSkip } from '../analysis/engine';
import { fixAll } from '../analysis/fixes/apply';
import type { MetricNames } from '../analysis/metrics';
import { projectView, type ModuleSource } from '../analysis/project/modules';
import type { FileReport } from '../analysis/report/model';
import type { FoundFile } from './files';
import { readRegularFile } from '../analysis/readFile';
import type { FileSettings } from './settings';
import { replaceFile } from './writeFile';

export interface CheckOptions {
  only?: ReadonlySet<string>;
  fix: boolean;
  unsafeFixes: boolean;
  /** Metric names the code registers; YAML rule and SLO files are checked against them. */
  workspaceMetrics: MetricNames;
  /** What the first pass learnt about the project (imports of its own modules, manifest roles). */
  project?: ModuleSource;
}

/** What a file contributes to the output; stderr lines are printed in file order by the caller. */
export interface FileOutcome {
  report?: FileReport;
  metrics?: MetricNames;
  stderr: string[];
  failed: boolean;
}

export function checkFile(file: FoundFile, fileSettings: FileSettings, options: CheckOptions): FileOutcome {
  try {
    return checkRead(file, fileSettings, options);
  } catch (error) {
    // One file's internal error is that file's error: the run goes on and prints its report.
    return { stderr: [`${file.display}: internal error: ${(error as Error)?.stack ?? String(error)}`], failed: true };
  }
}

function checkRead(file: FoundFile, { settings, root }: FileSettings, options: CheckOptions): FileOutcome {
  const outcome: FileOutcome = { stderr: [], failed: false };
  const read = readRegularFile(file.abs, settings.maxFileSize);
  if (!read.ok) {
    if (read.failure === 'too-large') {
      // Most YAML files are not ours (manifests, CI configs): like the analyzer, never show them a skip message.
      if (file.languageId === 'yaml') return { ...outcome, report: { file: file.display, findings: [] } };
      // Not read at all: the same skip the analyzer gives a text over maxFileSize.
      const skipped = tooLargeSkip(read.size ?? 0, settings.maxFileSize);
      outcome.stderr.push(`${file.display}: ${skipped.message}`);
      outcome.report = { file: file.display, findings: [], skipped };
      return outcome;
    }
    outcome.stderr.push(`${file.display}: cannot read (${read.message})`);
    outcome.failed = true;
    return outcome;
  }
  let text = read.text;
  const project = options.project && projectView(file.abs, options.project);
  const run = (t: string) => analyze({ text: t, languageId: file.languageId, filename: file.abs, settings, root, only: options.only, project,
    collectMetrics: file.languageId !== 'yaml', workspaceMetrics: options.workspaceMetrics,
    onRuleError: (rule, e) => { outcome.stderr.push(`${file.display}: rule ${rule} failed: ${(e as Error).stack ?? e}`); outcome.failed = true; } });
  if (options.fix || options.unsafeFixes) {
    const result = fixAll(text, run, options.unsafeFixes, { languageId: file.languageId });
    if (result.stopped === 'passes') outcome.stderr.push(`${file.display}: --fix stopped after ${result.passes} passes; run it again to apply the fixes left.`);
    if (result.stopped === 'syntax') outcome.stderr.push(`${file.display}: --fix: ${result.passes > 1 ? 'the last pass of fixes was not applied: it left' : 'not applied: the file has'} syntax errors.`);
    if (result.stopped === 'budget') outcome.stderr.push(`${file.display}: --fix applied only the fixes found before the analysis stopped early (o11yLint.analysisWorkBudget).`);
    if (result.text !== text) {
      // Rewriting a file that is not UTF-8 would replace every byte that is not with U+FFFD.
      const problem = read.utf8 ? replaceFile(file.abs, result.text, read) : 'not rewritten: the file is not valid UTF-8';
      if (problem) {
        outcome.stderr.push(`${file.display}: --fix: ${problem}`);
        outcome.failed = true;
      } else {
        text = result.text;
      }
    }
  }
  const result = run(text);
  if (result.metrics) outcome.metrics = result.metrics;
  if (result.skipped) outcome.stderr.push(`${file.display}: ${result.skipped.message}`);
  if (result.stoppedEarly) outcome.stderr.push(`${file.display}: ${result.stoppedEarly.message}`);
  outcome.report = { file: file.display, findings: result.findings, skipped: result.skipped, role: result.role };
  return outcome;
}
