import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "hardcoded-log-level". */
export const hardcodedLogLevel: Rule = {
  id: 'hardcoded-log-level',
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
