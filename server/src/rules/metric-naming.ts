import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "metric-naming". */
export const metricNaming: Rule = {
  id: 'metric-naming',
  defaultSeverity: 'info',
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
