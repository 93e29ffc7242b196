import type { Rule } from '../analysis/rule';
import { validateDocument } from '../yaml/schema';
import { EVERY_ROLE } from '../analysis/project/roles';

export const yamlSchema: Rule = {
  id: 'yaml-schema',
  defaultSeverity: 'error',
  docs: { summary: 'A Prometheus rule file or SLO document (OpenSLO, Sloth, Pyrra) breaks its schema: unknown or misspelt keys, missing keys, wrong types; or is not valid YAML.' },
  messages: {
    syntax: 'YAML syntax error: {message}',
    notSlo: 'This file matches o11yLint.sloFiles but this document is no SLO format o11y-lint knows: expected OpenSLO (`apiVersion: openslo/v1`), Sloth (`version: "prometheus/v1"` with `slos:`, or a PrometheusServiceLevel) or Pyrra (`pyrra.dev/v1alpha1` ServiceLevelObjective).',
  },
  hasFix: false,
  roles: EVERY_ROLE,
  yaml(ctx) {
    for (const e of ctx.file.syntaxErrors) ctx.report({ start: e.start, end: e.end, message: yamlSchema.messages.syntax.replace('{message}', e.message) });
    for (const doc of ctx.file.docs) for (const p of validateDocument(doc)) ctx.report(p);
    for (const u of ctx.file.unrecognised) ctx.report({ ...u, message: yamlSchema.messages.notSlo });
  },
};
