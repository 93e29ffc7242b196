import { format, type Rule } from '../analysis/rule';
import { addToSection } from '../yaml/edits';
import { alertsOf, get, rangeOf } from '../yaml/model';
import { EVERY_ROLE } from '../analysis/project/roles';

export const alertMissingRunbook: Rule = {
  id: 'alert-missing-runbook',
  defaultSeverity: 'warning',
  docs: { summary: 'An alert has no `runbook_url` (or `runbook`) annotation, so whoever is paged at 3 AM starts from nothing.' },
  messages: {
    missing: 'Alert `{name}` has no `runbook_url` annotation: whoever is paged starts from nothing.',
    add: 'Add `runbook_url: {url}`',
  },
  hasFix: true,
  roles: EVERY_ROLE,
  yaml(ctx) {
    const base = ctx.settings.alerts.runbookBaseUrl;
    const m = alertMissingRunbook.messages;
    for (const r of alertsOf(ctx.file)) {
      const annotations = get(r.rule, 'annotations');
      if (get(annotations, 'runbook_url') || get(annotations, 'runbook')) continue;
      const url = `${base}${r.name}`;
      const edit = base ? addToSection(r.rule, annotations, 'annotations', 'runbook_url', url, ctx.text, ctx.lines, ctx.eol) : undefined;
      ctx.report({ ...rangeOf(r.nameNode), message: format(m.missing, { name: r.name }), fixes: edit ? [{ title: format(m.add, { url }), safe: true, edits: [edit] }] : [] });
    }
  },
};
