import { format, type Rule } from '../analysis/rule';
import { addToSection } from '../yaml/edits';
import { alertsOf, get, rangeOf } from '../yaml/model';
import { EVERY_ROLE } from '../analysis/project/roles';

export const alertMissingSummary: Rule = {
  id: 'alert-missing-summary',
  defaultSeverity: 'info',
  docs: { summary: 'An alert has no `summary` (or `description`) annotation, or lacks an annotation your policy requires.' },
  messages: {
    missing: 'Alert `{name}` has no `summary` or `description`: the notification will only show its name.',
    required: 'Alert `{name}` lacks the required annotation `{key}` (o11yLint.alerts.requiredAnnotations).',
    add: 'Add a `summary` with label placeholders',
  },
  hasFix: true,
  roles: EVERY_ROLE,
  yaml(ctx) {
    const m = alertMissingSummary.messages;
    for (const r of alertsOf(ctx.file)) {
      const annotations = get(r.rule, 'annotations');
      if (!get(annotations, 'summary') && !get(annotations, 'description')) {
        const value = JSON.stringify(`${r.name} on {{ $labels.instance }} (value {{ $value }})`);
        const edit = addToSection(r.rule, annotations, 'annotations', 'summary', value, ctx.text, ctx.lines, ctx.eol);
        ctx.report({ ...rangeOf(r.nameNode), message: format(m.missing, { name: r.name }), fixes: edit ? [{ title: m.add, safe: true, edits: [edit] }] : [] });
      }
      for (const key of ctx.settings.alerts.requiredAnnotations) {
        if (key !== 'summary' && !get(annotations, key)) ctx.report({ ...rangeOf(r.nameNode), message: format(m.required, { name: r.name, key }) });
      }
    }
  },
};
