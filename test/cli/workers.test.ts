import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generate } from '../bench/generate';
import { cli, PROJECT } from './run';


/** The CLI fixture project (config, .gitignore, YAML rules) plus 60 generated modules and a skipped binary file. */
function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-jobs-'));
  fs.cpSync(PROJECT, dir, { recursive: true });
  for (let i = 0; i < 60; i++) {
    const lang = i % 2 ? 'ts' : 'py';
    fs.mkdirSync(path.join(dir, 'svc', `m${i % 7}`), { recursive: true });
    fs.writeFileSync(path.join(dir, 'svc', `m${i % 7}`, `mod_${i}.${lang}`), generate(lang, 40 + i * 3, i));
  }
  fs.writeFileSync(path.join(dir, 'svc', 'blob.py'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]));
  // Loggers defined in one module and used in others (the first pass, then every thread): only the project layer knows `sink` and `applog` are loggers.
  const write = (file: string, text: string) => { fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true }); fs.writeFileSync(path.join(dir, file), text); };
  write('svc/shared/sink.ts', "import pino from 'pino';\nexport const sink = pino({ timestamp: pino.stdTimeFunctions.isoTime, base: { service: 'svc' } });\n");
  write('svc/pyapp/__init__.py', '');
  write('svc/pyapp/log.py', 'import structlog\nlog = structlog.get_logger()\n');
  for (let i = 0; i < 12; i++) {
    write(`svc/use/u_${i}.ts`, `import { sink } from '../shared/sink';\nexport function f${i}(id: string) {\n  sink.info(\`item \${id}\`);\n}\n`);
    write(`svc/pyapp/u_${i}.py`, `from .log import log as applog\n\n\ndef f${i}(uid):\n    applog.info(f"item {uid}")\n`);
  }
  return dir;
}

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const abs = path.join(dir, f);
    if (fs.statSync(abs).isFile()) out[f] = fs.readFileSync(abs, 'latin1');
  }
  return out;
}

describe('cli --jobs (worker threads)', () => {
  it('output, messages and exit code are identical with one thread and with workers', function () {
    this.timeout(240_000); // eight cold CLI runs on a shared 2-core machine
    const dir = project();
    for (const format of ['text', 'json']) {
      const one = cli(['check', '--format', format, '--jobs', '1'], dir);
      assert.equal(one.code, 1, one.stderr);
      assert.ok(JSON.stringify(one).includes('mod_59'), 'the generated files were checked');
      for (let i = 0; i < 12 && format === 'text'; i++) {
        for (const file of [`svc/use/u_${i}.ts`, `svc/pyapp/u_${i}.py`]) assert.match(one.stdout, new RegExp(`${file.replace(/\./g, '\\.')}.*unstructured-log-message`), `${file}: a logger imported from the project`);
      }
      assert.match(one.stderr, /svc\/blob\.py: Skipped: the file looks binary/);
      for (const jobs of ['2', '3']) assert.deepEqual(cli(['check', '--format', format, '--jobs', jobs], dir), one, `--jobs ${jobs}, ${format}`);
    }
    assert.deepEqual(cli(['check', '--format', 'json'], dir), cli(['check', '--format', 'json', '--jobs', '1'], dir), 'the default --jobs');
  });

  it('--fix in workers writes the same files as --fix in one thread', function () {
    this.timeout(120_000);
    const a = project();
    const b = project();
    const ra = cli(['check', '--fix', '--format', 'json', '--jobs', '1'], a);
    const rb = cli(['check', '--fix', '--format', 'json', '--jobs', '3'], b);
    assert.equal(ra.stdout.split(a).join('<dir>'), rb.stdout.split(b).join('<dir>'));
    const before = tree(project());
    const ta = tree(a);
    assert.notDeepEqual(ta, before, 'the fixes changed some files');
    assert.deepEqual(tree(b), ta);
  });

  it('--jobs must be a whole number from 1 to 64', () => {
    const r = cli(['check', '--jobs', 'many'], PROJECT);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--jobs must be a whole number from 1 to 64 \(got 'many'\)/);
    assert.equal(cli(['check', '--jobs', '0'], PROJECT).code, 2);
  });
});
