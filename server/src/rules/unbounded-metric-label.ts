import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "unbounded-metric-label". */
export const unboundedMetricLabel: Rule = {
  id: 'unbounded-metric-label',
  defaultSeverity: 'error',
  docs: { summary: 'TODO' },
  messages: {},
  hasFix: false,
  python() {
    return {};
  },
  js() {
    return {};
  },
};
