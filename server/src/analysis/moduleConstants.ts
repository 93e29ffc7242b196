/**
 * Module constants and expressions built only from them, for `unstructured-log-message`: a
 * message that interpolates only constants (`f"{APP_NAME} started"`, `` `Supported: ${FORMATS.join(', ')}` ``)
 * has nothing to move into fields. A constant is a module-level name bound once to a literal
 * string, number or a literal list/tuple/array of them (JS: a top-level `const`, also `as const`
 * objects of literals). Built once per file, asked only for a message that would be reported.
 */
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { perFileMemo, pyModuleAssignments } from './fixes/insert';
import type { PyContext } from './rule';

type ConstKind = 'scalar' | 'list' | 'object';

const PY_SCALARS = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false']);

function pyLiteral(n: Node | null): ConstKind | undefined {
  if (!n) return undefined;
  if (PY_SCALARS.has(n.type)) return n.type === 'string' && n.namedChildren.some((c) => c?.type === 'interpolation') ? undefined : 'scalar';
  if ((n.type === 'list' || n.type === 'tuple') && n.namedChildren.every((c) => !c || c.type === 'comment' || pyLiteral(c) === 'scalar')) return 'list';
  return undefined;
}

/** Module-level names bound exactly once to a literal. */
export function pyConstants(ctx: PyContext): Map<string, ConstKind> {
  return perFileMemo(ctx.tree, 'moduleConstants', () => {
    const out = new Map<string, ConstKind>();
    const seen = new Set<string>();
    for (const a of pyModuleAssignments(ctx)) {
      const left = a.childForFieldName('left');
      if (left?.type !== 'identifier') continue;
      const right = a.childForFieldName('right');
      let kind = pyLiteral(right);
      // A list can be appended to later (`https_rules = []`): only a tuple, or an UPPER_CASE list, is a constant.
      if (kind === 'list' && right?.type === 'list' && !/^_*[A-Z][A-Z0-9_]*$/.test(left.text)) kind = undefined;
      if (seen.has(left.text) || !kind) out.delete(left.text);
      else out.set(left.text, kind);
      seen.add(left.text);
    }
    return out;
  });
}

/** `NAME`, `", ".join(NAMES)`, `len(NAMES)`, a literal: a value fixed by the code. */
export function pyIsConstant(n: Node, consts: Map<string, ConstKind>): boolean {
  if (pyLiteral(n)) return true;
  if (n.type === 'identifier') return consts.has(n.text);
  if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return pyIsConstant(n.namedChildren[0], consts);
  if (n.type !== 'call') return false;
  const fn = n.childForFieldName('function');
  const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => !!c);
  if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'join') {
    const sep = fn.childForFieldName('object');
    return !!sep && pyLiteral(sep) === 'scalar' && args.length === 1 && args[0].type === 'identifier' && consts.get(args[0].text) === 'list';
  }
  return fn?.text === 'len' && args.length === 1 && args[0].type === 'identifier' && consts.get(args[0].text) === 'list';
}

function jsLiteral(e: ts.Expression): ConstKind | undefined {
  let x = e;
  while (ts.isAsExpression(x) || ts.isParenthesizedExpression(x) || ts.isSatisfiesExpression(x)) x = x.expression;
  if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x) || ts.isNumericLiteral(x) || x.kind === ts.SyntaxKind.TrueKeyword || x.kind === ts.SyntaxKind.FalseKeyword) return 'scalar';
  if (ts.isArrayLiteralExpression(x) && x.elements.every((el) => jsLiteral(el) === 'scalar')) return 'list';
  if (ts.isObjectLiteralExpression(x) && x.properties.every((p) => ts.isPropertyAssignment(p) && jsLiteral(p.initializer) === 'scalar')) return 'object';
  return undefined;
}

const jsCache = new WeakMap<ts.SourceFile, Map<string, ConstKind>>();
/** Top-level `const NAME = <literal>` (a `const` cannot be bound twice). */
export function jsConstants(sf: ts.SourceFile): Map<string, ConstKind> {
  let out = jsCache.get(sf);
  if (out) return out;
  jsCache.set(sf, (out = new Map()));
  for (const stmt of sf.statements) {
    if (!ts.isVariableStatement(stmt) || !(stmt.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of stmt.declarationList.declarations) {
      const kind = ts.isIdentifier(d.name) && d.initializer ? jsLiteral(d.initializer) : undefined;
      if (kind) out.set((d.name as ts.Identifier).text, kind);
    }
  }
  return out;
}

/** `NAME`, `OBJ.KEY` (an `as const` object), `NAMES.join(', ')`, `NAMES.length`, a literal. */
export function jsIsConstant(e: ts.Expression, consts: Map<string, ConstKind>): boolean {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
  if (jsLiteral(x) === 'scalar') return true;
  if (ts.isIdentifier(x)) return consts.get(x.text) === 'scalar';
  if (ts.isPropertyAccessExpression(x) && ts.isIdentifier(x.expression)) {
    const kind = consts.get(x.expression.text);
    return kind === 'object' || (kind === 'list' && x.name.text === 'length');
  }
  if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'join' && ts.isIdentifier(x.expression.expression)) {
    return consts.get(x.expression.expression.text) === 'list' && x.arguments.every((a) => jsLiteral(a) === 'scalar');
  }
  return false;
}
