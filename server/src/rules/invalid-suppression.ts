import ts = require('typescript');
import { format, type FileContext, type Rule } from '../analysis/rule';
import { EVERY_ROLE } from '../analysis/project/roles';

function reportUnknown(ctx: FileContext): void {
  for (const u of ctx.suppressions.unknown) {
    const suggestion = u.suggestion;
    ctx.report({
      start: u.start,
      end: u.end,
      message: suggestion
        ? format(invalidSuppression.messages.unknownWithSuggestion, { id: u.id, suggestion })
        : format(invalidSuppression.messages.unknown, { id: u.id }),
      fixes: suggestion ? [{ title: `Change to '${suggestion}'`, safe: false, edits: [{ start: u.start, end: u.end, text: suggestion }] }] : [],
    });
  }
}

export const invalidSuppression: Rule = {
  id: 'invalid-suppression',
  defaultSeverity: 'warning',
  docs: { summary: 'A suppression comment names a rule id that does not exist, so it suppresses nothing.' },
  messages: {
    unknown: "Unknown rule id '{id}' in suppression comment: it suppresses nothing. Run `o11y-lint rules` for the list.",
    unknownWithSuggestion: "Unknown rule id '{id}' in suppression comment: it suppresses nothing. Did you mean '{suggestion}'?",
  },
  hasFix: true,
  roles: EVERY_ROLE,
  python: (ctx) => (ctx.suppressions.unknown.length ? { module: () => reportUnknown(ctx) } : {}),
  js: (ctx) => (ctx.suppressions.unknown.length ? { [ts.SyntaxKind.SourceFile]: () => reportUnknown(ctx) } : {}),
};
