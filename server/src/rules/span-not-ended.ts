import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "span-not-ended". */
export const spanNotEnded: Rule = {
  id: 'span-not-ended',
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
