import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const files = (dir: string): string[] => fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

describe('logs: module boundaries', () => {
  it('the receiver, store, tail, session, page and protocol never import an editor API', () => {
    const editorImport = /(from |require\()'(vscode|vscode-languageserver[\w/-]*|vscode-languageclient[\w/-]*)'/;
    const pure = [...files('server/src/logs'), ...files('client/src/webview'), 'server/src/cli/tail.ts', 'client/src/logs/session.ts', 'client/src/logs/html.ts', 'client/src/logs/protocol.ts', 'client/src/logs/batches.ts', 'client/src/logs/openCode.ts', 'server/src/messages.ts'];
    assert.deepEqual(pure.filter((p) => editorImport.test(fs.readFileSync(path.join(ROOT, p), 'utf8'))), []);
  });

  it('the page script never writes markup from data (no innerHTML/outerHTML/insertAdjacentHTML/document.write)', () => {
    const offenders = files('client/src/webview').filter((p) => /\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write/.test(fs.readFileSync(path.join(ROOT, p), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
