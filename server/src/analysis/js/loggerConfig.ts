/**
 * How JS/TS code creates its loggers: the options object of `pino(...)`,
 * `winston.createLogger(...)` and `bunyan.createLogger(...)`. Used by `hardcoded-log-level` and
 * `logger-config-incomplete`. "Unknown" (a spread, a variable) always means "say nothing".
 */
import ts = require('typescript');
import { FACTORIES } from './facts';
import { dottedName, insideMainGuard, isStringLiteralLike, propertyKeyName, unwrap } from './nodes';

export type JsLoggerFactory = 'pino' | 'winston' | 'bunyan';

/** The facts' logger factories that take the logger's configuration (not `.child()`, which adds fields). */
const FACTORY = new Map(Object.entries(FACTORIES).filter((e): e is [string, JsLoggerFactory] => /^(pino|winston|bunyan)$/.test(e[1]) && !e[0].endsWith('.child')));
/** Their last names (`pino`, `createLogger`, `default`): a cheap check before the callee's dotted name is built. */
const LAST_NAMES = new Set([...FACTORY.keys()].map((k) => k.slice(k.lastIndexOf('.') + 1)));

/** The logger library a call creates a logger with (after import resolution), if any. */
export function loggerFactory(call: ts.CallExpression, qualify: (name: string) => string): JsLoggerFactory | undefined {
  const callee = call.expression;
  const last = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (!LAST_NAMES.has(last)) return undefined;
  const name = dottedName(callee);
  return name ? FACTORY.get(qualify(name)) : undefined;
}

/** The options object literal of a factory call; `null` when there is no argument, undefined when not a literal. */
export function factoryOptions(call: ts.CallExpression): ts.ObjectLiteralExpression | null | undefined {
  const first = call.arguments[0];
  if (!first) return null;
  const e = unwrap(first);
  return ts.isObjectLiteralExpression(e) ? e : undefined;
}

/** The property `key` of an object literal; undefined when absent. */
export function optionProperty(obj: ts.ObjectLiteralExpression, key: string): ts.ObjectLiteralElementLike | undefined {
  return obj.properties.find((p) => !ts.isSpreadAssignment(p) && p.name && propertyKeyName(p.name) === key);
}

/** `enabled: false` or `level: 'silent'`: a logger that writes nothing needs nothing. */
function isDisabled(options: ts.ObjectLiteralExpression): boolean {
  const enabled = optionProperty(options, 'enabled');
  const level = literalLevel(options);
  return (!!enabled && ts.isPropertyAssignment(enabled) && enabled.initializer.kind === ts.SyntaxKind.FalseKeyword) || level?.text === 'silent';
}

function hasSpread(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some(ts.isSpreadAssignment);
}

/** A literal `level: "debug"` that no later spread can override. */
export function literalLevel(obj: ts.ObjectLiteralExpression): ts.StringLiteralLike | undefined {
  const i = obj.properties.findIndex((p) => ts.isPropertyAssignment(p) && propertyKeyName(p.name) === 'level');
  if (i < 0 || obj.properties.slice(i + 1).some(ts.isSpreadAssignment)) return undefined;
  const value = unwrap((obj.properties[i] as ts.PropertyAssignment).initializer);
  return isStringLiteralLike(value) ? (value as ts.StringLiteralLike) : undefined;
}

export type JsConfigNeed = 'isoTimestamp' | 'service';

/** What a pino/winston options object lacks; undefined when it cannot be known (spread, non-literal options). */
export function missingConfig(factory: JsLoggerFactory, options: ts.ObjectLiteralExpression | null): JsConfigNeed[] | undefined {
  if (options === null) return ['isoTimestamp', 'service'];
  if (hasSpread(options)) return undefined;
  if (isDisabled(options)) return [];
  const out: JsConfigNeed[] = [];
  if (factory === 'pino') {
    if (!pinoIsoTime(options)) out.push('isoTimestamp');
    if (!pinoService(options)) out.push('service');
  } else if (factory === 'winston') {
    const fmt = optionProperty(options, 'format');
    const transports = optionProperty(options, 'transports');
    // A format given per transport (`new transports.Console({ format })`) is not checked: unknown.
    const perTransport = !!transports && /\bformat\b/.test(transports.getText());
    if (!perTransport && (!fmt || !winstonTimestamp(fmt))) out.push('isoTimestamp');
    if (!carriesService(optionProperty(options, 'defaultMeta'))) out.push('service');
  }
  return out;
}

/** `timestamp: pino.stdTimeFunctions.isoTime` (or `isoTimeNano`, or a custom function: unknown, accepted). */
function pinoIsoTime(options: ts.ObjectLiteralExpression): boolean {
  const prop = optionProperty(options, 'timestamp');
  if (!prop) return false;
  if (!ts.isPropertyAssignment(prop)) return true;
  const value = unwrap(prop.initializer);
  if (value.kind === ts.SyntaxKind.TrueKeyword || value.kind === ts.SyntaxKind.FalseKeyword) return false;
  const name = dottedName(value);
  return !(name && /(^|\.)(epochTime|unixTime|nullTime)$/.test(name));
}

/** `base: { service: ... }`, or a top-level `name`, a `mixin` or `formatters.bindings`/`formatters.log` (which may add it). */
function pinoService(options: ts.ObjectLiteralExpression): boolean {
  if (optionProperty(options, 'name') || optionProperty(options, 'mixin')) return true;
  const formatters = optionProperty(options, 'formatters');
  if (formatters) {
    const value = ts.isPropertyAssignment(formatters) ? unwrap(formatters.initializer) : undefined;
    if (!value || !ts.isObjectLiteralExpression(value) || hasSpread(value) || optionProperty(value, 'bindings') || optionProperty(value, 'log')) return true;
  }
  return carriesService(optionProperty(options, 'base'));
}

/** An object literal with a `service*` key (or a spread); a non-literal value is unknown and accepted. */
function carriesService(prop: ts.ObjectLiteralElementLike | undefined): boolean {
  if (!prop) return false;
  if (!ts.isPropertyAssignment(prop)) return true;
  const value = unwrap(prop.initializer);
  if (value.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(value) && value.text === 'undefined')) return false;
  if (!ts.isObjectLiteralExpression(value)) return true;
  return value.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && /service/i.test(propertyKeyName(p.name) ?? '')));
}

/** winston's own formats, none of which adds a timestamp. */
const WINSTON_FORMATS = new Set(['json', 'simple', 'printf', 'colorize', 'uncolorize', 'errors', 'splat', 'label', 'prettyPrint', 'logstash', 'align', 'cli', 'ms', 'padLevels', 'metadata']);

/** A `timestamp()` call in the format expression, or a part defined elsewhere (unknown, accepted). */
function winstonTimestamp(prop: ts.ObjectLiteralElementLike): boolean {
  if (!ts.isPropertyAssignment(prop)) return true;
  let found = false;
  const visit = (node: ts.Expression): void => {
    const e = unwrap(node);
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      if (method === 'timestamp') found = true;
      else if (method === 'combine') e.arguments.forEach(visit);
      else if (!WINSTON_FORMATS.has(method)) found = true; // a project's own format: unknown
    } else found = true; // a format built elsewhere (a variable, a member): unknown
  };
  visit(prop.initializer);
  return found;
}

/** A debug/verbose flag, the environment or "not configured yet" decides the branch (see the Python twin). */
const DELIBERATE_LEVEL_CONDITION = /debug|verbos|quiet|silent|\blevel\b|process\.env|NODE_ENV/i;

/**
 * Where a hard-coded level is a deliberate choice: under `if (require.main === module)`, in a
 * branch chosen by a debug/verbose flag or the environment, or in a function named for a debug
 * mode.
 */
export function jsDeliberateLevel(node: ts.Node, sf: ts.SourceFile): boolean {
  if (insideMainGuard(node)) return true;
  const text = sf.text;
  for (let child: ts.Node = node, p = node.parent; p; child = p, p = p.parent) {
    if (ts.isIfStatement(p) && p.expression !== child && DELIBERATE_LEVEL_CONDITION.test(text.slice(p.expression.pos, p.expression.end))) return true;
    if (ts.isConditionalExpression(p) && p.condition !== child && DELIBERATE_LEVEL_CONDITION.test(text.slice(p.condition.pos, p.condition.end))) return true;
    if ((ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p) || ts.isClassDeclaration(p)) && p.name && /debug|verbose/i.test(p.name.getText(sf))) return true;
  }
  return false;
}
