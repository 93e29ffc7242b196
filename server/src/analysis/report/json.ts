import type { FileReport } from './model';

/**
 * `--format json`: 1-based lines and columns (UTF-16), end column exclusive, sorted; `files`
 * lists every analyzed file with its role and the reason (docs/roles.md).
 */
export function formatJson(reports: readonly FileReport[]): string {
  const findings = reports.flatMap((r) =>
    r.findings.map((f) => ({
      file: r.file,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe })),
    })),
  );
  const files = reports.map((r) => ({ file: r.file, ...(r.role ? { role: r.role.role, roleReason: r.role.reason } : {}) }));
  return JSON.stringify({ version: 1, findings, files }) + '\n';
}
