import ts = require('typescript');

/** Script kind from the LSP language id or, failing that, the file name. */
export function scriptKindFor(languageId: string, filename: string): ts.ScriptKind {
  switch (languageId) {
    case 'typescript': return ts.ScriptKind.TS;
    case 'typescriptreact': return ts.ScriptKind.TSX;
    case 'javascriptreact': return ts.ScriptKind.JSX;
    case 'javascript': return /\.jsx$/i.test(filename) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  }
  if (/\.tsx$/i.test(filename)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/i.test(filename)) return ts.ScriptKind.TS;
  if (/\.jsx$/i.test(filename)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** Parses JS/TS without a type checker; tolerant of syntax errors. Parent pointers are set. */
export function parseJs(text: string, languageId: string, filename: string): ts.SourceFile {
  const kind = scriptKindFor(languageId, filename);
  const name = filename || (kind === ts.ScriptKind.TSX ? 'untitled.tsx' : kind === ts.ScriptKind.TS ? 'untitled.ts' : 'untitled.js');
  return ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, kind);
}

/** Whether the parse recovered from errors (used to tell the user findings may be partial). */
export function jsHasSyntaxErrors(sf: ts.SourceFile): boolean {
  const diags = (sf as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics;
  return !!diags && diags.length > 0;
}
