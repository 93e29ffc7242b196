import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "log-raw-payload". */
export const logRawPayload: Rule = {
  id: 'log-raw-payload',
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
