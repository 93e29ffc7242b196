/**
 * What the workspace's code registers and logs: metric names (for `metric-not-emitted` in
 * YAML files) and log call sites (to link records in the logs panel back to code). Built by
 * one background scan of the workspace folders (bounded, yielding between files) and kept
 * current from the analyses of open documents. It also holds the project layer
 * (`project`: the project's own modules and what they export, read through the disk under the
 * open documents), which every analysis, the scan's included, sees the project through.
 */
import { mergeSettings } from './analysis/config';
import { analyze } from './analysis/engine';
import type { LogEventSite } from './analysis/logEvents';
import type { MetricNames } from './analysis/metrics';
import { readRegularFile } from './analysis/readFile';
import type { AnalysisResult } from './analysis/types';
import { projectView, ProjectModules } from './analysis/project/modules';
import type { ProjectFs } from './analysis/project/resolve';
import { findFiles } from './cli/files';
import { diskFs } from './projectFs';
import { languageIdForFile } from './analysis/languages';

/** The scan stops after this many code files; the rule stays silent on names it cannot judge. */
const MAX_FILES = 5000;

interface FileEntry { metrics: MetricNames; logEvents: LogEventSite[] }

export class WorkspaceIndex {
  private readonly byFile = new Map<string, FileEntry>();
  private scanning: Promise<void> | undefined;
  /** The project's own modules: imports resolved, exports learnt, cached per file version. */
  readonly project: ProjectModules;
  /** The files the background scan covers (at most MAX_FILES). */
  private readonly scanList = new Set<string>();
  private readonly settings = mergeSettings();

  /** `fs`: how the project is read (the server overlays its open documents); `roots`: the workspace folders. */
  constructor(private readonly log: (message: string) => void, fs: ProjectFs = diskFs(), roots: () => readonly string[] = () => []) {
    this.project = new ProjectModules(fs, { get roots() { return roots(); } });
  }

  /** Records what an analysis of one file found (replacing what the scan saw). */
  update(file: string, result: Pick<AnalysisResult, 'metrics' | 'logEvents'>): void {
    if (file && result.metrics && result.logEvents) this.byFile.set(file, { metrics: result.metrics, logEvents: result.logEvents });
  }

  /**
   * A document was closed: what the index knew of it came from the editor's text. A file the background scan
   * covers is indexed again from disk; any other file (never saved, or outside the workspace) leaves the index.
   */
  closed(file: string): void {
    this.byFile.delete(file);
    if (this.scanList.has(file)) this.indexFromDisk(file);
  }

  /** How many files the index holds. */
  get size(): number {
    return this.byFile.size;
  }

  private indexFromDisk(file: string): void {
    const languageId = languageIdForFile(file);
    if (!languageId || languageId === 'yaml') return;
    try {
      const read = readRegularFile(file, this.settings.maxFileSize);
      if (!read.ok) { this.log(`Metric scan skipped ${file}: ${read.message}`); return; }
      this.update(file, analyze({ text: read.text, languageId, filename: file, settings: this.settings, only: new Set(), collectMetrics: true, collectLogEvents: true, project: projectView(file, this.project) }));
    } catch (error) {
      this.log(`Metric scan skipped ${file}: ${(error as Error).message}`);
    }
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
    const settings = this.settings;
    const files = findFiles(folders, { cwd: folders[0] ?? process.cwd(), settingsFor: (abs) => ({ settings, root: folders.find((f) => abs.startsWith(f)) ?? '' }), onWarning: () => undefined })
      .filter((f) => f.languageId !== 'yaml')
      .slice(0, MAX_FILES);
    for (const file of files) this.scanList.add(file.abs);
    for (const [i, file] of files.entries()) {
      if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve)); // keep the server responsive
      if (!this.byFile.has(file.abs)) this.indexFromDisk(file.abs);
    }
    const events = [...this.logEvents()].length;
    this.log(`Scanned ${files.length} code files in ${Date.now() - started} ms: ${this.metrics.names.length} metric series names, ${events} log call sites.`);
  }
}
