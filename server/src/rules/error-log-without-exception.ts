import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "error-log-without-exception". */
export const errorLogWithoutException: Rule = {
  id: 'error-log-without-exception',
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
