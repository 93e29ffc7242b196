/**
 * Settings for one document: VS Code's `o11yLint.*` for that resource (pulled through
 * `workspace/configuration`, never kept as a global) merged under the nearest `.o11ylint.json`.
 * Problems in either are reported (diagnostics on the config file, a message once), never ignored.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import { findConfigFile, loadConfigFile, mergeSettings, validateSettings, type ConfigProblem } from './analysis/config';
import type { Settings } from './analysis/settings';
import { plainMessage } from './messages';
import { CONFIG_SECTION, SOURCE } from './protocol';
import { uriPath } from './uris';

export interface ResolvedSettings {
  settings: Settings;
  /** Folder that globs are relative to. */
  root: string | undefined;
  /** File-system path of the document, or '' for untitled documents. */
  filename: string;
}

export class DocumentSettings {
  private readonly cache = new Map<string, Promise<ResolvedSettings>>();
  /** Config files that currently have problems published, so fixed files get cleared. */
  private readonly configWithProblems = new Set<string>();
  private readonly announced = new Set<string>();
  workspaceFolders: string[] = [];
  canPullConfiguration = false;
  /** Set by `stop()` (the server got `shutdown`): nothing more is published or shown. */
  private stopped = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<ResolvedSettings> {
    let entry = this.cache.get(uri);
    if (!entry) {
      entry = this.resolve(uri);
      this.cache.set(uri, entry);
    }
    return entry;
  }

  /** Forget everything (settings changed, a config file changed). */
  clear(): void {
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** After `shutdown`: settings still resolve (for work in flight), but no diagnostics or messages go out. */
  stop(): void {
    this.stopped = true;
  }

  private async resolve(uri: string): Promise<ResolvedSettings> {
    const filename = uriPath(uri) ?? '';
    let editorRaw: unknown;
    if (this.canPullConfiguration) {
      try {
        editorRaw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: CONFIG_SECTION });
      } catch (error) {
        this.connection.console.warn(`Could not read ${CONFIG_SECTION} settings: ${(error as Error).message}`);
      }
    }
    const editor = validateSettings(editorRaw);
    if (editor.problems.length) this.announce('settings', `o11y-lint settings: ${editor.problems.map((p) => p.message).join('; ')}`);
    const folder = this.folderOf(filename);
    const configFile = filename ? findConfigFile(path.dirname(filename), folder) : folder ? findConfigFile(folder, folder) : undefined;
    let fileRaw: Record<string, unknown> = {};
    if (configFile) {
      const loaded = loadConfigFile(configFile);
      fileRaw = loaded.raw;
      this.publishConfigProblems(configFile, loaded.problems, loaded.text);
    }
    return { settings: mergeSettings(editor.clean, fileRaw), root: configFile ? path.dirname(configFile) : folder ?? (filename ? path.dirname(filename) : undefined), filename };
  }

  private folderOf(filename: string): string | undefined {
    const matches = this.workspaceFolders.filter((f) => filename && (filename === f || filename.startsWith(f + path.sep)));
    return matches.sort((a, b) => b.length - a.length)[0] ?? (filename ? undefined : this.workspaceFolders[0]);
  }

  private publishConfigProblems(file: string, problems: ConfigProblem[], text: string): void {
    if (this.stopped) return;
    const uri = pathToFileURL(file).href;
    if (!problems.length) {
      if (this.configWithProblems.delete(file)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    this.configWithProblems.add(file);
    const diagnostics: Diagnostic[] = problems.map((p) => ({
      range: rangeOfProblem(text, p),
      severity: p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'config',
      message: p.message,
    }));
    void this.connection.sendDiagnostics({ uri, diagnostics });
    this.announce(file + problems.map((p) => p.message).join(), `${path.basename(file)} has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems[0].message}${problems.length > 1 ? ' …' : ''} (see Problems).`);
  }

  /** Shows a warning once per distinct problem, and logs it. */
  private announce(key: string, message: string): void {
    if (this.stopped) return;
    this.connection.console.warn(message);
    if (this.announced.has(key)) return;
    this.announced.add(key);
    void this.connection.window.showWarningMessage(plainMessage(message));
  }
}

/** Best-effort range of the key a problem names (or of a JSON syntax error). */
function rangeOfProblem(text: string, problem: ConfigProblem) {
  let offset = 0;
  const pos = /position (\d+)/.exec(problem.message);
  if (pos) offset = Number(pos[1]);
  else if (problem.path) {
    const key = problem.path.split('.').pop() ?? problem.path;
    const i = text.indexOf(`"${key}"`);
    if (i >= 0) offset = i;
  }
  const before = text.slice(0, offset).split(/\r?\n/);
  const line = before.length - 1;
  const character = before[before.length - 1].length;
  const keyLen = problem.path ? (problem.path.split('.').pop() ?? '').length + 2 : 1;
  return { start: { line, character }, end: { line, character: character + keyLen } };
}
