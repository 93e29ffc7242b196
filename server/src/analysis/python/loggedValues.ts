/** What a Python log call writes: the names behind logged expressions, interpolated values, literal text. */
import type { Node } from 'web-tree-sitter';
import { dictFields } from './logCalls';
import { callArgs, codeChildren, dottedName, interpolations, plusLeaves } from './nodes';
import { isMaskingCallName, isTransparentCallName } from '../sensitive';

/** A literal value is not runtime data (and `"[REDACTED]"` must not fire again after the fix). */
export const PY_LITERALS = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none']);

/** `a.b.c` for a plain callee, else just the method name (`x().hexdigest` → `hexdigest`). */
function pyCalleeName(fn: Node | null): string | undefined {
  return dottedName(fn) ?? (fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined);
}

/** A call to a masking function, or a method called on one (`sha256(x).hexdigest()`). */
export function pyIsMasked(node: Node): boolean {
  if (node.type !== 'call') return false;
  const fn = node.childForFieldName('function');
  const name = pyCalleeName(fn);
  if (name && isMaskingCallName(name)) return true;
  const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
  return !!obj && pyIsMasked(obj);
}

/**
 * What a logged name is read from: `user` for `user.address`, `form` for `form["address"]`,
 * `server` for `server.address()`; undefined for a plain name or a complex object.
 */
export function pyValueReceiver(node: Node): string | undefined {
  switch (node.type) {
    case 'attribute': return lastSegment(node.childForFieldName('object'));
    case 'subscript': return lastSegment(node.childForFieldName('value'));
    case 'await': case 'parenthesized_expression': return node.namedChildren[0] ? pyValueReceiver(node.namedChildren[0]) : undefined;
    case 'call': {
      const fn = node.childForFieldName('function');
      const name = pyCalleeName(fn);
      if (name && isTransparentCallName(name)) {
        const inner = fn?.type === 'attribute' && !['str', 'repr'].includes(name) ? fn.childForFieldName('object') : callArgs(node).positional[0];
        return inner ? pyValueReceiver(inner) : undefined;
      }
      return fn?.type === 'attribute' ? lastSegment(fn.childForFieldName('object')) : undefined;
    }
    default: return undefined;
  }
}

function lastSegment(node: Node | null): string | undefined {
  if (node?.type === 'identifier') return node.text;
  if (node?.type === 'attribute') return node.childForFieldName('attribute')?.text;
  return undefined;
}

/** The name that decides for a logged Python expression; undefined when masked or nameless. */
export function pyValueName(node: Node): string | undefined {
  switch (node.type) {
    case 'identifier': return node.text;
    case 'attribute': return node.childForFieldName('attribute')?.text;
    case 'subscript': {
      const key = node.childForFieldName('subscript');
      if (key?.type === 'string') return key.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
      return undefined;
    }
    case 'await': return node.namedChildren[0] ? pyValueName(node.namedChildren[0]) : undefined;
    case 'parenthesized_expression': return node.namedChildren[0] ? pyValueName(node.namedChildren[0]) : undefined;
    case 'call': {
      if (pyIsMasked(node)) return undefined;
      const fn = node.childForFieldName('function');
      const name = pyCalleeName(fn);
      if (!name || isMaskingCallName(name)) return undefined;
      if (isTransparentCallName(name)) {
        const inner = fn?.type === 'attribute' && !['str', 'repr'].includes(name) ? fn.childForFieldName('object') : callArgs(node).positional[0];
        return inner ? pyValueName(inner) : undefined;
      }
      return name.slice(name.lastIndexOf('.') + 1);
    }
    default: return undefined;
  }
}

/** Values interpolated into a Python message: f-string parts, `%` operands, `.format()` arguments, `+` operands. */
export function messageValues(msg: Node): Node[] {
  if (msg.type === 'string') return interpolations(msg);
  if (msg.type === 'concatenated_string') return msg.namedChildren.flatMap((c) => (c ? interpolations(c) : []));
  if (msg.type === 'binary_operator') {
    const op = msg.childForFieldName('operator')?.type;
    const left = msg.childForFieldName('left');
    const right = msg.childForFieldName('right');
    if (op === '%' && right) {
      if (right.type === 'tuple') return codeChildren(right);
      if (right.type === 'dictionary') return dictFields(right).map((f) => f.value);
      return [right];
    }
    if (op === '+') return plusLeaves(msg).flatMap((side) => (side.type === 'string' || side.type === 'binary_operator' || side.type === 'concatenated_string' ? messageValues(side) : [side]));
  }
  if (msg.type === 'call') {
    const fn = msg.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
      const args = callArgs(msg);
      return [...args.positional, ...[...args.keywords.values()].map((k) => k.value)];
    }
  }
  return [];
}

/** The literal text pieces (`string_content` nodes) of string arguments: static strings and f-string parts. */
export function literalParts(nodes: readonly Node[]): Node[] {
  const out: Node[] = [];
  for (const node of nodes) {
    if (node.type === 'concatenated_string') out.push(...literalParts(node.namedChildren.filter((c): c is Node => !!c)));
    else if (node.type === 'string') for (const c of node.namedChildren) if (c?.type === 'string_content') out.push(c);
  }
  return out;
}
