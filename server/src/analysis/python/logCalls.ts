/** Where the message, the fields and the lazy arguments sit in a Python logger call. */
import type { Node } from 'web-tree-sitter';
import type { PyLoggerCall } from './facts';
import { callArgs, type PyArgs } from './nodes';

/** Keyword arguments of stdlib logging calls that are not fields. */
const STDLIB_CONTROL = new Set(['exc_info', 'stack_info', 'stacklevel', 'extra', 'msg']);

export interface PyField { key: string; keyNode: Node; value: Node }

export interface PyLogParts {
  args: PyArgs;
  /** The message / event argument, if present. */
  message?: Node;
  /** Positional arguments after the message (stdlib lazy `%s` args, loguru `{}` args). */
  lazyArgs: Node[];
  /** Named fields: structlog/loguru keyword arguments, stdlib `extra={...}` keys. */
  fields: PyField[];
}

/** Parts per recognised call: `facts.loggerCall` returns one object per call node, shared by every rule. */
const partsCache = new WeakMap<PyLoggerCall, PyLogParts>();

export function logParts(lc: PyLoggerCall): PyLogParts {
  let parts = partsCache.get(lc);
  if (!parts) {
    parts = computeParts(lc);
    partsCache.set(lc, parts);
  }
  return parts;
}

function computeParts(lc: PyLoggerCall): PyLogParts {
  const args = callArgs(lc.call);
  const msgIndex = lc.method === 'log' ? 1 : 0;
  const message = args.positional[msgIndex] ?? args.keywords.get(lc.kind === 'structlog' ? 'event' : 'msg')?.value;
  const lazyArgs = args.positional.slice(msgIndex + 1);
  const fields: PyField[] = [];
  for (const [key, kw] of args.keywords) {
    if (key === 'extra') fields.push(...dictFields(kw.value));
    else if (lc.kind === 'stdlib' || lc.kind === 'unknown' ? !STDLIB_CONTROL.has(key) && key !== 'event' : key !== 'event' && key !== 'exc_info') fields.push({ key, keyNode: kw.name, value: kw.value });
  }
  return { args, message, lazyArgs, fields };
}

/** Fields of a `{"k": v}` literal or a `dict(k=v)` call. */
export function dictFields(node: Node): PyField[] {
  const out: PyField[] = [];
  if (node.type === 'dictionary') {
    for (const pair of node.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const keyNode = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      const key = keyNode?.type === 'string' ? keyNode.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('') : undefined;
      if (keyNode && value && key) out.push({ key, keyNode, value });
    }
  } else if (node.type === 'call' && node.childForFieldName('function')?.text === 'dict') {
    for (const [key, kw] of callArgs(node).keywords) out.push({ key, keyNode: kw.name, value: kw.value });
  }
  return out;
}
