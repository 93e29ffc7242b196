import type { Severity } from '../types';
import type { FileReport } from './model';

/** `--format text`: `file:line:col: severity [rule] message`, then a summary line. */
export function formatText(reports: readonly FileReport[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const colors: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '2' };
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixable = 0;
  const lines: string[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      counts[f.severity]++;
      const safe = f.fixes.some((x) => x.safe);
      if (safe) fixable++;
      const where = `${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${paint('1', where)}: ${paint(colors[f.severity], f.severity)} [${f.rule}] ${f.message}${safe ? ' [*]' : ''}`);
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return `No problems found in ${reports.length} file${reports.length === 1 ? '' : 's'}.\n`;
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((s) => counts[s]).map((s) => `${counts[s]} ${s}${counts[s] === 1 ? '' : 's'}`);
  lines.push('', `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${reports.length} file${reports.length === 1 ? '' : 's'}.`);
  if (fixable) lines.push(`${fixable} fixable with --fix ([*]).`);
  return lines.join('\n') + '\n';
}
