/** Untrusted text never becomes a command: every message shown goes through plainMessage, which leaves no link. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_MESSAGE_LENGTH, plainMessage } from '../../server/src/messages';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** VS Code's notification link syntax, as in vs/base/common/linkedText.ts (LINK_REGEX). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** CommonMark inline links and autolinks, for any place that renders Markdown. */
const MARKDOWN_LINK = /\]\(|<[a-z][a-z0-9+.-]*:/i;

const PAYLOADS = [
  '[Fix](command:workbench.action.terminal.new)',
  '[Fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D)',
  '[Open](https://example.com/x)',
  '[passwd](file:///etc/passwd)',
  '[Fix](COMMAND:workbench.action.terminal.new)',
  '[Fix](command:x "a title")',
  'before [a](command:x) middle [b](command:y) after',
  '<command:workbench.action.terminal.new>',
];

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

describe('messages: untrusted text in notifications', () => {
  it('plainMessage leaves no link VS Code or Markdown would render, and keeps the text readable', () => {
    for (const p of PAYLOADS) {
      const shown = plainMessage(`unknown setting '${p}'`);
      assert.equal([...shown.matchAll(VSCODE_LINK)].length, 0, `${p} → ${shown}`);
      assert.doesNotMatch(shown, MARKDOWN_LINK, `${p} → ${shown}`);
      // The user still sees what the key was.
      assert.equal(shown.replace(/\] \(/g, '](').replace(/‹/g, '<'), `unknown setting '${p}'`);
    }
    // The payloads themselves are links (the check above would catch them).
    assert.ok(PAYLOADS.slice(0, 7).every((p) => [...p.matchAll(VSCODE_LINK)].length > 0));
  });

  it('plainMessage is idempotent, replaces control and bidi characters, and cuts very long text', () => {
    const once = plainMessage('a\u001b[31mred\u202ecba [x](command:y)');
    assert.equal(once, 'a\uFFFD[31mred\uFFFDcba [x] (command:y)');
    assert.equal(plainMessage(once), once);
    assert.equal(plainMessage('line 1\nline 2\ttab'), 'line 1\nline 2\ttab');
    const long = plainMessage('k'.repeat(1_000_000));
    assert.equal(long.length, MAX_MESSAGE_LENGTH);
    assert.ok(long.endsWith('…'));
  });

  it('every message the client and the server show goes through plainMessage', () => {
    const calls: string[] = [];
    for (const f of [...sources('client/src'), ...sources('server/src')]) {
      const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      for (const m of text.matchAll(/\.(show(?:Information|Warning|Error)Message|showMessage|showMessageRequest)\(\s*([^,)]{0,40})/g)) {
        calls.push(`${f}: ${m[1]}(${m[2]}`);
        assert.match(m[2], /^plainMessage\(/, `${f}: ${m[0]}`);
      }
    }
    assert.ok(calls.length >= 9, calls.join('\n'));
  });
});
