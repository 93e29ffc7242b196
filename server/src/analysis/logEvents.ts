/**
 * Where the code logs what: each log call's static event or message template, so a record
 * from a running program can be traced back to the line that wrote it (the logs panel).
 */
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import type { JsFacts } from './js/facts';
import { logParts as jsLogParts } from './js/logCalls';
import { unwrap } from './js/nodes';
import type { PyFacts } from './python/facts';
import { logParts } from './python/logCalls';
import { stringValue } from './python/nodes';
import type { LineIndex } from './text';

export interface LogEventSite {
  /** 0-based position of the message argument. */
  line: number;
  character: number;
  /** The event name, or the message with `{}` where values are interpolated. */
  text: string;
  template: boolean;
}

/** `f"Payment {pid} failed"` → `Payment {} failed`; `"user %s" % x` → `user %s`. */
function pyTemplate(msg: Node): { text: string; template: boolean } | undefined {
  const value = stringValue(msg);
  if (value !== undefined) return { text: value, template: /%[sdrif]|\{\d*\}/.test(value) };
  if (msg.type === 'string') {
    const text = msg.namedChildren.map((c) => (c?.type === 'string_content' ? c.text : c?.type === 'interpolation' ? '{}' : '')).join('');
    return { text, template: true };
  }
  if (msg.type === 'binary_operator' || (msg.type === 'call' && msg.childForFieldName('function')?.type === 'attribute')) {
    const head = msg.type === 'binary_operator' ? msg.childForFieldName('left') : msg.childForFieldName('function')?.childForFieldName('object');
    const text = head ? stringValue(head) : undefined;
    return text !== undefined ? { text, template: true } : undefined;
  }
  return undefined;
}

function jsTemplate(msg: ts.Expression): { text: string; template: boolean } | undefined {
  const e = unwrap(msg);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { text: e.text, template: /%[sdifjoO]/.test(e.text) };
  if (ts.isTemplateExpression(e)) return { text: e.head.text + e.templateSpans.map((s) => `{}${s.literal.text}`).join(''), template: true };
  return undefined;
}

export function pythonLogEvent(call: Node, facts: PyFacts, lines: LineIndex, out: LogEventSite[]): void {
  const lc = facts.loggerCall(call);
  const msg = lc && logParts(lc).message;
  const t = msg && pyTemplate(msg);
  if (t && t.text.trim()) out.push({ ...lines.positionAt(msg.startIndex), ...t });
}

export function jsLogEvent(node: ts.Node, facts: JsFacts, sf: ts.SourceFile, lines: LineIndex, out: LogEventSite[]): void {
  if (!ts.isCallExpression(node)) return;
  const lc = facts.loggerCall(node);
  if (!lc || lc.kind === 'console') return;
  const msg = jsLogParts(lc).message;
  const t = msg && jsTemplate(msg);
  if (t && t.text.trim()) out.push({ ...lines.positionAt(msg.getStart(sf)), ...t });
}

/** A regular expression for a template: placeholders (`{}`, `{name}`, `%s`, `%d`…) match anything. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{[\w.]*\}|%[sdrifjoO]/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?')}$`);
}

/** Whether a record (its event name and body text) could have been written by this call site. */
export function siteMatches(site: LogEventSite, record: { event: string; body: string }): boolean {
  const candidates = [record.event, record.body].map((s) => s.trim()).filter(Boolean);
  if (!site.template) return candidates.includes(site.text.trim());
  const re = templatePattern(site.text.trim());
  return candidates.some((c) => re.test(c));
}
