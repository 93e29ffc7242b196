/**
 * Completing a logger setup (logger-config-incomplete): the missing structlog processors in
 * their usual order, pino's ISO timestamp and `base.service`, winston's `format.timestamp()`
 * and `defaultMeta.service`. The service name is a placeholder the user must edit.
 */
import ts = require('typescript');
import type { Node as PyNode } from 'web-tree-sitter';
import type { JsContext, PyContext } from '../rule';
import type { OffsetEdit } from '../types';
import type { StructlogNeed } from '../python/loggerConfig';
import type { JsConfigNeed, JsLoggerFactory } from '../js/loggerConfig';
import { optionProperty } from '../js/loggerConfig';
import { dottedName, unwrap } from '../js/nodes';
import { jsAddProperties, jsInsertArguments, pyItemList } from './callEdits';
import { jsImportEdit, jsString, mergeInserts, pyImportEdit, pyImportedName } from './insert';
import { insertItems } from './listEdits';

/** The service name a fix writes: a placeholder, which is why those fixes are unsafe. */
export const SERVICE_PLACEHOLDER = 'my-service';

const PROCESSORS: Record<StructlogNeed, string> = {
  contextvars: 'contextvars.merge_contextvars',
  level: 'processors.add_log_level',
  timestamper: 'processors.TimeStamper(fmt="iso")',
  renderer: 'processors.JSONRenderer()',
};

export interface ConfigFix { edits: OffsetEdit[]; addsImport?: string }

/**
 * The missing processors inserted where structlog wants them: `merge_contextvars` first, the
 * level and the timestamper before the renderer (the last item), the JSON renderer last.
 */
export function structlogFix(ctx: PyContext, list: PyNode, missing: readonly StructlogNeed[]): ConfigFix {
  const mod = pyImportedName(ctx, 'structlog');
  const imp = mod ? undefined : pyImportEdit(ctx, 'import structlog');
  const name = (need: StructlogNeed) => `${mod ?? 'structlog'}.${PROCESSORS[need]}`;
  const items = pyItemList(list);
  const count = items.items.length;
  const has = (need: StructlogNeed) => missing.includes(need);
  // Item index → processors to insert before it (`count` appends).
  const groups = new Map<number, string[]>();
  const add = (at: number, need: StructlogNeed) => { if (has(need)) groups.set(at, [...(groups.get(at) ?? []), name(need)]); };
  add(0, 'contextvars');
  const beforeRenderer = has('renderer') || count === 0 ? count : count - 1;
  add(beforeRenderer, 'level');
  add(beforeRenderer, 'timestamper');
  add(count, 'renderer');
  const edits = [...groups].flatMap(([at, texts]) => insertItems(ctx.text, items, at, texts, ctx.eol));
  return { edits: mergeInserts(imp ? [...edits, imp] : edits), addsImport: imp ? '`import structlog`' : undefined };
}

/** The pino/winston module as the call names it (`pino`, `winston`), if the callee says. */
function moduleName(call: ts.CallExpression): string | undefined {
  const name = dottedName(call.expression);
  if (!name) return undefined;
  return name.includes('.') ? name.slice(0, name.indexOf('.')) : name;
}

/** `prop: value` → edits making the value an object literal holding `service` (added, or replacing null). */
function serviceEdits(ctx: JsContext, options: ts.ObjectLiteralExpression | null, key: string, service: string): { edits: OffsetEdit[]; prop?: string } {
  const sf = ctx.sourceFile;
  const prop = options && optionProperty(options, key);
  if (!prop) return { edits: [], prop: `${key}: { service: ${service} }` };
  if (!ts.isPropertyAssignment(prop)) return { edits: [] };
  const value = unwrap(prop.initializer);
  if (ts.isObjectLiteralExpression(value)) return { edits: jsAddProperties(sf, ctx.eol, value, [`service: ${service}`]) };
  return { edits: [{ start: prop.initializer.getStart(sf), end: prop.initializer.end, text: `{ service: ${service} }` }] };
}

/** Edits adding new `key: value` properties to the options (or the options object itself). */
function addOptions(ctx: JsContext, call: ts.CallExpression, options: ts.ObjectLiteralExpression | null, props: string[]): OffsetEdit[] {
  if (!props.length) return [];
  if (options) return jsAddProperties(ctx.sourceFile, ctx.eol, options, props);
  return jsInsertArguments(ctx.sourceFile, ctx.eol, call, 0, [`{ ${props.join(', ')} }`]);
}

/** pino: `timestamp: pino.stdTimeFunctions.isoTime` and `base: { service }`. */
function pinoFix(ctx: JsContext, call: ts.CallExpression, options: ts.ObjectLiteralExpression | null, missing: readonly JsConfigNeed[]): ConfigFix | undefined {
  const sf = ctx.sourceFile;
  const edits: OffsetEdit[] = [];
  const props: string[] = [];
  if (missing.includes('isoTimestamp')) {
    const pino = moduleName(call);
    if (!pino) return undefined;
    const iso = `${pino}.stdTimeFunctions.isoTime`;
    const prop = options && optionProperty(options, 'timestamp');
    if (!prop) props.push(`timestamp: ${iso}`);
    else if (ts.isPropertyAssignment(prop)) edits.push({ start: prop.initializer.getStart(sf), end: prop.initializer.end, text: iso });
    else return undefined;
  }
  if (missing.includes('service')) {
    const s = serviceEdits(ctx, options, 'base', jsString(ctx.text, SERVICE_PLACEHOLDER));
    edits.push(...s.edits);
    if (s.prop) props.push(s.prop);
  }
  edits.push(...addOptions(ctx, call, options, props));
  return edits.length ? { edits } : undefined;
}

/** winston: `format.timestamp()` first in `format.combine(...)` and `defaultMeta: { service }`. */
function winstonFix(ctx: JsContext, call: ts.CallExpression, options: ts.ObjectLiteralExpression | null, missing: readonly JsConfigNeed[]): ConfigFix | undefined {
  const sf = ctx.sourceFile;
  const edits: OffsetEdit[] = [];
  const props: string[] = [];
  let addsImport: string | undefined;
  if (missing.includes('isoTimestamp')) {
    const prop = options && optionProperty(options, 'format');
    if (prop) {
      if (!ts.isPropertyAssignment(prop)) return undefined;
      const value = unwrap(prop.initializer);
      const callee = ts.isCallExpression(value) ? unwrap(value.expression) : undefined;
      if (!callee || !ts.isPropertyAccessExpression(callee)) return undefined;
      const fmt = callee.expression.getText(sf);
      if (callee.name.text === 'combine') edits.push(...jsInsertArguments(sf, ctx.eol, value as ts.CallExpression, 0, [`${fmt}.timestamp()`]));
      else edits.push({ start: prop.initializer.getStart(sf), end: prop.initializer.end, text: `${fmt}.combine(${fmt}.timestamp(), ${prop.initializer.getText(sf)})` });
    } else {
      // No format: winston's default is `format.json()`; keep it and add the timestamp.
      const mod = ts.isPropertyAccessExpression(call.expression) ? moduleName(call) : undefined;
      let fmt = mod ? `${mod}.format` : 'format';
      if (!mod) {
        const imp = jsImportEdit(ctx, { module: 'winston', named: 'format' });
        if (imp) { edits.push(imp); addsImport = 'the `format` import'; }
        fmt = 'format';
      }
      props.push(`format: ${fmt}.combine(${fmt}.timestamp(), ${fmt}.json())`);
    }
  }
  if (missing.includes('service')) {
    const s = serviceEdits(ctx, options, 'defaultMeta', jsString(ctx.text, SERVICE_PLACEHOLDER));
    edits.push(...s.edits);
    if (s.prop) props.push(s.prop);
  }
  edits.push(...addOptions(ctx, call, options, props));
  return edits.length ? { edits: mergeInserts(edits), addsImport } : undefined;
}

export function jsConfigFix(ctx: JsContext, factory: JsLoggerFactory, call: ts.CallExpression, options: ts.ObjectLiteralExpression | null, missing: readonly JsConfigNeed[]): ConfigFix | undefined {
  if (factory === 'pino') return pinoFix(ctx, call, options, missing);
  if (factory === 'winston') return winstonFix(ctx, call, options, missing);
  return undefined;
}

