/** The explicit list of rules. Adding a rule: see ARCHITECTURE.md ("Adding a rule"). */
import type { Rule } from './rule';
import { alertHighCardinality } from '../rules/alert-high-cardinality';
import { alertMissingFor } from '../rules/alert-missing-for';
import { alertMissingRunbook } from '../rules/alert-missing-runbook';
import { alertMissingSeverity } from '../rules/alert-missing-severity';
import { alertMissingSummary } from '../rules/alert-missing-summary';
import { alertOnCause } from '../rules/alert-on-cause';
import { annotationTemplate } from '../rules/annotation-template';
import { duplicateRule } from '../rules/duplicate-rule';
import { invalidDuration } from '../rules/invalid-duration';
import { metricNotEmitted } from '../rules/metric-not-emitted';
import { invalidSuppression } from '../rules/invalid-suppression';
import { noPrintLogging } from '../rules/no-print-logging';
import { promqlSyntax } from '../rules/promql-syntax';
import { sensitiveDataInLog } from '../rules/sensitive-data-in-log';
import { sloMissingAlerting } from '../rules/slo-missing-alerting';
import { sloObjectiveRange } from '../rules/slo-objective-range';
import { unstructuredLogMessage } from '../rules/unstructured-log-message';
import { yamlSchema } from '../rules/yaml-schema';
import { logEventName } from '../rules/log-event-name';
import { logRawPayload } from '../rules/log-raw-payload';
import { logInLoop } from '../rules/log-in-loop';
import { swallowedException } from '../rules/swallowed-exception';
import { errorLogWithoutException } from '../rules/error-log-without-exception';
import { exceptionOutsideHandler } from '../rules/exception-outside-handler';
import { stdlibLoggingMisuse } from '../rules/stdlib-logging-misuse';
import { hardcodedLogLevel } from '../rules/hardcoded-log-level';
import { expectedConditionAtError } from '../rules/expected-condition-at-error';
import { loggerConfigIncomplete } from '../rules/logger-config-incomplete';
import { spanNotEnded } from '../rules/span-not-ended';
import { spanErrorNotRecorded } from '../rules/span-error-not-recorded';
import { spanNameCardinality } from '../rules/span-name-cardinality';
import { unboundedMetricLabel } from '../rules/unbounded-metric-label';
import { metricNaming } from '../rules/metric-naming';

export const RULES: readonly Rule[] = [
  noPrintLogging,
  unstructuredLogMessage,
  sensitiveDataInLog,
  invalidSuppression,
  // Logging
  logEventName,
  logRawPayload,
  logInLoop,
  swallowedException,
  errorLogWithoutException,
  exceptionOutsideHandler,
  stdlibLoggingMisuse,
  hardcodedLogLevel,
  expectedConditionAtError,
  loggerConfigIncomplete,
  // Tracing
  spanNotEnded,
  spanErrorNotRecorded,
  spanNameCardinality,
  // Metrics
  unboundedMetricLabel,
  metricNaming,
  // Prometheus rule files and SLO files
  yamlSchema,
  promqlSyntax,
  alertMissingFor,
  alertMissingSeverity,
  alertMissingRunbook,
  alertMissingSummary,
  alertHighCardinality,
  alertOnCause,
  duplicateRule,
  invalidDuration,
  annotationTemplate,
  sloObjectiveRange,
  sloMissingAlerting,
  metricNotEmitted,
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
