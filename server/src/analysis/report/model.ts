import type { RoleDecision } from '../project/view';
import type { Finding, Skip } from '../types';

/** One analyzed file as the reports see it. `file` is the path to print. */
export interface FileReport {
  file: string;
  findings: Finding[];
  skipped?: Skip;
  /** The file's role and why (docs/roles.md). */
  role?: RoleDecision;
}

/** Files sorted by path, findings by line, column, rule: output is deterministic. */
export function sortReports(reports: FileReport[]): FileReport[] {
  return [...reports].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
