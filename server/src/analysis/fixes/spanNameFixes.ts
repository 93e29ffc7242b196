/**
 * span-name-cardinality fix: a static span name from the literal parts of a dynamic one, the
 * values moved to span attributes (named like the structured-log fields: structured.ts).
 * Python: `attributes={...}` on start_span / start_as_current_span (merged into an existing
 * dict literal); JS/TS: the `{ attributes: {...} }` options argument of startSpan /
 * startActiveSpan (name, fn) / (name, options, fn) / (name, options, context, fn).
 */
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import type { JsContext, PyContext } from '../rule';
import type { OffsetEdit, OffsetFix } from '../types';
import { propertyKeyName, unwrap } from '../js/nodes';
import type { JsSpanRename, JsSpanStart } from '../js/spans';
import type { PySpanRename, PySpanStart } from '../python/spans';
import { dictFields } from '../python/logCalls';
import { jsAddProperties, jsInsertArguments, pyAddKeyword, pyItemList } from './callEdits';
import { jsSemi, jsString, lineEnd, lineIndentAt, lineStart } from './insert';
import { insertItems } from './listEdits';
import { jsFieldName, jsMessagePieces, pyFieldName, pyMessagePieces, type Piece } from './structured';

export const SPAN_NAME_FIX_TITLE = 'Use a static span name and set the values as attributes';

/** The static text of the pieces (values dropped), tidied: `GET /users/{id}` → `GET /users`. */
export function staticSpanName(texts: readonly (string | undefined)[]): string {
  let name = texts.map((t) => (t === undefined ? '\u0000' : t)).join('');
  // A separator doubled around a removed value (`/users/{id}/orders`) stays single.
  name = name.replace(/([/.:\-_#])[ \t]*\u0000[ \t]*\1/g, '$1').replace(/\u0000/g, ' ');
  name = name.replace(/\s+/g, ' ');
  return name.replace(/^[\s.:\-_#,=(]+/, '').replace(/[\s/.:\-_#,=(]+$/, '');
}

/** Attribute keys for the values, unique among themselves and the existing ones. */
function attributeEntries<N>(pieces: readonly Piece<N>[], source: (n: N) => string, nameOf: (n: N) => string | undefined, existing: ReadonlySet<string>): { key: string; value: string; node: N }[] {
  const out: { key: string; value: string; node: N }[] = [];
  const seen = new Set<string>();
  const keys = new Set(existing);
  let unnamed = 0;
  for (const p of pieces) {
    if ('text' in p) continue;
    const value = source(p.expr);
    if (seen.has(value)) continue;
    seen.add(value);
    let key = p.name ?? nameOf(p.expr) ?? `value_${++unnamed}`;
    for (let i = 2; keys.has(key); i++) key = `${p.name ?? nameOf(p.expr) ?? 'value'}_${i}`;
    keys.add(key);
    out.push({ key, value, node: p.expr });
  }
  return out;
}

// ---------------------------------------------------------------- Python

function pyQuote(name: Node): string {
  let n = name;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  const str = n.type === 'string' ? n : n.type === 'concatenated_string' ? n.namedChildren[0] : n.type === 'binary_operator' ? n.childForFieldName('left') : n.type === 'call' ? n.childForFieldName('function')?.childForFieldName('object') : undefined;
  const q = /^[a-zA-Z]*("|')/.exec(str?.text ?? '')?.[1];
  return q ?? '"';
}

/** The static name literal (in the name's quote) and the pieces of a dynamic Python span name; undefined when no words are left. */
function pyNameParts(name: Node, shape: string): { literal: string; pieces: Piece<Node>[] } | undefined {
  const pieces = pyMessagePieces(name);
  if (!pieces) return undefined;
  const clean = (t: string) => (shape === 'percent' ? t.replace(/%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]/g, (m) => (m === '%%' ? '%' : '\u0000')) : shape === 'format' ? t.replace(/\{[^{}]*\}/g, '\u0000') : t);
  const texts = pieces.flatMap((p) => ('text' in p ? clean(p.text).split('\u0000').flatMap((s, i) => (i ? [undefined, s] : [s])) : [undefined]));
  const staticName = staticSpanName(texts);
  if (!/\w/.test(staticName)) return undefined;
  const q = pyQuote(name);
  if (staticName.includes(q) || staticName.endsWith('\\')) return undefined;
  return { literal: `${q}${staticName}${q}`, pieces };
}

export function pySpanNameFix(ctx: PyContext, start: PySpanStart, shape: string): OffsetFix | undefined {
  const name = start.name;
  const parts = name && pyNameParts(name, shape);
  if (!name || !parts) return undefined;
  const attrs = start.attributes;
  const existing = attrs?.type === 'dictionary' ? new Set(dictFields(attrs).map((f) => f.key)) : new Set<string>();
  if (attrs && attrs.type !== 'dictionary') return undefined;
  const entries = attributeEntries(parts.pieces, (n: Node) => n.text, pyFieldName, existing);
  if (!entries.length) return undefined;
  const items = entries.map((e) => `"${e.key}": ${e.value}`);
  const edits: OffsetEdit[] = [{ start: name.startIndex, end: name.endIndex, text: parts.literal }];
  if (attrs) edits.push(...insertItems(ctx.text, pyItemList(attrs), pyItemList(attrs).items.length, items, ctx.eol, false));
  else edits.push(...pyAddKeyword(ctx.text, ctx.eol, start.call, `attributes={${items.join(', ')}}`));
  return { title: SPAN_NAME_FIX_TITLE, safe: false, isPreferred: true, edits };
}

/**
 * `span.update_name(f"GET {path}")` as a statement of its own line → `span.update_name("GET")`
 * and, on the next line, `span.set_attributes({"path": path})`.
 */
export function pySpanRenameFix(ctx: PyContext, rename: PySpanRename, shape: string): OffsetFix | undefined {
  const { text } = ctx;
  const name = rename.name;
  const parts = name && pyNameParts(name, shape);
  const stmt = rename.call.parent;
  if (!name || !parts || stmt?.type !== 'expression_statement' || stmt.namedChildren.length !== 1) return undefined;
  if (!/^(identifier|attribute|call)$/.test(rename.span.type) || /[\r\n]/.test(rename.span.text)) return undefined;
  const indent = lineIndentAt(text, stmt.startIndex);
  if (lineStart(text, stmt.startIndex) + indent.length !== stmt.startIndex) return undefined;
  const end = lineEnd(text, stmt.endIndex);
  if (!/^[ \t]*(#.*)?$/.test(text.slice(stmt.endIndex, end))) return undefined;
  const entries = attributeEntries(parts.pieces, (n: Node) => n.text, pyFieldName, new Set());
  if (!entries.length) return undefined;
  const items = entries.map((e) => `"${e.key}": ${e.value}`).join(', ');
  return {
    title: SPAN_NAME_FIX_TITLE, safe: false, isPreferred: true,
    edits: [{ start: name.startIndex, end: name.endIndex, text: parts.literal }, { start: end, end, text: `${ctx.eol}${indent}${rename.span.text}.set_attributes({${items}})` }],
  };
}

// ---------------------------------------------------------------- JS / TS

export function jsSpanNameFix(ctx: JsContext, start: JsSpanStart): OffsetFix | undefined {
  const sf = ctx.sourceFile;
  const name = start.name;
  if (!name) return undefined;
  const pieces = jsMessagePieces(name, (n) => ctx.facts.qualify(n));
  if (!pieces) return undefined;
  const staticName = staticSpanName(pieces.map((p) => ('text' in p ? p.text : undefined)));
  if (!/\w/.test(staticName)) return undefined;
  const args = start.call.arguments;
  const second = args[1] && unwrap(args[1]);
  // The options argument: startSpan(name, options?, context?), startActiveSpan(name, [options, [context,]] fn).
  const hasOptions = start.method === 'startSpan' ? args.length >= 2 : args.length >= 3;
  if (hasOptions && !(second && ts.isObjectLiteralExpression(second))) return undefined;
  const options = hasOptions ? (second as ts.ObjectLiteralExpression) : undefined;
  const attrProp = options?.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyKeyName(p.name) === 'attributes');
  if (options?.properties.some((p) => !ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p))) return undefined;
  if (options?.properties.some((p) => ts.isShorthandPropertyAssignment(p) && p.name.text === 'attributes')) return undefined;
  const attrObj = attrProp && unwrap(attrProp.initializer);
  if (attrProp && !(attrObj && ts.isObjectLiteralExpression(attrObj))) return undefined;
  const existing = new Set((attrObj as ts.ObjectLiteralExpression | undefined)?.properties.map((p) => (p.name ? propertyKeyName(p.name as ts.PropertyName) ?? '' : '')) ?? []);
  const entries = attributeEntries(pieces, (n: ts.Expression) => n.getText(sf), jsFieldName, existing);
  if (!entries.length) return undefined;
  const props = entries.map((e) => (/^[A-Za-z_$][\w$]*$/.test(e.key) ? (e.key === e.value ? e.key : `${e.key}: ${e.value}`) : `${jsString(ctx.text, e.key)}: ${e.value}`));
  const edits: OffsetEdit[] = [{ start: name.getStart(sf), end: name.end, text: jsString(ctx.text, staticName) }];
  if (attrObj) edits.push(...jsAddProperties(sf, ctx.eol, attrObj as ts.ObjectLiteralExpression, props));
  else if (options) edits.push(...jsAddProperties(sf, ctx.eol, options, [`attributes: { ${props.join(', ')} }`]));
  else edits.push(...jsInsertArguments(sf, ctx.eol, start.call, 1, [`{ attributes: { ${props.join(', ')} } }`]));
  return { title: SPAN_NAME_FIX_TITLE, safe: false, isPreferred: true, edits };
}

/**
 * `span.updateName(`GET ${path}`);` as a statement of its own line → `span.updateName('GET');`
 * and, on the next line, `span.setAttributes({ path });`.
 */
export function jsSpanRenameFix(ctx: JsContext, rename: JsSpanRename): OffsetFix | undefined {
  const sf = ctx.sourceFile;
  const { text } = ctx;
  const name = rename.name;
  if (!name) return undefined;
  const pieces = jsMessagePieces(name, (n) => ctx.facts.qualify(n));
  if (!pieces) return undefined;
  const staticName = staticSpanName(pieces.map((p) => ('text' in p ? p.text : undefined)));
  if (!/\w/.test(staticName)) return undefined;
  const stmt = rename.call.parent;
  if (!ts.isExpressionStatement(stmt) || unwrap(stmt.expression) !== rename.call) return undefined;
  const span = unwrap(rename.span);
  if (!(ts.isIdentifier(span) || ts.isPropertyAccessExpression(span) || ts.isCallExpression(span)) || /[\r\n]/.test(span.getText(sf))) return undefined;
  const start = stmt.getStart(sf);
  const indent = lineIndentAt(text, start);
  if (lineStart(text, start) + indent.length !== start || !ts.isBlock(stmt.parent) && !ts.isSourceFile(stmt.parent)) return undefined;
  const end = lineEnd(text, stmt.end);
  if (!/^[ \t]*(\/\/.*)?$/.test(text.slice(stmt.end, end))) return undefined;
  const entries = attributeEntries(pieces, (n: ts.Expression) => n.getText(sf), jsFieldName, new Set());
  if (!entries.length) return undefined;
  const props = entries.map((e) => (/^[A-Za-z_$][\w$]*$/.test(e.key) ? (e.key === e.value ? e.key : `${e.key}: ${e.value}`) : `${jsString(text, e.key)}: ${e.value}`));
  const semi = stmt.getText(sf).endsWith(';') ? ';' : jsSemi(ctx);
  const callee = unwrap(rename.call.expression);
  const dot = ts.isPropertyAccessExpression(callee) && callee.questionDotToken ? '?.' : '.';
  return {
    title: SPAN_NAME_FIX_TITLE, safe: false, isPreferred: true,
    edits: [{ start: name.getStart(sf), end: name.end, text: jsString(text, staticName) }, { start: end, end, text: `${ctx.eol}${indent}${span.getText(sf)}${dot}setAttributes({ ${props.join(', ')} })${semi}` }],
  };
}
