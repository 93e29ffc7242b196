import * as assert from 'node:assert/strict';
import { fixVariants, ruleTester } from '../../helpers/ruleTester';
import { parsePercentFormat } from '../../../server/src/rules/stdlib-logging-misuse';

const PY = 'import logging\nlogger = logging.getLogger(__name__)\n';
const SL = 'import structlog\nlog = structlog.get_logger()\n';

ruleTester('stdlib-logging-misuse', {
  valid: [
    { lang: 'py', name: 'getLogger(__name__)', code: 'import logging\nlogger = logging.getLogger(__name__)\nother = logging.getLogger("payments")\n' },
    { lang: 'py', name: 'getLogger(name=__name__)', code: 'import logging\nlogger = logging.getLogger(name=__name__)\n' },
    { lang: 'py', name: 'getLogger(type(self).__name__)', code: 'import logging\nclass A:\n    def __init__(self):\n        self.logger = logging.getLogger(type(self).__name__)\n' },
    { lang: 'py', name: 'warning() and WARNING', code: PY + 'logger.warning("x")\nlogger.setLevel(logging.WARNING)\n' },
    { lang: 'py', name: 'a WARN that is not logging\'s', code: PY + 'WARN = 3\nprint(WARN, levels.WARN)\n"logging.WARN"\n# logging.WARN\n' },
    { lang: 'py', name: 'exception() in a handler', code: PY + 'try:\n    f()\nexcept ValueError:\n    logger.exception("x")\n' },
    { lang: 'py', name: 'error(exc_info=True) outside a handler is exception-outside-handler', code: PY + 'logger.error("x", exc_info=True)\n' },
    { lang: 'py', name: 'error(exc_info=e) in a handler', code: PY + 'try:\n    f()\nexcept ValueError as e:\n    logger.error("x", exc_info=e)\n' },
    { lang: 'py', name: 'extra keys that do not clash', code: PY + 'logger.info("x", extra={"user_id": 1, "ctx_name": "a"})\nlogger.info("x", extra=dict(order_id=2))\n' },
    { lang: 'py', name: 'structlog keyword named like a LogRecord attribute', code: SL + 'log.info("x", name="a", filename="b")\nlog.warn("y")\n' },
    { lang: 'py', name: 'format with matching args', code: PY + 'logger.info("%s has %d items (%.1f%%)", user, n, pct)\nlogger.info("%*d", width, n)\n' },
    { lang: 'py', name: 'no args: % is used verbatim', code: PY + 'logger.info("100%")\nlogger.info("%s %s")\n' },
    { lang: 'py', name: 'single dict for a mapping format', code: PY + 'logger.info("%(user)s bought %(n)d", {"user": u, "n": n})\n' },
    { lang: 'py', name: '*args splat', code: PY + 'logger.info("%s %s", *args)\nlogger.info("%s", a, b, *rest)\n' },
    { lang: 'py', name: 'log(level, msg, args)', code: PY + 'logger.log(logging.INFO, "%s done", job)\n' },
    { lang: 'py', name: 'f-string message is not a format string', code: PY + 'logger.info(f"{a} %s", b)\n' },
    { lang: 'py', name: 'bytes literal is not checked', code: PY + 'logger.info(b"%s %s", a)\n' },
    { lang: 'py', name: 'implicit concatenation and triple quotes', code: PY + 'logger.info("%s " "%s", a, b)\nlogger.info("""%s""", a)\n' },
    { lang: 'py', name: 'structlog positional args are not checked', code: SL + 'log.info("%s", a, b)\n' },
    { lang: 'py', name: 'loguru is not stdlib', code: 'from loguru import logger\nlogger.info("{} {}", a, b)\nlogger.warn("x")\n' },
    { lang: 'py', name: 'getLogger of another module', code: 'import structlog\nlog = structlog.getLogger(__file__)\n' },
  ],
  invalid: [
    { lang: 'py', name: 'LOG001 logging.Logger()', code: 'import logging\nlogger = logging.Logger(__name__)\n', errors: [{ range: [2, 10, 2, 24], severity: 'warning', message: 'logging.getLogger(__name__)' }] },
    { lang: 'py', name: 'LOG001 imported Logger', code: 'from logging import Logger\nlog = Logger("x")\n', errors: [{ range: [2, 7, 2, 13] }] },
    { lang: 'py', name: 'LOG002 getLogger(__file__)', code: 'import logging\nlogger = logging.getLogger(__file__)\n', errors: [{ range: [2, 28, 2, 36], message: 'getLogger(__name__)' }] },
    { lang: 'py', name: 'LOG002 name=__cached__', code: 'from logging import getLogger\nlogger = getLogger(name=__cached__)\n', errors: [{ range: [2, 25, 2, 35] }] },
    { lang: 'py', name: 'getLogger(__class__) / self.__class__', code: 'import logging\nclass A:\n    def f(self):\n        a = logging.getLogger(__class__)\n        b = logging.getLogger(self.__class__)\n', errors: [{ range: [4, 31, 4, 40] }, { range: [5, 31, 5, 45] }] },
    { lang: 'py', name: 'G010 logger.warn', code: PY + 'logger.warn("x")\n', errors: [{ range: [3, 8, 3, 12], message: 'Use `logger.warning(...)`' }] },
    { lang: 'py', name: 'G010 + LOG015 logging.warn', code: 'import logging\nlogging.warn("x")\n', errors: [{ range: [2, 1, 2, 13], severity: 'hint' }, { range: [2, 9, 2, 13], severity: 'warning', message: '`logging.warning(...)`' }] },
    { lang: 'py', name: 'LOG009 logging.WARN', code: 'import logging\nlogging.basicConfig(level=logging.WARN)\n', errors: [{ range: [2, 27, 2, 39], message: 'logging.WARNING' }] },
    { lang: 'py', name: 'LOG009 imported WARN, alias module', code: 'import logging as lg\nfrom logging import WARN\ndef f():\n    lg.getLogger().setLevel(WARN)\n    return lg.WARN\n', errors: [{ range: [4, 29, 4, 33] }, { range: [5, 12, 5, 19] }] },
    { lang: 'py', name: 'LOG007 exception(exc_info=False)', code: PY + 'try:\n    f()\nexcept E:\n    logger.exception("x", exc_info=False)\n', errors: [{ range: [6, 27, 6, 41], message: 'Use `logger.error(...)`' }] },
    { lang: 'py', name: 'LOG007 falsy literal', code: PY + 'logger.exception("x", exc_info=[])\n', errors: [{ range: [3, 23, 3, 34] }] },
    { lang: 'py', name: 'G201 error(exc_info=True) in a handler', code: PY + 'try:\n    f()\nexcept E:\n    logger.error("x", exc_info=True)\n', errors: [{ range: [6, 12, 6, 17], message: 'Use `logger.exception(...)`' }] },
    { lang: 'py', name: 'G202 redundant exc_info', code: PY + 'try:\n    f()\nexcept E:\n    logger.exception("x", exc_info=True)\n', errors: [{ range: [6, 27, 6, 40], message: 'redundant' }] },
    { lang: 'py', name: 'G101 extra clashes', code: PY + 'logger.info("x", extra={"name": n, "user": u, "lineno": 3})\n', errors: [{ range: [3, 25, 3, 31], severity: 'error', message: 'ctx_name' }, { range: [3, 47, 3, 55], severity: 'error' }] },
    { lang: 'py', name: 'G101 extra=dict(...)', code: PY + 'logger.info("x", extra=dict(message=m))\n', errors: [{ range: [3, 29, 3, 36], severity: 'error' }] },
    { lang: 'py', name: 'E1205 too many args', code: PY + 'logger.info("%s", a, b, c)\n', errors: [{ range: [3, 22, 3, 26], severity: 'error', message: '1 placeholder(s) but 3 argument(s)' }] },
    { lang: 'py', name: 'E1205 no placeholder at all', code: PY + 'logger.error("failed", err)\n', errors: [{ range: [3, 24, 3, 27], severity: 'error' }] },
    { lang: 'py', name: 'E1206 too few args', code: PY + 'logger.info("%s and %s", a)\n', errors: [{ range: [3, 13, 3, 24], severity: 'error', message: 'only 1' }] },
    { lang: 'py', name: 'E1206 with * width', code: PY + 'logger.info("%*d", n)\n', errors: [{ range: [3, 13, 3, 18] }] },
    { lang: 'py', name: 'E1206 raw and concatenated strings', code: PY + 'logger.info(r"%s\\%s", a)\nlogger.info("%s " "%s", a)\n', errors: [{ range: [3, 13, 3, 21] }, { range: [4, 13, 4, 23] }] },
    { lang: 'py', name: 'E1200 unsupported character', code: PY + 'logger.info("%s %y", a, b)\n', errors: [{ range: [3, 13, 3, 20], severity: 'error', message: '"y"' }] },
    { lang: 'py', name: 'E1201 truncated', code: PY + 'logger.info("%s %", a)\n', errors: [{ range: [3, 13, 3, 19], severity: 'error', message: 'ends in the middle' }] },
    { lang: 'py', name: 'mapping format with several args', code: PY + 'logger.info("%(a)s", x, y)\n', errors: [{ range: [3, 25, 3, 26], severity: 'error' }] },
    { lang: 'py', name: 'log(level, msg, ...) checks the message', code: PY + 'logger.log(logging.INFO, "%s", a, b)\n', errors: [{ range: [3, 35, 3, 36] }] },
    { lang: 'py', name: 'LOG015 root logger, hint', code: 'import logging\nlogging.info("started")\n', errors: [{ range: [2, 1, 2, 13], severity: 'hint', message: 'root logger' }] },
    { lang: 'py', name: 'LOG015 imported function', code: 'from logging import info\ninfo("started")\n', errors: [{ range: [2, 1, 2, 5], severity: 'hint', message: '`logging.info()`' }] },
    // Fixes (docs/rules/stdlib-logging-misuse.md, "Fix safety")
    { lang: 'py', name: 'fix: warn → warning', code: PY + 'logger.warn("x %s", a)\n', errors: [{ range: [3, 8, 3, 12], fixes: ['Change to `warning()`'], output: PY + 'logger.warning("x %s", a)\n' }] },
    { lang: 'py', name: 'fix: bare imported warn has no fix (needs another import)', code: 'from logging import warn\nwarn("x")\n', errors: [{ range: [2, 1, 2, 5], severity: 'hint' }, { range: [2, 1, 2, 5], fixes: [] }] },
    { lang: 'py', name: 'fix: logging.WARN → logging.WARNING', code: 'import logging as lg\nlg.basicConfig(level=lg.WARN)\n', errors: [{ range: [2, 22, 2, 29], fixes: ['Change to `logging.WARNING`'], output: 'import logging as lg\nlg.basicConfig(level=lg.WARNING)\n' }] },
    { lang: 'py', name: 'fix: exception(exc_info=False) → error()', code: PY + 'logger.exception("x", exc_info=False)\n', errors: [{ range: [3, 23, 3, 37], fixes: ['Change to `error()` without `exc_info`'], output: PY + 'logger.error("x")\n' }] },
    { lang: 'py', name: 'fix: exception(exc_info=False) in a handler keeps exc_info=False', code: PY + 'try:\n    f()\nexcept E:\n    logger.exception("x", exc_info=False)\n', errors: [{ range: [6, 27, 6, 41], fixes: ['Change to `error()`'], output: PY + 'try:\n    f()\nexcept E:\n    logger.error("x", exc_info=False)\n' }] },
    { lang: 'py', name: 'fix: error(exc_info=True) → exception(), keyword in the middle', code: PY + 'try:\n    f()\nexcept E:\n    logger.error("x %s", a, exc_info=True, stack_info=True)\n', errors: [{ range: [6, 12, 6, 17], fixes: ['Change to `exception()` without `exc_info`'], output: PY + 'try:\n    f()\nexcept E:\n    logger.exception("x %s", a, stack_info=True)\n' }] },
    { lang: 'py', name: 'fix: error(exc_info=True) one argument per line, trailing comma', code: PY + 'try:\n    f()\nexcept E:\n    logger.error(\n        "x",\n        exc_info=True,\n    )\n', errors: [{ range: [6, 12, 6, 17], output: PY + 'try:\n    f()\nexcept E:\n    logger.exception(\n        "x",\n    )\n' }] },
    { lang: 'py', name: 'fix: redundant exc_info removed', code: PY + 'try:\n    f()\nexcept E:\n    logger.exception("x", exc_info=True)\n', errors: [{ range: [6, 27, 6, 40], fixes: ['Remove `exc_info=True`'], output: PY + 'try:\n    f()\nexcept E:\n    logger.exception("x")\n' }] },
    { lang: 'py', name: 'fix: redundant exc_info first keyword', code: PY + 'try:\n    f()\nexcept E:\n    logger.exception("x", exc_info=True, extra={"k": 1})\n', errors: [{ range: [6, 27, 6, 40], output: PY + 'try:\n    f()\nexcept E:\n    logger.exception("x", extra={"k": 1})\n' }] },
    { lang: 'py', name: 'fix: redundant exc_info, a comment before it is kept', code: PY + 'try:\n    f()\nexcept E:\n    logger.exception(\n        "x",  # why\n        exc_info=True,\n    )\n', errors: [{ range: [8, 9, 8, 22], output: PY + 'try:\n    f()\nexcept E:\n    logger.exception(\n        "x",  # why\n        \n    )\n' }] },
    { lang: 'py', name: 'fix: extra key renamed with ctx_', code: PY + 'logger.info("x", extra={"name": n, \'lineno\': 3})\n', errors: [{ range: [3, 25, 3, 31], fixes: ['Rename the key to `ctx_name`'], output: PY + 'logger.info("x", extra={"ctx_name": n, \'lineno\': 3})\n' }, { range: [3, 36, 3, 44], output: PY + 'logger.info("x", extra={"name": n, \'ctx_lineno\': 3})\n' }] },
    { lang: 'py', name: 'fix: extra=dict(k=...) renamed', code: PY + 'logger.info("x", extra=dict(message=m))\n', errors: [{ range: [3, 29, 3, 36], output: PY + 'logger.info("x", extra=dict(ctx_message=m))\n' }] },
    { lang: 'py', name: 'fix: no rename when ctx_ key exists', code: PY + 'logger.info("x", extra={"name": n, "ctx_name": m})\n', errors: [{ range: [3, 25, 3, 31], fixes: [] }] },
    { lang: 'py', name: 'fix: logging.Logger(name) → getLogger', code: 'import logging\nlogger = logging.Logger("app")\n', errors: [{ range: [2, 10, 2, 24], fixes: ['Change to `getLogger()`'], output: 'import logging\nlogger = logging.getLogger("app")\n' }] },
    { lang: 'py', name: 'fix: logging.Logger(name, level) has no fix', code: 'import logging\nlogger = logging.Logger("app", 10)\n', errors: [{ range: [2, 10, 2, 24], fixes: [] }] },
    { lang: 'py', name: 'fix: getLogger(__file__) → __name__', code: 'import logging\nlogger = logging.getLogger(__file__)\n', errors: [{ range: [2, 28, 2, 36], fixes: ['Change to `__name__`'], output: 'import logging\nlogger = logging.getLogger(__name__)\n' }] },
    { lang: 'py', name: 'fix: root logger call → module logger created', code: 'import logging\nlogging.info("started")\n', errors: [{ range: [2, 1, 2, 13], severity: 'hint', fixes: ['Use a module logger (creates `logger`)'], output: 'import logging\n\nlogger = logging.getLogger(__name__)\nlogger.info("started")\n' }] },
    { lang: 'py', name: 'fix: imported root function → existing module logger', code: 'from logging import info\nimport logging\nlog = logging.getLogger(__name__)\ndef f():\n    info("started %s", x)\n', errors: [{ range: [5, 5, 5, 9], fixes: ['Use the module logger `log`'], output: 'from logging import info\nimport logging\nlog = logging.getLogger(__name__)\ndef f():\n    log.info("started %s", x)\n' }] },
    { lang: 'py', name: 'fix: no root-logger fix when the module logger is structlog', code: 'import logging\nimport structlog\nlog = structlog.get_logger()\nlogging.info("x")\n', errors: [{ range: [4, 1, 4, 13], fixes: [] }] },
    ...fixVariants({ lang: 'py', name: 'fix variants: error(exc_info=True) over lines in a method', code: 'import logging\nclass A:\n    def f(self):\n        try:\n            g()\n        except OSError:\n            self.logger.error(\n                "g_failed",\n                exc_info=True,\n            )\n', errors: [{ range: [7, 25, 7, 30], output: 'import logging\nclass A:\n    def f(self):\n        try:\n            g()\n        except OSError:\n            self.logger.exception(\n                "g_failed",\n            )\n' }] }),
    ...fixVariants({ lang: 'py', name: 'fix variants: warn in a function', code: PY + 'def f():\n    if x:\n        logger.warn("slow")\n', errors: [{ range: [5, 16, 5, 20], output: PY + 'def f():\n    if x:\n        logger.warning("slow")\n' }] }),
    { lang: 'py', name: 'self.logger with a getLogger binding', code: 'import logging\nclass A:\n    def __init__(self):\n        self.logger = logging.getLogger(__name__)\n    def f(self):\n        self.logger.warn("x")\n', errors: [{ range: [6, 21, 6, 25] }] },
  ],
});

describe('stdlib-logging-misuse: parsePercentFormat', () => {
  it('counts placeholders like str.__mod__', () => {
    assert.deepEqual(parsePercentFormat('%s %d %%'), { count: 2, named: false });
    assert.deepEqual(parsePercentFormat('%-10.3f|%+#x|%5s'), { count: 3, named: false });
    assert.deepEqual(parsePercentFormat('%*.*f'), { count: 3, named: false });
    assert.deepEqual(parsePercentFormat('%(a)s %(b (c))d'), { count: 0, named: true });
    assert.deepEqual(parsePercentFormat('%ld'), { count: 1, named: false });
  });
  it('reports the first error', () => {
    assert.equal(parsePercentFormat('%s %').error, 'truncated');
    assert.equal(parsePercentFormat('%(a').error, 'truncated');
    assert.equal(parsePercentFormat('%5').error, 'truncated');
    assert.equal(parsePercentFormat('%s %q').error, 'q');
  });
});
