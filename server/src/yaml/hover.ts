/**
 * Hover for rule and SLO files: error budget on SLO objectives, durations in words, the
 * metrics and functions of a PromQL expression. Returns markdown and the hovered span.
 */
import { isMap, isPair, isScalar, isSeq, type Node as YNode, type Pair } from 'yaml';
import { durationInWords, formatDuration, parseDuration } from './duration';
import { get, mapsIn, parseYamlFile, str, type YamlDoc } from './model';
import { parseScalarQuery } from './promql';
import { PROMQL_FUNCTIONS } from './promqlFunctions';

export interface HoverResult { markdown: string; start: number; end: number }

const DAY = 86400e3;
const DURATION_MEANING: Record<string, string> = {
  for: 'The alert stays *pending* until the expression has been true for this long on every evaluation; only then does it fire.',
  keep_firing_for: 'After the condition clears, the alert keeps firing this long (damps flapping).',
  interval: 'How often the rules of this group are evaluated.',
  query_offset: 'Rules of this group query data this far in the past (for late-arriving samples).',
};

/** The innermost pair whose key or scalar value contains `offset`, with its parent chain. */
function pairAt(node: unknown, offset: number, parents: Pair[] = []): { pair: Pair; parents: Pair[] } | undefined {
  const items = isMap(node) ? node.items : isSeq(node) ? node.items : [];
  for (const item of items) {
    if (isPair(item)) {
      const k = (item.key as YNode | null)?.range;
      const v = (item.value as YNode | null)?.range;
      if (isMap(item.value) || isSeq(item.value)) {
        const inner = pairAt(item.value, offset, [...parents, item]);
        if (inner) return inner;
      }
      if ((k && offset >= k[0] && offset <= k[1]) || (v && isScalar(item.value) && offset >= v[0] && offset <= v[1])) return { pair: item, parents };
    } else {
      const inner = pairAt(item, offset, parents);
      if (inner) return inner;
    }
  }
  return undefined;
}

function budget(doc: YamlDoc, objective: number, percent: boolean): string {
  const ratio = percent ? objective / 100 : objective;
  let windowMs = 30 * DAY;
  let source = 'Sloth\'s default 30d window';
  if (doc.kind === 'pyrra') {
    const w = parseDuration(str(get(get(doc.root, 'spec'), 'window')) ?? '');
    if (w) { windowMs = w; source = 'spec.window'; }
  } else if (doc.kind === 'openslo') {
    const tw = mapsIn(get(get(doc.root, 'spec'), 'timeWindow'))[0];
    const d = str(get(tw, 'duration'));
    const m = d && /^(\d+)([mhdw])$/.exec(d);
    if (m) { windowMs = Number(m[1]) * { m: 60e3, h: 3600e3, d: DAY, w: 7 * DAY }[m[2] as 'm' | 'h' | 'd' | 'w']; source = 'spec.timeWindow'; }
  }
  if (!(ratio > 0 && ratio < 1)) return `**Objective ${objective}${percent ? ' %' : ''}** leaves no usable error budget.`;
  const budgetMs = (1 - ratio) * windowMs;
  return [
    `**Objective ${percent ? `${objective} %` : objective}** over ${formatDuration(windowMs)} (${source})`,
    '',
    `- Error budget: **${formatDuration(budgetMs)}** of full downtime (${((1 - ratio) * 100).toPrecision(3)} % of requests may fail)`,
    `- Exhausted in **${formatDuration(windowMs / 14.4)}** at a 14.4× burn rate (page: 2 % of budget in 1 h)`,
    `- Exhausted in **${formatDuration(windowMs / 6)}** at a 6× burn rate (page: 5 % of budget in 6 h)`,
  ].join('\n');
}

export function yamlHover(text: string, offset: number): HoverResult | undefined {
  for (const doc of parseYamlFile(text).docs) {
    const hit = pairAt(doc.root, offset);
    if (!hit) continue;
    const key = str(hit.pair.key) ?? '';
    const value = hit.pair.value as YNode | null;
    const range = (value?.range ?? (hit.pair.key as YNode).range)!;
    const span = { start: range[0], end: range[1] };
    const numeric = Number(str(value));
    if (key === 'objective' && doc.kind === 'sloth' && !Number.isNaN(numeric)) return { markdown: budget(doc, numeric, true), ...span };
    if (key === 'target' && doc.kind === 'pyrra' && !Number.isNaN(numeric)) return { markdown: budget(doc, numeric, true), ...span };
    if ((key === 'target' || key === 'targetPercent') && doc.kind === 'openslo' && !Number.isNaN(numeric)) return { markdown: budget(doc, numeric, key === 'targetPercent'), ...span };
    if (key in DURATION_MEANING && isScalar(value)) {
      const ms = parseDuration(str(value) ?? '');
      const words = ms === undefined ? 'not a valid Prometheus duration' : durationInWords(ms);
      return { markdown: `**${key}: ${str(value)}** = ${words}\n\n${DURATION_MEANING[key]}`, ...span };
    }
    if (isScalar(value) && typeof value.value === 'string' && ['expr', 'error_query', 'total_query', 'error_ratio_query', 'query', 'metric'].includes(key)) {
      return promqlHover(text, value, value.value, span, offset);
    }
  }
  return undefined;
}

function promqlHover(text: string, node: YNode, query: string, span: { start: number; end: number }, offset: number): HoverResult {
  const { info, toSource } = parseScalarQuery(text, node, query);
  for (const f of info.functions) {
    const start = toSource(f.from);
    if (offset >= start && offset < start + f.name.length && PROMQL_FUNCTIONS[f.name]) {
      return { markdown: `**${f.name}()**: ${PROMQL_FUNCTIONS[f.name]}`, start, end: start + f.name.length };
    }
  }
  const metrics = [...new Set(info.metrics.map((m) => m.name))];
  return { markdown: metrics.length ? `**Metrics used:** ${metrics.map((m) => `\`${m}\``).join(', ')}` : 'No metric selectors in this expression.', ...span };
}
