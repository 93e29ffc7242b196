import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { isJsLiteral, jsIsMasked, jsMessageValues, jsValueName, jsValueReceiver, literalNodes } from '../analysis/js/loggedValues';
import { logParts as jsLogParts } from '../analysis/js/logCalls';
import { propertyKeyName, unwrap } from '../analysis/js/nodes';
import { PY_LITERALS, literalParts, messageValues, pyIsMasked, pyValueName, pyValueReceiver } from '../analysis/python/loggedValues';
import { logParts } from '../analysis/python/logCalls';
import { callArgs, isStringLike } from '../analysis/python/nodes';
import { pyMetricLabels } from '../analysis/python/metricLabels';
import { pySpanAttributes } from '../analysis/python/spans';
import { jsMetricLabels } from '../analysis/js/metricLabels';
import { jsSpanAttributes } from '../analysis/js/spans';
import { format, type Report, type Rule } from '../analysis/rule';
import { logContext, SensitiveNames, type LogContext, type SensitiveMatch } from '../analysis/sensitive';
import { sensitiveValues } from '../analysis/sensitiveValues';
import type { OffsetEdit, OffsetFix } from '../analysis/types';
import { jsQuote } from '../analysis/fixes/insert';
import { isCardTerm, jsMaskEdits, jsPinoRedactEdit, jsPinoRedacts, jsRemoveSpan, pyMaskEdits, pyRemoveSpan, type MaskEdits } from '../analysis/fixes/sensitiveFixes';
import { MAINTAINED_CODE } from '../analysis/project/roles';

const REDACTED = '[REDACTED]';

/** What the fixes of one finding may touch: the value to redact, how to mask it, the field to remove, a pino redact path. */
interface Target {
  redact?: OffsetEdit;
  mask?: (card: boolean) => MaskEdits;
  remove?: { start: number; end: number };
  redactPath?: { path: string; edit: () => OffsetEdit | undefined; done: () => boolean };
}

export const sensitiveDataInLog: Rule = {
  id: 'sensitive-data-in-log',
  defaultSeverity: 'error',
  docs: { summary: 'A secret (password, token, API key…) or personal data (email, phone, card number…) is written to a log.' },
  messages: {
    secret: '`{name}` looks like a secret and is {where} in clear text: remove it or redact it.',
    pii: '`{name}` is personal data (PII) {where} unmasked: mask it (e.g. `hash_pii(...)`) or drop it.',
    logged: 'logged',
    attribute: 'recorded as a span attribute',
    label: 'used as a metric label (every value is stored as a series)',
    value: 'This text contains {what}, logged in clear text: log a reference to it instead, or mask it.',
    redact: 'Redact `{name}`',
    mask: 'Mask PII',
    maskCard: 'Mask card number to its last 4 digits',
    remove: 'Remove secret field',
    redactPath: 'Add `{path}` to the logger\'s redact paths',
  },
  hasFix: true,
  roles: MAINTAINED_CODE,

  python(ctx) {
    const names = new SensitiveNames(ctx.settings.sensitive);
    let where: Where = 'logged';
    let context: LogContext | undefined;
    /** Names reported for the current call: a value logged twice (`%s` and `extra`) is one finding. */
    const seen = new Set<string>();
    /** `fieldOf`: the keyword argument / dict pair of a field, asked only for a finding (a tree call per field otherwise). */
    const check = (name: string | undefined, start: number, end: number, value?: Node, receiver?: string, fieldOf?: () => Node | null, maskable?: Node) => {
      const match = name !== undefined ? names.classifyValue(name, receiver, context) : undefined;
      if (match && !seen.has(`${receiver ?? ''}.${name}`)) {
        seen.add(`${receiver ?? ''}.${name}`);
        const masked = maskable ?? value;
        const field = where === 'logged' ? fieldOf?.() : undefined;
        const item = field && (field.type === 'keyword_argument' || field.type === 'pair') ? field : undefined;
        ctx.report(finding(match, name!, where, start, end, {
          redact: value && { start: value.startIndex, end: value.endIndex, text: `"${REDACTED}"` },
          mask: masked && ((card) => pyMaskEdits(ctx, masked, card)),
          remove: item && pyRemoveSpan(ctx.text, item),
        }));
      }
      return !!match;
    };
    const checkValue = (value: Node, redactable: boolean) =>
      check(pyValueName(value), value.startIndex, value.endIndex, redactable ? value : undefined, pyValueReceiver(value), undefined, value);
    const checkField = (f: { key: string; keyNode: Node; value?: Node }) => {
      if (f.value && (pyIsMasked(f.value) || PY_LITERALS.has(f.value.type))) return;
      if (!check(f.key || undefined, f.keyNode.startIndex, f.keyNode.endIndex, f.value, undefined, () => f.keyNode.parent) && f.value) checkValue(f.value, true);
    };
    /** `print(password)`, `print(f"token={token}")`: what a print writes gets the checks of a log call. */
    const checkPrint = (node: Node) => {
      const all = callArgs(node);
      // `print(x, file=outfp)` writes to a file, not to the log stream.
      const file = all.keywords.get('file')?.value;
      if (file && !/^sys\.(?:stdout|stderr)$/.test(ctx.facts.qualify(file.text))) return;
      const args = all.positional;
      const first = args[0];
      context = first && isStringLike(first) ? logContext(ctx.text.slice(first.startIndex, first.endIndex)) : undefined;
      for (const arg of args) {
        if (isStringLike(arg)) for (const expr of messageValues(arg)) checkValue(expr, false);
        else checkValue(arg, true);
      }
      for (const piece of literalParts(args)) reportValues(ctx.report, piece.text, piece.startIndex, seen);
    };
    return {
      call(node: Node) {
        seen.clear();
        const lc = ctx.facts.loggerCall(node);
        if (!lc) {
          context = undefined;
          const { name } = ctx.facts.callee(node);
          where = 'logged';
          if (name === 'print' || (name && ctx.facts.qualify(name) === 'builtins.print')) return checkPrint(node);
          where = 'attribute';
          for (const f of pySpanAttributes(node, ctx)) checkField(f);
          where = 'label';
          for (const f of pyMetricLabels(node, ctx)) checkField(f);
          return;
        }
        where = 'logged';
        const parts = logParts(lc);
        context = parts.message ? logContext(ctx.text.slice(parts.message.startIndex, parts.message.endIndex)) : undefined;
        for (const f of parts.fields) checkField(f);
        for (const arg of parts.lazyArgs) checkValue(arg, true);
        if (parts.message) for (const expr of messageValues(parts.message)) checkValue(expr, false);
        const strings = [...(parts.message ? [parts.message] : []), ...parts.lazyArgs, ...parts.fields.map((f) => f.value)];
        for (const piece of literalParts(strings)) reportValues(ctx.report, piece.text, piece.startIndex, seen);
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    const names = new SensitiveNames(ctx.settings.sensitive);
    const quote = jsQuote(ctx.text);
    const redacted = `${quote}${REDACTED}${quote}`;
    let where: Where = 'logged';
    let logCall: ts.CallExpression | undefined;
    let context: LogContext | undefined;
    const seen = new Set<string>();
    const check = (name: string | undefined, node: ts.Node, redact?: OffsetEdit, receiver?: string, target: Target = {}) => {
      const match = name !== undefined ? names.classifyValue(name, receiver, context) : undefined;
      const key = `${receiver ?? ''}.${name}`;
      // The pino logger created in this file redacts the path already: nothing reaches the log.
      if (match && !seen.has(key) && !target.redactPath?.done()) {
        seen.add(key);
        ctx.report(finding(match, name!, where, node.getStart(sf), node.end, { redact, ...target }));
      }
      return !!match;
    };
    const maskValue = (value: ts.Expression) => (card: boolean) => jsMaskEdits(ctx, value, card);
    const checkField = (f: { key: string; keyNode: ts.Node; value?: ts.Expression }) => {
      const value = f.value && unwrap(f.value);
      if (value && (jsIsMasked(value) || isJsLiteral(value))) return;
      const own = f.value && f.keyNode !== f.value;
      const redact = own ? { start: f.value!.getStart(sf), end: f.value!.end, text: redacted } : undefined;
      if (!check(f.key || undefined, f.keyNode, redact, undefined, { mask: own ? maskValue(f.value!) : undefined }) && f.value) checkValue(f.value, true);
    };
    const checkValue = (value: ts.Expression, redactable: boolean) =>
      check(jsValueName(value), value, redactable ? { start: value.getStart(sf), end: value.end, text: redacted } : undefined, jsValueReceiver(value), { mask: maskValue(value) });
    const checkObject = (obj: ts.ObjectLiteralExpression, depth: number, path: string): void => {
      const call = logCall;
      const fieldTarget = (p: ts.ObjectLiteralElementLike, key: string): Target => ({
        remove: call && jsRemoveSpan(p, sf),
        redactPath: call && /^[A-Za-z_$][\w$]*$/.test(key) && ctx.facts.loggerCall(call)?.kind === 'pino' ? { path: path + key, edit: () => jsPinoRedactEdit(ctx, call, path + key), done: () => jsPinoRedacts(ctx, call, path + key) } : undefined,
      });
      for (const p of obj.properties) {
        if (ts.isShorthandPropertyAssignment(p)) {
          const name = p.name.text;
          check(name, p.name, { start: p.getStart(sf), end: p.end, text: `${name}: ${redacted}` }, undefined, { ...fieldTarget(p, name), mask: (card) => jsMaskEdits(ctx, p, card, name) });
        } else if (ts.isPropertyAssignment(p)) {
          const value = unwrap(p.initializer);
          const key = propertyKeyName(p.name);
          if (ts.isObjectLiteralExpression(value)) {
            if (depth < 3 && key) checkObject(value, depth + 1, `${path}${key}.`);
            continue;
          }
          if (jsIsMasked(value) || isJsLiteral(value)) continue;
          const target = { ...fieldTarget(p, key ?? ''), mask: maskValue(p.initializer) };
          if (!check(key, p.name, { start: p.initializer.getStart(sf), end: p.initializer.end, text: redacted }, undefined, target)) checkValue(p.initializer, true);
        }
      }
    };
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        seen.clear();
        context = undefined;
        const lc = ctx.facts.loggerCall(node as ts.CallExpression);
        logCall = lc?.call;
        if (!lc) {
          where = 'attribute';
          for (const f of jsSpanAttributes(node as ts.CallExpression, ctx)) checkField(f);
          where = 'label';
          for (const f of jsMetricLabels(node, ctx)) checkField(f);
          return;
        }
        where = 'logged';
        const parts = jsLogParts(lc);
        if (parts.message) context = logContext(parts.message.getText(sf));
        for (const obj of parts.fieldObjects) checkObject(obj, 0, '');
        for (const arg of parts.others) checkValue(arg, true);
        if (parts.message) for (const expr of jsMessageValues(parts.message)) checkValue(expr, false);
        const args = [...(parts.message ? [parts.message] : []), ...parts.fieldObjects, ...parts.others];
        for (const lit of literalNodes(args)) reportValues(ctx.report, lit.getText(sf), lit.getStart(sf), seen);
      },
      [ts.SyntaxKind.NewExpression](node: ts.Node) {
        seen.clear();
        context = undefined;
        where = 'label';
        logCall = undefined;
        for (const f of jsMetricLabels(node, ctx)) checkField(f);
      },
    };
  },
};

type Where = 'logged' | 'attribute' | 'label';

/**
 * Secrets: Redact (safe, preferred), Remove secret field (unsafe: the field is gone). PII: Mask
 * PII (safe, preferred). Both: for pino, Add to redact paths (unsafe: changes every log line).
 */
function finding(match: SensitiveMatch, name: string, where: Where, start: number, end: number, target: Target): Report {
  const secret = match.kind === 'secret';
  const m = sensitiveDataInLog.messages;
  const fixes: OffsetFix[] = [];
  if (secret && target.redact) fixes.push({ title: format(m.redact, { name }), safe: true, isPreferred: true, edits: [target.redact] });
  if (secret && target.remove) fixes.push({ title: m.remove, safe: false, edits: [{ ...target.remove, text: '' }] });
  if (!secret && target.mask) {
    const card = isCardTerm(match.term);
    const mask = target.mask(card);
    const title = card ? m.maskCard : m.mask;
    if (mask.edits.length) fixes.push({ title: mask.note ? `${title} (${mask.note})` : title, safe: true, isPreferred: true, edits: mask.edits });
  }
  const redactPath = target.redactPath?.edit();
  if (redactPath) fixes.push({ title: format(m.redactPath, { path: target.redactPath!.path }), safe: false, edits: [redactPath] });
  return { start, end, message: format(sensitiveDataInLog.messages[match.kind], { name, where: sensitiveDataInLog.messages[where] }), severity: secret ? 'error' : 'warning', fixes };
}

/** Literal text that looks like an email, a card number, a JWT, a bearer token or an AWS key. */
function reportValues(report: (r: Report) => void, text: string, offset: number, seen: Set<string>): void {
  for (const m of sensitiveValues(text)) {
    const key = `=${text.slice(m.start, m.end)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report({ start: offset + m.start, end: offset + m.end, message: format(sensitiveDataInLog.messages.value, { what: m.what }), severity: m.kind === 'secret' ? 'error' : 'warning' });
  }
}
