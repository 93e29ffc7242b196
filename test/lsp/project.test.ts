/**
 * The language server and the project layer: a logger defined in another module of the
 * workspace (on disk or open and edited), the importing file's diagnostics following edits of
 * that module, and the role hover on line 1.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { startInTempWorkspace, stopAndRemove, type TestClient } from './client';

const LOGGER = "import pino from 'pino';\nexport const sink = pino({ timestamp: pino.stdTimeFunctions.isoTime, base: { service: 'shop' } });\n";
const NOT_A_LOGGER = 'export const sink = { count: 0 };\n';
const APP = "import { sink } from './logger';\nexport function order(id: string) {\n  sink.info(`order ${id}`);\n}\n";

const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1} ${d.code}`);

describe('language server: the project (other modules, roles)', function () {
  this.timeout(30_000);
  let client: TestClient;
  let workspace: string;
  const uri = (name: string) => `file://${path.join(workspace, name)}`;
  const write = (name: string, text: string) => { fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true }); fs.writeFileSync(path.join(workspace, name), text); };
  /** Waits for a publish for `u` after the first `after` ones whose codes satisfy `ok`. */
  const publishedAfter = (u: string, after: number, ok: (c: string[]) => boolean) => client.waitFor(`a new publish for ${u}`, () => {
    const mine = client.published.filter((p) => p.uri === u).slice(after);
    return mine.map((p) => codes(p.diagnostics)).find(ok);
  });
  const count = (u: string) => client.published.filter((p) => p.uri === u).length;

  beforeEach(async () => ({ client, workspace } = await startInTempWorkspace('o11y-lsp-project-')));
  afterEach(() => stopAndRemove(client, workspace));

  it('a logger imported from a module on disk is known by any name', async () => {
    write('src/logger.ts', LOGGER);
    client.open(uri('src/app.ts'), 'typescript', APP);
    assert.deepEqual(codes(await client.diagnostics(uri('src/app.ts'))), ['3 unstructured-log-message']);
  });

  it('editing the logger module: the importing file\'s diagnostics follow, and follow back', async () => {
    write('src/logger.ts', LOGGER);
    const app = uri('src/app.ts');
    const logger = uri('src/logger.ts');
    client.open(app, 'typescript', APP);
    assert.deepEqual(codes(await client.diagnostics(app)), ['3 unstructured-log-message']);
    client.open(logger, 'typescript', LOGGER);
    await client.diagnostics(logger);
    let before = count(app);
    client.change(logger, [{ text: NOT_A_LOGGER }]);
    await publishedAfter(app, before, (c) => c.length === 0);
    before = count(app);
    client.change(logger, [{ text: LOGGER }]);
    await publishedAfter(app, before, (c) => c.join() === '3 unstructured-log-message');
  });

  it('closing the edited module (its unsaved text gone) re-analyzes what imports it', async () => {
    write('src/logger.ts', LOGGER);
    const app = uri('src/app.ts');
    const logger = uri('src/logger.ts');
    client.open(logger, 'typescript', LOGGER);
    client.open(app, 'typescript', APP);
    await client.diagnostics(app);
    let before = count(app);
    client.change(logger, [{ text: NOT_A_LOGGER }]);
    await publishedAfter(app, before, (c) => c.length === 0);
    before = count(app);
    client.close(logger);
    await publishedAfter(app, before, (c) => c.join() === '3 unstructured-log-message');
  });

  it('Python: an aliased import from the project\'s package', async () => {
    write('app/__init__.py', '');
    write('app/log.py', 'import structlog\nlog = structlog.get_logger()\n');
    client.open(uri('app/jobs.py'), 'python', 'from app.log import log as applog\n\n\ndef run(job):\n    applog.info(f"job {job.id}")\n');
    assert.deepEqual(codes(await client.diagnostics(uri('app/jobs.py'))), ['5 unstructured-log-message']);
  });

  it('an untitled document is analyzed alone, as before', async () => {
    client.open('untitled:Untitled-1', 'typescript', APP);
    assert.deepEqual(codes(await client.diagnostics('untitled:Untitled-1')), []);
  });

  it('hover on line 1 shows the file\'s role and why; elsewhere no role hover', async () => {
    write('package.json', '{ "bin": { "shop": "src/cli-main.ts" } }\n');
    const hover = (u: string, line: number) => client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: { line, character: 2 } });
    client.open(uri('src/cli-main.ts'), 'typescript', "console.log('hi');\n");
    client.open(uri('tests/test_a.py'), 'python', 'def test_a():\n    print("x")\n');
    await client.diagnostics(uri('src/cli-main.ts'));
    const cli = (await hover(uri('src/cli-main.ts'), 0))!.contents as { value: string };
    assert.match(cli.value, /file role: `cli`\*\*: named by package\.json "bin" as the command `shop`/);
    assert.match(cli.value, /`no-print-logging`/, 'lists the rules that stand down');
    const test = (await hover(uri('tests/test_a.py'), 0))!.contents as { value: string };
    assert.match(test.value, /`test`\*\*: path matches \*\*\/tests\/\*\*/);
    assert.equal(await hover(uri('tests/test_a.py'), 1), null);
  });

  it('"roles" in .o11ylint.json decides the role', async () => {
    write('.o11ylint.json', '{ "roles": { "cli": ["tools/**"] } }\n');
    client.open(uri('tools/dump.py'), 'python', 'print("x")\n');
    assert.deepEqual(codes(await client.diagnostics(uri('tools/dump.py'))), []);
    client.open(uri('src/dump.py'), 'python', 'print("x")\n');
    assert.deepEqual(codes(await client.diagnostics(uri('src/dump.py'))), ['1 no-print-logging']);
  });
});
