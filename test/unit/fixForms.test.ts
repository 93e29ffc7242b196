/**
 * Acceptance for issue 14 §3, "fixes must write the form of the logger actually used": every
 * logging fix, applied to a call on a logger imported from another module of each kind (the
 * project view says which), writes that library's form, and the fields and the error land where
 * that library reads them — pino/bunyan: leading object, `err`; winston: trailing meta object,
 * `error`; NestJS: the stack as `error()`'s second argument; structlog/loguru: keyword arguments,
 * `exc_info`; stdlib: `extra=`, `exception()`. A logger of unknown kind gets only the fixes whose
 * form every library accepts. The ruleTester also re-parses (and compiles) every output.
 */
import * as assert from 'node:assert/strict';
import ts = require('typescript');
import type { ExportedSymbol, LoggerLib } from '../../server/src/analysis/project/view';
import { applyEdits } from '../../server/src/analysis/fixes/apply';
import { parsePython } from '../../server/src/analysis/python/parser';
import { callArgs } from '../../server/src/analysis/python/nodes';
import { initAnalyzer, run, stubProject } from '../helpers/analyze';
import { ruleTester, type InvalidCase } from '../helpers/ruleTester';

/** What must reach the log: a field, or the caught error. */
type Lands = { field: string } | { error: string } | { level: string };

interface FormCase { rule: string; body: string; range: [number, number, number, number]; title?: string; output?: string; lands?: Lands; none?: boolean }

const JS_IMPORT = "import { logger } from './logger';\n";
const PY_IMPORT = 'from app.log import logger\n';

const js = {
  unstructured: (output?: string): FormCase => ({ rule: 'unstructured-log-message', body: 'logger.info(`charged ${orderId}`);\n', range: [2, 13, 2, 33], output, lands: { field: 'orderId' }, none: !output }),
  print: (output?: string): FormCase => ({ rule: 'no-print-logging', body: "console.log('charged', orderId);\n", range: [2, 1, 2, 12], output, lands: { field: 'orderId' }, none: !output }),
  swallowed: (call?: string): FormCase => ({ rule: 'swallowed-exception', body: 'try { charge(); } catch (err) {}\n', range: [2, 19, 2, 30], output: call && `try { charge(); } catch (err) {\n    ${call};\n}\n`, lands: { error: 'err' }, none: !call }),
  errorLog: (call?: string): FormCase => ({ rule: 'error-log-without-exception', body: "try { charge(); } catch (err) { logger.error('charge failed'); }\n", range: [2, 40, 2, 45], output: call && `try { charge(); } catch (err) { ${call}; }\n`, lands: { error: 'err' }, none: !call }),
  expected: (method = 'error'): FormCase => ({ rule: 'expected-condition-at-error', body: `logger.${method}('user not found');\n`, range: [2, 9 + method.length, 2, 25 + method.length], output: "logger.warn('user not found');\n", lands: { level: 'warn' } }),
};

const py = {
  unstructured: (output?: string): FormCase => ({ rule: 'unstructured-log-message', body: 'logger.info(f"charged {order_id}")\n', range: [2, 13, 2, 34], output, lands: { field: 'order_id' }, none: !output }),
  print: (output?: string): FormCase => ({ rule: 'no-print-logging', body: 'print(f"charged {order_id}")\n', range: [2, 1, 2, 6], output, lands: { field: 'order_id' }, none: !output }),
  swallowed: (): FormCase => ({ rule: 'swallowed-exception', body: 'try:\n    charge()\nexcept Exception:\n    pass\n', range: [4, 1, 4, 17], output: 'try:\n    charge()\nexcept Exception:\n    logger.exception("charge_failed")\n', lands: { error: 'handled' } }),
  errorLog: (call: string): FormCase => ({ rule: 'error-log-without-exception', body: 'try:\n    charge()\nexcept Exception as e:\n    logger.error("charge failed")\n', range: [5, 12, 5, 17], output: `try:\n    charge()\nexcept Exception as e:\n    ${call}\n`, lands: { error: 'handled' } }),
  outside: (): FormCase => ({ rule: 'exception-outside-handler', body: 'logger.exception("boom")\n', range: [2, 8, 2, 17], output: 'logger.error("boom")\n', lands: { level: 'error' } }),
  expected: (): FormCase => ({ rule: 'expected-condition-at-error', body: 'logger.error("user not found")\n', range: [2, 14, 2, 30], output: 'logger.warning("user not found")\n', lands: { level: 'warning' } }),
};

const JS_KINDS: Record<string, FormCase[]> = {
  pino: [
    js.unstructured("logger.info({ orderId }, 'charged');\n"), js.print("logger.info({ orderId }, 'charged');\n"),
    js.swallowed("logger.error({ err }, 'charge_failed')"), js.errorLog("logger.error({ err }, 'charge failed')"), js.expected(),
  ],
  bunyan: [
    js.unstructured("logger.info({ orderId }, 'charged');\n"), js.print("logger.info({ orderId }, 'charged');\n"),
    js.swallowed("logger.error({ err }, 'charge_failed')"), js.errorLog("logger.error({ err }, 'charge failed')"), js.expected(),
  ],
  winston: [
    js.unstructured("logger.info('charged', { orderId });\n"), js.print("logger.info('charged', { orderId });\n"),
    js.swallowed("logger.error('charge_failed', { error: err })"), js.errorLog("logger.error('charge failed', { error: err })"), js.expected(),
  ],
  // NestJS's Logger has no fields; the stack is error()'s second argument.
  nestjs: [
    { ...js.unstructured(), body: 'logger.log(`charged ${orderId}`);\n', range: [2, 12, 2, 32] }, js.print(),
    js.swallowed("logger.error('charge_failed', err instanceof Error ? err.stack : String(err))"),
    js.errorLog("logger.error('charge failed', err instanceof Error ? err.stack : String(err))"), js.expected(),
  ],
  // No project view: the kind is unknown, only the level change is written.
  unknown: [js.unstructured(), js.print(), js.swallowed(), js.errorLog(), js.expected()],
};

const PY_KINDS: Record<string, FormCase[]> = {
  structlog: [
    py.unstructured('logger.info("charged", order_id=order_id)\n'), py.print('logger.info("charged", order_id=order_id)\n'),
    py.swallowed(), py.errorLog('logger.error("charge failed", exc_info=True)'), py.outside(), py.expected(),
  ],
  stdlib: [
    py.unstructured('logger.info("charged", extra={"order_id": order_id})\n'), py.print('logger.info("charged", extra={"order_id": order_id})\n'),
    py.swallowed(), py.errorLog('logger.exception("charge failed")'), py.outside(), py.expected(),
  ],
  loguru: [
    py.unstructured('logger.info("charged", order_id=order_id)\n'), py.print('logger.info("charged", order_id=order_id)\n'),
    py.swallowed(), py.errorLog('logger.exception("charge failed")'), py.outside(), py.expected(),
  ],
  // Unknown: no fields (stdlib raises on k=v, a wrapper may refuse extra=); exception() and the levels every logger has.
  unknown: [py.unstructured(), py.print(), py.swallowed(), py.errorLog('logger.exception("charge failed")'), py.outside(), py.expected()],
};

function project(lang: 'ts' | 'py', lib: string) {
  if (lib === 'unknown') return undefined;
  const symbol: ExportedSymbol = { kind: 'logger', lib: lib as LoggerLib };
  return stubProject(lang === 'ts' ? { './logger': { logger: symbol } } : { 'app.log': { logger: symbol } });
}

/** Checks, by parsing the output, that what the fix wrote is where the library reads it. */
function assertLands(lang: 'ts' | 'py', lib: string, output: string, lands: Lands): void {
  if (lang === 'ts') {
    const sf = ts.createSourceFile('x.ts', output, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const calls: ts.CallExpression[] = [];
    const visit = (n: ts.Node): void => { if (ts.isCallExpression(n) && /^logger\.\w+$/.test(n.expression.getText(sf))) calls.push(n); ts.forEachChild(n, visit); };
    visit(sf);
    const call = calls[calls.length - 1];
    assert.ok(call, `a logger call in:\n${output}`);
    const args = call.arguments;
    const keys = (a: ts.Expression | undefined) => (a && ts.isObjectLiteralExpression(a) ? a.properties.map((p) => p.name?.getText(sf)) : []);
    if ('level' in lands) return assert.equal((call.expression as ts.PropertyAccessExpression).name.text, lands.level);
    if (lib === 'nestjs') return assert.match(args[1]?.getText(sf) ?? '', /\.stack\b/, 'NestJS: the stack is the second argument');
    const key = 'field' in lands ? lands.field : lib === 'winston' ? 'error' : 'err';
    if (lib === 'pino' || lib === 'bunyan') {
      assert.ok(keys(args[0]).includes(key), `${lib}: \`${key}\` in the leading object: ${call.getText(sf)}`);
      assert.ok(ts.isStringLiteral(args[1]), `${lib}: the message after the object`);
    } else {
      assert.ok(ts.isStringLiteral(args[0]), 'winston: the message first');
      assert.ok(keys(args[args.length - 1]).includes(key), `winston: \`${key}\` in the trailing meta object: ${call.getText(sf)}`);
    }
    return;
  }
  const tree = parsePython(output);
  const calls = tree.rootNode.descendantsOfType('call').filter((c) => c && /^logger\.\w+$/.test(c.childForFieldName('function')?.text ?? ''));
  const call = calls[calls.length - 1]!;
  const method = call.childForFieldName('function')!.childForFieldName('attribute')!.text;
  const args = callArgs(call);
  if ('level' in lands) assert.equal(method, lands.level);
  else if ('error' in lands) assert.ok(method === 'exception' || args.keywords.get('exc_info')?.value.text === 'True', `${lib}: exception() or exc_info=True: ${call.text}`);
  else if (lib === 'stdlib') assert.match(args.keywords.get('extra')?.value.text ?? '', new RegExp(`"${lands.field}":`), `stdlib: the field in extra=: ${call.text}`);
  else assert.ok(args.keywords.has(lands.field), `${lib}: the field as a keyword argument: ${call.text}`);
  tree.delete();
}

describe('fixes write the form of the imported logger', () => {
  before(() => initAnalyzer());

  for (const [lang, kinds, prefix] of [['ts', JS_KINDS, JS_IMPORT], ['py', PY_KINDS, PY_IMPORT]] as const) {
    for (const [lib, cases] of Object.entries(kinds)) {
      it(`${lang}, ${lib}: fields and errors land where ${lib} reads them`, () => {
        for (const c of cases) {
          const code = prefix + c.body;
          const found = run(code, lang, { project: project(lang, lib) }).findings.filter((f) => f.rule === c.rule);
          assert.equal(found.length, 1, `${c.rule} fires once on:\n${code}`);
          const f = found[0];
          assert.deepEqual([f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1], c.range, `${c.rule} range`);
          if (c.none) { assert.deepEqual(f.fixes.map((x) => x.title), [], `${c.rule}: no fix for ${lib}`); continue; }
          assert.ok(f.fixes[0], `${c.rule}: a fix for ${lib}`);
          const output = applyEdits(code, f.fixes[0].edits);
          assert.equal(output, prefix + c.output, `${c.rule} on ${lib}`);
          if (c.lands) assertLands(lang, lib, output, c.lands);
        }
      });
    }
  }
});

// The same cases through the ruleTester: every fix of every finding parses, compiles (CPython) and removes its finding.
for (const [lang, kinds, prefix] of [['ts', JS_KINDS, JS_IMPORT], ['py', PY_KINDS, PY_IMPORT]] as const) {
  const byRule = new Map<string, InvalidCase[]>();
  for (const [lib, cases] of Object.entries(kinds)) {
    for (const c of cases) {
      const list = byRule.get(c.rule) ?? [];
      list.push({ lang, name: `${lang}, imported ${lib} logger`, raw: true, code: prefix + c.body, project: project(lang, lib), errors: [{ range: c.range, ...(c.output ? { output: prefix + c.output } : { fixes: [] }) }] });
      byRule.set(c.rule, list);
    }
  }
  for (const [rule, invalid] of byRule) ruleTester(rule, { valid: [], invalid });
}
