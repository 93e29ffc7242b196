/**
 * Turns raw settings (VS Code `o11yLint.*` or `.o11ylint.json`) into typed `Settings`,
 * reporting every problem instead of ignoring it. Defaults ← editor settings ← config file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closestId } from './closest';
import { RULE_IDS } from './registry';
import { CONFIG_FILE_NAME, DEFAULT_SETTINGS, type Settings } from './settings';
import { SEVERITIES } from './types';

export interface ConfigProblem {
  /** JSON path of the offending key, e.g. `rules.no-prnt-logging`. */
  path: string;
  message: string;
}

export interface LoadedConfig {
  /** Absolute path of the config file, when one was found. */
  file?: string;
  /** The file's settings, already validated (problems dropped, the rest kept). */
  raw: Record<string, unknown>;
  problems: ConfigProblem[];
  /** The file's text as read (empty when unreadable), for placing problem diagnostics. */
  text: string;
}

const SEVERITY_VALUES = new Set<string>([...SEVERITIES, 'off']);
type Shape = 'string' | 'number' | 'boolean' | 'string[]' | readonly string[];

/** Every known key and the shape of its value; nested objects are listed as `a.b`. */
const SHAPES: Record<string, Shape> = {
  preview: 'boolean',
  include: 'string[]', exclude: 'string[]', printAllowed: 'string[]',
  'sensitive.secrets': 'string[]', 'sensitive.pii': 'string[]', 'sensitive.allow': 'string[]',
  'sensitive.replaceDefaults': 'boolean', 'sensitive.ipIsPii': 'boolean',
  'logger.python': ['auto', 'logging', 'structlog', 'loguru'],
  'logger.javascript': ['auto', 'pino', 'winston', 'bunyan', 'console'],
  eventNameStyle: ['snake_case', 'dotted', 'keep'],
  maskHelper: 'string', maxFileSize: 'number', analysisTimeBudgetMs: 'number',
  'alerts.minFor': 'string', 'alerts.severities': 'string[]', 'alerts.requiredAnnotations': 'string[]', 'alerts.runbookBaseUrl': 'string',
  alertFiles: 'string[]', sloFiles: 'string[]',
};
const OBJECT_KEYS = new Set(['sensitive', 'logger', 'alerts']);
/** Keys VS Code has under `o11yLint.*` that only the client reads. */
const CLIENT_ONLY = new Set(['logs', 'trace', 'enable', '$schema']);

/** Validates raw settings; returns a clean copy (bad entries removed) and the problems found. */
export function validateSettings(raw: unknown): { clean: Record<string, unknown>; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const clean: Record<string, unknown> = {};
  if (raw === null || raw === undefined) return { clean, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { clean, problems: [{ path: '', message: 'settings must be a JSON object' }] };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (CLIENT_ONLY.has(key)) continue;
    if (key === 'rules') {
      clean.rules = validateRules(value, problems);
    } else if (OBJECT_KEYS.has(key)) {
      if (!isObject(value)) { problems.push({ path: key, message: `'${key}' must be an object` }); continue; }
      const sub: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const full = `${key}.${k}`;
        if (checkValue(full, v, problems)) sub[k] = v;
      }
      clean[key] = sub;
    } else if (checkValue(key, value, problems)) {
      clean[key] = value;
    }
  }
  return { clean, problems };
}

function validateRules(value: unknown, problems: ConfigProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) { problems.push({ path: 'rules', message: "'rules' must map rule ids to off|hint|info|warning|error" }); return out; }
  for (const [id, sev] of Object.entries(value)) {
    if (!RULE_IDS.has(id)) {
      const suggestion = closestId(id, RULE_IDS);
      problems.push({ path: `rules.${id}`, message: `unknown rule id '${id}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}` });
    } else if (typeof sev !== 'string' || !SEVERITY_VALUES.has(sev)) {
      problems.push({ path: `rules.${id}`, message: `severity of '${id}' must be one of off, hint, info, warning, error (got ${JSON.stringify(sev)})` });
    } else {
      out[id] = sev;
    }
  }
  return out;
}

function checkValue(key: string, value: unknown, problems: ConfigProblem[]): boolean {
  const shape = SHAPES[key];
  if (!shape) {
    const suggestion = closestId(key, Object.keys(SHAPES));
    problems.push({ path: key, message: `unknown setting '${key}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}` });
    return false;
  }
  const ok = Array.isArray(shape)
    ? typeof value === 'string' && shape.includes(value)
    : shape === 'string[]' ? Array.isArray(value) && value.every((v) => typeof v === 'string')
    : typeof value === shape && (shape !== 'number' || (Number.isFinite(value) && (value as number) > 0));
  if (!ok) {
    const expected = Array.isArray(shape) ? `one of ${shape.join(', ')}` : shape === 'string[]' ? 'a list of strings' : `a ${shape === 'number' ? 'positive number' : shape}`;
    problems.push({ path: key, message: `'${key}' must be ${expected} (got ${JSON.stringify(value)})` });
  }
  return ok;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Merges validated layers over the defaults; objects merge key by key, arrays replace. */
export function mergeSettings(...layers: Record<string, unknown>[]): Settings {
  const out = structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>;
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (isObject(value) && isObject(out[key])) out[key] = { ...(out[key] as object), ...value };
      else out[key] = value;
    }
  }
  return out as unknown as Settings;
}

/** The nearest `.o11ylint.json` from `dir` upwards, or undefined. */
export function findConfigFile(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const candidate = path.join(d, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return undefined;
  }
}

/** Reads and validates a config file. Invalid JSON or a bad key is a problem, never an exception. */
export function loadConfigFile(file: string, text?: string): LoadedConfig {
  let content = text;
  try {
    content ??= fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { file, raw: {}, problems: [{ path: '', message: `cannot read ${file}: ${(error as Error).message}` }], text: '' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { file, raw: {}, problems: [{ path: '', message: `${path.basename(file)} is not valid JSON: ${(error as Error).message}` }], text: content };
  }
  const { clean, problems } = validateSettings(parsed);
  return { file, raw: clean, problems, text: content };
}
