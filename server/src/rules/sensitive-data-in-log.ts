import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { isJsLiteral, jsIsMasked, jsMessageValues, jsValueName, jsValueReceiver, literalNodes } from '../analysis/js/loggedValues';
import { logParts as jsLogParts } from '../analysis/js/logCalls';
import { propertyKeyName, unwrap } from '../analysis/js/nodes';
import { PY_LITERALS, literalParts, messageValues, pyIsMasked, pyValueName, pyValueReceiver } from '../analysis/python/loggedValues';
import { logParts } from '../analysis/python/logCalls';
import { pyMetricLabels } from '../analysis/python/metricLabels';
import { pySpanAttributes } from '../analysis/python/spans';
import { jsMetricLabels } from '../analysis/js/metricLabels';
import { jsSpanAttributes } from '../analysis/js/spans';
import { format, type Report, type Rule } from '../analysis/rule';
import { SensitiveNames, type SensitiveMatch } from '../analysis/sensitive';
import { sensitiveValues } from '../analysis/sensitiveValues';
import type { OffsetFix } from '../analysis/types';

const REDACTED = '[REDACTED]';

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
  },
  hasFix: true,

  python(ctx) {
    const names = new SensitiveNames(ctx.settings.sensitive);
    let where: Where = 'logged';
    const check = (name: string | undefined, start: number, end: number, value?: Node, receiver?: string) => {
      const match = name !== undefined ? names.classifyValue(name, receiver) : undefined;
      if (match) ctx.report(finding(match, name!, where, start, end, value && { start: value.startIndex, end: value.endIndex, text: `"${REDACTED}"` }));
      return !!match;
    };
    const checkValue = (value: Node, redactable: boolean) =>
      check(pyValueName(value), value.startIndex, value.endIndex, redactable ? value : undefined, pyValueReceiver(value));
    const checkField = (f: { key: string; keyNode: Node; value?: Node }) => {
      if (f.value && (pyIsMasked(f.value) || PY_LITERALS.has(f.value.type))) return;
      if (!check(f.key || undefined, f.keyNode.startIndex, f.keyNode.endIndex, f.value) && f.value) checkValue(f.value, true);
    };
    return {
      call(node: Node) {
        const lc = ctx.facts.loggerCall(node);
        if (!lc) {
          where = 'attribute';
          for (const f of pySpanAttributes(node, ctx)) checkField(f);
          where = 'label';
          for (const f of pyMetricLabels(node, ctx)) checkField(f);
          return;
        }
        where = 'logged';
        const parts = logParts(lc);
        for (const f of parts.fields) checkField(f);
        for (const arg of parts.lazyArgs) checkValue(arg, true);
        if (parts.message) for (const expr of messageValues(parts.message)) checkValue(expr, false);
        const strings = [...(parts.message ? [parts.message] : []), ...parts.lazyArgs, ...parts.fields.map((f) => f.value)];
        for (const piece of literalParts(strings)) reportValues(ctx.report, piece.text, piece.startIndex);
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    const names = new SensitiveNames(ctx.settings.sensitive);
    const quote = preferredQuote(ctx.text);
    const redacted = `${quote}${REDACTED}${quote}`;
    let where: Where = 'logged';
    const check = (name: string | undefined, node: ts.Node, redact?: { start: number; end: number; text: string }, receiver?: string) => {
      const match = name !== undefined ? names.classifyValue(name, receiver) : undefined;
      if (match) ctx.report(finding(match, name!, where, node.getStart(sf), node.end, redact));
      return !!match;
    };
    const checkField = (f: { key: string; keyNode: ts.Node; value?: ts.Expression }) => {
      const value = f.value && unwrap(f.value);
      if (value && (jsIsMasked(value) || isJsLiteral(value))) return;
      const redact = f.value && { start: f.value.getStart(sf), end: f.value.end, text: redacted };
      if (!check(f.key || undefined, f.keyNode, f.keyNode === f.value ? undefined : redact) && f.value) checkValue(f.value, true);
    };
    const checkValue = (value: ts.Expression, redactable: boolean) =>
      check(jsValueName(value), value, redactable ? { start: value.getStart(sf), end: value.end, text: redacted } : undefined, jsValueReceiver(value));
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
        if (!lc) {
          where = 'attribute';
          for (const f of jsSpanAttributes(node as ts.CallExpression, ctx)) checkField(f);
          where = 'label';
          for (const f of jsMetricLabels(node, ctx)) checkField(f);
          return;
        }
        where = 'logged';
        const parts = jsLogParts(lc);
        for (const obj of parts.fieldObjects) checkObject(obj, 0);
        for (const arg of parts.others) checkValue(arg, true);
        if (parts.message) for (const expr of jsMessageValues(parts.message)) checkValue(expr, false);
        const args = [...(parts.message ? [parts.message] : []), ...parts.fieldObjects, ...parts.others];
        for (const lit of literalNodes(args)) reportValues(ctx.report, lit.getText(sf), lit.getStart(sf));
      },
      [ts.SyntaxKind.NewExpression](node: ts.Node) {
        where = 'label';
        for (const f of jsMetricLabels(node, ctx)) checkField(f);
      },
    };
  },
};

type Where = 'logged' | 'attribute' | 'label';

function finding(match: SensitiveMatch, name: string, where: Where, start: number, end: number, redact?: { start: number; end: number; text: string }): Report {
  const secret = match.kind === 'secret';
  const fixes: OffsetFix[] = secret && redact
    ? [{ title: format(sensitiveDataInLog.messages.redact, { name }), safe: true, isPreferred: true, edits: [redact] }]
    : [];
  return { start, end, message: format(sensitiveDataInLog.messages[match.kind], { name, where: sensitiveDataInLog.messages[where] }), severity: secret ? 'error' : 'warning', fixes };
}

/** Literal text that looks like an email, a card number, a JWT, a bearer token or an AWS key. */
function reportValues(report: (r: Report) => void, text: string, offset: number): void {
  for (const m of sensitiveValues(text)) {
    report({ start: offset + m.start, end: offset + m.end, message: format(sensitiveDataInLog.messages.value, { what: m.what }), severity: m.kind === 'secret' ? 'error' : 'warning' });
  }
}

/** The quote the file mostly uses, so inserted strings match the surrounding code. */
function preferredQuote(text: string): string {
  const sample = text.slice(0, 4000);
  const single = sample.split("'").length;
  const double = sample.split('"').length;
  return single > double ? "'" : '"';
}
