import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "log-in-loop". */
export const logInLoop: Rule = {
  id: 'log-in-loop',
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
