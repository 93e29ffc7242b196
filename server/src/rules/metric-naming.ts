import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { jsMetricFullName, jsMetricRegistration } from '../analysis/js/metricLabels';
import { pyMetricFullName, pyMetricRegistration } from '../analysis/python/metricLabels';
import { stringValue } from '../analysis/python/nodes';
import { format, type Report, type Rule } from '../analysis/rule';
import { requote } from '../analysis/fixes/insert';
import { MAINTAINED_CODE } from '../analysis/project/roles';

/** Which client registers the metric: the `_total` rule differs between them. */
type Client = 'prometheus_client' | 'prom-client' | 'otel';

/**
 * One finding per name, listing every problem, at the name literal.
 * Prometheus clients (prometheus_client, prom-client) get the `promtool check metrics` rules.
 * OpenTelemetry instrument names are dotted by convention (`http.server.request.duration`) and
 * the exporter adds unit and `_total` suffixes, so only two checks apply there: the name must be
 * valid for the SDK, and a unit must not be baked into it (OTel has a `unit` option).
 */
export const metricNaming: Rule = {
  id: 'metric-naming',
  defaultSeverity: 'info',
  docs: { summary: 'A metric name that breaks Prometheus naming conventions (snake_case, `_total` counters, `_seconds`, reserved suffixes).' },
  messages: {
    prometheus: 'Metric name `{name}` breaks Prometheus naming: {problems}. Rename it to `{suggestion}`.',
    otel: 'Instrument name `{name}`: {problems}.',
    snakeCase: 'use snake_case (lower-case words joined by `_`)',
    timeUnit: 'measure time in seconds (`_seconds`, not `_{unit}`)',
    reservedSuffix: '`_{suffix}` is reserved for the series of histograms and summaries',
    counterTotal: 'a counter name ends in `_total` (prom-client does not add it)',
    otelUnit: 'keep the unit out of the name: drop `{unit}` and set the instrument\'s `unit` option instead ("s", recording seconds)',
    otelSyntax: 'not a valid OpenTelemetry instrument name (a letter, then letters, digits, `_`, `.`, `-` or `/`; at most 255 characters)',
    rename: 'Rename to `{suggestion}`',
    renameUnit: 'Rename to `{suggestion}` (then record seconds)',
  },
  hasFix: true,
  roles: MAINTAINED_CODE,

  python(ctx) {
    return {
      call(node: Node) {
        const reg = pyMetricRegistration(node, ctx);
        const value = reg?.nameNode && stringValue(reg.nameNode);
        if (!reg || !reg.nameNode || value === undefined) return;
        // What Prometheus sees: a project helper's prefix/suffix and `unit=` included; the fix rewrites only the literal.
        const name = pyMetricFullName(reg, value);
        const report = check(name, reg.lib === 'otel' ? 'otel' : 'prometheus_client', reg.type.toLowerCase());
        if (report) ctx.report(withFix(report, reg.nameNode.startIndex, reg.nameNode.endIndex, reg.nameNode.text, affixes(name, value, reg.namePrefix)));
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    const listener = (node: ts.Node) => {
      const reg = jsMetricRegistration(node, ctx);
      if (!reg?.nameNode || !ts.isStringLiteralLike(reg.nameNode)) return;
      const value = reg.nameNode.text;
      const name = jsMetricFullName(reg, value);
      const report = check(name, reg.lib === 'otel' ? 'otel' : 'prom-client', reg.type.toLowerCase());
      if (report) ctx.report(withFix(report, reg.nameNode.getStart(sf), reg.nameNode.end, reg.nameNode.getText(sf), affixes(name, value, reg.namePrefix)));
    };
    return { [ts.SyntaxKind.NewExpression]: listener, [ts.SyntaxKind.CallExpression]: listener };
  },
};

/** Sub-second time units written into names; `_seconds` is the base unit. */
const TIME_UNITS = new Set(['ms', 'msec', 'msecs', 'millis', 'millisecond', 'milliseconds', 'micros', 'microsecond', 'microseconds', 'usec', 'usecs', 'nanos', 'nanosecond', 'nanoseconds', 'nsec', 'nsecs']);
const RESERVED = /_(count|sum|bucket)$/;
const OTEL_NAME = /^[A-Za-z][A-Za-z0-9_.\-/]{0,254}$/;
const M = metricNaming.messages;

type Finding = Omit<Report, 'start' | 'end'> & { suggestion?: string; unitChanged?: boolean };

/**
 * "Rename to `<suggestion>`" (Prometheus names only; unsafe: dashboards, alerts and recording
 * rules query the old name). When a time unit was renamed the title says the recorded values
 * must be seconds too. The suggestion is plain `[a-z0-9_]`: the literal keeps its quote.
 */
function withFix(f: Finding, start: number, end: number, literal: string, around: Affixes = { prefix: '', suffix: '' }): Report {
  const { suggestion, unitChanged, ...report } = f;
  // A helper's prefix/suffix (or `unit=`) stay: the literal becomes what is left between them.
  const inner = suggestion && suggestion.startsWith(around.prefix) && suggestion.endsWith(around.suffix) ? suggestion.slice(around.prefix.length, suggestion.length - around.suffix.length) : undefined;
  if (!suggestion || !inner) return { ...report, start, end };
  const title = format(unitChanged ? M.renameUnit : M.rename, { suggestion });
  return { ...report, start, end, fixes: [{ title, safe: false, isPreferred: true, edits: [{ start, end, text: requote(literal, inner) }] }] };
}

interface Affixes { prefix: string; suffix: string }

/** The text around the literal's value in the full name (`prefix + value + suffix`). */
function affixes(full: string, value: string, prefix = ''): Affixes {
  return { prefix, suffix: full.slice(prefix.length + value.length) };
}

function check(name: string, client: Client, type: string): Finding | undefined {
  if (!name) return undefined;
  return client === 'otel' ? checkOtel(name) : checkPrometheus(name, client, type);
}

function checkPrometheus(name: string, client: Client, type: string): Finding | undefined {
  const problems: string[] = [];
  let suggestion = name;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    problems.push(M.snakeCase);
    suggestion = snakeCase(name);
  }
  const words = suggestion.split('_');
  const unit = words.find((w) => TIME_UNITS.has(w));
  if (unit) {
    problems.push(format(M.timeUnit, { unit }));
    suggestion = words.map((w) => (TIME_UNITS.has(w) ? 'seconds' : w)).filter((w, i, all) => w !== 'seconds' || all.indexOf('seconds') === i).join('_');
  }
  const reserved = RESERVED.exec(suggestion);
  if (reserved) {
    problems.push(format(M.reservedSuffix, { suffix: reserved[1] }));
    suggestion = suggestion.slice(0, reserved.index);
  }
  if (client === 'prom-client' && type === 'counter' && !suggestion.endsWith('_total')) {
    problems.push(M.counterTotal);
    suggestion = `${suggestion}_total`;
  }
  if (problems.length === 0) return undefined;
  const valid = /^[a-z_][a-z0-9_]*$/.test(suggestion) && suggestion !== name;
  return { message: format(M.prometheus, { name, problems: problems.join('; '), suggestion }), suggestion: valid ? suggestion : undefined, unitChanged: !!unit };
}

function checkOtel(name: string): Omit<Report, 'start' | 'end'> | undefined {
  const problems: string[] = [];
  if (!OTEL_NAME.test(name)) problems.push(M.otelSyntax);
  const parts = name.split(/([._\-/])/);
  for (let i = 0; i < parts.length; i += 2) {
    if (TIME_UNITS.has(parts[i].toLowerCase())) {
      problems.push(format(M.otelUnit, { unit: i > 0 ? parts[i - 1] + parts[i] : parts[i] }));
      break;
    }
  }
  if (problems.length === 0) return undefined;
  return { message: format(M.otel, { name, problems: problems.join('; ') }) };
}

/** `httpRequestsTotal` → `http_requests_total`, `http.requests` → `http_requests`, `HTTPErrors` → `http_errors`. */
function snakeCase(name: string): string {
  const s = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/_$/, '')
    .toLowerCase();
  return /^[0-9]/.test(s) ? `_${s}` : s;
}
