/**
 * `no-print-logging`'s fix, "Convert to structured log event": `print(...)` / `sys.stdout.write`
 * / `pprint` / `console.*` become a call on the file's logger (created with its import when the
 * file has none), with a static event name and the values as fields (see structured.ts).
 * `sep=`/`end=`/`flush=` are dropped (they only shaped the text); `file=sys.stderr` → warning.
 */
import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import type { JsContext, PyContext } from '../rule';
import type { OffsetFix } from '../types';
import { callArgs } from '../python/nodes';
import { unwrap } from '../js/nodes';
import { isStringish } from '../js/logCalls';
import { jsInsideFunction, mergeInserts, pyInsideFunction, runsBeforeInsert } from './insert';
import { jsErrorKey, jsFieldKey, jsLogCall, jsLoggerFor, pyFieldKey, pyLogCall, pyLoggerFor, titleWithNote } from './logger';
import {
  jsEnclosingFunction, jsHasComments, jsLooksLikeError, jsMessagePieces, jsObjectPieces, jsStructured, pyEnclosingFunction,
  pyMessagePieces, pyPrintPieces, pyStructured, type Piece,
} from './structured';

/** "Convert to structured log event": the call becomes a logger call (the logger created when the file has none). */
export function pyPrintFix(ctx: PyContext, call: Node, kind: 'print' | 'pprint' | 'write', stderr: boolean, title: string): OffsetFix[] {
  if (call.parent?.type !== 'expression_statement' || (ctx.text.slice(call.startIndex, call.endIndex).includes('#') && call.descendantsOfType('comment').length)) return [];
  const args = callArgs(call);
  if (args.hasSplat || !args.positional.length) return [];
  const pieces = kind === 'print' ? pyPrintPieces(args.positional)
    : kind === 'pprint' ? pyPrintPieces([args.positional[0]])
    : pyMessagePieces(args.positional[0]) ?? [{ expr: args.positional[0] }];
  if (!pieces) return [];
  const logger = pyLoggerFor(ctx, call);
  if (runsBeforeInsert(call.startIndex, () => pyInsideFunction(call), logger.setup)) return [];
  const msg = pyStructured(pieces, ctx.settings.eventNameStyle, () => pyEnclosingFunction(call));
  const taken = new Set<string>();
  const fields = msg.fields.map((f) => ({ key: pyFieldKey(logger.style, f.key, taken), value: f.value }));
  const text = pyLogCall(logger.style, logger.expr, stderr ? 'warning' : 'info', msg.event, fields);
  if (!text) return []; // an unknown logger given fields: no form every library reads
  const edits = mergeInserts([...logger.setup, { start: call.startIndex, end: call.endIndex, text }]);
  return [{ title: titleWithNote(title, logger), safe: false, isPreferred: true, edits }];
}

const CONSOLE_LEVEL: Record<string, string> = { error: 'error', warn: 'warning', debug: 'debug', trace: 'debug' };

/** The same for `console.<method>(...)`; no fix when the logger would be `console` again. */
export function jsConsoleFix(ctx: JsContext, call: ts.CallExpression, method: string, title: string): OffsetFix[] {
  const sf = ctx.sourceFile;
  if (!(ts.isExpressionStatement(call.parent) || ts.isArrowFunction(call.parent) && call.parent.body === call) || !call.arguments.length || call.arguments.some(ts.isSpreadElement) || jsHasComments(call, sf)) return [];
  const logger = jsLoggerFor(ctx, call);
  if (logger.expr === 'console') return []; // console.info(...) would still be console output
  if (runsBeforeInsert(call.getStart(sf), () => jsInsideFunction(call), logger.setup)) return [];
  const pieces: Piece<ts.Expression>[] = [];
  let errors = 0;
  call.arguments.forEach((arg, i) => {
    const e = unwrap(arg);
    const text = i === 0 && isStringish(arg) ? jsMessagePieces(arg, (n) => ctx.facts.qualify(n)) : undefined;
    if (text) pieces.push(...text);
    else if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) pieces.push({ text: e.text });
    else if (ts.isObjectLiteralExpression(e) && jsObjectPieces(e)) pieces.push(...jsObjectPieces(e)!);
    else if (jsLooksLikeError(e)) pieces.push({ expr: arg, name: errors++ ? undefined : jsErrorKey(logger.style) });
    else pieces.push({ expr: arg });
    pieces.push({ text: ' ' });
  });
  const msg = jsStructured(pieces, ctx.settings.eventNameStyle, sf, () => jsEnclosingFunction(call));
  const taken = new Set<string>();
  const fields = msg.fields.map((f) => ({ key: jsFieldKey(f.key, taken), value: f.value }));
  const text = jsLogCall(logger.style, logger.expr, CONSOLE_LEVEL[method] ?? 'info', msg.event, fields, ctx.text);
  if (!text) return []; // an unknown or NestJS logger given fields: no form that keeps them
  const edits = mergeInserts([...logger.setup, { start: call.getStart(sf), end: call.end, text }]);
  return [{ title: titleWithNote(title, logger), safe: false, isPreferred: true, edits }];
}

