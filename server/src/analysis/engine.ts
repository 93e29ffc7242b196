/**
 * Parse once, walk once, run every enabled rule's listeners on the same tree.
 * Text in, findings out: no editor, no file system.
 */
import ts = require('typescript');
import type { Node as PyNode, Tree } from 'web-tree-sitter';
import { isJsFactNode, JsFacts } from './js/facts';
import { preorder } from './js/nodes';
import { jsHasSyntaxErrors, parseJs } from './js/parser';
import { langOf } from './languages';
import { matchesAny, relativeForGlobs } from './globs';
import { FACT_NODE_TYPES, PyFacts } from './python/facts';
import { initPythonParser, parsePython } from './python/parser';
import { RULES, RULE_IDS } from './registry';
import type { FileContext, JsContext, JsListeners, PyContext, PyListeners, Report, Rule, YamlContext } from './rule';
import { parseYamlFile } from '../yaml/model';
import { jsMetric, pythonMetric, type MetricNames } from './metrics';
import { jsLogEvent, pythonLogEvent, type LogEventSite } from './logEvents';
import type { Settings } from './settings';
import { parseJsSuppressions, parsePythonSuppressions, type Suppressions } from './suppressions';
import { LineIndex, detectEol } from './text';
import type { ParseCache } from './parseCache';
import type { AnalysisResult, Finding, Lang, OffsetFix, Severity, Skip } from './types';
import type { ProjectView } from './project/view';

export interface AnalyzeInput {
  text: string;
  /** LSP language id: python, javascript, javascriptreact, typescript, typescriptreact. */
  languageId: string;
  /** Absolute or relative path; empty for untitled documents. */
  filename: string;
  settings: Settings;
  /** Folder globs are relative to (config file folder, workspace folder or cwd). */
  root?: string;
  /** The rules to run: the registry unless a test passes its own. */
  rules?: readonly Rule[];
  /** Restrict to these rule ids (CLI `--select`), before `settings.rules` is applied. */
  only?: ReadonlySet<string>;
  /** Keeps the previous parse of this document so an edit re-parses incrementally (language server). */
  cache?: ParseCache;
  /** Also collect the metric names the code registers (for `metric-not-emitted` across files). */
  collectMetrics?: boolean;
  /** Also collect each log call's event/message template (to link running logs back to code). */
  collectLogEvents?: boolean;
  /** Metric names the rest of the workspace registers; YAML checks compare expressions against them. */
  workspaceMetrics?: MetricNames;
  /** Told when a rule throws; the other rules still run. */
  onRuleError?: (rule: string, error: unknown) => void;
  /** The clock `settings.analysisTimeBudgetMs` is measured on, in ms (tests inject one). */
  now?: () => number;
  /** The project as this file sees it (role, the project's own modules' exports); absent for a file alone. */
  project?: ProjectView;
}

/** Loads the parsers (the Python grammar is WebAssembly). Call once before `analyze`. */
export async function initAnalyzer(): Promise<void> {
  await initPythonParser();
}

export function analyze(input: AnalyzeInput): AnalysisResult {
  try {
    return analyzeText(input);
  } catch (error) {
    // Pathologically deep nesting (thousands of brackets) exhausts the parsers' recursion:
    // say so instead of failing the whole run or the language server's request.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return { findings: [], skipped: { reason: 'too-deep', message: 'Skipped: the code is nested too deeply to analyze (the parser ran out of stack).' }, hasSyntaxErrors: false };
    }
    throw error;
  }
}

function analyzeText(input: AnalyzeInput): AnalysisResult {
  const lang = langOf(input.languageId);
  const skipped = lang ? skipReason(input, lang) : unsupported(input.languageId);
  // Most YAML files are not ours (manifests, CI configs): never show them a skip message.
  if (skipped) return { findings: [], skipped: lang === 'yaml' ? undefined : skipped, hasSyntaxErrors: false };
  const rules = enabledRules(input, lang as Lang);
  const overBudget = budgetCheck(input);
  let stopped = false;
  const lines = new LineIndex(input.text);
  const reports: { rule: Rule; report: Report }[] = [];
  const base = {
    text: input.text,
    filename: input.filename,
    settings: input.settings,
    lines,
    eol: detectEol(input.text),
    role: input.project?.role?.role ?? 'service',
    project: input.project,
    matchesGlobs: (globs: readonly string[]) => matchesAny(relativeForGlobs(input.filename, input.root), globs),
  };
  let suppressions: Suppressions;
  let hasSyntaxErrors: boolean;
  const metrics: MetricNames | undefined = input.collectMetrics ? { names: [], prefixes: [] } : undefined;
  const logEvents: LogEventSite[] | undefined = input.collectLogEvents ? [] : undefined;
  if (lang === 'yaml') {
    const forced = base.matchesGlobs(input.settings.alertFiles) ? 'prometheus-rules' as const : base.matchesGlobs(input.settings.sloFiles) ? 'slo' as const : undefined;
    const file = parseYamlFile(input.text, forced);
    if (file.docs.length === 0 && file.unrecognised.length === 0) return { findings: [], hasSyntaxErrors: false };
    suppressions = parsePythonSuppressions(input.text, lines, RULE_IDS, (o) => isYamlComment(input.text, o));
    hasSyntaxErrors = file.syntaxErrors.length > 0;
    for (const rule of rules) {
      if ((stopped = overBudget())) break;
      const ctx: YamlContext = { ...base, file, suppressions, workspaceMetrics: input.workspaceMetrics, report: (report) => reports.push({ rule, report }) };
      try { rule.yaml!(ctx); } catch (error) { input.onRuleError?.(rule.id, error); }
    }
  } else if (lang === 'py') {
    const tree = input.cache ? input.cache.python(input.text) : parsePython(input.text);
    suppressions = parsePythonSuppressions(input.text, lines, RULE_IDS, (o) => tree.rootNode.descendantForIndex(o)?.type === 'comment');
    hasSyntaxErrors = tree.rootNode.hasError;
    stopped = runPython(tree, [...rules, ...pyCollectors(metrics, logEvents)], base, suppressions, reports, overBudget, input.onRuleError);
    if (!input.cache) tree.delete();
  } else {
    const sf = input.cache ? input.cache.js(input.text, input.languageId, input.filename) : parseJs(input.text, input.languageId, input.filename);
    suppressions = parseJsSuppressions(input.text, lines, RULE_IDS, (o) => isJsComment(sf, o));
    hasSyntaxErrors = jsHasSyntaxErrors(sf);
    stopped = runJs(sf, [...rules, ...jsCollectors(metrics, logEvents)], base, suppressions, reports, overBudget, input.onRuleError);
  }
  const findings: Finding[] = [];
  for (const { rule, report } of reports) {
    if (!input.settings.preview && report.check && rule.previewChecks?.includes(report.check)) continue;
    const range = lines.range(report.start, report.end);
    if (suppressions.isSuppressed(rule.id, range.start.line)) continue;
    findings.push({
      rule: rule.id,
      severity: severityOf(rule, report, input.settings),
      message: report.message,
      range,
      fixes: (report.fixes ?? []).map((f) => toFix(f, lines)),
    });
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule));
  const stoppedEarly = stopped ? { message: stoppedEarlyMessage(input.settings.analysisTimeBudgetMs) } : undefined;
  return { findings, hasSyntaxErrors, ...(stoppedEarly ? { stoppedEarly } : {}), ...(metrics ? { metrics } : {}), ...(logEvents ? { logEvents } : {}) };
}

/** How often the node loops look at the clock (a power of two). */
const CLOCK_EVERY = 32;

/** True once the analysis has used up `analysisTimeBudgetMs` (parsing included). */
function budgetCheck(input: AnalyzeInput): () => boolean {
  const now = input.now ?? (() => performance.now());
  const deadline = now() + input.settings.analysisTimeBudgetMs;
  return () => now() > deadline;
}

export function stoppedEarlyMessage(budgetMs: number): string {
  return `Analysis stopped early: it took longer than o11yLint.analysisTimeBudgetMs (${budgetMs} ms). Findings after this point are not shown; raise the setting to analyze the whole file.`;
}

/** Pseudo-rules that only collect (metric registrations, log event sites) during the same walk. */
function collector(python?: Rule['python'], js?: Rule['js']): Rule {
  return { id: '(collect)', defaultSeverity: 'info', docs: { summary: '' }, messages: {}, hasFix: false, python, js };
}

function pyCollectors(metrics?: MetricNames, events?: LogEventSite[]): Rule[] {
  if (!metrics && !events) return [];
  return [collector((ctx) => ({
    call: (node) => {
      if (metrics) pythonMetric(node, ctx, metrics);
      if (events) pythonLogEvent(node, ctx.facts, ctx.lines, events);
    },
  }))];
}

function jsCollectors(metrics?: MetricNames, events?: LogEventSite[]): Rule[] {
  if (!metrics && !events) return [];
  return [collector(undefined, (ctx) => ({
    [ts.SyntaxKind.NewExpression]: (node: ts.Node) => { if (metrics) jsMetric(node, ctx, metrics); },
    [ts.SyntaxKind.CallExpression]: (node: ts.Node) => {
      if (metrics) jsMetric(node, ctx, metrics);
      if (events) jsLogEvent(node, ctx.facts, ctx.sourceFile, ctx.lines, events);
    },
  }))];
}

type BaseContext = Omit<FileContext, 'report' | 'suppressions'>;
type Sink = { rule: Rule; report: Report }[];

/** Returns true when it stopped early because `overBudget` said so. */
function runPython(tree: Tree, rules: Rule[], base: BaseContext, suppressions: Suppressions, sink: Sink, overBudget: () => boolean, onError?: AnalyzeInput['onRuleError']): boolean {
  const listeners = new Map<string, ((node: never) => void)[]>();
  let nodes: PyNode[] = [];
  let facts: PyFacts | undefined;
  const factNodes = new Set(FACT_NODE_TYPES);
  for (const rule of rules) {
    const ctx: PyContext = {
      ...base,
      tree,
      suppressions,
      get facts() { return (facts ??= new PyFacts(nodes.filter((n) => factNodes.has(n.type)), base.settings.logger.python)); },
      report: (report) => sink.push({ rule, report }),
    };
    addListeners(listeners, rule, guard(rule, rule.python!(ctx), onError));
  }
  if (listeners.size === 0) return false;
  // One traversal inside WebAssembly (several times faster than a cursor walk driven from JS):
  // every node a listener or the facts need, in document order.
  nodes = tree.rootNode.descendantsOfType([...new Set([...listeners.keys(), ...FACT_NODE_TYPES])]).filter((n): n is PyNode => !!n);
  return dispatch(nodes, (n) => n.type, listeners, overBudget);
}

function runJs(sf: ts.SourceFile, rules: Rule[], base: BaseContext, suppressions: Suppressions, sink: Sink, overBudget: () => boolean, onError?: AnalyzeInput['onRuleError']): boolean {
  // One walk: the nodes rules listen to, and the nodes the facts are built from (on first use).
  const listeners = new Map<number, ((node: never) => void)[]>();
  const visited: ts.Node[] = [];
  const factNodes: ts.Node[] = [];
  let facts: JsFacts | undefined;
  for (const rule of rules) {
    const ctx: JsContext = {
      ...base,
      sourceFile: sf,
      suppressions,
      get facts() { return (facts ??= new JsFacts(factNodes, base.settings.logger.javascript)); },
      report: (report) => sink.push({ rule, report }),
    };
    addListeners(listeners, rule, guard(rule, rule.js!(ctx), onError));
  }
  preorder(sf, (node) => {
    if (listeners.has(node.kind)) visited.push(node);
    if (isJsFactNode(node)) factNodes.push(node);
  });
  return dispatch(visited, (n) => n.kind, listeners, overBudget);
}

/** Hands each node to its listeners in document order, looking at the clock every CLOCK_EVERY nodes. True when it stopped early. */
function dispatch<N, K>(nodes: readonly N[], keyOf: (node: N) => K, listeners: Map<K, ((node: never) => void)[]>, overBudget: () => boolean): boolean {
  for (let i = 0; i < nodes.length; i++) {
    if (i % CLOCK_EVERY === 0 && overBudget()) return true;
    const fns = listeners.get(keyOf(nodes[i]));
    if (fns) for (const fn of fns) fn(nodes[i] as never);
  }
  return false;
}

/** Wraps listeners so a throwing rule is reported and skipped, never fatal. */
function guard<T extends PyListeners | JsListeners>(rule: Rule, listeners: T, onError?: AnalyzeInput['onRuleError']): Map<string | number, (node: never) => void> {
  const out = new Map<string | number, (node: never) => void>();
  let failed = false;
  for (const [key, fn] of Object.entries(listeners) as [string, ((node: never) => void) | undefined][]) {
    if (!fn) continue;
    const k = /^\d+$/.test(key) ? Number(key) : key;
    out.set(k, (node) => {
      if (failed) return;
      try { fn(node); } catch (error) { failed = true; onError?.(rule.id, error); }
    });
  }
  return out;
}

function addListeners<K>(into: Map<K, ((node: never) => void)[]>, _rule: Rule, from: Map<string | number, (node: never) => void>): void {
  for (const [key, fn] of from) {
    const list = into.get(key as K) ?? [];
    list.push(fn);
    into.set(key as K, list);
  }
}

function enabledRules(input: AnalyzeInput, lang: Lang): Rule[] {
  return (input.rules ?? RULES).filter((rule) => {
    if (lang === 'py' ? !rule.python : lang === 'js' ? !rule.js : !rule.yaml) return false;
    if (input.only && !input.only.has(rule.id)) return false;
    return isRuleOn(rule, input.settings);
  });
}

/**
 * Whether a rule runs under these settings: `off` in `rules` turns any rule off; a preview rule
 * runs with `preview` on, or when `rules` gives it a severity (naming it is asking for it).
 */
export function isRuleOn(rule: Rule, settings: Settings): boolean {
  const configured = settings.rules[rule.id];
  if (configured === 'off') return false;
  return !rule.preview || settings.preview || configured !== undefined;
}

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/**
 * A configured severity sets the rule's main findings; milder variants a rule reports
 * (PII vs secrets, lazy format args) stay milder: never above their own level or the setting.
 */
function severityOf(rule: Rule, report: Report, settings: Settings): Severity {
  const configured = settings.rules[rule.id];
  if (!configured || configured === 'off') return report.severity ?? rule.defaultSeverity;
  if (!report.severity) return configured;
  return RANK[report.severity] < RANK[configured] ? report.severity : configured;
}

function toFix(fix: OffsetFix, lines: LineIndex) {
  return {
    title: fix.title,
    safe: fix.safe,
    ...(fix.isPreferred ? { isPreferred: true } : {}),
    edits: fix.edits.map((e) => ({ range: lines.range(e.start, e.end), newText: e.text })),
  };
}

function unsupported(languageId: string): Skip {
  return { reason: 'unsupported-language', message: `o11y-lint does not analyze '${languageId}' documents.` };
}

/** A `#` that starts a YAML comment: at line start or after a space, outside quotes. */
function isYamlComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (before.length && !/\s$/.test(before)) return false;
  return (before.split('"').length - 1) % 2 === 0 && (before.split("'").length - 1) % 2 === 0;
}

function skipReason(input: AnalyzeInput, lang: Lang): Skip | undefined {
  const { text, settings } = input;
  if (text.length > settings.maxFileSize || (text.length > settings.maxFileSize / 3 && Buffer.byteLength(text) > settings.maxFileSize)) {
    const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
    return { reason: 'too-large', message: `Skipped: the file is ${mb(Buffer.byteLength(text))} MB, over the o11yLint.maxFileSize limit of ${mb(settings.maxFileSize)} MB.` };
  }
  if (text.slice(0, 8192).includes('\u0000')) return { reason: 'binary', message: 'Skipped: the file looks binary (it contains NUL bytes).' };
  if (lang === 'js' && text.length > 20000) {
    const newlines = text.split('\n').length;
    if (text.length / newlines > 1000) return { reason: 'minified', message: 'Skipped: the file looks minified or generated (average line over 1,000 characters).' };
  }
  return undefined;
}

/** Whether `offset` lies in a comment (leading trivia of the token that follows it). */
function isJsComment(sf: ts.SourceFile, offset: number): boolean {
  let node: ts.Node = sf;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (child) => {
      if (!next && child.pos <= offset && offset < child.end) next = child;
    });
    if (!next) break;
    node = next;
  }
  return offset < node.getStart(sf) || node.kind === ts.SyntaxKind.SourceFile || node.kind === ts.SyntaxKind.EndOfFileToken;
}
