/**
 * 50 documents edited rapidly and interleaved over LSP (seeded random edits). When the diagnostics settle,
 * each document's last publish is for its final version and equals a fresh analysis of its final text, and
 * no publish for an older version ever arrived after one for a newer version.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { mergeSettings } from '../../server/src/analysis/config';
import { analyze, initAnalyzer } from '../../server/src/analysis/engine';
import type { Finding } from '../../server/src/analysis/types';
import { startInTempWorkspace, stopAndRemove, type TestClient } from './client';

const DOCS = 50;
const EDITS_PER_DOC = 30;
const SEED = Number(process.env.LSP_SEED ?? 20261204);
const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/** mulberry32: a small seeded PRNG, so a failure replays with the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LINES = {
  python: ['print("x")\n', 'logger.info(f"user {user_id}")\n', 'log.info("login", password=password)\n', 'x = 1\n', '\n', '    pass\n', 'def f(user_id, password):\n', 'logger.info("ok")\n', '# comment\n', 'try:\n    g()\nexcept Exception:\n    pass\n'],
  typescript: ["console.log('x');\n", 'logger.info(`user ${userId}`);\n', "logger.info({ password }, 'login');\n", 'const x = 1;\n', '\n', '}\n', 'function f(userId: string, password: string) {\n', "logger.info('ok');\n", '// comment\n', 'try { g(); } catch (e) {}\n'],
};
const HEADERS = {
  python: 'import logging\nimport structlog\nlogger = logging.getLogger(__name__)\nlog = structlog.get_logger()\n',
  typescript: "import pino from 'pino';\nconst logger = pino({ name: 'api', timestamp: pino.stdTimeFunctions.isoTime });\n",
};

const key = (d: { range: Diagnostic['range']; severity?: number; code?: unknown; message: unknown }) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.code)} ${String(d.message)}`;
const findingKey = (f: Finding) => key({ range: f.range, severity: SEVERITY[f.severity], code: f.rule, message: f.message });

describe('language server under concurrent edits', function () {
  this.timeout(120_000);
  let client: TestClient;
  let workspace: string;

  before(() => initAnalyzer());
  beforeEach(async () => ({ client, workspace } = await startInTempWorkspace('o11y-conc-')));
  afterEach(() => stopAndRemove(client, workspace));

  it(`${DOCS} documents, ${EDITS_PER_DOC} random edits each, interleaved: settled diagnostics match a fresh analysis, never stale (seed ${SEED})`, async () => {
    const random = prng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const docs = Array.from({ length: DOCS }, (_, i) => {
      const languageId = i % 2 ? 'typescript' : 'python';
      const file = path.join(workspace, 'src', `doc${i}.${languageId === 'python' ? 'py' : 'ts'}`);
      const text = HEADERS[languageId as 'python' | 'typescript'] + Array.from({ length: 5 }, () => pick(LINES[languageId as 'python' | 'typescript'])).join('');
      return { uri: `file://${file}`, file, languageId: languageId as 'python' | 'typescript', doc: TextDocument.create(`file://${file}`, languageId, 1, text), edits: 0 };
    });
    for (const d of docs) client.open(d.uri, d.languageId, d.doc.getText());

    /** One random edit: insert a line, delete a span, or replace a span with a line; positions anywhere in the text. */
    const edit = (d: (typeof docs)[number]): void => {
      const text = d.doc.getText();
      // Half the edits start at a line start (code that mostly parses), half anywhere (code that mostly does not).
      const anywhere = Math.floor(random() * (text.length + 1));
      const a = random() < 0.5 ? anywhere : d.doc.offsetAt({ line: d.doc.positionAt(anywhere).line, character: 0 });
      const b = Math.min(text.length, a + Math.floor(random() * 40));
      const kind = random();
      const change: TextDocumentContentChangeEvent = {
        range: { start: d.doc.positionAt(a), end: d.doc.positionAt(kind < 0.4 ? a : b) },
        text: kind < 0.8 ? pick(LINES[d.languageId]) : '',
      };
      const version = client.change(d.uri, [change]);
      d.doc = TextDocument.update(d.doc, [change], version);
      d.edits++;
    };
    // Interleaved bursts: a random document each time, yielding now and then so publishes arrive mid-stream.
    for (let sent = 0; sent < DOCS * EDITS_PER_DOC;) {
      const d = pick(docs.filter((x) => x.edits < EDITS_PER_DOC));
      edit(d);
      sent++;
      if (random() < 0.1) await new Promise((r) => setImmediate(r));
      if (random() < 0.01) await new Promise((r) => setTimeout(r, 1 + Math.floor(random() * 200))); // a pause longer than the debounce, now and then
    }

    const lastFor = (uri: string) => client.published.filter((p) => p.uri === uri).pop();
    await client.waitFor('every document published at its final version', () => docs.every((d) => lastFor(d.uri)?.version === d.doc.version), 60_000);
    // A round trip after settling: anything the server still had queued would arrive before its answer.
    await client.codeActions(docs[0].uri, []);

    const settings = mergeSettings({});
    for (const d of docs) {
      const versions = client.published.filter((p) => p.uri === d.uri).map((p) => p.version!);
      assert.deepEqual(versions, [...versions].sort((x, y) => x - y), `${d.uri}: no older version published after a newer one`);
      const last = lastFor(d.uri)!;
      assert.equal(last.version, d.doc.version);
      const fresh = analyze({ text: d.doc.getText(), languageId: d.languageId, filename: d.file, root: workspace, settings });
      assert.deepEqual(last.diagnostics.map(key), fresh.findings.map(findingKey), `${d.uri} (v${d.doc.version}) matches a fresh analysis of its final text`);
    }
    const total = docs.reduce((n, d) => n + lastFor(d.uri)!.diagnostics.length, 0);
    assert.ok(total >= 20, `the final texts have findings to compare (${total})`);
  });
});
