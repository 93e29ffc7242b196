/**
 * What the analyzer knows about the project a file belongs to (issue 14): the file's role and
 * what the project's own modules export. The core never reads the file system for this: the
 * CLI (a first pass over the analyzed files) and the server (the workspace index) build a
 * `ProjectView` per file and pass it in `AnalyzeInput.project`. A file analyzed alone gets
 * none and keeps the single-file behaviour.
 */

/** One role per file, computed once; every rule states the roles it applies to (`Rule.roles`). */
export const FILE_ROLES = [
  'service', 'test', 'fixture', 'cli', 'script', 'build', 'browser', 'logger-implementation', 'migration', 'example', 'generated',
] as const;
export type FileRole = typeof FILE_ROLES[number];

/** The library behind a logger; `unknown` when the project wraps one we cannot see (fixes must not guess its form). */
export type LoggerLib =
  | 'stdlib' | 'structlog' | 'loguru'
  | 'pino' | 'winston' | 'bunyan' | 'log4js' | 'consola' | 'otel' | 'console' | 'nestjs' | 'npmlog' | 'generic'
  | 'unknown';

/** What one exported name of a project module is, as far as logging, tracing and metrics go. */
export type ExportedSymbol =
  /** `export const logger = pino()`, `module.exports = logger`, `log = structlog.get_logger()`. */
  | { kind: 'logger'; lib: LoggerLib }
  /** A class whose instances log (`new AppLogger()`), or whose static methods do (`Logger.info(...)`, NestJS). */
  | { kind: 'logger-class'; lib: LoggerLib; staticMethods: boolean }
  /** A function returning a logger: `getLogger('x')`, `get_logger(__name__)`. */
  | { kind: 'logger-factory'; lib: LoggerLib }
  /** An OpenTelemetry tracer (`trace.getTracer(...)`, `trace.get_tracer(...)`). */
  | { kind: 'tracer' }
  /** A function or context manager that starts a span and runs its body as the span's scope. */
  | { kind: 'span-scope' }
  /** An OpenTelemetry meter. */
  | { kind: 'meter' }
  /** A helper that forwards to a metric constructor (`createCounter({ name, labelNames })`). */
  | { kind: 'metric-factory'; lib: 'prom-client' | 'prometheus_client' | 'otel'; metric?: 'counter' | 'gauge' | 'histogram' | 'summary'; args?: MetricFactoryArgs };

/**
 * Where a metric factory's caller passes the metric name and the label names, when the helper's
 * body shows it: the argument's position (-1: keyword only), its keyword (Python) or the property
 * of an options object (JS), and the text the helper adds around the name. Without it, callers
 * are read in the libraries' own shapes (`(name, documentation, labelnames)`, `({ name, labelNames })`).
 */
export interface MetricFactoryArgs {
  name?: { index: number; keyword?: string; property?: string; prefix?: string; suffix?: string };
  labels?: { index: number; keyword?: string; property?: string };
}

/** Why a file has its role, for `o11y-lint roles`, the hover on line 1 and `--format json`. */
export interface RoleDecision {
  role: FileRole;
  /** Short evidence a reviewer would accept: "named by package.json bin", "imports commander", "path matches tests/**". */
  reason: string;
}

/** The project as one file sees it. */
export interface ProjectView {
  /**
   * The role the project's manifests decide (package.json `bin`, pyproject scripts, setup.cfg
   * `console_scripts`: project/manifests.ts), when they do. The engine puts settings `roles`
   * over it and otherwise decides from the path and the file's own content (project/roles.ts).
   */
  readonly role?: RoleDecision;
  /**
   * What `name` imported from `specifier` is, when `specifier` is one of the project's own modules.
   * `specifier` is as written in the importing file (`./logger`, `@server/log`, `.log`, `app.log`);
   * `name` is the imported name, `default` for a default import / `module.exports` itself.
   */
  importedSymbol(specifier: string, name: string): ExportedSymbol | undefined;
}
