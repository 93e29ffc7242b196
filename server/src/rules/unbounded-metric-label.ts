import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { UNBOUNDED_LABELS } from '../analysis/cardinality';
import { jsMetricLabelSites } from '../analysis/js/metricLabels';
import { dottedName as jsDottedName, unwrap } from '../analysis/js/nodes';
import { pyMetricLabelSites } from '../analysis/python/metricLabels';
import { callArgs, dottedName } from '../analysis/python/nodes';
import { format, type Rule } from '../analysis/rule';
import { MAINTAINED_CODE } from '../analysis/project/roles';

/**
 * A label name is judged at its declaration (`labelnames` / `labelNames`) when the metric is
 * registered in the same file; uses of that metric (`.labels(user_id=...)`) then stay silent,
 * so one mistake is one finding. Uses of metrics registered elsewhere, and OpenTelemetry
 * attributes (which have no declaration), are judged where they are set. A call gets one
 * finding per distinct label name or raw value.
 */
export const unboundedMetricLabel: Rule = {
  id: 'unbounded-metric-label',
  defaultSeverity: 'error',
  docs: { summary: 'A metric label (or OpenTelemetry attribute) whose values are unbounded: user ids, emails, request ids, raw URLs…' },
  messages: {
    name: '`{name}` is an unbounded metric label: every distinct value creates a new time series. Put it in a log field or a span attribute instead, and keep labels to small fixed sets (route, method, status).',
    rawPath: '`{value}` is the raw request path: ids in the path make one time series per URL. Use the route template (e.g. `/users/{id}`) as the label, and log or trace the full path instead.',
  },
  hasFix: false,
  roles: MAINTAINED_CODE,

  python(ctx) {
    return {
      call(node: Node) {
        const sites = pyMetricLabelSites(node, ctx);
        if (sites.length === 0) return;
        const once = oncePerCall();
        for (const label of sites) {
          if (isUnboundedLabel(label.key)) {
            if (!label.declared && once(`name:${label.key}`)) ctx.report({ start: label.keyNode.startIndex, end: label.keyNode.endIndex, message: format(unboundedMetricLabel.messages.name, { name: label.key }) });
          } else if (label.value && pyIsRawPath(label.value) && once(`value:${label.value.text}`)) {
            ctx.report({ start: label.value.startIndex, end: label.value.endIndex, message: format(unboundedMetricLabel.messages.rawPath, { value: label.value.text }) });
          }
        }
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    const check = (node: ts.Node) => {
      const sites = jsMetricLabelSites(node, ctx);
      if (sites.length === 0) return;
      const once = oncePerCall();
      for (const label of sites) {
        if (isUnboundedLabel(label.key)) {
          if (!label.declared && once(`name:${label.key}`)) ctx.report({ start: label.keyNode.getStart(sf), end: label.keyNode.end, message: format(unboundedMetricLabel.messages.name, { name: label.key }) });
        } else if (label.value && jsIsRawPath(label.value)) {
          const value = label.value.getText(sf);
          if (once(`value:${value}`)) ctx.report({ start: label.value.getStart(sf), end: label.value.end, message: format(unboundedMetricLabel.messages.rawPath, { value }) });
        }
      }
    };
    return { [ts.SyntaxKind.NewExpression]: check, [ts.SyntaxKind.CallExpression]: check };
  },
};

/** One finding per label name and per raw value in a call: the same path set as two labels is one mistake. */
function oncePerCall(): (key: string) => boolean {
  const seen = new Set<string>();
  return (key) => !seen.has(key) && !!seen.add(key);
}

/** The list without separators: `userId`, `user.id`, `USER-ID`, `clientIP` compare as userid, userid, userid, clientip. */
const SQUASHED = new Set([...UNBOUNDED_LABELS].map((l) => l.replace(/_/g, '')));

/** The whole name, case-insensitive, with camelCase, `.`, `-` and `_` separators ignored. */
export function isUnboundedLabel(name: string): boolean {
  return name.length > 0 && name.length < 20 && SQUASHED.has(name.replace(/[_.\-\s]/g, '').toLowerCase());
}

/** `request.url.path`, `request.path`, `request.url`, `request.path_info`, `request.get_full_path()` (also `self.request…`, `str(...)`). */
const PY_RAW_PATH = /(?:^|\.)(?:request|req)\.(?:url\.path|url|path|path_info|full_path|raw_path|get_full_path)$/;
/** `req.path`, `req.url`, `req.originalUrl`, `request.url`, `request.path` (also `ctx.request.url`, `String(...)`). */
const JS_RAW_PATH = /(?:^|\.)(?:request|req)\.(?:path|url|originalUrl)$/;

function pyIsRawPath(value: Node): boolean {
  if (value.type === 'call') {
    const name = dottedName(value.childForFieldName('function'));
    if (name === 'str') {
      const inner = callArgs(value).positional[0];
      return !!inner && pyIsRawPath(inner);
    }
    return !!name && name.endsWith('get_full_path') && PY_RAW_PATH.test(name);
  }
  if (value.type !== 'attribute') return false;
  const name = dottedName(value);
  return !!name && PY_RAW_PATH.test(name) && !name.endsWith('.get_full_path');
}

function jsIsRawPath(value: ts.Expression): boolean {
  const e = unwrap(value);
  if (ts.isCallExpression(e)) {
    const callee = unwrap(e.expression);
    if (ts.isIdentifier(callee) && callee.text === 'String' && e.arguments.length === 1) return jsIsRawPath(e.arguments[0]);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'toString' && e.arguments.length === 0) return jsIsRawPath(callee.expression);
    return false;
  }
  if (ts.isTemplateExpression(e) && e.head.text === '' && e.templateSpans.length === 1 && e.templateSpans[0].literal.text === '') return jsIsRawPath(e.templateSpans[0].expression);
  if (!ts.isPropertyAccessExpression(e)) return false;
  const name = jsDottedName(e);
  return !!name && JS_RAW_PATH.test(name);
}
