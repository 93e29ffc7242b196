/** One file of `o11y-lint check`: read, fix if asked, analyze. Used in the main thread and in workers alike. */
import * as fs from 'node:fs';
import { analyze } from '../analysis/engine';
import { fixAll } from '../analysis/fixes/apply';
import type { MetricNames } from '../analysis/metrics';
import { projectView, type ModuleSource } from '../analysis/project/modules';
import type { FileReport } from '../analysis/report/model';
import type { FoundFile } from './files';
import type { FileSettings } from './settings';

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

export function checkFile(file: FoundFile, { settings, root }: FileSettings, options: CheckOptions): FileOutcome {
  const outcome: FileOutcome = { stderr: [], failed: false };
  let text: string;
  try {
    text = fs.readFileSync(file.abs, 'utf8');
  } catch (error) {
    outcome.stderr.push(`${file.display}: cannot read (${(error as Error).message})`);
    outcome.failed = true;
    return outcome;
  }
  const project = options.project && projectView(file.abs, options.project);
  const run = (t: string) => analyze({ text: t, languageId: file.languageId, filename: file.abs, settings, root, only: options.only, project,
    collectMetrics: file.languageId !== 'yaml', workspaceMetrics: options.workspaceMetrics,
    onRuleError: (rule, e) => { outcome.stderr.push(`${file.display}: rule ${rule} failed: ${(e as Error).stack ?? e}`); outcome.failed = true; } });
  if (options.fix || options.unsafeFixes) {
    const result = fixAll(text, (t) => run(t).findings, options.unsafeFixes);
    if (result.text !== text) {
      fs.writeFileSync(file.abs, result.text);
      text = result.text;
    }
  }
  const result = run(text);
  if (result.metrics) outcome.metrics = result.metrics;
  if (result.skipped) outcome.stderr.push(`${file.display}: ${result.skipped.message}`);
  if (result.stoppedEarly) outcome.stderr.push(`${file.display}: ${result.stoppedEarly.message}`);
  outcome.report = { file: file.display, findings: result.findings, skipped: result.skipped, role: result.role };
  return outcome;
}
