/**
 * The metric names the workspace's code registers, for `metric-not-emitted` in YAML files.
 * Built by one background scan of the workspace folders (bounded, yielding between files)
 * and kept current from the analyses of open documents.
 */
import * as fs from 'node:fs';
import { mergeSettings } from './analysis/config';
import { analyze } from './analysis/engine';
import type { MetricNames } from './analysis/metrics';
import { findFiles } from './cli/files';

/** The scan stops after this many code files; the rule stays silent on names it cannot judge. */
const MAX_FILES = 5000;

export class MetricIndex {
  private readonly byFile = new Map<string, MetricNames>();
  private scanning: Promise<void> | undefined;

  constructor(private readonly log: (message: string) => void) {}

  /** Records what an analysis of one file found (replacing what the scan saw). */
  update(file: string, metrics: MetricNames | undefined): void {
    if (file && metrics) this.byFile.set(file, metrics);
  }

  get all(): MetricNames {
    const out: MetricNames = { names: [], prefixes: [] };
    for (const m of this.byFile.values()) { out.names.push(...m.names); out.prefixes.push(...m.prefixes); }
    return out;
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
        const text = fs.readFileSync(file.abs, 'utf8');
        const result = analyze({ text, languageId: file.languageId, filename: file.abs, settings, only: new Set(), collectMetrics: true });
        if (result.metrics && (result.metrics.names.length || result.metrics.prefixes.length)) this.byFile.set(file.abs, result.metrics);
      } catch (error) {
        this.log(`Metric scan skipped ${file.abs}: ${(error as Error).message}`);
      }
    }
    this.log(`Scanned ${files.length} code files for metric registrations in ${Date.now() - started} ms (${this.all.names.length} series names).`);
  }
}
