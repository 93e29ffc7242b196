/**
 * File roles (issue 14): ONE role per file, decided once from the evidence a reviewer would use,
 * and asked by every rule through `Rule.roles` (the engine skips a rule whose roles exclude the
 * file's). No rule keeps a path list of its own. docs/roles.md explains the evidence; its table
 * of which rules apply where is checked against the registry by a meta-test.
 *
 * Evidence, strongest first:
 * 1. `roles` in the settings (`.o11ylint.json` `"roles": { "cli": ["tools/**"] }`);
 * 2. the project's manifests (package.json `bin`, pyproject `[project.scripts]`, setup.cfg
 *    `console_scripts`), decided by the project layer and handed in as `ProjectView.role`;
 * 3. the path (`PATH_EVIDENCE` below);
 * 4. the deprecated `printAllowed` globs (a file they match is a script);
 * 5. the file's own content, cheaply (contentRole.ts: top-level statements and imports only).
 */
import { matchesAny } from '../globs';
import type { Settings } from '../settings';
import { FILE_ROLES, type FileRole, type RoleDecision } from './view';

/** Every role but the given ones. */
export function rolesExcept(...excluded: FileRole[]): readonly FileRole[] {
  return FILE_ROLES.filter((r) => !excluded.includes(r));
}

/** YAML rules and the suppression-comment check: wherever the file is. */
export const EVERY_ROLE: readonly FileRole[] = FILE_ROLES;
/** Code someone maintains by hand: not generated or vendored output, not test fixtures (data). */
export const MAINTAINED_CODE = rolesExcept('generated', 'fixture');
/** Maintained code that is not a test: a test swallowing an exception or leaving a span open is the test's business. */
export const NOT_TESTS = rolesExcept('generated', 'fixture', 'test');
/** Code whose logs reach production as operations data: not tests, examples, scripts, CLIs, build tools or migrations. */
export const SHIPPED_CODE = rolesExcept('generated', 'fixture', 'test', 'example', 'script', 'cli', 'build', 'migration');
/** Service code only: everywhere else terminal output is the program's interface, its devtools or its logger's sink. */
export const SERVICE_ONLY: readonly FileRole[] = ['service'];

/** A path pattern family that decides a role. `what` is the reason shown to the user. */
export interface PathEvidence { role: FileRole; what: string; globs: readonly string[] }

/**
 * Path evidence in priority order: the first family that matches decides (a fixture under
 * `tests/` is a fixture; vendored code under `static/` is generated).
 */
export const PATH_EVIDENCE: readonly PathEvidence[] = [
  { role: 'generated', what: 'vendored code', globs: ['**/vendor/**', '**/vendored/**', '**/third_party/**', '**/third-party/**', '**/node_modules/**'] },
  {
    role: 'generated', what: 'generated or bundled output',
    globs: ['**/dist/**', '**/.next/**', '**/.nuxt/**', '**/.output/**', '**/__generated__/**', '**/generated/**', '**/*.generated.*', '**/*_pb2.py', '**/*_pb2_grpc.py', '**/*_pb.{js,ts}', '**/*.pb.{js,ts}', '**/*.min.js', '**/*.bundle.js'],
  },
  { role: 'fixture', what: 'test fixtures', globs: ['**/__fixtures__/**', '**/fixtures/**', '**/fixture/**', '**/testdata/**', '**/test_data/**', '**/__snapshots__/**'] },
  {
    role: 'test', what: 'tests',
    globs: [
      '**/test/**', '**/tests/**', '**/__tests__/**', '**/testing/**', '**/spec/**', '**/integration-tests/**', '**/integration_tests/**', '**/e2e/**',
      '**/cypress/**', '**/playwright/**', '**/__mocks__/**', '**/test_*.py', '**/*_test.py', '**/conftest.py', '**/*.test.*', '**/*.test-d.*', '**/*.spec.*', '**/*.e2e.*', '**/*.cy.*',
    ],
  },
  { role: 'test', what: 'benchmarks', globs: ['**/benchmarks/**', '**/benchmark/**', '**/bench/**', '**/*.bench.*'] },
  { role: 'migration', what: 'database migrations', globs: ['**/migrations/**', '**/migration/**', '**/alembic/versions/**', '**/db/migrate/**'] },
  { role: 'example', what: 'examples', globs: ['**/examples/**', '**/example/**', '**/samples/**', '**/demo/**', '**/demos/**', '**/docs_src/**'] },
  { role: 'example', what: 'Storybook stories', globs: ['**/*.stories.*', '**/*.story.*', '**/.storybook/**'] },
  {
    role: 'build', what: 'build configuration and build-time tools',
    globs: [
      '**/build/**', '**/codegen/**', '**/gulpfile.*', '**/Gruntfile.*', '**/*.config.{js,cjs,mjs,ts,cts,mts}', '**/esbuild.{js,cjs,mjs,ts}',
      '**/setup.py', '**/noxfile.py', '**/fabfile.py',
    ],
  },
  { role: 'cli', what: 'command-line entry points', globs: ['**/bin/**', '**/cli.py', '**/__main__.py', '**/manage.py', '**/cli.{js,ts,mjs,cjs}'] },
  { role: 'cli', what: 'Django management commands', globs: ['**/management/commands/**'] },
  { role: 'script', what: 'scripts', globs: ['**/scripts/**'] },
  { role: 'browser', what: 'browser assets', globs: ['**/static/**', '**/public/**', '**/wwwroot/**', '**/*.client.{js,jsx,ts,tsx,mjs}'] },
];

/** The settings the role decision reads. */
export type RoleSettings = Pick<Settings, 'roles' | 'printAllowed'>;

/**
 * The role decided before looking at the content: settings `roles`, the project's evidence
 * (`projectRole`), the path, the deprecated `printAllowed`. Undefined: the content decides.
 * `relPath` is the file relative to the settings root (see `relativeForGlobs`); empty for an untitled document.
 */
export function decideRoleByPath(relPath: string, settings: RoleSettings, projectRole?: RoleDecision): RoleDecision | undefined {
  if (relPath) {
    for (const [role, globs] of Object.entries(settings.roles) as [FileRole, string[] | undefined][]) {
      if (globs?.length && matchesAny(relPath, globs)) return { role, reason: `configured: "roles": { "${role}": [...] } matches ${relPath}` };
    }
  }
  if (projectRole) return projectRole;
  if (!relPath) return undefined;
  const byPath = pathRole(relPath);
  if (byPath) return byPath;
  if (settings.printAllowed.length && matchesAny(relPath, settings.printAllowed)) {
    return { role: 'script', reason: 'matches "printAllowed" (deprecated: use "roles": { "script": [...] })' };
  }
  return undefined;
}

const FOLDER_GLOB = /^\*\*\/([\w.-]+)\/\*\*$/;
const NAME_GLOB = /^\*\*\/([^/]+)$/;

/** `**\/name.*` → a regex over the file's base name (`*` and `{a,b}` only, all these globs need). */
function nameRegex(pattern: string): string {
  return pattern.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\{([^}]*)\}/g, (_, alts: string) => `(?:${alts.split(',').join('|')})`);
}

/** Each family compiled once: `**\/name/**` is a folder-name lookup, `**\/<file name>` one regex, the rest minimatch. */
const COMPILED = PATH_EVIDENCE.map((e) => {
  const folders = new Set<string>();
  const names: string[] = [];
  const others: string[] = [];
  for (const g of e.globs) {
    const folder = FOLDER_GLOB.exec(g)?.[1];
    const name = !folder ? NAME_GLOB.exec(g)?.[1] : undefined;
    if (folder) folders.add(folder);
    else if (name) names.push(g);
    else others.push(g);
  }
  const byName = names.map((g) => ({ glob: g, re: new RegExp(`^${nameRegex(NAME_GLOB.exec(g)![1])}$`) }));
  const anyName = names.length ? new RegExp(`^(?:${names.map((g) => nameRegex(NAME_GLOB.exec(g)![1])).join('|')})$`) : undefined;
  return { ...e, folders, byName, anyName, others };
});

/** The role the path alone says, from `PATH_EVIDENCE`. */
export function pathRole(relPath: string): RoleDecision | undefined {
  const segments = relPath.split('/');
  const base = segments.pop() ?? '';
  for (const e of COMPILED) {
    const folder = segments.find((d) => e.folders.has(d));
    const glob = folder ? `**/${folder}/**`
      : e.anyName?.test(base) ? e.byName.find((n) => n.re.test(base))!.glob
      : e.others.find((g) => matchesAny(relPath, [g]));
    if (glob) return { role: e.role, reason: `path matches ${glob} (${e.what})` };
  }
  return undefined;
}

export const SERVICE_DEFAULT: RoleDecision = { role: 'service', reason: 'the default: no evidence of another role' };

/** Whether `rule` applies to a file of `role`. */
export function appliesTo(rule: { roles: readonly FileRole[] }, role: FileRole): boolean {
  return rule.roles.includes(role);
}
