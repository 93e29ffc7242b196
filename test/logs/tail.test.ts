/** File tail: growth, partial lines, truncation, rotation, bad UTF-8, a file that appears later. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LogRecord } from '../../server/src/logs/model';
import { FileTail } from '../../server/src/logs/tail';
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

  async function follow(file: string, backlogBytes?: number): Promise<{ t: FileTail; got: LogRecord[] }> {
    const got: LogRecord[] = [];
    const t = new FileTail(file, { onRecords: (r) => got.push(...r), pollMs: 20, backlogBytes });
    tails.push(t);
    await t.start();
    return { t, got };
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
});
