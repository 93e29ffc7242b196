import { ruleTester } from '../../helpers/ruleTester';

const G = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x\n        annotations:\n';

ruleTester('annotation-template', {
  valid: [
    { lang: 'yaml', code: G + '          summary: "{{ $labels.instance }} at {{ $value | humanizePercentage }}"\n' },
    { lang: 'yaml', name: 'printf, .Labels and a declared variable', code: G + '          description: \'{{ $v := printf "%.2f" $value }}{{ $v }} on {{ .Labels.job }}\'\n' },
    { lang: 'yaml', name: 'recording rule labels are not templates', code: 'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: x\n        labels:\n          note: "{{ $nope }}"\n' },
    { lang: 'yaml', name: 'no template at all', code: G + '          summary: plain text\n' },
    { lang: 'yaml', name: 'range changes the dot', code: G + '          summary: "{{ range .Labels }}{{ .Name }}{{ end }}"\n' },
    // Helm charts escape alert templates as raw strings; the rendered file keeps them (text/template prints the raw string).
    { lang: 'yaml', name: 'a Go raw string holding a template (Helm-escaped)', code: G + "          description: '{{`Pod {{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) is restarting`}}'\n" },
    { lang: 'yaml', name: '}} inside a string literal', code: G + '          summary: \'{{ "}}" }} {{ $labels.job }}\'\n' },
  ],
  invalid: [
    { lang: 'yaml', name: 'unknown variable', code: G + '          summary: "{{ $lables.instance }}"\n', errors: [{ range: [7, 24, 7, 31], message: '`$lables`' }] },
    { lang: 'yaml', name: 'unclosed action', code: G + '          summary: "{{ $labels.instance is down"\n', errors: [{ range: [7, 21, 7, 23], message: 'never closed' }] },
    { lang: 'yaml', name: 'unknown field', code: G + '          summary: "{{ .Instance }}"\n', errors: [{ range: [7, 24, 7, 33] }] },
    { lang: 'yaml', name: 'in a block scalar', code: G + '          description: |\n            Value: {{ $valu }}\n', errors: [{ range: [8, 23, 8, 28] }] },
  ],
});
