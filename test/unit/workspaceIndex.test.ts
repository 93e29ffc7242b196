/** The workspace index forgets what it learned from an editor's text once the document closes (issue 16). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initAnalyzer, run } from '../helpers/analyze';
import { WorkspaceIndex } from '../../server/src/workspaceIndex';

describe('workspace index', () => {
  before(() => initAnalyzer());

  it('stays the same size over 200 open/close cycles of distinct files never saved, and keeps the files on disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-index-'));
    try {
      fs.writeFileSync(path.join(dir, 'saved.py'), 'import logging\nlogger = logging.getLogger(__name__)\nlogger.info("on_disk")\n');
      const index = new WorkspaceIndex(() => undefined);
      await index.ensureScanned([dir]);
      assert.equal(index.size, 1);
      for (let i = 0; i < 200; i++) {
        const file = path.join(dir, `unsaved_${i}.py`);
        index.update(file, run(`import logging\nlogger = logging.getLogger(__name__)\nlogger.info("event_${i}")\n`, 'py', { filename: file, collectMetrics: true, collectLogEvents: true }));
        assert.equal(index.size, 2);
        index.closed(file);
        assert.equal(index.size, 1, `after cycle ${i + 1}`);
      }
      const saved = path.join(dir, 'saved.py');
      index.update(saved, run('import logging\nlogger = logging.getLogger(__name__)\nlogger.info("edited")\n', 'py', { filename: saved, collectMetrics: true, collectLogEvents: true }));
      index.closed(saved);
      assert.deepEqual([...index.logEvents()].map((e) => e.site.text), ['on_disk'], 'back to what is on disk');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
