/** Which settings apply to a file in `o11y-lint check`: `--config FILE`, else the nearest .o11ylint.json. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findConfigFile, loadConfigFile, mergeSettings, type ConfigProblem } from '../analysis/config';
import type { Settings } from '../analysis/settings';
import { UsageError } from './args';

export interface FileSettings { settings: Settings; root: string }

export interface SettingsResolver {
  settingsFor(abs: string): FileSettings;
  /** Problems of every config file loaded so far. */
  readonly problems: { file: string; problem: ConfigProblem }[];
}

/** `config`: the `--config` value as given (relative to `cwd`). Config files are read once each. */
export function settingsResolver(cwd: string, config?: string): SettingsResolver {
  const problems: { file: string; problem: ConfigProblem }[] = [];
  const cache = new Map<string, FileSettings>();
  const load = (file: string | undefined, root: string): FileSettings => {
    if (!file) return { settings: mergeSettings(), root };
    const loaded = loadConfigFile(file);
    for (const problem of loaded.problems) problems.push({ file, problem });
    return { settings: mergeSettings(loaded.raw), root: path.dirname(file) };
  };
  let fixed: FileSettings | undefined;
  if (config) {
    const file = path.resolve(cwd, config);
    if (!fs.existsSync(file)) throw new UsageError(`--config: ${config} does not exist`);
    fixed = load(file, cwd);
  }
  const settingsFor = (abs: string): FileSettings => {
    if (fixed) return fixed;
    const dir = path.dirname(abs);
    let entry = cache.get(dir);
    if (!entry) {
      const file = findConfigFile(dir);
      entry = (file && cache.get(`file:${file}`)) || load(file, cwd);
      if (file) cache.set(`file:${file}`, entry);
      cache.set(dir, entry);
    }
    return entry;
  };
  return { settingsFor, problems };
}
