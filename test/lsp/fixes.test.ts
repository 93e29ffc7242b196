/**
 * Issue 4 acceptance over LSP: for a table of findings of every rule with fixes, the quick fix
 * is offered on its diagnostic, the preferred one is marked, and applying the returned
 * WorkspaceEdit (versioned documentChanges) gives the golden text. Plus the disable action,
 * fix-all (`source.fixAll.o11y-lint`, idempotent) and the "Wrap in span" refactoring.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Range, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient } from './client';
import { RULES } from '../../server/src/analysis/registry';

interface FixCase {
  rule: string;
  languageId: string;
  file: string;
  code: string;
  title: string;
  preferred: boolean;
  output: string;
  /** What the client answers for the `o11yLint` section while this case runs. */
  settings?: Record<string, unknown>;
}

const PY_OTEL = 'from opentelemetry import trace\n\ntracer = trace.get_tracer(__name__)\n\n\n';
const TS_OTEL = "import { trace } from '@opentelemetry/api';\n\nconst tracer = trace.getTracer('svc');\n\n";

const CASES: FixCase[] = [
  {
    rule: 'no-print-logging', languageId: 'python', file: 'print.py', title: 'Convert to structured log event', preferred: true,
    code: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef login(user):\n    print("login", user.id)\n',
    output: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef login(user):\n    logger.info("login", extra={"user_id": user.id})\n',
  },
  {
    rule: 'no-print-logging', languageId: 'typescript', file: 'print.ts', title: 'Convert to structured log event', preferred: true,
    code: "import pino from 'pino';\n\nconst logger = pino();\n\nexport function login(id: string) {\n  console.log('login', id);\n}\n",
    output: "import pino from 'pino';\n\nconst logger = pino();\n\nexport function login(id: string) {\n  logger.info({ id }, 'login');\n}\n",
  },
  {
    rule: 'sensitive-data-in-log', languageId: 'python', file: 'secret.py', title: 'Redact `password`', preferred: true,
    code: 'import structlog\n\nlog = structlog.get_logger()\n\n\ndef login(password):\n    log.info("login", password=password)\n',
    output: 'import structlog\n\nlog = structlog.get_logger()\n\n\ndef login(password):\n    log.info("login", password="[REDACTED]")\n',
  },
  {
    rule: 'sensitive-data-in-log', languageId: 'typescript', file: 'secret.ts', title: 'Redact `password`', preferred: true,
    code: "import pino from 'pino';\n\nconst logger = pino();\n\nexport function login(password: string) {\n  logger.info({ password }, 'login');\n}\n",
    output: "import pino from 'pino';\n\nconst logger = pino();\n\nexport function login(password: string) {\n  logger.info({ password: '[REDACTED]' }, 'login');\n}\n",
  },
  {
    rule: 'error-log-without-exception', languageId: 'python', file: 'errlog.py', title: 'Change to `exception()`', preferred: true,
    code: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef f():\n    try:\n        work()\n    except ValueError:\n        logger.error("work failed")\n',
    output: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef f():\n    try:\n        work()\n    except ValueError:\n        logger.exception("work failed")\n',
  },
  {
    rule: 'exception-outside-handler', languageId: 'python', file: 'outside.py', title: 'Change to `error()`', preferred: true,
    code: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef f():\n    logger.exception("no handler here")\n',
    output: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef f():\n    logger.error("no handler here")\n',
  },
  {
    rule: 'stdlib-logging-misuse', languageId: 'python', file: 'warn.py', title: 'Change to `warning()`', preferred: true,
    code: 'import logging\n\nlogger = logging.getLogger(__name__)\nlogger.warn("deprecated")\n',
    output: 'import logging\n\nlogger = logging.getLogger(__name__)\nlogger.warning("deprecated")\n',
  },
  {
    rule: 'swallowed-exception', languageId: 'python', file: 'swallow.py', title: 'Log the exception', preferred: true,
    code: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef f():\n    try:\n        work()\n    except Exception:\n        pass\n',
    output: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef f():\n    try:\n        work()\n    except Exception:\n        logger.exception("f_failed")\n',
  },
  {
    rule: 'hardcoded-log-level', languageId: 'python', file: 'level.py', title: 'Read the level from `LOG_LEVEL`', preferred: true,
    code: 'import logging, os\nlogging.basicConfig(level="info")\n',
    output: 'import logging, os\nlogging.basicConfig(level=os.getenv("LOG_LEVEL", "info"))\n',
  },
  {
    rule: 'invalid-suppression', languageId: 'python', file: 'supp.py', title: "Change to 'no-print-logging'", preferred: false,
    code: 'print("x")  # o11y-lint: disable=no-print-loging\n',
    output: 'print("x")  # o11y-lint: disable=no-print-logging\n',
  },
  {
    rule: 'span-error-not-recorded', languageId: 'python', file: 'span_err.py', title: 'Record the exception on the span (adds `Status, StatusCode` import)', preferred: true,
    code: PY_OTEL + 'def f():\n    with tracer.start_as_current_span("f") as span:\n        try:\n            work()\n        except ValueError:\n            return None\n',
    output: 'from opentelemetry import trace\nfrom opentelemetry.trace import Status, StatusCode\n\ntracer = trace.get_tracer(__name__)\n\n\ndef f():\n    with tracer.start_as_current_span("f") as span:\n        try:\n            work()\n        except ValueError as e:\n            span.record_exception(e)\n            span.set_status(Status(StatusCode.ERROR, str(e)))\n            return None\n',
  },
  {
    rule: 'span-error-not-recorded', languageId: 'typescript', file: 'span_err.ts', title: 'Record the exception on the span (adds `SpanStatusCode` import)', preferred: true,
    code: TS_OTEL + "export function f() {\n  return tracer.startActiveSpan('f', (span) => {\n    try {\n      return work();\n    } catch (err) {\n      return null;\n    } finally {\n      span.end();\n    }\n  });\n}\n",
    output: "import { trace, SpanStatusCode } from '@opentelemetry/api';\n\nconst tracer = trace.getTracer('svc');\n\nexport function f() {\n  return tracer.startActiveSpan('f', (span) => {\n    try {\n      return work();\n    } catch (err) {\n      span.recordException(err as Error);\n      span.setStatus({ code: SpanStatusCode.ERROR, message: String(err) });\n      return null;\n    } finally {\n      span.end();\n    }\n  });\n}\n",
  },
  {
    rule: 'span-not-ended', languageId: 'python', file: 'span_end.py', title: 'Use `with tracer.start_as_current_span(...)`', preferred: true,
    code: PY_OTEL + 'def f():\n    span = tracer.start_span("f")\n    work()\n',
    output: PY_OTEL + 'def f():\n    with tracer.start_as_current_span("f") as span:\n        work()\n',
  },
  {
    rule: 'span-not-ended', languageId: 'python', file: 'span_end_tabs.py', title: 'Use `with tracer.start_as_current_span(...)`', preferred: true,
    code: PY_OTEL + 'def f():\n\tspan = tracer.start_span("f")\n\twork()\n\tspan.end()',
    output: PY_OTEL + 'def f():\n\twith tracer.start_as_current_span("f") as span:\n\t\twork()',
  },
  {
    rule: 'span-not-ended', languageId: 'typescript', file: 'span_end.ts', title: 'End the span in a `finally` block', preferred: true,
    code: TS_OTEL + "export async function f() {\n  const span = tracer.startSpan('f');\n  await work();\n  span.end();\n}\n",
    output: TS_OTEL + "export async function f() {\n  const span = tracer.startSpan('f');\n  try {\n    await work();\n  } finally {\n    span.end();\n  }\n}\n",
  },
  {
    rule: 'span-not-ended', languageId: 'typescript', file: 'span_end_crlf.ts', title: 'End the span in a `finally` block', preferred: true,
    code: (TS_OTEL + "export function f() {\n    const span = tracer.startSpan('f');\n    work();\n}\n").replace(/\n/g, '\r\n'),
    output: (TS_OTEL + "export function f() {\n    const span = tracer.startSpan('f');\n    try {\n        work();\n    } finally {\n        span.end();\n    }\n}\n").replace(/\n/g, '\r\n'),
  },
  {
    rule: 'span-name-cardinality', languageId: 'typescript', file: 'span_name.ts', title: 'Use a static span name and set the values as attributes', preferred: true,
    code: TS_OTEL + 'export function f(orderId: string) {\n  const span = tracer.startSpan(`load order ${orderId}`);\n  span.end();\n}\n',
    output: TS_OTEL + "export function f(orderId: string) {\n  const span = tracer.startSpan('load order', { attributes: { orderId } });\n  span.end();\n}\n",
  },
  {
    rule: 'span-name-cardinality', languageId: 'python', file: 'span_name.py', title: 'Use a static span name and set the values as attributes', preferred: true,
    code: PY_OTEL + 'def f(order_id):\n    with tracer.start_as_current_span(f"load order {order_id}"):\n        pass\n',
    output: PY_OTEL + 'def f(order_id):\n    with tracer.start_as_current_span("load order", attributes={"order_id": order_id}):\n        pass\n',
  },
  {
    rule: 'unstructured-log-message', languageId: 'python', file: 'msg.py', title: 'Move values into structured fields', preferred: true,
    code: 'import structlog\n\nlog = structlog.get_logger()\n\n\ndef f(order):\n    log.info(f"order {order.id} shipped")\n',
    output: 'import structlog\n\nlog = structlog.get_logger()\n\n\ndef f(order):\n    log.info("order_shipped", order_id=order.id)\n',
  },
  {
    rule: 'unstructured-log-message', languageId: 'typescript', file: 'msg.ts', title: 'Move values into structured fields', preferred: true,
    code: "import pino from 'pino';\n\nconst logger = pino({ timestamp: pino.stdTimeFunctions.isoTime, base: { service: 'api' } });\n\nexport function f(order: { id: string }) {\n  logger.info(`order ${order.id} shipped`);\n}\n",
    output: "import pino from 'pino';\n\nconst logger = pino({ timestamp: pino.stdTimeFunctions.isoTime, base: { service: 'api' } });\n\nexport function f(order: { id: string }) {\n  logger.info({ order_id: order.id }, 'order_shipped');\n}\n",
  },
  {
    rule: 'metric-naming', languageId: 'python', file: 'metrics.py', title: 'Rename to `request_latency_seconds` (then record seconds)', preferred: true,
    code: 'from prometheus_client import Histogram\n\nh = Histogram("request_latency_ms", "Latency")\n',
    output: 'from prometheus_client import Histogram\n\nh = Histogram("request_latency_seconds", "Latency")\n',
  },
  {
    rule: 'log-event-name', languageId: 'python', file: 'event.py', title: 'Rename event to `payment_failed`', preferred: true,
    code: 'import structlog\n\nlog = structlog.get_logger()\nlog.info("Payment Failed", order_id=1)\n',
    output: 'import structlog\n\nlog = structlog.get_logger()\nlog.info("payment_failed", order_id=1)\n',
  },
  {
    rule: 'expected-condition-at-error', languageId: 'python', file: 'expected.py', title: 'Lower to warning', preferred: true,
    code: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef login(user):\n    if not user:\n        logger.error("User not found: %s", user)\n',
    output: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef login(user):\n    if not user:\n        logger.warning("User not found: %s", user)\n',
  },
  {
    rule: 'logger-config-incomplete', languageId: 'python', file: 'config.py', title: 'Add the missing processors', preferred: true,
    code: 'import structlog\nstructlog.configure(processors=[structlog.processors.JSONRenderer()])\n',
    output: 'import structlog\nstructlog.configure(processors=[structlog.contextvars.merge_contextvars, structlog.processors.add_log_level, structlog.processors.TimeStamper(fmt="iso"), structlog.processors.JSONRenderer()])\n',
  },
  {
    rule: 'alert-missing-severity', languageId: 'yaml', file: 'severity.yaml', title: 'Add `severity: warning`', preferred: false,
    code: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        for: 5m\n        annotations:\n          summary: down\n          runbook_url: https://runbooks.example.com/A\n',
    output: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        for: 5m\n        annotations:\n          summary: down\n          runbook_url: https://runbooks.example.com/A\n        labels:\n          severity: warning\n',
  },
  {
    rule: 'alert-missing-summary', languageId: 'yaml', file: 'summary.yaml', title: 'Add a `summary` with label placeholders', preferred: true,
    code: 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        for: 5m\n        labels:\n          severity: critical\n        annotations:\n          runbook_url: https://runbooks.example.com/Down\n',
    output: 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        for: 5m\n        labels:\n          severity: critical\n        annotations:\n          runbook_url: https://runbooks.example.com/Down\n          summary: "Down on {{ $labels.instance }} (value {{ $value }})"\n',
  },
  {
    rule: 'alert-missing-runbook', languageId: 'yaml', file: 'runbook.yaml', title: 'Add `runbook_url: https://runbooks.example.com/HighLatency`', preferred: true,
    settings: { alerts: { runbookBaseUrl: 'https://runbooks.example.com/' } },
    code: 'groups:\n  - name: g\n    rules:\n      - alert: HighLatency\n        expr: up == 0\n        for: 5m\n        labels:\n          severity: warning\n        annotations:\n          summary: slow\n',
    output: 'groups:\n  - name: g\n    rules:\n      - alert: HighLatency\n        expr: up == 0\n        for: 5m\n        labels:\n          severity: warning\n        annotations:\n          summary: slow\n          runbook_url: https://runbooks.example.com/HighLatency\n',
  },
  {
    rule: 'alert-missing-for', languageId: 'yaml', file: 'alerts.yaml', title: 'Add `for: 5m`', preferred: false,
    code: 'groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        labels:\n          severity: critical\n        annotations:\n          summary: down\n          runbook_url: https://runbooks.example.com/InstanceDown\n',
    output: 'groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        labels:\n          severity: critical\n        annotations:\n          summary: down\n          runbook_url: https://runbooks.example.com/InstanceDown\n        for: 5m\n',
  },
  {
    rule: 'slo-objective-range', languageId: 'yaml', file: 'slo.yaml', title: 'Change the objective to 99.9', preferred: false,
    code: 'version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 0.999\n    sli:\n      raw:\n        error_ratio_query: x\n',
    output: 'version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 99.9\n    sli:\n      raw:\n        error_ratio_query: x\n',
  },
];

function editsOf(action: CodeAction, uri: string, version: number): TextEdit[] {
  const changes = action.edit?.documentChanges as TextDocumentEdit[] | undefined;
  assert.ok(changes?.length === 1, `"${action.title}" edits the document through versioned documentChanges`);
  assert.deepEqual(changes[0].textDocument, { uri, version });
  return changes[0].edits as TextEdit[];
}

const apply = (text: string, languageId: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x', languageId, 1, text), edits);

describe('quick fixes over LSP (issue 4 acceptance)', function () {
  this.timeout(60_000);
  let client: TestClient;
  let workspace: string;
  const uri = (name: string) => `file://${path.join(workspace, name)}`;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-lsp-fixes-'));
    // A registration the server's workspace scan finds, for metric-not-emitted's suggestion.
    fs.writeFileSync(path.join(workspace, 'orders_metrics.py'), 'from prometheus_client import Counter\n\nORDERS = Counter("orders_processed", "Orders")\n');
    client = new TestClient();
    await client.initialize(workspace);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(`${c.rule} (${c.file}): "${c.title}"`, async () => {
      const u = uri(c.file);
      client.settings = c.settings ?? {};
      client.open(u, c.languageId, c.code);
      const diagnostic = (await client.diagnostics(u)).find((d) => d.code === c.rule);
      assert.ok(diagnostic, `a ${c.rule} diagnostic`);
      const actions = await client.codeActions(u, [diagnostic]);
      const fix = actions.find((a) => a.title === c.title);
      assert.ok(fix, `"${c.title}" offered; got ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(fix.kind, 'quickfix');
      assert.deepEqual(fix.diagnostics, [diagnostic]);
      assert.equal(!!fix.isPreferred, c.preferred, 'preferred');
      assert.ok(actions.filter((a) => a.isPreferred).length <= 1, 'at most one preferred action');
      assert.ok(actions.some((a) => a.title === `Disable ${c.rule} for this line`), 'the disable action is offered too');
      assert.equal(apply(c.code, c.languageId, editsOf(fix, u, 1)), c.output);
      // The applied fix removes the finding.
      const v = client.change(u, [{ text: c.output }]);
      const after = await client.diagnostics(u, v);
      assert.ok(!after.some((d) => d.code === c.rule && d.range.start.line === diagnostic.range.start.line), `no ${c.rule} left on that line`);
      client.close(u);
    });
  }

  it('metric-not-emitted (rules.yaml): the closest registered name, once the workspace is scanned', async () => {
    const u = uri('rules.yaml');
    const code = 'groups:\n  - name: g\n    rules:\n      - record: orders:rate5m\n        expr: sum(rate(orders_procesed_total[5m]))\n';
    client.settings = {};
    client.open(u, 'yaml', code);
    const diagnostic = await client.waitFor('a metric-not-emitted diagnostic', () => [...client.published].reverse().find((p) => p.uri === u)?.diagnostics.find((d) => d.code === 'metric-not-emitted'));
    const actions = await client.codeActions(u, [diagnostic]);
    const fix = actions.find((a) => a.title === "Change to 'orders_processed_total'");
    assert.ok(fix, `offered; got ${actions.map((a) => a.title).join(' | ')} for ${JSON.stringify(diagnostic)}`);
    assert.equal(!!fix.isPreferred, false, 'unsafe: not preferred');
    assert.equal(apply(code, 'yaml', editsOf(fix, u, 1)), code.replace('orders_procesed_total', 'orders_processed_total'));
    client.close(u);
  });

  it('every rule with fixes has a case here', () => {
    const covered = new Set([...CASES.map((c) => c.rule), 'metric-not-emitted']);
    const missing = RULES.filter((r) => r.hasFix && !covered.has(r.id)).map((r) => r.id);
    assert.deepEqual(missing, [], 'add a case to CASES for these rules');
  });

  it('"Disable <rule> for this line" on a span finding', async () => {
    const u = uri('disable.ts');
    const code = TS_OTEL + "function f() {\n\tconst span = tracer.startSpan('f');\n\twork();\n}\n";
    client.open(u, 'typescript', code);
    const d = (await client.diagnostics(u)).find((x) => x.code === 'span-not-ended')!;
    const disable = (await client.codeActions(u, [d])).find((a) => a.title === 'Disable span-not-ended for this line')!;
    assert.equal(apply(code, 'typescript', editsOf(disable, u, 1)), TS_OTEL + "function f() {\n\t// o11y-lint-disable-next-line span-not-ended\n\tconst span = tracer.startSpan('f');\n\twork();\n}\n");
    client.close(u);
  });

  it('source.fixAll.o11y-lint applies the safe fixes of several rules and is idempotent', async () => {
    const u = uri('fixall.py');
    const code = 'import logging\n\nimport structlog\nfrom opentelemetry import trace\n\nlogger = logging.getLogger(__name__)\nlog = structlog.get_logger()\ntracer = trace.get_tracer(__name__)\n\n\ndef f(password):\n    logger.warn("old")\n    log.info("login", password=password)\n    span = tracer.start_span("f")\n    work()\n    with tracer.start_as_current_span("g") as g:\n        try:\n            work()\n        except ValueError:\n            print("failed")\n';
    const expected = 'import logging\n\nimport structlog\nfrom opentelemetry import trace\nfrom opentelemetry.trace import Status, StatusCode\n\nlogger = logging.getLogger(__name__)\nlog = structlog.get_logger()\ntracer = trace.get_tracer(__name__)\n\n\ndef f(password):\n    logger.warning("old")\n    log.info("login", password="[REDACTED]")\n    with tracer.start_as_current_span("f") as span:\n        work()\n        with tracer.start_as_current_span("g") as g:\n            try:\n                work()\n            except ValueError as e:\n                g.record_exception(e)\n                g.set_status(Status(StatusCode.ERROR, str(e)))\n                print("failed")\n';
    client.open(u, 'python', code);
    await client.diagnostics(u);
    const [all] = await client.codeActions(u, [], ['source.fixAll.o11y-lint']);
    assert.equal(all.kind, 'source.fixAll.o11y-lint');
    const fixed = apply(code, 'python', editsOf(all, u, 1));
    assert.equal(fixed, expected);
    const v = client.change(u, [{ text: fixed }]);
    const left = await client.diagnostics(u, v);
    assert.deepEqual(left.map((d) => d.code), ['no-print-logging'], 'only the finding without a safe fix is left');
    assert.deepEqual(await client.codeActions(u, [], ['source.fixAll.o11y-lint']), [], 'a second fix-all has nothing to do');
    client.close(u);
  });

  describe('Wrap in span', () => {
    const selection = (marked: string): { text: string; range: Range } => {
      const doc = TextDocument.create('file:///x', 'plaintext', 1, marked.replace(/[«»‸]/g, ''));
      const start = marked.search(/[«‸]/);
      const end = marked.includes('‸') ? start : marked.indexOf('»') - 1;
      return { text: doc.getText(), range: { start: doc.positionAt(start), end: doc.positionAt(end) } };
    };
    /** Opens `marked` as `name` with the selection (or cursor) it marks, once its diagnostics are in. */
    const openMarked = async (name: string, languageId: string, marked: string) => {
      const u = uri(name);
      const { text, range } = selection(marked);
      client.open(u, languageId, text);
      await client.diagnostics(u);
      return { u, text, range };
    };
    const request = (u: string, range: Range, only?: string[]) =>
      client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range, context: { diagnostics: [] as Diagnostic[], ...(only ? { only } : {}) } });

    it('Python: a selection of statements, as a refactor.rewrite action', async () => {
      const { u, text, range } = await openMarked('wrap.py', 'python', PY_OTEL + 'class Orders:\n    def place(self, order):\n        «saved = self.repo.save(order)\n        notify(saved)»\n        return saved\n');
      const actions = await request(u, range, ['refactor.rewrite']);
      assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Wrap in span', 'refactor.rewrite']]);
      assert.equal(apply(text, 'python', editsOf(actions[0], u, 1)), PY_OTEL + 'class Orders:\n    def place(self, order):\n        with tracer.start_as_current_span("Orders.place") as span:\n            saved = self.repo.save(order)\n            notify(saved)\n        return saved\n');
      client.close(u);
    });

    it('TypeScript: the call under the cursor, listed after the quick fixes; await and return kept', async () => {
      const { u, text, range } = await openMarked('wrap.ts', 'typescript', TS_OTEL.replace('{ trace }', '{ trace, SpanStatusCode }') + 'export async function load(id: string) {\n  return await fet‸chOrder(id);\n}\n');
      const actions = await request(u, range);
      assert.equal(actions[actions.length - 1].title, 'Wrap in span');
      const wrap = actions[actions.length - 1];
      assert.equal(wrap.kind, 'refactor.rewrite');
      assert.equal(apply(text, 'typescript', editsOf(wrap, u, 1)), "import { trace, SpanStatusCode } from '@opentelemetry/api';\n\nconst tracer = trace.getTracer('svc');\n\nexport async function load(id: string) {\n  return await tracer.startActiveSpan('fetchOrder', async (span) => {\n    try {\n      return await fetchOrder(id);\n    } catch (err) {\n      span.recordException(err as Error);\n      span.setStatus({ code: SpanStatusCode.ERROR });\n      throw err;\n    } finally {\n      span.end();\n    }\n  });\n}\n");
      client.close(u);
    });

    it('not offered when control flow cannot be kept (client without disabled support), nor for a quick-fix-only request', async () => {
      const code = TS_OTEL + 'function f(xs: number[]) {\n  for (const x of xs) {\n    «if (!x) continue;\n    work(x);»\n  }\n}\n';
      const { u, range } = await openMarked('wrap_refused.ts', 'typescript', code);
      assert.deepEqual(await request(u, range, ['refactor.rewrite']), []);
      const onCall = selection(code.replace(/[«»]/g, '').replace('work(x)', 'wo‸rk(x)'));
      assert.deepEqual((await request(u, onCall.range, ['refactor.rewrite'])).map((a) => a.title), ['Wrap in span'], 'offered on the call alone');
      assert.deepEqual((await request(u, onCall.range, ['quickfix'])).filter((a) => a.title === 'Wrap in span'), []);
      client.close(u);
    });
  });
});
