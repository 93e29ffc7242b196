import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { logParts as jsLogParts } from '../analysis/js/logCalls';
import { dottedName as jsDottedName, isStringLiteralLike, plusLeaves as jsPlusLeaves, unwrap } from '../analysis/js/nodes';
import { logParts } from '../analysis/python/logCalls';
import { interpolations, isStaticString, isStringLike, plusLeaves } from '../analysis/python/nodes';
import { format, type Report, type Rule } from '../analysis/rule';
import { jsMoveToFieldsFix, pyMoveToFieldsFix } from '../analysis/fixes/messageFixes';
import { MAINTAINED_CODE } from '../analysis/project/roles';
import { jsConstants, jsIsConstant, pyConstants, pyIsConstant } from '../analysis/moduleConstants';
import { callArgs } from '../analysis/python/nodes';

/** gettext and its aliases: `_("...").format(...)` / `_("... %s") % x` is built at call time like a string literal. */
const GETTEXT = /^(?:_|_l|gettext|ugettext|gettext_lazy|ugettext_lazy|lazy_gettext|pgettext|npgettext|ngettext)$/;

/** How a message is built at call time; `lazy` is correct (deferred formatting) but still not structured. */
type Shape = 'f-string' | 'percent' | 'format' | 'concat' | 'join' | 'template' | 'util-format' | 'lazy';

const HOW: Record<Shape, string> = {
  'f-string': 'an f-string',
  percent: 'built with `%`',
  format: 'built with `.format()`',
  concat: 'built by `+` concatenation',
  join: 'built with `str.join()`',
  template: 'a template literal',
  'util-format': 'built with `util.format()`',
  lazy: 'a format string with arguments',
};

export const unstructuredLogMessage: Rule = {
  id: 'unstructured-log-message',
  defaultSeverity: 'warning',
  docs: { summary: 'A log message built at call time (f-string, `%`, `.format()`, `+`, template literal) instead of a static event with fields.' },
  messages: {
    built: 'Log message is {how}: the values are baked into the text, so they cannot be searched or aggregated. Use a static message and pass the values as fields.',
    lazy: 'Log message is {how}: correct, but the values are not structured fields. Pass them as fields for queryable logs.',
    fix: 'Move values into structured fields',
  },
  hasFix: true,
  roles: MAINTAINED_CODE,

  python(ctx) {
    return {
      call(node: Node) {
        const lc = ctx.facts.loggerCall(node);
        if (!lc) return;
        const parts = logParts(lc);
        const shape = parts.message && pyShape(parts.message, parts.lazyArgs.length > 0);
        if (!shape || !parts.message) return;
        // Only constants interpolated (`f"{APP_NAME} started"`), or the value is the message itself (`f"[MCP] {msg}"`): nothing to move into fields.
        const values = pyValues(parts.message, shape, parts.lazyArgs);
        if (values.length && values.every((v) => pyIsConstant(v, pyConstants(ctx)))) return;
        if (shape === 'f-string' && !/\p{L}/u.test(pyStaticWords(parts.message))) return;
        const fixes = shape === 'join' || pyGettext(parts.message) ? [] : pyMoveToFieldsFix(ctx, lc, unstructuredLogMessage.messages.fix);
        ctx.report({ ...finding(shape, parts.message.startIndex, parts.message.endIndex), fixes });
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const lc = ctx.facts.loggerCall(node as ts.CallExpression);
        if (!lc || lc.kind === 'console') return; // console output is `no-print-logging`'s finding
        const parts = jsLogParts(lc);
        if (!parts.message) return;
        const shape = jsShape(parts.message, (name) => ctx.facts.qualify(name), parts.others.length > 0);
        if (!shape) return;
        const values = jsValues(parts.message, shape, parts.others);
        if (values.length && values.every((v) => jsIsConstant(v, jsConstants(sf)))) return;
        const e = unwrap(parts.message);
        if (ts.isTemplateExpression(e) && !/\p{L}/u.test((e.head.text + e.templateSpans.map((t) => t.literal.text).join(' ')).replace(/\[[^\]]*\]/g, ' '))) return;
        ctx.report({ ...finding(shape, parts.message.getStart(sf), parts.message.end), fixes: jsMoveToFieldsFix(ctx, lc, unstructuredLogMessage.messages.fix) });
      },
    };
  },
};

/** Lazy format arguments are correct (deferred formatting), so they are only a hint. */
function finding(shape: Shape, start: number, end: number): Report {
  const lazy = shape === 'lazy';
  return { start, end, message: format(unstructuredLogMessage.messages[lazy ? 'lazy' : 'built'], { how: HOW[shape] }), severity: lazy ? 'hint' : undefined };
}

function pyShape(msg: Node, hasLazyArgs: boolean): Shape | undefined {
  if (msg.type === 'parenthesized_expression' && msg.namedChildren[0]) return pyShape(msg.namedChildren[0], hasLazyArgs);
  if (msg.type === 'string') return interpolations(msg).length ? 'f-string' : hasLazyArgs ? 'lazy' : undefined;
  if (msg.type === 'concatenated_string') return isStaticString(msg) ? (hasLazyArgs ? 'lazy' : undefined) : 'f-string';
  if (msg.type === 'binary_operator') {
    const op = msg.childForFieldName('operator')?.type;
    const left = msg.childForFieldName('left');
    if (op === '%' && left && (isStringLike(left) || pyGettext(left))) return 'percent';
    if (op === '+') {
      const leaves = plusLeaves(msg);
      if (leaves.some(isStringLike) && !leaves.every((l) => isStaticString(l))) return 'concat';
    }
    return undefined;
  }
  if (msg.type === 'call') {
    const fn = msg.childForFieldName('function');
    if (fn?.type !== 'attribute') return undefined;
    const obj = fn.childForFieldName('object');
    const method = fn.childForFieldName('attribute')?.text;
    if (obj && (isStringLike(obj) || pyGettext(obj)) && method === 'format') return 'format';
    if (obj && isStringLike(obj) && method === 'join') return 'join';
  }
  return undefined;
}


function jsShape(msg: ts.Expression, qualify: (name: string) => string, hasOtherArgs: boolean): Shape | undefined {
  const e = unwrap(msg);
  if (ts.isTemplateExpression(e)) return 'template';
  if (isStringLiteralLike(e)) return hasOtherArgs && /%[sdifjoOc%]/.test((e as ts.StringLiteral).text) ? 'lazy' : undefined;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const leaves = jsPlusLeaves(e);
    const literal = (l: ts.Expression) => isStringLiteralLike(l) || ts.isNumericLiteral(l);
    if (leaves.some((l) => isStringLiteralLike(l) || ts.isTemplateExpression(l)) && !leaves.every(literal)) return 'concat';
    return undefined;
  }
  if (ts.isCallExpression(e)) {
    const name = jsDottedName(e.expression);
    const q = name && qualify(name);
    if (q === 'util.format' || q === 'node:util.format') return 'util-format';
  }
  return undefined;
}

/** `_("...")`: a gettext call on a string literal (the message, or a `.format()` / `%` receiver). */
function pyGettext(n: Node): boolean {
  const target = n.type === 'call' ? n : n.type === 'binary_operator' ? n.childForFieldName('left') : n.childForFieldName('function')?.childForFieldName('object');
  if (target?.type !== 'call') return false;
  const first = callArgs(target).positional[0];
  return GETTEXT.test(target.childForFieldName('function')?.text ?? '') && !!first && isStringLike(first);
}

/** The values a message interpolates, by how it is built. */
function pyValues(msg: Node, shape: Shape, lazyArgs: Node[]): Node[] {
  if (msg.type === 'parenthesized_expression' && msg.namedChildren[0]) return pyValues(msg.namedChildren[0], shape, lazyArgs);
  if (shape === 'lazy') return lazyArgs;
  if (msg.type === 'string') return interpolations(msg);
  if (msg.type === 'concatenated_string') return msg.namedChildren.flatMap((c) => (c ? interpolations(c) : []));
  if (shape === 'percent') {
    const right = msg.childForFieldName('right');
    if (!right) return [];
    if (right.type === 'tuple') return right.namedChildren.filter((c): c is Node => !!c);
    return right.type === 'dictionary' ? right.namedChildren.map((p) => p?.childForFieldName('value')).filter((c): c is Node => !!c) : [right];
  }
  if (shape === 'concat') return plusLeaves(msg).flatMap((l) => (l.type === 'string' ? interpolations(l) : isStringLike(l) ? [] : [l]));
  if (shape === 'format' || shape === 'join') {
    const args = callArgs(msg);
    return shape === 'join' ? [msg] : [...args.positional, ...[...args.keywords.values()].map((k) => k.value)];
  }
  return [];
}

/** The static words of an f-string, without `[tags]`: `f"[MCP] {msg}"` has none. */
function pyStaticWords(msg: Node): string {
  const strings = msg.type === 'concatenated_string' ? msg.namedChildren : [msg];
  return strings.map((st) => (st?.namedChildren ?? []).map((c) => (c?.type === 'string_content' ? c.text : ' ')).join('')).join(' ').replace(/\[[^\]]*\]/g, ' ');
}

function jsValues(msg: ts.Expression, shape: Shape, others: readonly ts.Expression[]): ts.Expression[] {
  const e = unwrap(msg);
  if (shape === 'lazy') return [...others];
  if (ts.isTemplateExpression(e)) return e.templateSpans.map((t) => t.expression);
  if (shape === 'concat' && ts.isBinaryExpression(e)) return jsPlusLeaves(e).flatMap((l) => (ts.isTemplateExpression(l) ? l.templateSpans.map((t) => t.expression) : isStringLiteralLike(l) ? [] : [l]));
  if (shape === 'util-format' && ts.isCallExpression(e)) return e.arguments.slice(1);
  return [];
}
