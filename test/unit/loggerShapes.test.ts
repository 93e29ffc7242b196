/**
 * Logger shapes seen in real services (issue 14 §3) and the `(category, message)` call shape:
 * each must be recognised with its kind, and look-alikes must not be (precision first). The
 * facts are read directly (kind, level), and through a rule that reads the message
 * (`unstructured-log-message` fires on a message built at call time).
 */
import * as assert from 'node:assert/strict';
import ts = require('typescript');
import { JsFacts } from '../../server/src/analysis/js/facts';
import { logParts } from '../../server/src/analysis/js/logCalls';
import { preorder } from '../../server/src/analysis/js/nodes';
import { FACT_NODE_TYPES, PyFacts } from '../../server/src/analysis/python/facts';
import { parsePython } from '../../server/src/analysis/python/parser';
import type { ProjectView } from '../../server/src/analysis/project/view';
import { dedent, initAnalyzer, run, stubProject, type TestLang } from '../helpers/analyze';

/** Every recognised logger call: `callee kind level`. */
function jsCalls(code: string, project?: ProjectView): string[] {
  const sf = ts.createSourceFile('x.ts', dedent(code), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const facts = new JsFacts(sf, 'auto', project);
  const out: string[] = [];
  preorder(sf, (n) => {
    const lc = ts.isCallExpression(n) ? facts.loggerCall(n) : undefined;
    if (lc) out.push(`${lc.call.expression.getText(sf)} ${lc.kind} ${lc.level}`);
  });
  return out;
}

function pyCalls(code: string, project?: ProjectView): string[] {
  const tree = parsePython(dedent(code));
  const facts = new PyFacts(tree.rootNode.descendantsOfType(FACT_NODE_TYPES).filter((n) => !!n) as never, 'auto', project);
  const out: string[] = [];
  for (const call of tree.rootNode.descendantsOfType('call')) {
    const lc = call && facts.loggerCall(call);
    if (lc) out.push(`${call!.childForFieldName('function')!.text} ${lc.kind} ${lc.level}`);
  }
  tree.delete();
  return out;
}

/** Lines where `unstructured-log-message` fires. */
function unstructured(code: string, lang: TestLang, project?: ProjectView): number[] {
  return run(dedent(code), lang, { project }).findings.filter((f) => f.rule === 'unstructured-log-message').map((f) => f.range.start.line + 1);
}

const PINO_PROJECT = stubProject({
  '@app/core': { Logger: { kind: 'logger-class', lib: 'pino', staticMethods: true } },
  './log': { getLogger: { kind: 'logger-factory', lib: 'winston' }, log: { kind: 'logger', lib: 'bunyan' } },
});

describe('logger shapes', () => {
  before(() => initAnalyzer());

  describe('JS/TS', () => {
    it('NestJS Logger: static methods, `log` is info, `verbose` debug; instances from `new Logger(Ctx.name)`', () => {
      assert.deepEqual(jsCalls(`
        import { Logger } from '@nestjs/common';
        class S {
          private readonly logger = new Logger(S.name);
          run() {
            Logger.log('a');
            Logger.verbose('b');
            this.logger.error('c', err.stack);
            this.logger.fatal('d');
            Logger.table('e');
          }
        }
      `), ['Logger.log nestjs info', 'Logger.verbose nestjs debug', 'this.logger.error nestjs error', 'this.logger.fatal nestjs critical']);
    });

    it('a constructor-injected logger takes the kind of its type', () => {
      assert.deepEqual(jsCalls(`
        import { PinoLogger } from 'nestjs-pino';
        import { Logger } from '@nestjs/common';
        class S {
          constructor(private readonly logger: PinoLogger, private readonly nest: Logger) {}
          run() { this.logger.info('a'); this.nest.log('b'); }
        }
      `), ['this.logger.info pino info', 'this.nest.log nestjs info']);
    });

    it('a `Logger` from an unrelated library is not a logger; from a local module it is (kind unknown)', () => {
      assert.deepEqual(jsCalls("import { Logger } from 'some-orm';\nLogger.error('x');\n"), []);
      assert.deepEqual(jsCalls("import { Logger } from '../utils/Logger';\nLogger.error('x');\n"), ['Logger.error unknown error']);
      assert.deepEqual(jsCalls("import Logger from './logger';\nconst l = new Logger('jobs');\nl.info('x');\n"), ['l.info unknown info']);
    });

    it('a project Logger class with static methods, known through the project view', () => {
      assert.deepEqual(jsCalls("import { Logger } from '@app/core';\nLogger.info('x');\n", PINO_PROJECT), ['Logger.info pino info']);
      assert.deepEqual(unstructured("import { Logger } from '@app/core';\nLogger.info(`charged ${id}`);\n", 'ts', PINO_PROJECT), [2]);
      assert.deepEqual(unstructured("import { Logger } from '@app/core';\nLogger.info(`charged ${id}`);\n", 'ts'), [], 'without the view, a Logger from a module not named for logging is not assumed');
      assert.deepEqual(jsCalls("import { Logger } from '@app/log';\nLogger.info('x');\n"), ['Logger.info unknown info'], 'a module named for logging');
    });

    it('LOG / LOGGER constants', () => {
      assert.deepEqual(jsCalls("import pino from 'pino';\nconst LOG = pino();\nconst LOGGER = makeIt();\nLOG.info('a');\nLOGGER.warn('b');\n"), ['LOG.info pino info', 'LOGGER.warn pino warning']);
    });

    it('@tryghost/logging-style default-imported logging modules', () => {
      assert.deepEqual(jsCalls("const logging = require('@tryghost/logging');\nlogging.error('a');\n"), ['logging.error unknown error']);
      assert.deepEqual(jsCalls("import logging from '@tryghost/logging';\nlogging.info('a');\n"), ['logging.info unknown info']);
      assert.deepEqual(unstructured("const logging = require('@tryghost/logging');\nlogging.error(`sync failed for ${site}`);\n", 'js'), [2]);
      // Must not: `logging` from a module that is not a logging module.
      assert.deepEqual(jsCalls("const logging = require('./config/logging-options');\nlogging.info('a');\n"), []);
      assert.deepEqual(jsCalls("import logging from 'lodash';\nlogging.info('a');\n"), []);
    });

    it('this.#logger', () => {
      assert.deepEqual(jsCalls("import pino from 'pino';\nclass S {\n  #logger = pino();\n  run() { this.#logger.info('a'); }\n}\n"), ['this.#logger.info pino info']);
      assert.deepEqual(unstructured("class S {\n  #logger = make();\n  run() { this.#logger.info(`a ${b}`); }\n}\n", 'ts'), [3]);
    });

    it('loggers from container.resolve("logger")', () => {
      assert.deepEqual(jsCalls("const audit = container.resolve('logger');\naudit.info('a');\nconst cfg = container.resolve('config');\ncfg.info('b');\n"), ['audit.info unknown info']);
      assert.deepEqual(jsCalls("import { PinoLogger } from 'nestjs-pino';\nconst l = app.get(PinoLogger);\nconst m = container.resolve(PinoLogger);\nm.info('a');\n"), ['m.info pino info']);
    });

    it('project getLogger() factories assigned to any name', () => {
      assert.deepEqual(jsCalls("import { getLogger } from './log';\nconst audit = getLogger('audit');\naudit.info('a');\n"), ['audit.info unknown info']);
      assert.deepEqual(jsCalls("import { getLogger } from './log';\nconst audit = getLogger('audit');\naudit.info('a');\n", PINO_PROJECT), ['audit.info winston info']);
      assert.deepEqual(jsCalls("import * as log from './log';\nconst audit = log.createLogger('audit');\naudit.info('a');\n"), ['audit.info unknown info']);
    });

    it('imports under a non-logger alias', () => {
      assert.deepEqual(jsCalls("import { log as applog } from './log';\napplog.info('a');\n"), ['applog.info unknown info']);
      assert.deepEqual(jsCalls("import { log as applog } from './log';\napplog.info('a');\n", PINO_PROJECT), ['applog.info bunyan info']);
      assert.deepEqual(jsCalls("const { logger: audit } = require('./logger');\naudit.warn('a');\n"), ['audit.warn unknown warning']);
    });

    it('must not: Math.log, a `log` from a math library, unrelated methods named like levels', () => {
      assert.deepEqual(jsCalls("import { log } from 'mathjs';\nlog.error('x');\nconst y = Math.log(2);\nconst { log: ln } = Math;\nln(3);\nresults.error('x');\n"), []);
      assert.deepEqual(unstructured("const x = Math.log(`${a}`);\n", 'ts'), []);
    });

    it('loggers imported from another module have an unknown kind, not the file\'s guess', () => {
      // The file imports pino, but `logger` comes from ./logger: its form is not known.
      assert.deepEqual(jsCalls("import pino from 'pino';\nimport { logger } from './logger';\nlogger.info('a');\n"), ['logger.info unknown info']);
      assert.deepEqual(jsCalls("import { logger } from './logger';\nlogger.info('a');\n", stubProject({ './logger': { logger: { kind: 'logger', lib: 'pino' } } })), ['logger.info pino info']);
      assert.deepEqual(jsCalls("const logger = require('./logger');\nlogger.info('a');\n", stubProject({ './logger': { default: { kind: 'logger', lib: 'winston' } } })), ['logger.info winston info']);
    });

    it('an unknown logger\'s log(): console-like unless a level comes first', () => {
      assert.deepEqual(jsCalls("this.logger.log('user created');\nthis.logger.log('error', 'failed');\n"), ['this.logger.log unknown info', 'this.logger.log unknown log']);
    });
  });

  describe('Python', () => {
    it('Celery get_task_logger is a stdlib logger', () => {
      assert.deepEqual(pyCalls('from celery.utils.log import get_task_logger\ntask_log = get_task_logger(__name__)\ntask_log.info("a")\n'), ['task_log.info stdlib info']);
    });

    it('project get_logger() factories assigned to any name', () => {
      assert.deepEqual(pyCalls('from app.log import get_logger\naudit = get_logger("audit")\naudit.info("a")\n'), ['audit.info unknown info']);
      assert.deepEqual(pyCalls('from app.log import get_logger\naudit = get_logger("audit")\naudit.info("a")\n', stubProject({ 'app.log': { get_logger: { kind: 'logger-factory', lib: 'structlog' } } })), ['audit.info structlog info']);
      assert.deepEqual(pyCalls('import logging\n\ndef get_logger(name):\n    return logging.getLogger(name)\n\naudit = get_logger("audit")\naudit.info("a")\n'), ['audit.info stdlib info']);
    });

    it('imports under a non-logger alias', () => {
      assert.deepEqual(pyCalls('from app.log import log as applog\napplog.info("a")\n'), ['applog.info unknown info']);
      assert.deepEqual(pyCalls('from app.log import log as applog\napplog.info("a")\n', stubProject({ 'app.log': { log: { kind: 'logger', lib: 'structlog' } } })), ['applog.info structlog info']);
      assert.deepEqual(pyCalls('from .log import logger\nlogger.info("a")\n'), ['logger.info unknown info']);
      assert.deepEqual(pyCalls('import app.log as applog\napplog.logger.info("a")\n'), ['applog.logger.info unknown info']);
      assert.deepEqual(unstructured('from app.log import log as applog\napplog.info(f"user {uid}")\n', 'py'), [2]);
    });

    it('class attributes used through self / cls', () => {
      assert.deepEqual(pyCalls('import logging\n\nclass Audit:\n    audit_log = logging.getLogger("audit")\n\n    def run(self):\n        self.audit_log.info("a")\n\n    @classmethod\n    def c(cls):\n        cls.audit_log.warning("b")\n'), ['self.audit_log.info stdlib info', 'cls.audit_log.warning stdlib warning']);
      assert.deepEqual(unstructured('import logging\n\nclass Audit:\n    audit_log = logging.getLogger("audit")\n\n    def run(self, x):\n        self.audit_log.info(f"ran {x}")\n', 'py'), [7]);
    });

    it('LOG / LOGGER constants', () => {
      assert.deepEqual(pyCalls('import logging\nLOGGER = logging.getLogger(__name__)\nLOG = make()\nLOGGER.info("a")\nLOG.error("b")\n'), ['LOGGER.info stdlib info', 'LOG.error stdlib error']);
    });

    it('a capitalised Logger singleton: from a local or logging module, or known through the project view', () => {
      assert.deepEqual(pyCalls('from .log import Logger\nLogger.info("a")\n'), ['Logger.info unknown info']);
      assert.deepEqual(pyCalls('from app.utils import Logger\nLogger.info("a")\n'), []);
      assert.deepEqual(pyCalls('from app.utils import Logger\nLogger.info("a")\n', stubProject({ 'app.utils': { Logger: { kind: 'logger-class', lib: 'stdlib', staticMethods: true } } })), ['Logger.info stdlib info']);
    });

    it('must not: math.log and a `log` imported from a non-logging module', () => {
      assert.deepEqual(pyCalls('from math import log\nimport math\nlog.error("x")\nmath.log(2)\nfrom numpy import log as ln\nln.info("y")\n'), []);
      assert.deepEqual(unstructured('from math import log\ny = log(f"{x}")\n', 'py'), []);
    });

    it('a logger imported from the project has an unknown kind, not the stdlib guess', () => {
      assert.deepEqual(pyCalls('import logging\nfrom app.utils import logger\nlogger.info("a")\n'), ['logger.info unknown info']);
      assert.deepEqual(pyCalls('from app.utils import logger\nlogger.info("a")\n', stubProject({ 'app.utils': { logger: { kind: 'logger', lib: 'stdlib' } } })), ['logger.info stdlib info']);
    });
  });

  describe('(category, message) calls', () => {
    const parts = (code: string): { category?: string; message?: string } => {
      const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const facts = new JsFacts(sf);
      let out: { category?: string; message?: string } = {};
      preorder(sf, (n) => {
        const lc = ts.isCallExpression(n) ? facts.loggerCall(n) : undefined;
        if (lc) { const p = logParts(lc); out = { category: p.category?.getText(sf), message: p.message?.getText(sf) }; }
      });
      return out;
    };

    it('npmlog: always (prefix, message)', () => {
      assert.deepEqual(parts("const log = require('npmlog');\nlog.info('fetch', 'GET %s', url);\n"), { category: "'fetch'", message: "'GET %s'" });
      assert.deepEqual(parts("const log = require('npmlog');\nlog.log('warn', 'fetch', 'slow');\n"), { category: "'fetch'", message: "'slow'" });
    });

    it('an unknown logger: a short identifier-like first string, then a message', () => {
      assert.deepEqual(parts("logger.info('db', 'connected to %s', host);\n"), { category: "'db'", message: "'connected to %s'" });
      assert.deepEqual(parts('logger.info("http.server", `listening on ${port}`);\n'), { category: '"http.server"', message: '`listening on ${port}`' });
    });

    it('must not: a first argument with spaces is the message; known libraries keep their own reading', () => {
      assert.deepEqual(parts("logger.info('user created', 'extra');\n"), { category: undefined, message: "'user created'" });
      assert.deepEqual(parts("import pino from 'pino';\nconst logger = pino();\nlogger.info('db', 'connected');\n"), { category: undefined, message: "'db'" });
      assert.deepEqual(parts("import { Logger } from '@nestjs/common';\nLogger.log('connected', 'Db');\n"), { category: undefined, message: "'connected'" });
      assert.deepEqual(parts("logger.info('db', count);\n"), { category: undefined, message: "'db'" });
    });

    it('every rule that reads the message finds it in the second argument', () => {
      const rules = (code: string) => run(code, 'ts').findings.map((f) => `${f.rule}@${f.range.start.character + 1}`);
      assert.deepEqual(rules("logger.info('db', `connected to ${host}`);\n"), ['unstructured-log-message@19']);
      assert.deepEqual(rules("logger.error('auth', 'user not found');\n"), ['expected-condition-at-error@22']);
      assert.deepEqual(rules("logger.info('auth', `token ${token}`);\n"), ['unstructured-log-message@21', 'sensitive-data-in-log@30']);
      const events = run("logger.info('db', `connected to ${host}`);\n", 'ts', { collectLogEvents: true }).logEvents;
      assert.deepEqual(events, [{ line: 0, character: 18, text: 'connected to {}', template: true }]);
    });

    it('the fix keeps the category in front', () => {
      const found = run("import log4js from 'log4js';\nconst logger = log4js.getLogger();\nlogger.info('db', `connected to ${host}`);\n", 'ts').findings.find((f) => f.rule === 'unstructured-log-message');
      assert.ok(found?.fixes[0]);
      assert.equal(found.fixes[0].edits[0].newText, "'db', 'connected_to', { host }");
    });
  });
});
