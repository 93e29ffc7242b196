import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { logParts as jsLogParts } from '../analysis/js/logCalls';
import { dottedName as jsDottedName, unwrap } from '../analysis/js/nodes';
import { dictFields, logParts } from '../analysis/python/logCalls';
import { callArgs, codeChildren, dottedName, interpolations } from '../analysis/python/nodes';
import { format, type Rule } from '../analysis/rule';
import { MAINTAINED_CODE } from '../analysis/project/roles';
import { jsExpectedDump, jsOrigins, mayUseHttpClient, pyExpectedDump, pyOrigins, type Origins } from '../analysis/httpResponses';

type Part = 'body' | 'headers';

/** The last segment of the receiver: `request`, `self.request`, `ctx.request`, `req`, `res`... */
const RECEIVER = /^(request|req|response|resp|res)$/;
/** Cheap pre-check on a call's source text before looking at its arguments. */
const MENTIONS_RECEIVER = /\b(request|req|response|resp|res)\b/;
/** Attributes / properties that are a whole body or header set. */
const PY_ATTRS: Record<string, Part> = { body: 'body', data: 'body', form: 'body', json: 'body', content: 'body', text: 'body', POST: 'body', headers: 'headers', META: 'headers' };
const PY_METHODS: Record<string, Part> = { json: 'body', text: 'body', body: 'body', form: 'body', get_json: 'body', get_data: 'body' };
const JS_PROPS: Record<string, Part> = { body: 'body', rawBody: 'body', data: 'body', text: 'body', headers: 'headers' };
const JS_METHODS: Record<string, Part> = { json: 'body', text: 'body', formData: 'body' };
/** Calls that log their first argument whole (`dict(request.headers)`, `JSON.stringify(req.body)`). */
const PY_WRAPPERS = new Set(['str', 'repr', 'dict', 'list', 'bytes', 'json.dumps', 'json.loads', 'pprint.pformat', 'pformat']);
const PY_WRAPPER_METHODS = new Set(['decode', 'to_dict', 'items', 'copy', 'strip']);
const JS_WRAPPERS = new Set(['JSON.stringify', 'JSON.parse', 'String', 'util.inspect', 'inspect', 'Object.fromEntries', 'Object.entries']);
const JS_WRAPPER_METHODS = new Set(['toString', 'entries', 'trim']);

interface Payload { what: string; expr: string; response: boolean }
const NO_ORIGINS: Origins = { response: () => false, body: () => false };

export const logRawPayload: Rule = {
  id: 'log-raw-payload',
  defaultSeverity: 'warning',
  docs: { summary: 'A whole request/response body or header set is written to a log.' },
  messages: {
    payload: 'This logs {what} (`{expr}`): it can be huge and carry passwords, tokens and personal data. Log selected fields instead (an id, a size, one header by name).',
  },
  hasFix: false,
  roles: MAINTAINED_CODE,

  python(ctx) {
    let http: boolean | undefined;
    let origins: Origins = NO_ORIGINS;
    let call: Node | undefined;
    const seen = new Set<string>(); // one finding per payload and call: `%s` and `extra` of the same body is one
    const check = (value: Node) => {
      const p = pyPayload(value, origins);
      if (!p || seen.has(p.expr)) return;
      seen.add(p.expr);
      if (!(call && pyExpectedDump(ctx.text, call))) ctx.report({ start: value.startIndex, end: value.endIndex, message: format(logRawPayload.messages.payload, { what: p.what, expr: p.expr }) });
    };
    return {
      call(node: Node) {
        const lc = ctx.facts.loggerCall(node);
        if (!lc) return;
        const mentions = MENTIONS_RECEIVER.test(ctx.text.slice(node.startIndex, node.endIndex));
        if (!mentions && !(http ??= mayUseHttpClient(ctx.text))) return;
        call = node;
        seen.clear();
        origins = http ? pyOrigins(ctx.text, node) : NO_ORIGINS;
        const parts = logParts(lc);
        if (parts.message) for (const v of pyMessageValues(parts.message)) check(v);
        for (const arg of parts.lazyArgs) check(arg);
        for (const f of parts.fields) {
          if (f.value.type === 'dictionary') for (const inner of dictFields(f.value)) check(inner.value);
          else check(f.value);
        }
        const extra = parts.args.keywords.get('extra')?.value;
        if (extra && extra.type !== 'dictionary') check(extra);
      },
    };
  },

  js(ctx) {
    const sf = ctx.sourceFile;
    let http: boolean | undefined;
    let origins: Origins = NO_ORIGINS;
    let call: ts.CallExpression | undefined;
    const seen = new Set<string>();
    const check = (value: ts.Expression) => {
      const p = jsPayload(value, origins);
      if (!p || seen.has(p.expr)) return;
      seen.add(p.expr);
      if (!(call && jsExpectedDump(sf, call))) ctx.report({ start: value.getStart(sf), end: value.end, message: format(logRawPayload.messages.payload, { what: p.what, expr: p.expr }) });
    };
    const checkObject = (obj: ts.ObjectLiteralExpression, depth: number): void => {
      for (const prop of obj.properties) {
        if (ts.isSpreadAssignment(prop)) check(prop.expression);
        else if (ts.isShorthandPropertyAssignment(prop)) check(prop.name);
        else if (ts.isPropertyAssignment(prop)) {
          const value = unwrap(prop.initializer);
          if (ts.isObjectLiteralExpression(value) && !isSpreadCopy(value)) {
            if (depth < 3) checkObject(value, depth + 1);
          } else check(prop.initializer);
        }
      }
    };
    return {
      [ts.SyntaxKind.CallExpression](node: ts.Node) {
        const lc = ctx.facts.loggerCall(node as ts.CallExpression);
        if (!lc || lc.kind === 'console') return; // console output is no-print-logging's finding first
        if (!MENTIONS_RECEIVER.test(sf.text.slice(node.pos, node.end)) && !(http ??= mayUseHttpClient(sf.text))) return;
        call = lc.call;
        seen.clear();
        origins = http ? jsOrigins(sf, lc.call) : NO_ORIGINS;
        const parts = jsLogParts(lc);
        for (const obj of parts.fieldObjects) checkObject(obj, 0);
        for (const arg of parts.others) check(arg);
        if (parts.message) for (const v of jsMessageValues(parts.message)) check(v);
      },
    };
  },
};

function payloadOf(receiver: string, part: Part, expr: string): Payload {
  const side = /^req/.test(receiver) ? 'request' : 'response';
  return { what: part === 'body' ? `the whole ${side} body` : `every ${side} header`, expr, response: side === 'response' };
}

/** The payload a logged Python value is (through `await`, `str()`, `dict()`, `.decode()`…), if any. */
function pyPayload(node: Node, origins: Origins): Payload | undefined {
  switch (node.type) {
    case 'parenthesized_expression':
    case 'await':
      return node.namedChildren[0] ? pyPayload(node.namedChildren[0], origins) : undefined;
    case 'identifier':
      return origins.body(node.text) ? { what: 'the whole response body', expr: node.text, response: true } : undefined;
    case 'attribute': {
      const receiver = dottedName(node.childForFieldName('object'));
      const attr = node.childForFieldName('attribute')?.text ?? '';
      const last = receiver?.slice(receiver.lastIndexOf('.') + 1) ?? '';
      if (!PY_ATTRS[attr]) return undefined;
      if (RECEIVER.test(last)) return payloadOf(last, PY_ATTRS[attr], `${receiver}.${attr}`);
      return receiver && origins.response(receiver) && attr !== 'data' && attr !== 'form' ? payloadOf('response', PY_ATTRS[attr], `${receiver}.${attr}`) : undefined;
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      const name = dottedName(fn);
      if (name && PY_WRAPPERS.has(name)) {
        const first = callArgs(node).positional[0];
        return first ? pyPayload(first, origins) : undefined;
      }
      if (fn?.type !== 'attribute') return undefined;
      const method = fn.childForFieldName('attribute')?.text ?? '';
      const obj = fn.childForFieldName('object');
      if (PY_WRAPPER_METHODS.has(method)) return obj ? pyPayload(obj, origins) : undefined;
      const receiver = dottedName(obj);
      const last = receiver?.slice(receiver.lastIndexOf('.') + 1) ?? '';
      if (!PY_METHODS[method]) return undefined;
      if (RECEIVER.test(last)) return payloadOf(last, PY_METHODS[method], `${receiver}.${method}()`);
      return receiver && origins.response(receiver) ? payloadOf('response', PY_METHODS[method], `${receiver}.${method}()`) : undefined;
    }
    default:
      return undefined;
  }
}

/** The message itself and the values interpolated into it (f-string, `%`, `.format()`, `+`). */
function pyMessageValues(msg: Node): Node[] {
  if (msg.type === 'string') return interpolations(msg);
  if (msg.type === 'concatenated_string') return msg.namedChildren.flatMap((c) => (c ? interpolations(c) : []));
  if (msg.type === 'binary_operator') {
    const op = msg.childForFieldName('operator')?.type;
    const right = msg.childForFieldName('right');
    if (op === '%' && right) return right.type === 'tuple' ? codeChildren(right) : [right];
    if (op === '+') return [msg.childForFieldName('left'), right].flatMap((s) => (s ? pyMessageValues(s) : []));
    return [];
  }
  if (msg.type === 'call') {
    const fn = msg.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' && fn.childForFieldName('object')?.type === 'string') {
      const args = callArgs(msg);
      return [...args.positional, ...[...args.keywords.values()].map((k) => k.value)];
    }
  }
  return [msg];
}

/** `{ ...req.headers }`: a copy of the whole object. */
function isSpreadCopy(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.length === 1 && ts.isSpreadAssignment(obj.properties[0]);
}

function jsPayload(expr: ts.Expression, origins: Origins): Payload | undefined {
  const e = unwrap(expr);
  if (ts.isAwaitExpression(e)) return jsPayload(e.expression, origins);
  if (ts.isIdentifier(e)) return origins.body(e.text) ? { what: 'the whole response body', expr: e.text, response: true } : undefined;
  if (ts.isObjectLiteralExpression(e)) return isSpreadCopy(e) ? jsPayload((e.properties[0] as ts.SpreadAssignment).expression, origins) : undefined;
  if (ts.isPropertyAccessExpression(e)) {
    const receiver = jsDottedName(e.expression);
    const last = receiver?.slice(receiver.lastIndexOf('.') + 1) ?? '';
    const part = JS_PROPS[e.name.text];
    if (!part) return undefined;
    if (RECEIVER.test(last)) return payloadOf(last, part, `${receiver}.${e.name.text}`);
    return receiver && origins.response(receiver) ? payloadOf('response', part, `${receiver}.${e.name.text}`) : undefined;
  }
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrap(e.expression);
  const name = jsDottedName(callee);
  if (name && JS_WRAPPERS.has(name)) return e.arguments[0] ? jsPayload(e.arguments[0], origins) : undefined;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (JS_WRAPPER_METHODS.has(method)) return jsPayload(callee.expression, origins);
  const receiver = jsDottedName(callee.expression);
  const last = receiver?.slice(receiver.lastIndexOf('.') + 1) ?? '';
  if (!JS_METHODS[method]) return undefined;
  if (RECEIVER.test(last)) return payloadOf(last, JS_METHODS[method], `${receiver}.${method}()`);
  return receiver && origins.response(receiver) ? payloadOf('response', JS_METHODS[method], `${receiver}.${method}()`) : undefined;
}

/** Values interpolated into a JS message (template spans, `+` operands). */
function jsMessageValues(msg: ts.Expression): ts.Expression[] {
  const e = unwrap(msg);
  if (ts.isTemplateExpression(e)) return e.templateSpans.map((s) => s.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return [...jsMessageValues(e.left), ...jsMessageValues(e.right)];
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [];
  return [e];
}
