import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "swallowed-exception". */
export const swallowedException: Rule = {
  id: 'swallowed-exception',
  defaultSeverity: 'warning',
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
