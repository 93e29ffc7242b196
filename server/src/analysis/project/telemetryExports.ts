/**
 * The tracing and metrics classifiers of exported values (classifiers.ts): an OpenTelemetry
 * tracer (`export const tracer = trace.getTracer('x')`, `tracer = trace.get_tracer(__name__)`),
 * a meter (`metrics.getMeter(...)`, `metrics.get_meter(...)`), a metric factory (a helper that
 * forwards its arguments to a metric constructor, with where its callers pass the name and label
 * names) and a span scope (a helper that runs its caller's code in a span). Each answer comes from
 * the same recognisers the rules use on a file of their own (spans.ts, metricLabels.ts), so a
 * helper is known the same way in its module and in the modules that import it.
 */
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import type { JsFacts } from '../js/facts';
import { jsMetricFactoryExport } from '../js/metricLabels';
import { dottedName, unwrap } from '../js/nodes';
import { isJsTracer, jsIsSpanHelper } from '../js/spans';
import type { PyFacts } from '../python/facts';
import { pyMetricFactoryExport } from '../python/metricLabels';
import { isPyTracer, pyIsSpanHelper } from '../python/spans';
import type { JsContext, PyContext } from '../rule';
import type { JsExportedValue } from './jsExports';
import type { PyExportedValue } from './pyExports';
import type { ExportedSymbol } from './view';

/** A module's text could export a tracer, meter, metric factory or span scope (the first pass parses only such modules). */
export const JS_TELEMETRY_EVIDENCE = /prom-client|@opentelemetry\/|\bget(?:Tracer|Meter)\b|\bstart(?:Active)?Span\b|\bcreate(?:Observable)?(?:Counter|UpDownCounter|Histogram|Gauge)\b/;
export const PY_TELEMETRY_EVIDENCE = /prometheus_client|opentelemetry|\bget_(?:tracer|meter)\b|\bstart_(?:as_current_)?span\b|\buse_span\b|\bcreate_(?:observable_)?(?:counter|up_down_counter|histogram|gauge)\b/;

/** The rule-side view of a module being classified: the recognisers read text, tree and facts (no project: one module deep). */
const JS_CONTEXTS = new WeakMap<JsFacts, JsContext>();
const PY_CONTEXTS = new WeakMap<PyFacts, PyContext>();

function jsContext(facts: JsFacts, sf: ts.SourceFile): JsContext {
  let ctx = JS_CONTEXTS.get(facts);
  if (!ctx) JS_CONTEXTS.set(facts, (ctx = { text: sf.text, sourceFile: sf, facts } as unknown as JsContext));
  return ctx;
}

function pyContext(facts: PyFacts, node: Node): PyContext {
  let ctx = PY_CONTEXTS.get(facts);
  if (!ctx) PY_CONTEXTS.set(facts, (ctx = { text: node.tree.rootNode.text, tree: node.tree, facts } as unknown as PyContext));
  return ctx;
}

export function jsTelemetryExport({ node, facts, sourceFile }: JsExportedValue): ExportedSymbol | undefined {
  const n = ts.isExpression(node) ? unwrap(node) : node;
  const ctx = jsContext(facts, sourceFile);
  if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n)) {
    if (jsIsSpanHelper(ctx, n)) return { kind: 'span-scope' };
    return jsMetricFactoryExport(ctx, n);
  }
  if (!ts.isCallExpression(n)) return undefined;
  const callee = unwrap(n.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (method === 'getTracer' && isJsTracer(n, ctx)) return { kind: 'tracer' };
  const dotted = dottedName(callee);
  if (method === 'getMeter' && (ts.isPropertyAccessExpression(callee) || (!!dotted && facts.qualify(dotted).startsWith('@opentelemetry/')))) return { kind: 'meter' };
  return undefined;
}

export function pyTelemetryExport({ node, facts }: PyExportedValue): ExportedSymbol | undefined {
  if (node.type === 'function_definition') {
    const ctx = pyContext(facts, node);
    if (pyIsSpanHelper(ctx, node)) return { kind: 'span-scope' };
    return pyMetricFactoryExport(ctx, node);
  }
  if (node.type !== 'call') return undefined;
  const { fn, name, method } = facts.callee(node);
  if (method === 'get_tracer' && isPyTracer(node, pyContext(facts, node))) return { kind: 'tracer' };
  if (method === 'get_meter' && (fn?.type === 'attribute' || (!!name && facts.qualify(name).startsWith('opentelemetry')))) return { kind: 'meter' };
  return undefined;
}
