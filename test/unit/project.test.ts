/**
 * The project layer (analysis/project/modules.ts, resolve.ts, manifests.ts, the export
 * classifiers): import resolution in both languages, what modules export, manifest roles, and
 * cross-module recognition through the engine. Each test writes a small project to a temp folder.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeSettings } from '../../server/src/analysis/config';
import { analyze, initAnalyzer } from '../../server/src/analysis/engine';
import { cfgScripts, tomlScripts } from '../../server/src/analysis/project/manifests';
import { ProjectModules, projectView, SnapshotModules } from '../../server/src/analysis/project/modules';
import { languageIdForFile } from '../../server/src/analysis/languages';
import { diskFs } from '../../server/src/projectFs';

/** Writes `files` (path → text) under a new temp folder; returns the folder. */
function project(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-project-')));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const dirs: string[] = [];
function temp(files: Record<string, string>): { dir: string; modules: ProjectModules; at: (f: string) => string } {
  const dir = project(files);
  dirs.push(dir);
  return { dir, modules: new ProjectModules(diskFs(), { roots: [dir] }), at: (f) => path.join(dir, f) };
}

/** The rules that fire on `file` analyzed with (or without) its project view. */
function rulesOn(modules: ProjectModules, file: string, withProject = true): string[] {
  const result = analyze({ text: fs.readFileSync(file, 'utf8'), languageId: languageIdForFile(file)!, filename: file, settings: mergeSettings(), project: withProject ? projectView(file, modules) : undefined });
  return result.findings.map((f) => `${f.range.start.line + 1} ${f.rule}`);
}

const PINO = "import pino from 'pino';\nexport const logger = pino();\n";

describe('project layer', () => {
  before(() => initAnalyzer());
  after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

  describe('JS/TS resolution', () => {
    const { modules, at } = temp({
      'src/logger.ts': PINO,
      'src/log/index.ts': PINO,
      'src/server/log.ts': PINO,
      'src/lib/util.ts': PINO,
      'src/app.ts': '',
      'src/esm.mts': '',
      'tsconfig.base.json': '{ // comments are allowed\n  "compilerOptions": { "baseUrl": ".", "paths": { "@server/*": ["src/server/*"], "@log": ["src/logger.ts"] } },\n}\n',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }\n',
      'pkg/tsconfig.json': '{ "extends": "../tsconfig.base.json", "compilerOptions": { "paths": { "@lib/*": ["src/lib/*"] } } }\n',
      'pkg/src/lib/util.ts': PINO,
      'pkg/src/app.ts': '',
      'package.json': '{ "name": "my-app", "main": "dist/index.js", "exports": { ".": "./dist/index.js", "./log": { "import": "./dist/logger.js" } } }\n',
      'src/index.ts': PINO,
      'plain/tool/jsconfig.json': '{ "compilerOptions": { "baseUrl": "src" } }\n',
      'plain/tool/src/helpers/log.js': PINO,
      'plain/tool/src/main.js': '',
    });
    const from = at('src/app.ts');
    const cases: [string, string, string | undefined][] = [
      ['relative, extension added', './logger', 'src/logger.ts'],
      ['an index file', './log', 'src/log/index.ts'],
      ['.js written for a .ts source', './logger.js', 'src/logger.ts'],
      ['a parent folder', '../src/lib/util', 'src/lib/util.ts'],
      ['tsconfig paths with a wildcard (inherited through extends)', '@server/log', 'src/server/log.ts'],
      ['tsconfig paths, exact', '@log', 'src/logger.ts'],
      ['baseUrl', 'src/lib/util', 'src/lib/util.ts'],
      ['package self-reference (exports ".", sources before dist/)', 'my-app', 'src/index.ts'],
      ['package self-reference, subpath export with conditions', 'my-app/log', 'src/logger.ts'],
      ['an installed package is not the project', 'pino', undefined],
      ['a node builtin', 'node:fs', undefined],
      ['a missing file', './nope', undefined],
    ];
    for (const [name, specifier, expected] of cases) {
      it(`${name}: ${specifier}`, () => assert.equal(modules.resolve(from, specifier), expected && at(expected)));
    }
    it('paths of a config that extends another replace the inherited ones, and resolve from the inherited baseUrl', () => {
      assert.equal(modules.resolve(at('pkg/src/app.ts'), '@lib/util'), at('src/lib/util.ts'));
      assert.equal(modules.resolve(at('pkg/src/app.ts'), '@server/log'), undefined);
    });
    it('.mts imports (ESM) resolve the same way', () => assert.equal(modules.resolve(at('src/esm.mts'), './logger.js'), at('src/logger.ts')));
    it('jsconfig.json baseUrl', () => assert.equal(modules.resolve(at('plain/tool/src/main.js'), 'helpers/log'), at('plain/tool/src/helpers/log.js')));
  });

  describe('Python resolution', () => {
    const { modules, at } = temp({
      'app/__init__.py': '',
      'app/log.py': 'import structlog\nlog = structlog.get_logger()\n',
      'app/orders.py': '',
      'app/util/__init__.py': '',
      'app/util/log.py': '',
      'app/api/__init__.py': '',
      'app/api/v1.py': '',
      'shop/pyproject.toml': '[project]\nname = "shop"\n',
      'shop/src/shop/__init__.py': '',
      'shop/src/shop/log.py': '',
      'shop/src/shop/orders.py': '',
      'shop/tests/test_orders.py': '',
      'scripts/job.py': '',
      'scripts/helpers.py': '',
    });
    const cases: [string, string, string, string | undefined][] = [
      ['package-relative', 'app/orders.py', '.log', 'app/log.py'],
      ['two levels up', 'app/api/v1.py', '..util.log', 'app/util/log.py'],
      ['a package (its __init__.py)', 'app/api/v1.py', '..util', 'app/util/__init__.py'],
      ['absolute, from the folder holding the top-level package', 'app/api/v1.py', 'app.log', 'app/log.py'],
      ['src layout, inside the package', 'shop/src/shop/orders.py', 'shop.log', 'shop/src/shop/log.py'],
      ['src layout, from the tests beside src/', 'shop/tests/test_orders.py', 'shop.log', 'shop/src/shop/log.py'],
      ['a sibling module of a script', 'scripts/job.py', 'helpers', 'scripts/helpers.py'],
      ['the standard library is not the project', 'app/orders.py', 'logging', undefined],
      ['an installed package is not the project', 'app/orders.py', 'structlog', undefined],
    ];
    for (const [name, file, module, expected] of cases) {
      it(`${name}: ${module}`, () => assert.equal(modules.resolve(at(file), module), expected && at(expected)));
    }
  });

  describe('what a module exports', () => {
    const { modules, at } = temp({
      'cjs.js': "const winston = require('winston');\nconst logger = winston.createLogger({});\nmodule.exports = logger;\n",
      'cjsobj.js': "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'a' });\nexports.log = log;\nmodule.exports.other = 1;\n",
      'esm.ts': "import pino from 'pino';\nexport default pino();\nexport const child = pino().child({ a: 1 });\n",
      'base.ts': "import pino from 'pino';\nexport const base = pino();\n",
      'barrel.ts': "export { base as logger } from './base';\nexport * from './base';\n",
      'imported.ts': "import { base } from './base';\nexport { base };\nexport const audit = base.child({ audit: true });\n",
      'classes.ts': "import pino from 'pino';\nconst p = pino();\nexport class Logger {\n  static info(m: string) { p.info(m); }\n  static error(m: string) { p.error(m); }\n}\nexport class Wrapper {\n  info(m: string) { console.log(m); }\n  warn(m: string) { console.warn(m); }\n}\nexport function makeLogger(name: string) { return p.child({ name }); }\nexport const notALogger = 42;\n",
      'py/__init__.py': 'from .base import logger\nfrom .base import *\n',
      'py/base.py': 'import logging\nlogger = logging.getLogger(__name__)\nclass AppLogger(logging.LoggerAdapter):\n    pass\nclass Facade:\n    @staticmethod\n    def info(msg):\n        logger.info(msg)\n    @staticmethod\n    def error(msg):\n        logger.error(msg)\ndef get_logger(name):\n    return logging.getLogger(name)\n',
      'py/loguru_log.py': 'from loguru import logger as log\n',
      'py/loguru_plain.py': 'from loguru import logger\n',
      'consumer.ts': '',
    });
    const sym = (file: string, spec: string, name: string) => projectView(at(file), modules).importedSymbol(spec, name);
    it('module.exports = logger (winston)', () => assert.deepEqual(sym('consumer.ts', './cjs', 'default'), { kind: 'logger', lib: 'winston' }));
    it('exports.log = … (bunyan), and a name that is no logger', () => {
      assert.deepEqual(sym('consumer.ts', './cjsobj', 'log'), { kind: 'logger', lib: 'bunyan' });
      assert.equal(sym('consumer.ts', './cjsobj', 'other'), undefined);
    });
    it('export default pino(), a .child() of one', () => {
      assert.deepEqual(sym('consumer.ts', './esm', 'default'), { kind: 'logger', lib: 'pino' });
      assert.deepEqual(sym('consumer.ts', './esm', 'child'), { kind: 'logger', lib: 'pino' });
    });
    it('re-exports followed: export { x as y } from, export *', () => {
      assert.deepEqual(sym('consumer.ts', './barrel', 'logger'), { kind: 'logger', lib: 'pino' });
      assert.deepEqual(sym('consumer.ts', './barrel', 'base'), { kind: 'logger', lib: 'pino' });
      assert.equal(sym('consumer.ts', './barrel', 'default'), undefined, 'export * does not re-export a default');
    });
    it('an imported logger exported again, and one derived from it', () => {
      assert.deepEqual(sym('consumer.ts', './imported', 'base'), { kind: 'logger', lib: 'pino' });
      assert.deepEqual(sym('consumer.ts', './imported', 'audit'), { kind: 'logger', lib: 'pino' });
    });
    it('a class with static level methods, a wrapper class, a factory', () => {
      assert.deepEqual(sym('consumer.ts', './classes', 'Logger'), { kind: 'logger-class', lib: 'pino', staticMethods: true });
      assert.deepEqual(sym('consumer.ts', './classes', 'Wrapper'), { kind: 'logger-class', lib: 'console', staticMethods: false });
      assert.deepEqual(sym('consumer.ts', './classes', 'makeLogger'), { kind: 'logger-factory', lib: 'pino' });
      assert.equal(sym('consumer.ts', './classes', 'notALogger'), undefined);
    });
    it('Python: a package re-exporting its logger, a LoggerAdapter, a static facade, a factory, loguru', () => {
      assert.deepEqual(sym('consumer.ts', './py', 'logger'), undefined, 'a Python package is not a JS import');
      const py = (module: string, name: string) => projectView(at('py/x.py'), modules).importedSymbol(module, name);
      assert.deepEqual(py('.', 'logger'), { kind: 'logger', lib: 'stdlib' });
      assert.deepEqual(py('.', 'get_logger'), { kind: 'logger-factory', lib: 'stdlib' }, 'through from .base import *');
      assert.deepEqual(py('.base', 'AppLogger'), { kind: 'logger-class', lib: 'stdlib', staticMethods: false });
      assert.deepEqual(py('.base', 'Facade'), { kind: 'logger-class', lib: 'stdlib', staticMethods: true });
      assert.deepEqual(py('.loguru_log', 'log'), { kind: 'logger', lib: 'loguru' });
      assert.deepEqual(py('.loguru_plain', 'logger'), { kind: 'logger', lib: 'loguru' });
    });
    it('a module whose text cannot export a logger is not parsed', () => {
      const m = temp({ 'plain.ts': 'export const answer = 42;\nexport function add(a: number, b: number) { return a + b; }\n' });
      assert.deepEqual(m.modules.exportsOf(m.at('plain.ts')), { names: {}, stars: [] });
    });
  });

  describe('cross-module recognition through the engine', () => {
    const { modules, at } = temp({
      'src/logger.ts': "import pino from 'pino';\nexport const sink = pino();\nexport function makeLogger(name: string) { return sink.child({ name }); }\nexport class Logger {\n  static info(m: string) { sink.info(m); }\n  static warn(m: string) { sink.warn(m); }\n}\n",
      'src/app.ts': "import { sink, makeLogger, Logger } from './logger';\nconst audit = makeLogger('audit');\nexport function f(id: string) {\n  sink.info(`user ${id}`);\n  audit.info(`user ${id}`);\n  Logger.info(`user ${id}`);\n}\n",
      'src/cjs.js': "const { sink } = require('./logger');\nexports.g = (id) => sink.info(`user ${id}`);\n",
      'app/__init__.py': '',
      'app/log.py': 'import structlog\nlog = structlog.get_logger()\ndef get_logger(name):\n    return structlog.get_logger(name)\n',
      'app/orders.py': 'from app.log import log as applog\nfrom .log import get_logger\naudit = get_logger("audit")\ndef f(uid):\n    applog.info(f"user {uid}")\n    audit.info(f"user {uid}")\n',
    });
    it('JS: an imported logger under any name, a factory result, a static-method class', () => {
      assert.deepEqual(rulesOn(modules, at('src/app.ts')), ['4 unstructured-log-message', '5 unstructured-log-message', '6 unstructured-log-message']);
    });
    it('JS: a destructured require', () => assert.deepEqual(rulesOn(modules, at('src/cjs.js')), ['2 unstructured-log-message']));
    it('Python: an absolute import under an alias, a relative factory import', () => {
      assert.deepEqual(rulesOn(modules, at('app/orders.py')), ['5 unstructured-log-message', '6 unstructured-log-message']);
    });
    // A file alone has no cross-module knowledge: `sink` says nothing, so it is no logger; names that say
    // "logger" (`makeLogger()`'s result, `Logger` from ./logger, `log as applog` from app.log, a
    // `get_logger()` result) are loggers of unknown kind (loggers branch, docs/loggers.md), for which
    // no form-specific fix is offered.
    it('a file alone: only names that say logger are loggers, of unknown kind, and get no fix', () => {
      const alone = (file: string) => analyze({ text: fs.readFileSync(file, 'utf8'), languageId: languageIdForFile(file)!, filename: file, settings: mergeSettings() }).findings;
      assert.deepEqual(rulesOn(modules, at('src/app.ts'), false), ['5 unstructured-log-message', '6 unstructured-log-message']);
      assert.deepEqual(rulesOn(modules, at('app/orders.py'), false), ['5 unstructured-log-message', '6 unstructured-log-message']);
      assert.deepEqual([...alone(at('src/app.ts')), ...alone(at('app/orders.py'))].flatMap((f) => f.fixes), []);
      assert.ok(analyze({ text: fs.readFileSync(at('src/app.ts'), 'utf8'), languageId: 'typescript', filename: at('src/app.ts'), settings: mergeSettings(), project: projectView(at('src/app.ts'), modules) }).findings.every((f) => f.fixes.length), 'with the project view, the pino form is known');
    });
    it('a wrapper over console imported from the project is a logger, not console (no-print-logging stays silent)', () => {
      const m = temp({
        'log.ts': 'export class Log {\n  static info(m: string) { console.log(m); }\n  static error(m: string) { console.error(m); }\n}\n',
        'app.ts': "import { Log } from './log';\nLog.info('started');\n",
      });
      assert.deepEqual(rulesOn(m.modules, m.at('app.ts')), []);
    });
    it('what a module exports is read again when it changes, and so is a module derived from it', () => {
      const m = temp({ 'base.ts': "import pino from 'pino';\nexport const base = pino();\n", 'derived.ts': "import { base } from './base';\nexport const audit = base.child({});\n", 'app.ts': '' });
      const view = () => projectView(m.at('app.ts'), m.modules);
      assert.deepEqual(view().importedSymbol('./derived', 'audit'), { kind: 'logger', lib: 'pino' });
      fs.writeFileSync(m.at('base.ts'), 'export const base = { nothing: true, here: 1 };\n');
      assert.equal(view().importedSymbol('./derived', 'audit'), undefined);
    });
  });

  describe('the CLI snapshot', () => {
    it('answers what the first pass read, as the live project does', () => {
      const m = temp({
        'src/logger.ts': "import pino from 'pino';\nexport const sink = pino();\n",
        'src/index.ts': "export * from './logger';\n",
        'src/app.ts': "import { sink } from './index';\nimport pino from 'pino';\n",
      });
      m.modules.prepare([m.at('src/app.ts')]);
      const snapshot = new SnapshotModules(structuredClone(m.modules.snapshot()));
      for (const source of [m.modules, snapshot]) {
        const view = projectView(m.at('src/app.ts'), source);
        assert.deepEqual(view.importedSymbol('./index', 'sink'), { kind: 'logger', lib: 'pino' });
        assert.equal(view.importedSymbol('pino', 'default'), undefined);
      }
      assert.equal(projectView(m.at('lib/other.ts'), snapshot).importedSymbol('../src/logger', 'sink'), undefined, 'what the pass did not read is unknown');
    });
  });

  describe('manifest roles', () => {
    const roleOf = (m: ReturnType<typeof temp>, file: string) => m.modules.roleOf(m.at(file));
    it('package.json bin: the entry (its source before dist/), a thin entry\'s imports, commands/ at the top of the sources', () => {
      const m = temp({
        'package.json': '{ "name": "tool", "bin": { "tool": "dist/main.js", "shim": "./bin/shim.js" } }\n',
        'src/main.ts': "import { run } from './run';\nrun();\n",
        'src/run.ts': 'export function run() {}\n',
        'src/commands/deploy.ts': '',
        'bin/shim.js': "#!/usr/bin/env node\nrequire('../lib/entry').main();\n",
        'lib/entry.js': '',
        'test/fixtures/cli/case.ts': '',
        'src/server.ts': '',
      });
      assert.deepEqual(roleOf(m, 'src/main.ts'), { role: 'cli', reason: 'named by package.json "bin" as the command `tool`' });
      assert.match(roleOf(m, 'src/run.ts')?.reason ?? '', /imported by src\/main\.ts/);
      assert.match(roleOf(m, 'lib/entry.js')?.reason ?? '', /imported by bin\/shim\.js/);
      assert.match(roleOf(m, 'src/commands/deploy.ts')?.reason ?? '', /commands\/ folder of a CLI package/);
      assert.equal(roleOf(m, 'test/fixtures/cli/case.ts'), undefined, 'a cli/ folder deep in the tests is not the package\'s commands');
      assert.equal(roleOf(m, 'src/server.ts'), undefined);
    });
    it('an entry point that starts a server is not a CLI', () => {
      const m = temp({ 'package.json': '{ "bin": "dist/server.js" }\n', 'src/server.ts': "import express from 'express';\nexpress().listen(3000);\n" });
      assert.equal(roleOf(m, 'src/server.ts'), undefined);
    });
    it('pyproject.toml [project.scripts] and the cli/ package of such a project', () => {
      const m = temp({
        'pyproject.toml': '[project]\nname = "mytool"\n\n[project.scripts]\nmytool = "mytool.main:run"\n\n[tool.other]\nx = "y.z:w"\n',
        'src/mytool/__init__.py': '', 'src/mytool/main.py': 'import sys\n', 'src/mytool/cli/__init__.py': '', 'src/mytool/cli/sync.py': '', 'src/mytool/core.py': '',
      });
      assert.deepEqual(roleOf(m, 'src/mytool/main.py'), { role: 'cli', reason: 'named by pyproject.toml [project.scripts] as the command `mytool`' });
      assert.match(roleOf(m, 'src/mytool/cli/sync.py')?.reason ?? '', /cli\/ folder/);
      assert.equal(roleOf(m, 'src/mytool/core.py'), undefined);
    });
    it('setup.cfg console_scripts', () => {
      const m = temp({ 'setup.cfg': '[metadata]\nname = t\n\n[options.entry_points]\nconsole_scripts =\n    t-run = tpkg.runner:main\n', 'tpkg/__init__.py': '', 'tpkg/runner.py': '' });
      assert.equal(roleOf(m, 'tpkg/runner.py')?.role, 'cli');
    });
    it('reads the script tables', () => {
      assert.deepEqual(tomlScripts('[tool.poetry.scripts]\nserve = "app.main:serve"\nrun = { reference = "app.run:go", type = "console" }\n'), [['serve', 'app.main'], ['run', 'app.run']]);
      assert.deepEqual(cfgScripts('[options.entry_points]\nconsole_scripts = a = x.y:z\ngui_scripts =\n    b = q:r\n'), [['a', 'x.y']]);
    });
    it('decides the role in the engine, through ProjectView.role', () => {
      const m = temp({ 'package.json': '{ "bin": { "t": "src/t.ts" } }\n', 'src/t.ts': 'console.log("done");\n' });
      assert.deepEqual(rulesOn(m.modules, m.at('src/t.ts'), false), ['1 no-print-logging']);
      assert.deepEqual(rulesOn(m.modules, m.at('src/t.ts')), []);
    });
  });
});
