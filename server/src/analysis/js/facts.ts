/**
 * What a JS/TS file imports and which names hold loggers (RULES.md "Logger call"): pino,
 * winston, bunyan, log4js, consola, npmlog, NestJS `Logger`, the OpenTelemetry logs API,
 * `console`, simple aliases, `.child()` results, the name heuristic (`log`, `logger`, `*Logger`,
 * `*_logger`, `LOG`, `this.logger`, `this.#logger`), and loggers defined in another module.
 *
 * Each logger has a kind: its library, or `unknown` when it comes from a module this file cannot
 * see (`import { logger } from './logger'`) and the project view (`ProjectView.importedSymbol`)
 * does not say what it is. Fixes never guess the form of an `unknown` logger (fixes/logger.ts).
 */
import ts = require('typescript');
import type { JsLoggerChoice } from '../settings';
import type { ExportedSymbol, LoggerLib, ProjectView } from '../project/view';
import { dottedName, preorder, unwrap } from './nodes';
import { LOGGER_FACTORY_NAME, LOGGER_NAME, importedNameIsLogger, isLoggingModule, looksLikeLogger, qualifyName } from '../loggerNames';

export type JsLoggerKind = 'pino' | 'winston' | 'bunyan' | 'log4js' | 'consola' | 'npmlog' | 'nestjs' | 'otel' | 'console' | 'unknown';

export const JS_LEVEL_METHODS: Record<string, string> = {
  trace: 'debug', debug: 'debug', info: 'info', warn: 'warning', warning: 'warning',
  error: 'error', exception: 'error', critical: 'critical', fatal: 'critical',
};
/** NestJS `Logger`: `log` is info, `verbose` is below debug. */
const NEST_LEVELS: Record<string, string> = { log: 'info', verbose: 'debug', debug: 'debug', warn: 'warning', error: 'error', fatal: 'critical' };
const NPMLOG_LEVELS: Record<string, string> = { silly: 'debug', verbose: 'debug', info: 'info', timing: 'info', http: 'info', notice: 'info', warn: 'warning', error: 'error' };
/** Level words a `log(level, ...)` call names first. */
const LEVEL_WORDS = /^(trace|debug|verbose|info|http|notice|warn|warning|error|crit|critical|fatal|silly)$/;

/** Qualified factory calls and classes (after import resolution) → the kind of logger they return. */
export const FACTORIES: Readonly<Record<string, JsLoggerKind>> = {
  pino: 'pino', 'pino.pino': 'pino', 'pino.default': 'pino',
  'winston.createLogger': 'winston', 'winston.default.createLogger': 'winston', 'winston.child': 'winston',
  'bunyan.createLogger': 'bunyan', 'bunyan.default.createLogger': 'bunyan',
  'log4js.getLogger': 'log4js',
  'consola.createConsola': 'consola', 'consola.consola.create': 'consola', 'consola.consola.withTag': 'consola',
  '@opentelemetry/api-logs.logs.getLogger': 'otel',
  '@nestjs/common.Logger': 'nestjs', '@nestjs/common.ConsoleLogger': 'nestjs',
  'nestjs-pino.Logger': 'nestjs', 'nestjs-pino.PinoLogger': 'pino',
};

/** Imported values that are loggers themselves (NestJS `Logger` has static level methods). */
const INSTANCES: Record<string, JsLoggerKind> = {
  consola: 'consola', 'consola.consola': 'consola', 'consola.default': 'consola', winston: 'winston',
  npmlog: 'npmlog', 'npmlog.default': 'npmlog', '@nestjs/common.Logger': 'nestjs',
};

/** Packages whose exports FACTORIES and INSTANCES describe; other modules' loggers are asked of the project. */
const LIBRARIES = new Set(['pino', 'winston', 'bunyan', 'log4js', 'consola', 'npmlog', '@opentelemetry/api-logs', '@nestjs/common', 'nestjs-pino', 'console', 'node:console']);

const DERIVE = new Set(['child', 'withTag', 'getLogger']);

/**
 * A project module's logger library as a kind. A project wrapper over `console` is a logger of its
 * own (its calls are not console output for no-print-logging) whose form we cannot see: `unknown`,
 * like wrappers of what we cannot see and libraries of the other language.
 */
function kindOfLib(lib: LoggerLib): JsLoggerKind {
  switch (lib) {
    case 'pino': case 'winston': case 'bunyan': case 'log4js': case 'consola': case 'otel': case 'nestjs': case 'npmlog': return lib;
    default: return 'unknown';
  }
}

/** `@scope/name/sub` → `@scope/name`, `pino/file` → `pino`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Nodes the facts are built from: imports, declarations, assignments, class properties, constructor parameter properties. */
export function isJsFactNode(node: ts.Node): boolean {
  const k = node.kind;
  return k === ts.SyntaxKind.ImportDeclaration || k === ts.SyntaxKind.VariableDeclaration || k === ts.SyntaxKind.PropertyDeclaration
    || (k === ts.SyntaxKind.BinaryExpression && (node as ts.BinaryExpression).operatorToken.kind === ts.SyntaxKind.EqualsToken)
    || (k === ts.SyntaxKind.Parameter && !!(node as ts.ParameterDeclaration).modifiers?.length);
}

export interface JsLoggerCall {
  call: ts.CallExpression;
  kind: JsLoggerKind;
  method: string;
  /** debug info warning error critical; `log`/`emit` when the level is an argument. */
  level: string;
}

/** Where an imported local name comes from: `default` for a default import / `require()`, `*` for a namespace. */
interface ImportSource { specifier: string; name: string }

export class JsFacts {
  /** local name → qualified import (`p` → `pino`, `createLogger` → `winston.createLogger`). */
  readonly imports = new Map<string, string>();
  /** local name or `this.x` → logger kind (imported loggers included). */
  readonly loggers = new Map<string, JsLoggerKind>();
  /** Imported names of other modules, for the project view. */
  private readonly sources = new Map<string, ImportSource>();
  /** Local names of classes whose instances are loggers (`new AppLogger()`), and of functions that return one. */
  private readonly classes = new Map<string, JsLoggerKind>();
  private readonly factories = new Map<string, JsLoggerKind>();
  private readonly memberCache = new Map<string, JsLoggerKind | null>();
  private readonly callCache = new Map<ts.Node, JsLoggerCall | null>();

  /**
   * `source`: the file's fact nodes in document order (see `isJsFactNode`; the engine collects
   * them in its single walk), or a whole source file to walk. `project`: what the project's own
   * modules export, when known.
   */
  constructor(source: ts.SourceFile | readonly ts.Node[], private readonly choice: JsLoggerChoice = 'auto', private readonly project?: ProjectView) {
    if ('kind' in source) preorder(source, (node) => { if (isJsFactNode(node)) this.add(node); });
    else for (const node of source) this.add(node);
  }

  /** The kind a logger known only by its name gets: the configured one, else the library the file imports, else `unknown`. */
  get defaultKind(): JsLoggerKind {
    if (this.choice !== 'auto') return this.choice;
    const modules = new Set([...this.imports.values()].map((q) => q.split('.')[0]));
    for (const kind of ['pino', 'winston', 'bunyan', 'log4js', 'consola'] as const) if (modules.has(kind)) return kind;
    return 'unknown';
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
      return this.kindOfName(name);
    }
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
      const name = dottedName(e.expression);
      if (name) {
        const kind = FACTORIES[this.qualify(name)] ?? (ts.isNewExpression(e) ? this.classes : this.factories).get(name);
        if (kind) return kind;
        if (ts.isCallExpression(e)) {
          const made = this.madeByCall(name, e);
          if (made) return made;
        }
      }
      const callee = unwrap(e.expression);
      if (ts.isPropertyAccessExpression(callee) && DERIVE.has(callee.name.text)) return this.loggerKindOf(callee.expression);
    }
    return undefined;
  }

  /** The kind a dotted name refers to (`log`, `this.logger`, `LOG`, `logging` from `@tryghost/logging`), if it is a logger. */
  kindOfName(name: string): JsLoggerKind | undefined {
    const bound = this.loggers.get(name);
    if (bound) return bound;
    const inst = INSTANCES[this.qualify(name)];
    if (inst) return inst;
    const dot = name.indexOf('.');
    const src = dot > 0 ? this.sources.get(name.slice(0, dot)) : undefined;
    if (src && (src.name === '*' || src.name === 'default')) return this.memberKind(name, src);
    // An imported name that is not a logger (`import { log } from 'mathjs'`) is not one by its name either.
    return looksLikeLogger(name) && !this.sources.has(name) ? this.defaultKind : undefined;
  }

  /** Whether `local` is bound by an import or `require()`. */
  isImported(local: string): boolean {
    return this.imports.has(local);
  }

  /** Recognises `<logger>.<level>(...)`, winston `logger.log(level, ...)`, NestJS `Logger.log(...)` and OTel `logger.emit({...})`. */
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
    if (kind === 'nestjs') return NEST_LEVELS[method] ? { call, kind, method, level: NEST_LEVELS[method] } : undefined;
    if (kind === 'npmlog') {
      const level = method === 'log' ? 'log' : NPMLOG_LEVELS[method];
      return level ? { call, kind, method, level } : undefined;
    }
    if (method === 'emit' && (kind === 'otel' || kind === 'unknown')) return { call, kind: 'otel', method, level: 'emit' };
    if (method === 'log' && (kind === 'winston' || kind === 'consola' || kind === 'unknown')) {
      // An unknown logger's `log('user created')` is console-like (info); `log('error', ...)` names the level first.
      const first = call.arguments[0] && unwrap(call.arguments[0]);
      const namesLevel = kind === 'winston' || (!!first && ts.isStringLiteralLike(first) && LEVEL_WORDS.test(first.text));
      return { call, kind, method, level: kind === 'consola' || !namesLevel ? 'info' : 'log' };
    }
    if (method === 'verbose' && kind === 'unknown') return { call, kind, method, level: 'debug' };
    const level = JS_LEVEL_METHODS[method];
    return level ? { call, kind, method, level } : undefined;
  }

  /**
   * A call that returns a logger although no library says so: a factory by its name
   * (`getLogger('audit')`, `createLogger()`), and a dependency container's `resolve('logger')`.
   */
  private madeByCall(name: string, call: ts.CallExpression): JsLoggerKind | undefined {
    const last = name.slice(name.lastIndexOf('.') + 1);
    if (LOGGER_FACTORY_NAME.test(last)) {
      const head = name.split('.')[0];
      const src = this.sources.get(head);
      if (!src) return this.imports.has(head) ? undefined : this.defaultKind; // defined in this file (or a global)
      const sym = this.project?.importedSymbol(src.specifier, name === head ? src.name : last);
      return sym?.kind === 'logger-factory' ? kindOfLib(sym.lib) : 'unknown';
    }
    if (last === 'resolve' && name !== last) {
      const arg = call.arguments[0] && unwrap(call.arguments[0]);
      if (arg && ts.isStringLiteralLike(arg) && (LOGGER_NAME.test(arg.text) || /^logger$/i.test(arg.text))) return 'unknown';
      const cls = arg && dottedName(arg);
      if (cls) return FACTORIES[this.qualify(cls)] ?? this.classes.get(cls);
    }
    return undefined;
  }

  /** `log.logger` where `log` is a namespace / default import of another module: what that module exports as `logger`. */
  private memberKind(name: string, src: ImportSource): JsLoggerKind | undefined {
    let cached = this.memberCache.get(name);
    if (cached === undefined) {
      const member = name.split('.')[1];
      const sym = this.project?.importedSymbol(src.specifier, member);
      cached = sym?.kind === 'logger' || (sym?.kind === 'logger-class' && sym.staticMethods) ? kindOfLib(sym.lib) : looksLikeLogger(name) ? 'unknown' : null;
      this.memberCache.set(name, cached);
    }
    return cached ?? undefined;
  }

  private add(node: ts.Node): void {
    if (ts.isImportDeclaration(node)) this.addImport(node);
    else if (ts.isVariableDeclaration(node)) this.addVariable(node);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) this.bind(dottedName(node.left), node.right);
    else if (ts.isPropertyDeclaration(node) && node.initializer && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))) this.bind(`this.${node.name.text}`, node.initializer);
    else if (ts.isParameter(node)) this.addParameterProperty(node);
  }

  private addImport(node: ts.ImportDeclaration): void {
    if (!ts.isStringLiteral(node.moduleSpecifier) || !node.importClause) return;
    const mod = node.moduleSpecifier.text;
    const clause = node.importClause;
    if (clause.name) this.addImported(clause.name.text, mod, 'default');
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) this.addImported(bindings.name.text, mod, '*');
    else if (bindings) {
      for (const el of bindings.elements) this.addImported(el.name.text, mod, (el.propertyName ?? el.name).text);
    }
  }

  private addVariable(node: ts.VariableDeclaration): void {
    const init = node.initializer && unwrap(node.initializer);
    const required = init && requiredModule(init);
    if (required) {
      if (ts.isIdentifier(node.name)) this.addImported(node.name.text, required.specifier, required.member ?? 'default');
      else if (ts.isObjectBindingPattern(node.name)) {
        for (const el of node.name.elements) {
          if (!ts.isIdentifier(el.name)) continue;
          const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
          this.addImported(el.name.text, required.specifier, required.member ? `${required.member}.${prop}` : prop);
        }
      }
      return;
    }
    if (ts.isIdentifier(node.name) && node.initializer) this.bind(node.name.text, node.initializer);
  }

  /** `constructor(private readonly logger: PinoLogger)`: `this.logger` is what its type says. */
  private addParameterProperty(node: ts.ParameterDeclaration): void {
    if (!ts.isIdentifier(node.name) || !node.type || !ts.isTypeReferenceNode(node.type)) return;
    const type = node.type.typeName.getText();
    const kind = FACTORIES[this.qualify(type)] ?? this.classes.get(type);
    if (kind) this.loggers.set(`this.${node.name.text}`, kind);
  }

  /**
   * One imported name. Known libraries resolve through FACTORIES / INSTANCES; another module's
   * export is what the project view says, else a logger of unknown kind when its name says so.
   */
  private addImported(local: string, specifier: string, name: string): void {
    this.imports.set(local, name === 'default' || name === '*' ? specifier : `${specifier}.${name}`);
    if (LIBRARIES.has(packageOf(specifier))) return;
    this.sources.set(local, { specifier, name });
    const sym = this.project?.importedSymbol(specifier, name);
    const kind = sym ? this.fromSymbol(local, sym) : this.guessImported(local, specifier, name);
    if (kind) this.loggers.set(local, kind);
  }

  private fromSymbol(local: string, sym: ExportedSymbol): JsLoggerKind | undefined {
    if (sym.kind === 'logger') return kindOfLib(sym.lib);
    if (sym.kind === 'logger-factory') this.factories.set(local, kindOfLib(sym.lib));
    if (sym.kind === 'logger-class') {
      this.classes.set(local, kindOfLib(sym.lib));
      if (sym.staticMethods) return kindOfLib(sym.lib);
    }
    return undefined;
  }

  /** Without the project view: the names say it (`logger`, `log as applog` from `./log`, `logging` from `@tryghost/logging`). */
  private guessImported(local: string, specifier: string, name: string): JsLoggerKind | undefined {
    const own = name === 'default' || name === '*' ? local : name;
    if (LOGGER_FACTORY_NAME.test(own)) { this.factories.set(local, 'unknown'); return undefined; }
    const logger = name === 'default' || name === '*'
      ? LOGGER_NAME.test(local) || (local === 'logging' && isLoggingModule(specifier)) || (local === 'Logger' && (specifier.startsWith('.') || isLoggingModule(specifier)))
      : importedNameIsLogger(name, specifier) || (local !== name && LOGGER_NAME.test(local));
    if (!logger) return undefined;
    if (/^[A-Z]/.test(local) && !/^(LOG|LOGGER|_?LOG(GER)?_\w*)$/.test(local)) this.classes.set(local, 'unknown'); // `Logger`: also `new Logger()`
    return 'unknown';
  }

  private bind(name: string | undefined, value: ts.Expression): void {
    if (!name) return;
    const kind = this.loggerKindOf(value);
    if (kind) this.loggers.set(name, kind);
  }
}

/** `require('pino')` → pino; `require('winston').createLogger` → winston, member createLogger. */
function requiredModule(expr: ts.Expression): { specifier: string; member?: string } | undefined {
  if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'require') {
    const arg = expr.arguments[0];
    return arg && ts.isStringLiteral(arg) ? { specifier: arg.text } : undefined;
  }
  if (ts.isPropertyAccessExpression(expr)) {
    const inner = requiredModule(expr.expression);
    return inner && { specifier: inner.specifier, member: inner.member ? `${inner.member}.${expr.name.text}` : expr.name.text };
  }
  return undefined;
}
