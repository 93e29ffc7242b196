/** File tail: growth, partial lines, truncation, rotation, bad UTF-8, a file that appears later. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LogRecord } from '../../server/src/logs/model';
import { FileTail, type TailEvent } from '../../server/src/logs/tail';
import { tail as tailCommand } from '../../server/src/cli/tail';
import { waitFor } from './helpers';

const line = (msg: string) => JSON.stringify({ level: 'info', msg, time: 1_700_000_000_000 }) + '\n';

describe('logs file tail', () => {
  let dir: string;
  const tails: FileTail[] = [];
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-tail-'))));
  afterEach(() => {
    for (const t of tails.splice(0)) t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function follow(file: string, backlogBytes?: number): Promise<{ t: FileTail; got: LogRecord[]; events: TailEvent[] }> {
    const got: LogRecord[] = [];
    const events: TailEvent[] = [];
    const t = new FileTail(file, { onRecords: (r) => got.push(...r), onEvent: (e) => events.push(e), pollMs: 20, backlogBytes });
    tails.push(t);
    await t.start();
    return { t, got, events };
  }

  it('reads the backlog, then lines as they are appended, holding a partial line until it ends', async () => {
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, line('one') + line('two'));
    const { got } = await follow(file);
    assert.deepEqual(got.map((r) => r.body), ['one', 'two']);
    fs.appendFileSync(file, line('three') + '{"msg":"fo');
    await waitFor(() => got.length === 3, 'three');
    fs.appendFileSync(file, 'ur"}\n');
    await waitFor(() => got.length === 4, 'four');
    assert.equal(got[3].body, 'four');
  });

  it('starts near the end of a big file (backlog), skipping the cut line', async () => {
    const file = path.join(dir, 'big.log');
    fs.writeFileSync(file, Array.from({ length: 100 }, (_, i) => line(`m${i}`)).join(''));
    const { got } = await follow(file, line('m99').length + 5);
    assert.deepEqual(got.map((r) => r.body), ['m99']);
  });

  it('starts over after truncation', async () => {
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, line('old-1') + line('old-2'));
    const { t, got } = await follow(file);
    fs.truncateSync(file, 0);
    await waitFor(() => t.stats.truncations === 1, 'truncation seen');
    fs.appendFileSync(file, line('new'));
    await waitFor(() => got.length === 3, 'new after truncation');
    assert.equal(got[2].body, 'new');
  });

  it('follows rotation (rename + create) without losing lines written to the old file', async () => {
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, line('a'));
    const { t, got } = await follow(file);
    fs.appendFileSync(file, line('b-before-rotate'));
    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, line('c-new-file'));
    await waitFor(() => got.length === 3, 'three after rotation');
    assert.deepEqual(got.map((r) => r.body), ['a', 'b-before-rotate', 'c-new-file']);
    assert.equal(t.stats.rotations, 1);
    fs.appendFileSync(file, line('d'));
    await waitFor(() => got.length === 4, 'd');
  });

  it('skips and counts invalid UTF-8 and invalid JSON, and keeps going', async () => {
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(line('ok1')), Buffer.from([0x7b, 0xc3, 0x28, 0x7d, 0x0a]), Buffer.from('not json\n'), Buffer.from(line('ok2'))]));
    const { t, got } = await follow(file);
    assert.deepEqual(got.map((r) => r.body), ['ok1', 'ok2']);
    assert.equal(t.stats.skipped['invalid-utf8'], 1);
    assert.equal(t.stats.skipped['invalid-json'], 1);
  });

  it('waits for a file that does not exist yet', async () => {
    const file = path.join(dir, 'later.log');
    const { got } = await follow(file);
    fs.writeFileSync(file, line('hello'));
    await waitFor(() => got.length === 1, 'created file read');
  });

  it('`o11y-lint tail --file` prints json lines filtered by --min-severity', async () => {
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, line('info-line') + JSON.stringify({ level: 'error', msg: 'error-line' }) + '\n');
    let out = '';
    let errText = '';
    const stop = new AbortController();
    const done = tailCommand(['--file', file, '--format', 'json', '--min-severity', 'warn'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (errText += s) }, signal: stop.signal });
    await waitFor(() => out.includes('error-line'), 'error line printed');
    stop.abort();
    assert.equal(await done, 0);
    assert.deepEqual(out.trim().split('\n').map((l) => JSON.parse(l).body), ['error-line']);
    assert.match(errText, /following/);
    let usage = '';
    assert.equal(await tailCommand(['--format', 'xml'], { stdout: { write: () => true }, stderr: { write: (s: string) => (usage += s) } }), 2);
    assert.match(usage, /--format must be text or json/);
  });

  it('a deleted file is told, waited for, and read again when it comes back', async () => {
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, line('before'));
    const { t, got, events } = await follow(file);
    fs.appendFileSync(file, line('last-words'));
    fs.rmSync(file);
    await waitFor(() => t.stats.deletions === 1, 'deletion seen');
    assert.deepEqual(got.map((r) => r.body), ['before', 'last-words']);
    assert.equal(events.at(-1)?.kind, 'deleted');
    assert.match(events.at(-1)!.message, /app\.log was deleted; waiting/);
    fs.writeFileSync(file, line('back'));
    await waitFor(() => got.length === 3, 'the recreated file read');
    assert.equal(got[2].body, 'back');
    assert.deepEqual(events.map((e) => e.kind), ['deleted', 'appeared']);
  });

  it('copy-truncate refilled past the old offset between two polls is seen (the first bytes changed)', async () => {
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, line('old-1') + line('old-2'));
    const { t, got, events } = await follow(file);
    // Synchronously, so the tail sees only the end state: copied away, emptied, and written longer than before.
    fs.copyFileSync(file, `${file}.1`);
    fs.truncateSync(file, 0);
    fs.appendFileSync(file, line('new-1-after-copytruncate') + line('new-2-after-copytruncate') + line('new-3'));
    await waitFor(() => got.length === 5, 'the refilled lines');
    assert.deepEqual(got.map((r) => r.body), ['old-1', 'old-2', 'new-1-after-copytruncate', 'new-2-after-copytruncate', 'new-3']);
    assert.equal(t.stats.truncations, 1);
    assert.equal(t.stats.skipped['invalid-json'], 0, 'no line read from the middle');
    assert.equal(events.at(-1)?.kind, 'truncated');
    // Plain appends after that are not mistaken for another truncation.
    fs.appendFileSync(file, line('new-4'));
    await waitFor(() => got.length === 6, 'new-4');
    assert.equal(t.stats.truncations, 1);
  });

  it('a file that cannot be read (a folder in its place) is told, not thrown, and read once it is a file', async () => {
    const file = path.join(dir, 'app.log');
    fs.mkdirSync(file);
    const { t, got, events } = await follow(file);
    assert.equal(events[0]?.kind, 'error');
    assert.match(events[0].message, /Cannot read .*app\.log: .*EISDIR/);
    assert.ok(t.stats.errors >= 1);
    fs.rmdirSync(file);
    fs.writeFileSync(file, line('now-a-file'));
    await waitFor(() => got.length === 1, 'the file read');
    assert.equal(events.at(-1)?.kind, 'appeared');
  });

  it('a file not valid UTF-8 throughout (binary) is skipped line by line and the tail keeps going', async () => {
    const file = path.join(dir, 'app.log');
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 128) % 256));
    fs.writeFileSync(file, Buffer.concat([junk, Buffer.from('\n'), junk, Buffer.from('\n')]));
    const { t, got } = await follow(file);
    assert.equal(got.length, 0);
    assert.ok(t.stats.skipped['invalid-utf8'] >= 1, JSON.stringify(t.stats.skipped));
    fs.appendFileSync(file, line('fine'));
    await waitFor(() => got.length === 1, 'a good line after the junk');
  });

  it('a missing file is told once while it is waited for', async () => {
    const { events } = await follow(path.join(dir, 'nowhere.log'));
    assert.deepEqual(events.map((e) => e.kind), ['missing']);
    assert.match(events[0].message, /does not exist yet/);
  });
});
