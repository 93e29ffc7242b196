import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "log-event-name". */
export const logEventName: Rule = {
  id: 'log-event-name',
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
