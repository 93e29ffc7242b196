/**
 * The client's restart-on-crash policy (client/src/crashPolicy.ts, used by languageClient.ts's error handler),
 * tested without VS Code on an injected clock. The real-editor version of this is an e2e test.
 */
import * as assert from 'node:assert/strict';
import { CrashPolicy, MAX_CRASHES, RESTART_WINDOW_MS } from '../../client/src/crashPolicy';

describe('client restart policy after server crashes', () => {
  let now = 0;
  const policy = () => new CrashPolicy(() => now);
  beforeEach(() => (now = 1_000_000));

  it('restarts after each of the first 3 crashes with a warning, stops at the 4th within 3 minutes', () => {
    const p = policy();
    for (let i = 1; i < MAX_CRASHES; i++) {
      now += 10_000;
      const d = p.crashed();
      assert.equal(d.action, 'restart', `crash ${i}`);
      assert.match(d.message, /stopped unexpectedly and is being restarted/);
    }
    now += 10_000;
    const last = p.crashed();
    assert.equal(last.action, 'stop');
    assert.match(last.message, /crashed 4 times in 3 minutes and will not be restarted/);
    assert.equal(MAX_CRASHES, 4);
    assert.equal(RESTART_WINDOW_MS, 180_000);
  });

  it('crashes older than 3 minutes do not count', () => {
    const p = policy();
    for (let i = 0; i < 3; i++) { now += 1000; assert.equal(p.crashed().action, 'restart'); }
    now += RESTART_WINDOW_MS; // the first three are now out of the window
    assert.equal(p.crashed().action, 'restart');
    now += 1000;
    assert.equal(p.crashed().action, 'restart');
  });

  it('after the user restarts by hand, the count starts again', () => {
    const p = policy();
    for (let i = 0; i < 3; i++) p.crashed();
    assert.equal(p.crashed().action, 'stop');
    p.reset();
    assert.equal(p.crashed().action, 'restart');
  });
});
