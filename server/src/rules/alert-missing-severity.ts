import { format, type Rule } from '../analysis/rule';
import { addToSection } from '../yaml/edits';
import { alertsOf, get, rangeOf, str } from '../yaml/model';
import { EVERY_ROLE } from '../analysis/project/roles';

export const alertMissingSeverity: Rule = {
  id: 'alert-missing-severity',
  defaultSeverity: 'warning',
  docs: { summary: 'An alert has no `labels.severity`, or one outside the allowed values, so routing cannot tell a page from a ticket.' },
  messages: {
    missing: 'Alert `{name}` has no `severity` label: Alertmanager routing cannot tell a page from a ticket.',
    unknown: 'Severity `{value}` is not one of {allowed} (o11yLint.alerts.severities).',
    add: 'Add `severity: warning`',
  },
  hasFix: true,
  roles: EVERY_ROLE,
  yaml(ctx) {
    const allowed = ctx.settings.alerts.severities;
    const m = alertMissingSeverity.messages;
    for (const r of alertsOf(ctx.file)) {
      const labels = get(r.rule, 'labels');
      // Prometheus adds the group's labels to every rule of the group.
      const severity = get(labels, 'severity') ?? get(get(r.group, 'labels'), 'severity');
      if (!severity) {
        const edit = addToSection(r.rule, labels, 'labels', 'severity', 'warning', ctx.text, ctx.lines, ctx.eol);
        ctx.report({ ...rangeOf(r.nameNode), message: format(m.missing, { name: r.name }), fixes: edit ? [{ title: m.add, safe: false, edits: [edit] }] : [] });
        continue;
      }
      const value = str(severity) ?? '';
      if (allowed.length && !allowed.includes(value) && !value.includes('{{')) { // templated severities are decided at run time
        ctx.report({ ...rangeOf(severity), message: format(m.unknown, { value: value || '(empty)', allowed: allowed.join(', ') }) });
      }
    }
  },
};
