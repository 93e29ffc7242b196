import type { Rule } from '../analysis/rule';

/** TODO(stub): RULES.md "span-name-cardinality". */
export const spanNameCardinality: Rule = {
  id: 'span-name-cardinality',
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
