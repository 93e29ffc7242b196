import { isScalar } from 'yaml';
import { format, type Rule } from '../analysis/rule';
import { alertsOf, get, rangeOf } from '../yaml/model';
import { isLogQL, parseScalarQuery } from '../yaml/promql';
import { EVERY_ROLE } from '../analysis/project/roles';

/**
 * Raw resource metrics (RULES.md's list): causes, not symptoms users feel. Disk filling up
 * or CPU throttling are left out on purpose: they predict an outage and are common, valid pages.
 */
const RESOURCE = /^(node_cpu_seconds_total$|container_memory_|process_cpu_)/;

export const alertOnCause: Rule = {
  id: 'alert-on-cause',
  defaultSeverity: 'hint',
  docs: { summary: 'An alert watches only raw resource metrics (CPU, memory) with no error or latency signal: it pages on causes, not on what users feel.' },
  messages: {
    cause: 'Alert `{name}` only watches resource metrics ({metrics}): high CPU or memory is a cause, not a symptom. Prefer alerting on errors or latency users feel, and keep this as a dashboard or ticket.',
  },
  hasFix: false,
  roles: EVERY_ROLE,
  yaml(ctx) {
    for (const r of alertsOf(ctx.file)) {
      const expr = get(r.rule, 'expr');
      if (!isScalar(expr) || typeof expr.value !== 'string' || isLogQL(expr.value)) continue;
      const metrics = [...new Set(parseScalarQuery(ctx.text, expr, expr.value).info.metrics.map((x) => x.name))];
      if (metrics.length && metrics.every((x) => RESOURCE.test(x))) {
        ctx.report({ ...rangeOf(expr), message: format(alertOnCause.messages.cause, { name: r.name, metrics: metrics.join(', ') }) });
      }
    }
  },
};
