/** The hover on line 1 of a code file: its role, why, and which rules stand down there (docs/roles.md). */
import { RULES } from './analysis/registry';
import { appliesTo } from './analysis/project/roles';
import type { RoleDecision } from './analysis/project/view';
import type { Lang } from './analysis/types';

export function roleHover(role: RoleDecision, lang: Lang): string {
  const rules = RULES.filter((r) => (lang === 'py' ? r.python : r.js));
  const off = rules.filter((r) => !appliesTo(r, role.role)).map((r) => `\`${r.id}\``);
  return [
    `**o11y-lint file role: \`${role.role}\`**: ${role.reason}.`,
    '',
    off.length ? `Rules that do not apply to ${role.role} files: ${off.join(', ')}.` : `Every rule applies to ${role.role} files.`,
    '',
    'Override it in `.o11ylint.json`: `"roles": { "<role>": ["<glob>"] }` (see docs/roles.md).',
  ].join('\n');
}
