import type { Node as YNode } from 'yaml';
import { format, type Report, type Rule } from '../analysis/rule';
import { get, mapsIn, rangeOf, str } from '../yaml/model';
import { EVERY_ROLE } from '../analysis/project/roles';

export const sloObjectiveRange: Rule = {
  id: 'slo-objective-range',
  defaultSeverity: 'error',
  docs: { summary: 'An SLO objective of 100 % or more (no error budget at all) or of 0 % or less; a Pyrra target written as a ratio.' },
  messages: {
    full: 'Objective {value} leaves no error budget: every single error burns it and alerts fire forever. Use e.g. {example}.',
    zero: 'Objective {value} is not a meaningful target (it must be above {low}).',
    ratio: '`{key}` is a percentage, not a ratio: {value} means {percent} %. Did you mean {suggestion}?',
    notNumber: 'Objective `{value}` is not a number.',
  },
  hasFix: true,
  roles: EVERY_ROLE,
  yaml(ctx) {
    const m = sloObjectiveRange.messages;
    /** Checks one objective on a 0–`scale` scale (100 for percents, 1 for ratios). */
    const check = (node: YNode | undefined, scale: 100 | 1, percentOnly = false, key = 'objective') => {
      if (!node) return;
      const text = str(node) ?? '';
      const value = Number(text);
      const range = rangeOf(node);
      if (text.trim() === '' || Number.isNaN(value)) { ctx.report({ ...range, message: format(m.notNumber, { value: text }) }); return; }
      const report = (r: Omit<Report, 'start' | 'end'>) => ctx.report({ ...range, ...r });
      if (value >= scale) report({ message: format(m.full, { value: text, example: scale === 100 ? '99.9' : '0.999' }) });
      else if (value <= 0) report({ message: format(m.zero, { value: text, low: '0' }) });
      else if (percentOnly && value <= 1) {
        const suggestion = String(Number((value * 100).toFixed(6)));
        report({
          severity: 'warning',
          message: format(m.ratio, { key, value: text, percent: text, suggestion }),
          fixes: [{ title: `Change the ${key} to ${suggestion}`, safe: false, edits: [{ ...range, text: key === 'target' ? `"${suggestion}"` : suggestion }] }],
        });
      }
    };
    for (const doc of ctx.file.docs) {
      if (doc.kind === 'sloth') for (const slo of mapsIn(get(doc.root, 'slos'))) check(get(slo, 'objective'), 100, true);
      else if (doc.kind === 'pyrra') check(get(get(doc.root, 'spec'), 'target'), 100, true, 'target');
      else if (doc.kind === 'openslo' && str(get(doc.root, 'kind')) === 'SLO') {
        for (const objective of mapsIn(get(get(doc.root, 'spec'), 'objectives'))) {
          check(get(objective, 'target'), 1);
          check(get(objective, 'targetPercent'), 100);
        }
      }
    }
  },
};
