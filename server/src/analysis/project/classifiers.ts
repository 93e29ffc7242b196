/**
 * What an exported value of a project module can be: each classifier looks at one value and
 * answers with an `ExportedSymbol` or nothing; the first answer wins. Adding a kind of export
 * (tracers, meters, metric factories, span scopes) is one classifier in its own file, one line in
 * the list here, and one line of evidence: the text a module must contain for the classifier to
 * find anything, so the first pass skips parsing modules that cannot export it.
 */
import type { JsExportClassifier } from './jsExports';
import { jsLoggerExport, pyLoggerExport } from './loggerExports';
import type { PyExportClassifier } from './pyExports';
import { JS_TELEMETRY_EVIDENCE, jsTelemetryExport, PY_TELEMETRY_EVIDENCE, pyTelemetryExport } from './telemetryExports';

export const JS_EXPORT_CLASSIFIERS: JsExportClassifier[] = [
  jsLoggerExport,
  jsTelemetryExport,
];

export const PY_EXPORT_CLASSIFIERS: PyExportClassifier[] = [
  pyLoggerExport,
  pyTelemetryExport,
];

/** A logger-ish name (`log`, `logger`, `LOG`, `auditLogger`, `app_log`), a logging library, a logger made or derived. */
const LOGGERISH = String.raw`\b(?:[Ll]og(?:ger)?s?|LOG(?:GER)?|\w+(?:Logger|Log|_logger|_log|_LOGGER)|pino|winston|bunyan|log4js|consola)\b|\.(?:child|withTag|getLogger)\s*\(`;

/**
 * A module is parsed for its exports only when its text matches one of these: the export
 * statements themselves must say "logger" (a module that merely uses pino is not read).
 */
export const JS_EXPORT_EVIDENCE: RegExp[] = [
  // re-exports, followed to the module that defines the value
  /\bexport\s*\*\s*from\b|\bexport\s*\{[^}]*\}\s*from\b|\bmodule\.exports\s*=\s*require\b/,
  // loggers: an export line (ES or CommonJS) that names or makes one, level methods defined (a wrapper class or object)
  new RegExp(String.raw`^[ \t]*export\s+(?:default\b|const\b|let\b|var\b|async\b|function\b|class\b|abstract\b|\{)[^\n]*(?:${LOGGERISH})|\bexports\b[.\w]*\s*=[^\n]*(?:${LOGGERISH})|\bexports\.(?:${LOGGERISH})`, 'm'),
  /^\s*(?:static\s+)?(?:info|warn|error|debug)\s*(?:\([^)\n]*\)\s*(?::[^{\n]*)?\{|[:=]\s*(?:function\b|async\b|\(|\w+\s*=>))/m,
  JS_TELEMETRY_EVIDENCE,
];

export const PY_EXPORT_EVIDENCE: RegExp[] = [
  /\bimport\s+\*|log|Log|LOG/,
  PY_TELEMETRY_EVIDENCE,
];
