import { fixVariants, ruleTester, type InvalidCase } from '../../helpers/ruleTester';

const PY = 'import logging\nlogger = logging.getLogger(__name__)\n';
const SL = 'import structlog\nlog = structlog.get_logger()\n';
const PINO = "import pino from 'pino';\nconst logger = pino();\n";
const WINSTON = "import winston from 'winston';\nconst logger = winston.createLogger({});\n";

ruleTester('unstructured-log-message', {
  valid: [
    { lang: 'py', name: 'static string', code: PY + 'logger.info("payment failed")\n' },
    { lang: 'py', name: 'f-string without placeholders', code: PY + 'logger.info(f"payment failed")\n' },
    { lang: 'py', name: 'a name bound to a constant', code: PY + 'MSG = "payment failed"\nlogger.info(MSG)\n' },
    { lang: 'py', name: 'a parameter (origin unknown)', code: PY + 'def f(msg):\n    logger.info(msg)\n' },
    { lang: 'py', name: 'not a logger call', code: 'def f(pid):\n    report.info(f"Payment {pid}")\n' },
    { lang: 'py', name: 'structlog event with fields', code: SL + 'log.info("payment_failed", pid=pid)\n' },
    { lang: 'py', name: 'static concatenation', code: PY + 'logger.info("a" + "b")\n' },
    { lang: 'py', name: 'f-string outside a log call', code: PY + 'x = f"{a}"\n' },
    { lang: 'ts', name: 'pino static message', code: PINO + 'logger.info({ pid }, "payment failed");\n' },
    { lang: 'ts', name: 'winston static message', code: WINSTON + 'logger.info("payment failed", { pid });\n' },
    { lang: 'ts', name: 'template without substitutions', code: PINO + 'logger.info(`payment failed`);\n' },
    { lang: 'ts', name: 'a parameter', code: PINO + 'function f(msg: string) { logger.info(msg); }\n' },
    { lang: 'ts', name: 'console is no-print-logging', code: 'console.log(`x ${y}`);\n' },
    { lang: 'ts', name: 'not a logger', code: 'reporter.info(`x ${y}`);\n' },
    { lang: 'ts', name: 'number concatenation', code: PINO + 'logger.info(1 + 2);\n' },
    // Issue 15: only constants interpolated, or the value is the message itself.
    { lang: 'py', name: 'an f-string of a module constant', code: PY + 'APP = "billing"\nlogger.info(f"{APP} started")\n' },
    { lang: 'py', name: 'a join of a literal tuple constant', code: PY + 'SUPPORTED = ("json", "yaml")\nlogger.info(f"Supported formats: {\', \'.join(SUPPORTED)}")\n' },
    { lang: 'py', name: '.format() of a constant', code: PY + 'APP = "billing"\nlogger.info("{} ready".format(APP))\n' },
    { lang: 'ts', name: 'a template of a module const', code: PINO + "const SERVICE = 'api';\nlogger.info(`${SERVICE} started`);\n" },
    { lang: 'ts', name: 'a join of an as-const array', code: PINO + "const MODES = ['a', 'b'] as const;\nlogger.info(`modes: ${MODES.join(', ')}`);\n" },
    { lang: 'ts', name: 'a property of an as-const object', code: PINO + "const CFG = { name: 'x' } as const;\nlogger.info(`${CFG.name} up`);\n" },
    { lang: 'ts', name: 'a relayed message (strapi MCP log tool)', code: PINO + 'function relay(message: string) { logger.info(`[MCP] ${message}`); }\n' },
    { lang: 'py', name: 'a relayed message (f-string)', code: PY + 'def relay(msg):\n    logger.info(f"[MCP] {msg}")\n' },
  ],
  invalid: [
    { lang: 'py', name: 'a lower-case module list can grow (searx https_rules)', code: PY + 'https_rules = []\nlogger.info("{n} rules loaded".format(n=len(https_rules)))\n', errors: [{ range: [4, 13, 4, 58] }] },
    // Issue 15: gettext messages are built at call time too (no fix: the text is translated).
    { lang: 'py', name: 'gettext _("...").format(...)', code: PY + 'logger.error(_("Volume {} failed").format(vol))\n', errors: [{ range: [3, 14, 3, 47], message: '.format()', fixes: [] }] },
    { lang: 'py', name: 'gettext _("... %s") % x', code: PY + 'logger.error(_("Volume %s failed") % vol)\n', errors: [{ range: [3, 14, 3, 41], message: '`%`', fixes: [] }] },
    { lang: 'py', name: 'a name bound twice is not a constant', code: PY + 'APP = "a"\nAPP = "b"\nlogger.info(f"{APP} started")\n', errors: [{ range: [5, 13, 5, 29] }] },
    { lang: 'py', name: 'a constant next to a variable', code: PY + 'APP = "billing"\nlogger.info(f"{APP} order {oid}")\n', errors: [{ range: [4, 13, 4, 33] }] },
    { lang: 'ts', name: 'a module const that is not a literal', code: PINO + 'const NAME = getName();\nlogger.info(`${NAME} started`);\n', errors: [{ range: [4, 13, 4, 30] }] },
    { lang: 'py', name: 'f-string', code: PY + 'logger.info(f"Payment {pid} failed after {n} retries")\n', errors: [{ range: [3, 13, 3, 54], severity: 'warning', message: 'f-string' }] },
    { lang: 'py', name: 'percent operator', code: PY + 'logger.warning("user %s" % uid)\n', errors: [{ range: [3, 16, 3, 31], message: '`%`' }] },
    { lang: 'py', name: '.format()', code: PY + 'logger.error("user {}".format(uid))\n', errors: [{ range: [3, 14, 3, 35], message: '.format()' }] },
    { lang: 'py', name: 'concatenation', code: PY + 'logger.info("user " + uid)\n', errors: [{ range: [3, 13, 3, 26], message: 'concatenation' }] },
    { lang: 'py', name: 'str.join', code: PY + 'logger.info(", ".join(names))\n', errors: [{ range: [3, 13, 3, 29], message: 'join' }] },
    { lang: 'py', name: 'lazy args are a hint', code: PY + 'logger.info("user %s", uid)\n', errors: [{ range: [3, 13, 3, 22], severity: 'hint' }] },
    { lang: 'py', name: 'module-level logging function', code: 'import logging\nlogging.info(f"x {y}")\n', errors: [{ range: [2, 14, 2, 22] }] },
    { lang: 'py', name: 'structlog', code: SL + 'log.info(f"user {uid} logged in")\n', errors: [{ range: [3, 10, 3, 33] }] },
    { lang: 'py', name: 'structlog bound alias', code: SL + 'req_log = log.bind(request_id=rid)\nreq_log.info(f"user {uid}")\n', errors: [{ range: [4, 14, 4, 27] }] },
    { lang: 'py', name: 'loguru', code: 'from loguru import logger as lg\nlg.info(f"x {y}")\n', errors: [{ range: [2, 9, 2, 17] }] },
    { lang: 'py', name: 'self.logger heuristic', code: 'class A:\n    def f(self):\n        self.logger.info(f"x {y}")\n', errors: [{ range: [3, 26, 3, 34] }] },
    { lang: 'py', name: 'logger.log(level, msg)', code: PY + 'logger.log(logging.INFO, f"x {y}")\n', errors: [{ range: [3, 26, 3, 34] }] },
    { lang: 'py', name: 'getLogger alias import', code: 'from logging import getLogger as gl\nlg = gl(__name__)\nlg.info(f"x {y}")\n', errors: [{ range: [3, 9, 3, 17] }] },
    { lang: 'ts', name: 'template literal (pino)', code: PINO + 'logger.info(`Payment ${pid} failed`);\n', errors: [{ range: [3, 13, 3, 36], message: 'template literal' }] },
    { lang: 'ts', name: 'pino message after fields', code: PINO + 'logger.error({ pid }, `Payment ${pid} failed`);\n', errors: [{ range: [3, 23, 3, 46] }] },
    { lang: 'ts', name: 'concatenation (winston)', code: WINSTON + 'logger.info("user " + id, { id });\n', errors: [{ range: [3, 13, 3, 25], message: 'concatenation' }] },
    { lang: 'ts', name: 'util.format', code: "import util from 'util';\n" + PINO + 'logger.info(util.format("x %s", y));\n', errors: [{ range: [4, 13, 4, 35], message: 'util.format' }] },
    { lang: 'ts', name: 'printf style is a hint', code: PINO + 'logger.info("user %s", id);\n', errors: [{ range: [3, 13, 3, 22], severity: 'hint' }] },
    { lang: 'ts', name: 'child logger', code: PINO + 'const child = logger.child({ a: 1 });\nchild.warn(`x ${y}`);\n', errors: [{ range: [4, 12, 4, 20] }] },
    { lang: 'ts', name: 'this.logger', code: 'class A { f() { this.logger.info(`x ${y}`); } }\n', errors: [{ range: [1, 34, 1, 42] }] },
    { lang: 'js', name: 'require(pino)', code: "const pino = require('pino');\nconst log = pino();\nlog.info(`x ${y}`);\n", errors: [{ range: [3, 10, 3, 18] }] },
    { lang: 'ts', name: 'bunyan', code: "import bunyan from 'bunyan';\nconst lg = bunyan.createLogger({ name: 'a' });\nlg.info(`x ${y}`);\n", errors: [{ range: [3, 9, 3, 17] }] },
    ...[
      {
        lang: 'py',
        name: 'fix: stdlib f-string → event + extra',
        code: `
          import logging

          logger = logging.getLogger(__name__)


          def pay(pid, n):
              if n:
                  logger.info(f"Payment {pid} failed after {n} retries")
        `,
        errors: [{
          range: [8, 21, 8, 62],
          fixes: ['Move values into structured fields'],
          output: `
            import logging

            logger = logging.getLogger(__name__)


            def pay(pid, n):
                if n:
                    logger.info("payment_failed_after_retries", extra={"pid": pid, "n": n})
          `,
        }],
      },
      {
        lang: 'py',
        name: 'fix: structlog .format() → keyword fields after the existing ones',
        code: `
          import structlog

          log = structlog.get_logger()


          def ship(order, items):
              if items:
                  log.info("order {} has {} items".format(order["id"], len(items)), shop=1)
        `,
        errors: [{
          range: [8, 18, 8, 73],
          output: `
            import structlog

            log = structlog.get_logger()


            def ship(order, items):
                if items:
                    log.info("order_has_items", shop=1, order_id=order["id"], items_count=len(items))
          `,
        }],
      },
      {
        lang: 'ts',
        name: 'fix: pino template literal + error first argument → one leading object',
        code: `
          import pino from 'pino';
          const logger = pino();
          export function charge(order: Order, err: Error) {
              if (err) {
                  logger.error(err, \`charge \${order.id} failed after \${order.tries.length} tries\`);
              }
          }
        `,
        errors: [{
          range: [5, 27, 5, 88],
          output: `
            import pino from 'pino';
            const logger = pino();
            export function charge(order: Order, err: Error) {
                if (err) {
                    logger.error({ order_id: order.id, order_tries_count: order.tries.length, err }, 'charge_failed_after_tries');
                }
            }
          `,
        }],
      },
      {
        lang: 'ts',
        name: 'fix: winston concatenation → trailing object merged',
        code: `
          import winston from 'winston';
          const logger = winston.createLogger({});
          export function cart(c: Cart) {
              if (c) {
                  logger.info('cart ' + c.id + ' ready', { shop: 1 });
              }
          }
        `,
        errors: [{
          range: [5, 21, 5, 46],
          output: `
            import winston from 'winston';
            const logger = winston.createLogger({});
            export function cart(c: Cart) {
                if (c) {
                    logger.info('cart_ready', { shop: 1, c_id: c.id });
                }
            }
          `,
        }],
      },
    ].flatMap((c) => [c as InvalidCase, ...fixVariants(c as InvalidCase)]),
    { lang: 'py', name: 'fix: % with a dict names fields by key; reserved stdlib key gets ctx_', code: PY + 'logger.error("Order %(name)s failed" % {"name": order.name})\n', errors: [{ range: [3, 14, 3, 60], output: PY + 'logger.error("order_failed", extra={"ctx_name": order.name})\n' }] },
    { lang: 'py', name: 'fix: lazy args merged into an existing extra dict, exc_info kept', code: PY + 'logger.warning("user %s logged in", user.id, extra={"a": 1}, exc_info=True)\n', errors: [{ range: [3, 16, 3, 35], output: PY + 'logger.warning("user_logged_in", extra={"a": 1, "user_id": user.id}, exc_info=True)\n' }] },
    { lang: 'py', name: 'fix: extra given as a variable is unpacked', code: PY + 'logger.info(f"done {n}", extra=ctx)\n', errors: [{ range: [3, 13, 3, 24], output: PY + 'logger.info("done", extra={**ctx, "n": n})\n' }] },
    { lang: 'py', name: 'fix: logger.log keeps the level', code: PY + 'logger.log(logging.INFO, "x %s", name)\n', errors: [{ range: [3, 26, 3, 32], output: PY + 'logger.log(logging.INFO, "x", extra={"ctx_name": name})\n' }] },
    { lang: 'py', name: 'fix: loguru concatenation with str()', code: 'from loguru import logger\nlogger.info("Shipping to " + str(user.city) + " now")\n', errors: [{ range: [2, 13, 2, 53], output: 'from loguru import logger\nlogger.info("shipping_to_now", user_city=user.city)\n' }] },
    { lang: 'py', name: 'fix: dotted event style', code: SL + 'log.info(f"Payment {pid} failed")\n', settings: { eventNameStyle: 'dotted' }, errors: [{ range: [3, 10, 3, 33], output: SL + 'log.info("payment.failed", pid=pid)\n' }] },
    { lang: 'py', name: 'no fix: str.join', code: PY + 'logger.info(", ".join(names))\n', errors: [{ range: [3, 13, 3, 29], fixes: [] }] },
    { lang: 'py', name: 'no fix: % with a tuple built elsewhere', code: PY + 'logger.info("%s and %s" % pair)\n', errors: [{ range: [3, 13, 3, 31], fixes: [] }] },
    { lang: 'ts', name: 'fix: pino printf args', code: PINO + "logger.info('user %s logged in', user.id);\n", errors: [{ range: [3, 13, 3, 32], output: PINO + "logger.info({ user_id: user.id }, 'user_logged_in');\n" }] },
    { lang: 'ts', name: 'fix: winston log(level, util.format(...), err)', code: "import util from 'util';\n" + WINSTON + "logger.log('error', util.format('x %s y', user.name), err);\n", errors: [{ range: [4, 21, 4, 53], output: "import util from 'util';\n" + WINSTON + "logger.log('error', 'x_y', { user_name: user.name, error: err });\n" }] },
  ],
});
