/**
 * How Python code configures logging: literal levels (`logging.DEBUG`, `"INFO"`, `20`) and
 * what a `structlog.configure(processors=[...])` list provides. Used by `hardcoded-log-level`
 * and `logger-config-incomplete`.
 */
import type { Node } from 'web-tree-sitter';
import { dottedName, mainGuardCalls, stringValue } from './nodes';

const LEVEL_NAMES = new Set(['DEBUG', 'INFO', 'WARNING', 'WARN', 'ERROR', 'CRITICAL', 'FATAL']);
const LEVEL_NUMBERS: Record<string, string> = { 10: 'DEBUG', 20: 'INFO', 30: 'WARNING', 40: 'ERROR', 50: 'CRITICAL' };

export interface PyLevelLiteral {
  /** Upper-case level name (`DEBUG`, `INFO`...). */
  level: string;
  /** `logging.DEBUG` or an upper-case level name: a log level whatever the receiver is. */
  certain: boolean;
}

/**
 * A literal log level: `logging.DEBUG` (any import alias), `"DEBUG"` / `"debug"`, or `10`.
 * `NOTSET` is not reported: on a handler it means "defer to the logger", not a choice of level.
 * Anything computed (`os.getenv(...)`, `settings.LOG_LEVEL`, a conditional) is not a literal.
 */
export function pyLevelLiteral(node: Node, qualify: (name: string) => string): PyLevelLiteral | undefined {
  if (node.type === 'attribute' || node.type === 'identifier') {
    const name = dottedName(node);
    const m = name ? /^logging\.([A-Z]+)$/.exec(qualify(name)) : null;
    return m && LEVEL_NAMES.has(m[1]) ? { level: m[1], certain: true } : undefined;
  }
  if (node.type === 'string') {
    const value = stringValue(node);
    if (value === undefined || !LEVEL_NAMES.has(value.toUpperCase())) return undefined;
    return { level: value.toUpperCase(), certain: value === value.toUpperCase() };
  }
  if (node.type === 'integer') {
    const level = LEVEL_NUMBERS[node.text];
    return level ? { level, certain: false } : undefined;
  }
  return undefined;
}

/** What every structured log line needs from the structlog processor chain. */
export type StructlogNeed = 'timestamper' | 'level' | 'contextvars' | 'renderer';

const NEED_PATTERNS: [StructlogNeed, RegExp][] = [
  ['timestamper', /timestamp|time_stamp/i],
  ['level', /add_log_level|add_level/i],
  ['contextvars', /contextvars/i],
  // JSONRenderer (or a custom JSON one), other machine renderers, or rendering delegated to stdlib's ProcessorFormatter.
  ['renderer', /json|^(?!ConsoleRenderer$)\w*Renderer$|wrap_for_formatter|render_to_log_kwargs/i],
];

/**
 * The needs a literal processor list lacks, in a fixed order; undefined when the list cannot
 * be known (`*shared_processors`). A `ConsoleRenderer` picked by a conditional expression
 * (`JSONRenderer() if prod else ConsoleRenderer()`) counts as a renderer, and so does an unknown
 * project function in the last position (it may render).
 */
export function structlogMissing(list: Node, qualify: (name: string) => string): StructlogNeed[] | undefined {
  const items = list.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  if (items.some((c) => c.type === 'list_splat')) return undefined;
  const found = new Set<StructlogNeed>();
  items.forEach((item, i) => {
    const names = processorNames(item);
    for (const name of names) {
      const last = name.slice(name.lastIndexOf('.') + 1);
      for (const [need, re] of NEED_PATTERNS) if (re.test(last)) found.add(need);
    }
    if (item.type === 'conditional_expression' && names.some((n) => /Renderer$/.test(n))) found.add('renderer');
    const last = i === items.length - 1;
    if (last && names.length && !names.some((n) => qualify(n).startsWith('structlog.'))) found.add('renderer');
  });
  return (['timestamper', 'level', 'contextvars', 'renderer'] as const).filter((n) => !found.has(n));
}

/** `structlog.processors.TimeStamper(fmt="iso")` → its callee name; both branches of a conditional. */
function processorNames(item: Node): string[] {
  if (item.type === 'call') {
    const name = dottedName(item.childForFieldName('function'));
    return name ? [name] : [];
  }
  if (item.type === 'conditional_expression') return item.namedChildren.flatMap((c) => (c ? processorNames(c) : []));
  if (item.type === 'parenthesized_expression' && item.namedChildren[0]) return processorNames(item.namedChildren[0]);
  const name = dottedName(item);
  return name ? [name] : [];
}

/**
 * A condition that makes a level deliberate: a debug/verbose flag (`if app.debug:`,
 * `if args.verbose:`, `if loop.get_debug():`), the environment, or "nothing configured yet"
 * (`if logger.level == logging.NOTSET:`, `if not logger.handlers:`).
 */
export const DELIBERATE_LEVEL_CONDITION = /debug|verbos|quiet|silent|NOTSET|\blevel\b|handlers|environ|getenv|process\.env/i;
/** Functions and classes whose job is a debug or verbose mode (`DebugSQLTextTestResult`). */
const DEBUG_SCOPE = /debug|verbose/i;
const FUNCTION_SCOPES = new Set(['function_definition', 'class_definition']);


/**
 * Where a hard-coded level is a deliberate choice rather than a service's configuration:
 * under `if __name__ == "__main__":` or in the top-level function that block calls (a script's
 * or CLI's `main()`: the level of a script is part of its user interface), in a branch chosen
 * by a debug/verbose flag, the environment or "not configured yet", or in a function or class
 * that implements a debug mode.
 */
export function pyDeliberateLevel(node: Node, text: string): boolean {
  let outermostFn: Node | undefined;
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    const type = p.type;
    if (type === 'if_statement' || type === 'elif_clause') {
      const cond = p.childForFieldName('condition');
      if (cond && cond.id !== child.id) {
        const condText = text.slice(cond.startIndex, cond.endIndex);
        if (DELIBERATE_LEVEL_CONDITION.test(condText) || (type === 'if_statement' && /\b__name__\b/.test(condText) && /__main__/.test(condText))) return true;
      }
    } else if (FUNCTION_SCOPES.has(type)) {
      const name = p.childForFieldName('name')?.text ?? '';
      if (DEBUG_SCOPE.test(name)) return true;
      if (type === 'function_definition') outermostFn = p;
    } else if (type === 'module' && outermostFn) {
      const name = outermostFn.childForFieldName('name')?.text;
      return !!name && outermostFn.parent !== null && isTopLevel(outermostFn) && mainGuardCalls(p).has(name);
    }
  }
  return false;
}

function isTopLevel(fn: Node): boolean {
  const parent = fn.parent;
  return parent?.type === 'module' || (parent?.type === 'decorated_definition' && parent.parent?.type === 'module');
}

