import * as assert from 'node:assert/strict';
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { JsFacts } from '../../server/src/analysis/js/facts';
import { parseJs } from '../../server/src/analysis/js/parser';
import { jsSpanAttributes } from '../../server/src/analysis/js/spans';
import { FACT_NODE_TYPES, PyFacts } from '../../server/src/analysis/python/facts';
import { initPythonParser, parsePython } from '../../server/src/analysis/python/parser';
import { pySpanAttributes } from '../../server/src/analysis/python/spans';
import type { JsContext, PyContext } from '../../server/src/analysis/rule';

type Row = [key: string, keyNode: string, value: string];

/** pySpanAttributes for every call of a snippet, as [key, key text, value text] rows per call (calls without attributes left out). */
function py(code: string): Row[][] {
  const tree = parsePython(code);
  const facts = new PyFacts(tree.rootNode.descendantsOfType(FACT_NODE_TYPES).filter((n): n is Node => !!n));
  const ctx = { text: code, tree, facts } as unknown as PyContext;
  const out = tree.rootNode.descendantsOfType('call').filter((n): n is Node => !!n)
    .map((call) => pySpanAttributes(call, ctx).map((f): Row => [f.key, f.keyNode.text, f.value.text]))
    .filter((rows) => rows.length > 0);
  tree.delete();
  return out;
}

function js(code: string): Row[][] {
  const sf = parseJs(code, 'typescript', 'src/a.ts');
  const ctx = { text: code, sourceFile: sf, facts: new JsFacts(sf) } as unknown as JsContext;
  const out: Row[][] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const rows = jsSpanAttributes(node, ctx).map((f): Row => [f.key, f.keyNode.getText(sf), f.value.getText(sf)]);
      if (rows.length) out.push(rows);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('pySpanAttributes', () => {
  before(() => initPythonParser());
  const OTEL = 'from opentelemetry import trace\ntracer = trace.get_tracer(__name__)\n';

  it('span.set_attribute("k", v): the key is the string node', () => {
    assert.deepEqual(py(OTEL + 'with tracer.start_as_current_span("x") as span:\n    span.set_attribute("user.email", email)\n'), [[['user.email', '"user.email"', 'email']]]);
  });

  it('span.set_attributes({...}) and the attributes= keyword of a span start', () => {
    assert.deepEqual(py(OTEL + 'span = tracer.start_span("x", attributes={"a": 1, "b": b})\nspan.set_attributes({"c": c})\n'), [
      [['a', '"a"', '1'], ['b', '"b"', 'b']],
      [['c', '"c"', 'c']],
    ]);
    assert.deepEqual(py(OTEL + '@tracer.start_as_current_span("x", attributes={"k": v})\ndef f():\n    pass\n'), [[['k', '"k"', 'v']]]);
  });

  it('span-like receivers: with-alias, get_current_span(), span names, self.span', () => {
    assert.deepEqual(py(OTEL + 'with tracer.start_as_current_span("x") as s:\n    s.set_attribute("a", 1)\n'), [[['a', '"a"', '1']]]);
    assert.deepEqual(py(OTEL + 'trace.get_current_span().set_attribute("a", 1)\ncur = trace.get_current_span()\ncur.set_attribute("b", 2)\n'), [[['a', '"a"', '1']], [['b', '"b"', '2']]]);
    assert.deepEqual(py('def f(self, root_span):\n    root_span.set_attribute("a", 1)\n    self.span.set_attribute("b", 2)\n'), [[['a', '"a"', '1']], [['b', '"b"', '2']]]);
    assert.deepEqual(py('from opentelemetry.trace import get_current_span\nget_current_span().set_attributes({"a": 1})\n'), [[['a', '"a"', '1']]]);
  });

  it('ignores non-span receivers, dynamic keys and other calls', () => {
    assert.deepEqual(py('el.set_attribute("a", 1)\nnode.set_attributes({"b": 2})\nlogger.info("x", extra={"c": 3})\n'), []);
    assert.deepEqual(py(OTEL + 'span = tracer.start_span("x")\nspan.set_attribute(key, 1)\nspan.set_attribute(f"k.{i}", 1)\nspan.set_attributes({f"k.{i}": 1})\n'), []);
    assert.deepEqual(py(OTEL + 'span = tracer.start_span("x")\nspan.add_event("e", {"a": 1})\n'), []);
    assert.deepEqual(py('import opentracing\nspan.set_attribute("a", 1)\n'), [], 'name heuristic off in an OpenTracing-only file');
  });
});

describe('jsSpanAttributes', () => {
  const OTEL = "import { trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('svc');\n";

  it("span.setAttribute('k', v): the key is the string literal", () => {
    assert.deepEqual(js(OTEL + "const span = tracer.startSpan('x');\nspan.setAttribute('user.email', email);\n"), [[['user.email', "'user.email'", 'email']]]);
  });

  it('span.setAttributes({...}) and the attributes option of startSpan / startActiveSpan', () => {
    assert.deepEqual(js(OTEL + "tracer.startSpan('x', { attributes: { a: 1, 'b.c': b } });\n"), [[['a', 'a', '1'], ['b.c', "'b.c'", 'b']]]);
    assert.deepEqual(js(OTEL + "tracer.startActiveSpan('x', { attributes: { userId } }, (span) => {\n  span.setAttributes({ c: c, [k]: 2, ...rest });\n  span.end();\n});\n"), [
      [['userId', 'userId', 'userId']],
      [['c', 'c', 'c']],
    ]);
  });

  it('span-like receivers: callback parameter of any name, getActiveSpan(), span names, this.span', () => {
    assert.deepEqual(js(OTEL + "tracer.startActiveSpan('x', (s) => { s.setAttribute('a', 1); s.end(); });\n"), [[['a', "'a'", '1']]]);
    assert.deepEqual(js(OTEL + "trace.getActiveSpan()?.setAttribute('a', 1);\nconst cur = trace.getActiveSpan();\ncur?.setAttribute('b', 2);\n"), [[['a', "'a'", '1']], [['b', "'b'", '2']]]);
    assert.deepEqual(js("function f(rootSpan: Span) { rootSpan.setAttribute('a', 1); this.span.setAttribute('b', 2); }\n"), [[['a', "'a'", '1']], [['b', "'b'", '2']]]);
  });

  it('ignores non-span receivers, dynamic keys and other calls', () => {
    assert.deepEqual(js("el.setAttribute('href', url);\nnode.setAttributes({ a: 1 });\nlogger.info({ c: 3 }, 'x');\n"), []);
    assert.deepEqual(js(OTEL + "const span = tracer.startSpan('x');\nspan.setAttribute(key, 1);\nspan.setAttribute(`k.${i}`, 1);\n"), []);
    assert.deepEqual(js(OTEL + "tracer.startSpan('x', opts);\ntracer.startActiveSpan('x', (span) => span.end());\n"), []);
    assert.deepEqual(js("const span = document.createElement('span');\nspan.setAttribute('data-email', email);\n"), [], 'a DOM element named span');
    assert.deepEqual(js("import tracer from 'dd-trace';\nspan.setAttribute('a', 1);\n"), [], 'name heuristic off in a dd-trace-only file');
  });
});
