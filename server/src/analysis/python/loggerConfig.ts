/**
 * How Python code configures logging: literal levels (`logging.DEBUG`, `"INFO"`, `20`) and
 * what a `structlog.configure(processors=[...])` list provides. Used by `hardcoded-log-level`
 * and `logger-config-incomplete`.
 */
import type { Node } from 'web-tree-sitter';
import { dottedName, stringValue } from './nodes';

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
