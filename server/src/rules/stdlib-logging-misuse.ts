import type { Node } from 'web-tree-sitter';
import { enclosingExcept, excInfo, methodNode, withMethod } from '../analysis/python/handlers';
import { dictFields } from '../analysis/python/logCalls';
import { callArgs, dottedName, stringValue } from '../analysis/python/nodes';
import { format, type Report, type Rule } from '../analysis/rule';
import type { OffsetEdit, OffsetFix } from '../analysis/types';
import { pyRemoveKeyword, pyRenameMethod } from '../analysis/fixes/callEdits';
import { pyLoggerFor, titleWithNote } from '../analysis/fixes/logger';
import { pyInsideFunction, runsBeforeInsert } from '../analysis/fixes/insert';
import type { PyContext } from '../analysis/rule';
import { MAINTAINED_CODE } from '../analysis/project/roles';

/** `LogRecord` attributes: an `extra` key with one of these names raises KeyError in `makeRecord`. */
const RECORD_ATTRS = new Set([
  'name', 'msg', 'args', 'message', 'asctime', 'levelname', 'levelno', 'pathname', 'filename', 'module', 'exc_info',
  'exc_text', 'stack_info', 'lineno', 'funcName', 'created', 'msecs', 'relativeCreated', 'thread', 'threadName',
  'processName', 'process', 'taskName',
]);
const BAD_LOGGER_NAMES = /^(__file__|__cached__|__class__|\w+(\.\w+)*\.__class__)$/;
/** A str literal without f/b prefix: group 2 is its content. */
const PLAIN_LITERAL = /^(?:[rRuU]{0,2})('''|"""|'|")([\s\S]*)\1$/;
/** Conversion types of Python's `%` operator on str. */
const CONVERSIONS = 'diouxXeEfFgGcrsa';

export const stdlibLoggingMisuse: Rule = {
  id: 'stdlib-logging-misuse',
  defaultSeverity: 'warning',
  docs: { summary: 'Misuses of the stdlib `logging` API (Ruff LOG/G, pylint logging checks): deprecated names, wrong `exc_info`, clashing `extra` keys, broken %-format arguments.' },
  messages: {
    directLogger: '`{call}` creates a logger outside the logging hierarchy: it gets no handlers or configuration. Use `logging.getLogger(__name__)`.',
    badName: '`getLogger({arg})`: loggers are named after the module, so configuration by name works. Use `getLogger(__name__)`.',
    warn: '`{call}` is deprecated. Use `{replacement}(...)`.',
    warnConstant: '`{name}` is an undocumented alias. Use `logging.WARNING`.',
    exceptionNoInfo: '`exception(..., {arg})` records no stack trace, which is what `error()` does. Use `{replacement}(...)` without `exc_info`.',
    errorExcInfo: '`error(..., exc_info=True)` is what `exception()` does. Use `{replacement}(...)` without `exc_info`.',
    redundantExcInfo: '`exc_info=True` is redundant: `exception()` always records the stack trace. Remove it.',
    extraClash: '`extra` key "{key}" clashes with the LogRecord attribute of the same name: logging raises KeyError when this line runs. Rename it (for example `ctx_{key}`).',
    tooManyArgs: 'The format string has {expected} placeholder(s) but {given} argument(s) are passed: logging reports "not all arguments converted" and the message is lost. Add placeholders or remove arguments.',
    tooFewArgs: 'The format string has {expected} placeholder(s) but only {given} argument(s) are passed: logging reports an error and the message is lost. Pass one argument per placeholder.',
    mappingArgs: 'The format string uses `%(name)s` keys, which need exactly one dict argument, but {given} are passed: the message is lost. Pass a single dict.',
    unsupported: 'Unsupported format character "{char}" in the log format string: logging reports an error and the message is lost. Use `%s`, `%d`, `%r`..., and write a literal percent sign as `%%`.',
    truncated: 'The log format string ends in the middle of a `%` placeholder: logging reports an error and the message is lost. Complete it, or write a literal percent sign as `%%`.',
    'fix.rename': 'Change to `{replacement}`',
    'fix.renameDropExcInfo': 'Change to `{replacement}` without `exc_info`',
    'fix.dropExcInfo': 'Remove `exc_info=True`',
    'fix.extraClash': 'Rename the key to `{key}`',
    'fix.warnConstant': 'Change to `logging.WARNING`',
    'fix.directLogger': 'Change to `getLogger()`',
    'fix.badName': 'Change to `__name__`',
    'fix.moduleLogger': 'Use the module logger `{logger}`',
    'fix.moduleLoggerCreated': 'Use a module logger',
    rootLogger: '`{call}` logs on the root logger: its lines cannot be filtered or configured per module. Use a module logger: `logger = logging.getLogger(__name__)`.',
  },
  hasFix: true,
  roles: MAINTAINED_CODE,

  python(ctx) {
    const m = stdlibLoggingMisuse.messages;
    let scannedWarn = false;
    /** `logging.WARN` can only appear where logging is imported: scan for it once, at the first import. */
    const scanWarn = (): void => {
      if (scannedWarn) return;
      scannedWarn = true;
      for (const match of ctx.text.matchAll(/\bWARN\b/g)) {
        const id = ctx.tree.rootNode.descendantForIndex(match.index!, match.index! + 4);
        if (id?.type !== 'identifier') continue;
        const parent = id.parent;
        let target: Node | null = null;
        if (parent?.type === 'attribute') {
          const obj = parent.childForFieldName('object');
          if (obj && obj.endIndex < id.startIndex && ctx.facts.qualify(dottedName(obj) ?? '') === 'logging') target = parent;
        } else if (parent?.type !== 'dotted_name' && parent?.type !== 'aliased_import' && ctx.facts.qualify('WARN') === 'logging.WARN') target = id;
        // `logging.WARN` → `logging.WARNING` (same value); a bare imported `WARN` would need another import.
        const attr = target?.type === 'attribute' ? target.childForFieldName('attribute') : null;
        const fixes = attr ? fix(m['fix.warnConstant'], true, [{ start: attr.startIndex, end: attr.endIndex, text: 'WARNING' }]) : undefined;
        if (target) ctx.report({ start: target.startIndex, end: target.endIndex, message: format(m.warnConstant, { name: ctx.text.slice(target.startIndex, target.endIndex) }), fixes });
      }
    };
    return {
      import_statement: scanWarn,
      import_from_statement: scanWarn,
      call(node: Node) {
        const { fn, name } = ctx.facts.callee(node);
        if (!fn || !name) return;
        const qualified = ctx.facts.qualify(name);
        if (qualified === 'logging.Logger') {
          // `logging.Logger(name)` → `logging.getLogger(name)`: the logger joins the hierarchy (gets its configuration).
          const attr = fn.type === 'attribute' ? fn.childForFieldName('attribute') : null;
          const args = callArgs(node);
          const fixes = attr && args.positional.length === 1 && args.keywords.size === 0 && !args.hasSplat
            ? fix(m['fix.directLogger'], false, [{ start: attr.startIndex, end: attr.endIndex, text: 'getLogger' }]) : undefined;
          ctx.report({ start: fn.startIndex, end: fn.endIndex, message: format(m.directLogger, { call: `${name}()` }), fixes });
          return;
        }
        if (qualified === 'logging.getLogger') {
          const args = callArgs(node);
          const arg = args.positional[0] ?? args.keywords.get('name')?.value;
          const argName = dottedName(arg);
          if (arg && argName && BAD_LOGGER_NAMES.test(argName)) {
            const fixes = fix(m['fix.badName'], false, [{ start: arg.startIndex, end: arg.endIndex, text: '__name__' }]);
            ctx.report({ start: arg.startIndex, end: arg.endIndex, message: format(m.badName, { arg: argName }), fixes });
          }
          return;
        }
        const lc = ctx.facts.loggerCall(node);
        if (!lc || lc.kind !== 'stdlib') return;
        const at: At = (n, message, severity, fixes) => ctx.report({ start: n.startIndex, end: n.endIndex, message, severity, fixes });
        /** Rename the method (and drop `exc_info`): only for `x.method(...)`, not a bare imported function. */
        const renamed = (title: string, to: string, dropExcInfo: boolean): OffsetFix[] | undefined => {
          const rename = pyRenameMethod(ctx.facts, node, to);
          const drop = dropExcInfo ? pyRemoveKeyword(ctx.text, node, 'exc_info') : undefined;
          return rename && (drop || !dropExcInfo) ? fix(format(title, { replacement: `${to}()` }), true, drop ? [rename, drop] : [rename]) : undefined;
        };
        const replace = (to: string) => withMethod(ctx.facts, node, to);
        const method = () => methodNode(ctx.facts, node) ?? fn;
        if (lc.isModuleFunction) at(fn, format(m.rootLogger, { call: `${fn.type === 'attribute' ? name : ctx.facts.qualify(name)}()` }), 'hint', moduleLoggerFix(ctx, node, fn, lc.method));
        if (lc.method === 'warn') at(method(), format(m.warn, { call: `${name}()`, replacement: replace('warning') }), undefined, renamed(m['fix.rename'], 'warning', false));
        // Cheap exit for the common `logger.info("message")`: no exc_info, no extra, no format arguments.
        const src = ctx.text.slice(node.startIndex, node.endIndex);
        const argCount = node.childForFieldName('arguments')?.namedChildCount ?? 0;
        if (!src.includes('exc_info') && !src.includes('extra') && argCount <= (lc.method === 'log' ? 2 : 1)) return;

        const args = callArgs(node);
        const info = excInfo(args);
        const excKw = args.keywords.get('exc_info');
        if (lc.method === 'exception' && info === 'false') {
          // In a handler the explicit `exc_info=False` stays: it says "no trace" (error-log-without-exception accepts it).
          const inHandler = !!enclosingExcept(ctx.facts, node);
          const fixes = inHandler ? renamed(m['fix.rename'], 'error', false) : renamed(m['fix.renameDropExcInfo'], 'error', true);
          at(excKw!.node, format(m.exceptionNoInfo, { arg: ctx.text.slice(excKw!.node.startIndex, excKw!.node.endIndex), replacement: replace('error') }), undefined, fixes);
        }
        if (info === 'true' && (lc.method === 'error' || lc.method === 'exception') && enclosingExcept(ctx.facts, node)) {
          if (lc.method === 'error') at(method(), format(m.errorExcInfo, { replacement: replace('exception') }), undefined, renamed(m['fix.renameDropExcInfo'], 'exception', true));
          else {
            const drop = pyRemoveKeyword(ctx.text, node, 'exc_info');
            at(excKw!.node, m.redundantExcInfo, undefined, drop && fix(m['fix.dropExcInfo'], true, [drop]));
          }
        }
        const extra = args.keywords.get('extra');
        if (extra) {
          const fields = dictFields(extra.value);
          const keys = new Set(fields.map((f) => f.key));
          for (const f of fields) {
            if (!RECORD_ATTRS.has(f.key)) continue;
            const renamedKey = `ctx_${f.key}`;
            // The key's text starts after the string's prefix and quote (`"name"`, `r'name'`), or is the keyword (`dict(name=...)`).
            const content = f.keyNode.type === 'string' ? f.keyNode.namedChildren.find((c) => c?.type === 'string_content') : f.keyNode;
            const fixes = content && !keys.has(renamedKey) ? fix(format(m['fix.extraClash'], { key: renamedKey }), false, [{ start: content.startIndex, end: content.startIndex, text: 'ctx_' }]) : undefined;
            at(f.keyNode, format(m.extraClash, { key: f.key }), 'error', fixes);
          }
        }
        const msgIndex = lc.method === 'log' ? 1 : 0;
        if (!args.hasSplat) checkFormat(ctx.text, args.positional[msgIndex], args.positional.slice(msgIndex + 1), at);
      },
    };
  },
};

type Span = { startIndex: number; endIndex: number };
type At = (n: Span, message: string, severity?: Report['severity'], fixes?: OffsetFix[]) => void;

/**
 * `logging.info(...)` / `info(...)` → `logger.info(...)` with the file's stdlib module logger,
 * else one created (`logger = logging.getLogger(__name__)`). Unsafe: the record's logger name
 * changes, and with it which handlers, levels and filters apply.
 */
function moduleLoggerFix(ctx: PyContext, call: Node, fn: Node, method: string): OffsetFix[] | undefined {
  const logger = pyLoggerFor(ctx, call);
  if (logger.style !== 'stdlib' || logger.expr === 'logging') return undefined;
  if (runsBeforeInsert(call.startIndex, () => pyInsideFunction(call), logger.setup)) return undefined;
  const edit = fn.type === 'attribute'
    ? { start: fn.startIndex, end: fn.childForFieldName('attribute')!.startIndex - 1, text: logger.expr }
    : { start: fn.startIndex, end: fn.endIndex, text: `${logger.expr}.${method}` };
  if (fn.type === 'attribute' && ctx.text[edit.end] !== '.') return undefined;
  const m = stdlibLoggingMisuse.messages;
  const title = logger.setup.length ? titleWithNote(m['fix.moduleLoggerCreated'], logger) : format(m['fix.moduleLogger'], { logger: logger.expr });
  return [{ title, safe: false, isPreferred: true, edits: [edit, ...logger.setup] }];
}

/** One preferred fix. Safety per fix: docs/rules/stdlib-logging-misuse.md, "Fix safety". */
function fix(title: string, safe: boolean, edits: OffsetEdit[]): OffsetFix[] {
  return [{ title, safe, isPreferred: true, edits }];
}

/** pylint E1200/E1201/E1205/E1206: %-placeholders against the lazy arguments. */
function checkFormat(source: string, message: Node | undefined, args: Node[], at: At): void {
  if (!message || args.length === 0) return; // no args: the message is used verbatim
  const type = message.type;
  if (type !== 'string' && type !== 'concatenated_string') return;
  // A plain literal is read from the source (no tree calls); f-strings and bytes are skipped.
  const literal = type === 'string' ? PLAIN_LITERAL.exec(source.slice(message.startIndex, message.endIndex)) : null;
  if (type === 'string' && !literal) return;
  const text = literal ? literal[2] : stringValue(message);
  if (text === undefined || /^[bB]/.test(source.charAt(message.startIndex))) return;
  const m = stdlibLoggingMisuse.messages;
  const spec = parsePercentFormat(text);
  if (spec.error === 'truncated') return at(message, m.truncated, 'error');
  if (spec.error) return at(message, format(m.unsupported, { char: spec.error }), 'error');
  if (spec.named) {
    if (args.length > 1) at({ startIndex: args[1].startIndex, endIndex: args[args.length - 1].endIndex }, format(m.mappingArgs, { given: args.length }), 'error');
    return;
  }
  if (args.length > spec.count) {
    const first = args[spec.count];
    at({ startIndex: first.startIndex, endIndex: args[args.length - 1].endIndex }, format(m.tooManyArgs, { expected: spec.count, given: args.length }), 'error');
  } else if (args.length < spec.count) at(message, format(m.tooFewArgs, { expected: spec.count, given: args.length }), 'error');
}

/**
 * Parses a %-format string like `str.__mod__` does: `%%` is a literal, `*` width/precision
 * take an argument, `%(key)s` needs a mapping. Returns the argument count or the first error.
 */
export function parsePercentFormat(s: string): { count: number; named: boolean; error?: string } {
  let count = 0;
  let named = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '%') continue;
    let isNamed = false;
    i++;
    if (s[i] === '(') {
      let depth = 1;
      while (++i < s.length && depth > 0) {
        if (s[i] === '(') depth++;
        else if (s[i] === ')') depth--;
      }
      if (depth > 0) return { count, named, error: 'truncated' };
      isNamed = true;
    }
    while (i < s.length && '#0- +'.includes(s[i])) i++;
    if (s[i] === '*') { count++; i++; } else while (i < s.length && /\d/.test(s[i])) i++;
    if (s[i] === '.') {
      i++;
      if (s[i] === '*') { count++; i++; } else while (i < s.length && /\d/.test(s[i])) i++;
    }
    while (i < s.length && 'hlL'.includes(s[i])) i++;
    if (i >= s.length) return { count, named, error: 'truncated' };
    if (s[i] === '%') continue;
    if (!CONVERSIONS.includes(s[i])) return { count, named, error: s[i] };
    if (isNamed) named = true;
    else count++;
  }
  return { count, named };
}
