/** Small helpers over tree-sitter Python nodes, shared by the Python side of every rule. */
import type { Node } from 'web-tree-sitter';

const DOTTED = /^[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)+$/;

/** `a.b.c` for identifier/attribute chains, else undefined. Reads the source text when it can (no tree calls). */
export function dottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const type = node.type;
  if (type === 'identifier') return node.text;
  if (type === 'attribute') {
    const text = node.text;
    if (DOTTED.test(text)) return text.replace(/\s+/g, '');
    const obj = dottedName(node.childForFieldName('object'));
    const attr = node.childForFieldName('attribute');
    return obj && attr ? `${obj}.${attr.text}` : undefined;
  }
  return undefined;
}

/**
 * A comment or a backslash line continuation: tree-sitter puts both among a node's named children wherever they
 * occur (`f("a", \\\n b)` has three), but neither is code. Skip them when reading children as code.
 */
export function isExtra(node: Node): boolean {
  return node.type === 'comment' || node.type === 'line_continuation';
}

/** A node's named children that are code: no comments, no line continuations. */
export function codeChildren(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => !!c && !isExtra(c));
}

export interface PyArgs {
  positional: Node[];
  keywords: Map<string, { name: Node; value: Node; node: Node }>;
  /** `*args` / `**kwargs` present: the call's full argument set is unknown. */
  hasSplat: boolean;
}

/**
 * Arguments per call, shared by every rule's listener: kept per tree and keyed by node id (unique within
 * a tree), not in a WeakMap keyed by the node objects, which costs a hash slot on every short-lived node.
 */
const argsCache = new WeakMap<Node['tree'], Map<number, PyArgs>>();

/** Positional and keyword arguments of a `call` node (do not mutate the result: it is shared). */
export function callArgs(call: Node): PyArgs {
  let perTree = argsCache.get(call.tree);
  if (!perTree) argsCache.set(call.tree, (perTree = new Map()));
  let args = perTree.get(call.id);
  if (!args) {
    args = computeArgs(call);
    perTree.set(call.id, args);
  }
  return args;
}

function computeArgs(call: Node): PyArgs {
  const result: PyArgs = { positional: [], keywords: new Map(), hasSplat: false };
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return result;
  for (const arg of list.namedChildren) {
    if (!arg || isExtra(arg)) continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) result.keywords.set(name.text, { name, value, node: arg });
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      result.hasSplat = true;
    } else {
      result.positional.push(arg);
    }
  }
  return result;
}

/** Interpolation expressions of an f-string (empty for plain strings). */
export function interpolations(str: Node): Node[] {
  const out: Node[] = [];
  for (const child of str.namedChildren) {
    if (child?.type === 'interpolation') {
      const expr = child.childForFieldName('expression') ?? child.namedChildren[0];
      if (expr) out.push(expr);
    }
  }
  return out;
}

/** A string literal (or implicit concatenation of them) with no interpolation. */
export function isStaticString(node: Node): boolean {
  if (node.type === 'string') return interpolations(node).length === 0;
  if (node.type === 'concatenated_string') return node.namedChildren.every((c) => !!c && isStaticString(c));
  return false;
}

/** A string literal of any kind, f-strings included. */
export function isStringLike(node: Node): boolean {
  return node.type === 'string' || node.type === 'concatenated_string';
}

/** The value of a static string literal, without prefix and quotes; undefined when not static. */
export function stringValue(node: Node): string | undefined {
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((c) => (c ? stringValue(c) : undefined));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string' || !isStaticString(node)) return undefined;
  return node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
}

/** The nearest ancestor of one of the given types, stopping at function boundaries if asked. */
export function ancestor(node: Node, types: readonly string[], stopAt: readonly string[] = []): Node | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (types.includes(p.type)) return p;
    if (stopAt.includes(p.type)) return undefined;
  }
  return undefined;
}

/** Whether the node sits inside `if __name__ == "__main__":`. */
export function insideMainGuard(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    const body = p.childForFieldName('consequence');
    if (cond && body && body.startIndex <= node.startIndex && node.endIndex <= body.endIndex && isMainCheck(cond)) return true;
  }
  return false;
}

const mainCalls = new WeakMap<Node['tree'], Set<string>>();

/** Names of the functions the module's `if __name__ == "__main__":` blocks call (`main()`, `sys.exit(main())`); once per tree. */
export function mainGuardCalls(anyNode: Node): Set<string> {
  let names = mainCalls.get(anyNode.tree);
  if (names) return names;
  names = new Set();
  for (const stmt of anyNode.tree.rootNode.namedChildren) {
    if (stmt?.type !== 'if_statement') continue;
    const cond = stmt.childForFieldName('condition')?.text ?? '';
    if (!/\b__name__\b/.test(cond) || !/['"]__main__['"]/.test(cond)) continue;
    for (const call of stmt.childForFieldName('consequence')?.descendantsOfType('call') ?? []) {
      const fn = call?.childForFieldName('function');
      if (fn?.type === 'identifier') names.add(fn.text);
    }
  }
  mainCalls.set(anyNode.tree, names);
  return names;
}

function isMainCheck(cond: Node): boolean {
  if (cond.type !== 'comparison_operator') return false;
  const parts = cond.namedChildren;
  return parts.length === 2 && parts.some((c) => c?.text === '__name__') && parts.some((c) => !!c && stringValue(c) === '__main__');
}

/** The operands of a `+` chain (`a + "b" + c` → a, "b", c), through parentheses. Iterative: chains can be long. */
export function plusLeaves(node: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '+') {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (r) stack.push(r);
      if (l) stack.push(l);
    } else if (n.type === 'parenthesized_expression' && n.namedChildren[0]) stack.push(n.namedChildren[0]);
    else out.push(n);
  }
  return out;
}
