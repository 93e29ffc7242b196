import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findConfigFile, loadConfigFile, mergeSettings, validateSettings } from '../../server/src/analysis/config';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings';

describe('config', () => {
  it('merges layers over the defaults: objects key by key, arrays replace', () => {
    const s = mergeSettings({ sensitive: { allow: ['pin'] }, exclude: ['x/**'] }, { rules: { 'no-print-logging': 'off' } });
    assert.deepEqual(s.sensitive, { ...DEFAULT_SETTINGS.sensitive, allow: ['pin'] });
    assert.deepEqual(s.exclude, ['x/**']);
    assert.equal(s.rules['no-print-logging'], 'off');
    assert.deepEqual(mergeSettings(), DEFAULT_SETTINGS);
  });

  it('reports unknown rule ids with a suggestion, and keeps the valid entries', () => {
    const { clean, problems } = validateSettings({ rules: { 'no-print-loging': 'off', 'sensitive-data-in-log': 'warning' } });
    assert.deepEqual(clean.rules, { 'sensitive-data-in-log': 'warning' });
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /unknown rule id 'no-print-loging' \(did you mean 'no-print-logging'\?\)/);
  });

  it('reports bad severities, bad types and unknown keys', () => {
    const { problems } = validateSettings({
      rules: { 'no-print-logging': 'loud' }, exclude: 'dist', sensitive: { allow: [1] }, eventNameStyle: 'camel', colour: true, maxFileSize: -1,
    });
    assert.deepEqual(problems.map((p) => p.path), ['rules.no-print-logging', 'exclude', 'sensitive.allow', 'eventNameStyle', 'colour', 'maxFileSize']);
  });

  it('maskHelper must be a module path and a name (it is written into source by a safe fix); anything else is refused', () => {
    for (const ok of ['', 'myapp.privacy.hash_pii', 'pii.mask', './privacy#hashPii', '../lib/pii#mask_pii', '@acme/privacy/node#hashPii', '#lib/privacy#hashPii', 'privacy#$hash']) {
      assert.deepEqual(validateSettings({ maskHelper: ok }), { clean: { maskHelper: ok }, problems: [] }, ok);
    }
    for (const bad of ['hash_pii', 'myapp.privacy.', 'my app.hash', 'myapp.import.hash_pii', '1abc.hash', "x'; require('child_process').exec('id'); '#hashPii",
      './privacy#hash-pii', './privacy#default', 'a\\b#c', 'mod#', '`x`#y', 'os.system("id") or x.y']) {
      const { clean, problems } = validateSettings({ maskHelper: bad });
      assert.deepEqual(clean, {}, bad);
      assert.equal(problems.length, 1, bad);
      assert.equal(problems[0].path, 'maskHelper');
      assert.match(problems[0].message, /must be a Python module path and function \(myapp\.privacy\.hash_pii\) or a JavaScript module and export/);
    }
  });

  it('ignores the client-only VS Code keys', () => {
    assert.deepEqual(validateSettings({ enable: true, trace: { server: 'off' } }).problems, []);
  });

  it('treats null settings (an LSP client without configuration) as none', () => {
    assert.deepEqual(validateSettings(null), { clean: {}, problems: [] });
  });

  describe('files', () => {
    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-config-')); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('finds the nearest .o11ylint.json upwards', () => {
      fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
      fs.writeFileSync(path.join(dir, '.o11ylint.json'), '{}');
      assert.equal(findConfigFile(path.join(dir, 'a', 'b')), path.join(dir, '.o11ylint.json'));
    });

    it('reports invalid JSON as a problem, not an exception', () => {
      const file = path.join(dir, '.o11ylint.json');
      fs.writeFileSync(file, '{ "rules": { ');
      const loaded = loadConfigFile(file);
      assert.deepEqual(loaded.raw, {});
      assert.match(loaded.problems[0].message, /not valid JSON/);
    });

    it('accepts a BOM and a $schema key', () => {
      const file = path.join(dir, '.o11ylint.json');
      fs.writeFileSync(file, '\uFEFF{ "$schema": "./schemas/o11ylint.schema.json", "rules": { "no-print-logging": "error" } }');
      const loaded = loadConfigFile(file);
      assert.deepEqual(loaded.problems, []);
      assert.deepEqual(loaded.raw.rules, { 'no-print-logging': 'error' });
    });
  });
});
