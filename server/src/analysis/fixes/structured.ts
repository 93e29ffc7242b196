/**
 * A message built at call time → a static event name plus fields (RULES.md
 * `unstructured-log-message` fix, shared by `no-print-logging`): the words of the static parts
 * make the event (`o11yLint.eventNameStyle`), each interpolated expression becomes a field
 * named from the expression (`user.id` → `user_id`, `order["id"]` → `order_id`,
 * `len(items)` → `items_count`, otherwise `value_1`…).
 */
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import type { EventNameStyle } from '../settings';
import { toEventName } from '../eventNames';
import { callArgs, codeChildren, plusLeaves } from '../python/nodes';
import { plusLeaves as jsPlusLeaves, propertyKeyName, unwrap } from '../js/nodes';

/** Static text or a value, in message order. `name` overrides the name derived from the expression. */
export type Piece<N> = { text: string } | { expr: N; name?: string };

export interface StructuredMessage {
  event: string;
  /** Raw field names (still to be made valid for the logger style) and the source text of the values. */
  fields: { key: string; value: string }[];
}

/**
 * Builds the event and fields from pieces; repeated expressions become one field. `fallbackEvent`
 * (the enclosing function's name) is asked only when the message has no words: most have.
 */
export function structure<N>(pieces: readonly Piece<N>[], style: EventNameStyle, source: (n: N) => string, nameOf: (n: N) => string | undefined, fallbackEvent: () => string): StructuredMessage {
  const text = pieces.map((p) => ('text' in p ? p.text : ' ')).join('');
  let event = toEventName(text.replace(/\\[nrt]/g, ' '), style === 'keep' ? 'snake_case' : style);
  if (style === 'keep' && text.trim()) event = toEventName(text, 'keep') || event;
  if (!event) event = toEventName(fallbackEvent(), style === 'keep' ? 'snake_case' : style) || 'event';
  const fields: { key: string; value: string }[] = [];
  const seen = new Map<string, string>();
  let unnamed = 0;
  for (const p of pieces) {
    if ('text' in p) continue;
    const value = source(p.expr);
    if (seen.has(value)) continue;
    const key = p.name ?? nameOf(p.expr) ?? `value_${++unnamed}`;
    seen.set(value, key);
    fields.push({ key, value });
  }
  return { event, fields };
}

// ---------------------------------------------------------------- Python

/** The field name for a Python expression, or undefined (→ `value_N`). */
export function pyFieldName(node: Node): string | undefined {
  switch (node.type) {
    case 'identifier': return node.text === 'self' || node.text === 'cls' ? undefined : node.text;
    case 'attribute': {
      const attr = node.childForFieldName('attribute')?.text;
      const obj = node.childForFieldName('object');
      const base = obj && (obj.type === 'identifier' || obj.type === 'attribute') ? pyFieldName(obj.type === 'attribute' ? obj.childForFieldName('attribute')! : obj) : undefined;
      return attr ? (base ? `${base}_${attr}` : attr) : undefined;
    }
    case 'subscript': {
      const value = node.childForFieldName('value');
      const key = node.childForFieldName('subscript');
      const base = value && pyFieldName(value);
      const k = key?.type === 'string' ? key.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('') : key?.type === 'integer' ? key.text : undefined;
      if (key?.type === 'slice') return base || undefined; // `rows[:3]` → `rows`
      return base && k && /^\w+$/.test(k) ? `${base}_${k}` : undefined;
    }
    case 'call': {
      const fn = node.childForFieldName('function')?.text;
      const arg = callArgs(node).positional[0];
      if (!arg || callArgs(node).positional.length !== 1) return undefined;
      if (fn === 'len') { const n = pyFieldName(arg); return n ? `${n}_count` : undefined; }
      if (fn === 'str' || fn === 'repr' || fn === 'int' || fn === 'float') return pyFieldName(arg);
      return undefined;
    }
    case 'parenthesized_expression': case 'await': return node.namedChildren[0] ? pyFieldName(node.namedChildren[0]) : undefined;
    default: return undefined;
  }
}

/** Pieces of a Python string literal (f-strings included), or undefined for bytes. */
function pyStringPieces(node: Node, out: Piece<Node>[]): boolean {
  if (node.type === 'concatenated_string') return node.namedChildren.every((c) => !!c && pyStringPieces(c, out));
  if (node.type !== 'string') return false;
  const prefix = /^[a-zA-Z]*/.exec(node.text)![0].toLowerCase();
  if (prefix.includes('b')) return false;
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_content') out.push({ text: c.text });
    else if (c.type === 'interpolation') {
      const expr = c.childForFieldName('expression') ?? c.namedChildren[0];
      if (!expr) return false;
      out.push({ expr });
    } else if (c.type === 'escape_interpolation') out.push({ text: ' ' });
  }
  return true;
}

/** `%` operands: a tuple's elements, a dict's `"key": value` pairs (named by key), or one value. */
function pyPercentOperands(right: Node, out: Piece<Node>[]): boolean {
  let r = right;
  while (r.type === 'parenthesized_expression' && codeChildren(r)[0]) r = codeChildren(r)[0];
  if (r.type === 'tuple') {
    for (const c of codeChildren(r)) { if (c.type === 'list_splat') return false; out.push({ expr: c }); }
    return true;
  }
  if (r.type === 'dictionary') {
    for (const pair of codeChildren(r)) {
      if (pair?.type !== 'pair') return false;
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      const name = key?.type === 'string' ? key.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('') : undefined;
      if (!value || !name) return false;
      out.push({ expr: value, name });
    }
    return true;
  }
  out.push({ expr: r });
  return true;
}

/** Pieces of a Python message expression; undefined when its shape is not understood (no fix). */
export function pyMessagePieces(msg: Node): Piece<Node>[] | undefined {
  const out: Piece<Node>[] = [];
  let m = msg;
  while (m.type === 'parenthesized_expression' && m.namedChildren[0]) m = m.namedChildren[0];
  if (m.type === 'string' || m.type === 'concatenated_string') return pyStringPieces(m, out) ? out : undefined;
  if (m.type === 'binary_operator') {
    const op = m.childForFieldName('operator')?.type;
    const left = m.childForFieldName('left');
    const right = m.childForFieldName('right');
    if (op === '%' && left && right) {
      if (!pyStringPieces(left, out) || out.some((p) => !('text' in p))) return undefined;
      const specs = left.text.replace(/%%/g, '').split('%').length - 1;
      const operands: Piece<Node>[] = [];
      if (!pyPercentOperands(right, operands)) return undefined;
      let r = right;
      while (r.type === 'parenthesized_expression' && r.namedChildren[0]) r = r.namedChildren[0];
      // A non-literal right side with several specs is a tuple built elsewhere: its values are unknown.
      if (r.type !== 'tuple' && r.type !== 'dictionary' && specs > 1) return undefined;
      return [...out, ...operands];
    }
    if (op === '+') {
      for (const leaf of plusLeaves(m)) {
        if (leaf.type === 'string' || leaf.type === 'concatenated_string') { if (!pyStringPieces(leaf, out)) return undefined; }
        else out.push({ expr: unwrapStr(leaf) });
      }
      return out;
    }
    return undefined;
  }
  if (m.type === 'call') {
    const fn = m.childForFieldName('function');
    const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    if (obj && fn?.childForFieldName('attribute')?.text === 'format' && (obj.type === 'string' || obj.type === 'concatenated_string')) {
      if (!pyStringPieces(obj, out) || out.some((p) => !('text' in p))) return undefined;
      const args = callArgs(m);
      if (args.hasSplat) return undefined;
      for (const a of args.positional) out.push({ expr: a });
      for (const [name, kw] of args.keywords) out.push({ expr: kw.value, name });
      return out;
    }
  }
  return undefined;
}

/** `str(x)` → `x`: the conversion is the logger's job. */
function unwrapStr(node: Node): Node {
  if (node.type === 'call' && node.childForFieldName('function')?.text === 'str') {
    const args = callArgs(node);
    if (args.positional.length === 1 && !args.keywords.size) return args.positional[0];
  }
  return node;
}

/** Pieces of `print(a, b, ...)` arguments (positional only; `sep`/`end`/`file`/`flush` are dropped). */
export function pyPrintPieces(args: readonly Node[]): Piece<Node>[] | undefined {
  const out: Piece<Node>[] = [];
  for (const a of args) {
    const dict: Piece<Node>[] = [];
    if (a.type === 'dictionary' && a.namedChildren.length && pyPercentOperands(a, dict) && dict.every((p) => 'name' in p && /^[A-Za-z_]\w*$/.test(p.name ?? ''))) {
      out.push(...dict); // `print({"exported": n})` → field `exported`
    } else if (a.type === 'string' || a.type === 'concatenated_string') {
      if (!pyStringPieces(a, out)) out.push({ expr: a });
    } else {
      const inner = pyMessagePieces(a);
      if (inner && a.type !== 'identifier') out.push(...inner);
      else out.push({ expr: unwrapStr(a) });
    }
    out.push({ text: ' ' });
  }
  return out;
}

export function pyStructured(pieces: readonly Piece<Node>[], style: EventNameStyle, fallbackEvent: () => string): StructuredMessage {
  return structure(pieces, style, (n) => n.text, pyFieldName, fallbackEvent);
}

/** The name of the function enclosing `node`, for an event name when the message has no words. */
export function pyEnclosingFunction(node: Node): string {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return p.childForFieldName('name')?.text ?? '';
  return '';
}

// ---------------------------------------------------------------- JS / TS

/** The field name for a JS expression, or undefined (→ `value_N`). */
export function jsFieldName(node: ts.Expression): string | undefined {
  const e = unwrap(node);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) {
    const inner = unwrap(e.expression);
    if (e.name.text === 'length') { const n = jsFieldName(inner); return n ? `${n}_count` : undefined; }
    const base = inner.kind === ts.SyntaxKind.ThisKeyword ? undefined : ts.isPropertyAccessExpression(inner) ? inner.name.text : ts.isIdentifier(inner) ? inner.text : undefined;
    return base ? `${base}_${e.name.text}` : e.name.text;
  }
  if (ts.isElementAccessExpression(e)) {
    const base = jsFieldName(e.expression);
    const arg = unwrap(e.argumentExpression);
    const k = ts.isStringLiteral(arg) || ts.isNumericLiteral(arg) ? arg.text : undefined;
    return base && k && /^\w+$/.test(k) ? `${base}_${k}` : undefined;
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.arguments.length === 1 && ['String', 'Number', 'JSON.stringify'].includes(e.expression.text)) return jsFieldName(e.arguments[0]);
  if (ts.isAwaitExpression(e)) return jsFieldName(e.expression);
  return undefined;
}

/** Pieces of a JS message expression; undefined when not understood. */
export function jsMessagePieces(msg: ts.Expression, qualify: (name: string) => string): Piece<ts.Expression>[] | undefined {
  const e = unwrap(msg);
  const out: Piece<ts.Expression>[] = [];
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [{ text: e.text }];
  if (ts.isTemplateExpression(e)) {
    out.push({ text: e.head.text });
    for (const span of e.templateSpans) out.push({ expr: span.expression }, { text: span.literal.text });
    return out;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    for (const leaf of jsPlusLeaves(e)) {
      const inner = ts.isTemplateExpression(leaf) || ts.isStringLiteral(leaf) || ts.isNoSubstitutionTemplateLiteral(leaf) ? jsMessagePieces(leaf, qualify) : undefined;
      if (inner) out.push(...inner);
      else out.push({ expr: jsUnwrapString(leaf) });
    }
    return out;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) || ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
    const name = e.expression.getText();
    const q = qualify(name);
    if ((q === 'util.format' || q === 'node:util.format') && e.arguments[0] && !e.arguments.some(ts.isSpreadElement)) {
      const first = unwrap(e.arguments[0]);
      if (!ts.isStringLiteral(first) && !ts.isNoSubstitutionTemplateLiteral(first)) return undefined;
      return [{ text: first.text }, ...e.arguments.slice(1).map((a) => ({ expr: a }))];
    }
  }
  return undefined;
}

function jsUnwrapString(e: ts.Expression): ts.Expression {
  const u = unwrap(e);
  return ts.isCallExpression(u) && ts.isIdentifier(u.expression) && u.expression.text === 'String' && u.arguments.length === 1 ? u.arguments[0] : e;
}

/** An expression that holds an error: `err`, `error`, `e`, `ex`, `*Error`, `new Error(...)`. */
export function jsLooksLikeError(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (ts.isNewExpression(u)) return /Error$/.test(u.expression.getText());
  const name = ts.isIdentifier(u) ? u.text : ts.isPropertyAccessExpression(u) ? u.name.text : '';
  return /^(e|ex|err|error|exc|exception|\w*Error|\w*Err)$/.test(name);
}

/** Properties of an object literal as pieces (fields named by their keys), or undefined when it has spreads / computed keys. */
export function jsObjectPieces(obj: ts.ObjectLiteralExpression): Piece<ts.Expression>[] | undefined {
  const out: Piece<ts.Expression>[] = [];
  for (const p of obj.properties) {
    if (ts.isShorthandPropertyAssignment(p)) out.push({ expr: p.name, name: p.name.text });
    else if (ts.isPropertyAssignment(p)) {
      const key = propertyKeyName(p.name);
      if (!key) return undefined;
      out.push({ expr: p.initializer, name: key });
    } else return undefined;
  }
  return out;
}

export function jsStructured(pieces: readonly Piece<ts.Expression>[], style: EventNameStyle, sf: ts.SourceFile, fallbackEvent: () => string): StructuredMessage {
  return structure(pieces, style, (n) => n.getText(sf), jsFieldName, fallbackEvent);
}

/** The name of the function enclosing `node`, for an event name when the message has no words. */
export function jsEnclosingFunction(node: ts.Node): string {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) {
      if (p.name && ts.isIdentifier(p.name)) return p.name.text;
      if (ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) return p.parent.name.text;
    }
  }
  return '';
}

/** Whether comments sit inside the node (a fix that rewrites it would drop them): the trivia before every token after its first. */
export function jsHasComments(node: ts.Node, sf: ts.SourceFile): boolean {
  const text = sf.text;
  const start = node.getStart(sf);
  if (!/\/[/*]/.test(text.slice(start, node.end))) return false; // no `//` or `/*` at all: the common case
  // Iterative: a 20,000-term `+` chain is 20,000 levels deep.
  const stack: ts.Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.pos > start && (ts.getLeadingCommentRanges(text, n.pos)?.length || ts.getTrailingCommentRanges(text, n.pos)?.length)) return true;
    stack.push(...n.getChildren(sf));
  }
  return false;
}
