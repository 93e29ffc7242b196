/**
 * The logger a fix writes to, and rendering a log call in that logger's form (RULES.md:
 * stdlib `extra={...}`, structlog/loguru keyword arguments, pino/bunyan leading object,
 * winston/console trailing object). When the file has no logger, one is created with its
 * import (`setup`), per `o11yLint.logger.*` or what the file imports.
 *
 * The form comes from the logger's kind in the facts, never from a guess: a logger of `unknown`
 * kind (imported from a module the analysis cannot see, or a wrapper) has no form that every
 * library reads — pino drops a trailing object, winston prints a leading one as the message —
 * so for it only calls without fields or an error are rendered (`undefined` otherwise, and the
 * fix is not offered). `o11yLint.logger.*`, when set, names the form of unknown loggers.
 */
import ts = require('typescript');
import * as path from 'node:path';
import type { Node as PyNode } from 'web-tree-sitter';
import type { JsContext, PyContext } from '../rule';
import type { JsLoggerKind } from '../js/facts';
import type { PyLoggerKind } from '../python/facts';
import type { OffsetEdit } from '../types';
import { looksLikeLogger } from '../loggerNames';
import {
  jsImportEdit, jsImportedName, jsModuleDeclares, jsModuleStatementEdit, jsSemi, jsString,
  mergeInserts, perFileMemo, pyImportEdit, pyImportedName, pyModuleAssigns, pyModuleAssignments, pyModuleStatementEdit,
} from './insert';

/** The call form a fix writes; `unknown`: only a message (and `exception()`), see the module comment. */
export type PyLogStyle = 'stdlib' | 'structlog' | 'loguru' | 'unknown';
/** `console`: message then values, printed as they are (console, log4js, consola, npmlog); `nestjs`: `log(message, context?)`, `error(message, stack?)`. */
export type JsLogStyle = 'pino' | 'winston' | 'bunyan' | 'console' | 'nestjs' | 'otel' | 'unknown';

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
    if (kind) return { expr: left.text, style: pyStyleOfKind(kind, ctx) };
  }
  for (const [local, q] of facts.imports) {
    if (q === 'loguru.logger') return { expr: local, style: 'loguru' };
  }
  // A logger imported from another module (`from app.log import log as applog`), not a class.
  for (const [local, kind] of facts.loggers) {
    if (!local.includes('.') && !/^[A-Z][a-z]/.test(local) && facts.isImported(local)) return { expr: local, style: pyStyleOfKind(kind, ctx) };
  }
  return undefined;
}

/** The form of a logger of this kind; an unknown one per `o11yLint.logger.python` when set. */
export function pyStyleOfKind(kind: PyLoggerKind, ctx: PyContext): PyLogStyle {
  if (kind !== 'unknown') return kind;
  const choice = ctx.settings.logger.python;
  return choice === 'auto' ? 'unknown' : choice === 'logging' ? 'stdlib' : choice;
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
          if (!name.startsWith('self.')) continue;
          // Assigned in a method (`self.log = ...`) or as a class attribute (`log = ...` in the body).
          const attr = name.slice(5);
          if (new RegExp(`\\bself\\.${attr}\\s*(:[^=\\n]*)?=[^=]|^[ \\t]+${attr}\\s*(:[^=\\n]*)?=[^=]`, 'm').test(text)) return { expr: name, style: pyStyleOfKind(kind, ctx) };
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
 * must already be valid for the style (see `pyFieldKey`). Undefined for an unknown logger
 * given fields or keyword arguments: stdlib raises TypeError on `k=v`, and a wrapper may not take `extra=`.
 */
export function pyLogCall(style: PyLogStyle, expr: string, level: string, event: string, fields: readonly LogField[], extra: readonly string[] = []): string | undefined {
  if (style === 'unknown' && (fields.length || extra.length)) return undefined;
  const args = [pyString(event)];
  if (fields.length) {
    if (style === 'stdlib') args.push(`extra={${fields.map((f) => `${pyString(f.key)}: ${f.value}`).join(', ')}}`);
    else args.push(...fields.map((f) => `${f.key}=${f.value}`));
  }
  args.push(...extra);
  return `${expr}.${PY_METHOD[level] ?? 'info'}(${args.join(', ')})`;
}

// ---------------------------------------------------------------- JS / TS

/**
 * The call form of a logger kind: its library's; log4js, consola and npmlog print every argument
 * (console-like); an unknown logger per `o11yLint.logger.javascript` when set, else `unknown`.
 */
export function jsStyleOfKind(kind: JsLoggerKind, ctx: JsContext): JsLogStyle {
  switch (kind) {
    case 'pino': case 'winston': case 'bunyan': case 'otel': case 'console': case 'nestjs': return kind;
    case 'log4js': case 'consola': case 'npmlog': return 'console';
    default: {
      const choice = ctx.settings.logger.javascript;
      return choice === 'auto' ? 'unknown' : choice;
    }
  }
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
  // A logger imported from another module (`import { logger } from './logger'`), not a class.
  for (const [local] of facts.imports) {
    if (/^[A-Z][a-z]/.test(local) || !(looksLikeLogger(local) || facts.loggers.has(local))) continue;
    const kind = facts.kindOfName(local);
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
  nestjs: { debug: 'debug', info: 'log', warning: 'warn', error: 'error', critical: 'fatal' },
  // The methods every supported logger has.
  unknown: { debug: 'debug', info: 'info', warning: 'warn', error: 'error', critical: 'error' },
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
 * quote style. `level`: debug info warning error critical. Undefined when the style has no
 * place for fields (NestJS, an unknown logger) and there are fields.
 */
export function jsLogCall(style: JsLogStyle, expr: string, level: string, event: string, fields: readonly LogField[], fileText: string): string | undefined {
  if ((style === 'unknown' || style === 'nestjs') && fields.length) return undefined;
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

/**
 * Where a logger reads an error: pino/bunyan's `err` serializer in the leading object, winston's
 * `error` in the trailing metadata, console-like loggers print an extra argument, NestJS takes the
 * stack as `error()`'s second argument; an unknown logger has no place every library reads.
 */
export type JsErrorForm = { form: 'field'; key: 'err' | 'error' } | { form: 'argument' } | { form: 'stack' };

export function jsErrorForm(style: JsLogStyle): JsErrorForm | undefined {
  if (style === 'pino' || style === 'bunyan') return { form: 'field', key: 'err' };
  if (style === 'winston') return { form: 'field', key: 'error' };
  if (style === 'console') return { form: 'argument' };
  if (style === 'nestjs') return { form: 'stack' };
  return undefined;
}

/** An error-level call carrying the error where the style reads it; undefined for an unknown logger. */
export function jsErrorLogCall(style: JsLogStyle, expr: string, event: string, error: string, fileText: string): string | undefined {
  const form = jsErrorForm(style);
  if (!form) return undefined;
  if (form.form === 'field') return jsLogCall(style, expr, 'error', event, [{ key: form.key, value: error }], fileText);
  return `${expr}.error(${jsString(fileText, event)}, ${form.form === 'stack' ? jsNestStack(error) : error})`;
}

/** The error field name of a style that has one (pino/bunyan `err`, winston `error`). */
export function jsErrorKey(style: JsLogStyle): string | undefined {
  const form = jsErrorForm(style);
  return form?.form === 'field' ? form.key : undefined;
}

/** NestJS's `error(message, stack)` argument: the stack of an Error, the text of anything else thrown. */
export function jsNestStack(name: string): string {
  return `${name} instanceof Error ? ${name}.stack : String(${name})`;
}


