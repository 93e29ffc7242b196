import { fixVariants, ruleTester, type InvalidCase } from '../../helpers/ruleTester';

const SL = 'import structlog\nlog = structlog.get_logger()\n';
const PY = 'import logging\nlogger = logging.getLogger(__name__)\n';
const PINO = "import pino from 'pino';\nconst logger = pino();\n";
const WINSTON = "import winston from 'winston';\nconst logger = winston.createLogger({});\n";

ruleTester('log-event-name', {
  valid: [
    { lang: 'py', name: 'structlog snake_case event', code: SL + 'log.info("user_logged_in", user_id=uid)\n' },
    { lang: 'py', name: 'structlog one-word event', code: SL + 'log.info("startup")\n' },
    { lang: 'py', name: 'stdlib human message', code: PY + 'logger.info("User logged in")\n' },
    { lang: 'py', name: 'stdlib module function', code: 'import logging\nlogging.warning("Disk almost full")\n' },
    { lang: 'py', name: 'loguru keeps human messages', code: 'from loguru import logger\nlogger.info("User logged in")\n' },
    { lang: 'py', name: 'placeholders are unstructured-log-message\'s', code: SL + 'log.info("user %s logged in", uid)\n' },
    { lang: 'py', name: 'brace placeholder', code: SL + 'log.info("user {uid} logged in")\n' },
    { lang: 'py', name: 'f-string is not static', code: SL + 'log.info(f"user {uid} logged in")\n' },
    { lang: 'py', name: 'a variable message', code: SL + 'def f(msg):\n    log.info(msg)\n' },
    { lang: 'py', name: 'style keep never fires', code: SL + 'log.info("User logged in!")\n', settings: { eventNameStyle: 'keep' } },
    { lang: 'py', name: 'dotted style accepts dotted names', code: SL + 'log.info("user.logged_in")\n', settings: { eventNameStyle: 'dotted' } },
    { lang: 'py', name: 'dotted style accepts a single snake_case segment', code: SL + 'log.info("user_logged_in")\n', settings: { eventNameStyle: 'dotted' } },
    { lang: 'py', name: 'not a logger', code: 'report.info("User logged in")\n' },
    { lang: 'py', name: 'empty message', code: SL + 'log.info("")\n' },
    { lang: 'ts', name: 'pino snake_case', code: PINO + 'logger.info({ userId }, "user_logged_in");\n' },
    { lang: 'ts', name: 'winston without fields', code: WINSTON + 'logger.info("User logged in");\n' },
    { lang: 'ts', name: 'console', code: 'console.log("User logged in");\n' },
    { lang: 'ts', name: 'pino printf', code: PINO + 'logger.info("user %s logged in", id);\n' },
    { lang: 'ts', name: 'template with substitutions', code: PINO + 'logger.info(`user ${id} logged in`);\n' },
    { lang: 'ts', name: 'unknown logger kind', code: 'logger.info({ a: 1 }, "User logged in");\n' },
    { lang: 'ts', name: 'log4js', code: "import log4js from 'log4js';\nconst lg = log4js.getLogger();\nlg.info('User logged in');\n" },
    { lang: 'ts', name: 'style keep', code: PINO + 'logger.info("User logged in");\n', settings: { eventNameStyle: 'keep' } },
    { lang: 'ts', name: 'winston log({level, message}) without fields', code: WINSTON + "logger.log({ level: 'info', message: 'User logged in' });\n" },
    { lang: 'js', name: 'a test file (fastify test/logger)', filename: 'test/logger/options.test.js', code: "const pino = require('pino');\nconst logger = pino();\nlogger.info('Hello');\n" },
    { lang: 'js', name: 'a benchmark', filename: 'benchmarks/basic.bench.js', code: "const pino = require('pino');\nconst logger = pino();\nlogger.info('hello world');\n" },
    { lang: 'py', name: 'a pytest module', filename: 'tests/test_events.py', code: SL + 'log.info("User logged in")\n' },
    { lang: 'ts', name: 'a tsd type test (pino-http index.test-d.ts)', filename: 'index.test-d.ts', code: PINO + 'logger.info("Logging works on response");\n' },
  ],
  invalid: [
    { lang: 'py', name: 'a syntax error nearby', code: SL + 'def broken(:\n    pass\nlog.info("Job done")\n', errors: [{ range: [5, 10, 5, 20] }] },
    { lang: 'ts', name: 'a syntax error nearby', code: PINO + 'const x = {;\nlogger.info("Job done");\n', errors: [{ range: [4, 13, 4, 23] }] },
    { lang: 'py', name: 'structlog sentence', code: SL + 'log.info("User logged in", user_id=uid)\n', errors: [{ range: [3, 10, 3, 26], severity: 'hint', message: '`user_logged_in`' }] },
    { lang: 'py', name: 'trailing punctuation', code: SL + 'log.warning("cache_miss.")\n', errors: [{ range: [3, 13, 3, 26], message: '`cache_miss`' }] },
    { lang: 'py', name: 'longer than 64 characters', code: SL + `log.info("${'a_'.repeat(33)}b")\n`, errors: [{ range: [3, 10, 3, 79] }] },
    { lang: 'py', name: 'structlog bound logger alias', code: SL + 'req_log = log.bind(rid=rid)\nreq_log.error("Payment failed")\n', errors: [{ range: [4, 15, 4, 31], message: '`payment_failed`' }] },
    { lang: 'py', name: 'event= keyword', code: SL + 'log.info(event="Job done", job=j)\n', errors: [{ range: [3, 16, 3, 26] }] },
    { lang: 'py', name: 'camelCase', code: SL + 'log.info("userLoggedIn")\n', errors: [{ range: [3, 10, 3, 24], message: '`user_logged_in`' }] },
    { lang: 'py', name: 'dotted style', code: SL + 'log.info("User logged in")\n', settings: { eventNameStyle: 'dotted' }, errors: [{ range: [3, 10, 3, 26], message: '`user.logged.in`' }] },
    { lang: 'py', name: 'snake_case style rejects dots', code: SL + 'log.info("user.logged_in")\n', errors: [{ range: [3, 10, 3, 26], message: '`user_logged_in`' }] },
    { lang: 'py', name: 'self.log with structlog import', code: 'import structlog\nclass A:\n    def f(self):\n        self.log.info("Started worker")\n', errors: [{ range: [4, 23, 4, 39] }] },
    { lang: 'py', name: 'punctuation only has no suggestion', code: SL + 'log.info("!!!")\n', errors: [{ range: [3, 10, 3, 15], message: 'short static event name' }] },
    { lang: 'ts', name: 'pino sentence with fields', code: PINO + 'logger.info({ userId }, "User logged in");\n', errors: [{ range: [3, 25, 3, 41], message: '`user_logged_in`' }] },
    { lang: 'ts', name: 'pino without fields', code: PINO + "logger.info('Server started');\n", errors: [{ range: [3, 13, 3, 29] }] },
    { lang: 'ts', name: 'winston with fields', code: WINSTON + 'logger.info("User logged in", { userId });\n', errors: [{ range: [3, 13, 3, 29] }] },
    { lang: 'ts', name: 'winston log(level, msg, fields)', code: WINSTON + "logger.log('info', 'User logged in', { userId });\n", errors: [{ range: [3, 20, 3, 36] }] },
    { lang: 'ts', name: 'pino child logger', code: PINO + 'const child = logger.child({ a: 1 });\nchild.warn("Cache miss!");\n', errors: [{ range: [4, 12, 4, 25], message: '`cache_miss`' }] },
    { lang: 'ts', name: 'template literal without substitutions', code: PINO + 'logger.info(`Job done`);\n', errors: [{ range: [3, 13, 3, 23] }] },
    { lang: 'ts', name: 'bunyan', code: "import bunyan from 'bunyan';\nconst lg = bunyan.createLogger({ name: 'a' });\nlg.info('Job done');\n", errors: [{ range: [3, 9, 3, 19] }] },
    { lang: 'js', name: 'require(pino) with dotted style', code: "const pino = require('pino');\nconst log = pino();\nlog.info('Job done');\n", settings: { eventNameStyle: 'dotted' }, errors: [{ range: [3, 10, 3, 20], message: '`job.done`' }] },
    ...[
      {
        lang: 'py',
        name: 'fix: structlog sentence → snake_case, quote kept',
        code: `
          import structlog

          log = structlog.get_logger()


          def pay(order):
              if order:
                  log.info('Payment Failed!', order_id=order.id)
        `,
        errors: [{
          range: [8, 18, 8, 35],
          fixes: ['Rename event to `payment_failed`'],
          output: `
            import structlog

            log = structlog.get_logger()


            def pay(order):
                if order:
                    log.info('payment_failed', order_id=order.id)
          `,
        }],
      },
      {
        lang: 'ts',
        name: 'fix: pino sentence → snake_case',
        code: `
          import pino from 'pino';
          const logger = pino();
          export function pay(order: Order) {
              if (order) {
                  logger.info({ id: order.id }, "Payment received.");
              }
          }
        `,
        errors: [{
          range: [5, 39, 5, 58],
          output: `
            import pino from 'pino';
            const logger = pino();
            export function pay(order: Order) {
                if (order) {
                    logger.info({ id: order.id }, "payment_received");
                }
            }
          `,
        }],
      },
    ].flatMap((c) => [c as InvalidCase, ...fixVariants(c as InvalidCase)]),
    { lang: 'py', name: 'fix: prefixed literal, dotted style', code: SL + 'log.info(u"Job Done", n=1)\n', settings: { eventNameStyle: 'dotted' }, errors: [{ range: [3, 10, 3, 21], output: SL + 'log.info("job.done", n=1)\n' }] },
    { lang: 'ts', name: 'fix: template literal keeps backticks', code: PINO + 'logger.info(`Job done`);\n', errors: [{ range: [3, 13, 3, 23], output: PINO + 'logger.info(`job_done`);\n' }] },
  ],
});
