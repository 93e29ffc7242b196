/**
 * Values that come from a fixed, small set in JS/TS: they do not vary per request, so putting
 * them in a span name does not grow its cardinality (span-name-cardinality; reusable by any rule
 * that must tell constants from request data).
 *
 * Bounded: literals; UPPER_CASE constants; settings (`config.x`, `this.config.x`,
 * `settings.x`, `process.env.X`); members of an `enum` or of a `const` object literal of the
 * file (`as const` or not); code names (`this.constructor.name`, `Class.name`, `fn.name`); the
 * parts OpenTelemetry puts in span names (`method`, `route`, `operation`, `queueName`… see
 * spanNames.ts); a `const` whose initializer is bounded; a loop variable or array-callback
 * parameter over a literal array, a constant, a setting or `Object.keys/values(...)` of a
 * bounded object; a parameter typed as a union of literals, an enum or an alias of those.
 * Everything else (ids, paths, URLs, user input, parameters) is not.
 *
 * Only asked about the few values interpolated into a span name: the scope walks here never run
 * on the hot path of an ordinary file.
 */
import ts = require('typescript');
import type { JsContext } from '../rule';
import { lowCardinalityName } from '../spanNames';
import { dottedName, isStringLiteralLike, unwrap } from './nodes';

const CONSTANT = /^_*[A-Z][A-Z0-9_]*$/;
/** Roots whose properties are configuration: one value per deployment, not per request. */
const SETTINGS = /^(settings|config|conf|cfg|configuration|appConfig|appSettings)$/;
/** Objects whose `.name` is a function's or class's name. */
const CODE_OBJECT = /^(fn|func|callback|cb|handler|target|method|ctor|klass|cls|constructor|original|originalMethod|descriptor)$/;
/** Array methods whose callback's first parameter is an element. */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex']);

/** Whether an expression's value comes from a fixed, small set (see the module comment). */
export function jsBounded(expr: ts.Expression, ctx: JsContext, depth = 0): boolean {
  if (depth > 8) return false;
  const e = unwrap(expr);
  if (isStringLiteralLike(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((s) => jsBounded(s.expression, ctx, depth + 1));
  if (ts.isConditionalExpression(e)) return jsBounded(e.whenTrue, ctx, depth + 1) && jsBounded(e.whenFalse, ctx, depth + 1);
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return jsBounded(e.left, ctx, depth + 1) && jsBounded(e.right, ctx, depth + 1);
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^(toUpperCase|toLowerCase|toString|trim)$/.test(e.expression.name.text)) return jsBounded(e.expression.expression, ctx, depth + 1);
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'String' && e.arguments.length === 1) return jsBounded(e.arguments[0], ctx, depth + 1);
  if (ts.isElementAccessExpression(e)) return settingsRooted(dottedName(e.expression)) || dottedName(e.expression) === 'process.env';
  if (ts.isIdentifier(e)) return boundedIdentifier(e, ctx, depth);
  if (ts.isPropertyAccessExpression(e)) return boundedProperty(e);
  return false;
}

function boundedProperty(e: ts.PropertyAccessExpression): boolean {
  const name = dottedName(e);
  if (!name) return false;
  const parts = name.split('.');
  const last = parts[parts.length - 1].replace(/^#/, '');
  if (CONSTANT.test(last) || lowCardinalityName(last) || settingsRooted(name) || name.startsWith('process.env.')) return true;
  if (last === 'name') {
    // this.constructor.name, Class.name, fn.name
    const owner = parts[parts.length - 2];
    if (owner === 'constructor' || /^[A-Z]/.test(owner) || CODE_OBJECT.test(owner)) return true;
  }
  // Op.Read of an enum, Routes.home of a const object literal of this file.
  const obj = unwrap(e.expression);
  if (ts.isIdentifier(obj)) {
    const decl = declarationOf(obj);
    if (decl && (ts.isEnumDeclaration(decl) || (ts.isVariableDeclaration(decl) && constObject(decl)))) return true;
  }
  return false;
}

/** `settings.x`, `this.config.x`, `app.config.name` … (not `config` itself, which is an object). */
function settingsRooted(name: string | undefined): boolean {
  if (!name) return false;
  const parts = name.split('.');
  const first = parts[0] === 'this' ? 1 : 0;
  return parts.slice(first, -1).some((p) => SETTINGS.test(p.replace(/^#/, '')));
}

/** A `const` declared with an object literal whose values are literals (`as const` or not). */
function constObject(decl: ts.VariableDeclaration): boolean {
  if (!(decl.parent.flags & ts.NodeFlags.Const) || !decl.initializer) return false;
  const init = unwrap(decl.initializer);
  return ts.isObjectLiteralExpression(init) && init.properties.every((p) => ts.isPropertyAssignment(p) && (isStringLiteralLike(unwrap(p.initializer)) || ts.isNumericLiteral(unwrap(p.initializer))));
}

function boundedIdentifier(id: ts.Identifier, ctx: JsContext, depth: number): boolean {
  if (CONSTANT.test(id.text) || lowCardinalityName(id.text)) return true;
  const decl = declarationOf(id);
  if (!decl) return false;
  if (ts.isVariableDeclaration(decl)) {
    const loop = decl.parent.parent;
    if (ts.isForOfStatement(loop) && loop.initializer === decl.parent) return boundedCollection(loop.expression, ctx, depth + 1);
    if (ts.isForInStatement(loop) && loop.initializer === decl.parent) return boundedObject(loop.expression, ctx, depth + 1);
    return !!(decl.parent.flags & ts.NodeFlags.Const) && ts.isIdentifier(decl.name) && !!decl.initializer && jsBounded(decl.initializer, ctx, depth + 1);
  }
  if (ts.isParameter(decl)) {
    if (decl.type && boundedType(decl.type, depth)) return true;
    // ['a', 'b'].forEach((op) => ...), OPS.map((op) => ...)
    const fn = decl.parent;
    if (fn.parameters[0] !== decl || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !ts.isCallExpression(fn.parent) || fn.parent.arguments[0] !== fn) return false;
    const callee = unwrap(fn.parent.expression);
    return ts.isPropertyAccessExpression(callee) && ELEMENT_CALLBACKS.has(callee.name.text) && boundedCollection(callee.expression, ctx, depth + 1);
  }
  return false;
}

/** `'read' | 'write'`, an enum, an alias of those, `keyof typeof X`. */
function boundedType(type: ts.TypeNode, depth: number): boolean {
  if (depth > 8) return false;
  if (ts.isLiteralTypeNode(type)) return true;
  if (ts.isUnionTypeNode(type)) return type.types.every((t) => boundedType(t, depth + 1));
  if (ts.isParenthesizedTypeNode(type)) return boundedType(type.type, depth + 1);
  if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.KeyOfKeyword) return true;
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const decl = declarationOf(type.typeName);
    if (decl && ts.isEnumDeclaration(decl)) return true;
    if (decl && ts.isTypeAliasDeclaration(decl)) return boundedType(decl.type, depth + 1);
  }
  return false;
}

/** An array whose items are bounded: a literal, a constant, a setting, a const bound to one, `Object.keys/values(bounded object)`. */
function boundedCollection(expr: ts.Expression, ctx: JsContext, depth: number): boolean {
  if (depth > 8) return false;
  const e = unwrap(expr);
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((el) => !ts.isSpreadElement(el) && jsBounded(el, ctx, depth + 1));
  if (ts.isCallExpression(e)) {
    const callee = dottedName(e.expression);
    if (callee && /^Object\.(keys|values|entries)$/.test(callee) && e.arguments[0]) return boundedObject(e.arguments[0], ctx, depth + 1);
    return false;
  }
  const name = dottedName(e);
  if (!name) return false;
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (CONSTANT.test(last) || settingsRooted(name)) return true;
  if (ts.isIdentifier(e)) {
    const decl = declarationOf(e);
    return !!decl && ts.isVariableDeclaration(decl) && !!(decl.parent.flags & ts.NodeFlags.Const) && !!decl.initializer && boundedCollection(decl.initializer, ctx, depth + 1) && !mutated(e.text, decl);
  }
  return false;
}

/** An object whose keys and values are written in the code: an enum, a const object literal, a constant, a setting. */
function boundedObject(expr: ts.Expression, ctx: JsContext, depth: number): boolean {
  const e = unwrap(expr);
  if (ts.isObjectLiteralExpression(e)) return true;
  const name = dottedName(e);
  if (!name) return false;
  if (CONSTANT.test(name.slice(name.lastIndexOf('.') + 1)) || settingsRooted(name) || SETTINGS.test(name)) return true;
  if (!ts.isIdentifier(e)) return false;
  const decl = declarationOf(e);
  return !!decl && (ts.isEnumDeclaration(decl) || (ts.isVariableDeclaration(decl) && !!decl.initializer && (constObject(decl) || boundedObject(decl.initializer, ctx, depth + 1))));
}

/** `OPS.push(x)` anywhere in the declaration's scope: the array is not fixed. */
function mutated(name: string, decl: ts.VariableDeclaration): boolean {
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  return new RegExp(`(?<![\\w$.])${name}\\s*\\.\\s*(push|unshift|splice)\\s*\\(`).test(scope.getText());
}

type Declaration = ts.VariableDeclaration | ts.ParameterDeclaration | ts.EnumDeclaration | ts.TypeAliasDeclaration | ts.FunctionDeclaration | ts.ClassDeclaration;

/** The declaration an identifier refers to, by walking its enclosing scopes (blocks, functions, loops, the file). */
function declarationOf(id: ts.Identifier): Declaration | undefined {
  const name = id.text;
  for (let n: ts.Node = id, p = id.parent; p; n = p, p = p.parent) {
    if ((ts.isForOfStatement(p) || ts.isForInStatement(p) || ts.isForStatement(p)) && p.initializer && ts.isVariableDeclarationList(p.initializer) && n !== p.initializer) {
      const d = p.initializer.declarations.find((v) => declares(v.name, name));
      if (d) return d;
    }
    if (ts.isFunctionLike(p)) {
      const param = p.parameters.find((q) => declares(q.name, name));
      if (param) return param;
    }
    const statements = ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) ? p.statements : ts.isCaseClause(p) || ts.isDefaultClause(p) ? p.statements : undefined;
    if (!statements) continue;
    for (const st of statements) {
      if (ts.isVariableStatement(st)) {
        const d = st.declarationList.declarations.find((v) => declares(v.name, name));
        if (d) return d;
      } else if ((ts.isEnumDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === name) return st;
    }
  }
  return undefined;
}

function declares(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((el) => !ts.isOmittedExpression(el) && declares(el.name, name));
}
