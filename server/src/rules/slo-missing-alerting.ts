import { format, type Rule } from '../analysis/rule';
import { get, mapsIn, rangeOf, slothKey, str } from '../yaml/model';
import { EVERY_ROLE } from '../analysis/project/roles';

export const sloMissingAlerting: Rule = {
  id: 'slo-missing-alerting',
  defaultSeverity: 'info',
  docs: { summary: 'A Sloth SLO has no `alerting.page_alert` or `ticket_alert`, so burning its error budget alerts nobody.' },
  messages: {
    missing: 'SLO `{name}` has no `alerting.page_alert` or `alerting.ticket_alert`: nothing routes the burn of its error budget to a person.',
  },
  hasFix: false,
  roles: EVERY_ROLE,
  yaml(ctx) {
    for (const doc of ctx.file.docs) {
      if (doc.kind !== 'sloth') continue;
      for (const slo of mapsIn(get(doc.root, 'slos'))) {
        const alerting = get(slo, 'alerting');
        if (get(alerting, slothKey(doc, 'page_alert')) || get(alerting, slothKey(doc, 'ticket_alert'))) continue;
        const nameNode = get(slo, 'name');
        ctx.report({ ...rangeOf(nameNode ?? slo), message: format(sloMissingAlerting.messages.missing, { name: str(nameNode) ?? '?' }) });
      }
    }
  },
};
