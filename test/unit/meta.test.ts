/** Keeps the registry honest: every rule registered, documented, tested, with fixtures; docs examples behave. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, RULE_IDS } from '../../server/src/analysis/registry';
import { ruleLanguages } from '../../server/src/analysis/rule';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings';
import { validateSettings } from '../../server/src/analysis/config';
import { initAnalyzer, run } from '../helpers/analyze';
import { precisionRow, readPrecision, tierRow, withPrecisionRows } from '../corpus/precisionDocs';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
/** metric-not-emitted needs a workspace: its docs and fixtures assume the code registers these. */
const WORKSPACE_METRICS = { names: ['orders_processed', 'orders_processed_total', 'payment_seconds_bucket', 'payment_seconds_count'], prefixes: ['checkout_duration'] };
const HEADINGS = ['What it does', 'Why it matters', 'Example', 'Use instead', 'Fix safety', 'Options'];

/** Every file under `dir` (relative to the repo root), depth first. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(path.join(ROOT, dir))) return [];
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** `## Heading` → its body. */
function sections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = markdown.split(/^## /m).slice(1);
  for (const part of parts) {
    const nl = part.indexOf('\n');
    out.set(part.slice(0, nl).trim(), part.slice(nl + 1));
  }
  return out;
}

type BlockLang = 'py' | 'ts' | 'yaml';
function codeBlocks(body: string): { lang: BlockLang; code: string }[] {
  const blocks: { lang: BlockLang; code: string }[] = [];
  const re = /```(python|py|ts|typescript|js|javascript|yaml|yml)\n([\s\S]*?)```/g;
  for (let m = re.exec(body); m; m = re.exec(body)) blocks.push({ lang: m[1].startsWith('py') ? 'py' : m[1].startsWith('y') ? 'yaml' : 'ts', code: m[2] });
  return blocks;
}
const EXT: Record<string, BlockLang> = { py: 'py', js: 'ts', yaml: 'yaml' };

describe('meta: the registry', () => {
  before(() => initAnalyzer());

  it('rule ids are unique kebab-case', () => {
    assert.equal(RULE_IDS.size, RULES.length);
    for (const r of RULES) assert.match(r.id, /^[a-z]+(-[a-z]+)*$/);
  });

  it('every docs page belongs to a registered rule', () => {
    for (const f of fs.readdirSync(path.join(ROOT, 'docs', 'rules'))) assert.ok(RULE_IDS.has(f.replace(/\.md$/, '')), `docs/rules/${f} has no rule`);
  });

  it('docs/precision.json covers exactly the code rules (python or js), with consistent counts', () => {
    const data = readPrecision();
    assert.ok(data, 'docs/precision.json is missing: run `npm run corpus`');
    assert.deepEqual(Object.keys(data.rules).sort(), RULES.filter((r) => r.python || r.js).map((r) => r.id).sort());
    for (const [id, p] of Object.entries(data.rules)) {
      assert.match(p.date, /^\d{4}-\d{2}-\d{2}$/, id);
      for (const t of [p.library, p.application, ...Object.values(p.checks ?? {})]) {
        assert.equal(t.reviewed + t.unreviewed, t.findings, id);
        assert.ok(t.fp <= t.reviewed, id);
      }
    }
  });

  it('the config schema lists exactly the registered rule ids', () => {
    const schema = JSON.parse(read('schemas/o11ylint.schema.json'));
    assert.deepEqual([...schema.properties.rules.propertyNames.enum].sort(), [...RULE_IDS].sort());
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      const docsPath = `docs/rules/${rule.id}.md`;

      it('lives in its own file, kept short', () => {
        const lines = read(`server/src/rules/${rule.id}.ts`).split('\n').length;
        assert.ok(lines <= 260, `${lines} lines`);
      });

      it('has a table test', () => assert.ok(fs.existsSync(path.join(ROOT, `test/unit/rules/${rule.id}.test.ts`))));

      it('has valid and invalid fixtures for each of its languages', () => {
        for (const lang of ruleLanguages(rule)) {
          const ext = lang === 'py' ? 'py' : lang === 'js' ? 'ts' : 'yaml';
          for (const kind of ['valid', 'invalid']) assert.ok(fs.existsSync(path.join(ROOT, `test/fixtures/rules/${rule.id}/${kind}.${ext}`)), `${kind}.${ext}`);
        }
      });

      it('has a docs page with the fixed skeleton', () => {
        const md = read(docsPath);
        assert.ok(md.startsWith(`# ${rule.id}\n`), 'title is the id');
        assert.deepEqual([...sections(md).keys()], HEADINGS);
      });

      it('its docs page shows its tier and measured precision as docs/precision.json and the registry say', () => {
        const md = read(docsPath);
        const data = readPrecision();
        const rows = md.split('\n').filter((l) => /^\| (Tier|Precision) \|/.test(l));
        assert.deepEqual(rows, [tierRow(rule), precisionRow(rule, data)], 'run `npm run corpus` (or `npm run corpus -- --cached`) to regenerate the rows');
        assert.equal(withPrecisionRows(md, rule, data), md);
      });

      it('names only its own messages as preview checks', () => {
        for (const check of rule.previewChecks ?? []) assert.ok(check in rule.messages, `previewChecks names '${check}', not a key of messages`);
      });

      it('docs examples behave as documented (bad ⇒ finding, good ⇒ none)', () => {
        const s = sections(read(docsPath));
        const bad = codeBlocks(s.get('Example') ?? '');
        const good = codeBlocks(s.get('Use instead') ?? '');
        const langs = ruleLanguages(rule).map((l) => EXT[l]);
        assert.deepEqual([...new Set(bad.map((b) => b.lang))].sort(), [...langs].sort(), 'an Example block per language');
        assert.deepEqual([...new Set(good.map((b) => b.lang))].sort(), [...langs].sort(), 'a Use instead block per language');
        const workspaceMetrics = rule.id === 'metric-not-emitted' ? WORKSPACE_METRICS : undefined;
        for (const b of bad) assert.ok(run(b.code, b.lang, { workspaceMetrics }).findings.some((f) => f.rule === rule.id), `Example should report:\n${b.code}`);
        for (const g of good) assert.deepEqual(run(g.code, g.lang, { workspaceMetrics }).findings.filter((f) => f.rule === rule.id).map((f) => f.message), [], `Use instead should be clean:\n${g.code}`);
      });
    });
  }
});

describe('meta: fixtures', () => {
  before(() => initAnalyzer());
  const base = path.join(ROOT, 'test', 'fixtures', 'rules');
  for (const id of fs.readdirSync(base)) {
    for (const file of fs.readdirSync(path.join(base, id))) {
      it(`${id}/${file}`, () => {
        assert.ok(RULE_IDS.has(id), `fixtures for unknown rule ${id}`);
        const text = fs.readFileSync(path.join(base, id, file), 'utf8');
        const lang = file.endsWith('.py') ? 'py' : file.endsWith('.yaml') ? 'yaml' : 'ts';
        const workspaceMetrics = id === 'metric-not-emitted' ? WORKSPACE_METRICS : undefined;
        const lines = run(text, lang, { filename: `src/${file}`, settings: { printAllowed: [] }, workspaceMetrics }).findings.filter((f) => f.rule === id).map((f) => f.range.start.line + 1);
        const marker = lang === 'ts' ? `// expect: ${id}` : `# expect: ${id}`;
        const expected = text.split(/\r?\n/).flatMap((l, i) => (l.includes(marker) ? [i + 1] : []));
        if (file.startsWith('valid')) assert.deepEqual(lines, [], 'valid fixture must produce nothing');
        else {
          assert.ok(expected.length > 0, 'invalid fixture has expect markers');
          assert.deepEqual([...new Set(lines)], expected);
        }
      });
    }
  }
});

describe('meta: boundaries and settings', () => {
  before(() => initAnalyzer());

  it('the analyzer core never imports an editor API', () => {
    const editorImport = /(from |require\()'(vscode|vscode-languageserver[\w/-]*|vscode-languageclient[\w/-]*)'/;
    const offenders = ['server/src/analysis', 'server/src/rules', 'server/src/yaml', 'server/src/cli'].flatMap(filesUnder).filter((p) => editorImport.test(read(p)));
    assert.deepEqual(offenders, []);
  });

  it('package.json settings match the config schema and the defaults', () => {
    const schema = JSON.parse(read('schemas/o11ylint.schema.json'));
    const contributed = JSON.parse(read('package.json')).contributes.configuration.properties as Record<string, { default: unknown }>;
    const expected: Record<string, unknown> = { 'o11yLint.enable': true, 'o11yLint.trace.server': 'off', 'o11yLint.logs.port': 4318, 'o11yLint.logs.host': '127.0.0.1', 'o11yLint.logs.maxRecords': 10000 };
    for (const [key, def] of Object.entries(schema.properties as Record<string, { properties?: Record<string, { default: unknown }>; default: unknown }>)) {
      if (key === '$schema') continue;
      if (def.properties && key !== 'rules') for (const [sub, subDef] of Object.entries(def.properties)) expected[`o11yLint.${key}.${sub}`] = subDef.default;
      else expected[`o11yLint.${key}`] = def.default;
      assert.deepEqual(def.default, (DEFAULT_SETTINGS as unknown as Record<string, unknown>)[key], `schema default of ${key}`);
    }
    assert.deepEqual(Object.fromEntries(Object.entries(contributed).map(([k, v]) => [k, v.default])), expected);
  });

  it('our own code passes our own rules (no console.log in the extension)', () => {
    const findings = ['client/src', 'server/src'].flatMap(filesUnder).filter((p) => p.endsWith('.ts'))
      .flatMap((p) => run(read(p), 'ts', { filename: p }).findings.map((f) => `${p}:${f.range.start.line + 1} ${f.rule}`));
    assert.deepEqual(findings, []);
  });
});

describe('meta: the extension manifest (marketplace, commands, walkthrough, snippets)', () => {
  const pkg = JSON.parse(read('package.json'));
  const commands = pkg.contributes.commands as { command: string; title: string; category?: string }[];
  const clientSource = filesUnder('client/src').filter((p) => p.endsWith('.ts')).map(read).join('\n');

  it('every command has the o11y-lint category, a title, and is registered by the client', () => {
    for (const c of commands) {
      assert.equal(c.category, 'o11y-lint', c.command);
      assert.ok(c.title, c.command);
      assert.ok(clientSource.includes(`registerCommand('${c.command}'`), `${c.command} is contributed but never registered`);
    }
  });

  it('is marketplace-ready: display name, description, categories, keywords, icon, repository', () => {
    assert.ok(pkg.displayName && pkg.description && pkg.publisher);
    assert.deepEqual(pkg.categories, ['Linters', 'Snippets', 'Other']);
    assert.ok(pkg.keywords.length >= 5 && pkg.keywords.length <= 30, 'the marketplace takes at most 30 keywords');
    assert.ok(pkg.repository?.url && pkg.galleryBanner?.color);
    const png = fs.readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'icon is 128×128');
  });

  it('the .o11ylint.json shown in the walkthrough and in examples/ is valid configuration', () => {
    const blocks = [...read('media/walkthrough/configure.md').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => b.trim().startsWith('{'));
    assert.ok(blocks.length >= 1);
    for (const text of [...blocks, read('examples/.o11ylint.json')]) assert.deepEqual(validateSettings(JSON.parse(text)).problems, [], text);
  });

  it('activates only on its languages (commands and the walkthrough activate implicitly)', () => {
    assert.ok(pkg.activationEvents.every((e: string) => /^onLanguage:[a-z]+$/.test(e)), pkg.activationEvents.join(', '));
  });

  it('the snippet files and walkthrough media it references exist', () => {
    for (const s of pkg.contributes.snippets as { path: string }[]) assert.ok(fs.existsSync(path.join(ROOT, s.path)), s.path);
    for (const w of pkg.contributes.walkthroughs as { steps: { id: string; description: string; media: Record<string, string>; completionEvents?: string[] }[] }[]) {
      assert.ok(w.steps.length >= 4);
      for (const step of w.steps) {
        for (const file of Object.values(step.media).filter((v) => typeof v === 'string')) assert.ok(fs.existsSync(path.join(ROOT, file)), `${step.id}: ${file}`);
        // Links to our own commands must name contributed ones (a typo is a dead button).
        for (const m of step.description.matchAll(/\(command:(o11yLint\.[A-Za-z]+)/g)) assert.ok(commands.some((c) => c.command === m[1]), `${step.id}: ${m[1]}`);
        for (const e of step.completionEvents ?? []) assert.match(e, /^(onCommand|onSettingChanged|onView|onContext|onLink|extensionInstalled):|^stepSelected$/, `${step.id}: ${e}`);
      }
    }
  });
});
