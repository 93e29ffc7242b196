import { format, type Rule } from '../analysis/rule';
import { checkedDocs, MAX_ALIAS_NODES } from '../yaml/model';
import { ruleFileProblems, validateDocument } from '../yaml/schema';
import { EVERY_ROLE } from '../analysis/project/roles';

export const yamlSchema: Rule = {
  id: 'yaml-schema',
  defaultSeverity: 'error',
  docs: { summary: 'A Prometheus rule file or SLO document (OpenSLO, Sloth, Pyrra) breaks its schema: unknown or misspelt keys, missing keys, wrong types, keys written twice, fields Prometheus refuses on recording rules; or is not valid YAML.' },
  messages: {
    syntax: 'YAML syntax error: {message}',
    notSlo: 'This file matches o11yLint.sloFiles but this document is no SLO format o11y-lint knows: expected OpenSLO (`apiVersion: openslo/v1`), Sloth (`version: "prometheus/v1"` with `slos:`, or a PrometheusServiceLevel) or Pyrra (`pyrra.dev/v1alpha1` ServiceLevelObjective).',
    duplicateKey: 'Key `{key}` is already set on line {line} of this map: Prometheus\' YAML decoder rejects a file with a key written twice ("mapping key already defined"), and other tools silently keep one of the values.',
    aliases: 'The YAML aliases of this document expand to more than {limit} nodes (a "billion laughs" pattern): it is not analysed. Prometheus\' YAML decoder rejects such documents too ("excessive aliasing").',
    recordingField: '`{key}` is not allowed on a recording rule: Prometheus rejects the file ("invalid field \'{key}\' in recording rule"). Move it to an alerting rule or remove it.',
    duplicateGroup: 'Group name `{name}` is already used on line {line}: Prometheus rejects the file ("groupname is repeated in the same file").',
  },
  hasFix: false,
  roles: EVERY_ROLE,
  yaml(ctx) {
    const m = yamlSchema.messages;
    const line = (offset: number) => ctx.lines.positionAt(offset).line + 1;
    for (const e of ctx.file.syntaxErrors) ctx.report({ start: e.start, end: e.end, message: format(m.syntax, { message: e.message }) });
    for (const b of ctx.file.aliasBombs) ctx.report({ ...b, message: format(m.aliases, { limit: MAX_ALIAS_NODES.toLocaleString('en-US') }) });
    for (const d of ctx.file.duplicateKeys) ctx.report({ start: d.start, end: d.end, message: format(m.duplicateKey, { key: d.key, line: line(d.first) }) });
    for (const doc of checkedDocs(ctx.file)) {
      for (const p of validateDocument(doc)) ctx.report(p);
      for (const p of ruleFileProblems(doc)) ctx.report({ start: p.start, end: p.end, message: format(m[p.code], { ...p.params, line: line(Number(p.params.first ?? 0)) }) });
    }
    for (const u of ctx.file.unrecognised) ctx.report({ ...u, message: m.notSlo });
  },
};
