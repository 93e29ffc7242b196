/** The preview tier (issue 15 §3): preview rules and preview checks, off unless asked for. */
import * as assert from 'node:assert/strict';
import { mergeSettings, validateSettings } from '../../server/src/analysis/config';
import { analyze, isRuleOn } from '../../server/src/analysis/engine';
import type { Rule } from '../../server/src/analysis/rule';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings';
import { FILE_ROLES } from '../../server/src/analysis/project/view';
import { initAnalyzer } from '../helpers/analyze';

/**
 * Reports every Python call with check `stable`, and every call whose callee is `risky` with check
 * `risky`. It applies to every file role (`roles`, for the file-roles layer).
 */
function fakeRule(id: string, extra: Partial<Rule>): Rule {
  return {
    id, defaultSeverity: 'warning', docs: { summary: 'test' }, hasFix: false, roles: FILE_ROLES,
    messages: { stable: 'a call', risky: 'a risky call' },
    python: (ctx) => ({
      call: (node) => {
        const risky = node.childForFieldName('function')?.text === 'risky';
        ctx.report({ start: node.startIndex, end: node.endIndex, message: risky ? 'a risky call' : 'a call', check: risky ? 'risky' : 'stable' });
      },
    }),
    ...extra,
  } as Rule;
}

const CODE = 'ok()\nrisky()\n';

function findings(rules: Rule[], raw: Record<string, unknown>): string[] {
  const settings = mergeSettings(validateSettings(raw).clean);
  return analyze({ text: CODE, languageId: 'python', filename: 'app/service.py', settings, rules }).findings.map((f) => `${f.rule}:${f.range.start.line + 1}`);
}

describe('preview tier', () => {
  before(() => initAnalyzer());
  const previewRule = fakeRule('fake-preview', { preview: true });
  const stableWithPreviewCheck = fakeRule('fake-stable', { previewChecks: ['risky'] });

  it('is off by default', () => {
    assert.equal(DEFAULT_SETTINGS.preview, false);
    assert.deepEqual(findings([previewRule], {}), []);
  });

  it('runs a preview rule with "preview": true', () => {
    assert.deepEqual(findings([previewRule], { preview: true }), ['fake-preview:1', 'fake-preview:2']);
  });

  it('runs a preview rule given a severity in rules, without "preview"', () => {
    const settings = mergeSettings({ rules: { 'fake-preview': 'info' } });
    const result = analyze({ text: CODE, languageId: 'python', filename: 'a.py', settings, rules: [previewRule] });
    assert.deepEqual(result.findings.map((f) => [f.rule, f.severity]), [['fake-preview', 'info'], ['fake-preview', 'info']]);
  });

  it('keeps a rule set to off off, even with "preview": true', () => {
    const settings = mergeSettings({ preview: true, rules: { 'fake-preview': 'off' } });
    assert.deepEqual(analyze({ text: CODE, languageId: 'python', filename: 'a.py', settings, rules: [previewRule] }).findings, []);
    assert.equal(isRuleOn(previewRule, settings), false);
  });

  it('drops the reports of a preview check unless "preview" is on; the rule\'s other checks report', () => {
    assert.deepEqual(findings([stableWithPreviewCheck], {}), ['fake-stable:1']);
    assert.deepEqual(findings([stableWithPreviewCheck], { preview: true }), ['fake-stable:1', 'fake-stable:2']);
  });

  it('a severity in rules does not turn on a stable rule\'s preview checks (only "preview" does)', () => {
    const settings = mergeSettings({ rules: { 'fake-stable': 'error' } });
    const result = analyze({ text: CODE, languageId: 'python', filename: 'a.py', settings, rules: [stableWithPreviewCheck] });
    assert.deepEqual(result.findings.map((f) => f.range.start.line + 1), [1]);
  });

  it('stable rules do not depend on the setting', () => {
    const stable = fakeRule('fake-plain', {});
    assert.deepEqual(findings([stable], {}), findings([stable], { preview: true }));
    assert.equal(isRuleOn(stable, DEFAULT_SETTINGS), true);
  });

  it('validates the setting: a boolean, nothing else', () => {
    assert.deepEqual(validateSettings({ preview: true }).problems, []);
    assert.deepEqual(validateSettings({ preview: false }).problems, []);
    for (const bad of ['yes', 1, null, ['x']]) {
      const { problems, clean } = validateSettings({ preview: bad });
      assert.deepEqual(problems.map((p) => p.path), ['preview'], String(bad));
      assert.match(problems[0].message, /'preview' must be a boolean/);
      assert.equal('preview' in clean, false);
    }
  });

  it('suggests the setting for a typo', () => {
    assert.match(validateSettings({ preveiw: true }).problems[0].message, /did you mean 'preview'/);
  });
});
