/**
 * The one typed settings model. VS Code settings (`o11yLint.*`) and `.o11ylint.json` use the
 * same keys; `config.ts` validates and merges them. Imported by client, server and CLI.
 * Adding a setting: see ARCHITECTURE.md ("Adding a setting").
 */
import { SCRIPT_GLOBS, TEST_AND_BENCH_GLOBS } from './fileKinds';
import type { SeveritySetting } from './types';

export type PythonLoggerChoice = 'auto' | 'logging' | 'structlog' | 'loguru';
export type JsLoggerChoice = 'auto' | 'pino' | 'winston' | 'bunyan' | 'console';
export type EventNameStyle = 'snake_case' | 'dotted' | 'keep';

export interface SensitiveSettings {
  /** Extra secret words (added to the built-in list unless `replaceDefaults`). */
  secrets: string[];
  /** Extra PII words. */
  pii: string[];
  /** Names (or words) that never count as sensitive. */
  allow: string[];
  replaceDefaults: boolean;
  /** Whether `ip_address`/`client_ip` count as PII. */
  ipIsPii: boolean;
}

export interface AlertSettings {
  minFor: string;
  severities: string[];
  requiredAnnotations: string[];
  runbookBaseUrl: string;
}

export interface Settings {
  /** Per-rule severity; `off` disables the rule. A severity here also turns a preview rule on. */
  rules: Record<string, SeveritySetting>;
  /** Turns on preview rules and preview checks (precision below 95 % on real application code). */
  preview: boolean;
  /** Globs a file must match to be analyzed (empty: every supported file). */
  include: string[];
  exclude: string[];
  /** Globs of files where `print`/`console.*` is fine (tests, scripts, CLIs). */
  printAllowed: string[];
  sensitive: SensitiveSettings;
  logger: { python: PythonLoggerChoice; javascript: JsLoggerChoice };
  eventNameStyle: EventNameStyle;
  /** Module path of the project's PII masking helper, e.g. `myapp.privacy.hash_pii`. */
  maskHelper: string;
  /** Files larger than this many bytes are skipped with a message. */
  maxFileSize: number;
  /** Milliseconds one analysis may take; past it the findings so far are kept plus one info message. */
  analysisTimeBudgetMs: number;
  alerts: AlertSettings;
  alertFiles: string[];
  sloFiles: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  rules: {},
  preview: false,
  include: [],
  exclude: [
    '**/node_modules/**', '**/.git/**', '**/.venv/**', '**/venv/**', '**/site-packages/**',
    '**/__pycache__/**', '**/*.min.js',
  ],
  // Code that never ships (tests, benchmarks, scripts, examples) and code that is not a service:
  // entry points, browser assets, vendored code, migrations, Django management commands.
  printAllowed: [
    ...TEST_AND_BENCH_GLOBS, ...SCRIPT_GLOBS,
    '**/bin/**', '**/static/**', '**/vendor/**', '**/migrations/**', '**/management/commands/**',
  ],
  sensitive: { secrets: [], pii: [], allow: [], replaceDefaults: false, ipIsPii: true },
  logger: { python: 'auto', javascript: 'auto' },
  eventNameStyle: 'snake_case',
  maskHelper: '',
  maxFileSize: 2 * 1024 * 1024,
  analysisTimeBudgetMs: 2000,
  alerts: { minFor: '5m', severities: ['critical', 'warning', 'info', 'none'], requiredAnnotations: [], runbookBaseUrl: '' },
  alertFiles: [],
  sloFiles: [],
};

/** The name of the project config file read by the editor and the CLI. */
export const CONFIG_FILE_NAME = '.o11ylint.json';
