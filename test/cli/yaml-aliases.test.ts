/**
 * A "billion laughs" rule file (428 bytes: nine aliases of nine aliases, nine levels deep) used to
 * hang the CLI. Each run is a child process with a hard limit: the test fails if it has not exited
 * by then (a hang), never on how long it took.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CLI, ROOT } from './run';

const FILE = path.join(ROOT, 'test', 'fixtures', 'yaml-aliases', 'billion-laughs.yaml');
/** Generous on purpose: hang detection on a loaded machine, not a speed check. */
const HARD_LIMIT_MS = 60_000;

function run(args: string[]): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: HARD_LIMIT_MS, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.signal, null, `did not exit within ${HARD_LIMIT_MS / 1000} s (killed): alias expansion is unbounded`);
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('yaml: alias expansion is bounded', function () {
  this.timeout(HARD_LIMIT_MS * 2);

  it('the CLI exits with one clear diagnostic', () => {
    const r = run([CLI, 'check', FILE, '--format', 'json']);
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; message: string; line: number }[] }).findings;
    assert.deepEqual(findings.map((f) => [f.rule, f.line]), [['yaml-schema', 1]], r.stdout);
    assert.match(findings[0].message, /aliases of this document expand to more than 100,000 nodes/);
    assert.equal(r.status, 1);
  });

  it('the analyzer returns the same single finding', () => {
    const engine = path.join(ROOT, 'out', 'server', 'src', 'analysis', 'engine.js');
    const settings = path.join(ROOT, 'out', 'server', 'src', 'analysis', 'settings.js');
    const script = `
      const fs = require('node:fs');
      const { analyze, initAnalyzer } = require(${JSON.stringify(engine)});
      const { DEFAULT_SETTINGS } = require(${JSON.stringify(settings)});
      initAnalyzer().then(() => {
        const text = fs.readFileSync(${JSON.stringify(FILE)}, 'utf8');
        const result = analyze({ text, languageId: 'yaml', filename: ${JSON.stringify(FILE)}, settings: DEFAULT_SETTINGS });
        process.stdout.write(JSON.stringify(result.findings.map((f) => f.rule)));
      });`;
    const r = run(['-e', script]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), ['yaml-schema']);
  });
});
