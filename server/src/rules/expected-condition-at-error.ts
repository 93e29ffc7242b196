import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { eventWords } from '../analysis/eventNames';
import type { JsLoggerCall } from '../analysis/js/facts';
import { logParts as jsLogParts } from '../analysis/js/logCalls';
import { isStringLiteralLike, unwrap } from '../analysis/js/nodes';
import type { PyLoggerCall } from '../analysis/python/facts';
import { pyLevelLiteral } from '../analysis/python/loggerConfig';
import { logParts } from '../analysis/python/logCalls';
import { callArgs } from '../analysis/python/nodes';
import { format, type Rule } from '../analysis/rule';
import type { OffsetEdit, OffsetFix } from '../analysis/types';
import { MAINTAINED_CODE } from '../analysis/project/roles';

/** Outcomes a service expects every day; snake_case words matched on word boundaries. */
const EXPECTED = [
  'invalid_password', 'wrong_password', 'incorrect_password', 'not_found', 'validation', 'invalid_input', 'unauthorized', 'forbidden',
  'login_failed', 'rate_limited', 'bad_request', 'invalid_credentials', 'wrong_credentials', 'bad_credentials',
];
/**
 * Phrases with words in between or after: "Incorrect username or password", "Session has
 * expired", "expired reset link", "Invalid token" / "invalid signature for webhook" (not
 * "Invalid token introspection response": there the token is a modifier). `expired` alone is not
 * enough: an expired certificate, license or lease is a failure someone has to fix.
 */
const EXPECTED_PATTERNS = [
  /_incorrect(?:_[a-z0-9]+){0,3}_password_/,
  /_(?:token|session|jwt|signature|link|otp|code|invitation|invite|reset|nonce)_(?:has_|is_|was_)?expired_/,
  /_expired_(?:token|session|jwt|signature|link|otp|code|invitation|invite|reset|nonce)_/,
  /_invalid_(?:token|signature|jwt)_(?:$|(?:for|from|provided|supplied|received|in|on|given|used)_)/,
];
/** A missing thing the deployment provides (`Config file not found`, `Bottle module not found`, `Default volume type not found`): a failure to fix. */
const DEPLOYMENT_SUBJECT = new Set([
  'module', 'library', 'lib', 'package', 'plugin', 'binary', 'executable', 'command', 'file', 'directory', 'dir', 'folder', 'path', 'config',
  'configuration', 'setting', 'settings', 'template', 'endpoint', 'driver', 'extension', 'certificate', 'cert', 'schema', 'default', 'api',
]);
/** Misconfiguration wording: `This must be corrected`, `Exiting.`, `Please check [x] in the config`. */
const MISCONFIGURATION = /_(?:must|exiting|aborting|please_check|check_your)_/;
/** Cheap pre-check on the raw text (any case, any separator) before splitting it into words. */
const MAYBE_EXPECTED = /found|validation|invalid|incorrect|password|credential|expired|authori[sz]ed|forbidden|fail|limited|request/i;

export const expectedConditionAtError: Rule = {
  id: 'expected-condition-at-error',
  defaultSeverity: 'hint',
  docs: { summary: 'An expected outcome (not found, validation, unauthorized, rate limited…) is logged at error level.' },
  messages: {
    expected: '"{text}" is logged at {level} level but reads as an expected outcome ({phrase}): log it at warning (or info) and keep error for failures someone has to fix.',
    fix: 'Lower to warning',
  },
  hasFix: true,
  roles: MAINTAINED_CODE,

  python(ctx) {
    return {
      call(node: Node) {
        const lc = ctx.facts.loggerCall(node);
        if (!lc) return;
        const level = pyErrorLevel(lc, (n) => ctx.facts.qualify(n));
        if (!level || !MAYBE_EXPECTED.test(ctx.text.slice(node.startIndex, node.endIndex))) return;
        const msg = logParts(lc).message;
        const text = msg && pyStaticText(msg);
        if (msg && text) check(text, level, msg.startIndex, msg.endIndex, ctx.report, () => pyLowerEdits(lc));
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const lc = ctx.facts.loggerCall(node as ts.CallExpression);
        if (!lc || lc.kind === 'console') return;
        const level = jsErrorLevel(lc);
        if (!level || !MAYBE_EXPECTED.test(sf.text.slice(node.pos, node.end))) return;
        const msg = jsLogParts(lc).message;
        const text = msg && jsStaticText(msg);
        if (msg && text) check(text, level, msg.getStart(sf), msg.end, ctx.report, () => jsLowerEdits(lc, sf));
      },
    };
  },
};

function check(text: string, level: string, start: number, end: number, report: (r: { start: number; end: number; message: string; fixes: OffsetFix[] }) => void, lower: () => OffsetEdit[] | undefined): void {
  if (!MAYBE_EXPECTED.test(text)) return;
  const words = `_${eventWords(text).join('_')}_`;
  const phrase = EXPECTED.find((p) => words.includes(`_${p}_`)) ?? EXPECTED_PATTERNS.map((p) => p.exec(words)?.[0].slice(1, -1)).find((m) => m);
  if (!phrase || (phrase === 'not_found' && deploymentMiss(words))) return;
  const flat = text.replace(/\s+/g, ' ').trim();
  const shown = flat.length > 48 ? `${flat.slice(0, 47)}…` : flat;
  const edits = lower();
  // Unsafe: the level decides alerting and retention.
  const fixes = edits ? [{ title: expectedConditionAtError.messages.fix, safe: false, isPreferred: true, edits }] : [];
  report({ start, end, message: format(expectedConditionAtError.messages.expected, { text: shown, level, phrase }), fixes });
}

/** The miss is of something the deployment provides, or the message says so (see DEPLOYMENT_SUBJECT, MISCONFIGURATION). */
function deploymentMiss(words: string): boolean {
  if (MISCONFIGURATION.test(words)) return true;
  const before = words.slice(0, words.indexOf('_not_found_')).split('_').filter(Boolean).slice(-3);
  return before.some((w) => DEPLOYMENT_SUBJECT.has(w));
}

/** `.error(` → `.warning(`; `.exception(...)` → `.warning(..., exc_info=True)` (the traceback stays); `log(logging.ERROR` → `WARNING`. */
function pyLowerEdits(lc: PyLoggerCall): OffsetEdit[] | undefined {
  const fn = lc.call.childForFieldName('function');
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : fn;
  if (!name) return undefined;
  if (lc.method === 'log') {
    const first = callArgs(lc.call).positional[0];
    const m = first && /^(?:[\w.]+\.)?(ERROR|CRITICAL|FATAL)$|^(["'])(?:ERROR|CRITICAL|FATAL)\2$/.exec(first.text);
    if (!first || !m) return undefined;
    const word = m[1] ? first.endIndex - m[1].length : first.startIndex + 1;
    return [{ start: word, end: m[1] ? first.endIndex : first.endIndex - 1, text: 'WARNING' }];
  }
  if (lc.isModuleFunction && fn?.type === 'identifier') return undefined; // `from logging import error`: `warning` may not be imported
  const edits: OffsetEdit[] = [{ start: name.startIndex, end: name.endIndex, text: 'warning' }];
  if (lc.method === 'exception' && !callArgs(lc.call).keywords.has('exc_info')) {
    const close = lc.call.childForFieldName('arguments');
    if (close?.type !== 'argument_list') return undefined;
    const inner = close.text.slice(1, -1);
    const trailingComma = /,\s*$/.test(inner);
    const at = close.endIndex - 1 - (inner.length - inner.trimEnd().length);
    edits.push({ start: at, end: at, text: `${trailingComma || !inner.trim() ? '' : ', '}exc_info=True` });
  }
  return edits;
}

/** `.error(` / `.fatal(` → `.warn(`; `log('error', ...)` → `log('warn', ...)`. */
function jsLowerEdits(lc: JsLoggerCall, sf: ts.SourceFile): OffsetEdit[] | undefined {
  const callee = unwrap(lc.call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  if (lc.level === 'log') {
    const first = unwrap(lc.call.arguments[0]);
    return [{ start: first.getStart(sf) + 1, end: first.end - 1, text: 'warn' }];
  }
  return [{ start: callee.name.getStart(sf), end: callee.name.end, text: 'warn' }];
}

/** `error`/`exception` → error, `critical`/`fatal` → critical; `logger.log(logging.ERROR, ...)` too. */
function pyErrorLevel(lc: PyLoggerCall, qualify: (n: string) => string): string | undefined {
  if (lc.level === 'error' || lc.level === 'critical') return lc.level;
  if (lc.level !== 'log') return undefined;
  const first = callArgs(lc.call).positional[0];
  const lit = first && pyLevelLiteral(first, qualify);
  return lit && (lit.level === 'ERROR' || lit.level === 'CRITICAL' || lit.level === 'FATAL') ? lit.level.toLowerCase() : undefined;
}

function jsErrorLevel(lc: JsLoggerCall): string | undefined {
  if (lc.level === 'error' || lc.level === 'critical') return lc.level;
  if (lc.level !== 'log') return undefined;
  const first = lc.call.arguments[0] && unwrap(lc.call.arguments[0]);
  const level = first && isStringLiteralLike(first) ? (first as ts.StringLiteral).text : undefined;
  return level === 'error' || level === 'fatal' || level === 'crit' ? 'error' : undefined;
}

/** A static string, or the static parts of an f-string (an interpolation breaks words). */
function pyStaticText(msg: Node): string | undefined {
  if (msg.type === 'concatenated_string') return msg.namedChildren.map((c) => (c ? pyStaticText(c) ?? ' ' : '')).join('');
  if (msg.type !== 'string') return undefined;
  // Raw source text: an escape (`\\n`) separates words like the character it stands for.
  return msg.namedChildren.map((c) => (c?.type === 'string_content' ? c.text.replace(/\\./g, ' ') : c?.type === 'interpolation' ? ' ' : '')).join('');
}

function jsStaticText(msg: ts.Expression): string | undefined {
  const e = unwrap(msg);
  if (isStringLiteralLike(e)) return (e as ts.StringLiteral).text;
  if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => ` ${s.literal.text}`).join('');
  return undefined;
}
