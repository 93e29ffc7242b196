/**
 * What an exported value of a project module can be: each classifier looks at one value and
 * answers with an `ExportedSymbol` or nothing; the first answer wins. Adding a kind of export
 * (tracers, meters, metric factories, span scopes) is one classifier in its own file and one line here.
 */
import type { JsExportClassifier } from './jsExports';
import { jsLoggerExport, pyLoggerExport } from './loggerExports';
import type { PyExportClassifier } from './pyExports';

export const JS_EXPORT_CLASSIFIERS: JsExportClassifier[] = [
  jsLoggerExport,
];

export const PY_EXPORT_CLASSIFIERS: PyExportClassifier[] = [
  pyLoggerExport,
];
