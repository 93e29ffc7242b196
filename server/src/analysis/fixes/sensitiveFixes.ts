/**
 * `sensitive-data-in-log`'s fixes besides "Redact": "Mask PII" (wrap in `hash_pii(...)` /
 * `hashPii(...)`, the helper inserted once per file or imported from `o11yLint.maskHelper`;
 * card numbers keep their last 4 digits through `mask_card` / `maskCard`), "Remove secret
 * field" (delete the field) and, for pino loggers created in the same file, "Add to redact
 * paths" (the logger's `redact` option).
 */
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import type { JsContext, PyContext } from '../rule';
import type { OffsetEdit } from '../types';
import { parseMaskHelper } from '../maskHelper';
import { dottedName, unwrap } from '../js/nodes';
import {
  indentUnit, perFileMemo, jsInsideFunction, pyInsideFunction, runsBeforeInsert, jsImportEdit, jsImportedName, jsModuleDeclares, jsModuleStatementEdit, jsQuote, jsSemi, mergeInserts, pyImportEdit,
  pyModuleAssigns, pyModuleStatementEdit,
} from './insert';

/** Card numbers keep their last 4 digits (RULES.md); other PII is hashed. */
export function isCardTerm(term: string): boolean {
  return /card|^cc_|^pan$/.test(term);
}

/** No edits when module-level code would call the helper before it is defined. */
export interface MaskEdits { edits: OffsetEdit[]; note?: string }

function pyHelper(ctx: PyContext, card: boolean): { name: string; edit?: OffsetEdit; note?: string } {
  return perFileMemo(ctx.tree, `maskHelper:${card}`, () => computePyHelper(ctx, card));
}

function computePyHelper(ctx: PyContext, card: boolean): { name: string; edit?: OffsetEdit; note?: string } {
  const u = indentUnit(ctx.text);
  const eol = ctx.eol;
  const configured = parseMaskHelper(ctx.settings.maskHelper);
  if (!card && configured?.lang === 'py') {
    const { module, name } = configured;
    const edit = pyImportEdit(ctx, `from ${module} import ${name}`);
    return { name, edit, note: edit && `adds \`from ${module} import ${name}\`` };
  }
  const name = card ? 'mask_card' : 'hash_pii';
  if (pyModuleAssigns(ctx, name) || ctx.facts.imports.has(name)) return { name };
  const body = card
    ? [`"""Mask a card number for logs: only its last 4 digits stay visible; None stays None."""`, 'if value is None:', `${u}return None`, 'return "****" + str(value)[-4:]']
    : [`"""Mask personal data for logs: the first 12 hex chars of its SHA-256; None stays None."""`, 'import hashlib', '', 'if value is None:', `${u}return None`,
      'return hashlib.sha256(str(value).encode("utf-8")).hexdigest()[:12]'];
  const text = [`def ${name}(value):`, ...body.map((l) => (l ? u + l : l))].join(eol) + eol;
  return { name, edit: pyModuleStatementEdit(ctx, text, false), note: `adds \`${name}\` helper` };
}

/** `value` → `hash_pii(value)` (or `mask_card(value)`), plus the helper or its import when the file has neither. */
export function pyMaskEdits(ctx: PyContext, value: Node, card: boolean): MaskEdits {
  const helper = pyHelper(ctx, card);
  const wrap = [{ start: value.startIndex, end: value.startIndex, text: `${helper.name}(` }, { start: value.endIndex, end: value.endIndex, text: ')' }];
  if (helper.edit && runsBeforeInsert(value.startIndex, () => pyInsideFunction(value), [helper.edit])) return { edits: [] };
  return { edits: mergeInserts([helper.edit, ...wrap]), note: helper.edit && helper.note };
}

/** The span deleting a keyword argument / dict pair / list element together with one separating comma. */
export function pyRemoveSpan(text: string, item: Node): { start: number; end: number } | undefined {
  const next = item.nextNamedSibling;
  const prev = item.previousNamedSibling;
  if (next && next.type !== 'comment') return { start: item.startIndex, end: next.startIndex };
  if (prev && prev.type !== 'comment') return { start: prev.endIndex, end: item.endIndex };
  // The only item: remove it and a trailing comma.
  const after = /^\s*,/.exec(text.slice(item.endIndex));
  return { start: item.startIndex, end: item.endIndex + (after ? after[0].length : 0) };
}

const isTs = (ctx: JsContext) => /\.[cm]?tsx?$/i.test(ctx.filename) || ctx.filename === '';

function jsHelper(ctx: JsContext, card: boolean): { name: string; edits: (OffsetEdit | undefined)[]; note?: string } {
  return perFileMemo(ctx.sourceFile, `maskHelper:${card}`, () => computeJsHelper(ctx, card));
}

function computeJsHelper(ctx: JsContext, card: boolean): { name: string; edits: (OffsetEdit | undefined)[]; note?: string } {
  const configured = parseMaskHelper(ctx.settings.maskHelper);
  if (!card && configured?.lang === 'js') {
    const { module, name: named } = configured;
    const local = jsImportedName(ctx, { module, named });
    if (local) return { name: local, edits: [] };
    return { name: named, edits: [jsImportEdit(ctx, { module, named })], note: `adds \`${named}\` import` };
  }
  const name = card ? 'maskCard' : 'hashPii';
  if (jsModuleDeclares(ctx, name)) return { name, edits: [] };
  const u = indentUnit(ctx.text);
  const semi = jsSemi(ctx);
  const q = jsQuote(ctx.text);
  const sig = isTs(ctx) ? '(value: unknown): string | undefined' : '(value)';
  const edits: (OffsetEdit | undefined)[] = [];
  let expr: string;
  if (card) expr = `\`****\${String(value).slice(-4)}\``;
  else {
    const local = jsImportedName(ctx, { module: 'crypto', named: 'createHash' }) ?? jsImportedName(ctx, { module: 'node:crypto', named: 'createHash' });
    if (!local) edits.push(jsImportEdit(ctx, { module: 'node:crypto', named: 'createHash' }));
    expr = `${local ?? 'createHash'}(${q}sha256${q}).update(String(value)).digest(${q}hex${q}).slice(0, 12)`;
  }
  const comment = card ? 'Mask a card number for logs: only its last 4 digits stay visible.' : 'Mask personal data for logs: the first 12 hex chars of its SHA-256.';
  const fn = [`/** ${comment} */`, `function ${name}${sig} {`, `${u}return value == null ? undefined : ${expr}${semi}`, '}'].join(ctx.eol);
  edits.push(jsModuleStatementEdit(ctx, fn, false));
  return { name, edits, note: `adds \`${name}\` helper` };
}

/**
 * Wraps a JS value in the helper: `value` → `hashPii(value)`; for a shorthand property
 * (`{ email }`) pass the property as `node` and `name`: → `email: hashPii(email)`.
 */
export function jsMaskEdits(ctx: JsContext, node: ts.Node, card: boolean, shorthand?: string): MaskEdits {
  const helper = jsHelper(ctx, card);
  const sf = ctx.sourceFile;
  const start = node.getStart(sf);
  const wrap = shorthand
    ? [{ start, end: node.end, text: `${shorthand}: ${helper.name}(${shorthand})` }]
    : [{ start, end: start, text: `${helper.name}(` }, { start: node.end, end: node.end, text: ')' }];
  const setup = mergeInserts(helper.edits);
  if (runsBeforeInsert(start, () => jsInsideFunction(node), setup)) return { edits: [] };
  return { edits: mergeInserts([...setup, ...wrap]), note: setup.length ? helper.note : undefined };
}

/** The span deleting an object property with one separating comma. */
export function jsRemoveSpan(prop: ts.ObjectLiteralElementLike, sf: ts.SourceFile): { start: number; end: number } {
  const list = (prop.parent as ts.ObjectLiteralExpression).properties;
  const i = list.indexOf(prop);
  if (i < list.length - 1) return { start: prop.getStart(sf), end: list[i + 1].getStart(sf) };
  if (i > 0) return { start: list[i - 1].end, end: prop.end };
  const after = /^\s*,/.exec(sf.text.slice(prop.end));
  return { start: prop.getStart(sf), end: prop.end + (after ? after[0].length : 0) };
}

/**
 * For a pino logger created in this file (`const logger = pino({...})`, possibly through
 * `.child()`), an edit adding `path` to its `redact` option; undefined when the logger is
 * created elsewhere, its options are not an object literal, or the path is already there.
 */
export function jsPinoRedactEdit(ctx: JsContext, call: ts.CallExpression, path: string): OffsetEdit | undefined {
  const sf = ctx.sourceFile;
  const factory = pinoFactoryOf(ctx, call);
  if (!factory) return undefined;
  const q = jsQuote(ctx.text);
  const lit = `${q}${path}${q}`;
  const opts = factory.arguments[0] && unwrap(factory.arguments[0]);
  if (!opts) {
    const open = factory.arguments.pos;
    return { start: open, end: open, text: `{ redact: [${lit}] }` };
  }
  if (!ts.isObjectLiteralExpression(opts)) return undefined;
  const redact = opts.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'redact');
  let list = redact && unwrap(redact.initializer);
  if (list && ts.isObjectLiteralExpression(list)) {
    const paths = list.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'paths');
    list = paths && unwrap(paths.initializer);
  }
  if (redact) {
    if (!list || !ts.isArrayLiteralExpression(list)) return undefined;
    if (list.elements.some((e) => ts.isStringLiteralLike(e) && e.text === path)) return undefined;
    const last = list.elements[list.elements.length - 1];
    return last ? { start: last.end, end: last.end, text: `, ${lit}` } : { start: list.getStart(sf) + 1, end: list.getStart(sf) + 1, text: lit };
  }
  const lastProp = opts.properties[opts.properties.length - 1];
  if (!lastProp) return { start: opts.getStart(sf) + 1, end: opts.end - 1, text: ` redact: [${lit}] ` };
  return { start: lastProp.end, end: lastProp.end, text: `, redact: [${lit}]` };
}

/** The paths a pino logger created in this file redacts (`redact: [...]` or `redact: { paths: [...] }`). */
export function jsPinoRedacts(ctx: JsContext, call: ts.CallExpression, path: string): boolean {
  const opts = pinoFactoryOf(ctx, call)?.arguments[0];
  const o = opts && unwrap(opts);
  if (!o || !ts.isObjectLiteralExpression(o)) return false;
  const prop = (obj: ts.ObjectLiteralExpression, key: string) => {
    const p = obj.properties.find((x): x is ts.PropertyAssignment => ts.isPropertyAssignment(x) && ts.isIdentifier(x.name) && x.name.text === key);
    return p && unwrap(p.initializer);
  };
  let list = prop(o, 'redact');
  if (list && ts.isObjectLiteralExpression(list)) list = prop(list, 'paths');
  return !!list && ts.isArrayLiteralExpression(list) && list.elements.some((e) => ts.isStringLiteralLike(e) && e.text === path);
}

const factories = new WeakMap<ts.SourceFile, Map<string, ts.CallExpression | null>>();

/** The `pino(...)` call that created the receiver of a logger call (through `.child()`), when it is in this file. */
function pinoFactoryOf(ctx: JsContext, call: ts.CallExpression): ts.CallExpression | undefined {
  if (!ts.isPropertyAccessExpression(unwrap(call.expression))) return undefined;
  let receiver = unwrap((unwrap(call.expression) as ts.PropertyAccessExpression).expression);
  while (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'child') receiver = unwrap(receiver.expression.expression);
  const name = dottedName(receiver);
  if (!name) return undefined;
  let perFile = factories.get(ctx.sourceFile);
  if (!perFile) factories.set(ctx.sourceFile, (perFile = new Map()));
  let found = perFile.get(name);
  if (found === undefined) perFile.set(name, (found = pinoFactory(ctx, name) ?? null));
  return found ?? undefined;
}

/** The `pino(...)` call a module-level `const <name> = pino(...)` (or `this.<name> = pino(...)`) makes. */
function pinoFactory(ctx: JsContext, name: string): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const isPino = (e: ts.Expression | undefined): e is ts.CallExpression => {
    const u = e && unwrap(e);
    if (!u || !ts.isCallExpression(u)) return false;
    const callee = dottedName(u.expression);
    const q = callee && ctx.facts.qualify(callee);
    return q === 'pino' || q === 'pino.pino' || q === 'pino.default';
  };
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && isPino(n.initializer)) found = unwrap(n.initializer!) as ts.CallExpression;
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && dottedName(n.left) === name && isPino(n.right)) found = unwrap(n.right) as ts.CallExpression;
    else if (ts.isPropertyDeclaration(n) && ts.isIdentifier(n.name) && `this.${n.name.text}` === name && isPino(n.initializer)) found = unwrap(n.initializer!) as ts.CallExpression;
    if (!found) ts.forEachChild(n, visit);
  };
  visit(ctx.sourceFile);
  return found;
}
