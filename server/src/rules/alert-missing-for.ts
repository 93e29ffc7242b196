import { isMap } from 'yaml';
import { format, type Rule } from '../analysis/rule';
import { appendToMap } from '../yaml/edits';
import { formatDuration, parseDuration } from '../yaml/duration';
import { alertsOf, get, rangeOf, str } from '../yaml/model';
import { EVERY_ROLE } from '../analysis/project/roles';

export const alertMissingFor: Rule = {
  id: 'alert-missing-for',
  defaultSeverity: 'warning',
  docs: { summary: 'An alert fires on the first evaluation (no `for:`) or after less than the minimum `for` (default 5m), so one blip pages someone.' },
  messages: {
    missing: 'Alert `{name}` has no `for:`: it fires on a single evaluation, so one blip pages someone. Add `for: {min}` or longer.',
    short: 'Alert `{name}` fires after {actual}, less than the minimum of {min} (o11yLint.alerts.minFor).',
    add: 'Add `for: {min}`',
    raise: 'Raise `for` to {min}',
  },
  hasFix: true,
  roles: EVERY_ROLE,
  yaml(ctx) {
    const minText = ctx.settings.alerts.minFor;
    const min = parseDuration(minText) ?? 5 * 60e3;
    for (const r of alertsOf(ctx.file)) {
      const forNode = get(r.rule, 'for');
      // A constant expression (kube-prometheus `Watchdog`: `vector(1)`) is meant to fire at once.
      if (/^\s*vector\(\s*\d+\s*\)\s*$/.test(str(get(r.rule, 'expr')) ?? '')) continue;
      if (!forNode) {
        const edit = isMap(r.rule) ? appendToMap(r.rule, 'for', minText, ctx.text, ctx.lines, ctx.eol) : undefined;
        ctx.report({
          ...rangeOf(r.nameNode),
          message: format(alertMissingFor.messages.missing, { name: r.name, min: minText }),
          fixes: edit ? [{ title: format(alertMissingFor.messages.add, { min: minText }), safe: false, edits: [edit] }] : [],
        });
        continue;
      }
      const actual = parseDuration(str(forNode) ?? '');
      if (actual === undefined || actual >= min) continue; // invalid durations are invalid-duration's finding
      const range = rangeOf(forNode);
      ctx.report({
        ...range,
        message: format(alertMissingFor.messages.short, { name: r.name, actual: formatDuration(actual), min: minText }),
        fixes: [{ title: format(alertMissingFor.messages.raise, { min: minText }), safe: false, edits: [{ ...range, text: minText }] }],
      });
    }
  },
};
