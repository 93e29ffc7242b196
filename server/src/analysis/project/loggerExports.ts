/**
 * The logger classifiers: an exported value is a logger (`export const logger = pino()`,
 * `log = structlog.get_logger()`, an object with level methods), a class whose instances or
 * static methods log (a wrapper, NestJS-style `Logger.info`), or a function returning a logger.
 * The library comes from the facts (`loggerKindOf`), so every logger shape the facts learn is
 * recognised here too; `unknown` when the project wraps something we cannot see.
 */
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { looksLikeLogger } from '../loggerNames';
import { unwrap } from '../js/nodes';
import { LEVEL_METHOD } from './exports';
import type { JsExportedValue } from './jsExports';
import type { PyExportedValue } from './pyExports';
import type { ExportedSymbol, LoggerLib } from './view';

/** `createLogger`, `getLogger`, `make_logger`, `get_logger`: a factory by name when its returns tell nothing. */
const FACTORY_NAME = /^(?:create|get|make|build|new|init|setup|configure)_?\w*logger$/i;

/**
 * `shallow` (the role check on every analysis): names and shapes only, never a look inside a
 * function or class body, so the file is not walked a second time; the library is then `unknown`.
 */
export function jsLoggerExport({ name, node, facts }: JsExportedValue, shallow = false): ExportedSymbol | undefined {
  const n = ts.isExpression(node) ? unwrap(node) : node;
  if (ts.isClassLike(n)) return jsLoggerClass(n, facts, shallow);
  if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) {
    const lib = shallow ? undefined : jsReturnedLogger(n, facts);
    return lib ? { kind: 'logger-factory', lib } : FACTORY_NAME.test(name) ? { kind: 'logger-factory', lib: 'unknown' } : undefined;
  }
  if (!ts.isExpression(n)) return undefined;
  const kind = facts.loggerKindOf(n);
  if (kind) return { kind: 'logger', lib: kind };
  if (ts.isObjectLiteralExpression(n) && jsLevelMembers(n.properties).size >= 2) return { kind: 'logger', lib: shallow ? 'unknown' : jsWrappedLib(n, facts) };
  if (looksLikeLogger(name) && (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isPropertyAccessExpression(n))) return { kind: 'logger', lib: 'unknown' };
  return undefined;
}

function jsLoggerClass(cls: ts.ClassLikeDeclaration, facts: JsExportedValue['facts'], shallow: boolean): ExportedSymbol | undefined {
  const all = jsLevelMembers(cls.members);
  if (all.size < 2) return undefined;
  const statics = jsLevelMembers(cls.members.filter((m) => ts.canHaveModifiers(m) && ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)));
  return { kind: 'logger-class', lib: shallow ? 'unknown' : jsWrappedLib(cls, facts), staticMethods: statics.size >= 2 };
}

/** Names of members that are level methods (`info() {}`, `info = () => …`, `info: function`). */
function jsLevelMembers(members: readonly ts.Node[]): Set<string> {
  const names = new Set<string>();
  for (const m of members) {
    const name = (ts.isMethodDeclaration(m) || ts.isPropertyDeclaration(m) || ts.isPropertyAssignment(m)) && ts.isIdentifier(m.name) ? m.name.text : undefined;
    if (!name || !LEVEL_METHOD.test(name)) continue;
    const init = ts.isPropertyDeclaration(m) || ts.isPropertyAssignment(m) ? m.initializer && unwrap(m.initializer) : undefined;
    if (ts.isMethodDeclaration(m) || (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))) names.add(name);
  }
  return names;
}

/** The library a wrapper forwards to: the first logger call inside it (a real library before `console`). */
function jsWrappedLib(node: ts.Node, facts: JsExportedValue['facts']): LoggerLib {
  let found: LoggerLib | undefined;
  const visit = (n: ts.Node): void => {
    if (found && found !== 'console') return;
    if (ts.isCallExpression(n)) {
      const kind = facts.loggerCall(n)?.kind;
      if (kind && kind !== 'unknown' && (!found || kind !== 'console')) found = kind;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found ?? 'unknown';
}

/** The logger kind the function returns (its own `return`s, not nested functions'; an arrow's expression body). */
function jsReturnedLogger(fn: ts.FunctionLikeDeclaration, facts: JsExportedValue['facts']): LoggerLib | undefined {
  if (!fn.body) return undefined;
  if (!ts.isBlock(fn.body)) return facts.loggerKindOf(fn.body);
  let lib: LoggerLib | undefined;
  const visit = (n: ts.Node): void => {
    if (lib || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) lib = facts.loggerKindOf(n.expression);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return lib;
}

/** `shallow`: as for `jsLoggerExport`. */
export function pyLoggerExport({ name, node, facts }: PyExportedValue, shallow = false): ExportedSymbol | undefined {
  if (node.type === 'class_definition') return pyLoggerClass(node, facts, shallow);
  if (node.type === 'function_definition') {
    const lib = shallow ? undefined : pyReturnedLogger(node, facts);
    return lib ? { kind: 'logger-factory', lib } : FACTORY_NAME.test(name) ? { kind: 'logger-factory', lib: 'unknown' } : undefined;
  }
  const kind = facts.loggerKindOf(node);
  if (kind) return { kind: 'logger', lib: kind };
  if (looksLikeLogger(name) && node.type === 'call') return { kind: 'logger', lib: 'unknown' };
  return undefined;
}

const PY_LOGGER_BASES: Record<string, LoggerLib> = { 'logging.Logger': 'stdlib', 'logging.LoggerAdapter': 'stdlib', 'structlog.BoundLogger': 'structlog', 'structlog.stdlib.BoundLogger': 'structlog' };

function pyLoggerClass(cls: Node, facts: PyExportedValue['facts'], shallow: boolean): ExportedSymbol | undefined {
  for (const base of cls.childForFieldName('superclasses')?.namedChildren ?? []) {
    const lib = base && PY_LOGGER_BASES[facts.qualify(base.text)];
    if (lib) return { kind: 'logger-class', lib, staticMethods: false };
  }
  const levels = new Set<string>();
  const statics = new Set<string>();
  for (const member of cls.childForFieldName('body')?.namedChildren ?? []) {
    const def = member?.type === 'decorated_definition' ? member.childForFieldName('definition') : member;
    const name = def?.type === 'function_definition' ? def.childForFieldName('name')?.text : undefined;
    if (!name || !LEVEL_METHOD.test(name)) continue;
    levels.add(name);
    if (member!.type === 'decorated_definition' && /@(?:staticmethod|classmethod)\b/.test(member!.text.slice(0, def!.startIndex - member!.startIndex))) statics.add(name);
  }
  if (levels.size < 2) return undefined;
  let lib: LoggerLib = 'unknown';
  for (const call of shallow ? [] : cls.descendantsOfType('call')) {
    const kind = call && facts.loggerCall(call)?.kind;
    if (kind) { lib = kind; break; }
  }
  return { kind: 'logger-class', lib, staticMethods: statics.size >= 2 };
}

/** The logger kind the function returns (its own `return`s, not nested functions'). */
function pyReturnedLogger(fn: Node, facts: PyExportedValue['facts']): LoggerLib | undefined {
  for (const ret of fn.descendantsOfType('return_statement')) {
    if (!ret) continue;
    let owner = ret.parent;
    while (owner && owner.type !== 'function_definition' && owner.type !== 'lambda') owner = owner.parent;
    if (owner?.id !== fn.id) continue;
    const kind = facts.loggerKindOf(ret.firstNamedChild);
    if (kind) return kind;
  }
  return undefined;
}
