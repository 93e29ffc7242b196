import { isMap, isScalar } from 'yaml';
import { format, type Rule } from '../analysis/rule';
import { alertsOf, get, rangeOf } from '../yaml/model';
import { valueToSource } from '../yaml/promql';
import { EVERY_ROLE } from '../analysis/project/roles';

const VARIABLES = new Set(['labels', 'value', 'externalLabels', 'externalURL']);
const FIELDS = new Set(['Labels', 'Value', 'ExternalLabels', 'ExternalURL']);

export interface TemplateProblem { from: number; to: number; message: string }

/** Checks Go-template actions in one label/annotation value (Prometheus alert templating). */
export function checkTemplate(value: string, messages: Record<string, string>): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const declared = new Set([...value.matchAll(/\$(\w+)\s*(?:,\s*\$\w+\s*)?:?=/g)].map((m) => m[1]));
  for (const m of value.matchAll(/\$\w+\s*,\s*\$(\w+)\s*:=/g)) declared.add(m[1]);
  const dotChanges = /\{\{-?\s*(range|with|define|template)\b/.test(value);
  for (let open = value.indexOf('{{'); open >= 0; open = value.indexOf('{{', open + 2)) {
    const close = value.indexOf('}}', open + 2);
    if (close < 0) {
      problems.push({ from: open, to: open + 2, message: messages.unclosed });
      break;
    }
    const action = value.slice(open + 2, close);
    const body = action.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`|\/\*[\s\S]*?\*\//g, (s) => ' '.repeat(s.length));
    const depth = [...body].reduce((d, c) => (d < 0 ? d : c === '(' ? d + 1 : c === ')' ? d - 1 : d), 0);
    if (depth !== 0) problems.push({ from: open, to: close + 2, message: messages.parens });
    for (const v of body.matchAll(/\$(\w+)/g)) {
      if (!VARIABLES.has(v[1]) && !declared.has(v[1])) problems.push({ from: open + 2 + v.index!, to: open + 2 + v.index! + v[0].length, message: format(messages.variable, { name: v[0] }) });
    }
    if (dotChanges) continue;
    for (const f of body.matchAll(/(^|[\s(|])\.([A-Za-z_]\w*)/g)) {
      if (FIELDS.has(f[2])) continue;
      const at = open + 2 + f.index! + f[1].length;
      problems.push({ from: at, to: at + f[2].length + 1, message: format(messages.field, { name: `.${f[2]}` }) });
    }
    open = close;
  }
  return problems;
}

export const annotationTemplate: Rule = {
  id: 'annotation-template',
  defaultSeverity: 'error',
  docs: { summary: 'A `{{ }}` template in an alert label or annotation does not parse or uses a variable Prometheus does not provide.' },
  messages: {
    unclosed: 'Template action `{{` is never closed with `}}`: Prometheus fails to expand it.',
    parens: 'Unbalanced parentheses in this template action.',
    variable: '`{name}` is not defined in alert templates: use `$labels`, `$value` or `$externalLabels` (or declare it with `:=`).',
    field: '`{name}` is not available in alert templates: use `.Labels`, `.Value` or `$labels.<name>`.',
  },
  hasFix: false,
  roles: EVERY_ROLE,
  yaml(ctx) {
    // Prometheus expands templates only in alerting rules.
    for (const r of alertsOf(ctx.file)) {
      for (const section of ['labels', 'annotations']) {
        const map = get(r.rule, section);
        if (!isMap(map)) continue;
        for (const pair of map.items) {
          if (!isScalar(pair.value) || typeof pair.value.value !== 'string' || !pair.value.value.includes('{{')) continue;
          const value = pair.value.value;
          const range = rangeOf(pair.value);
          const toSource = valueToSource(ctx.text, range.start, range.end, value);
          for (const p of checkTemplate(value, annotationTemplate.messages)) {
            const start = toSource(p.from);
            ctx.report({ start, end: Math.max(toSource(p.to - 1) + 1, start + 1), message: p.message });
          }
        }
      }
    }
  },
};
