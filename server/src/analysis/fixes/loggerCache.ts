/**
 * `pyLoggerFor` once per file and scope. Finding (or planning to create) the logger walks the
 * module's statements and text; a rule that offers a logging fix on every one of thousands of
 * handlers or root-logger calls in a file would make that quadratic. The answer depends on the
 * node only through the class whose method (with `self`, or `this` in JS/TS) holds it, so that
 * is the cache key.
 */
import ts = require('typescript');
import type { Node as PyNode } from 'web-tree-sitter';
import type { JsContext, PyContext } from '../rule';
import { jsLoggerFor, pyLoggerFor, type JsLogger, type PyLogger } from './logger';

const cache = new WeakMap<PyContext, Map<string, PyLogger>>();

/** The class of the method (first parameter `self`) around the node, as `pyLoggerFor` looks for `self.logger`. */
function scopeKey(at: PyNode): string {
  let fn: PyNode | undefined;
  for (let p = at.parent; p; p = p.parent) {
    if (p.type === 'function_definition' && !fn) fn = p;
    if (p.type === 'class_definition') {
      return fn?.childForFieldName('parameters')?.namedChildren[0]?.text === 'self' ? `class:${p.id}` : 'module';
    }
  }
  return 'module';
}

export function pyLoggerForCached(ctx: PyContext, at: PyNode): PyLogger {
  let byScope = cache.get(ctx);
  if (!byScope) cache.set(ctx, (byScope = new Map()));
  const key = scopeKey(at);
  let logger = byScope.get(key);
  if (!logger) byScope.set(key, (logger = pyLoggerFor(ctx, at)));
  return logger;
}

const jsCache = new WeakMap<JsContext, Map<ts.Node | 'module', JsLogger>>();

/** The class whose `this` the node sees (arrow functions keep it; function declarations and expressions do not). */
function jsScopeKey(at: ts.Node): ts.Node | 'module' {
  for (let p = at.parent; p; p = p.parent) {
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p)) return 'module';
    if (ts.isClassLike(p)) return p;
  }
  return 'module';
}

export function jsLoggerForCached(ctx: JsContext, at: ts.Node): JsLogger {
  let byScope = jsCache.get(ctx);
  if (!byScope) jsCache.set(ctx, (byScope = new Map()));
  const key = jsScopeKey(at);
  let logger = byScope.get(key);
  if (!logger) byScope.set(key, (logger = jsLoggerFor(ctx, at)));
  return logger;
}
