/**
 * What a Python file imports and which names hold loggers (RULES.md "Logger call"):
 * stdlib `logging` (module functions and `getLogger()` results), structlog (`get_logger()`,
 * `.bind()` results), `loguru.logger`, simple aliases, and the name heuristic
 * (`log`, `logger`, `*_logger`, `*Logger`, `self.logger`, `self.log`).
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { PythonLoggerChoice } from '../settings';
import { dottedName } from './nodes';

export type PyLoggerKind = 'stdlib' | 'structlog' | 'loguru';

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

const NAME_HEURISTIC = /^(log|logger|_log|_logger|LOG|LOGGER|_LOG|_LOGGER|\w+_logger|\w+_LOGGER|\w*[a-z]Logger)$/;

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
  private readonly callCache = new Map<number, PyLoggerCall | null>();

  constructor(tree: Tree, private readonly choice: PythonLoggerChoice = 'auto') {
    this.collect(tree);
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
    const dot = dotted.indexOf('.');
    const head = dot < 0 ? dotted : dotted.slice(0, dot);
    const q = this.imports.get(head);
    return q ? q + (dot < 0 ? '' : dotted.slice(dot)) : dotted;
  }

  /** The logger kind an expression evaluates to, if it is a logger. */
  loggerKindOf(node: Node | null | undefined): PyLoggerKind | undefined {
    if (!node) return undefined;
    if (node.type === 'identifier' || node.type === 'attribute') {
      const name = dottedName(node);
      if (name) {
        const bound = this.loggers.get(name);
        if (bound) return bound;
        const q = this.qualify(name);
        if (q === 'loguru.logger') return 'loguru';
        const last = name.slice(name.lastIndexOf('.') + 1);
        if (NAME_HEURISTIC.test(last)) return this.defaultKind;
      }
      return undefined;
    }
    if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      const name = dottedName(fn);
      if (name) {
        const kind = FACTORIES[this.qualify(name)];
        if (kind) return kind;
      }
      if (fn?.type === 'attribute') {
        const method = fn.childForFieldName('attribute')?.text ?? '';
        if (DERIVE.has(method)) return this.loggerKindOf(fn.childForFieldName('object'));
      }
    }
    return undefined;
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
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') return undefined;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const level = PY_LEVEL_METHODS[method];
    if (!level) return undefined;
    const target = fn.childForFieldName('object');
    const targetName = dottedName(target);
    if (targetName && this.qualify(targetName) === 'logging') {
      return { call, kind: 'stdlib', method, level, isModuleFunction: true };
    }
    const kind = this.loggerKindOf(target);
    if (!kind) return undefined;
    if (method === 'msg' && kind !== 'structlog') return undefined;
    if (method === 'trace' && kind !== 'loguru') return undefined;
    return { call, kind, method, level, isModuleFunction: false };
  }

  private collect(tree: Tree): void {
    const cursor = tree.walk();
    for (;;) {
      const type = cursor.nodeType;
      if (type === 'import_statement' || type === 'import_from_statement') this.addImport(cursor.currentNode);
      else if (type === 'assignment') this.addAssignment(cursor.currentNode);
      // Imports and assignments never nest inside expressions we need to enter.
      const descend = type !== 'import_statement' && type !== 'import_from_statement' && type !== 'string' && type !== 'comment';
      if (descend && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
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
    if (!moduleName || moduleName.startsWith('.')) return;
    for (const item of node.childrenForFieldName('name')) {
      if (item?.type === 'dotted_name') this.imports.set(item.text, `${moduleName}.${item.text}`);
      else if (item?.type === 'aliased_import') {
        const name = item.childForFieldName('name')?.text;
        const alias = item.childForFieldName('alias')?.text;
        if (name && alias) this.imports.set(alias, `${moduleName}.${name}`);
      }
    }
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
