/** The CLI and the project layer: `o11y-lint roles`, roles in `check --format json`, loggers imported from the project's own modules. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './run';

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-cli-project-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const FILES = {
  '.o11ylint.json': '{ "roles": { "cli": ["tools/**"] } }\n',
  'package.json': '{ "name": "shop", "bin": { "shop": "src/main.ts" } }\n',
  'src/main.ts': "import { sink } from './logger';\nsink.info('started');\n",
  'src/logger.ts': "import pino from 'pino';\nexport const sink = pino({ timestamp: pino.stdTimeFunctions.isoTime, base: { service: 'shop' } });\n",
  'src/orders.ts': "import { sink } from './logger';\nexport function order(id: string) {\n  sink.info(`order ${id}`);\n}\n",
  'tests/test_orders.py': 'def test_x():\n    print("ok")\n',
  'tools/dump.py': 'print("x")\n',
  'app/__init__.py': '',
  'app/log.py': 'import structlog\nlog = structlog.get_logger()\n',
  'app/jobs.py': 'from app.log import log as applog\n\n\ndef run(job):\n    applog.info(f"job {job.id}")\n',
};

describe('cli: file roles and the project', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = project(FILES); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('roles: every file with its role and the evidence', () => {
    const r = cli(['roles'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, [
      'service                app/__init__.py  (the default: no evidence of another role)',
      'service                app/jobs.py  (the default: no evidence of another role)',
      "logger-implementation  app/log.py  (defines the project's logger (its own output is the logger's))",
      "logger-implementation  src/logger.ts  (creates and exports the project's logger (its console output is the logger's))",
      'cli                    src/main.ts  (named by package.json "bin" as the command `shop`)',
      'service                src/orders.ts  (the default: no evidence of another role)',
      'test                   tests/test_orders.py  (path matches **/tests/** (tests))',
      'cli                    tools/dump.py  (configured: "roles": { "cli": [...] } matches tools/dump.py)',
      '',
    ].join('\n'));
  });

  it('roles --format json, for given paths', () => {
    const r = cli(['roles', 'tools', 'src/orders.ts', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { version: 1, files: [
      { file: 'src/orders.ts', role: 'service', reason: 'the default: no evidence of another role' },
      { file: 'tools/dump.py', role: 'cli', reason: 'configured: "roles": { "cli": [...] } matches tools/dump.py' },
    ] });
  });

  it('check: loggers imported from the project are recognised (any name, an alias), roles in --format json', () => {
    const r = cli(['check', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout) as { findings: { file: string; rule: string; line: number }[]; files: { file: string; role: string }[] };
    assert.deepEqual(out.findings.map((f) => `${f.file}:${f.line} ${f.rule}`), ['app/jobs.py:5 unstructured-log-message', 'src/orders.ts:3 unstructured-log-message']);
    assert.deepEqual(out.files.find((f) => f.file === 'src/main.ts'), { file: 'src/main.ts', role: 'cli', roleReason: 'named by package.json "bin" as the command `shop`' });
  });

  it('a configured role that does not exist stops the run with a did-you-mean', () => {
    const bad = project({ '.o11ylint.json': '{ "roles": { "clii": ["tools/**"] } }\n', 'a.py': 'x = 1\n' });
    for (const command of ['check', 'roles']) {
      const r = cli([command], bad);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /roles\.clii: unknown role 'clii' \(did you mean 'cli'\?\)/);
    }
    fs.rmSync(bad, { recursive: true, force: true });
  });

  it('roles takes no check options', () => {
    const r = cli(['roles', '--fix'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /roles does not take --fix/);
  });
});
