/**
 * The logger a fix writes to, and rendering a log call in that logger's form (RULES.md:
 * stdlib `extra={...}`, structlog/loguru keyword arguments, pino/bunyan leading object,
 * winston/console trailing object). When the file has no logger, one is created with its
 * import (`setup`), per `o11yLint.logger.*` or what the file imports.
 */
import ts = require('typescript');
import * as path from 'node:path';
import type { Node as PyNode } from 'web-tree-sitter';
import type { JsContext, PyContext } from '../rule';
import type { OffsetEdit } from '../types';
import { looksLikeLogger } from '../loggerNames';
import {
  jsImportEdit, jsImportedName, jsModuleDeclares, jsModuleStatementEdit, jsSemi, jsString,
  mergeInserts, perFileMemo, pyImportEdit, pyImportedName, pyModuleAssigns, pyModuleAssignments, pyModuleStatementEdit,
} from './insert';

export type PyLogStyle = 'stdlib' | 'structlog' | 'loguru';
export type JsLogStyle = 'pino' | 'winston' | 'bunyan' | 'console' | 'otel';

/** A field of a rendered call: key and the source text of its value. */
export interface LogField { key: string; value: string }

/**
 * `setup`: the edits creating the logger and its import (empty when one is in scope); `note`:
 * what they add, for the fix title ("creates `logger`"), set exactly when `setup` is not empty.
 */
export interface PyLogger { expr: string; style: PyLogStyle; setup: OffsetEdit[]; note?: string }
export interface JsLogger { expr: string; style: JsLogStyle; setup: OffsetEdit[]; note?: string }

/** `Convert to structured log event` + ` (creates \`logger\`)` when the logger is created. */
export function titleWithNote(title: string, logger: { note?: string; setup: OffsetEdit[] }): string {
  return logger.setup.length && logger.note ? `${title} (${logger.note})` : title;
}

/** `LogRecord` attributes: an `extra` key with one of these names raises KeyError in `makeRecord`. */
export const PY_RECORD_ATTRS: ReadonlySet<string> = new Set([
  'name', 'msg', 'args', 'message', 'asctime', 'levelname', 'levelno', 'pathname', 'filename', 'module', 'exc_info',
  'exc_text', 'stack_info', 'lineno', 'funcName', 'created', 'msecs', 'relativeCreated', 'thread', 'threadName',
  'processName', 'process', 'taskName',
]);

const PY_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
]);

// ---------------------------------------------------------------- Python

/** A module-level logger binding or an imported logger name. */
function pyModuleLogger(ctx: PyContext): { expr: string; style: PyLogStyle } | undefined {
  return perFileMemo(ctx.tree, 'moduleLogger', () => findPyModuleLogger(ctx));
}

function findPyModuleLogger(ctx: PyContext): { expr: string; style: PyLogStyle } | undefined {
  const facts = ctx.facts;
  for (const a of pyModuleAssignments(ctx)) {
    const left = a.childForFieldName('left');
    if (left?.type !== 'identifier') continue;
    const kind = facts.loggerKindOf(a.childForFieldName('right'));
    if (kind) return { expr: left.text, style: kind };
  }
  for (const [local, q] of facts.imports) {
    if (q === 'loguru.logger') return { expr: local, style: 'loguru' };
  }
  for (const [local, q] of facts.imports) {
    if (local !== q && looksLikeLogger(local) && !q.startsWith('logging.') && !q.startsWith('structlog.')) {
      return { expr: local, style: facts.kindOfName(local) ?? facts.defaultKind };
    }
  }
  return undefined;
}

/** `self.logger` / `self.log` when `at` is in a method of a class that assigns it. */
function pySelfLogger(ctx: PyContext, at: PyNode): { expr: string; style: PyLogStyle } | undefined {
  let fn: PyNode | undefined;
  for (let p = at.parent; p; p = p.parent) {
    if (p.type === 'function_definition' && !fn) fn = p;
    if (p.type === 'class_definition') {
      const first = fn?.childForFieldName('parameters')?.namedChildren[0];
      if (first?.text !== 'self') return undefined;
      const cls = p;
      return perFileMemo(ctx.tree, `self@${cls.id}`, () => {
        const text = cls.text;
        for (const [name, kind] of ctx.facts.loggers) {
          if (name.startsWith('self.') && new RegExp(`\\b${name.replace('.', '\\.')}\\s*(:[^=\\n]*)?=[^=]`).test(text)) return { expr: name, style: kind };
        }
        return undefined;
      });
    }
  }
  return undefined;
}

/** A free name for a new module-level binding: the first candidate the module does not bind or use. */
function pyFreeName(ctx: PyContext, candidates: string[]): string {
  return perFileMemo(ctx.tree, `free:${candidates.join()}`, () => candidates.find((c) => !pyModuleAssigns(ctx, c) && !ctx.facts.imports.has(c) && !new RegExp(`\\b${c}\\b`).test(ctx.text)) ?? candidates[candidates.length - 1]);
}

/** The logger in scope at `at`, else one created per `o11yLint.logger.python` / the file's imports. */
export function pyLoggerFor(ctx: PyContext, at: PyNode): PyLogger {
  const found = pySelfLogger(ctx, at) ?? pyModuleLogger(ctx);
  if (found) return { ...found, setup: [] };
  return perFileMemo(ctx.tree, 'createdLogger', () => pyCreateLogger(ctx));
}

function pyCreateLogger(ctx: PyContext): PyLogger {
  const style = ctx.facts.defaultKind;
  if (style === 'loguru') {
    const setup = mergeInserts([pyImportEdit(ctx, 'from loguru import logger')]);
    return { expr: 'logger', style, setup, note: 'adds `from loguru import logger`' };
  }
  if (style === 'structlog') {
    const mod = pyImportedName(ctx, 'structlog');
    const name = pyFreeName(ctx, ['log', 'logger', '_log']);
    const edits = [mod ? undefined : pyImportEdit(ctx, 'import structlog'), pyModuleStatementEdit(ctx, `${name} = ${mod ?? 'structlog'}.get_logger()`, false)];
    return { expr: name, style, setup: mergeInserts(edits), note: `creates \`${name}\`` };
  }
  const mod = pyImportedName(ctx, 'logging');
  const name = pyFreeName(ctx, ['logger', 'log', '_logger']);
  const edits = [mod ? undefined : pyImportEdit(ctx, 'import logging'), pyModuleStatementEdit(ctx, `${name} = ${mod ?? 'logging'}.getLogger(__name__)`, false)];
  return { expr: name, style, setup: mergeInserts(edits), note: `creates \`${name}\`` };
}

/** A valid, non-clashing keyword / `extra` key for a field. */
export function pyFieldKey(style: PyLogStyle, key: string, taken: Set<string>): string {
  let k = key.replace(/\W+/g, '_').replace(/^(\d)/, '_$1') || 'value';
  if (PY_KEYWORDS.has(k)) k += '_';
  if (style === 'stdlib' && PY_RECORD_ATTRS.has(k)) k = `ctx_${k}`;
  if (style === 'structlog' && (k === 'event' || k === 'self')) k = `${k}_value`;
  if (style === 'loguru' && k.startsWith('_')) k = `value${k}`;
  let out = k;
  for (let i = 2; taken.has(out); i++) out = `${k}_${i}`;
  taken.add(out);
  return out;
}

const PY_METHOD: Record<string, string> = { debug: 'debug', info: 'info', warning: 'warning', warn: 'warning', error: 'error', critical: 'critical', exception: 'exception' };

/** A Python string literal with double quotes. */
export function pyString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

/**
 * `logger.info("event", extra={"k": v})` (stdlib) or `log.info("event", k=v)` (structlog,
 * loguru). `extra`: further keyword arguments as source text (`exc_info=True`). Field keys
 * must already be valid for the style (see `pyFieldKey`).
 */
export function pyLogCall(style: PyLogStyle, expr: string, level: string, event: string, fields: readonly LogField[], extra: readonly string[] = []): string {
  const args = [pyString(event)];
  if (fields.length) {
    if (style === 'stdlib') args.push(`extra={${fields.map((f) => `${pyString(f.key)}: ${f.value}`).join(', ')}}`);
    else args.push(...fields.map((f) => `${f.key}=${f.value}`));
  }
  args.push(...extra);
  return `${expr}.${PY_METHOD[level] ?? 'info'}(${args.join(', ')})`;
}

// ---------------------------------------------------------------- JS / TS

/** The call form of a recognised logger kind; unknown kinds (log4js, consola, a name that looks like a logger) per `o11yLint.logger.javascript`, else console-like. */
export function jsStyleOfKind(kind: string, ctx: JsContext): JsLogStyle {
  if (kind === 'pino' || kind === 'winston' || kind === 'bunyan' || kind === 'otel' || kind === 'console') return kind;
  const choice = ctx.settings.logger.javascript;
  return choice === 'auto' ? 'console' : choice;
}

function jsInClassWith(at: ts.Node, member: string): boolean {
  for (let p = at.parent; p; p = p.parent) {
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p)) return false;
    if (ts.isClassLike(p)) {
      return p.members.some((m) => (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === member)
        || (ts.isConstructorDeclaration(m) && !!m.body && new RegExp(`this\\.${member}\\s*=[^=]`).test(m.body.getText())));
    }
  }
  return false;
}

/** The logger in scope at `at` (`this.logger`, a module logger, an imported logger), else one created. */
export function jsLoggerFor(ctx: JsContext, at: ts.Node): JsLogger {
  for (const [name, kind] of ctx.facts.loggers) {
    if (name.startsWith('this.') && kind !== 'console' && jsInClassWith(at, name.slice(5))) return { expr: name, style: jsStyleOfKind(kind, ctx), setup: [] };
  }
  return perFileMemo(ctx.sourceFile, 'moduleLogger', () => jsModuleLogger(ctx));
}

function jsModuleLogger(ctx: JsContext): JsLogger {
  const facts = ctx.facts;
  for (const s of ctx.sourceFile.statements) {
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer) continue;
      const kind = facts.loggerKindOf(d.initializer);
      if (kind && kind !== 'console') return { expr: d.name.text, style: jsStyleOfKind(kind, ctx), setup: [] };
    }
  }
  for (const [local] of facts.imports) {
    const kind = looksLikeLogger(local) ? facts.loggerKindOf(ts.factory.createIdentifier(local)) : undefined;
    if (kind && kind !== 'console') return { expr: local, style: jsStyleOfKind(kind, ctx), setup: [] };
  }
  return jsCreateLogger(ctx);
}

function jsCreateLogger(ctx: JsContext): JsLogger {
  const choice = ctx.settings.logger.javascript;
  const kind = choice !== 'auto' ? choice : ctx.facts.defaultKind;
  const style: JsLogStyle = kind === 'winston' || kind === 'bunyan' || kind === 'console' ? kind : 'pino';
  if (style === 'console') return { expr: 'console', style, setup: [] };
  const semi = jsSemi(ctx);
  const name = ['logger', 'log', 'appLogger'].find((c) => !jsModuleDeclares(ctx, c) && !new RegExp(`\\b${c}\\b`).test(ctx.text)) ?? 'appLogger';
  const mod = jsImportedName(ctx, { module: style }) ?? (style === 'winston' && jsImportedName(ctx, { module: 'winston', namespace: 'winston' }));
  const local = mod || style;
  const imp = mod ? undefined : jsImportEdit(ctx, style === 'winston' ? { module: 'winston', namespace: 'winston' } : { module: style, default: style });
  let init: string;
  if (style === 'pino') init = `${local}()`;
  else if (style === 'winston') init = `${local}.createLogger({ transports: [new ${local}.transports.Console()] })`;
  else init = `${local}.createLogger({ name: ${jsString(ctx.text, path.basename(ctx.filename || 'app').replace(/\.\w+$/, '') || 'app')} })`;
  const stmt = jsModuleStatementEdit(ctx, `const ${name} = ${init}${semi}`, false);
  return { expr: name, style, setup: mergeInserts([imp, stmt]), note: `creates \`${name}\`` };
}

const JS_METHOD: Record<JsLogStyle, Record<string, string>> = {
  pino: { debug: 'debug', info: 'info', warning: 'warn', error: 'error', critical: 'fatal' },
  bunyan: { debug: 'debug', info: 'info', warning: 'warn', error: 'error', critical: 'fatal' },
  winston: { debug: 'debug', info: 'info', warning: 'warn', error: 'error', critical: 'error' },
  console: { debug: 'debug', info: 'info', warning: 'warn', error: 'error', critical: 'error' },
  otel: {},
};
const OTEL_SEVERITY: Record<string, string> = { debug: 'DEBUG', info: 'INFO', warning: 'WARN', error: 'ERROR', critical: 'FATAL' };

const JS_IDENT = /^[A-Za-z_$][\w$]*$/;

/** A unique object key for a field (quoted when not an identifier). */
export function jsFieldKey(key: string, taken: Set<string>): string {
  let out = key || 'value';
  for (let i = 2; taken.has(out); i++) out = `${key}_${i}`;
  taken.add(out);
  return out;
}

/** `key: value`, shorthand `key` when the value is that name; the key quoted (file's quote) when not an identifier. */
export function jsFieldProperty(text: string, f: LogField): string {
  return f.key === f.value && JS_IDENT.test(f.key) ? f.key : `${JS_IDENT.test(f.key) ? f.key : jsString(text, f.key)}: ${f.value}`;
}

function jsObject(text: string, fields: readonly LogField[]): string {
  return `{ ${fields.map((f) => jsFieldProperty(text, f)).join(', ')} }`;
}

/**
 * `logger.info({ k }, 'event')` (pino, bunyan), `logger.info('event', { k })` (winston,
 * console), `logger.emit({ severityText, body, attributes })` (OTel). `fileText` picks the
 * quote style. `level`: debug info warning error critical.
 */
export function jsLogCall(style: JsLogStyle, expr: string, level: string, event: string, fields: readonly LogField[], fileText: string): string {
  const ev = jsString(fileText, event);
  if (style === 'otel') {
    const attrs = fields.length ? `, attributes: ${jsObject(fileText, fields)}` : '';
    return `${expr}.emit({ severityText: ${jsString(fileText, OTEL_SEVERITY[level] ?? 'INFO')}, body: ${ev}${attrs} })`;
  }
  const method = JS_METHOD[style][level] ?? 'info';
  if (!fields.length) return `${expr}.${method}(${ev})`;
  const obj = jsObject(fileText, fields);
  return style === 'pino' || style === 'bunyan' ? `${expr}.${method}(${obj}, ${ev})` : `${expr}.${method}(${ev}, ${obj})`;
}

/** The error field name for the style: pino/bunyan serialise `err`, winston reads `error`. */
export function jsErrorKey(style: JsLogStyle): string {
  return style === 'pino' || style === 'bunyan' ? 'err' : 'error';
}


