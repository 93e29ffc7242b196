import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "expected-condition-at-error". */
export const expectedConditionAtError: Rule = {
  id: 'expected-condition-at-error',
  defaultSeverity: 'hint',
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
