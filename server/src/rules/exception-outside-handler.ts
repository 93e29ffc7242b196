import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "exception-outside-handler". */
export const exceptionOutsideHandler: Rule = {
  id: 'exception-outside-handler',
  defaultSeverity: 'warning',
  docs: { summary: 'TODO' },
  messages: {},
  hasFix: false,
  python() {
    return {};
  },
};
