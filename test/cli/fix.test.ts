/**
 * Acceptance for `check --fix` (issue 4): on a copy of the rule fixtures, only findings without
 * a safe fix remain, every Python file still compiles (CPython), every JS/TS file still parses,
 * and a second `--fix` changes nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts = require('typescript');
import { compilePython } from '../helpers/fixCheck';
import { cli, ROOT } from './run';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'rules');

interface JsonFinding { file: string; rule: string; line: number; message: string; fixes: { title: string; safe: boolean }[] }

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('cli check --fix on the rule fixtures', function () {
  this.timeout(120000);
  let dir: string;
  let original: Map<string, string>;
  let afterFix: Map<string, string>;
  let remaining: JsonFinding[];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-fix-'));
    fs.cpSync(FIXTURES, dir, { recursive: true });
    original = snapshot(dir);
    const fixRun = cli(['check', '--fix', '--format', 'json', '.'], dir);
    assert.ok(fixRun.code === 0 || fixRun.code === 1, `check --fix exit ${fixRun.code}: ${fixRun.stderr}`);
    afterFix = snapshot(dir);
    const check = cli(['check', '--format', 'json', '.'], dir);
    assert.ok(check.code === 0 || check.code === 1, check.stderr);
    remaining = (JSON.parse(check.stdout) as { findings: JsonFinding[] }).findings;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('fixes something', () => {
    const changed = [...afterFix].filter(([file, text]) => original.get(file) !== text).map(([file]) => file);
    assert.ok(changed.length > 0, 'no file changed');
  });

  it('leaves only findings without a safe fix', () => {
    const withSafe = remaining.filter((f) => f.fixes.some((x) => x.safe)).map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message} [${f.fixes.map((x) => x.title).join(', ')}]`);
    assert.deepEqual(withSafe, []);
  });

  it('every Python file still compiles', function () {
    const bad = pythonCompileFailures(original, afterFix);
    if (bad === undefined) {
      process.stdout.write('      (not run: python3 is not available)\n');
      return;
    }
    assert.deepEqual(bad, []);
  });

  it('every JS/TS file still parses', () => {
    assert.deepEqual(jsParseFailures(original, afterFix), []);
  });

  it('a second --fix changes nothing', () => {
    const again = cli(['check', '--fix', '--format', 'json', '.'], dir);
    assert.ok(again.code === 0 || again.code === 1, again.stderr);
    const changed = [...snapshot(dir)].filter(([file, text]) => afterFix.get(file) !== text).map(([file]) => file);
    assert.deepEqual(changed, []);
  });
});

describe('cli check --unsafe-fixes on the rule fixtures', function () {
  this.timeout(120000);
  let dir: string;
  let original: Map<string, string>;
  let afterFix: Map<string, string>;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-unsafe-'));
    fs.cpSync(FIXTURES, dir, { recursive: true });
    original = snapshot(dir);
    const r = cli(['check', '--unsafe-fixes', '--format', 'json', '.'], dir);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    afterFix = snapshot(dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('every Python file still compiles', function () {
    const bad = pythonCompileFailures(original, afterFix);
    if (bad === undefined) {
      process.stdout.write('      (not run: python3 is not available)\n');
      return;
    }
    assert.deepEqual(bad, []);
  });

  it('every JS/TS file still parses', () => {
    assert.deepEqual(jsParseFailures(original, afterFix), []);
  });

  it('a second --unsafe-fixes changes nothing', () => {
    const again = cli(['check', '--unsafe-fixes', '--format', 'json', '.'], dir);
    assert.ok(again.code === 0 || again.code === 1, again.stderr);
    const changed = [...snapshot(dir)].filter(([file, text]) => afterFix.get(file) !== text).map(([file]) => file);
    assert.deepEqual(changed, []);
  });
});

/** Python files that compiled before the fixes and no longer do (undefined: no python3). */
function pythonCompileFailures(original: Map<string, string>, afterFix: Map<string, string>): string[] | undefined {
  return compilePython([...afterFix].filter(([file]) => file.endsWith('.py')).map(([file, output]) => ({ name: file, input: original.get(file)!, output })));
}

/** JS/TS files with more parse errors after the fixes than before. */
function jsParseFailures(original: Map<string, string>, afterFix: Map<string, string>): string[] {
  const bad: string[] = [];
  for (const [file, text] of afterFix) {
    const kind = /\.tsx$/.test(file) ? ts.ScriptKind.TSX : /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : /\.[cm]?jsx?$/.test(file) ? ts.ScriptKind.JS : undefined;
    if (kind === undefined) continue;
    const parseErrors = (t: string) => (ts.createSourceFile(file, t, ts.ScriptTarget.Latest, true, kind) as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.length;
    if (parseErrors(text) > parseErrors(original.get(file)!)) bad.push(`${file}:\n${text}`);
  }
  return bad;
}
