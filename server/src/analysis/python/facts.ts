/**
 * What a Python file imports and which names hold loggers (RULES.md "Logger call"):
 * stdlib `logging` (module functions and `getLogger()` results), structlog (`get_logger()`,
 * `.bind()` results), `loguru.logger`, simple aliases, and the name heuristic
 * (`log`, `logger`, `*_logger`, `*Logger`, `self.logger`, `self.log`).
 */
import type { Node } from 'web-tree-sitter';
import type { PythonLoggerChoice } from '../settings';
import { dottedName } from './nodes';
import { looksLikeLogger, qualifyName } from '../loggerNames';
import type { ProjectView } from '../project/view';

export type PyLoggerKind = 'stdlib' | 'structlog' | 'loguru';

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
  /** local name or `self.x` → logger kind. */
  readonly loggers = new Map<string, PyLoggerKind>();
  /** Local names of project factories / logger classes (`from .log import get_logger`) → the kind their calls return. */
  private readonly projectFactories = new Map<string, PyLoggerKind>();
  private readonly callCache = new Map<number, PyLoggerCall | null>();
  private readonly calleeCache = new Map<number, PyCallee>();

  /** `statements`: the file's import and assignment nodes in document order (see FACT_NODE_TYPES). */
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
        const kind = FACTORIES[this.qualify(name)] ?? this.projectFactories.get(name);
        if (kind) return kind;
      }
      if (fn?.type === 'attribute' && method && DERIVE.has(method)) return this.loggerKindOf(fn.childForFieldName('object'));
    }
    return undefined;
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
    return looksLikeLogger(name) ? this.defaultKind : undefined;
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
          if (name && alias) this.imports.set(alias, name);
        }
      }
      return;
    }
    const moduleName = node.childForFieldName('module_name')?.text;
    if (!moduleName) return;
    const relative = moduleName.startsWith('.');
    for (const item of node.childrenForFieldName('name')) {
      if (item?.type === 'dotted_name') {
        if (!relative) this.imports.set(item.text, `${moduleName}.${item.text}`);
        this.fromProject(item.text, moduleName, item.text);
      } else if (item?.type === 'aliased_import') {
        const name = item.childForFieldName('name')?.text;
        const alias = item.childForFieldName('alias')?.text;
        if (name && alias && !relative) this.imports.set(alias, `${moduleName}.${name}`);
        if (name && alias) this.fromProject(alias, moduleName, name);
      }
    }
  }

  /** A name imported from one of the project's own modules: a logger, a logger factory or a logger class there is one here. */
  private fromProject(local: string, module: string, name: string): void {
    const symbol = this.project?.importedSymbol(module, name);
    if (!symbol || (symbol.kind !== 'logger' && symbol.kind !== 'logger-factory' && symbol.kind !== 'logger-class')) return;
    const lib = symbol.lib;
    const kind: PyLoggerKind = lib === 'stdlib' || lib === 'structlog' || lib === 'loguru' ? lib : this.defaultKind;
    if (symbol.kind === 'logger' || (symbol.kind === 'logger-class' && symbol.staticMethods)) this.loggers.set(local, kind);
    else this.projectFactories.set(local, kind);
  }

  private addAssignment(node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const name = dottedName(left);
    if (!name || !right) return;
    const kind = this.loggerKindOf(right);
    if (kind) this.loggers.set(name, kind);
  }
}
