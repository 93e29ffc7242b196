import * as assert from 'node:assert/strict';
import { matchesAny, relativeForGlobs } from '../../server/src/analysis/globs';

describe('globs', () => {
  it('paths are relative to the root with / separators', () => {
    assert.equal(relativeForGlobs('/repo/src/app.py', '/repo'), 'src/app.py');
    assert.equal(relativeForGlobs('./src/app.py', undefined), 'src/app.py');
  });

  it('a file outside the root keeps matching ** globs (its leading ../ is dropped)', () => {
    const rel = relativeForGlobs('/usr/lib/python3/dist-packages/celery/bin/worker.py', '/root/project');
    assert.equal(rel, 'usr/lib/python3/dist-packages/celery/bin/worker.py');
    assert.equal(matchesAny(rel, ['**/bin/**']), true);
    assert.equal(matchesAny(rel, ['**/tests/**']), false);
  });
});
