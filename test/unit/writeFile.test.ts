/** `--fix`'s write (issue 16): all of the new text or the file as it was, never half; never over a file that changed since it was read. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRegularFile } from '../../server/src/analysis/readFile';
import { replaceFile, type WriteFs } from '../../server/src/cli/writeFile';

describe('replaceFile (--fix)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-write-'));
    file = path.join(dir, 'a.py');
    fs.writeFileSync(file, 'before\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const readState = () => {
    const read = readRegularFile(file, 1 << 20);
    assert.ok(read.ok);
    return read;
  };
  const leftovers = () => fs.readdirSync(dir).filter((f) => f !== 'a.py');

  it('replaces the contents and leaves no temporary file', () => {
    assert.equal(replaceFile(file, 'after\n', readState()), undefined);
    assert.equal(fs.readFileSync(file, 'utf8'), 'after\n');
    assert.deepEqual(leftovers(), []);
  });

  it('refuses when the file changed since it was read (same size, other bytes; or rewritten)', () => {
    const state = readState();
    fs.writeFileSync(file, 'BEFORE\n');
    assert.match(replaceFile(file, 'after\n', state) ?? '', /changed since it was read/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'BEFORE\n');
    const again = readState();
    fs.rmSync(file);
    fs.writeFileSync(file, 'before\n'); // same text, another file
    assert.match(replaceFile(file, 'after\n', again) ?? '', /changed since it was read/);
    assert.deepEqual(leftovers(), []);
  });

  for (const failing of ['writeSync', 'fsyncSync', 'renameSync'] as const) {
    it(`a failing ${failing} leaves the file as it was and no temporary file, and says why`, () => {
      const broken: WriteFs = { ...fs, [failing]: () => { throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }); } };
      assert.match(replaceFile(file, 'after\n', readState(), broken) ?? '', /not rewritten: EIO: i\/o error/);
      assert.equal(fs.readFileSync(file, 'utf8'), 'before\n');
      assert.deepEqual(leftovers(), []);
    });
  }

  it('a folder that cannot take the temporary file: the file stays as it was', () => {
    const broken: WriteFs = { ...fs, openSync: () => { throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }); } };
    assert.match(replaceFile(file, 'after\n', readState(), broken) ?? '', /EACCES/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'before\n');
  });
});
