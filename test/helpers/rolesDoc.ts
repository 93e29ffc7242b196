/**
 * The generated parts of docs/roles.md (the path evidence and which rules apply to which role),
 * built from roles.ts and the registry; the meta-test checks the page holds exactly these.
 * `node out/test/helpers/rolesDoc.js` prints them.
 */
import { PATH_EVIDENCE } from '../../server/src/analysis/project/roles';
import { FILE_ROLES } from '../../server/src/analysis/project/view';
import { RULES } from '../../server/src/analysis/registry';
import { ruleLanguages } from '../../server/src/analysis/rule';

export const MARKERS = { paths: ['<!-- generated: path evidence -->', '<!-- end: path evidence -->'], rules: ['<!-- generated: rules by role -->', '<!-- end: rules by role -->'] } as const;

export function pathEvidenceTable(): string {
  const rows = PATH_EVIDENCE.map((e) => `| \`${e.role}\` | ${e.what} | ${e.globs.map((g) => `\`${g}\``).join(' ')} |`);
  return ['| role | what | globs (the first row that matches decides) |', '|---|---|---|', ...rows].join('\n');
}

export function rulesByRoleTable(): string {
  const head = `| rule | ${FILE_ROLES.join(' | ')} |`;
  const sep = `|---|${FILE_ROLES.map(() => ':-:').join('|')}|`;
  const cells = (roles: readonly string[]) => FILE_ROLES.map((role) => (roles.includes(role) ? '✓' : '·')).join(' | ');
  const yamlOnly = (r: (typeof RULES)[number]) => ruleLanguages(r).join() === 'yaml';
  const rows = RULES.filter((r) => !yamlOnly(r)).map((r) => `| [${r.id}](rules/${r.id}.md) | ${cells(r.roles)} |`);
  // The YAML rules share one row when they all apply everywhere (they check rule and SLO files, not code).
  const yaml = RULES.filter(yamlOnly);
  if (yaml.every((r) => r.roles.length === FILE_ROLES.length)) rows.push(`| the ${yaml.length} YAML rules (${yaml.map((r) => `[${r.id}](rules/${r.id}.md)`).join(', ')}) | ${cells(FILE_ROLES)} |`);
  else rows.push(...yaml.map((r) => `| [${r.id}](rules/${r.id}.md) | ${cells(r.roles)} |`));
  return [head, sep, ...rows].join('\n');
}

/** The text between a pair of markers. */
export function between(markdown: string, [start, end]: readonly [string, string]): string | undefined {
  const i = markdown.indexOf(start);
  const j = markdown.indexOf(end);
  return i < 0 || j < i ? undefined : markdown.slice(i + start.length, j).trim();
}

if (require.main === module) process.stdout.write(`${pathEvidenceTable()}\n\n${rulesByRoleTable()}\n`);
