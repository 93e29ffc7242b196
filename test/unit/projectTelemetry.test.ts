/**
 * Tracers, meters, metric factories and span scopes defined in one module of a project and used
 * in another (issue 14): the classifiers (project/telemetryExports.ts) read the exporting module
 * through the real project layer, and the rules see the imported names as the module defines them.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ProjectModules, projectView } from '../../server/src/analysis/project/modules';
import type { ProjectFs } from '../../server/src/analysis/project/resolve';
import { initAnalyzer, run, type TestLang } from '../helpers/analyze';

/** A project held in memory, rooted at /p. */
function memoryFs(files: Record<string, string>): ProjectFs {
  const abs = new Map(Object.entries(files).map(([f, text]) => [path.join('/p', f), text]));
  const dirs = new Set<string>();
  for (const f of abs.keys()) for (let d = path.dirname(f); d !== '/'; d = path.dirname(d)) dirs.add(d);
  return {
    read: (f) => abs.get(f),
    stamp: (f) => (abs.has(f) ? String(abs.get(f)!.length) : undefined),
    isFile: (f) => abs.has(f),
    isDir: (d) => dirs.has(d),
  };
}

function analyzeIn(files: Record<string, string>, file: string, lang: TestLang) {
  const modules = new ProjectModules(memoryFs(files), { roots: ['/p'] });
  const abs = path.join('/p', file);
  return run(files[file], lang, { filename: abs, project: projectView(abs, modules) }).findings.map((f) => `${f.rule} ${f.range.start.line + 1}:${f.range.start.character + 1}`);
}

const TS_TELEMETRY = `import { trace, metrics } from '@opentelemetry/api';
import * as client from 'prom-client';
export const tracer = trace.getTracer('shop');
export const instruments = metrics.getMeter('shop');
export function withSpan<T>(name: string, fn: () => Promise<T>) {
  return tracer.startActiveSpan(name, async (span) => { try { return await fn(); } finally { span.end(); } });
}
export function counter(help: string, name: string, labels: string[] = []) {
  return new client.Counter({ name: \`shop_\${name}\`, help, labelNames: labels });
}
`;

const PY_TELEMETRY = `from contextlib import contextmanager
from opentelemetry import metrics, trace
from prometheus_client import Counter

tracer = trace.get_tracer(__name__)
meter = metrics.get_meter(__name__)


@contextmanager
def traced(name):
    with tracer.start_as_current_span(name):
        yield


def make_counter(doc, name, labels=()):
    return Counter(f"shop_{name}", doc, labels)
`;

describe('tracing and metrics from project modules', () => {
  before(() => initAnalyzer());

  it('JS/TS: the project layer classifies tracers, meters, span scopes and metric factories (with their argument shape)', () => {
    const modules = new ProjectModules(memoryFs({ 'src/telemetry.ts': TS_TELEMETRY, 'src/app.ts': '' }), { roots: ['/p'] });
    const view = projectView('/p/src/app.ts', modules);
    assert.deepEqual(view.importedSymbol('./telemetry', 'tracer'), { kind: 'tracer' });
    assert.deepEqual(view.importedSymbol('./telemetry', 'instruments'), { kind: 'meter' });
    assert.deepEqual(view.importedSymbol('./telemetry', 'withSpan'), { kind: 'span-scope' });
    assert.deepEqual(view.importedSymbol('./telemetry', 'counter'), { kind: 'metric-factory', lib: 'prom-client', metric: 'counter', args: { name: { index: 1, prefix: 'shop_' }, labels: { index: 2 } } });
  });

  it('JS/TS: rules see the imported helpers as the module defines them', () => {
    const app = `import { counter, instruments, withSpan } from './telemetry';
const requests = counter('Requests', 'requests', ['route', 'userId']);
const latency = instruments.createHistogram('http.latency_ms');
export function handle(work: () => Promise<void>) {
  return withSpan('handle', async () => {
    try { await work(); } catch (e) { return null; }
  });
}
`;
    assert.deepEqual(analyzeIn({ 'src/telemetry.ts': TS_TELEMETRY, 'src/app.ts': app }, 'src/app.ts', 'ts'), [
      'metric-naming 2:38', // shop_requests: a prom-client counter needs _total
      'unbounded-metric-label 2:60',
      'metric-naming 3:45',
      'span-error-not-recorded 6:27',
    ]);
  });

  it('Python: the project layer classifies tracers, meters, span scopes and metric factories', () => {
    const modules = new ProjectModules(memoryFs({ 'app/__init__.py': '', 'app/telemetry.py': PY_TELEMETRY, 'app/views.py': '' }), { roots: ['/p'] });
    const view = projectView('/p/app/views.py', modules);
    assert.deepEqual(view.importedSymbol('.telemetry', 'tracer'), { kind: 'tracer' });
    assert.deepEqual(view.importedSymbol('app.telemetry', 'meter'), { kind: 'meter' });
    assert.deepEqual(view.importedSymbol('.telemetry', 'traced'), { kind: 'span-scope' });
    assert.deepEqual(view.importedSymbol('.telemetry', 'make_counter'), { kind: 'metric-factory', lib: 'prometheus_client', metric: 'counter', args: { name: { index: 1, keyword: 'name', prefix: 'shop_' }, labels: { index: 2, keyword: 'labels' } } });
  });

  it('Python: rules see the imported helpers as the module defines them', () => {
    const views = `from .telemetry import make_counter, traced
from . import telemetry

LOGINS = make_counter("Logins", "loginsTotal", ["user_id"])
QUEUE = telemetry.meter.create_histogram("queue.wait.ms")


def handle(job):
    with traced("handle"):
        try:
            job.run()
        except Exception:
            return None
`;
    assert.deepEqual(analyzeIn({ 'app/__init__.py': '', 'app/telemetry.py': PY_TELEMETRY, 'app/views.py': views }, 'app/views.py', 'py'), [
      'metric-naming 4:33',
      'unbounded-metric-label 4:49',
      'metric-naming 5:42',
      'span-error-not-recorded 12:9',
    ]);
  });

  it('with a project view, a file without tracing code keeps its facts (rules that ask the project while their listeners are built)', () => {
    const project = { importedSymbol: () => undefined };
    const py = 'import structlog\nfrom prometheus_client import Counter\nlog = structlog.get_logger()\nC = Counter("jobs", "d")\nlog.info(f"job {x}")\n';
    const r = run(py, 'py', { collectMetrics: true, project });
    assert.deepEqual(r.metrics?.names, ['jobs', 'jobs_total', 'jobs_created']);
    assert.deepEqual(r.findings.map((f) => `${f.rule} ${f.fixes.map((x) => x.title).join()}`), ['unstructured-log-message Move values into structured fields']);
    const fix = run(py, 'py', { project }).findings[0].fixes[0].edits[0].newText;
    assert.match(fix, /x=x/); // structlog keyword arguments: the facts still know the logger's kind
  });

  it('a file alone keeps the single-file behaviour', () => {
    const app = "import { counter } from './telemetry';\ncounter('h', 'requests', ['userId']);\n";
    assert.deepEqual(run(app, 'ts').findings.map((f) => f.rule), []);
  });
});
