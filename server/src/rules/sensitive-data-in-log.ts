import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { logParts as jsLogParts } from '../analysis/js/logCalls';
import { dottedName as jsDottedName, propertyKeyName, unwrap } from '../analysis/js/nodes';
import { dictFields, logParts } from '../analysis/python/logCalls';
import { callArgs, dottedName, interpolations } from '../analysis/python/nodes';
import { format, type Report, type Rule } from '../analysis/rule';
import { SensitiveNames, isMaskingCallName, isTransparentCallName, type SensitiveMatch } from '../analysis/sensitive';
import type { OffsetFix } from '../analysis/types';

const REDACTED = '[REDACTED]';

export const sensitiveDataInLog: Rule = {
  id: 'sensitive-data-in-log',
  defaultSeverity: 'error',
  docs: { summary: 'A secret (password, token, API key…) or personal data (email, phone, card number…) is written to a log.' },
  messages: {
    secret: '`{name}` looks like a secret and is logged in clear text: remove it or redact it.',
    pii: '`{name}` is personal data (PII) logged unmasked: mask it (e.g. `hash_pii(...)`) or drop it.',
    redact: 'Redact `{name}`',
  },
  hasFix: true,

  python(ctx) {
    const names = new SensitiveNames(ctx.settings.sensitive);
    const check = (name: string | undefined, start: number, end: number, value?: Node) => {
      const match = name !== undefined ? names.classify(name) : undefined;
      if (match) ctx.report(finding(match, name!, start, end, value && { start: value.startIndex, end: value.endIndex, text: `"${REDACTED}"` }));
      return !!match;
    };
    const checkValue = (value: Node, redactable: boolean) => check(pyValueName(value), value.startIndex, value.endIndex, redactable ? value : undefined);
    return {
      call(node: Node) {
        const lc = ctx.facts.loggerCall(node);
        if (!lc) return;
        const parts = logParts(lc);
        for (const f of parts.fields) {
          if (pyIsMasked(f.value) || PY_LITERALS.has(f.value.type)) continue;
          if (!check(f.key, f.keyNode.startIndex, f.keyNode.endIndex, f.value)) checkValue(f.value, true);
        }
        for (const arg of parts.lazyArgs) checkValue(arg, true);
        if (parts.message) for (const expr of messageValues(parts.message)) checkValue(expr, false);
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    const names = new SensitiveNames(ctx.settings.sensitive);
    const quote = preferredQuote(ctx.text);
    const redacted = `${quote}${REDACTED}${quote}`;
    const check = (name: string | undefined, node: ts.Node, redact?: { start: number; end: number; text: string }) => {
      const match = name !== undefined ? names.classify(name) : undefined;
      if (match) ctx.report(finding(match, name!, node.getStart(sf), node.end, redact));
      return !!match;
    };
    const checkValue = (value: ts.Expression, redactable: boolean) =>
      check(jsValueName(value), value, redactable ? { start: value.getStart(sf), end: value.end, text: redacted } : undefined);
    const checkObject = (obj: ts.ObjectLiteralExpression, depth: number): void => {
      for (const p of obj.properties) {
        if (ts.isShorthandPropertyAssignment(p)) {
          check(p.name.text, p.name, { start: p.getStart(sf), end: p.end, text: `${p.name.text}: ${redacted}` });
        } else if (ts.isPropertyAssignment(p)) {
          const value = unwrap(p.initializer);
          if (ts.isObjectLiteralExpression(value)) {
            if (depth < 3) checkObject(value, depth + 1);
            continue;
          }
          const key = propertyKeyName(p.name);
          if (jsIsMasked(value) || isJsLiteral(value)) continue;
          if (!check(key, p.name, { start: p.initializer.getStart(sf), end: p.initializer.end, text: redacted })) checkValue(p.initializer, true);
        }
      }
    };
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const lc = ctx.facts.loggerCall(node as ts.CallExpression);
        if (!lc) return;
        const parts = jsLogParts(lc);
        for (const obj of parts.fieldObjects) checkObject(obj, 0);
        for (const arg of parts.others) checkValue(arg, true);
        if (parts.message) for (const expr of jsMessageValues(parts.message)) checkValue(expr, false);
      },
    };
  },
};

function finding(match: SensitiveMatch, name: string, start: number, end: number, redact?: { start: number; end: number; text: string }): Report {
  const secret = match.kind === 'secret';
  const fixes: OffsetFix[] = secret && redact
    ? [{ title: format(sensitiveDataInLog.messages.redact, { name }), safe: true, isPreferred: true, edits: [redact] }]
    : [];
  return { start, end, message: format(sensitiveDataInLog.messages[match.kind], { name }), severity: secret ? 'error' : 'warning', fixes };
}

/** A literal value is not runtime data (and `"[REDACTED]"` must not fire again after the fix). */
const PY_LITERALS = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none']);

function isJsLiteral(e: ts.Expression): boolean {
  return ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e)
    || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword;
}

/** `a.b.c` for a plain callee, else just the method name (`x().hexdigest` → `hexdigest`). */
function pyCalleeName(fn: Node | null): string | undefined {
  return dottedName(fn) ?? (fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined);
}

function jsCalleeName(callee: ts.Expression): string | undefined {
  return jsDottedName(callee) ?? (ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined);
}

/** A call to a masking function, or a method called on one (`sha256(x).hexdigest()`). */
function pyIsMasked(node: Node): boolean {
  if (node.type !== 'call') return false;
  const fn = node.childForFieldName('function');
  const name = pyCalleeName(fn);
  if (name && isMaskingCallName(name)) return true;
  const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
  return !!obj && pyIsMasked(obj);
}

function jsIsMasked(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (!ts.isCallExpression(e)) return false;
  const callee = unwrap(e.expression);
  const name = jsCalleeName(callee);
  if (name && isMaskingCallName(name)) return true;
  return ts.isPropertyAccessExpression(callee) && jsIsMasked(callee.expression);
}

/** The name that decides for a logged Python expression; undefined when masked or nameless. */
function pyValueName(node: Node): string | undefined {
  switch (node.type) {
    case 'identifier': return node.text;
    case 'attribute': return node.childForFieldName('attribute')?.text;
    case 'subscript': {
      const key = node.childForFieldName('subscript');
      if (key?.type === 'string') return key.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
      return undefined;
    }
    case 'await': return node.namedChildren[0] ? pyValueName(node.namedChildren[0]) : undefined;
    case 'parenthesized_expression': return node.namedChildren[0] ? pyValueName(node.namedChildren[0]) : undefined;
    case 'call': {
      if (pyIsMasked(node)) return undefined;
      const fn = node.childForFieldName('function');
      const name = pyCalleeName(fn);
      if (!name || isMaskingCallName(name)) return undefined;
      if (isTransparentCallName(name)) {
        const inner = fn?.type === 'attribute' && !['str', 'repr'].includes(name) ? fn.childForFieldName('object') : callArgs(node).positional[0];
        return inner ? pyValueName(inner) : undefined;
      }
      return name.slice(name.lastIndexOf('.') + 1);
    }
    default: return undefined;
  }
}

/** Values interpolated into a Python message: f-string parts, `%` operands, `.format()` arguments, `+` operands. */
function messageValues(msg: Node): Node[] {
  if (msg.type === 'string') return interpolations(msg);
  if (msg.type === 'concatenated_string') return msg.namedChildren.flatMap((c) => (c ? interpolations(c) : []));
  if (msg.type === 'binary_operator') {
    const op = msg.childForFieldName('operator')?.type;
    const left = msg.childForFieldName('left');
    const right = msg.childForFieldName('right');
    if (op === '%' && right) {
      if (right.type === 'tuple') return right.namedChildren.filter((c): c is Node => !!c);
      if (right.type === 'dictionary') return dictFields(right).map((f) => f.value);
      return [right];
    }
    if (op === '+') return [left, right].flatMap((side) => (!side ? [] : side.type === 'string' || side.type === 'binary_operator' || side.type === 'concatenated_string' ? messageValues(side) : [side]));
  }
  if (msg.type === 'call') {
    const fn = msg.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
      const args = callArgs(msg);
      return [...args.positional, ...[...args.keywords.values()].map((k) => k.value)];
    }
  }
  return [];
}

function jsValueName(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e)) return ts.isStringLiteral(e.argumentExpression) ? e.argumentExpression.text : undefined;
  if (ts.isAwaitExpression(e)) return jsValueName(e.expression);
  if (ts.isCallExpression(e)) {
    if (jsIsMasked(e)) return undefined;
    const callee = unwrap(e.expression);
    const name = jsCalleeName(callee);
    if (!name) return undefined;
    if (isTransparentCallName(name)) {
      const inner = ts.isPropertyAccessExpression(callee) && name !== 'JSON.stringify' ? callee.expression : e.arguments[0];
      return inner ? jsValueName(inner) : undefined;
    }
    return name.slice(name.lastIndexOf('.') + 1);
  }
  return undefined;
}

function jsMessageValues(msg: ts.Expression): ts.Expression[] {
  const e = unwrap(msg);
  if (ts.isTemplateExpression(e)) return e.templateSpans.map((s) => s.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return [...jsMessageValues(e.left), ...jsMessageValues(e.right)];
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e)) return [];
  return [e];
}

/** The quote the file mostly uses, so inserted strings match the surrounding code. */
function preferredQuote(text: string): string {
  const sample = text.slice(0, 4000);
  const single = sample.split("'").length;
  const double = sample.split('"').length;
  return single > double ? "'" : '"';
}
