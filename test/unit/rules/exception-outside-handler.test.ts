import { fixVariants, ruleTester } from '../../helpers/ruleTester';

const PY = 'import logging\nlogger = logging.getLogger(__name__)\n';
const SL = 'import structlog\nlog = structlog.get_logger()\n';

ruleTester('exception-outside-handler', {
  valid: [
    { lang: 'py', name: 'exception() in a handler', code: PY + 'try:\n    f()\nexcept ValueError:\n    logger.exception("f_failed")\n' },
    { lang: 'py', name: 'exc_info=True in a handler', code: PY + 'try:\n    f()\nexcept ValueError:\n    logger.warning("retrying", exc_info=True)\n' },
    { lang: 'py', name: 'in a handler inside a function', code: PY + 'def run():\n    try:\n        f()\n    except Exception:\n        logger.exception("f_failed")\n' },
    { lang: 'py', name: 'deep inside a handler (loop, with, nested try)', code: PY + 'try:\n    f()\nexcept Exception:\n    for x in xs:\n        with lock:\n            try:\n                g()\n            finally:\n                logger.exception("cleanup")\n' },
    { lang: 'py', name: 'in a comprehension inside a handler', code: PY + 'try:\n    f()\nexcept Exception:\n    [logger.exception("x") for _ in range(1)]\n' },
    { lang: 'py', name: 'an explicit exception object', code: PY + 'def report(err):\n    logger.exception("failed", exc_info=err)\n    logger.error("failed", exc_info=err)\n' },
    { lang: 'py', name: 'exc_info tuple', code: PY + 'logger.info("x", exc_info=(exc_type, exc, tb))\n' },
    { lang: 'py', name: 'exc_info=False', code: PY + 'logger.info("x", exc_info=False)\n' },
    { lang: 'py', name: 'exception(..., exc_info=False) is stdlib-logging-misuse', code: PY + 'logger.exception("x", exc_info=False)\n' },
    { lang: 'py', name: 'error() outside a handler', code: PY + 'logger.error("x")\n' },
    { lang: 'py', name: 'not a logger', code: 'def f():\n    handler.exception("x")\n    widget.show("x", exc_info=True)\n' },
    { lang: 'py', name: 'loguru opt(exception=True) is not judged', code: 'from loguru import logger\nlogger.opt(exception=True).info("x")\n' },
    { lang: 'py', name: 'an error callback that receives the exception (celery, kombu, asyncio)', code: PY + 'class Hub:\n    def on_callback_error(self, callback, exc):\n        logger.error("Callback %r raised: %r", callback, exc, exc_info=1)\n\n    def _fatal_error(self, exc, message="Fatal error"):\n        if isinstance(exc, OSError):\n            logger.debug("%r: %s", self, message, exc_info=True)\n\ndef _ensure_errback(exc, interval):\n    logger.error("Connection error: %r. Retry in %ss", exc, interval, exc_info=True)\n' },
    { lang: 'py', name: 'a request error handler taking the exception (gunicorn handle_error)', code: PY + 'def handle_error(self, req, client, addr, exc: Exception):\n    logger.exception("Error handling request %s", req.uri)\n' },
  ],
  invalid: [
    { lang: 'py', name: 'module level', code: PY + 'logger.exception("boom")\n', errors: [{ range: [3, 8, 3, 17], severity: 'warning', message: 'Use `logger.error(...)`' }] },
    { lang: 'py', name: 'in a function', code: PY + 'def f():\n    logger.exception("boom")\n', errors: [{ range: [4, 12, 4, 21] }] },
    { lang: 'py', name: 'module function', code: 'import logging\nlogging.exception("boom")\n', errors: [{ range: [2, 9, 2, 18], message: '`logging.error(...)`' }] },
    { lang: 'py', name: 'imported module function', code: 'from logging import exception as exc\nexc("boom")\n', errors: [{ range: [2, 1, 2, 4] }] },
    { lang: 'py', name: 'exc_info=True', code: PY + 'logger.info("x", exc_info=True)\n', errors: [{ range: [3, 18, 3, 31], message: '`exc_info=True` outside' }] },
    { lang: 'py', name: 'exc_info=1', code: PY + 'logger.error("x", exc_info=1)\n', errors: [{ range: [3, 19, 3, 29] }] },
    { lang: 'py', name: 'exception() with exc_info=True', code: PY + 'logger.exception("x", exc_info=True)\n', errors: [{ range: [3, 8, 3, 17] }] },
    { lang: 'py', name: 'nested function inside a handler is outside', code: PY + 'try:\n    f()\nexcept Exception:\n    def on_failure():\n        logger.exception("later")\n    on_failure()\n', errors: [{ range: [7, 16, 7, 25] }] },
    { lang: 'py', name: 'lambda inside a handler is outside', code: PY + 'try:\n    f()\nexcept Exception:\n    cb = lambda: logger.exception("later")\n', errors: [{ range: [6, 25, 6, 34] }] },
    { lang: 'py', name: 'in the else clause', code: PY + 'try:\n    f()\nexcept Exception:\n    raise\nelse:\n    logger.exception("ok?")\n', errors: [{ range: [8, 12, 8, 21] }] },
    { lang: 'py', name: 'a helper called from handlers (known imprecision, as Ruff)', code: PY + 'def log_failure():\n    logger.exception("failed")\n', errors: [{ range: [4, 12, 4, 21] }] },
    { lang: 'py', name: 'a function whose parameters are not an exception', code: PY + 'def on_tick(self, delay, expected):\n    logger.exception("tick")\n', errors: [{ range: [4, 12, 4, 21] }] },
    { lang: 'py', name: 'structlog', code: SL + 'log.exception("x")\nlog.info("y", exc_info=True)\n', errors: [{ range: [3, 5, 3, 14] }, { range: [4, 15, 4, 28] }] },
    { lang: 'py', name: 'loguru exception()', code: 'from loguru import logger\nlogger.exception("x")\n', errors: [{ range: [2, 8, 2, 17] }] },
    { lang: 'py', name: 'syntax error nearby', code: PY + 'def broken(:\n    pass\nlogger.exception("boom")\n', errors: [{ range: [5, 8, 5, 17] }] },
    // Fixes: unsafe (the function may run inside a handler elsewhere), see the rule's docs.
    { lang: 'py', name: 'fix: exception() → error()', code: PY + 'def f():\n    logger.exception("boom %s", x)\n', errors: [{ range: [4, 12, 4, 21], fixes: ['Change to `error()`'], output: PY + 'def f():\n    logger.error("boom %s", x)\n' }] },
    { lang: 'py', name: 'fix: exception(exc_info=True) → error()', code: PY + 'logger.exception("x", exc_info=True)\n', errors: [{ range: [3, 8, 3, 17], fixes: ['Change to `error()` without `exc_info`'], output: PY + 'logger.error("x")\n' }] },
    { lang: 'py', name: 'fix: exc_info dropped', code: PY + 'logger.info("x", exc_info=True)\n', errors: [{ range: [3, 18, 3, 31], fixes: ['Remove `exc_info`'], output: PY + 'logger.info("x")\n' }] },
    { lang: 'py', name: 'fix: exc_info dropped, multi-line with tabs', code: PY + 'def f():\n\tlogger.warning(\n\t\t"x",\n\t\texc_info=1,\n\t\tstack_info=True,\n\t)\n', errors: [{ range: [6, 3, 6, 13], output: PY + 'def f():\n\tlogger.warning(\n\t\t"x",\n\t\tstack_info=True,\n\t)\n' }] },
    { lang: 'py', name: 'fix: structlog and loguru', code: SL + 'log.exception("x", user=u)\n', errors: [{ range: [3, 5, 3, 14], output: SL + 'log.error("x", user=u)\n' }] },
    { lang: 'py', name: 'fix: bare imported exception() has none', code: 'from logging import exception as exc\nexc("boom")\n', errors: [{ range: [2, 1, 2, 4], fixes: [] }] },
    ...fixVariants({ lang: 'py', name: 'fix variants: exc_info over lines in a method', code: PY + 'class A:\n    def f(self):\n        logger.info(\n            "x",\n            exc_info=True,\n        )\n', errors: [{ range: [7, 13, 7, 26], output: PY + 'class A:\n    def f(self):\n        logger.info(\n            "x",\n        )\n' }] }),
    ...fixVariants({ lang: 'py', name: 'fix variants: exception in a nested function', code: PY + 'def outer():\n    def inner():\n        logger.exception("x")\n    return inner\n', errors: [{ range: [5, 16, 5, 25], output: PY + 'def outer():\n    def inner():\n        logger.error("x")\n    return inner\n' }] }),
    { lang: 'py', name: 'self.logger', code: 'class A:\n    def f(self):\n        self.logger.exception("x")\n', errors: [{ range: [3, 21, 3, 30], message: '`self.logger.error(...)`' }] },
  ],
});
