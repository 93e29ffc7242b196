import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "stdlib-logging-misuse". */
export const stdlibLoggingMisuse: Rule = {
  id: 'stdlib-logging-misuse',
  defaultSeverity: 'warning',
  docs: { summary: 'TODO' },
  messages: {},
  hasFix: false,
  python() {
    return {};
  },
};
