import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { cli, PROJECT, ROOT } from './run';
import { RULES } from '../../server/src/analysis/registry';

const GOLDEN = path.join(ROOT, 'test', 'golden');

/** Compares with a golden file; `UPDATE_GOLDEN=1 npm test` rewrites them. */
function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `differs from golden ${name} (UPDATE_GOLDEN=1 to accept)`);
}

/** The code rules of the catalogue (RULES.md "Logging", "Tracing", "Metrics"). */
const CODE_RULES = [
  'no-print-logging', 'unstructured-log-message', 'log-event-name', 'sensitive-data-in-log', 'log-raw-payload', 'log-in-loop',
  'swallowed-exception', 'error-log-without-exception', 'exception-outside-handler', 'stdlib-logging-misuse',
  'hardcoded-log-level', 'expected-condition-at-error', 'logger-config-incomplete',
  'span-not-ended', 'span-error-not-recorded', 'span-name-cardinality', 'unbounded-metric-label', 'metric-naming',
];

function tempCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-cli-'));
  fs.cpSync(PROJECT, dir, { recursive: true });
  return dir;
}

describe('cli', () => {
  it('check --format text: golden, exit 1', () => {
    const r = cli(['check', '.', '--no-color']);
    assert.equal(r.code, 1, r.stderr);
    golden('check.txt', r.stdout);
  });

  it('check --format json: golden, exact shape, sorted', () => {
    const r = cli(['check', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    golden('check.json', r.stdout);
    const parsed = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(parsed), ['version', 'findings']);
    for (const f of parsed.findings) {
      assert.deepEqual(Object.keys(f), ['file', 'rule', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fixes']);
      for (const x of f.fixes) assert.deepEqual(Object.keys(x), ['title', 'safe']);
    }
    const keys = parsed.findings.map((f: { file: string; line: number; column: number }) => [f.file, f.line, f.column]);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    assert.deepEqual(keys, sorted);
    const files = new Set(parsed.findings.map((f: { file: string }) => f.file));
    assert.deepEqual([...files], ['monitoring/api.rules.yml', 'src/payments.py', 'web/server.ts'], 'gitignored, excluded, allowed-print and clean files have no findings');
  });

  it('check --format sarif: golden and valid SARIF 2.1.0', () => {
    const r = cli(['check', '--format', 'sarif']);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { help?: { markdown: string } }[] } } }[] };
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.runs[0].tool.driver.rules.length, 33);
    assert.ok(r.stdout.includes('"uri": "monitoring/api.rules.yml"'), 'YAML findings are in the SARIF');
    assert.ok(log.runs[0].tool.driver.rules.every((rule) => rule.help?.markdown.startsWith('# ')), 'help from docs pages');
    // The docs pages change on their own; the golden pins the SARIF structure (help is checked above).
    const normalized = r.stdout.split(`file://${PROJECT}/`).join('file:///PROJECT/').replace(/"(semanticVersion|version)": "\d+\.\d+\.\d+"/g, '"$1": "X"')
      .replace(/"markdown": "(?:[^"\\]|\\.)*"/g, '"markdown": "<docs/rules/<id>.md>"');
    golden('check.sarif.json', normalized);
  });

  it('--exit-zero exits 0 with findings', () => {
    assert.equal(cli(['check', '--exit-zero']).code, 0);
  });

  it('a clean file exits 0', () => {
    const r = cli(['check', 'web/clean.ts']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'No problems found in 1 file.\n');
  });

  it('--select and --ignore', () => {
    const sel = JSON.parse(cli(['check', '--format', 'json', '--select', 'no-print-logging']).stdout);
    assert.deepEqual([...new Set(sel.findings.map((f: { rule: string }) => f.rule))], ['no-print-logging']);
    const ign = JSON.parse(cli(['check', 'src', 'web', '--format', 'json', '--ignore', 'no-print-logging,sensitive-data-in-log']).stdout);
    assert.deepEqual([...new Set(ign.findings.map((f: { rule: string }) => f.rule))], ['unstructured-log-message', 'logger-config-incomplete']);
  });

  it('unknown rule ids and bad options are usage errors (exit 2)', () => {
    const r = cli(['check', '--select', 'no-print-loging']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown rule id 'no-print-loging' \(did you mean 'no-print-logging'\?\)/);
    assert.equal(cli(['check', '--format', 'xml']).code, 2);
    assert.equal(cli(['check', '--bogus']).code, 2);
    assert.equal(cli(['frobnicate']).code, 2);
  });

  it('a broken config file is reported and nothing is checked (exit 2)', () => {
    const dir = tempCopy();
    fs.writeFileSync(path.join(dir, '.o11ylint.json'), '{"rules": {"no-print-logging": "loud", "nope": "off"}}');
    const r = cli(['check'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /rules\.no-print-logging: severity of 'no-print-logging' must be one of/);
    assert.match(r.stderr, /rules\.nope: unknown rule id 'nope'/);
    fs.writeFileSync(path.join(dir, '.o11ylint.json'), '{ not json');
    assert.match(cli(['check'], dir).stderr, /not valid JSON/);
  });

  it('--config FILE is used for every file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-cfg-'));
    fs.writeFileSync(path.join(dir, 'c.json'), '{"rules": {"no-print-logging": "off"}}');
    const r = cli(['check', '--format', 'json', '--config', path.join(dir, 'c.json')]);
    assert.ok(!JSON.parse(r.stdout).findings.some((f: { rule: string }) => f.rule === 'no-print-logging'));
    assert.equal(cli(['check', '--config', path.join(dir, 'missing.json')]).code, 2);
  });

  it('--fix applies safe fixes only, writes the file, and is idempotent', () => {
    const dir = tempCopy();
    const r = cli(['check', '--fix', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const py = fs.readFileSync(path.join(dir, 'src', 'payments.py'), 'utf8');
    assert.match(py, /password="\[REDACTED\]"/);
    const ts = fs.readFileSync(path.join(dir, 'web', 'server.ts'), 'utf8');
    assert.match(ts, /\{ password: '\[REDACTED\]', email/);
    const remaining = JSON.parse(r.stdout).findings;
    assert.ok(!remaining.some((f: { fixes: { safe: boolean }[] }) => f.fixes.some((x) => x.safe)), 'no safe fix left');
    const before = fs.readFileSync(path.join(dir, 'src', 'payments.py'), 'utf8');
    cli(['check', '--fix'], dir);
    assert.equal(fs.readFileSync(path.join(dir, 'src', 'payments.py'), 'utf8'), before, 'second run changes nothing');
  });

  it('rules --format json lists every rule with its metadata', () => {
    const r = cli(['rules', '--format', 'json']);
    assert.equal(r.code, 0);
    const rules = JSON.parse(r.stdout);
    const ids: string[] = rules.map((x: { id: string }) => x.id);
    assert.deepEqual(ids.slice(0, 4), ['no-print-logging', 'unstructured-log-message', 'sensitive-data-in-log', 'invalid-suppression']);
    for (const id of CODE_RULES) assert.ok(ids.includes(id), `${id} is listed`);
    assert.equal(rules.length, 33);
    assert.deepEqual(Object.keys(rules[0]), ['id', 'languages', 'defaultSeverity', 'fixable', 'docs', 'tier', 'previewChecks']);
    assert.ok(rules.every((x: { docs: string }) => fs.existsSync(path.join(ROOT, x.docs))));
    for (const x of rules as { id: string; tier: string; previewChecks: string[] }[]) {
      const rule = RULES.find((r) => r.id === x.id)!;
      assert.equal(x.tier, rule.preview ? 'preview' : 'stable', x.id);
      assert.deepEqual(x.previewChecks, [...(rule.previewChecks ?? [])], x.id);
    }
  });

  it('rules (text) shows each rule\'s tier and how to turn the preview tier on', () => {
    const r = cli(['rules']);
    assert.equal(r.code, 0);
    const lines = r.stdout.trimEnd().split('\n');
    for (const rule of RULES) {
      const line = lines.find((l) => l.startsWith(rule.id + ' '));
      assert.ok(line, rule.id);
      assert.match(line, new RegExp(`\\s${rule.preview ? 'preview' : 'stable'}\\s+docs/rules/${rule.id}\\.md`), line);
    }
    assert.match(lines[lines.length - 1], /"preview": true/);
  });

  it('the code-rule list matches the catalogue headings of RULES.md (when the spec is checked out beside the repo)', function () {
    const spec = path.join(ROOT, '..', 'shared', 'RULES.md');
    if (!fs.existsSync(spec)) {
      process.stdout.write(`      (RULES.md cross-check: ${spec} is not on this machine; the embedded list is checked instead)\n`);
      return;
    }
    const headings = [...fs.readFileSync(spec, 'utf8').matchAll(/^### ([a-z-]+) — /gm)].map((m) => m[1]);
    assert.deepEqual([...headings].sort(), [...CODE_RULES].sort());
  });

  it('empty, BOM-only, binary, huge and missing files: clear outcome, no crash', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-odd-'));
    fs.writeFileSync(path.join(dir, 'empty.py'), '');
    fs.writeFileSync(path.join(dir, 'bom.ts'), '\uFEFF');
    fs.writeFileSync(path.join(dir, 'binary.py'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
    fs.writeFileSync(path.join(dir, 'huge.py'), 'x = 1\n'.repeat(500_000));
    const r = cli(['check', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /binary\.py: Skipped: the file looks binary/);
    assert.match(r.stderr, /huge\.py: Skipped: the file is 2\.9 MB, over the o11yLint\.maxFileSize limit of 2\.0 MB/);
    assert.equal(r.stdout, 'No problems found in 4 files.\n');
    const missing = cli(['check', 'nope.py'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.py: no such file or directory/);
  });

  it('realistic rule and SLO files produce no findings at all', () => {
    const r = cli(['check', path.join(ROOT, 'test', 'fixtures', 'yaml-valid'), '--format', 'json']);
    assert.deepEqual(JSON.parse(r.stdout).findings, [], r.stdout);
    assert.equal(r.code, 0);
  });

  it('--help and --version', () => {
    assert.match(cli(['--help']).stdout, /o11y-lint check \[paths\.\.\.\]/);
    assert.match(cli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
