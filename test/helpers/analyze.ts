import { mergeSettings } from '../../server/src/analysis/config';
import { analyze, initAnalyzer } from '../../server/src/analysis/engine';
import type { Settings } from '../../server/src/analysis/settings';
import type { AnalysisResult } from '../../server/src/analysis/types';

export type TestLang = 'py' | 'ts' | 'js' | 'tsx' | 'yaml';
const LANGUAGE_ID: Record<TestLang, string> = { py: 'python', ts: 'typescript', js: 'javascript', tsx: 'typescriptreact', yaml: 'yaml' };

export interface RunOptions {
  filename?: string;
  settings?: Record<string, unknown>;
  only?: string[];
  /** Metric names "the rest of the workspace" registers (for YAML cross-checks). */
  workspaceMetrics?: { names: string[]; prefixes: string[] };
  collectMetrics?: boolean;
  collectLogEvents?: boolean;
}

export { initAnalyzer };

/**
 * Analyzes a snippet as a file of the given language (default file name src/app.<ext>).
 * Preview rules and checks are on (`preview: true`): rule tests test a rule as it works when it
 * runs; whether it runs by default is test/unit/preview.test.ts's business.
 */
export function run(code: string, lang: TestLang, options: RunOptions = {}): AnalysisResult {
  const settings: Settings = mergeSettings({ preview: true }, options.settings ?? {});
  return analyze({
    text: code,
    languageId: LANGUAGE_ID[lang],
    filename: options.filename ?? `src/app.${lang}`,
    settings,
    only: options.only ? new Set(options.only) : undefined,
    workspaceMetrics: options.workspaceMetrics,
    collectMetrics: options.collectMetrics,
    collectLogEvents: options.collectLogEvents,
    onRuleError: (rule, error) => { throw new Error(`rule ${rule} threw: ${(error as Error).stack}`); },
  });
}

/** Strips the common indentation of a template literal so snippets can be indented in tests. */
export function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').replace(/\n\s*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
