/**
 * Python exception handlers as the exception rules see them: the `except` clause around a
 * node (stopping at function, lambda and class boundaries), what it catches and binds, what
 * its body does, and how a logger call treats `exc_info`.
 */
import type { Node } from 'web-tree-sitter';
import type { PyFacts } from './facts';
import { dottedName, isStaticString, type PyArgs } from './nodes';

/** A nested function, lambda or class runs later, outside the handler that defines it. */
const SCOPE_BOUNDARIES = new Set(['function_definition', 'lambda', 'class_definition', 'module']);
const HANDLERS = new Set(['except_clause', 'except_group_clause']);

/** Exceptions that are control flow, not failures: swallowing or logging them without a trace is deliberate. */
const CONTROL_FLOW = new Set([
  'KeyboardInterrupt', 'SystemExit', 'GeneratorExit', 'StopIteration', 'StopAsyncIteration',
  'CancelledError', 'Empty', 'QueueEmpty',
]);
const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError']);

/** Words in a comment (or docstring) on a do-nothing handler that say swallowing is on purpose. */
const DELIBERATE = /\bignor|\bexpected\b|\bintentional|\bdeliberate|\bon purpose\b|\bbest[- ]effort\b|\bnosec\b|\bS110\b/i;

const enclosingCache = new WeakMap<PyFacts, Map<number, Node | null>>();

/**
 * The `except` clause whose body holds the node; undefined outside any handler. A nested
 * `def`/`lambda`/`class` is a boundary: its code runs later, when no exception is being handled.
 * Cached per node for all rules (keyed by the file's facts).
 */
export function enclosingExcept(facts: PyFacts, node: Node): Node | undefined {
  let cache = enclosingCache.get(facts);
  if (!cache) enclosingCache.set(facts, (cache = new Map()));
  const hit = cache.get(node.id);
  if (hit !== undefined) return hit ?? undefined;
  let found: Node | null = null;
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    const type = p.type;
    if (HANDLERS.has(type) && child.type === 'block') { found = p; break; }
    if (SCOPE_BOUNDARIES.has(type)) break;
  }
  cache.set(node.id, found);
  return found ?? undefined;
}

export interface Caught {
  /** The exception type expressions (`ValueError`, `requests.Timeout`); empty for a bare `except:`. */
  types: Node[];
  /** The `as` name, if any. */
  name?: string;
  /** `except ... as e` up to (not including) the colon: where findings about the handler go. */
  headerEnd: number;
  /** The handler's body. */
  body: Node | null;
}

/** What an `except` clause catches and binds. */
export function caught(clause: Node): Caught {
  let headerEnd = clause.startIndex + 'except'.length;
  let typeNode: Node | null = null;
  let name: string | undefined;
  let body: Node | null = null;
  for (const child of clause.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'block') { body = child; break; }
    headerEnd = child.endIndex;
    if (child.type === 'as_pattern') {
      typeNode = child.namedChildren[0] ?? null;
      const alias = child.childForFieldName('alias');
      name = alias ? (alias.type === 'identifier' ? alias.text : alias.namedChildren[0]?.text) : undefined;
    } else if (!typeNode) typeNode = child;
    else if (child.type === 'identifier') name = child.text; // older grammars: `except E as e` without as_pattern
  }
  return { types: typeNode ? flattenTypes(typeNode) : [], name, headerEnd, body };
}

function flattenTypes(node: Node): Node[] {
  if (node.type === 'tuple' || node.type === 'parenthesized_expression') {
    return node.namedChildren.flatMap((c) => (c && c.type !== 'comment' ? flattenTypes(c) : []));
  }
  return [node];
}

/** Last segment of a caught type's dotted name (`asyncio.CancelledError` → `CancelledError`). */
function typeName(node: Node): string | undefined {
  const name = dottedName(node);
  return name?.slice(name.lastIndexOf('.') + 1);
}

/** Every type the handler catches is control flow (KeyboardInterrupt, StopIteration, CancelledError...). */
export function catchesOnlyControlFlow(c: Caught): boolean {
  return c.types.length > 0 && c.types.every((t) => CONTROL_FLOW.has(typeName(t) ?? ''));
}

/** Every type the handler catches is ImportError / ModuleNotFoundError. */
export function catchesOnlyImportErrors(c: Caught): boolean {
  return c.types.length > 0 && c.types.every((t) => IMPORT_ERRORS.has(typeName(t) ?? ''));
}

/** A bare `except:`, `except Exception` or `except BaseException`. */
export function catchesEverything(c: Caught): boolean {
  return c.types.length === 0 || c.types.some((t) => /^(builtins\.)?(Exception|BaseException)$/.test(dottedName(t) ?? ''));
}

/** The handler's body block (cheap: it is the clause's last named child unless the parse is broken). */
export function handlerBody(clause: Node): Node | null {
  const last = clause.lastNamedChild;
  return last?.type === 'block' ? last : caught(clause).body;
}

/**
 * The body does nothing: only `pass`, `...`, `continue`, string literals (docstrings) and
 * comments. Walks siblings so a real body is rejected at its first statement.
 */
export function isTrivialBody(body: Node | null): boolean {
  let statements = 0;
  for (let s = body?.firstNamedChild ?? null; s; s = s.nextNamedSibling) {
    const type = s.type;
    if (type === 'comment') continue;
    statements++;
    if (type === 'pass_statement' || type === 'continue_statement') continue;
    if (type === 'expression_statement' && s.namedChildCount === 1) {
      const e = s.firstNamedChild!;
      if (e.type === 'ellipsis' || isStaticString(e)) continue;
    }
    return false;
  }
  return statements > 0;
}

/**
 * The comments or docstring of a do-nothing handler say ignoring is deliberate: the text from
 * the end of the `except ...` header to the end of the handler's last line (a trivial body
 * holds no other words than `pass` / `continue`).
 */
export function hasDeliberateComment(text: string, c: Caught, clause: Node): boolean {
  const lineEnd = text.indexOf('\n', clause.endIndex);
  return DELIBERATE.test(text.slice(c.headerEnd, lineEnd < 0 ? text.length : lineEnd));
}

/** The `try` body of this handler imports something (optional dependency). */
export function tryBodyImports(text: string, clause: Node): boolean {
  const body = clause.parent?.childForFieldName('body');
  return !!body && /(^|;)[ \t]*(import|from)\s|__import__\s*\(|import_module\s*\(/m.test(text.slice(body.startIndex, body.endIndex));
}

/** The method-name node of a logger call (`error` in `logger.error(...)`, or the bare imported function). */
export function methodNode(facts: PyFacts, call: Node): Node | null {
  const { fn } = facts.callee(call);
  return fn?.type === 'attribute' ? fn.childForFieldName('attribute') : fn;
}

export type ExcInfo = 'absent' | 'true' | 'false' | 'value' | 'unknown';

/**
 * A cheap pre-check on the call's source text: it cannot carry `exc_info` (no such word and no
 * `**kwargs`), so `excInfo(callArgs(call))` would say 'absent' without parsing the arguments.
 */
export function surelyNoExcInfo(text: string, call: Node): boolean {
  const src = text.slice(call.startIndex, call.endIndex);
  return !src.includes('exc_info') && !src.includes('**');
}

/**
 * How a call sets `exc_info`: a truthy literal (`True`, `1`), a falsy literal (`False`, `None`,
 * `0`, `[]`), another expression (`e`, `sys.exc_info()`: an explicit exception), or unknown (`**kwargs`).
 */
export function excInfo(args: PyArgs): ExcInfo {
  const kw = args.keywords.get('exc_info');
  if (!kw) return args.hasSplat ? 'unknown' : 'absent';
  return literalTruth(kw.value) ?? 'value';
}

function literalTruth(v: Node): 'true' | 'false' | undefined {
  switch (v.type) {
    case 'true': return 'true';
    case 'false': case 'none': return 'false';
    case 'integer': return /^0+$|^0[xob]0+$/i.test(v.text.replace(/_/g, '')) ? 'false' : 'true';
    case 'list': case 'tuple': case 'dictionary': return v.namedChildCount === 0 ? 'false' : undefined;
    case 'string': return isStaticString(v) ? (v.namedChildren.some((c) => c?.type === 'string_content') ? 'true' : 'false') : undefined;
    default: return undefined;
  }
}

/** loguru: `logger.opt(exception=...)` somewhere in the receiver chain of the call. */
export function loguruOptException(facts: PyFacts, call: Node): boolean {
  let obj = facts.callee(call).fn?.childForFieldName('object') ?? null;
  while (obj?.type === 'call') {
    const fn = obj.childForFieldName('function');
    if (fn?.type !== 'attribute') return false;
    if (fn.childForFieldName('attribute')?.text === 'opt') {
      const kw = obj.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'exception');
      const value = kw?.childForFieldName('value');
      if (value && literalTruth(value) !== 'false') return true;
    }
    obj = fn.childForFieldName('object');
  }
  return false;
}

/** Whether an identifier named `name` occurs inside the node (e.g. the caught `e` in the call's arguments). */
export function mentions(node: Node | null, name: string | undefined): boolean {
  if (!node || !name) return false;
  return node.descendantsOfType('identifier').some((id) => id?.text === name);
}

/**
 * The call's callee with another method name, for messages: `self.log.error` →
 * `self.log.exception`; a bare imported function (`from logging import error as err`) →
 * `logging.exception`.
 */
export function withMethod(facts: PyFacts, call: Node, method: string): string {
  const name = facts.callee(call).name ?? '';
  const dotted = name.includes('.') ? name : facts.qualify(name);
  return dotted.includes('.') ? `${dotted.slice(0, dotted.lastIndexOf('.'))}.${method}` : method;
}
