import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, startInTempWorkspace, stopAndRemove, TestClient } from './client';

const PY = [
  'import logging',
  'import structlog',
  '',
  'logger = logging.getLogger(__name__)',
  'log = structlog.get_logger()',
  '',
  'def login(user, password):',
  '    print("login")',
  '    logger.info(f"login {user.id}")',
  '    log.info("login", password=password)',
  '',
].join('\n');

const TS = [
  "import pino from 'pino';",
  "const logger = pino({ name: 'api', timestamp: pino.stdTimeFunctions.isoTime });",
  'export function login(user: { id: string }, password: string) {',
  "  console.log('login');",
  '  logger.info(`login ${user.id}`);',
  "  logger.info({ password }, 'login');",
  '}',
  '',
].join('\n');

/** RULES.md must-not-fire examples for the three rules, in one file each. */
const PY_SILENT = [
  'import logging, structlog',
  'logger = logging.getLogger(__name__)',
  'log = structlog.get_logger()',
  'MSG = "static"',
  'def f(msg, user):',
  '    logger.info("static")',
  '    logger.info(MSG)',
  '    logger.info(msg)',
  '    log.info("x", user_id=1, token_count=2, max_tokens=3, password_reset_sent=True, has_password=True,',
  '             email_verified=True, token_type="a", card_type="b", address_count=4, session_id="s",',
  '             email_hash=hash_pii(user.email))',
  '    with open("f") as fh:',
  '        print("x", file=fh)',
  'if __name__ == "__main__":',
  '    print("usage")',
  '',
].join('\n');

const TS_SILENT = [
  "import pino from 'pino';",
  "const logger = pino({ name: 'api', timestamp: pino.stdTimeFunctions.isoTime });",
  'const MSG = "static";',
  'export function f(msg: string, user: { email: string }) {',
  "  logger.info({ userId: 1, tokenCount: 2, maxTokens: 3, passwordResetSent: true, hasPassword: true }, 'x');",
  "  logger.info({ emailVerified: true, tokenType: 'a', cardType: 'b', addressCount: 4, sessionId: 's' }, 'x');",
  "  logger.info({ emailHash: hashPii(user.email) }, 'x');",
  '  logger.info(MSG);',
  '  logger.info(msg);',
  '  console.table([]);',
  '}',
  'if (require.main === module) { console.log("usage"); }',
  '',
].join('\n');

const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.code}`);

function applyAction(text: string, action: CodeAction, languageId: string): string {
  const edit = action.edit!;
  const docEdits = (edit.documentChanges as TextDocumentEdit[] | undefined)?.[0]?.edits ?? Object.values(edit.changes ?? {})[0];
  return applyEdits(text, languageId, docEdits as TextEdit[]);
}

describe('language server over stdio', function () {
  this.timeout(30_000);
  let client: TestClient;
  let workspace: string;
  const uri = (name: string) => `file://${path.join(workspace, name)}`;

  beforeEach(async () => ({ client, workspace } = await startInTempWorkspace('o11y-lsp-')));
  afterEach(() => stopAndRemove(client, workspace));

  it('announces incremental sync and its code action kinds', async () => {
    const c = new TestClient();
    const result = await c.initialize();
    await c.stop();
    assert.deepEqual(result.capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual((result.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'refactor.rewrite', 'source.fixAll.o11y-lint']);
  });

  it('also speaks node IPC, the transport VS Code uses', async () => {
    const c = new TestClient('ipc');
    await c.initialize(workspace);
    c.open(uri('ipc.py'), 'python', PY);
    const ds = await c.diagnostics(uri('ipc.py'));
    await c.stop();
    assert.deepEqual(ds.map((d) => d.code), ['no-print-logging', 'unstructured-log-message', 'sensitive-data-in-log']);
  });

  it('Python: exactly the expected diagnostics, with source, code and docs link', async () => {
    client.open(uri('app.py'), 'python', PY);
    const ds = await client.diagnostics(uri('app.py'));
    assert.deepEqual(summary(ds), ['8:5-8:10 no-print-logging', '9:17-9:35 unstructured-log-message', '10:23-10:31 sensitive-data-in-log']);
    for (const d of ds) {
      assert.equal(d.source, 'o11y-lint');
      assert.ok(d.codeDescription!.href.endsWith(`/docs/rules/${d.code}.md`));
      assert.ok(fs.existsSync(fileURLToPath(d.codeDescription!.href)), 'docs page ships with the server');
    }
    assert.deepEqual(ds.map((d) => d.severity), [2, 2, 1]);
  });

  it('TypeScript: exactly the expected diagnostics', async () => {
    client.open(uri('app.ts'), 'typescript', TS);
    assert.deepEqual(summary(await client.diagnostics(uri('app.ts'))), ['4:3-4:14 no-print-logging', '5:15-5:33 unstructured-log-message', '6:17-6:25 sensitive-data-in-log']);
  });

  it('the must-not-fire examples stay silent (Python and TS)', async () => {
    client.open(uri('silent.py'), 'python', PY_SILENT);
    client.open(uri('silent.ts'), 'typescript', TS_SILENT);
    assert.deepEqual(summary(await client.diagnostics(uri('silent.py'))), []);
    assert.deepEqual(summary(await client.diagnostics(uri('silent.ts'))), []);
  });

  it('incremental edits re-analyze; only the newest version is published last', async () => {
    const u = uri('edit.py');
    client.open(u, 'python', 'x = 1\n');
    assert.deepEqual(await client.diagnostics(u), []);
    let version = 1;
    for (let i = 0; i < 10; i++) version = client.change(u, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `print(${i})\n` }]);
    const ds = await client.diagnostics(u, version);
    assert.equal(ds.length, 10);
    const versions = client.published.filter((p) => p.uri === u).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'no older version published after a newer one');
    assert.ok(versions.length < 11, `debounced: ${versions.length} publishes for 11 versions`);
    const v2 = client.change(u, [{ range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } }, text: '' }]);
    assert.deepEqual(await client.diagnostics(u, v2), []);
  });

  it('quick fixes: the rule fix (preferred), disable for this line, fix all; edits are versioned', async () => {
    const u = uri('fix.py');
    client.open(u, 'python', PY);
    const ds = await client.diagnostics(u);
    const secret = ds.find((d) => d.code === 'sensitive-data-in-log')!;
    const actions = await client.codeActions(u, [secret]);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, !!a.isPreferred]), [
      ['Redact `password`', 'quickfix', true],
      ['Remove secret field', 'quickfix', false],
      ['Disable sensitive-data-in-log for this line', 'quickfix', false],
      ['Fix all safe o11y-lint problems', 'quickfix', false],
    ]);
    const docEdit = (actions[0].edit!.documentChanges as TextDocumentEdit[])[0];
    assert.deepEqual(docEdit.textDocument, { uri: u, version: 1 });
    assert.equal(applyAction(PY, actions[0], 'python').split('\n')[9], '    log.info("login", password="[REDACTED]")');
    assert.equal(applyAction(PY, actions[1], 'python').split('\n')[9], '    log.info("login")');
    const disabled = applyAction(PY, actions[2], 'python');
    assert.deepEqual(disabled.split('\n').slice(9, 11), ['    # o11y-lint: disable=sensitive-data-in-log', '    log.info("login", password=password)']);
    const v = client.change(u, [{ text: disabled }]);
    assert.ok(!(await client.diagnostics(u, v)).some((d) => d.code === 'sensitive-data-in-log'), 'suppressed after applying');
  });

  it('TS: disable comment goes above with the same indentation', async () => {
    const u = uri('fix.ts');
    client.open(u, 'typescript', TS);
    const ds = await client.diagnostics(u);
    const actions = await client.codeActions(u, [ds[0]]);
    const disable = actions.find((a) => a.title === 'Disable no-print-logging for this line')!;
    assert.deepEqual(applyAction(TS, disable, 'typescript').split('\n').slice(3, 5), ['  // o11y-lint-disable-next-line no-print-logging', "  console.log('login');"]);
  });

  it('source.fixAll.o11y-lint applies safe fixes only and is idempotent', async () => {
    const u = uri('all.ts');
    const text = TS + "export const f = (token: string) => logger.info({ token }, 'x');\n";
    client.open(u, 'typescript', text);
    await client.diagnostics(u);
    const [all] = await client.codeActions(u, [], ['source.fixAll.o11y-lint']);
    assert.equal(all.kind, 'source.fixAll.o11y-lint');
    const fixed = applyAction(text, all, 'typescript');
    assert.match(fixed, /logger\.info\(\{ password: '\[REDACTED\]' \}, 'login'\)/, 'uses the file\'s quote style');
    assert.match(fixed, /logger\.info\(\{ token: '\[REDACTED\]' \}, 'x'\)/);
    assert.match(fixed, /console\.log\('login'\)/, 'no unsafe or fixless change');
    const v = client.change(u, [{ text: fixed }]);
    await client.diagnostics(u, v);
    assert.deepEqual(await client.codeActions(u, [], ['source.fixAll.o11y-lint']), [], 'nothing left to fix');
  });

  it('fixes computed for an older version are not offered', async () => {
    const u = uri('stale.py');
    client.open(u, 'python', PY);
    const ds = await client.diagnostics(u);
    client.change(u, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    const actions = await client.codeActions(u, [ds.find((d) => d.code === 'sensitive-data-in-log')!]);
    assert.deepEqual(actions.map((a) => a.title), [], 'nothing for a stale diagnostic: its line may hold other code now (issue 16)');
  });

  it('closing a document clears its diagnostics', async () => {
    const u = uri('close.py');
    client.open(u, 'python', 'print(1)\n');
    assert.equal((await client.diagnostics(u)).length, 1);
    client.close(u);
    await client.waitFor('cleared diagnostics', () => { const last = client.published.filter((p) => p.uri === u).pop(); return last && last.diagnostics.length === 0; });
  });

  it('editor settings are pulled per document and changes apply without restart', async () => {
    const u = uri('settings.py');
    client.open(u, 'python', 'print(1)\n');
    assert.equal((await client.diagnostics(u))[0].severity, 2);
    client.settings = { rules: { 'no-print-logging': 'error' } };
    const before = client.published.length;
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('re-published with error severity', () => client.published.slice(before).find((p) => p.uri === u && p.diagnostics[0]?.severity === 1));
    client.settings = { rules: { 'no-print-logging': 'off' } };
    const mark = client.published.length;
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('re-published empty', () => client.published.slice(mark).find((p) => p.uri === u && p.diagnostics.length === 0));
  });

  it('.o11ylint.json wins over editor settings; its problems are reported on the file', async () => {
    fs.writeFileSync(path.join(workspace, '.o11ylint.json'), '{\n  "rules": {\n    "no-print-logging": "info",\n    "no-such-rule": "off"\n  }\n}\n');
    client.settings = { rules: { 'no-print-logging': 'error' } };
    const u = uri('cfg.py');
    client.open(u, 'python', 'print(1)\n');
    assert.equal((await client.diagnostics(u))[0].severity, 3);
    const cfgUri = uri('.o11ylint.json');
    const cfg = await client.diagnostics(cfgUri, undefined);
    assert.deepEqual(cfg.map((d) => [d.code, d.range.start.line, d.message]), [['config', 3, "unknown rule id 'no-such-rule'"]]);
    await client.waitFor('a warning message', () => client.messages.find((m) => m.type === 2 && /no-such-rule/.test(m.message)));
    fs.writeFileSync(path.join(workspace, '.o11ylint.json'), '{ "rules": { "no-print-logging": "off" } }');
    const mark = client.published.length;
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 2 }] });
    await client.waitFor('config problems cleared and rule off', () => {
      const after = client.published.slice(mark);
      return after.some((p) => p.uri === cfgUri && p.diagnostics.length === 0) && after.some((p) => p.uri === u && p.diagnostics.length === 0);
    });
  });

  it('YAML rule files: diagnostics, hover and completion; other YAML stays silent', async () => {
    const rules = 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: "up =="\n        for: 10m\n        labels:\n          severity: \n        annotations:\n          summary: down\n          runbook_url: https://r/Down\n';
    client.open(uri('alerts.yaml'), 'yaml', rules);
    client.open(uri('ci.yaml'), 'yaml', 'steps:\n  - run: echo "sum(rate(x[5m])"\n');
    assert.deepEqual(summary(await client.diagnostics(uri('alerts.yaml'))), ['5:20-5:21 promql-syntax', '8:21-8:21 alert-missing-severity', '8:21-8:21 yaml-schema']);
    assert.deepEqual(await client.diagnostics(uri('ci.yaml')), []);
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: uri('alerts.yaml') }, position: { line: 5, character: 14 } });
    assert.match(hover!.contents.value, /10 minutes/);
    const items = await client.connection.sendRequest<{ label: string }[]>('textDocument/completion', { textDocument: { uri: uri('alerts.yaml') }, position: { line: 7, character: 20 } });
    assert.deepEqual(items.map((i) => i.label), ['critical', 'warning', 'info', 'none']);
    const diags = await client.diagnostics(uri('alerts.yaml'));
    const disable = (await client.codeActions(uri('alerts.yaml'), [diags[0]])).find((a) => a.title.startsWith('Disable'))!;
    assert.equal(applyAction(rules, disable, 'yaml').split('\n')[4], '        # o11y-lint: disable=promql-syntax');
  });

  it('YAML: metrics the workspace code does not register are reported after the workspace scan', async () => {
    fs.writeFileSync(path.join(workspace, 'metrics.py'), 'from prometheus_client import Counter\nORDERS = Counter("orders_processed", "Orders")\n');
    const text = 'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: sum(rate(orders_procesed_total[5m]))\n';
    client.open(uri('rules.yaml'), 'yaml', text);
    await client.waitFor('metric-not-emitted', () => client.published.find((p) => p.uri === uri('rules.yaml') && p.diagnostics.some((d) => d.code === 'metric-not-emitted')));
    const ds = client.published.filter((p) => p.uri === uri('rules.yaml')).pop()!.diagnostics;
    assert.deepEqual(summary(ds), ['5:24-5:45 metric-not-emitted']);
  });

  it('finds the log calls that could have written a record (logs panel "find in code")', async () => {
    fs.writeFileSync(path.join(workspace, 'orders.py'), 'import structlog, logging\nlog = structlog.get_logger()\nlogger = logging.getLogger()\nlog.info("order_placed", id=1)\nlogger.warning(f"Payment {pid} failed")\n');
    const find = (event: string, body: string) => client.connection.sendRequest<{ uri: string; line: number; character: number; text: string }[]>('o11yLint/findLogCalls', { event, body });
    assert.deepEqual(await find('order_placed', 'order_placed'), [{ uri: uri('orders.py'), line: 3, character: 9, text: 'order_placed' }]);
    assert.deepEqual((await find('', 'Payment 42 failed')).map((h) => [h.line, h.text]), [[4, 'Payment {} failed']]);
    assert.deepEqual(await find('nothing_like_it', 'nothing'), []);
  });

  it('YAML: no "disable for this line" inside a block scalar, where a comment would change the query', async () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: |\n          sum(\n';
    client.open(uri('block.yaml'), 'yaml', text);
    const ds = await client.diagnostics(uri('block.yaml'));
    assert.deepEqual(summary(ds), ['6:14-6:15 promql-syntax']);
    assert.deepEqual((await client.codeActions(uri('block.yaml'), ds)).map((a) => a.title), []);
  });

  it('odd inputs: syntax errors, 2.4 MB, binary, empty, BOM-only, untitled — the server answers them all', async () => {
    client.open(uri('broken.py'), 'python', 'def f(:\n    pass\nprint("after")\n');
    client.open(uri('big.py'), 'python', 'x = 1\n'.repeat(400_000));
    client.open(uri('bin.py'), 'python', '\u007fELF\u0000\u0000\u0001');
    client.open(uri('empty.ts'), 'typescript', '');
    client.open(uri('bom.ts'), 'typescript', '\uFEFF');
    client.open('untitled:Untitled-1', 'python', 'print("scratch")\n');
    assert.deepEqual(summary(await client.diagnostics(uri('broken.py'))), ['3:1-3:6 no-print-logging']);
    const big = await client.diagnostics(uri('big.py'));
    assert.deepEqual(big.map((d) => [d.code, d.severity]), [['skipped', 3]]);
    assert.match(String(big[0].message), /over the o11yLint\.maxFileSize limit/);
    assert.match(String((await client.diagnostics(uri('bin.py')))[0].message), /binary/);
    assert.deepEqual(await client.diagnostics(uri('empty.ts')), []);
    assert.deepEqual(await client.diagnostics(uri('bom.ts')), []);
    assert.equal((await client.diagnostics('untitled:Untitled-1')).length, 1);
    assert.equal(client.proc.exitCode, null, 'server still running');
  });
});
