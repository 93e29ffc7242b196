import { format, type Rule } from '../analysis/rule';
import { rangeOf } from '../yaml/model';
import { parseScalarQuery } from '../yaml/promql';
import { queriesOf } from '../yaml/queries';
import { EVERY_ROLE } from '../analysis/project/roles';

/** Why Prometheus' parser rejects a query that fits the grammar (its `checkAST`), by problem code. */
const REJECTED: Record<string, string> = {
  type: 'expected {want} in {context}, got {got}',
  argCount: 'expected {expected} argument(s) in call to "{fn}", got {got}',
  aggregationArgs: 'the aggregation has no argument',
  aggregationCount: 'wrong number of arguments for the aggregation, expected {expected}, got {got}',
  unary: 'a unary expression is only allowed on a scalar or an instant vector, got {got}',
  subquery: 'a subquery is only allowed on an instant vector, got {got}',
  range: 'ranges are only allowed for vector selectors (for an expression, use a subquery: `(…)[5m:]`)',
  at: 'the @ modifier must follow an instant or range vector selector or a subquery',
  boolModifier: 'the bool modifier can only be used on comparison operators',
  scalarComparison: 'comparisons between scalars must use the bool modifier',
  scalarTrim: 'the trim operators are not allowed between scalars',
  onAndGroup: 'label "{label}" must not occur in ON and GROUP clause at once',
  binaryOperand: 'a binary expression must contain only scalar and instant vector types',
  vectorMatching: 'vector matching (on/ignoring) is only allowed between instant vectors',
  setGrouping: 'no grouping (group_left/group_right) allowed for set operations',
  setCardinality: 'set operations must always be many-to-many',
  setScalar: 'set operator "{op}" not allowed in binary scalar expression',
  infoSelector: 'the second argument of "info" takes label selectors only, not a metric name',
  nameTwice: 'metric name must not be set twice: "{a}" or "{b}"',
  emptySelector: 'vector selector must contain at least one non-empty matcher (`{}` would select every series)',
  zeroDuration: 'duration must be greater than 0 (`{duration}`)',
};

export const promqlSyntax: Rule = {
  id: 'promql-syntax',
  defaultSeverity: 'error',
  docs: { summary: 'A PromQL expression (alert/record `expr`, Sloth and OpenSLO queries, Pyrra metrics) does not parse, or Prometheus rejects it (wrong argument types or counts, `1 and 1`, `{}`, `[0m]`).' },
  messages: {
    unexpected: 'PromQL does not parse ({where}): unexpected `{token}` at column {column} of the query.',
    incomplete: 'PromQL does not parse ({where}): the query is incomplete at column {column} (a bracket, operand or argument is missing).',
    empty: 'PromQL query is empty ({where}).',
    rejected: 'Prometheus rejects this PromQL ({where}): {detail}.',
    ...Object.fromEntries(Object.entries(REJECTED).map(([k, v]) => [`rejected.${k}`, v])),
  },
  hasFix: false,
  roles: EVERY_ROLE,
  yaml(ctx) {
    const m = promqlSyntax.messages;
    for (const q of queriesOf(ctx.file)) {
      const { info, substituted, toOriginal, originalToSource: map } = parseScalarQuery(ctx.text, q.node, q.query);
      const error = info.errors[0];
      const problem = info.problems[0];
      if (!error && !problem) continue;
      if (!substituted.trim()) {
        ctx.report({ ...rangeOf(q.node), message: format(m.empty, { where: q.where }) });
        continue;
      }
      // An error at the end (missing bracket) points at the last real character, not a trailing newline.
      const span = error ?? problem!;
      const last = q.query.trimEnd().length - 1;
      const from = Math.min(toOriginal(span.from), last);
      const to = Math.max(Math.min(toOriginal(span.to), last + 1), from + 1);
      const start = map(from);
      const end = Math.max(map(to - 1) + 1, start + 1);
      if (!error) {
        const detail = format(m[`rejected.${problem!.code}`] ?? problem!.code, problem!.params);
        ctx.report({ start, end, message: format(m.rejected, { where: q.where, detail }) });
        continue;
      }
      const token = q.query.slice(toOriginal(error.from), toOriginal(error.to)).trim();
      ctx.report({
        start,
        end,
        message: error.from < error.to && token
          ? format(m.unexpected, { where: q.where, token, column: toOriginal(error.from) + 1 })
          : format(m.incomplete, { where: q.where, column: toOriginal(error.from) + 1 }),
      });
    }
  },
};
