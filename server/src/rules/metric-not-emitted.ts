import { closestId } from '../analysis/closest';
import { format, type Rule } from '../analysis/rule';
import { rulesOf } from '../yaml/model';
import { parseScalarQuery } from '../yaml/promql';
import { queriesOf } from '../yaml/queries';
import { EVERY_ROLE } from '../analysis/project/roles';

const head = (name: string) => name.split(/[_:]/)[0];

export const metricNotEmitted: Rule = {
  id: 'metric-not-emitted',
  defaultSeverity: 'info',
  docs: { summary: 'An alert or SLO query uses a metric that no code in the workspace registers, though the workspace registers others with the same prefix: probably a typo or a renamed metric.' },
  messages: {
    missing: 'Metric `{name}` is not emitted by this workspace (no prometheus_client, prom-client or OpenTelemetry registration produces it){hint}',
  },
  hasFix: true,
  roles: EVERY_ROLE,
  yaml(ctx) {
    const ws = ctx.workspaceMetrics;
    if (!ws || (ws.names.length === 0 && ws.prefixes.length === 0)) return; // nothing to compare with
    const known = new Set(ws.names);
    for (const r of rulesOf(ctx.file)) if (r.type === 'record') known.add(r.name);
    // Only names in a family the workspace owns: exporter metrics (node_, kube_…) are not ours to judge.
    const families = new Set([...known, ...ws.prefixes].map(head));
    for (const q of queriesOf(ctx.file)) {
      const { info, toSource } = parseScalarQuery(ctx.text, q.node, q.query);
      for (const m of info.metrics) {
        if (known.has(m.name) || ws.prefixes.some((p) => m.name.startsWith(p)) || !families.has(head(m.name))) continue;
        const suggestion = closestId(m.name, known);
        const start = toSource(m.from);
        ctx.report({
          start,
          end: start + m.name.length,
          message: format(metricNotEmitted.messages.missing, { name: m.name, hint: suggestion ? `. Did you mean \`${suggestion}\`?` : '.' }),
          fixes: suggestion ? [{ title: `Change to '${suggestion}'`, safe: false, edits: [{ start, end: start + m.name.length, text: suggestion }] }] : [],
        });
      }
    }
  },
};
