/** What Python and JS logger recognition share: import resolution and the logger-name heuristics. */

/** Names that hold a logger by convention: `log`, `logger`, `_logger`, `LOGGER`, `*_logger`, `*Logger`. */
export const LOGGER_NAME = /^(log|logger|_log|_logger|LOG|LOGGER|_LOG|_LOGGER|\w+_logger|\w+_LOGGER|\w*[a-z]Logger)$/;

/**
 * Functions that return a logger, whatever name the result is given (`audit = get_logger("audit")`):
 * the project's own factories and the libraries' (Celery `get_task_logger`).
 */
export const LOGGER_FACTORY_NAME = /^_?(get_?[Ll]ogger|get_task_logger|getTaskLogger|create_?[Ll]ogger|make_?[Ll]ogger|new_?[Ll]ogger|get_child_logger|getChildLogger)$/;

/** The last segment of a module path or dotted module name says "logging": `./logger`, `app.log`, `@tryghost/logging`, `utils/Logger.ts`. */
const LOGGING_MODULE = /(?:^|[/.@_-])(?:log|logs|logger|loggers|logging|log_utils?|logutils?)(?:\.[cm]?[jt]sx?)?$/i;

/** `lg.getLogger` → `logging.getLogger`: resolves the first segment through the file's imports. */
export function qualifyName(imports: ReadonlyMap<string, string>, dotted: string): string {
  const dot = dotted.indexOf('.');
  const head = dot < 0 ? dotted : dotted.slice(0, dot);
  const q = imports.get(head);
  return q ? q + (dot < 0 ? '' : dotted.slice(dot)) : dotted;
}

/** Whether the last segment of a dotted name is a conventional logger name (`this.#logger` too). */
export function looksLikeLogger(dotted: string): boolean {
  const last = dotted.slice(dotted.lastIndexOf('.') + 1);
  return LOGGER_NAME.test(last.charCodeAt(0) === 35 /* # */ ? last.slice(1) : last);
}

/** Whether a module specifier (`./log`, `app.log`, `@tryghost/logging`) names a logging module. */
export function isLoggingModule(specifier: string): boolean {
  return LOGGING_MODULE.test(specifier.replace(/\/index(?:\.[cm]?[jt]sx?)?$/, ''));
}

/**
 * Whether an imported name, without knowing what its module exports, is a logger: a conventional
 * logger name; `log` and `Logger` (also `Math.log`, a library's `Logger` type) only from a module
 * that is local (`./…`, `.log`) or named for logging.
 */
export function importedNameIsLogger(name: string, specifier: string): boolean {
  if (name === 'log' || name === '_log' || name === 'Logger') return /^\./.test(specifier) || isLoggingModule(specifier);
  return LOGGER_NAME.test(name);
}
