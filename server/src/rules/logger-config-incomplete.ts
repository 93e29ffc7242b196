import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "logger-config-incomplete". */
export const loggerConfigIncomplete: Rule = {
  id: 'logger-config-incomplete',
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
