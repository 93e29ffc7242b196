/**
 * Per-document parse state kept by the language server between edits, so a one-line change
 * re-parses incrementally (tree-sitter `edit` + `parse(text, oldTree)`, TypeScript
 * `updateSourceFile`) instead of from scratch. Analysis results never depend on it.
 */
import ts = require('typescript');
import { Edit, type Point, type Tree } from 'web-tree-sitter';
import { parseJs, scriptKindFor } from './js/parser';
import { parsePython, pythonSource } from './python/parser';

/** The changed span between two texts: common prefix and suffix trimmed. */
export function textChange(before: string, after: string): { start: number; oldEnd: number; newEnd: number } | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) { oldEnd--; newEnd--; }
  return { start, oldEnd, newEnd };
}

function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { row++; lineStart = i + 1; }
  return { row, column: offset - lineStart };
}

export class ParseCache {
  private key = '';
  private text = '';
  private pyTree: Tree | undefined;
  private jsFile: ts.SourceFile | undefined;

  /** The Python tree for `text`; owned by the cache (do not delete it). */
  python(text: string): Tree {
    const source = pythonSource(text);
    if (this.pyTree && this.key === 'python') {
      const change = textChange(this.text, source);
      if (!change) return this.pyTree;
      this.pyTree.edit(new Edit({
        startIndex: change.start, oldEndIndex: change.oldEnd, newEndIndex: change.newEnd,
        startPosition: pointAt(this.text, change.start), oldEndPosition: pointAt(this.text, change.oldEnd), newEndPosition: pointAt(source, change.newEnd),
      }));
      let next: Tree;
      try {
        next = parsePython(text, this.pyTree);
      } catch (error) {
        this.clear(); // the next text parses from scratch
        throw error;
      }
      this.pyTree.delete();
      this.pyTree = next;
    } else {
      this.clear();
      this.pyTree = parsePython(text);
    }
    this.key = 'python';
    this.text = source;
    return this.pyTree;
  }

  /** The TypeScript source file for `text`, updated incrementally from the previous one. */
  js(text: string, languageId: string, filename: string): ts.SourceFile {
    const key = `js:${scriptKindFor(languageId, filename)}:${filename}`;
    if (this.jsFile && this.key === key) {
      const change = textChange(this.text, text);
      if (change) {
        this.jsFile = ts.updateSourceFile(this.jsFile, text, { span: { start: change.start, length: change.oldEnd - change.start }, newLength: change.newEnd - change.start });
      }
    } else {
      this.clear();
      this.jsFile = parseJs(text, languageId, filename);
    }
    this.key = key;
    this.text = text;
    return this.jsFile;
  }

  /** Frees the tree-sitter tree (WebAssembly memory); call when the document closes. */
  clear(): void {
    this.pyTree?.delete();
    this.pyTree = undefined;
    this.jsFile = undefined;
    this.key = '';
    this.text = '';
  }
}
