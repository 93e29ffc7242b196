/** PromQL through the Prometheus project's own grammar (`@prometheus-io/lezer-promql`). */
// The package is ESM-typed but ships a CommonJS build, which is what `require` loads here.
type LezerPromql = typeof import('@prometheus-io/lezer-promql', { with: { 'resolution-mode': 'import' } });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parser } = require('@prometheus-io/lezer-promql') as LezerPromql;
import { checkPromql, type PromqlProblem } from './promqlCheck';

export interface Span { name: string; from: number; to: number }
export interface GroupingSpan extends Span { /** by, without, on, ignoring, group_left, group_right */ modifier: string }

export interface PromqlInfo {
  /** Parse errors as offsets into the query (`from === to` means "something is missing here"). */
  errors: { from: number; to: number }[];
  /** Metric names of vector selectors. */
  metrics: Span[];
  /** Label names in `by (...)` / `without (...)`. */
  groupingLabels: GroupingSpan[];
  /** Function names called. */
  functions: Span[];
  /** What Prometheus' parser rejects after the grammar (types, argument counts…); only checked when there is no syntax error. */
  problems: PromqlProblem[];
}

/**
 * Rewrites, at the same length, what Prometheus' lexer accepts and the lezer grammar does not:
 * a number with a trailing dot (`1.`, `2./6.` → `10`, `20/60`: the value does not matter to the
 * checks) and `offset` as a metric name (`offset{job="x"}`: Prometheus' `metric_identifier`
 * includes the keyword). Strings and comments are left alone.
 */
export function normaliseQuery(query: string): string {
  if (!/offset|\d\.(?![\d.])/.test(query)) return query; // the usual query: nothing to rewrite
  let out = '';
  let i = 0;
  let prev = '';
  while (i < query.length) {
    const c = query[i];
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < query.length && query[j] !== c) j += c !== '`' && query[j] === '\\' ? 2 : 1;
      out += query.slice(i, j + 1);
      i = j + 1;
      prev = c;
      continue;
    }
    if (c === '#') {
      const end = query.indexOf('\n', i);
      const j = end < 0 ? query.length : end;
      out += query.slice(i, j);
      i = j;
      continue;
    }
    const word = /^[A-Za-z_:][\w:]*/.exec(query.slice(i, i + 256));
    if (word) {
      const next = /^\s*(\S?)/.exec(query.slice(i + word[0].length))![1];
      const metricPosition = prev === '' || '(,+-*/%^=<>!~'.includes(prev) || next === '{';
      out += word[0] === 'offset' && metricPosition ? '_ffset' : word[0];
      i += word[0].length;
      prev = 'a';
      continue;
    }
    const number = /^\d+\.(?![\d.])/.exec(query.slice(i, i + 64));
    if (number && !/[\w.]/.test(query[i - 1] ?? '')) {
      out += number[0].slice(0, -1) + '0';
      i += number[0].length;
      prev = '0';
      continue;
    }
    out += c;
    if (!/\s/.test(c)) prev = c;
    i++;
  }
  return out;
}

/** Parses a query; Sloth's `{{.window}}` must already be substituted (see `substituteTemplates`). */
export function parsePromql(query: string): PromqlInfo {
  const info: PromqlInfo = { errors: [], metrics: [], groupingLabels: [], functions: [], problems: [] };
  if (!query.trim()) {
    info.errors.push({ from: 0, to: 0 });
    return info;
  }
  // Names are read from the query as written: the normalised text only differs where lezer needs it.
  const tree = parser.parse(normaliseQuery(query));
  tree.iterate({
    enter(n) {
      if (n.type.isError) info.errors.push({ from: n.from, to: n.to });
      const parent = n.node.parent?.name;
      if (n.name === 'Identifier' && parent === 'VectorSelector') info.metrics.push({ name: query.slice(n.from, n.to), from: n.from, to: n.to });
      else if (n.name === 'LabelName' && parent === 'GroupingLabels') {
        const clause = n.node.parent?.parent;
        const modifier = clause ? (/^\s*(by|without|on|ignoring|group_left|group_right)/i.exec(query.slice(clause.from, clause.to))?.[1] ?? '').toLowerCase() : '';
        info.groupingLabels.push({ name: query.slice(n.from, n.to), from: n.from, to: n.to, modifier });
      }
      else if (n.name === 'FunctionIdentifier' || n.name === 'AggregateOp') info.functions.push({ name: query.slice(n.from, n.to), from: n.from, to: n.to });
    },
  });
  // The same lezer tree, seen through @lezer/common's CommonJS typings (those codemirror-promql's are written against).
  if (info.errors.length === 0) info.problems = checkPromql(tree as unknown as Parameters<typeof checkPromql>[0], query);
  return info;
}

/**
 * Replaces Go-template placeholders such as Sloth's `{{.window}}` with a duration so the
 * query parses, and returns a function mapping offsets back to the original string.
 */
export function substituteTemplates(query: string): { text: string; toOriginal: (offset: number) => number } {
  const shifts: { at: number; delta: number }[] = [];
  let text = '';
  let last = 0;
  for (const m of query.matchAll(/\{\{\s*\.?\w+\s*\}\}/g)) {
    text += query.slice(last, m.index) + '5m';
    shifts.push({ at: text.length, delta: m[0].length - 2 });
    last = m.index! + m[0].length;
  }
  text += query.slice(last);
  return {
    text,
    toOriginal: (offset) => offset + shifts.filter((s) => s.at <= offset).reduce((sum, s) => sum + s.delta, 0),
  };
}

/**
 * Maps each character of a YAML scalar's value to its offset in the source, for plain,
 * quoted and block scalars: the value's characters are aligned greedily with the source
 * text of the node, skipping quotes, escapes, indentation and folded line breaks.
 */
export function valueToSource(source: string, nodeStart: number, nodeEnd: number, value: string): (offset: number) => number {
  const positions: number[] = [];
  const headerEnd = /^[|>]/.test(source.slice(nodeStart, nodeStart + 1)) ? source.indexOf('\n', nodeStart) + 1 || nodeStart : nodeStart;
  let s = headerEnd;
  for (let i = 0; i < value.length; i++) {
    let k = s;
    while (k < nodeEnd && source[k] !== value[i]) k++;
    if (k >= nodeEnd) { positions.push(Math.min(s, nodeEnd)); continue; }
    positions.push(k);
    s = k + 1;
  }
  return (offset) => (offset < positions.length ? positions[offset] : offset === 0 ? headerEnd : (positions[positions.length - 1] ?? headerEnd) + 1);
}

export interface ScalarQuery {
  info: PromqlInfo;
  /** The query as parsed (templates substituted). */
  substituted: string;
  /** Offset in the substituted query → offset in the original value. */
  toOriginal: (offset: number) => number;
  /** Offset in the original value → offset in the source text. */
  originalToSource: (offset: number) => number;
  /** Offset in the substituted query → offset in the source text. */
  toSource: (offset: number) => number;
}

/** One parse per scalar node: several rules read the same `expr` within one analysis. */
const parsed = new WeakMap<object, ScalarQuery>();

/** A PromQL-bearing scalar parsed once, with offsets into the query mapped back to the source text. */
export function parseScalarQuery(source: string, node: { range?: [number, number, number] | null }, query: string): ScalarQuery {
  const cached = parsed.get(node);
  if (cached) return cached;
  const { text, toOriginal } = substituteTemplates(query);
  const start = node.range?.[0] ?? 0;
  const originalToSource = valueToSource(source, start, node.range?.[1] ?? start, query);
  const result = { info: parsePromql(text), substituted: text, toOriginal, originalToSource, toSource: (offset: number) => originalToSource(toOriginal(offset)) };
  parsed.set(node, result);
  return result;
}

/**
 * LogQL (Loki ruler files share the `groups:` layout): a stream selector followed by a
 * line filter or parser stage. Such expressions are not PromQL and are not checked as such.
 */
export function isLogQL(query: string): boolean {
  return /\}\s*(\|=|!=|\|~|!~|\|\s*(json|logfmt|pattern|regexp|unpack|line_format|label_format|drop|keep|decolorize|unwrap)\b)/.test(query);
}
