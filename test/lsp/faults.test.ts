/**
 * Faults over LSP: the server killed in the middle of an analysis (a new server, as the client's restart
 * starts it, publishes the same diagnostics), and a config file that is not valid JSON.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { mergeSettings } from '../../server/src/analysis/config';
import { analyze, initAnalyzer } from '../../server/src/analysis/engine';
import { TestClient } from './client';

const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`);

/** CPU time (user + system, in clock ticks) the process has used, from /proc; undefined off Linux. */
function cpuTicks(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

describe('language server faults', function () {
  this.timeout(60_000);
  let workspace: string;
  const clients: TestClient[] = [];
  const uri = (name: string) => `file://${path.join(workspace, name)}`;
  const start = async () => {
    const c = new TestClient('ipc');
    clients.push(c);
    await c.initialize(workspace);
    return c;
  };

  before(() => initAnalyzer());
  beforeEach(() => (workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-faults-'))));
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('killed in the middle of an analysis: a new server publishes the same diagnostics', async () => {
    const small = { py: 'import logging\nlogger = logging.getLogger(__name__)\ndef f(user, password):\n    print("x")\n    logger.info(f"hi {user}")\n', ts: "export function f(password: string) {\n  console.log('x', password);\n}\n" };
    const big = 'import logging\nlogger = logging.getLogger(__name__)\n' + 'print("x")\nlogger.info(f"user {user}")\n'.repeat(5_000);
    const settings = { analysisWorkBudget: 1e9 }; // the whole file (10,000 findings are more than the default budget)
    const first = await start();
    first.settings = settings;
    first.open(uri('small.py'), 'python', small.py);
    first.open(uri('small.ts'), 'typescript', small.ts);
    const before = { py: await first.diagnostics(uri('small.py')), ts: await first.diagnostics(uri('small.ts')) };
    assert.ok(before.py.length >= 2 && before.ts.length >= 1);

    // Kill the server once it is busy analyzing the big file: it asked for the file's settings (it analyzes
    // right after the answer) and has used CPU since.
    let busy: number | undefined;
    const bigAsked = new Promise<void>((resolve) => {
      first.onConfiguration = (scopes) => { if (scopes.includes(uri('big.py'))) { busy = cpuTicks(first.proc.pid!); resolve(); } };
    });
    first.open(uri('big.py'), 'python', big);
    await bigAsked;
    if (busy !== undefined) {
      // Polled (CPU time sends no notification); the publish for big.py would also end the wait, and fail below.
      const until = Date.now() + 20_000;
      while ((cpuTicks(first.proc.pid!) ?? Infinity) < busy + 5 && !first.published.some((p) => p.uri === uri('big.py')) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 2));
      }
    } else process.stdout.write('      (no /proc on this system: the server is killed right after it asked for the big file\'s settings)\n');
    const exited = new Promise<NodeJS.Signals | null>((resolve) => first.proc.once('exit', (_code, signal) => resolve(signal)));
    first.proc.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    assert.equal(first.published.some((p) => p.uri === uri('big.py')), false, 'killed before the big file was published');

    // What the client does after a crash: start a server and open the same documents again.
    const second = await start();
    second.settings = settings;
    second.open(uri('small.py'), 'python', small.py);
    second.open(uri('small.ts'), 'typescript', small.ts);
    second.open(uri('big.py'), 'python', big);
    assert.deepEqual(await second.diagnostics(uri('small.py')), before.py);
    assert.deepEqual(await second.diagnostics(uri('small.ts')), before.ts);
    const bigDs = await second.diagnostics(uri('big.py'), undefined);
    const fresh = analyze({ text: big, languageId: 'python', filename: path.join(workspace, 'big.py'), root: workspace, settings: mergeSettings(settings) });
    assert.equal(fresh.stoppedEarly, undefined);
    assert.deepEqual(summary(bigDs), fresh.findings.map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${{ error: 1, warning: 2, info: 3, hint: 4 }[f.severity]} ${f.rule} ${f.message}`));
    assert.equal(bigDs.length, 10_000);
  });

  it('a .o11ylint.json that is not valid JSON: a diagnostic on it, the defaults (and editor settings) used, everything else works', async () => {
    fs.writeFileSync(path.join(workspace, '.o11ylint.json'), '{ "rules": { "no-print-logging": "off", ');
    const c = await start();
    c.settings = { rules: { 'unstructured-log-message': 'error' } };
    const u = uri('app.py');
    c.open(u, 'python', 'import logging\nlogger = logging.getLogger(__name__)\nprint("x")\nlogger.info(f"hi {x}")\n');
    const ds = await c.diagnostics(u);
    assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['no-print-logging', 2], ['unstructured-log-message', 1]], 'the broken file\'s "off" is not applied; editor settings still are');
    const cfg = await c.diagnostics(uri('.o11ylint.json'), undefined);
    assert.equal(cfg.length, 1);
    assert.match(String(cfg[0].message), /not valid JSON/);
    const actions = await c.codeActions(u, [ds[0]]);
    assert.ok(actions.some((a) => a.title === 'Disable no-print-logging for this line'), 'code actions still work');
    // Fixing the file applies it without a restart.
    fs.writeFileSync(path.join(workspace, '.o11ylint.json'), '{ "rules": { "no-print-logging": "off" } }');
    const mark = c.published.length;
    void c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('.o11ylint.json'), type: 2 }] });
    await c.waitFor('the fixed config applied', () => c.published.slice(mark).find((p) => p.uri === u && p.diagnostics.length === 1));
    assert.equal(c.proc.exitCode, null, 'server still running');
  });
});
