import { format, type Rule } from '../analysis/rule';
import { rangeOf } from '../yaml/model';
import { parseScalarQuery } from '../yaml/promql';
import { queriesOf } from '../yaml/queries';
import { EVERY_ROLE } from '../analysis/project/roles';

export const promqlSyntax: Rule = {
  id: 'promql-syntax',
  defaultSeverity: 'error',
  docs: { summary: 'A PromQL expression (alert/record `expr`, Sloth and OpenSLO queries, Pyrra metrics) does not parse.' },
  messages: {
    unexpected: 'PromQL does not parse ({where}): unexpected `{token}` at column {column} of the query.',
    incomplete: 'PromQL does not parse ({where}): the query is incomplete at column {column} (a bracket, operand or argument is missing).',
    empty: 'PromQL query is empty ({where}).',
  },
  hasFix: false,
  roles: EVERY_ROLE,
  yaml(ctx) {
    const m = promqlSyntax.messages;
    for (const q of queriesOf(ctx.file)) {
      const { info, substituted, toOriginal, originalToSource: map } = parseScalarQuery(ctx.text, q.node, q.query);
      const error = info.errors[0];
      if (!error) continue;
      if (!substituted.trim()) {
        ctx.report({ ...rangeOf(q.node), message: format(m.empty, { where: q.where }) });
        continue;
      }
      // An error at the end (missing bracket) points at the last real character, not a trailing newline.
      const last = q.query.trimEnd().length - 1;
      const from = Math.min(toOriginal(error.from), last);
      const to = Math.max(Math.min(toOriginal(error.to), last + 1), from + 1);
      const start = map(from);
      const end = Math.max(map(to - 1) + 1, start + 1);
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
