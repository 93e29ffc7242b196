/** The panel's "open code": a record's `code.file.path` opens a file inside the workspace folders, or nothing. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { noLogCallMessage, resolveCodePath, type CodeWorkspace } from '../../client/src/logs/openCode';

/** VS Code's notification link syntax, as in vs/base/common/linkedText.ts (LINK_REGEX). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** VS Code's findFiles for the globs openCode.ts builds: `**` then segments where `?` is any one character. */
function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/^\*\*\//, '').split('').map((c) => (c === '?' ? '[^/]' : c.replace(/[.*+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`(^|/)${body}$`);
}

describe('logs panel: open code only inside the workspace', () => {
  let root: string;
  let ws: string;
  let outside: string;
  let globs: string[];
  let workspace: CodeWorkspace;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-open-'));
    ws = path.join(root, 'ws');
    outside = path.join(root, 'outside');
    for (const f of ['src/pay.ts', 'pages/[id].tsx', 'lib/a{b}.py', 'deep/x/y/z.py']) {
      fs.mkdirSync(path.dirname(path.join(ws, f)), { recursive: true });
      fs.writeFileSync(path.join(ws, f), '// code\n');
    }
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
    fs.writeFileSync(path.join(outside, 'pay.ts'), 'not the workspace\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  beforeEach(() => {
    globs = [];
    workspace = {
      folders: [ws],
      isFile: async (f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile() ?? false,
      findFiles: async (glob) => {
        globs.push(glob);
        const re = globToRegExp(glob);
        // The real search covers the workspace only; this one also returns a file outside, which must be ignored.
        return [...walk(outside), ...walk(ws)].filter((f) => re.test(f.split(path.sep).join('/')));
      },
    };
  });

  const open = async (file: string) => resolveCodePath(file, workspace);

  it('workspace-relative, absolute inside a folder, and paths from a container or another machine open the workspace file', async () => {
    assert.deepEqual(await open('src/pay.ts'), { ok: true, file: path.join(ws, 'src/pay.ts') });
    assert.deepEqual(await open('./src/pay.ts'), { ok: true, file: path.join(ws, 'src/pay.ts') });
    assert.deepEqual(await open(path.join(ws, 'src/pay.ts')), { ok: true, file: path.join(ws, 'src/pay.ts') });
    assert.deepEqual(await open('/app/src/pay.ts'), { ok: true, file: path.join(ws, 'src/pay.ts') });
    assert.deepEqual(await open('C:\\build\\app\\src\\pay.ts'), { ok: true, file: path.join(ws, 'src/pay.ts') });
    assert.deepEqual(await open('/srv/app/deep/x/y/z.py'), { ok: true, file: path.join(ws, 'deep/x/y/z.py') });
  });

  it('an absolute path outside the folders is never opened, even when the file exists', async () => {
    const r = await open(path.join(outside, 'secret.txt'));
    assert.equal(r.ok, false);
    // Same name as a workspace file's tail? Only the workspace file can come out.
    assert.deepEqual(await open(path.join(outside, 'pay.ts')), { ok: false, message: `o11y-lint: cannot find ${path.join(outside, 'pay.ts')} in this workspace.` });
  });

  it('`..` is refused before anything is looked up', async () => {
    for (const p of ['../outside/secret.txt', 'src/../../outside/secret.txt', `${ws}/../outside/secret.txt`, '..\\outside\\secret.txt']) {
      const r = await open(p);
      assert.ok(!r.ok && /goes up with "\.\."/.test(r.message), `${p}: ${JSON.stringify(r)}`);
    }
    assert.deepEqual(globs, []);
  });

  it('glob characters from the record never reach the file search; names that have them still open', async () => {
    assert.deepEqual(await open('/app/pages/[id].tsx'), { ok: true, file: path.join(ws, 'pages/[id].tsx') });
    assert.deepEqual(await open('/app/lib/a{b}.py'), { ok: true, file: path.join(ws, 'lib/a{b}.py') });
    for (const p of ['**/*', '/x/**/*.ts', '/x/{src,lib}/*', '/x/!(pay).ts', '/x/src/pay.t?']) assert.equal((await open(p)).ok, false, p);
    assert.ok(globs.length >= 7);
    for (const g of globs) assert.match(g.slice(3), /^[^*[\]{}!,\\]*$/, g);
  });

  it('empty, control characters and very long paths are refused', async () => {
    for (const p of ['', '/', 'src/pay.ts\u0000.png', 'a\nb', 'x/'.repeat(3000)]) assert.equal((await open(p)).ok, false, JSON.stringify(p.slice(0, 20)));
  });

  it('the messages quote the record as text: a code path or event shaped like a command link is no link', async () => {
    const r = await open('[Fix](command:workbench.action.terminal.new)');
    assert.ok(!r.ok);
    assert.doesNotMatch(r.message, VSCODE_LINK, r.message);
    assert.ok(r.message.includes('command:workbench.action.terminal.new'));
    const none = noLogCallMessage('[Run](command:workbench.action.terminal.new) for alice@example.com', '');
    assert.doesNotMatch(none, VSCODE_LINK, none);
    assert.ok(!none.includes('alice@example.com'), 'PII in the event name is masked as the panel shows it');
  });
});
