/**
 * Statement and block extents, in lines, for the scopes of other linters' directives
 * (foreignDirectives.ts): the statement a `# noqa` covers, the block a standalone
 * `# pylint: disable=…` covers, the compound statement a trailing one on its header covers.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { PyScopes } from '../foreignDirectives';
import type { LineIndex } from '../text';

const CLAUSES = new Set(['except_clause', 'except_group_clause', 'elif_clause', 'else_clause', 'finally_clause', 'case_clause']);

function isStatement(n: Node): boolean {
  const parent = n.parent;
  return CLAUSES.has(n.type) || !!parent && (parent.type === 'block' || parent.type === 'module' || parent.type === 'decorated_definition');
}

/** The header of a compound statement ends where its block starts; a simple statement is all header. */
function headerEndRow(n: Node): number {
  const children = n.children;
  const body = children.findIndex((c) => c?.type === 'block');
  if (body <= 0) return n.endPosition.row;
  return children[body - 1]!.endPosition.row;
}

/** First and last line of the statement around `offset` (for a compound statement, of its header). */
export function pyStatementLines(tree: Tree, offset: number): [number, number] {
  for (let n: Node | null = tree.rootNode.descendantForIndex(offset); n; n = n.parent) {
    if (n.type === 'module' || n.type === 'block') break;
    if (isStatement(n)) return [n.startPosition.row, headerEndRow(n)];
  }
  const row = tree.rootNode.descendantForIndex(offset)?.startPosition.row ?? 0;
  return [row, row];
}

/** The directive scopes of foreignDirectives.ts, answered from the tree. */
export function pyScopes(tree: Tree, text: string, lines: LineIndex): PyScopes {
  return {
    isComment: (offset) => tree.rootNode.descendantForIndex(offset)?.type === 'comment',
    blockEnd(offset) {
      const column = offset - lines.lineStart(lines.positionAt(offset).line);
      // The innermost block whose statements stand at the comment's column (a comment may be
      // attached to a deeper block it follows); the module for column 0.
      // A comment between a header and its block belongs to the compound statement, not the block.
      const standsIn = (block: Node | null | undefined): boolean => {
        const first = block?.namedChildren.find((c) => c && c.type !== 'comment');
        return !!first && first.startPosition.column <= column;
      };
      for (let n: Node | null = tree.rootNode.descendantForIndex(offset); n; n = n.parent) {
        if (n.type === 'module') return lines.lineCount - 1;
        const block = n.type === 'block' ? n : n.children.find((c) => c?.type === 'block' && c.startIndex > offset);
        if (block && standsIn(block)) return block.endPosition.row;
      }
      return lines.lineCount - 1;
    },
    compoundEnd(line) {
      const start = lines.lineStart(line);
      let at = start;
      while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
      for (let n: Node | null = tree.rootNode.descendantForIndex(at); n; n = n.parent) {
        if (n.startPosition.row !== line || n.type === 'module') break;
        if (n.children.some((c) => c?.type === 'block')) return n.endPosition.row;
      }
      return undefined;
    },
  };
}
