/** The shape every rule module has, and the context it is given. See ARCHITECTURE.md. */
import type * as ts from 'typescript';
import type { Node as PyNode, Tree } from 'web-tree-sitter';
import type { Settings } from './settings';
import type { LineIndex } from './text';
import type { Lang, OffsetFix, Severity } from './types';
import type { PyFacts } from './python/facts';
import type { JsFacts } from './js/facts';
import type { Suppressions } from './suppressions';
import type { YamlFile } from '../yaml/model';
import type { FileRole, ProjectView } from './project/view';

/** What a rule reports: offsets into the text; the engine turns them into ranges. */
export interface Report {
  start: number;
  end: number;
  message: string;
  /** For rules whose findings differ in severity (secrets vs PII); a configured severity wins. */
  severity?: Severity;
  fixes?: OffsetFix[];
  /** The key in `messages` of the check that made this report; needed when that check is in `previewChecks`. */
  check?: string;
}

export interface FileContext {
  readonly text: string;
  /** Path as given (may be empty for untitled documents); use for glob checks. */
  readonly filename: string;
  readonly settings: Settings;
  readonly lines: LineIndex;
  readonly eol: string;
  /** The file's role (project/view.ts), decided once for every rule. */
  readonly role: FileRole;
  /** The project as this file sees it; undefined when the file is analyzed alone. */
  readonly project?: ProjectView;
  /** Parsed before rules run; `invalid-suppression` reports its unknown ids. */
  readonly suppressions: Suppressions;
  report(report: Report): void;
  /** True when the file matches one of the globs (relative to the project root). */
  matchesGlobs(globs: readonly string[]): boolean;
}

export interface PyContext extends FileContext {
  readonly tree: Tree;
  /** Imports, logger bindings and aliases of this file, computed once on first use. */
  readonly facts: PyFacts;
}

export interface JsContext extends FileContext {
  readonly sourceFile: ts.SourceFile;
  readonly facts: JsFacts;
}

export interface YamlContext extends FileContext {
  /** The recognised rule/SLO documents of the file (others are ignored). */
  readonly file: YamlFile;
  /** Metric names the workspace's code registers, when known (CLI run, editor workspace scan). */
  readonly workspaceMetrics?: { names: string[]; prefixes: string[] };
}

/** Called for every node of that tree-sitter type (e.g. `call`), in document order. */
export type PyListeners = Partial<Record<string, (node: PyNode) => void>>;
/** Called for every node of that syntax kind, in document order. */
export type JsListeners = Partial<Record<ts.SyntaxKind, (node: ts.Node) => void>>;

/**
 * One rule = one module exporting this. `python`/`js` build listeners for one file; the
 * engine walks the tree once and calls every rule's listeners. Rules never import an editor.
 */
export interface Rule {
  id: string;
  defaultSeverity: Severity;
  docs: { summary: string };
  /** Every user-facing string of the rule; `{name}` placeholders are filled by `format`. */
  messages: Record<string, string>;
  /** Whether some finding of this rule carries a fix. */
  hasFix: boolean;
  /**
   * Preview tier (reviewed precision on application code below 95 %, docs/precision.md): off
   * unless `preview` is on, or the rule is given a severity in `rules`.
   */
  preview?: boolean;
  /** Checks (keys of `messages`) in the preview tier: their reports (`Report.check`) are dropped unless `preview` is on. */
  previewChecks?: readonly string[];
  python?: (ctx: PyContext) => PyListeners;
  js?: (ctx: JsContext) => JsListeners;
  /** YAML rules run once per file over its recognised Prometheus rule / SLO documents. */
  yaml?: (ctx: YamlContext) => void;
}

export function ruleLanguages(rule: Rule): Lang[] {
  const langs: Lang[] = [];
  if (rule.python) langs.push('py');
  if (rule.js) langs.push('js');
  if (rule.yaml) langs.push('yaml');
  return langs;
}

/** Fills `{key}` placeholders of a rule message. */
export function format(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}
