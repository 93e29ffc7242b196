/** Shapes shared by the analyzer, the language server and the CLI. No editor imports here. */
import type { RoleDecision } from './project/view';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** The language families rules are written for. */
export type Lang = 'py' | 'js' | 'yaml';

/** 0-based line and UTF-16 character, exactly as LSP counts them. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

/** One fix a rule offers. `safe` fixes go into "fix all" and `--fix`; unsafe ones are offered one at a time. */
export interface Fix {
  title: string;
  safe: boolean;
  isPreferred?: boolean;
  edits: TextEdit[];
}

/** What the analyzer returns for one problem. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
}

/** An edit in offsets (UTF-16 code units) into the analyzed text; rules build these. */
export interface OffsetEdit { start: number; end: number; text: string }
export interface OffsetFix { title: string; safe: boolean; isPreferred?: boolean; edits: OffsetEdit[] }

/** Why a document was not analyzed; shown to the user instead of findings. */
export interface Skip { reason: 'too-large' | 'binary' | 'minified' | 'too-deep' | 'parser-failed' | 'unsupported-language'; message: string }

export interface AnalysisResult {
  findings: Finding[];
  skipped?: Skip;
  /** Set when the analysis used up `analysisWorkBudget`: the findings cover the file up to that point. */
  stoppedEarly?: { message: string };
  /** Units of work the analysis used (see `analysis/work.ts`); the same for the same input on any machine. */
  work?: number;
  /** True when the parser recovered from syntax errors; findings cover the parts that parse. */
  hasSyntaxErrors: boolean;
  /** The file's role and why (project/roles.ts); absent when the file was skipped before its role was known. */
  role?: RoleDecision;
  /** Metric registrations found in the code, when `collectMetrics` was asked for. */
  metrics?: { names: string[]; prefixes: string[] };
  /** Log call sites with their event/message template, when `collectLogEvents` was asked for. */
  logEvents?: { line: number; character: number; text: string; template: boolean }[];
}
