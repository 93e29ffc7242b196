/**
 * What a Python file imports and which names hold loggers (RULES.md "Logger call"):
 * stdlib `logging` (module functions and `getLogger()` results), structlog (`get_logger()`,
 * `.bind()` results), `loguru.logger`, Celery's `get_task_logger()`, simple aliases, class
 * attributes (`audit_log = logging.getLogger(...)` used as `self.audit_log`), the name heuristic
 * (`log`, `logger`, `*_logger`, `*Logger`, `LOG`, `self.logger`, `self.log`), and loggers and
 * `get_logger()` factories imported from the project's own modules.
 *
 * Each logger has a kind: its library, or `unknown` when it comes from a module this file cannot
 * see (`from app.log import logger`) and the project view does not say what it is. Fixes never
 * guess the form of an `unknown` logger (fixes/logger.ts).
 */
import type { Node } from 'web-tree-sitter';
import type { PythonLoggerChoice } from '../settings';
import type { ExportedSymbol, LoggerLib, ProjectView } from '../project/view';
import { dottedName } from './nodes';
import { LOGGER_FACTORY_NAME, LOGGER_NAME, importedNameIsLogger, looksLikeLogger, qualifyName } from '../loggerNames';

export type PyLoggerKind = 'stdlib' | 'structlog' | 'loguru' | 'unknown';

/** Modules whose loggers FACTORIES names; other modules' loggers are asked of the project. */
const LIBRARIES = new Set(['logging', 'structlog', 'loguru', 'celery']);

function kindOfLib(lib: LoggerLib): PyLoggerKind {
  return lib === 'stdlib' || lib === 'structlog' || lib === 'loguru' ? lib : 'unknown';
}

/** Node types the facts are built from; the engine collects them in its single traversal. */
export const FACT_NODE_TYPES = ['import_statement', 'import_from_statement', 'assignment'];

export const PY_LEVEL_METHODS: Record<string, string> = {
  debug: 'debug', info: 'info', warn: 'warning', warning: 'warning', error: 'error',
  exception: 'error', critical: 'critical', fatal: 'critical', trace: 'debug', msg: 'info', log: 'log',
};

const FACTORIES: Record<string, PyLoggerKind> = {
  'logging.getLogger': 'stdlib',
  'logging.Logger': 'stdlib',
  'logging.LoggerAdapter': 'stdlib',
  'structlog.get_logger': 'structlog',
  'structlog.getLogger': 'structlog',
  'structlog.stdlib.get_logger': 'structlog',
  'structlog.wrap_logger': 'structlog',
  'loguru.logger': 'loguru',
  // Celery's task loggers are stdlib loggers.
  'celery.utils.log.get_task_logger': 'stdlib',
  'celery.utils.log.get_logger': 'stdlib',
};

/** Methods that return a logger of the same kind. */
const DERIVE = new Set(['bind', 'new', 'unbind', 'try_unbind', 'opt', 'patch', 'contextualize', 'getChild']);


/** A call's `function` node, its dotted name (`sys.stdout.write`) and its last segment (`write`). */
export interface PyCallee {
  fn: Node | null;
  name: string | undefined;
  /** The method or function name; also for chained callees (`get_tracer(x).start_span` → `start_span`). */
  method: string | undefined;
}

export interface PyLoggerCall {
  call: Node;
  kind: PyLoggerKind;
  /** The method name (`info`, `exception`, `log`...). */
  method: string;
  /** Normalised level: debug info warning error critical, or `log` when given as an argument. */
  level: string;
  /** True for `logging.info(...)` module functions. */
  isModuleFunction: boolean;
}

export class PyFacts {
  /** local name → fully qualified name (`lg` → `logging`, `gl` → `logging.getLogger`). */
  readonly imports = new Map<string, string>();
  /** local name or `self.x` → logger kind (imported loggers and class attributes included). */
  readonly loggers = new Map<string, PyLoggerKind>();
  /** Imported names of other modules (`applog` → `{ module: 'app.log', name: 'log' }`), for the project view. */
  private readonly sources = new Map<string, { module: string; name: string }>();
  /** Local names of functions that return a logger, and of classes whose instances are loggers. */
  private readonly factories = new Map<string, PyLoggerKind>();
  private readonly classes = new Map<string, PyLoggerKind>();
  private readonly memberCache = new Map<string, PyLoggerKind | null>();
  private readonly callCache = new Map<number, PyLoggerCall | null>();
  private readonly calleeCache = new Map<number, PyCallee>();

  /**
   * `statements`: the file's import and assignment nodes in document order (see FACT_NODE_TYPES).
   * `project`: what the project's own modules export, when known.
   */
  constructor(statements: readonly Node[], private readonly choice: PythonLoggerChoice = 'auto', private readonly project?: ProjectView) {
    for (const node of statements) {
      if (node.type === 'assignment') this.addAssignment(node);
      else this.addImport(node);
    }
  }

  /** The kind used when only the name says "logger": the configured one, else what the file imports. */
  get defaultKind(): PyLoggerKind {
    if (this.choice === 'logging') return 'stdlib';
    if (this.choice === 'structlog' || this.choice === 'loguru') return this.choice;
    const modules = new Set([...this.imports.values()].map((q) => q.split('.')[0]));
    if (modules.has('structlog') && !modules.has('logging')) return 'structlog';
    if (modules.has('loguru') && !modules.has('logging')) return 'loguru';
    return 'stdlib';
  }

  /** `lg.getLogger` → `logging.getLogger`, resolving the first segment through imports. */
  qualify(dotted: string): string {
    return qualifyName(this.imports, dotted);
  }

  /** The logger kind an expression evaluates to, if it is a logger. */
  loggerKindOf(node: Node | null | undefined): PyLoggerKind | undefined {
    if (!node) return undefined;
    if (node.type === 'identifier' || node.type === 'attribute') {
      const name = dottedName(node);
      return name ? this.kindOfName(name) : undefined;
    }
    if (node.type === 'call') {
      const { fn, name, method } = this.callee(node);
      if (name) {
        const kind = FACTORIES[this.qualify(name)] ?? this.factories.get(name) ?? this.classes.get(name);
        if (kind) return kind;
        if (method && LOGGER_FACTORY_NAME.test(method)) return this.factoryKind(name, method);
      }
      if (fn?.type === 'attribute' && method && DERIVE.has(method)) return this.loggerKindOf(fn.childForFieldName('object'));
    }
    return undefined;
  }

  /**
   * `get_logger(...)` not from a library: from another module, what the project says (else
   * unknown); defined in this file, the file's default kind, as for a name that says "logger".
   */
  private factoryKind(name: string, method: string): PyLoggerKind | undefined {
    const head = name.split('.')[0];
    const src = this.sources.get(head);
    if (!src) return this.imports.has(head) ? undefined : this.defaultKind;
    const sym = this.project?.importedSymbol(src.module, name === head ? src.name : method);
    return sym?.kind === 'logger-factory' ? kindOfLib(sym.lib) : 'unknown';
  }

  /** The `function` node of a call and its dotted name (`sys.stdout.write`), computed once per call for all rules. */
  callee(call: Node): PyCallee {
    let entry = this.calleeCache.get(call.id);
    if (!entry) {
      const fn = call.childForFieldName('function');
      const name = dottedName(fn);
      // The method from the dotted name's text; one tree call only for a chained callee (`f(x).g`).
      const method = name ? name.slice(name.lastIndexOf('.') + 1) : fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      entry = { fn, name, method };
      this.calleeCache.set(call.id, entry);
    }
    return entry;
  }

  /** The logger kind a dotted name refers to (`log`, `self.logger`, `loguru.logger`), if any. */
  kindOfName(name: string): PyLoggerKind | undefined {
    const bound = this.loggers.get(name);
    if (bound) return bound;
    if (this.qualify(name) === 'loguru.logger') return 'loguru';
    const dot = name.indexOf('.');
    const src = dot > 0 ? this.sources.get(name.slice(0, dot)) : undefined;
    if (src && src.name === '*') return this.memberKind(name, src.module);
    // An imported name that is not a logger (`from math import log`) is not one by its name either.
    return looksLikeLogger(name) && !this.sources.has(name) ? this.defaultKind : undefined;
  }

  /** Whether `local` is bound by an import (`from .log import logger` included). */
  isImported(local: string): boolean {
    return this.sources.has(local) || this.imports.has(local);
  }

  /** `applog.logger` where `import app.log as applog`: what `app.log` exports as `logger`. */
  private memberKind(name: string, module: string): PyLoggerKind | undefined {
    let cached = this.memberCache.get(name);
    if (cached === undefined) {
      const sym = this.project?.importedSymbol(module, name.split('.')[1]);
      cached = sym?.kind === 'logger' || (sym?.kind === 'logger-class' && sym.staticMethods) ? kindOfLib(sym.lib) : looksLikeLogger(name) ? 'unknown' : null;
      this.memberCache.set(name, cached);
    }
    return cached ?? undefined;
  }

  /** Recognises `<logger>.<level>(...)` (and stdlib `logging.info(...)`); cached per node. */
  loggerCall(call: Node): PyLoggerCall | undefined {
    const cached = this.callCache.get(call.id);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.classify(call);
    this.callCache.set(call.id, result ?? null);
    return result;
  }

  private classify(call: Node): PyLoggerCall | undefined {
    const { fn, name, method: calleeMethod } = this.callee(call);
    if (fn?.type === 'identifier' && name) {
      // `from logging import info, exception as exc`: the module functions under their own names.
      const qualified = this.qualify(name);
      const method = qualified.startsWith('logging.') ? qualified.slice(8) : '';
      const level = PY_LEVEL_METHODS[method];
      return level && method !== 'msg' && method !== 'trace' ? { call, kind: 'stdlib', method, level, isModuleFunction: true } : undefined;
    }
    if (fn?.type !== 'attribute') return undefined;
    // Cheap path: a dotted callee (`self.logger.info`) is decided from its text alone.
    const method = calleeMethod ?? '';
    const level = PY_LEVEL_METHODS[method];
    if (!level) return undefined;
    const targetName = name?.slice(0, name.lastIndexOf('.'));
    if (targetName && this.qualify(targetName) === 'logging') {
      return { call, kind: 'stdlib', method, level, isModuleFunction: true };
    }
    const kind = targetName ? this.kindOfName(targetName) : this.loggerKindOf(fn.childForFieldName('object'));
    if (!kind) return undefined;
    if (method === 'msg' && kind !== 'structlog') return undefined;
    if (method === 'trace' && kind !== 'loguru') return undefined;
    return { call, kind, method, level, isModuleFunction: false };
  }

  private addImport(node: Node): void {
    if (node.type === 'import_statement') {
      for (const item of node.namedChildren) {
        if (item?.type === 'dotted_name') this.imports.set(item.text.split('.')[0], item.text.split('.')[0]);
        else if (item?.type === 'aliased_import') {
          const name = item.childForFieldName('name')?.text;
          const alias = item.childForFieldName('alias')?.text;
          if (name && alias) this.addImported(alias, name, '*');
        }
      }
      return;
    }
    const moduleName = node.childForFieldName('module_name')?.text;
    if (!moduleName) return;
    for (const item of node.childrenForFieldName('name')) {
      if (item?.type === 'dotted_name') this.addImported(item.text, moduleName, item.text);
      else if (item?.type === 'aliased_import') {
        const name = item.childForFieldName('name')?.text;
        const alias = item.childForFieldName('alias')?.text;
        if (name && alias) this.addImported(alias, moduleName, name);
      }
    }
  }

  /**
   * One imported name (`*`: a module itself, `import app.log as applog`). Libraries resolve through
   * FACTORIES; another module's export is what the project view says, else a logger of unknown
   * kind when its name says so (`from app.log import log as applog`).
   */
  private addImported(local: string, module: string, name: string): void {
    const relative = module.startsWith('.');
    // Relative imports never qualify a library name.
    if (!relative) this.imports.set(local, name === '*' ? module : `${module}.${name}`);
    if (LIBRARIES.has(module.split('.')[0])) return;
    this.sources.set(local, { module, name });
    if (name === '*') return;
    const sym = this.project?.importedSymbol(module, name);
    const kind = sym ? this.fromSymbol(local, sym) : this.guessImported(local, module, name);
    if (kind) this.loggers.set(local, kind);
  }

  private fromSymbol(local: string, sym: ExportedSymbol): PyLoggerKind | undefined {
    if (sym.kind === 'logger') return kindOfLib(sym.lib);
    if (sym.kind === 'logger-factory') this.factories.set(local, kindOfLib(sym.lib));
    if (sym.kind === 'logger-class') {
      this.classes.set(local, kindOfLib(sym.lib));
      if (sym.staticMethods) return kindOfLib(sym.lib);
    }
    return undefined;
  }

  private guessImported(local: string, module: string, name: string): PyLoggerKind | undefined {
    if (LOGGER_FACTORY_NAME.test(name)) { this.factories.set(local, 'unknown'); return undefined; }
    if (!importedNameIsLogger(name, module) && !(local !== name && LOGGER_NAME.test(local))) return undefined;
    if (name === 'Logger') this.classes.set(local, 'unknown');
    return 'unknown';
  }

  private addAssignment(node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const name = dottedName(left);
    if (!name || !right) return;
    const kind = this.loggerKindOf(right);
    if (!kind) return;
    this.loggers.set(name, kind);
    // A class attribute (`audit_log = logging.getLogger(...)` in the class body) is read as `self.audit_log` / `cls.audit_log`.
    const cls = left?.type === 'identifier' ? node.parent?.parent?.parent : undefined;
    if (cls?.type === 'class_definition' && node.parent?.type === 'expression_statement') {
      this.loggers.set(`self.${name}`, kind);
      this.loggers.set(`cls.${name}`, kind);
      const className = cls.childForFieldName('name')?.text;
      if (className) this.loggers.set(`${className}.${name}`, kind);
    }
  }
}
