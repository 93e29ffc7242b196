/** Inputs the hardening tests share (issue 16). */

/** `depth` levels of `if` blocks around an f-string: 550 made tree-sitter-python fail with "memory access out of bounds". */
export function deeplyIndentedPython(depth = 550): string {
  let s = '';
  for (let i = 0; i < depth; i++) s += `${' '.repeat(i)}if a:\n`;
  return s + `${' '.repeat(depth)}print(f"{a}")\n`;
}

/** A Prometheus rule file of about `lines` lines: alerts (no runbook, an unknown severity) and recording rules, 10 lines per pair. */
export function ruleFile(lines: number): string {
  let s = 'groups:\n  - name: g\n    rules:\n';
  for (let i = 0; i < Math.floor(lines / 10); i++) {
    s += `      - alert: HighErrors${i}\n        expr: rate(errors_total{job="a"}[5m]) > 1\n        labels:\n          severity: page\n`
      + '        annotations:\n          summary: x\n          description: y\n        for: 1m\n'
      + `      - record: job:errors:rate5m${i}\n        expr: sum by (job) (rate(errors_total[5m]))\n`;
  }
  return s;
}

/**
 * The pathological TypeScript file of issue 16: a suppression comment before every one of `n` fixable findings.
 * Each comment's check scanned the file's top-level statements (quadratic: 12 s for 20,000) before any budget
 * was looked at, and `--fix` spliced the text once per edit (quadratic again, per pass).
 */
export function pathologicalTs(n: number): string {
  let s = 'import pino from "pino";\nconst logger = pino({ name: "svc", timestamp: pino.stdTimeFunctions.isoTime });\n';
  for (let i = 0; i < n; i++) s += `// o11y-lint-disable-next-line log-in-loop\nlogger.info({ password: p${i} }, "login");\n`;
  return s;
}
