/**
 * No telemetry, no network calls: in the extension, server and CLI sources, only the OTLP receiver touches
 * the network stack, and it only listens. Nothing fetches, opens sockets or sends anything anywhere.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

describe('no network access beyond the receiver', () => {
  const files = [...sources('server/src'), ...sources('client/src')];

  it('only server/src/logs/receiver.ts imports a network module, and it only creates a server', () => {
    assert.ok(files.length > 50, `${files.length} source files`);
    // `import type` brings in no code (body.ts reads requests the receiver hands it).
    const networking = files.filter((f) => /^import (?!type )[^;]*from ['"](node:)?(http|https|http2|net|dgram|tls)['"]|require\(['"](node:)?(http|https|http2|net|dgram|tls)['"]\)/m.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    assert.deepEqual(networking, [path.join('server', 'src', 'logs', 'receiver.ts')]);
    const receiver = fs.readFileSync(path.join(ROOT, 'server', 'src', 'logs', 'receiver.ts'), 'utf8');
    assert.doesNotMatch(receiver, /http\.(request|get)\(|\.connect\(/);
  });

  it('nothing calls fetch, XMLHttpRequest, WebSocket or sendBeacon (extension, server, CLI, panel script)', () => {
    for (const f of files) {
      const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      assert.doesNotMatch(text, /\bfetch\(|XMLHttpRequest|new WebSocket|sendBeacon|EventSource\(/, f);
    }
  });
});
