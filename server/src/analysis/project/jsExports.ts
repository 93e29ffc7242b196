/**
 * The exported values of a JS/TS module, from its top-level statements: ES `export` forms,
 * `export default`, `export =`, CommonJS `module.exports = …` / `exports.x = …`, and
 * re-exports (`export { logger } from './base'`, `export * from './base'`, an imported name
 * exported again). Each local value goes through the classifiers (classifiers.ts).
 */
import ts = require('typescript');
import type { JsFacts } from '../js/facts';
import { dottedName, unwrap } from '../js/nodes';
import type { ExportEntry, ModuleExports } from './exports';
import type { ExportedSymbol } from './view';

/** One exported value, as a classifier sees it. */
export interface JsExportedValue {
  /** The exported name; `default` for `export default` / `module.exports = …`. */
  name: string;
  /** An expression, a class (declaration or expression) or a function (declaration, expression, arrow, method). */
  node: ts.Node;
  /** The module's facts (imports, logger bindings; project imports resolved when the module has a project view). */
  facts: JsFacts;
  sourceFile: ts.SourceFile;
}

/** Says what an exported value is, or undefined when it is none of its business. */
export type JsExportClassifier = (value: JsExportedValue) => ExportedSymbol | undefined;

type Local = { node: ts.Node } | { from: string; name: string };

/** What `sf` exports, each local value classified by the first classifier that knows it. */
export function jsModuleExports(sf: ts.SourceFile, facts: JsFacts, classifiers: readonly JsExportClassifier[]): ModuleExports {
  const locals = topLevelLocals(sf);
  const out: ModuleExports = { names: {}, stars: [] };
  const put = (name: string, local: Local | undefined) => {
    if (!local || name in out.names) return;
    if ('from' in local) { out.names[name] = local; return; }
    for (const classify of classifiers) {
      const symbol = classify({ name, node: local.node, facts, sourceFile: sf });
      if (symbol) { out.names[name] = { symbol } satisfies ExportEntry; return; }
    }
  };
  const valueOf = (expr: ts.Expression): Local => {
    const e = unwrap(expr);
    const required = requireOf(e);
    if (required) return required;
    if (ts.isIdentifier(e)) return locals.get(e.text) ?? { node: e };
    return { node: e };
  };
  for (const stmt of sf.statements) {
    const exported = hasModifier(stmt, ts.SyntaxKind.ExportKeyword);
    const name = hasModifier(stmt, ts.SyntaxKind.DefaultKeyword) ? 'default' : undefined;
    if (ts.isVariableStatement(stmt) && exported) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name)) put(d.name.text, locals.get(d.name.text));
    } else if ((ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) && exported) {
      const n = name ?? stmt.name?.text;
      if (n) put(n, { node: stmt });
    } else if (ts.isExportAssignment(stmt)) {
      put('default', valueOf(stmt.expression));
      if (stmt.isExportEquals) exportObjectMembers(stmt.expression, put, valueOf);
    } else if (ts.isExportDeclaration(stmt) && !stmt.isTypeOnly) {
      const from = stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier) ? stmt.moduleSpecifier.text : undefined;
      const clause = stmt.exportClause;
      if (!clause) { if (from) out.stars.push(from); continue; }
      if (!ts.isNamedExports(clause)) continue;
      for (const el of clause.elements) {
        const local = (el.propertyName ?? el.name).text;
        put(el.name.text, from ? { from, name: local } : locals.get(local) ?? { node: el.name });
      }
    } else if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression) && stmt.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = dottedName(stmt.expression.left);
      const right = stmt.expression.right;
      if (target === 'module.exports') {
        const value = valueOf(right);
        if ('from' in value && value.name === 'default') out.stars.push(value.from); // module.exports = require('./base')
        put('default', value);
        exportObjectMembers(right, put, valueOf);
      } else if (target?.startsWith('module.exports.') || target?.startsWith('exports.')) {
        const member = target.slice(target.lastIndexOf('.') + 1);
        if (target.split('.').length === (target.startsWith('exports.') ? 2 : 3)) put(member, valueOf(right));
      }
    }
  }
  return out;
}

/** `module.exports = { logger, child: make }`: each property is a named export (what `require('./x').logger` reads). */
function exportObjectMembers(expr: ts.Expression, put: (name: string, local: Local | undefined) => void, valueOf: (e: ts.Expression) => Local): void {
  const obj = unwrap(expr);
  if (!ts.isObjectLiteralExpression(obj)) return;
  for (const p of obj.properties) {
    if (ts.isShorthandPropertyAssignment(p)) put(p.name.text, valueOf(p.name));
    else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) put(p.name.text, valueOf(p.initializer));
    else if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) put(p.name.text, { node: p });
  }
}

/** Top-level names: imports (where they come from), variables (their value), functions and classes. */
function topLevelLocals(sf: ts.SourceFile): Map<string, Local> {
  const locals = new Map<string, Local>();
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier) && stmt.importClause && !stmt.importClause.isTypeOnly) {
      const from = stmt.moduleSpecifier.text;
      const clause = stmt.importClause;
      if (clause.name) locals.set(clause.name.text, { from, name: 'default' });
      if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        for (const el of clause.namedBindings.elements) locals.set(el.name.text, { from, name: (el.propertyName ?? el.name).text });
      }
    } else if (ts.isImportEqualsDeclaration(stmt) && ts.isExternalModuleReference(stmt.moduleReference) && ts.isStringLiteral(stmt.moduleReference.expression)) {
      locals.set(stmt.name.text, { from: stmt.moduleReference.expression.text, name: 'default' });
    } else if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        const required = init && requireOf(init);
        if (ts.isIdentifier(d.name)) locals.set(d.name.text, required ?? { node: init ?? d.name });
        else if (ts.isObjectBindingPattern(d.name) && required && required.name === 'default') {
          for (const el of d.name.elements) {
            if (!ts.isIdentifier(el.name)) continue;
            const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
            locals.set(el.name.text, { from: required.from, name: prop });
          }
        }
      }
    } else if ((ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) && stmt.name) {
      locals.set(stmt.name.text, { node: stmt });
    }
  }
  return locals;
}

/** `require('./x')` → default of ./x; `require('./x').y` → y of ./x. */
function requireOf(e: ts.Expression): { from: string; name: string } | undefined {
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1 && ts.isStringLiteral(e.arguments[0])) {
    return { from: e.arguments[0].text, name: 'default' };
  }
  if (ts.isPropertyAccessExpression(e)) {
    const inner = requireOf(unwrap(e.expression));
    if (inner?.name === 'default') return { from: inner.from, name: e.name.text };
  }
  return undefined;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === kind);
}
