import { isMap } from 'yaml';
import { format, type Rule } from '../analysis/rule';
import { get, rangeOf, rulesOf, str } from '../yaml/model';

export const duplicateRule: Rule = {
  id: 'duplicate-rule',
  defaultSeverity: 'warning',
  docs: { summary: 'Two alerts with the same name and labels, or two recording rules writing the same series, in one file.' },
  messages: {
    alert: 'Alert `{name}` with these labels is already defined on line {line}: one of them is dead or they page twice.',
    record: 'Recording rule `{name}` with these labels is already defined on line {line}: both write the same series.',
  },
  hasFix: false,
  yaml(ctx) {
    const seen = new Map<string, number>();
    for (const r of rulesOf(ctx.file)) {
      const labels = get(r.rule, 'labels');
      const labelKey = isMap(labels)
        ? labels.items.map((p) => `${str(p.key)}=${str(p.value)}`).sort().join(',')
        : '';
      const key = `${r.type}\u0000${r.name}\u0000${labelKey}`;
      const range = rangeOf(r.nameNode);
      const first = seen.get(key);
      if (first === undefined) { seen.set(key, range.start); continue; }
      ctx.report({ ...range, message: format(duplicateRule.messages[r.type], { name: r.name, line: ctx.lines.positionAt(first).line + 1 }) });
    }
  },
};
