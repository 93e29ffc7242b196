import * as assert from 'node:assert/strict';
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { JsFacts } from '../../server/src/analysis/js/facts';
import { jsMetricLabels } from '../../server/src/analysis/js/metricLabels';
import { parseJs } from '../../server/src/analysis/js/parser';
import { FACT_NODE_TYPES, PyFacts } from '../../server/src/analysis/python/facts';
import { pyMetricLabels } from '../../server/src/analysis/python/metricLabels';
import { initPythonParser, parsePython } from '../../server/src/analysis/python/parser';
import type { JsContext, PyContext } from '../../server/src/analysis/rule';

type Row = [key: string, keyNode: string, value?: string];

/** pyMetricLabels for every call of a snippet, as [key, key text, value text] rows per call (calls without labels left out). */
function py(code: string): Row[][] {
  const tree = parsePython(code);
  const facts = new PyFacts(tree.rootNode.descendantsOfType(FACT_NODE_TYPES).filter((n): n is Node => !!n));
  const ctx = { text: code, tree, facts } as unknown as PyContext;
  const out = tree.rootNode.descendantsOfType('call').filter((n): n is Node => !!n)
    .map((call) => pyMetricLabels(call, ctx).map((l): Row => (l.value ? [l.key, l.keyNode.text, l.value.text] : [l.key, l.keyNode.text])))
    .filter((rows) => rows.length > 0);
  tree.delete();
  return out;
}

function js(code: string): Row[][] {
  const sf = parseJs(code, 'typescript', 'src/a.ts');
  const ctx = { text: code, sourceFile: sf, facts: new JsFacts(sf) } as unknown as JsContext;
  const out: Row[][] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const rows = jsMetricLabels(node, ctx).map((l): Row => (l.value ? [l.key, l.keyNode.getText(sf), l.value.getText(sf)] : [l.key, l.keyNode.getText(sf)]));
      if (rows.length) out.push(rows);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('pyMetricLabels', () => {
  before(() => initPythonParser());
  const PROM = 'from prometheus_client import Counter, Histogram\n';
  const OTEL = 'from opentelemetry import metrics\nmeter = metrics.get_meter(__name__)\n';

  it('prometheus_client labelnames: positional list, keyword tuple', () => {
    assert.deepEqual(py(PROM + 'A = Counter("a", "d", ["method", "route"])\nB = Histogram("b", "d", labelnames=("status",))\n'), [
      [['method', '"method"'], ['route', '"route"']],
      [['status', '"status"']],
    ]);
  });

  it('.labels(): keyword names with values; positional values matched to the declaration', () => {
    assert.deepEqual(py(PROM + 'A = Counter("a", "d", ["method", "route"])\nA.labels(method="GET", route=r).inc()\nA.labels("GET", r)\n'), [
      [['method', '"method"'], ['route', '"route"']],
      [['method', 'method', '"GET"'], ['route', 'route', 'r']],
      [['method', '"GET"', '"GET"'], ['route', 'r', 'r']],
    ]);
  });

  it('.labels() on self.x and on a class attribute', () => {
    const code = PROM + 'class S:\n    B = Counter("b", "d", ["k"])\n    def __init__(self):\n        self.a = Counter("a", "d", ["x", "y"])\n    def f(self):\n        self.a.labels(1, 2)\n        self.B.labels(3)\n';
    assert.deepEqual(py(code), [[['k', '"k"']], [['x', '"x"'], ['y', '"y"']], [['x', '1', '1'], ['y', '2', '2']], [['k', '3', '3']]]);
  });

  it('positional values of a metric registered elsewhere have an empty key', () => {
    assert.deepEqual(py('from app.metrics import R\nR.labels("GET", path).inc()\n'), [[['', '"GET"', '"GET"'], ['', 'path', 'path']]]);
  });

  it('chained Counter(...).labels(...)', () => {
    assert.deepEqual(py(PROM + 'Counter("a", "d", ["k"]).labels("v")\n'), [[['k', '"v"', '"v"']], [['k', '"k"']]]);
  });

  it('OpenTelemetry add/record/set attributes (positional and attributes=), Observation', () => {
    const code = OTEL + 'from opentelemetry.metrics import Observation\nc = meter.create_counter("c")\nh = meter.create_histogram("h")\ng = meter.create_gauge("g")\n'
      + 'c.add(1, {"route": r, "user.id": u})\nh.record(0.5, attributes={"status": s})\ng.set(3, dict(region="eu"))\nObservation(1, {"queue": q})\n';
    assert.deepEqual(py(code), [
      [['route', '"route"', 'r'], ['user.id', '"user.id"', 'u']],
      [['status', '"status"', 's']],
      [['region', 'region', '"eu"']],
      [['queue', '"queue"', 'q']],
    ]);
  });

  it('never a metric: set.add, cache.set, collections.Counter, unknown receivers, wrong instrument methods', () => {
    const code = OTEL + 'from collections import Counter\nh = meter.create_histogram("h")\n'
      + 'seen = set()\nseen.add(x)\ncache.set(k, {"a": 1})\nc = Counter(["a"])\nc.update({"a": 1})\nh.add(1, {"a": 1})\ncounter.add(1, {"a": 1})\nax.labels(a=1)\n';
    assert.deepEqual(py(code), []);
  });
});

describe('jsMetricLabels', () => {
  const PC = "import { Counter, Histogram } from 'prom-client';\n";
  const OT = "import { metrics } from '@opentelemetry/api';\nconst meter = metrics.getMeter('svc');\n";

  it('prom-client labelNames', () => {
    assert.deepEqual(js(PC + "const c = new Counter({ name: 'c_total', help: 'd', labelNames: ['method', 'route'] as const });\n"), [[['method', "'method'"], ['route', "'route'"]]]);
  });

  it('labels object, inc/observe/startTimer objects, positional .labels()', () => {
    const code = PC + "const h = new Histogram({ name: 'h', help: 'd', labelNames: ['method', 'route'] });\n"
      + "h.labels({ method: 'GET', route }).observe(1);\nh.observe({ route: r }, 2);\nconst end = h.startTimer({ method: m });\nh.labels('GET', r).observe(1);\n";
    assert.deepEqual(js(code), [
      [['method', "'method'"], ['route', "'route'"]],
      [['method', 'method', "'GET'"], ['route', 'route', 'route']],
      [['route', 'route', 'r']],
      [['method', 'method', 'm']],
      [['method', "'GET'", "'GET'"], ['route', 'r', 'r']],
    ]);
  });

  it('this.x, class properties and metric objects', () => {
    const code = PC + "const m = { jobs: new Counter({ name: 'j', help: 'd', labelNames: ['queue'] }) };\n"
      + "class S {\n  private c = new Counter({ name: 'c', help: 'd' });\n  f() { this.c.inc({ a: 1 }); m.jobs.labels('q1').inc(); }\n}\n";
    assert.deepEqual(js(code), [[['queue', "'queue'"]], [['a', 'a', '1']], [['queue', "'q1'", "'q1'"]]]);
  });

  it('OpenTelemetry add/record and observable callbacks', () => {
    const code = OT + "const c = meter.createCounter('c');\nconst g = meter.createObservableGauge('g');\nclass S {\n  h = meter.createHistogram('h');\n  f() { this.h.record(1, { 'http.route': r }); }\n}\n"
      + "c.add(1, { route, status: 200 });\ng.addCallback((res) => res.observe(1, { queue: q }));\n";
    assert.deepEqual(js(code), [
      [['http.route', "'http.route'", 'r']],
      [['route', 'route', 'route'], ['status', 'status', '200']],
      [['queue', 'queue', 'q']],
    ]);
  });

  it('never a metric: Set.add, Map.set, unknown receivers, wrong instrument methods, local Counter', () => {
    const code = OT + "const h = meter.createHistogram('h');\nconst s = new Set();\ns.add(1);\nconst m = new Map();\nm.set({ a: 1 }, 2);\n"
      + "h.add(1, { a: 1 });\nunknown.inc({ a: 1 });\nunknown.add(1, { a: 1 });\nfunction f(r: any) { r.observe(1, { a: 1 }); }\n";
    assert.deepEqual(js(code), []);
    assert.deepEqual(js("class Counter { constructor(o: object) {} }\nnew Counter({ name: 'x', labelNames: ['a'] });\n"), []);
  });
});
