/**
 * "Wrap in span" without LSP: a selection between « and » (or a cursor at ‸) in the input,
 * the exact output, and every output parses (Python also compiled by CPython).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts = require('typescript');
import type { Node as PyNode } from 'web-tree-sitter';
import { parsePython } from '../../server/src/analysis/python/parser';
import { initAnalyzer } from '../../server/src/analysis/engine';
import { wrapInSpan, type WrapResult } from '../../server/src/analysis/fixes/wrapInSpan';
import { assertParses, assertPythonCompiles, type PySource } from '../helpers/fixCheck';
import type { TestLang } from '../helpers/analyze';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../../server/src/codeActions';

const LANGUAGE_ID: Record<string, string> = { py: 'python', ts: 'typescript', js: 'javascript' };

interface WrapCase {
  name: string;
  lang: 'py' | 'ts' | 'js';
  /** With «selection» or a ‸ cursor. */
  code: string;
  /** Expected text; or `refused` with a substring of the reason; or `none` (not offered). */
  output?: string;
  refused?: string;
  none?: true;
  filename?: string;
  packageName?: string;
}

function selection(marked: string): { text: string; start: number; end: number } {
  if (marked.includes('‸')) {
    const at = marked.indexOf('‸');
    return { text: marked.replace('‸', ''), start: at, end: at };
  }
  const start = marked.indexOf('«');
  const text1 = marked.replace('«', '');
  const end = text1.indexOf('»');
  return { text: text1.replace('»', ''), start, end };
}

export function applyOffsetEdits(text: string, edits: readonly { start: number; end: number; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const PY_HEAD = 'from opentelemetry import trace\n\ntracer = trace.get_tracer(__name__)\n';
const TS_HEAD = "import { trace, SpanStatusCode } from '@opentelemetry/api';\n\nconst tracer = trace.getTracer('orders');\n";

/**
 * A TS wrap at two-space indentation: `head` (`tracer.startActiveSpan('x', (span)`) and `body`
 * (lines at six spaces) inside the try / catch / finally every wrap adds.
 */
function tsWrapped(head: string, body: string): string {
  return `  ${head} => {\n    try {\n${body}\n    } catch (err) {\n      span.recordException(err as Error);\n      span.setStatus({ code: SpanStatusCode.ERROR });\n      throw err;\n    } finally {\n      span.end();\n    }\n  });\n`;
}

const CASES: WrapCase[] = [
  {
    name: 'py: statements of a method, named Class.method',
    lang: 'py',
    code: PY_HEAD + '\nclass Orders:\n    def place(self, order):\n        log("x")\n        «saved = self.repo.save(order)\n        notify(saved)»\n        return saved\n',
    output: PY_HEAD + '\nclass Orders:\n    def place(self, order):\n        log("x")\n        with tracer.start_as_current_span("Orders.place") as span:\n            saved = self.repo.save(order)\n            notify(saved)\n        return saved\n',
  },
  {
    name: 'py: call under the cursor, named after the called function; return stays',
    lang: 'py',
    code: PY_HEAD + '\ndef f(order):\n    return compute(order‸)\n',
    output: PY_HEAD + '\ndef f(order):\n    with tracer.start_as_current_span("compute") as span:\n        return compute(order)\n',
  },
  {
    name: 'py: adds the tracer and its import; multi-line strings keep their text; tabs',
    lang: 'py',
    code: '"""Orders."""\nimport logging\n\n\ndef f(items):\n\tfor i in items:\n\t\t«text = """a\nb"""\n\t\tif not i:\n\t\t\tcontinue\n\t\tsend(text)»\n',
    output: '"""Orders."""\nimport logging\nfrom opentelemetry import trace\n\ntracer = trace.get_tracer(__name__)\n\n\ndef f(items):\n\tfor i in items:\n\t\twith tracer.start_as_current_span("f") as span:\n\t\t\ttext = """a\nb"""\n\t\t\tif not i:\n\t\t\t\tcontinue\n\t\t\tsend(text)\n',
  },
  {
    name: 'py: the span name does not clash; CRLF',
    lang: 'py',
    code: PY_HEAD.replace(/\n/g, '\r\n') + 'def f(span):\r\n  «span.set_attribute("a", 1)\r\n  work()»\r\n',
    output: PY_HEAD.replace(/\n/g, '\r\n') + 'def f(span):\r\n  with tracer.start_as_current_span("f") as span2:\r\n    span.set_attribute("a", 1)\r\n    work()\r\n',
  },
  { name: 'py: a selection that is not whole statements', lang: 'py', code: PY_HEAD + 'def f():\n    x = «compute(1)»\n', none: true },
  { name: 'py: cursor not on a call', lang: 'py', code: PY_HEAD + 'def f():\n    x‸ = 1\n', none: true },
  { name: 'py: a call in a decorator is not offered (the statement is a definition)', lang: 'py', code: PY_HEAD + '@retry(tim‸es=3)\ndef f():\n    pass\n', none: true },
  {
    name: 'ts: await and declarations used after (hoisted)',
    lang: 'ts',
    code: TS_HEAD + '\nexport class Orders {\n    async place(order: Order) {\n        «const saved = await this.repo.save(order);\n        let total: number = 0;»\n        return { saved, total };\n    }\n}\n',
    output: TS_HEAD + "\nexport class Orders {\n    async place(order: Order) {\n        let saved, total: number;\n        await tracer.startActiveSpan('Orders.place', async (span) => {\n            try {\n                saved = await this.repo.save(order);\n                total = 0;\n            } catch (err) {\n                span.recordException(err as Error);\n                span.setStatus({ code: SpanStatusCode.ERROR });\n                throw err;\n            } finally {\n                span.end();\n            }\n        });\n        return { saved, total };\n    }\n}\n",
  },
  {
    name: 'ts: return at the end of the function becomes return await',
    lang: 'ts',
    code: TS_HEAD + 'async function list(db: Db) {\n  «const rows = await db.all();\n  return rows;»\n}\n',
    output: TS_HEAD + "async function list(db: Db) {\n" + tsWrapped("return await tracer.startActiveSpan('list', async (span)", "      const rows = await db.all();\n      return rows;") + "}\n",
  },
  {
    name: 'ts: early return in a sync function, arrow assigned to a variable',
    lang: 'ts',
    code: TS_HEAD + 'const find = (id: string) => {\n\t«if (!id) return undefined;\n\treturn db.find(id);»\n};\n',
    output: TS_HEAD + "const find = (id: string) => {\n\treturn tracer.startActiveSpan('find', (span) => {\n\t\ttry {\n\t\t\tif (!id) return undefined;\n\t\t\treturn db.find(id);\n\t\t} catch (err) {\n\t\t\tspan.recordException(err as Error);\n\t\t\tspan.setStatus({ code: SpanStatusCode.ERROR });\n\t\t\tthrow err;\n\t\t} finally {\n\t\t\tspan.end();\n\t\t}\n\t});\n};\n",
  },
  { name: 'ts: return before the end of the function is refused', lang: 'ts', code: TS_HEAD + 'function f(x: number) {\n  «if (x) return 1;\n  work();»\n  more();\n}\n', refused: '`return`' },
  { name: 'ts: continue leaving the selection is refused', lang: 'ts', code: TS_HEAD + 'function f(xs: number[]) {\n  for (const x of xs) {\n    «if (!x) continue;\n    work(x);»\n  }\n}\n', refused: '`continue`' },
  { name: 'ts: break leaving the selection is refused', lang: 'ts', code: TS_HEAD + 'function f(xs: number[]) {\n  while (true) {\n    «if (done()) break;»\n  }\n}\n', refused: '`break`' },
  { name: 'ts: yield is refused', lang: 'ts', code: TS_HEAD + 'function* f() {\n  «yield 1;»\n}\n', refused: '`yield`' },
  {
    name: 'ts: loops and break inside the selection are fine; call under the cursor names it',
    lang: 'ts',
    code: TS_HEAD + 'function f(xs: number[]) {\n  for (const x of xs) { if (!x) break; }\n  this.repo.sa‸ve(xs);\n}\n',
    output: TS_HEAD + "function f(xs: number[]) {\n  for (const x of xs) { if (!x) break; }\n" + tsWrapped("tracer.startActiveSpan('repo.save', (span)", "      this.repo.save(xs);") + "}\n",
  },
  {
    name: 'js: adds the tracer (package name) and one import; CommonJS; no trailing newline',
    lang: 'js',
    packageName: '@acme/orders',
    code: "const db = require('./db');\n\nfunction f(id) {\n  «var row = db.find(id);»\n  return row;\n}",
    output: "const db = require('./db');\nconst { trace, SpanStatusCode } = require('@opentelemetry/api');\n\nconst tracer = trace.getTracer('@acme/orders');\n\nfunction f(id) {\n  var row;\n  tracer.startActiveSpan('f', (span) => {\n    try {\n      row = db.find(id);\n    } catch (err) {\n      span.recordException(err);\n      span.setStatus({ code: SpanStatusCode.ERROR });\n      throw err;\n    } finally {\n      span.end();\n    }\n  });\n  return row;\n}",
  },
  {
    name: 'ts: adds SpanStatusCode to the existing import and the tracer named after the file',
    lang: 'ts',
    filename: 'src/billing.ts',
    code: "import { trace } from '@opentelemetry/api';\n\nexport function charge() {\n  «pay();»\n}\n",
    output: "import { trace, SpanStatusCode } from '@opentelemetry/api';\n\nconst tracer = trace.getTracer('billing');\n\nexport function charge() {\n" + tsWrapped("tracer.startActiveSpan('charge', (span)", "      pay();") + "}\n",
  },
  { name: 'ts: a function declared inside and used after is refused', lang: 'ts', code: TS_HEAD + 'function f() {\n  «function g() { return 1; }»\n  g();\n}\n', refused: '`g`' },
  { name: 'ts: a function declared inside and called before is refused', lang: 'ts', code: TS_HEAD + 'function f() {\n  g();\n  «function g() { return 1; }»\n}\n', refused: 'used before' },
  {
    name: 'ts: a selection starting on the comment above the statements',
    lang: 'ts',
    code: TS_HEAD + 'function f() {\n  «// pay first\n  pay();»\n}\n',
    output: TS_HEAD + "function f() {\n  // pay first\n" + tsWrapped("tracer.startActiveSpan('f', (span)", "      pay();") + "}\n",
  },
  { name: 'ts: a selection starting inside a statement is not offered', lang: 'ts', code: TS_HEAD + 'function f() {\n  pa«y();\n  more();»\n}\n', none: true },
  { name: 'py: module-level code above the last import is refused when the tracer must be added', lang: 'py', code: 'import sys\n«sys.path.insert(0, ".")»\nimport app\n', refused: 'module-level' },
  { name: 'ts: part of an expression is not offered', lang: 'ts', code: TS_HEAD + 'function f() {\n  const x = «g()» + 1;\n}\n', none: true },
];

describe('Wrap in span (core)', () => {
  const pySources: PySource[] = [];
  before(() => initAnalyzer());
  after(function () {
    this.timeout(60000);
    assertPythonCompiles(pySources);
  });
  for (const c of CASES) {
    it(c.name, () => {
      const { text, start, end } = selection(c.code);
      const result: WrapResult = wrapInSpan({ text, languageId: LANGUAGE_ID[c.lang], filename: c.filename ?? `src/app.${c.lang}`, start, end, packageName: c.packageName });
      if (c.none) return assert.equal(result, undefined);
      assert.ok(result, 'offered');
      if (c.refused) {
        assert.ok('refused' in result, 'refused');
        return assert.ok(result.refused.includes(c.refused), result.refused);
      }
      assert.ok(!('refused' in result), `not refused: ${'refused' in result ? result.refused : ''}`);
      assert.equal(result.title, 'Wrap in span');
      const output = applyOffsetEdits(text, result.edits);
      assert.equal(output, c.output);
      assertParses(c.lang as TestLang, text, output, c.name);
      if (c.lang === 'py') pySources.push({ name: c.name, input: text, output });
    });
  }
});

describe('Wrap in span (code action)', () => {
  const doc = TextDocument.create('file:///w.ts', 'typescript', 3, 'work();\n');
  const params = (only?: string[]) => ({ textDocument: { uri: doc.uri }, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, context: { diagnostics: [], ...(only ? { only } : {}) } });
  const deps = (result: WrapResult, supportsDisabled: boolean) => ({ analyze: () => [], supportsDocumentChanges: true, supportsDisabled, wrapInSpan: () => result });

  it('a refused wrap is a disabled action with its reason, only for clients that show them', () => {
    const refused: WrapResult = { title: 'Wrap in span', refused: 'A `yield` cannot move into a callback.' };
    assert.deepEqual(codeActions(doc, params(['refactor']), deps(refused, true)), [{ title: 'Wrap in span', kind: 'refactor.rewrite', disabled: { reason: 'A `yield` cannot move into a callback.' } }]);
    assert.deepEqual(codeActions(doc, params(['refactor']), deps(refused, false)), []);
  });

  it('the edit is versioned; not computed for quick-fix or fix-all requests', () => {
    let asked = 0;
    const d = { analyze: () => [], supportsDocumentChanges: true, wrapInSpan: () => { asked++; return { title: 'Wrap in span', edits: [{ start: 0, end: 0, text: 'x' }] }; } };
    const [action] = codeActions(doc, params(), d);
    assert.deepEqual(action.edit, { documentChanges: [{ textDocument: { uri: doc.uri, version: 3 }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'x' }] }] });
    codeActions(doc, params(['quickfix']), d);
    codeActions(doc, params(['source.fixAll.o11y-lint']), d);
    assert.equal(asked, 1);
  });
});

/**
 * Over every Python and TS/JS rule fixture: each statement alone, each pair of neighbouring
 * statements, and the cursor on each call. Whatever is offered must parse (Python: also
 * compiled by CPython); refusals must carry a reason.
 */
describe('Wrap in span over the rule fixtures', function () {
  this.timeout(120_000);
  const pySources: PySource[] = [];
  before(() => initAnalyzer());
  after(function () {
    this.timeout(120_000);
    assertPythonCompiles(pySources);
  });
  const root = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules');
  const files = fs.readdirSync(root).flatMap((dir) => fs.readdirSync(path.join(root, dir)).filter((f) => /\.(py|ts|js)$/.test(f)).map((f) => path.join(dir, f)));
  for (const file of files) {
    it(file, () => {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const lang = file.endsWith('.py') ? 'py' : file.endsWith('.ts') ? 'ts' : 'js';
      const selections: [number, number][] = [];
      if (lang === 'py') {
        const tree = parsePython(text);
        const visit = (n: PyNode) => {
          const p = n.parent;
          if (p && (p.type === 'block' || p.type === 'module') && n.type !== 'comment') {
            selections.push([n.startIndex, n.endIndex]);
            const next = n.nextNamedSibling;
            if (next && next.type !== 'comment') selections.push([n.startIndex, next.endIndex]);
          }
          if (n.type === 'call') selections.push([n.startIndex, n.startIndex]);
          for (const c of n.namedChildren) if (c) visit(c);
        };
        visit(tree.rootNode);
        tree.delete();
      } else {
        const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
        const visit = (n: ts.Node) => {
          if (ts.isBlock(n) || ts.isSourceFile(n)) {
            n.statements.forEach((s, i) => {
              selections.push([s.getStart(sf), s.end]);
              if (n.statements[i + 1]) selections.push([s.getStart(sf), n.statements[i + 1].end]);
            });
          }
          if (ts.isCallExpression(n)) selections.push([n.getStart(sf), n.getStart(sf)]);
          ts.forEachChild(n, visit);
        };
        visit(sf);
      }
      let offered = 0;
      for (const [start, end] of selections) {
        const result = wrapInSpan({ text, languageId: LANGUAGE_ID[lang], filename: file, start, end });
        if (!result) continue;
        if ('refused' in result) { assert.ok(result.refused.length > 10, 'a reason'); continue; }
        offered++;
        const output = applyOffsetEdits(text, result.edits);
        const what = `${file} [${start}, ${end})`;
        assertParses(lang, text, output, what);
        if (lang === 'py') pySources.push({ name: what, input: text, output });
      }
      assert.ok(offered > 0, 'offered somewhere in the file');
    });
  }
});
