/** What Python and JS logger recognition share: import resolution and the logger-name heuristic. */

/** Names that hold a logger by convention: `log`, `logger`, `_logger`, `LOGGER`, `*_logger`, `*Logger`. */
export const LOGGER_NAME = /^(log|logger|_log|_logger|LOG|LOGGER|_LOG|_LOGGER|\w+_logger|\w+_LOGGER|\w*[a-z]Logger)$/;

/** `lg.getLogger` → `logging.getLogger`: resolves the first segment through the file's imports. */
export function qualifyName(imports: ReadonlyMap<string, string>, dotted: string): string {
  const dot = dotted.indexOf('.');
  const head = dot < 0 ? dotted : dotted.slice(0, dot);
  const q = imports.get(head);
  return q ? q + (dot < 0 ? '' : dotted.slice(dot)) : dotted;
}

/** Whether the last segment of a dotted name is a conventional logger name. */
export function looksLikeLogger(dotted: string): boolean {
  return LOGGER_NAME.test(dotted.slice(dotted.lastIndexOf('.') + 1));
}
