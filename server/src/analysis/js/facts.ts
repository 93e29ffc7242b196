/**
 * What a JS/TS file imports and which names hold loggers (RULES.md "Logger call"): pino,
 * winston, bunyan, log4js, consola, the OpenTelemetry logs API, `console`, simple aliases,
 * `.child()` results, and the name heuristic (`log`, `logger`, `*Logger`, `*_logger`,
 * `this.logger`, `this.log`).
 */
import ts = require('typescript');
import type { JsLoggerChoice } from '../settings';
import { dottedName, preorder, unwrap } from './nodes';
import { looksLikeLogger, qualifyName } from '../loggerNames';
import type { ProjectView } from '../project/view';

export type JsLoggerKind = 'pino' | 'winston' | 'bunyan' | 'log4js' | 'consola' | 'otel' | 'console' | 'generic';

export const JS_LEVEL_METHODS: Record<string, string> = {
  trace: 'debug', debug: 'debug', info: 'info', warn: 'warning', warning: 'warning',
  error: 'error', exception: 'error', critical: 'critical', fatal: 'critical',
};

/** Qualified factory calls (after import resolution) → the kind of logger they return. */
export const FACTORIES: Readonly<Record<string, JsLoggerKind>> = {
  pino: 'pino', 'pino.pino': 'pino', 'pino.default': 'pino',
  'winston.createLogger': 'winston', 'winston.default.createLogger': 'winston', 'winston.child': 'winston',
  'bunyan.createLogger': 'bunyan', 'bunyan.default.createLogger': 'bunyan',
  'log4js.getLogger': 'log4js',
  'consola.createConsola': 'consola', 'consola.consola.create': 'consola', 'consola.consola.withTag': 'consola',
  '@opentelemetry/api-logs.logs.getLogger': 'otel',
};

/** Imported values that are loggers themselves. */
const INSTANCES: Record<string, JsLoggerKind> = {
  consola: 'consola', 'consola.consola': 'consola', 'consola.default': 'consola', winston: 'winston',
};

const DERIVE = new Set(['child', 'withTag', 'getLogger']);
const JS_KINDS = new Set<string>(['pino', 'winston', 'bunyan', 'log4js', 'consola', 'otel', 'console', 'generic']);

/** Nodes the facts are built from: imports, declarations, assignments, class properties. */
export function isJsFactNode(node: ts.Node): boolean {
  const k = node.kind;
  return k === ts.SyntaxKind.ImportDeclaration || k === ts.SyntaxKind.VariableDeclaration || k === ts.SyntaxKind.PropertyDeclaration
    || (k === ts.SyntaxKind.BinaryExpression && (node as ts.BinaryExpression).operatorToken.kind === ts.SyntaxKind.EqualsToken);
}

export interface JsLoggerCall {
  call: ts.CallExpression;
  kind: JsLoggerKind;
  method: string;
  /** debug info warning error critical; `log`/`emit` when the level is an argument. */
  level: string;
}

export class JsFacts {
  /** local name → qualified import (`p` → `pino`, `createLogger` → `winston.createLogger`). */
  readonly imports = new Map<string, string>();
  /** local name or `this.x` → logger kind. */
  readonly loggers = new Map<string, JsLoggerKind>();
  /** Local names of project factories / logger classes (`import { makeLogger } from './log'`) → the kind their calls return. */
  private readonly projectFactories = new Map<string, JsLoggerKind>();
  private readonly callCache = new Map<ts.Node, JsLoggerCall | null>();

  /**
   * `source`: the file's fact nodes in document order (see `isJsFactNode`; the engine collects
   * them in its single walk), or a whole source file to walk.
   */
  constructor(source: ts.SourceFile | readonly ts.Node[], private readonly choice: JsLoggerChoice = 'auto', private readonly project?: ProjectView) {
    if ('kind' in source) preorder(source, (node) => { if (isJsFactNode(node)) this.add(node); });
    else for (const node of source) this.add(node);
  }

  get defaultKind(): JsLoggerKind {
    if (this.choice !== 'auto') return this.choice;
    const modules = new Set([...this.imports.values()].map((q) => q.split('.')[0]));
    for (const kind of ['pino', 'winston', 'bunyan', 'log4js', 'consola'] as const) if (modules.has(kind)) return kind;
    return 'generic';
  }

  qualify(dotted: string): string {
    return qualifyName(this.imports, dotted);
  }

  loggerKindOf(expr: ts.Expression | undefined): JsLoggerKind | undefined {
    if (!expr) return undefined;
    const e = unwrap(expr);
    if (ts.isAwaitExpression(e)) return this.loggerKindOf(e.expression);
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
      const name = dottedName(e);
      if (!name) return undefined;
      if (name === 'console' && !this.imports.has('console')) return 'console';
      const bound = this.loggers.get(name);
      if (bound) return bound;
      const inst = INSTANCES[this.qualify(name)];
      if (inst) return inst;
      return looksLikeLogger(name) ? this.defaultKind : undefined;
    }
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
      const name = dottedName(e.expression);
      if (name) {
        const kind = FACTORIES[this.qualify(name)] ?? this.projectFactories.get(name);
        if (kind) return kind;
      }
      const callee = unwrap(e.expression);
      if (ts.isPropertyAccessExpression(callee) && DERIVE.has(callee.name.text)) return this.loggerKindOf(callee.expression);
    }
    return undefined;
  }

  /** Recognises `<logger>.<level>(...)`, winston `logger.log(level, ...)` and OTel `logger.emit({...})`. */
  loggerCall(call: ts.CallExpression): JsLoggerCall | undefined {
    const cached = this.callCache.get(call);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.classify(call);
    this.callCache.set(call, result ?? null);
    return result;
  }

  private classify(call: ts.CallExpression): JsLoggerCall | undefined {
    const callee = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    const kind = this.loggerKindOf(callee.expression);
    if (!kind) return undefined;
    if (kind === 'console') {
      const level = method === 'log' ? 'info' : JS_LEVEL_METHODS[method];
      return level && method !== 'exception' ? { call, kind, method, level } : undefined;
    }
    if (method === 'emit' && (kind === 'otel' || kind === 'generic')) return { call, kind: 'otel', method, level: 'emit' };
    if (method === 'log' && (kind === 'winston' || kind === 'consola' || kind === 'generic')) {
      return { call, kind, method, level: kind === 'consola' ? 'info' : 'log' };
    }
    const level = JS_LEVEL_METHODS[method];
    return level ? { call, kind, method, level } : undefined;
  }

  private add(node: ts.Node): void {
    if (ts.isImportDeclaration(node)) this.addImport(node);
    else if (ts.isVariableDeclaration(node)) this.addVariable(node);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) this.bind(dottedName(node.left), node.right);
    else if (ts.isPropertyDeclaration(node) && node.initializer && ts.isIdentifier(node.name)) this.bind(`this.${node.name.text}`, node.initializer);
  }


  private addImport(node: ts.ImportDeclaration): void {
    if (!ts.isStringLiteral(node.moduleSpecifier) || !node.importClause) return;
    const mod = node.moduleSpecifier.text;
    const clause = node.importClause;
    if (clause.name) this.imports.set(clause.name.text, mod);
    if (clause.name) this.fromProject(clause.name.text, mod, 'default');
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) this.imports.set(bindings.name.text, mod);
    else if (bindings) {
      for (const el of bindings.elements) this.imports.set(el.name.text, `${mod}.${(el.propertyName ?? el.name).text}`);
      for (const el of bindings.elements) this.fromProject(el.name.text, mod, (el.propertyName ?? el.name).text);
    }
  }

  /** A name imported from one of the project's own modules: a logger, a logger factory or a logger class there is one here. */
  private fromProject(local: string, specifier: string, name: string): void {
    const symbol = this.project?.importedSymbol(specifier, name);
    if (!symbol || (symbol.kind !== 'logger' && symbol.kind !== 'logger-factory' && symbol.kind !== 'logger-class')) return;
    // A project wrapper over console is a logger of its own, not `console` (whose calls no-print-logging reports).
    const kind = symbol.lib === 'console' ? 'generic' : JS_KINDS.has(symbol.lib) ? symbol.lib as JsLoggerKind : this.defaultKind;
    if (symbol.kind === 'logger' || (symbol.kind === 'logger-class' && symbol.staticMethods)) this.loggers.set(local, kind);
    else this.projectFactories.set(local, kind);
  }

  private addVariable(node: ts.VariableDeclaration): void {
    const init = node.initializer && unwrap(node.initializer);
    const required = init && requiredModule(init);
    if (required) {
      const specifier = ts.isCallExpression(init) && ts.isStringLiteral(init.arguments[0]) ? init.arguments[0].text : undefined;
      if (specifier && ts.isIdentifier(node.name)) this.fromProject(node.name.text, specifier, 'default');
      if (specifier && ts.isObjectBindingPattern(node.name)) {
        for (const el of node.name.elements) if (ts.isIdentifier(el.name)) this.fromProject(el.name.text, specifier, el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text);
      }
      if (ts.isIdentifier(node.name)) this.imports.set(node.name.text, required.path);
      else if (ts.isObjectBindingPattern(node.name)) {
        for (const el of node.name.elements) {
          if (!ts.isIdentifier(el.name)) continue;
          const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
          this.imports.set(el.name.text, `${required.path}.${prop}`);
        }
      }
      return;
    }
    if (ts.isIdentifier(node.name) && node.initializer) this.bind(node.name.text, node.initializer);
  }

  private bind(name: string | undefined, value: ts.Expression): void {
    if (!name) return;
    const kind = this.loggerKindOf(value);
    if (kind) this.loggers.set(name, kind);
  }
}

/** `require('pino')`, `require('pino').default`, `require('winston').createLogger` → module path. */
function requiredModule(expr: ts.Expression): { path: string } | undefined {
  if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'require') {
    const arg = expr.arguments[0];
    return arg && ts.isStringLiteral(arg) ? { path: arg.text } : undefined;
  }
  if (ts.isPropertyAccessExpression(expr)) {
    const inner = requiredModule(expr.expression);
    return inner && { path: `${inner.path}.${expr.name.text}` };
  }
  return undefined;
}
