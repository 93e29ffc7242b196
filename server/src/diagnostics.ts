/** Findings → LSP diagnostics (and back to the data code actions need). */
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { AnalysisResult, Severity } from './analysis/types';
import { SOURCE, type DiagnosticData } from './protocol';
import { ruleDocsPath } from './ruleDocs';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The rule's docs page shipped with the extension (works offline). */
export function docsUri(ruleId: string): string {
  return pathToFileURL(ruleDocsPath(ruleId)).href;
}

export function toDiagnostics(result: AnalysisResult, version: number): Diagnostic[] {
  if (result.skipped) {
    return [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      code: 'skipped',
      message: result.skipped.message,
    }];
  }
  const diagnostics: Diagnostic[] = result.findings.map((f) => {
    const data: DiagnosticData = { version, fixes: f.fixes };
    return {
      range: f.range,
      severity: SEVERITY[f.severity],
      source: SOURCE,
      code: f.rule,
      codeDescription: { href: docsUri(f.rule) },
      message: f.message,
      data,
    };
  });
  if (result.stoppedEarly) {
    // One info diagnostic at the top of the file; no code actions hang off it.
    diagnostics.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      code: 'stopped-early',
      message: result.stoppedEarly.message,
    });
  }
  return diagnostics;
}

export function isOurs(d: Diagnostic): boolean {
  return d.source === SOURCE && typeof d.code === 'string' && d.code !== 'skipped' && d.code !== 'stopped-early';
}

export function dataOf(d: Diagnostic): DiagnosticData | undefined {
  const data = d.data as Partial<DiagnosticData> | undefined;
  return data && typeof data.version === 'number' && Array.isArray(data.fixes) ? (data as DiagnosticData) : undefined;
}
