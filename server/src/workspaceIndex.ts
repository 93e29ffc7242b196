/**
 * What the workspace's code registers and logs: metric names (for `metric-not-emitted` in
 * YAML files) and log call sites (to link records in the logs panel back to code). Built by
 * one background scan of the workspace folders (bounded, yielding between files) and kept
 * current from the analyses of open documents.
 */
import { mergeSettings } from './analysis/config';
import { analyze } from './analysis/engine';
import type { LogEventSite } from './analysis/logEvents';
import type { MetricNames } from './analysis/metrics';
import { readRegularFile } from './analysis/readFile';
import type { AnalysisResult } from './analysis/types';
import { findFiles } from './cli/files';

/** The scan stops after this many code files; the rule stays silent on names it cannot judge. */
const MAX_FILES = 5000;

interface FileEntry { metrics: MetricNames; logEvents: LogEventSite[] }

export class WorkspaceIndex {
  private readonly byFile = new Map<string, FileEntry>();
  private scanning: Promise<void> | undefined;

  constructor(private readonly log: (message: string) => void) {}

  /** Records what an analysis of one file found (replacing what the scan saw). */
  update(file: string, result: Pick<AnalysisResult, 'metrics' | 'logEvents'>): void {
    if (file && result.metrics && result.logEvents) this.byFile.set(file, { metrics: result.metrics, logEvents: result.logEvents });
  }

  get metrics(): MetricNames {
    const out: MetricNames = { names: [], prefixes: [] };
    for (const { metrics: m } of this.byFile.values()) { out.names.push(...m.names); out.prefixes.push(...m.prefixes); }
    return out;
  }

  /** Every log call site, with its file. */
  *logEvents(): Generator<{ file: string; site: LogEventSite }> {
    for (const [file, entry] of this.byFile) for (const site of entry.logEvents) yield { file, site };
  }

  /** Starts the scan once; resolves when it has finished. */
  ensureScanned(folders: readonly string[]): Promise<void> {
    this.scanning ??= this.scan(folders);
    return this.scanning;
  }

  private async scan(folders: readonly string[]): Promise<void> {
    const started = Date.now();
    const settings = mergeSettings();
    const files = findFiles(folders, { cwd: folders[0] ?? process.cwd(), settingsFor: (abs) => ({ settings, root: folders.find((f) => abs.startsWith(f)) ?? '' }), onWarning: () => undefined })
      .filter((f) => f.languageId !== 'yaml')
      .slice(0, MAX_FILES);
    for (const [i, file] of files.entries()) {
      if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve)); // keep the server responsive
      if (this.byFile.has(file.abs)) continue;
      try {
        const read = readRegularFile(file.abs, settings.maxFileSize);
        if (!read.ok) { this.log(`Metric scan skipped ${file.abs}: ${read.message}`); continue; }
        const text = read.text;
        const result = analyze({ text, languageId: file.languageId, filename: file.abs, settings, only: new Set(), collectMetrics: true, collectLogEvents: true });
        this.update(file.abs, result);
      } catch (error) {
        this.log(`Metric scan skipped ${file.abs}: ${(error as Error).message}`);
      }
    }
    const events = [...this.logEvents()].length;
    this.log(`Scanned ${files.length} code files in ${Date.now() - started} ms: ${this.metrics.names.length} metric series names, ${events} log call sites.`);
  }
}
