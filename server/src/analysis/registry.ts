/** The explicit list of rules. Adding a rule: see ARCHITECTURE.md ("Adding a rule"). */
import type { Rule } from './rule';
import { invalidSuppression, setKnownRuleIds } from '../rules/invalid-suppression';
import { noPrintLogging } from '../rules/no-print-logging';
import { sensitiveDataInLog } from '../rules/sensitive-data-in-log';
import { unstructuredLogMessage } from '../rules/unstructured-log-message';

export const RULES: readonly Rule[] = [
  noPrintLogging,
  unstructuredLogMessage,
  sensitiveDataInLog,
  invalidSuppression,
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

setKnownRuleIds(() => RULE_IDS);
