import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "span-error-not-recorded". */
export const spanErrorNotRecorded: Rule = {
  id: 'span-error-not-recorded',
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
