/**
 * Python exception handlers as the exception rules see them: the `except` clause around a
 * node (stopping at function, lambda and class boundaries), what it catches and binds, what
 * its body does, and how a logger call treats `exc_info`.
 */
import type { Node } from 'web-tree-sitter';
import type { PyFacts } from './facts';
import { callArgs, dottedName, isStaticString, type PyArgs } from './nodes';

/** A nested function, lambda or class runs later, outside the handler that defines it. */
const SCOPE_BOUNDARIES = new Set(['function_definition', 'lambda', 'class_definition', 'module']);
const HANDLERS = new Set(['except_clause', 'except_group_clause']);

/** Exceptions that are control flow, not failures: swallowing or logging them without a trace is deliberate. */
const CONTROL_FLOW = new Set([
  'KeyboardInterrupt', 'SystemExit', 'GeneratorExit', 'StopIteration', 'StopAsyncIteration',
  'CancelledError', 'Empty', 'QueueEmpty',
]);
const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError']);
/**
 * Lookups whose miss is the expected outcome (`User.DoesNotExist`, `NoResultFound`, `KeyError`,
 * `Http404`, `ImageNotFound`, `NoSuchKey`) and authentication outcomes (`PermissionDenied`,
 * `jwt.ExpiredSignatureError`, `InvalidToken`): what happened is the type, a trace adds nothing.
 */
const EXPECTED_OUTCOME = /^(?:KeyError|Http404|NoResultFound|ObjectDoesNotExist|DoesNotExist|\w*NotFound(?:Error|Exception)?|NoSuch\w+|\w*(?:Unauthori[sz]ed|Forbidden|PermissionDenied|NotAuthenticated|AuthenticationFailed|AuthenticationError|Unauthenticated|NotAuthorized|InvalidToken|InvalidTokenError|ExpiredToken|TokenExpired|ExpiredSignatureError|InvalidSignatureError|BadSignature|SignatureExpired|InvalidCredentials|InvalidPassword)(?:Error|Exception)?)$/;
/**
 * Not expected: a missing part of the deployment (`EndpointNotFound`, `ServiceNotFound`,
 * `PluginNotFound`: a misconfiguration) and an HTTP 401/403 a client library got from a backend
 * (`HTTPForbidden`: the service's own credentials were refused).
 */
const NOT_EXPECTED_OUTCOME = /^(?:\w*(?:Endpoint|Service|Module|Plugin|Driver|Config|Configuration|Extension|Backend|Option|Catalog|Command|Binary|Executable|Library)NotFound\w*|HTTP\w+)$/;
/** Calls that write the exception being handled with its traceback (or send it to an error tracker). */
const RECORDS_TRACE = /(?:^|\.)(?:print_exc|print_exception|format_exc|format_exception|format_tb)$/;

/** Words in a comment (or docstring) on a do-nothing handler that say swallowing is on purpose. */
const DELIBERATE = /\bignor|\bexpected\b|\bintentional|\bdeliberate|\bon purpose\b|\bbest[- ]effort\b/i;

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
export function typeName(node: Node): string | undefined {
  const name = dottedName(node);
  return name?.slice(name.lastIndexOf('.') + 1);
}

/** Every type the handler catches is control flow (KeyboardInterrupt, StopIteration, CancelledError...). */
export function catchesOnlyControlFlow(c: Caught): boolean {
  return c.types.length > 0 && c.types.every((t) => CONTROL_FLOW.has(typeName(t) ?? ''));
}

/** Every type the handler catches is an expected miss or an authentication outcome (see EXPECTED_OUTCOME). */
export function catchesOnlyExpected(c: Caught): boolean {
  return c.types.length > 0 && c.types.every((t) => { const n = typeName(t) ?? ''; return EXPECTED_OUTCOME.test(n) && !NOT_EXPECTED_OUTCOME.test(n); });
}

/**
 * The call records the traceback of the exception being handled: `logger.exception(...)`,
 * `exc_info=` set (or possibly set by `**kwargs`), loguru `opt(exception=...)`,
 * `traceback.print_exc()`, or a logger call whose arguments hold `traceback.format_exc()`. An
 * error tracker (`sentry_sdk.capture_exception(e)`) does not count: the log line still has no trace.
 */
export function recordsTrace(facts: PyFacts, text: string, call: Node): boolean {
  const name = facts.callee(call).name;
  if (name && RECORDS_TRACE.test(facts.qualify(name))) return true;
  const lc = facts.loggerCall(call);
  if (!lc) return false;
  if (lc.method === 'exception') return true;
  const src = text.slice(call.startIndex, call.endIndex);
  if (/\b(?:format_exc|format_exception|format_tb)\s*\(/.test(src)) return true;
  if (lc.kind === 'loguru') return loguruOptException(facts, call);
  return !surelyNoExcInfo(text, call) && excInfo(callArgs(call)) !== 'absent' && excInfo(callArgs(call)) !== 'false';
}

/** The calls that run in the handler itself (not in a nested function, lambda or inner handler). */
export function handlerCalls(facts: PyFacts, clause: Node): Node[] {
  const body = handlerBody(clause);
  return (body?.descendantsOfType('call') ?? []).filter((c): c is Node => !!c && enclosingExcept(facts, c)?.id === clause.id);
}

/**
 * `other` runs whenever `call` runs, as far as branches go: every block around `other` (inside
 * the handler) also holds `call`. A `LOG.exception(...)` in an `if` branch that raises does not
 * record the trace for a `LOG.error(...)` after the `if`.
 */
export function onSamePath(other: Node, call: Node, clause: Node): boolean {
  for (let p = other.parent; p && p.id !== clause.id; p = p.parent) {
    if (p.type === 'block' && (call.startIndex < p.startIndex || call.endIndex > p.endIndex)) return false;
  }
  return true;
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

// ---------------------------------------------------------------------------------------------
// Deliberate do-nothing handlers (swallowed-exception). Each test is cheap and runs only on a
// handler whose body is already known to do nothing.

/**
 * Markers that explain nothing: unfinished work, coverage/type pragmas, test fixtures' `# expect: <rule-id>`,
 * and other linters' directives (`# noqa: …`, `# pylint: disable=…`): suppressions.ts honours those that
 * map to this rule, and one for another code says nothing about this handler.
 */
const NOT_AN_EXPLANATION = /^#+\s*(?:(?:TODO|FIXME|XXX|HACK)\b.*|pragma:\s*no\s*cover.*|type:\s*ignore.*|noqa\b.*|nosec\b.*|(?:ruff|flake8)\s*:\s*noqa\b.*|pylint\s*:.*|expect:\s*[a-z]+(?:-[a-z]+)+(?:\s*,\s*[a-z]+(?:-[a-z]+)+)*)?$/i;

/**
 * A comment in the handler (or on its `except` line) explains the silence, as ESLint's
 * `no-empty` accepts: `# Keep the value as a string if loading failed.`. `# TODO`, `# pragma: no cover`,
 * `# type: ignore` and linter directives do not count.
 */
export function hasExplainingComment(text: string, c: Caught, clause: Node): boolean {
  const lineEnd = text.indexOf('\n', clause.endIndex);
  const slice = text.slice(c.headerEnd, lineEnd < 0 ? text.length : lineEnd)
    .replace(/("""|''')[\s\S]*?\1|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '');
  for (const m of slice.matchAll(/#[^\n]*/g)) if (!NOT_AN_EXPLANATION.test(m[0].trim())) return true;
  return false;
}

/** Calls that release or tear down something: their failure is routinely ignored. */
export const CLEANUP_CALL = /^_*(?:close|aclose|unlink|remove|rmdir|rmtree|rm|kill|terminate|stop|cancel|shutdown|release|disconnect|destroy|dispose|flush|abort|join|cleanup|clean_up|uninstall|detach|unregister|force_close_all|close_all|closeAll|unlinkSync|rmSync|rmdirSync|end)$/;
/** Functions that tear down or finalize: nothing useful can be done with a failure there. */
const CLEANUP_FUNCTION = /^_*(?:close|aclose|cleanup|clean_up|shutdown|stop|finali[sz]e|teardown|tear_down|dispose|destroy|terminate|release|unlink|kill|del|exit|aexit)(?:_all)?_*$/;
/** Predicates: an error means "no" (`def is_valid(x): try: ... except Exception: pass; return False`). */
const PREDICATE_FUNCTION = /^_*(?:is|has|can|should|supports?)(?:_|[A-Z]|$)/;
/** A name that promises not to raise: `parse_http_date_safe`, `safe_int`, `try_parse`, `get_or_none`. */
const SAFE_FUNCTION = /^_*(?:safe|try)_|_safe(?:ly)?$|_or_(?:none|default)$/;
/** Reporting calls: if reporting itself fails there is nowhere left to report to. */
const REPORT_CALL = /^(?:warn|warnings\.warn|print|sys\.excepthook|excepthook|traceback\.print_exc|traceback\.print_exception)$/;

function tryStatement(clause: Node): Node | null {
  const p = clause.parent;
  return p?.type === 'try_statement' ? p : null;
}

function statements(block: Node | null): Node[] {
  return (block?.namedChildren ?? []).filter((s): s is Node => !!s && s.type !== 'comment');
}

function calledName(facts: PyFacts, stmt: Node): { name: string | undefined; call: Node } | undefined {
  if (stmt.type !== 'expression_statement') return undefined;
  let e = stmt.firstNamedChild;
  if (e?.type === 'await') e = e.firstNamedChild;
  if (e?.type !== 'call') return undefined;
  return { name: facts.callee(e).name ?? (e.childForFieldName('function')?.childForFieldName('attribute')?.text), call: e };
}

function assignsName(text: string, name: string): boolean {
  return new RegExp(`^[ \\t]*${name}\\s*(?::[^=\\n]*)?=(?!=)`, 'm').test(text);
}

function enclosingClass(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'class_definition') return p;
  return undefined;
}

/** The innermost function around the node (stopping at a class or the module). */
function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition') return p;
    if (p.type === 'class_definition' || p.type === 'module' || p.type === 'lambda') return undefined;
  }
  return undefined;
}

/**
 * Why ignoring is deliberate here, if it is: the `try` only cleans up (`f.close()`), the code is
 * a finalizer (`__del__`, `close()`), the handler sits in another handler (a secondary failure
 * while handling the first), the `try` only reports (`warnings.warn`), the handler keeps a
 * fallback (`x = default` before the `try`, or a `return fallback` right after it), the
 * function is a predicate where an error means "no", or its name promises not to raise (`*_safe`).
 */
export function deliberateSwallow(facts: PyFacts, text: string, clause: Node): string | undefined {
  const tryNode = tryStatement(clause);
  if (!tryNode) return undefined;
  const body = statements(tryNode.childForFieldName('body'));
  const calls = body.map((s) => calledName(facts, s));
  const last = (n: string | undefined) => (n ?? '').slice((n ?? '').lastIndexOf('.') + 1);
  if (body.length && calls.every((c) => c && CLEANUP_CALL.test(last(c.name)))) return 'cleanup';
  if (body.length && calls.every((c) => c && (REPORT_CALL.test(c.name ?? '') || !!facts.loggerCall(c.call)))) return 'report';
  const outer = enclosingExcept(facts, tryNode);
  if (outer && reportsOutside(text, outer, tryNode)) return 'nested';
  if (insideFinally(tryNode)) return 'cleanup';
  const fn = enclosingFunction(tryNode);
  const fnName = fn?.childForFieldName('name')?.text ?? '';
  if (CLEANUP_FUNCTION.test(fnName) || cleanupWords(fnName)) return 'finalizer';
  if (PREDICATE_FUNCTION.test(fnName)) return 'predicate';
  if (SAFE_FUNCTION.test(fnName)) return 'safe-by-name';
  if (keepsFallback(text, tryNode, body, fn)) return 'fallback';
  if (nextCandidate(tryNode, body)) return 'next-candidate';
  if (inLoop(tryNode) && body.length && onlyCollects(body)) return 'skip-item';
  if (explainedAbove(text, tryNode)) return 'commented';
  return undefined;
}

/**
 * A teardown by its words: the last word (`_do_volume_replication_destroy`, `connection_close`,
 * `server_stop`) or a first word that only tears down (`teardown_*`, `shutdown_*`, `destroy_*`).
 * Not `close_account` or `finalize_order` (business operations), nor `_cleanup_remote_migration`
 * (restoring state after a failure: its own failure matters).
 */
const TEARDOWN_LAST = new Set(['close', 'aclose', 'cleanup', 'shutdown', 'teardown', 'destroy', 'dispose', 'terminate', 'stop']);
const TEARDOWN_FIRST = new Set(['teardown', 'shutdown', 'destroy', 'dispose']);
function cleanupWords(fnName: string): boolean {
  const words = fnName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split('_').filter(Boolean);
  return words.length > 1 && (TEARDOWN_FIRST.has(words[0]) || TEARDOWN_LAST.has(words[words.length - 1]));
}

/** The `try` is in a `finally:` block: cleanup by construction. */
function insideFinally(tryNode: Node): boolean {
  for (let p = tryNode.parent; p; p = p.parent) {
    if (p.type === 'finally_clause') return true;
    if (SCOPE_BOUNDARIES.has(p.type)) return false;
  }
  return false;
}

/**
 * `for host in hosts: try: connect(host); break` / `...; return conn` / `if ok: return ip`: a
 * failure moves on to the next candidate (or the next retry). The `try` may sit under an `if`
 * in the loop body.
 */
function nextCandidate(tryNode: Node, body: Node[]): boolean {
  const exits = (s: Node | undefined): boolean => !!s && (s.type === 'break_statement' || s.type === 'return_statement'
    || (s.type === 'if_statement' && exits(statements(s.childForFieldName('consequence')).pop())));
  if (!exits(body[body.length - 1])) return false;
  for (let p = tryNode.parent; p; p = p.parent) {
    if (p.type === 'for_statement' || p.type === 'while_statement') return true;
    if (p.type !== 'block' && p.type !== 'if_statement' && p.type !== 'elif_clause' && p.type !== 'else_clause') return false;
  }
  return false;
}

/** The statement is in a loop body, through blocks and `if`s only. */
function inLoop(stmt: Node): boolean {
  for (let p = stmt.parent; p; p = p.parent) {
    if (p.type === 'for_statement' || p.type === 'while_statement') return true;
    if (p.type !== 'block' && p.type !== 'if_statement' && p.type !== 'elif_clause' && p.type !== 'else_clause') return false;
  }
  return false;
}

/**
 * Statements that only read the item and collect what they found (searx engines: `url =
 * result["url"]`, `results.append({...})`, `continue`): an item that does not parse is skipped.
 * A call as a statement (`run_job(job)`) is work, not collecting.
 */
function onlyCollects(stmts: Node[]): boolean {
  return stmts.every((st) => {
    if (st.type === 'continue_statement' || st.type === 'pass_statement') return true;
    if (st.type === 'if_statement') {
      return st.namedChildren.every((c) => !c || c.type === 'comment' || c.id === st.childForFieldName('condition')?.id
        || (c.type === 'block' ? onlyCollects(statements(c)) : (c.type === 'elif_clause' || c.type === 'else_clause') && onlyCollects(statements(c.childForFieldName('consequence') ?? c.childForFieldName('body') ?? c.lastNamedChild))));
    }
    if (st.type !== 'expression_statement') return false;
    const e = st.firstNamedChild;
    if (e?.type === 'assignment' || e?.type === 'augmented_assignment') return readsOnly(e.childForFieldName('right'));
    const fn = e?.type === 'call' ? e.childForFieldName('function') : null;
    return fn?.type === 'attribute' && /^(?:append|add|extend|update|insert|setdefault)$/.test(fn.childForFieldName('attribute')?.text ?? '');
  });
}

/** Calls that read or convert a value (`int(x)`, `result["url"]`, `query(r, q)[0]`, `extract_text(...)`, `"{}".format(...)`). */
const READER_CALL = /^(?:int|float|str|bool|len|dict|list|tuple|set|sorted|loads|parse\w*|extract\w*|eval_xpath\w*|xpath|cssselect|css|find|find_all|findall|findtext|select\w*|text_content|query|get|format|strip|split|join|replace|lower|upper|strptime|fromisoformat|urlparse|urljoin|quote|unquote|decode|encode|group|match|search|gettext|_)$/;

/** The right-hand side only reads: names, attributes, subscripts, literals, operators, and reader calls. */
function readsOnly(node: Node | null): boolean {
  if (!node) return true;
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
    if (!READER_CALL.test(name ?? '')) return false;
    if (fn?.type === 'attribute' && !readsOnly(fn.childForFieldName('object'))) return false;
    return (node.childForFieldName('arguments')?.namedChildren ?? []).every((a) => !a || readsOnly(a.type === 'keyword_argument' ? a.childForFieldName('value') : a));
  }
  if (node.type === 'await' || node.type === 'lambda' || node.type === 'yield') return false;
  return node.namedChildren.every((c) => !c || readsOnly(c));
}

/** Comments right above the `try:` or opening its body that say why failures are ignored ("We eat the exception here because..."). */
const EXPLAINS_IGNORING = /\bignor|\bexpected\b|\bintentional|\bdeliberate|\bon purpose\b|\bbest[- ]effort\b|\bswallow|\beat(?:s|ing)?\s+(?:the|this|any|all)?\s*(?:exceptions?|errors?)|\bharmless\b|\bdon'?t care\b|\bdoesn'?t matter\b|\bsafe to\b|\btry\/except\b|\b(?:can|may|might) (?:safely )?fail\b/i;
function explainedAbove(text: string, tryNode: Node): boolean {
  const lines: string[] = [];
  let at = text.lastIndexOf('\n', tryNode.startIndex - 1);
  while (at > 0) {
    const start = text.lastIndexOf('\n', at - 1) + 1;
    const line = text.slice(start, at).trim();
    if (!line.startsWith('#')) break;
    lines.push(line);
    at = start - 1;
  }
  const body = tryNode.childForFieldName('body');
  for (let c = body?.firstNamedChild ?? null; c?.type === 'comment'; c = c.nextNamedSibling) lines.push(c.text);
  // A comment on the `try:` line itself, or the first lines of the body before any statement.
  const tryLineEnd = text.indexOf('\n', tryNode.startIndex);
  const firstStatement = body?.namedChildren.find((c) => c && c.type !== 'comment');
  lines.push(text.slice(tryNode.startIndex, firstStatement ? firstStatement.startIndex : tryLineEnd).replace(/^try\s*:/, ''));
  return EXPLAINS_IGNORING.test(lines.join('\n').replace(/^\s*#+/gm, ' ').replace(/\s+/g, ' '));
}

/** Reports or re-raises the first failure: a logging call, `raise`, `print`, a traceback. */
export const REPORTS = /\braise\b|\bthrow\b|\.(?:log|debug|info|warning|warn|error|exception|critical|fatal|emitWarning)\s*\(|\bprint(?:_exc|_exception|_stack)?\s*\(|excepthook/;

/** The outer handler reports (or re-raises) the first failure somewhere outside the inner `try`. */
function reportsOutside(text: string, outer: Node, inner: Node): boolean {
  return REPORTS.test(text.slice(outer.startIndex, inner.startIndex) + '\n' + text.slice(inner.endIndex, outer.endIndex));
}

function keepsFallback(text: string, tryNode: Node, body: Node[], fn: Node | undefined): boolean {
  // `raise` right after the try: the failure becomes another error. `return fallback` right after
  // it when the try produces the result, whether by returning it (`try: return fast(x)`, or in
  // `else:`) or by setting the name that is returned (`try: f(); ok = True` ... `return ok`): the
  // same handler gets the same verdict either way (issue 15). A `return` of something else
  // (`try: delete_old(lun)` ... `return (True, update)`) is just the function's end.
  let next = tryNode.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  if (next?.type === 'raise_statement') return true;
  if (next?.type === 'return_statement' && next.namedChildCount > 0) {
    const elseClause = tryNode.namedChildren.find((c) => c?.type === 'else_clause');
    const tryBody = tryNode.childForFieldName('body');
    const returns = (n: Node | null | undefined) => !!n && /\breturn\b/.test(text.slice(n.startIndex, n.endIndex));
    if (returns(tryBody) || returns(elseClause)) return true;
    const returned = next.namedChildren[0];
    if (returned?.type === 'identifier' && tryBody && assignsName(text.slice(tryBody.startIndex, tryBody.endIndex), returned.text)) return true;
  }
  // `x = default` ... `try: x = compute()`: the handler keeps the default.
  if (!body.length || !body.every((s) => s.type === 'expression_statement' && s.firstNamedChild?.type === 'assignment')) return false;
  const scopeStart = fn ? fn.startIndex : 0;
  const before = text.slice(scopeStart, tryNode.startIndex);
  const cls = fn && enclosingClass(fn);
  return body.some((s) => {
    const target = s.firstNamedChild?.childForFieldName('left')?.text;
    if (!target || !/^[\w.]+$/.test(target)) return false;
    const assignment = new RegExp(`^[ \\t]*${target.replace(/\./g, '\\.')}\\s*(?::[^=\\n]*)?=(?!=)`, 'gm');
    if (assignment.test(before)) return true;
    // `self._version = 'unknown'` set elsewhere in the class (`__init__`) and only refined here.
    if (!cls || !target.startsWith('self.')) return false;
    const classText = text.slice(cls.startIndex, tryNode.startIndex) + text.slice(tryNode.endIndex, cls.endIndex);
    return new RegExp(assignment.source, 'm').test(classText);
  });
}
