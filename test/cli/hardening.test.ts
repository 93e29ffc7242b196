/**
 * The CLI against hostile or broken inputs (issue 16): a file the parser fails on, files that are not regular
 * files, `--fix` on files it must not or cannot rewrite, and config files that are broken or not the project's.
 * Each run is spawned with a kill timeout as a hang guard only (the assertions never measure time).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, PROJECT } from './run';
import { deeplyIndentedPython, pathologicalTs, ruleFile } from '../helpers/hostile';

/** Generous: only a hang (the old behaviour on a FIFO) gets near it. */
const HANG_GUARD_MS = 90_000;

/** The preload that makes every clock read say an hour has passed (a machine as loaded as can be). */
const SLOW_CLOCK = path.join(__dirname, '..', 'helpers', 'slowClock.js');

function check(args: string[], cwd: string, slowClock = false): { code: number | null; stdout: string; stderr: string; killed: boolean } {
  const env = { ...process.env, NO_COLOR: '1', ...(slowClock ? { O11Y_SLOW_CLOCK: '1', NODE_OPTIONS: `--require ${SLOW_CLOCK}` } : {}) };
  const r = spawnSync(process.execPath, [CLI, 'check', '--no-color', ...args], { cwd, encoding: 'utf8', timeout: HANG_GUARD_MS, env, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, killed: r.signal !== null };
}

const PRINTS = 'print("x")\n';
const SECRET = 'import logging\nlogger = logging.getLogger(__name__)\n\ndef f(password):\n    logger.info("login %s", password)\n';
const REDACTED = 'import logging\nlogger = logging.getLogger(__name__)\n\ndef f(password):\n    logger.info("login %s", "[REDACTED]")\n';

describe('cli hardening', function () {
  this.timeout(HANG_GUARD_MS * 2);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-harden-'));
    fs.mkdirSync(path.join(dir, '.git'));
  });
  afterEach(() => {
    for (const f of fs.readdirSync(dir)) try { fs.chmodSync(path.join(dir, f), 0o644); } catch { /* a dangling link */ }
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string | Buffer) => { fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true }); fs.writeFileSync(path.join(dir, name), text); };

  describe('a file the parser fails on', () => {
    it('is reported as skipped with the reason, and the run prints the full report of the other files', () => {
      write('a_deep.py', deeplyIndentedPython());
      write('b.py', PRINTS);
      for (const args of [['.'], ['a_deep.py', 'b.py'], ['--format', 'json', '.']]) {
        const r = check(args, dir);
        assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /a_deep\.py: Skipped: the code is nested too deeply to analyze/);
        assert.doesNotMatch(r.stderr, /internal error/);
        assert.match(r.stdout, /b\.py.*no-print-logging/s);
      }
    });
  });

  describe('files that are not regular files', () => {
    it('a symlink to /dev/zero, a FIFO and /proc/self/fd/0 named like source are reported and skipped, never read', function () {
      if (process.platform === 'win32') this.skip();
      write('ok.py', PRINTS);
      fs.symlinkSync('/dev/zero', path.join(dir, 'zero.py'));
      spawnSync('mkfifo', [path.join(dir, 'fifo.py')]);
      fs.symlinkSync('/proc/self/fd/0', path.join(dir, 'stdin.py'));
      assert.ok(fs.statSync(path.join(dir, 'fifo.py')).isFIFO());
      const named = check(['ok.py', 'zero.py', 'fifo.py', 'stdin.py'], dir);
      assert.equal(named.killed, false, 'no hang');
      assert.equal(named.code, 2, named.stderr);
      assert.match(named.stderr, /zero\.py: not a regular file \(a character device\), skipped/);
      assert.match(named.stderr, /fifo\.py: not a regular file \(a FIFO\), skipped/);
      assert.match(named.stderr, /stdin\.py: not a regular file/);
      assert.match(named.stdout, /ok\.py:1:1: warning \[no-print-logging\]/);
      const walked = check(['.'], dir);
      assert.equal(walked.killed, false, 'no hang');
      assert.match(walked.stderr, /fifo\.py: not a regular file, skipped/);
      assert.match(walked.stdout, /ok\.py:1:1/);
    });

    it('a .gitignore that is a FIFO or a link to /dev/zero is reported, not read', function () {
      if (process.platform === 'win32') this.skip();
      write('ok.py', PRINTS);
      spawnSync('mkfifo', [path.join(dir, '.gitignore')]);
      const fifo = check(['.'], dir);
      assert.equal(fifo.killed, false, 'no hang');
      assert.match(fifo.stderr, /\.gitignore: not a regular file \(a FIFO\), not read; its patterns are not applied/);
      assert.match(fifo.stdout, /ok\.py:1:1/);
      fs.rmSync(path.join(dir, '.gitignore'));
      write('sub/x.py', PRINTS);
      fs.symlinkSync('/dev/zero', path.join(dir, 'sub', '.gitignore'));
      const zero = check(['sub'], dir);
      assert.equal(zero.killed, false, 'no hang');
      assert.match(zero.stderr, /\.gitignore: not a regular file \(a character device\)/);
    });

    it('a config file that is a link to /dev/zero or a FIFO stops the run with exit 2, without reading it', function () {
      if (process.platform === 'win32') this.skip();
      write('ok.py', PRINTS);
      fs.symlinkSync('/dev/zero', path.join(dir, '.o11ylint.json'));
      const zero = check(['ok.py'], dir);
      assert.equal(zero.killed, false);
      assert.equal(zero.code, 2);
      assert.match(zero.stderr, /\.o11ylint\.json: cannot read .*not a regular file \(a character device\)/);
      fs.rmSync(path.join(dir, '.o11ylint.json'));
      spawnSync('mkfifo', [path.join(dir, '.o11ylint.json')]);
      const fifo = check(['.'], dir);
      assert.equal(fifo.killed, false, 'no hang');
      assert.equal(fifo.code, 2);
      assert.match(fifo.stderr, /not a regular file \(a FIFO\)/);
      const given = check(['--config', '.o11ylint.json', 'ok.py'], dir);
      assert.equal(given.killed, false, 'no hang');
      assert.equal(given.code, 2);
    });

    it('a config file over 1 MiB is refused; a source file over maxFileSize is skipped unread', () => {
      write('big.py', `x = 1\n${'#'.repeat(3 * 1024 * 1024)}\n`);
      write('ok.py', PRINTS);
      const big = check(['.'], dir);
      assert.equal(big.code, 1);
      assert.match(big.stderr, /big\.py: Skipped: the file is 3\.0 MB, over the o11yLint\.maxFileSize limit of 2\.0 MB/);
      write('.o11ylint.json', `{"include": [], ${' '.repeat(1024 * 1024)}}`);
      const config = check(['ok.py'], dir);
      assert.equal(config.code, 2);
      assert.match(config.stderr, /larger than 1048576 bytes, not read/);
    });
  });

  describe('--fix never corrupts or loses a file', () => {
    it('a file with syntax errors is not fixed (as Ruff and ESLint do), and says so', () => {
      write('broken.py', `${SECRET}def g(:\n`);
      const r = check(['--fix', 'broken.py'], dir);
      assert.match(r.stderr, /broken\.py: --fix: not applied: the file has syntax errors/);
      assert.equal(fs.readFileSync(path.join(dir, 'broken.py'), 'utf8'), `${SECRET}def g(:\n`);
    });

    it('keeps a BOM, CRLF line endings, the file mode, and writes through a symlink', function () {
      write('crlf.py', '\uFEFF' + SECRET.replace(/\n/g, '\r\n'));
      write('target.py', SECRET);
      fs.chmodSync(path.join(dir, 'crlf.py'), 0o640);
      fs.symlinkSync('target.py', path.join(dir, 'link.py'));
      const r = check(['--fix', 'crlf.py', 'link.py'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fs.readFileSync(path.join(dir, 'crlf.py'), 'utf8'), '\uFEFF' + REDACTED.replace(/\n/g, '\r\n'));
      assert.equal(fs.statSync(path.join(dir, 'crlf.py')).mode & 0o777, 0o640);
      assert.ok(fs.lstatSync(path.join(dir, 'link.py')).isSymbolicLink(), 'the link stays a link');
      assert.equal(fs.readFileSync(path.join(dir, 'target.py'), 'utf8'), REDACTED);
      assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
    });

    it('a file that is not valid UTF-8 and a read-only file are not rewritten: each is that file\'s error, the others are fixed and the report printed', () => {
      const latin1 = Buffer.concat([Buffer.from(`${SECRET}# caf`), Buffer.from([0xe9, 0x0a])]); // 'café' in Latin-1, in a comment
      write('a_latin1.py', latin1);
      write('b_readonly.py', SECRET);
      fs.chmodSync(path.join(dir, 'b_readonly.py'), 0o444);
      write('c_ok.py', SECRET);
      const r = check(['--fix', '.'], dir);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /a_latin1\.py: --fix: not rewritten: the file is not valid UTF-8/);
      assert.match(r.stderr, /b_readonly\.py: --fix: not rewritten: the file is read-only/);
      assert.ok(fs.readFileSync(path.join(dir, 'a_latin1.py')).equals(latin1), 'byte for byte as it was');
      assert.equal(fs.readFileSync(path.join(dir, 'b_readonly.py'), 'utf8'), SECRET);
      assert.equal(fs.readFileSync(path.join(dir, 'c_ok.py'), 'utf8'), REDACTED);
      assert.match(r.stdout, /a_latin1\.py:5:\d+: error \[sensitive-data-in-log\]/, 'the files not rewritten are still reported');
      assert.match(r.stdout, /b_readonly\.py:5:\d+: error \[sensitive-data-in-log\]/);
      assert.doesNotMatch(r.stdout, /c_ok\.py:\d+:\d+: error/, 'the fixed file has no error left');
    });
  });

  describe('deterministic output and bounded work', () => {
    it('the CLI fixture project and a 40,000-line rule file: the same report with an absurdly slow clock', () => {
      write('monitoring/big.rules.yml', ruleFile(40_000));
      write('src/app.py', SECRET + PRINTS);
      fs.cpSync(PROJECT, path.join(dir, 'project'), { recursive: true });
      const normal = check(['--format', 'json', '.'], dir);
      assert.equal(normal.code, 1, normal.stderr);
      assert.doesNotMatch(normal.stderr, /stopped early/);
      const slow = check(['--format', 'json', '.'], dir, true);
      assert.equal(slow.stderr, normal.stderr);
      assert.equal(slow.stdout, normal.stdout);
      assert.ok((JSON.parse(slow.stdout) as { findings: { file: string }[] }).findings.filter((f) => f.file === 'monitoring/big.rules.yml').length >= 12_000);
    });

    it('the pathological TypeScript file, on an absurdly slow clock: check finds all 12,000, --fix fixes them all, a second --fix changes nothing', () => {
      write('src/patho.ts', pathologicalTs(12_000));
      const before = check(['--format', 'json', 'src/patho.ts'], dir, true);
      assert.equal(before.killed, false);
      assert.equal((JSON.parse(before.stdout) as { findings: unknown[] }).findings.length, 12_000, before.stderr);
      const fixed = check(['--fix', 'src/patho.ts'], dir, true);
      assert.equal(fixed.killed, false);
      assert.equal(fixed.code, 0, fixed.stderr);
      assert.equal(fixed.stderr, '');
      const once = fs.readFileSync(path.join(dir, 'src', 'patho.ts'), 'utf8');
      assert.equal((once.match(/\[REDACTED\]/g) ?? []).length, 12_000);
      assert.equal(check(['--fix', 'src/patho.ts'], dir).code, 0);
      assert.equal(fs.readFileSync(path.join(dir, 'src', 'patho.ts'), 'utf8'), once);
    });

    it('analysisTimeBudgetMs in .o11ylint.json is a warning, not an error: the run goes on', () => {
      write('.o11ylint.json', '{"analysisTimeBudgetMs": 50}');
      write('a.py', PRINTS);
      const r = check(['a.py'], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /\.o11ylint\.json: warning: analysisTimeBudgetMs: 'analysisTimeBudgetMs' is deprecated and ignored/);
      assert.match(r.stdout, /a\.py:1:1: warning \[no-print-logging\]/);
    });
  });

  describe('config errors are never ignored', () => {
    for (const [what, config] of [['invalid JSON', '{"rules": '], ['an unknown rule id', '{"rules": {"no-prnt-logging": "off"}}']]) {
      it(`${what} in .o11ylint.json exits 2 with files named on the command line, as with a folder`, () => {
        write('.o11ylint.json', config);
        write('src/a.py', PRINTS);
        for (const args of [['src/a.py'], ['.'], ['src']]) {
          const r = check(args, dir);
          assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
          assert.match(r.stderr, /\.o11ylint\.json: .*\n.*fix the configuration above \(nothing was checked\)/);
          assert.equal(r.stdout, '');
        }
      });
    }

    it('the nearest config lookup stops at the repository root (the folder holding .git)', () => {
      const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-outer-'));
      try {
        fs.writeFileSync(path.join(outer, '.o11ylint.json'), '{"rules": {"no-print-logging": "off"}, "bogus": 1}');
        const repo = path.join(outer, 'repo');
        fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
        fs.mkdirSync(path.join(repo, 'src'));
        fs.writeFileSync(path.join(repo, 'src', 'a.py'), PRINTS);
        const r = check(['src/a.py'], repo);
        assert.equal(r.code, 1, `the config above the repository is not read: ${r.stderr}`);
        assert.match(r.stdout, /no-print-logging/);
        fs.writeFileSync(path.join(repo, '.git', 'x'), '');
        fs.rmSync(path.join(repo, '.git'), { recursive: true });
        fs.writeFileSync(path.join(repo, '.git'), 'gitdir: /elsewhere\n'); // a worktree or submodule
        assert.equal(check(['src/a.py'], repo).code, 1);
      } finally {
        fs.rmSync(outer, { recursive: true, force: true });
      }
    });
  });
});
