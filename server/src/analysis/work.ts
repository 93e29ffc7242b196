/**
 * The analysis budget of one file, counted in units of work and never in time, so the same input gives the same
 * findings on an idle laptop and on a loaded CI machine. A unit is one syntax node visited, one node handed to
 * one rule's listener, one step of the suppression-comment check, or one line of a YAML file per YAML rule; a
 * finding in code costs REPORT_COST (its fixes are built when it is reported, which is most of a rule's work).
 * The limit is `analysisWorkBudget`; the CLI and the language server use the same setting.
 */
/** Units one reported finding costs: measured at 100-200 times a node visit (fixes are built at report time). */
export const REPORT_COST = 100;

/** The default `analysisWorkBudget`: twice what a realistic 2 MB file (45,000 lines of service code) needs. */
export const DEFAULT_WORK_BUDGET = 2_000_000;

export class WorkBudget {
  used = 0;

  constructor(readonly limit: number) {}

  /** Adds `units`; true once the budget is used up. */
  spend(units: number): boolean {
    this.used += units;
    return this.used > this.limit;
  }

  get exhausted(): boolean {
    return this.used > this.limit;
  }
}

/** Where the analysis stopped and why, for the one message the user sees. */
export type StopPoint = { line: number } | { rulesNotRun: string[] };

export function stoppedEarlyMessage(budget: number, at: StopPoint): string {
  const where = 'line' in at
    ? `at line ${at.line + 1}: findings from there on are not shown`
    : `before ${at.rulesNotRun.length === 1 ? 'rule' : 'rules'} ${at.rulesNotRun.join(', ')}, which did not run`;
  return `Analysis stopped early ${where}. The file needs more work than o11yLint.analysisWorkBudget (${budget.toLocaleString('en-US')} units) allows; raise the setting to analyze all of it.`;
}
