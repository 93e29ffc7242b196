/**
 * Code actions: each diagnostic's fixes (from `Diagnostic.data`), "Disable <rule> for this
 * line", `source.fixAll.o11y-lint` (safe fixes only), and the "Wrap in span" refactoring
 * (`refactor.rewrite`). Stateless: everything needed rides on the diagnostics or is
 * recomputed from the current text.
 */
import { CodeAction, CodeActionKind, TextDocumentEdit, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { autoFix, findingsOf, fixAll, minimalEdit, type FixAnalysis } from './analysis/fixes/apply';
import { dataOf, isOurs } from './diagnostics';
import { FIX_ALL_KIND } from './protocol';
import type { WrapResult } from './analysis/fixes/wrapInSpan';
import type { Finding } from './analysis/types';

export interface CodeActionDeps {
  /** Fresh findings for a text of this document (same settings as its diagnostics), and whether that analysis stopped early. */
  analyze: FixAnalysis;
  supportsDocumentChanges: boolean;
  /** "Wrap in span" for a selection (offsets) of this document's text; absent where it does not apply. */
  wrapInSpan?: (start: number, end: number) => WrapResult;
  /** The client shows actions that cannot be applied, with their reason (`CodeAction.disabled`). */
  supportsDisabled?: boolean;
}

export function codeActions(doc: TextDocument, params: CodeActionParams, deps: CodeActionDeps): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const actions: CodeAction[] = [];
  // Source actions only when asked for by kind (on save, "Fix all" command), never in the light bulb.
  if (only && wants(FIX_ALL_KIND)) {
    const all = fixAllAction(doc, deps, FIX_ALL_KIND);
    if (all) actions.push(all);
  }
  // Refactorings come after the quick fixes.
  const wrap = deps.wrapInSpan && wants(CodeActionKind.RefactorRewrite) ? wrapAction(doc, params, deps) : undefined;
  if (!wants(CodeActionKind.QuickFix)) return wrap ? [...actions, wrap] : actions;
  const disabled = new Set<string>();
  let anySafe = false;
  let fresh: readonly Finding[] | undefined;
  for (const diagnostic of params.context.diagnostics.filter(isOurs)) {
    const data = dataOf(diagnostic);
    // A diagnostic of an older version of the text: its line may hold other code now, so nothing is offered for it
    // (the client asks again once the new diagnostics are in). Without data, the current findings decide.
    if (data ? data.version !== doc.version : !(fresh ??= findingsOf(deps.analyze(doc.getText()))).some((f) => sameFinding(f, diagnostic))) continue;
    if (data) {
      const safeCount = data.fixes.filter((f) => f.safe).length;
      for (const fix of data.fixes) {
        anySafe ||= fix.safe;
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          // The rule's own choice; by default the one safe fix.
          isPreferred: fix.isPreferred ?? (fix.safe && safeCount === 1),
          edit: workspaceEdit(doc, fix.edits, deps.supportsDocumentChanges),
        });
      }
    }
    const rule = String(diagnostic.code);
    const key = `${rule}@${diagnostic.range.start.line}`;
    // In YAML a comment inside a block scalar (`expr: |`) would become part of the string.
    if (doc.languageId === 'yaml' && insideBlockScalar(doc, diagnostic.range.start.line)) continue;
    if (!disabled.has(key)) {
      disabled.add(key);
      actions.push(disableAction(doc, diagnostic, rule, deps.supportsDocumentChanges));
    }
  }
  if (anySafe) {
    const all = fixAllAction(doc, deps, CodeActionKind.QuickFix);
    if (all) actions.push(all);
  }
  if (wrap) actions.push(wrap);
  return actions;
}

function sameFinding(f: Finding, d: Diagnostic): boolean {
  const a = f.range;
  const b = d.range;
  return f.rule === d.code && a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function wrapAction(doc: TextDocument, params: CodeActionParams, deps: CodeActionDeps): CodeAction | undefined {
  const result = deps.wrapInSpan!(doc.offsetAt(params.range.start), doc.offsetAt(params.range.end));
  if (!result) return undefined;
  if ('refused' in result) return deps.supportsDisabled ? { title: result.title, kind: CodeActionKind.RefactorRewrite, disabled: { reason: result.refused } } : undefined;
  const edits: TextEdit[] = result.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.text }));
  return { title: result.title, kind: CodeActionKind.RefactorRewrite, edit: workspaceEdit(doc, edits, deps.supportsDocumentChanges) };
}

function fixAllAction(doc: TextDocument, deps: CodeActionDeps, kind: string): CodeAction | undefined {
  const text = doc.getText();
  const first = deps.analyze(text);
  if (!findingsOf(first).some((f) => autoFix(f, false))) return undefined;
  const edit = minimalEdit(text, fixAll(text, (t) => (t === text ? first : deps.analyze(t)), false, { languageId: doc.languageId }).text);
  if (!edit) return undefined;
  return { title: 'Fix all safe o11y-lint problems', kind, edit: workspaceEdit(doc, [edit], deps.supportsDocumentChanges) };
}

function workspaceEdit(doc: TextDocument, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  if (documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] };
  return { changes: { [doc.uri]: edits } };
}

/** Adds the rule to an existing directive on the line above, or inserts a new one there. */
function disableAction(doc: TextDocument, diagnostic: Diagnostic, rule: string, documentChanges: boolean): CodeAction {
  const line = diagnostic.range.start.line;
  const python = doc.languageId === 'python' || doc.languageId === 'yaml'; // both use `#` comments
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  const above = line > 0 ? doc.getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } }).replace(/\r?\n$/, '') : '';
  const existing = python ? /^\s*#\s*o11y-lint:\s*disable=[\w\-, ]*[\w\-]/.exec(above) : /^\s*\/\/\s*o11y-lint-disable-next-line\s+[\w\-, ]*[\w\-]/.exec(above);
  const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  const edit: TextEdit = existing
    ? { range: { start: { line: line - 1, character: existing[0].length }, end: { line: line - 1, character: existing[0].length } }, newText: python ? `,${rule}` : `, ${rule}` }
    : { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${python ? `# o11y-lint: disable=${rule}` : `// o11y-lint-disable-next-line ${rule}`}${eol}` };
  return {
    title: `Disable ${rule} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit(doc, [edit], documentChanges),
  };
}

/** Whether a YAML line is content of a `|` / `>` block scalar (its parent line ends the header). */
function insideBlockScalar(doc: TextDocument, line: number): boolean {
  const lineText = (l: number) => doc.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }).replace(/\r?\n$/, '');
  const indent = (t: string) => /^ */.exec(t)![0].length;
  const own = indent(lineText(line));
  for (let l = line - 1; l >= 0; l--) {
    const t = lineText(l);
    if (!t.trim()) continue;
    if (indent(t) < own) return /:\s*[|>][-+0-9]*\s*(#.*)?$/.test(t);
  }
  return false;
}
