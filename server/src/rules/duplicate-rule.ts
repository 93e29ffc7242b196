import { isMap } from 'yaml';
import { format, type Rule } from '../analysis/rule';
import { get, rangeOf, rulesOf, str } from '../yaml/model';
import { EVERY_ROLE } from '../analysis/project/roles';

export const duplicateRule: Rule = {
  id: 'duplicate-rule',
  defaultSeverity: 'warning',
  docs: { summary: 'Two alerts with the same name and labels, or two recording rules writing the same series, in one file.' },
  messages: {
    alert: 'Alert `{name}` with these labels is already defined on line {line}: one of them is dead or they page twice.',
    record: 'Recording rule `{name}` with these labels is already defined on line {line}: both write the same series.',
  },
  hasFix: false,
  roles: EVERY_ROLE,
  yaml(ctx) {
    const seen = new Map<string, number>();
    for (const r of rulesOf(ctx.file)) {
      // Group labels are part of every rule's identity (Prometheus adds them to each rule).
      const pairs = [get(r.group, 'labels'), get(r.rule, 'labels')].flatMap((l) => (isMap(l) ? l.items : []));
      const merged = new Map(pairs.map((p) => [str(p.key), str(p.value)]));
      const labelKey = [...merged].map(([k, v]) => `${k}=${v}`).sort().join(',');
      const key = `${r.type}\u0000${r.name}\u0000${labelKey}`;
      const range = rangeOf(r.nameNode);
      const first = seen.get(key);
      if (first === undefined) { seen.set(key, range.start); continue; }
      ctx.report({ ...range, message: format(duplicateRule.messages[r.type], { name: r.name, line: ctx.lines.positionAt(first).line + 1 }) });
    }
  },
};
