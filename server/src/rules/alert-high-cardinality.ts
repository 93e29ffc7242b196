import { isMap, isScalar } from 'yaml';
import { UNBOUNDED_LABELS } from '../analysis/cardinality';
import { format, type Rule } from '../analysis/rule';
import { alertsOf, get, rangeOf, str } from '../yaml/model';
import { isLogQL, parseScalarQuery } from '../yaml/promql';
import { EVERY_ROLE } from '../analysis/project/roles';

/**
 * In alert aggregations, `uri` is most often Micrometer's (Spring Boot) route template
 * (`/orders/{id}`), which is bounded: precision first, so it is not reported here.
 */
const ROUTE_TEMPLATES = new Set(['uri']);

export const alertHighCardinality: Rule = {
  id: 'alert-high-cardinality',
  defaultSeverity: 'warning',
  docs: { summary: 'An alert aggregates `by` an unbounded label (user_id, request_id, url…) or sets one as a label: one alert per user floods the pager.' },
  messages: {
    by: 'Alert `{name}` aggregates by `{label}`, an unbounded label: it can fire once per value and flood the pager. Aggregate by a bounded label (service, route, status).',
    label: 'Alert `{name}` sets the unbounded label `{label}`: every value becomes a separate alert.',
  },
  hasFix: false,
  roles: EVERY_ROLE,
  yaml(ctx) {
    const m = alertHighCardinality.messages;
    for (const r of alertsOf(ctx.file)) {
      const expr = get(r.rule, 'expr');
      if (isScalar(expr) && typeof expr.value === 'string' && !isLogQL(expr.value)) {
        const { info, toSource } = parseScalarQuery(ctx.text, expr, expr.value);
        for (const g of info.groupingLabels) {
          if (g.modifier !== 'by' || !UNBOUNDED_LABELS.has(g.name) || ROUTE_TEMPLATES.has(g.name)) continue;
          const start = toSource(g.from);
          ctx.report({ start, end: start + g.name.length, message: format(m.by, { name: r.name, label: g.name }) });
        }
      }
      const labels = get(r.rule, 'labels');
      if (!isMap(labels)) continue;
      for (const pair of labels.items) {
        const key = str(pair.key);
        if (key && UNBOUNDED_LABELS.has(key)) ctx.report({ ...rangeOf(pair.key as never), message: format(m.label, { name: r.name, label: key }) });
      }
    }
  },
};
