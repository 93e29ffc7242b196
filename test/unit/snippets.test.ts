/**
 * Our snippets are clean by our own linter and parse: every body, expanded with its defaults,
 * goes through the analyzer with every rule on, the language's parser (tree-sitter and
 * CPython's compiler for Python; the TypeScript parser as TS and as plain JS), and for YAML
 * the `yaml` parser plus recognition as a Prometheus rule or SLO file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts = require('typescript');
import { parseAllDocuments } from 'yaml';
import { RULES } from '../../server/src/analysis/registry';
import { parsePython } from '../../server/src/analysis/python/parser';
import { parseYamlFile, type YamlKind } from '../../server/src/yaml/model';
import { initAnalyzer, run, type TestLang } from '../helpers/analyze';
import { cpythonErrors } from '../helpers/fixCheck';
import { expandSnippet } from '../helpers/snippetSyntax';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ALL_RULES_ON = { rules: Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity])) };

interface Snippet { prefix: string; body: string[]; description: string }
interface SnippetFile { language: string; path: string }

const contributed = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.snippets ?? []) as SnippetFile[];
const files = [...new Set(contributed.map((c) => c.path))];
const load = (file: string) => Object.entries(JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, Snippet>);

type Family = 'py' | 'js' | 'yaml';
const familyOf = (file: string): Family => (file.endsWith('python.json') ? 'py' : file.endsWith('yaml.json') ? 'yaml' : 'js');

/** What each YAML snippet must be recognised as; an alert rule is one item of a group's `rules:`. */
const YAML_KIND: Record<string, YamlKind> = {
  'o11y-alert': 'prometheus-rules',
  'o11y-slo-burn-rate': 'prometheus-rules',
  'o11y-sloth': 'sloth',
  'o11y-openslo': 'openslo',
};
const YAML_WRAP: Record<string, (text: string) => string> = {
  'o11y-alert': (t) => 'groups:\n  - name: example\n    rules:\n' + t.split('\n').map((l) => (l ? '      ' + l : l)).join('\n'),
};

/**
 * The code a snippet is inserted into, for snippets that use names of the surrounding file
 * (`tracer`, `app`): with it, the tracing rules know `tracer` is an OpenTelemetry tracer and check
 * the span, instead of seeing an unknown object.
 */
const TRACER_PY = 'from opentelemetry import trace\nfrom opentelemetry.trace import Status, StatusCode\n\ntracer = trace.get_tracer(__name__)\norder_id = "ord_1"\n\n\ndef process(order_id):\n    return order_id\n\n\n';
const TRACER_JS = "import { SpanStatusCode, trace } from '@opentelemetry/api';\n\nconst tracer = trace.getTracer('app');\nconst orderId = 'ord_1';\nasync function processOrder(id) {\n  return id;\n}\n\n";
const EXPRESS_APP = "import express from 'express';\n\nconst app = express();\n\n";
const CONTEXT: Record<string, string> = {
  'py:o11y-span': TRACER_PY,
  'js:o11y-span': TRACER_JS,
  'js:o11y-red-metrics': EXPRESS_APP,
  'js:o11y-correlation-id': EXPRESS_APP,
};

/** The expanded body as the editor inserts it (VS Code turns snippet tabs into the file's indentation), in its file. */
function expanded(family: Family, s: Snippet): string {
  const text = expandSnippet(s.body).replace(/\t/g, family === 'py' ? '    ' : '  ');
  return family === 'yaml' && YAML_WRAP[s.prefix] ? YAML_WRAP[s.prefix](text) : (CONTEXT[`${family}:${s.prefix}`] ?? '') + text;
}

/** A plausible production path: not a test, script or example, so no rule stands down. */
const fileFor = (prefix: string, ext: string) => `app/${prefix.replace(/-/g, '_')}.${ext}`;

/** Findings of every rule, as `line:rule message` strings (empty = clean). */
function lint(text: string, lang: TestLang, filename: string, workspaceMetrics?: { names: string[]; prefixes: string[] }): string[] {
  const result = run(text, lang, { filename, settings: ALL_RULES_ON, workspaceMetrics });
  assert.equal(result.skipped, undefined, `${filename} was skipped: ${result.skipped?.message}`);
  return result.findings.map((f) => `${f.range.start.line + 1}:${f.rule} ${f.message}`);
}

function pythonTreeErrors(text: string): string[] {
  const tree = parsePython(text);
  try {
    const bad = [...tree.rootNode.descendantsOfType('ERROR'), ...(tree.rootNode.hasError ? [tree.rootNode] : [])];
    return bad.map((n) => `${n.type} at line ${n.startPosition.row + 1}`);
  } finally {
    tree.delete();
  }
}

/** Parse errors as TS, TSX and JSX, and as JavaScript including TS-only syntax (type annotations, `as`). */
function jsParseErrors(text: string): string[] {
  // The same file serves typescript, typescriptreact, javascript and javascriptreact documents.
  const parseDiagnostics = [ts.ScriptKind.TS, ts.ScriptKind.TSX, ts.ScriptKind.JSX].flatMap((kind) =>
    (ts.createSourceFile(`snippet.${ts.ScriptKind[kind].toLowerCase()}`, text, ts.ScriptTarget.Latest, true, kind) as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics);
  const jsFile = ts.createSourceFile('snippet.js', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === 'snippet.js' ? jsFile : undefined),
    writeFile: () => undefined,
    getDefaultLibFileName: () => 'lib.d.ts',
    useCaseSensitiveFileNames: () => true,
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => '/',
    getNewLine: () => '\n',
    fileExists: (name) => name === 'snippet.js',
    readFile: () => undefined,
  };
  const program = ts.createProgram({ rootNames: ['snippet.js'], options: { allowJs: true, noLib: true, noResolve: true, types: [] }, host });
  return [...parseDiagnostics.map((d) => `ts: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
    ...program.getSyntacticDiagnostics(jsFile).map((d) => `js: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)];
}

function yamlParseErrors(text: string): string[] {
  return parseAllDocuments(text).flatMap((d) => ('errors' in d ? d.errors.map((e) => e.message.split('\n')[0]) : []));
}

describe('snippets: the expander', () => {
  it('expands tab stops, nested placeholders, mirrors, choices, variables and escapes', () => {
    assert.equal(expandSnippet(['log = ${1:structlog.get_logger(${2:__name__})}', '$0']), 'log = structlog.get_logger(__name__)\n');
    assert.equal(expandSnippet('${1:http}_requests and $1_seconds, ${1}'), 'http_requests and http_seconds, http');
    assert.equal(expandSnippet('severity: ${1|warning,critical|}'), 'severity: warning');
    assert.equal(expandSnippet('${2|a\\,b,c|}'), 'a,b');
    assert.equal(expandSnippet('logger = getLogger("$TM_FILENAME_BASE") ${TM_SELECTED_TEXT:pass} ${NOPE_X:dflt}'), 'logger = getLogger("orders") pass dflt');
    assert.equal(expandSnippet('{{ \\$labels.job }} \\} \\\\ ${1:a\\}b}'), '{{ $labels.job }} } \\ a}b');
    assert.equal(expandSnippet('cost: $ 5 and ${ x'), 'cost: $ 5 and ${ x');
  });

  it('refuses what it cannot expand faithfully', () => {
    assert.throws(() => expandSnippet('${1/(.*)/${1:/upcase}/}'), /transforms/);
    assert.throws(() => expandSnippet('$UNKNOWN_VARIABLE'), /unknown snippet variable/);
    assert.throws(() => expandSnippet('${1:open'), /unclosed/);
  });
});

describe('snippets: contributed files', () => {
  it('are contributed for Python, JS/TS (plain and React) and YAML, and exist', () => {
    assert.deepEqual(contributed.map((c) => c.language).sort(), ['javascript', 'javascriptreact', 'python', 'typescript', 'typescriptreact', 'yaml']);
    for (const c of contributed) assert.ok(fs.existsSync(path.join(ROOT, c.path)), `${c.path} is missing`);
    assert.deepEqual(fs.readdirSync(path.join(ROOT, 'snippets')).filter((f) => f.endsWith('.json')).sort(), files.map((f) => path.basename(f)).sort(), 'every snippets/*.json is contributed');
  });

  for (const file of files) {
    it(`${file}: every snippet has an o11y- prefix, a body and a description; prefixes are unique`, () => {
      const entries = load(file);
      assert.ok(entries.length >= 4, 'has snippets');
      for (const [name, s] of entries) {
        assert.match(s.prefix, /^o11y-[a-z0-9]+(-[a-z0-9]+)*$/, name);
        assert.ok(Array.isArray(s.body) && s.body.length > 0 && s.body.every((l) => typeof l === 'string'), `${name}: body is a list of lines`);
        assert.ok(typeof s.description === 'string' && s.description.length >= 20, `${name}: description`);
        assert.ok(!s.body.some((l) => / +$/.test(l)), `${name}: trailing spaces`);
      }
      const prefixes = entries.map(([, s]) => s.prefix);
      assert.deepEqual(prefixes.filter((p, i) => prefixes.indexOf(p) !== i), [], 'duplicate prefixes');
    });
  }
});

describe('snippets: expanded with their defaults, they are clean and parse', () => {
  const all = files.flatMap((file) => load(file).map(([name, s]) => ({ file, name, s, family: familyOf(file) })));
  let compiled: Record<string, string> | undefined;
  const workspaceMetrics = { names: [] as string[], prefixes: [] as string[] };

  before(async () => {
    await initAnalyzer();
    const py = all.filter((x) => x.family === 'py');
    compiled = cpythonErrors(Object.fromEntries(py.map((x) => [x.s.prefix, expanded('py', x.s)])));
    if (!compiled) process.stdout.write('      python3 is not on PATH: the CPython compile check of the Python snippets did not run (tree-sitter still did).\n');
    // The YAML snippets' queries are checked against the metrics our own code snippets register.
    for (const x of all.filter((a) => a.family !== 'yaml')) {
      const r = run(expanded(x.family, x.s), x.family === 'py' ? 'py' : 'ts', { filename: fileFor(x.s.prefix, x.family === 'py' ? 'py' : 'ts'), collectMetrics: true });
      workspaceMetrics.names.push(...(r.metrics?.names ?? []));
      workspaceMetrics.prefixes.push(...(r.metrics?.prefixes ?? []));
    }
    assert.ok(workspaceMetrics.names.includes('http_requests_total'), `the RED snippets register http_requests_total: ${workspaceMetrics.names}`);
  });

  it('the checks catch a bad snippet (so a clean result means something)', () => {
    assert.ok(lint('def f(user):\n    print(f"login {user.email}")\n', 'py', fileFor('o11y-bad', 'py')).length >= 1);
    assert.ok(lint('logger.info(`login ${user.password}`);\n', 'ts', fileFor('o11y-bad', 'ts')).length >= 1);
    // In its context, a span snippet that forgets span.end() or swallows unrecorded is caught.
    assert.ok(lint(TRACER_JS + "await tracer.startActiveSpan('x', async (span) => {\n  await processOrder(orderId);\n});\n", 'ts', fileFor('o11y-bad', 'ts')).some((f) => f.includes('span-not-ended')));
    assert.ok(lint(TRACER_PY + 'with tracer.start_as_current_span("x") as span:\n    try:\n        process(order_id)\n    except TimeoutError:\n        result = None\n', 'py', fileFor('o11y-bad', 'py')).some((f) => f.includes('span-error-not-recorded')));
    assert.ok(pythonTreeErrors('def f(:\n    pass\n').length >= 1);
    assert.ok(jsParseErrors('const x: number = 1;\n').some((e) => e.startsWith('js:')), 'TS-only syntax fails as JS');
    assert.ok(jsParseErrors('const x = <T,>(v: T) => v;\nconst y = <string>x;\n').some((e) => e.startsWith('ts:')), 'a TS cast fails as TSX');
    assert.ok(yamlParseErrors('a: [1, 2\n').length >= 1);
    assert.ok(lint('groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n', 'yaml', 'monitoring/a.yaml').length >= 1);
    // tree-sitter accepts an empty block and a module-level return; CPython does not.
    if (compiled) assert.deepEqual(Object.keys(cpythonErrors({ empty: 'try:\n\nexcept Exception:\n    pass\n', ret: 'return 1\n' }) ?? {}).sort(), ['empty', 'ret']);
  });

  for (const { file, name, s, family } of all) {
    describe(`${path.basename(file)} ${s.prefix}`, () => {
      if (family === 'py') {
        it('has no findings with every rule on', () => assert.deepEqual(lint(expanded('py', s), 'py', fileFor(s.prefix, 'py')), []));
        it('parses: tree-sitter and CPython', () => {
          const text = expanded('py', s);
          assert.deepEqual(pythonTreeErrors(text), [], text);
          if (compiled) assert.equal(compiled[s.prefix], undefined, `${name}: ${compiled[s.prefix]}\n${text}`);
        });
      } else if (family === 'js') {
        it('has no findings with every rule on, as TypeScript and as JavaScript', () => {
          const text = expanded('js', s);
          assert.deepEqual(lint(text, 'ts', fileFor(s.prefix, 'ts')), []);
          assert.deepEqual(lint(text, 'js', fileFor(s.prefix, 'js')), []);
        });
        it('parses as TypeScript and as JavaScript', () => {
          const text = expanded('js', s);
          assert.deepEqual(jsParseErrors(text), [], text);
        });
      } else {
        it('parses, is recognised as a rule/SLO file, and our YAML rules and schemas report nothing', () => {
          const text = expanded('yaml', s);
          assert.deepEqual(yamlParseErrors(text), [], text);
          assert.ok(YAML_KIND[s.prefix], `${s.prefix}: add the kind it must be recognised as to YAML_KIND`);
          assert.deepEqual(parseYamlFile(text).docs.map((d) => d.kind), [YAML_KIND[s.prefix]], text);
          assert.deepEqual(lint(text, 'yaml', `monitoring/${s.prefix}.yaml`, workspaceMetrics), [], text);
        });
      }
    });
  }
});
