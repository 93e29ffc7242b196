import { ruleTester } from '../../helpers/ruleTester';

const PY = 'from opentelemetry import trace\nfrom opentelemetry.trace import Status, StatusCode\ntracer = trace.get_tracer(__name__)\n';
const TS = "import { trace, SpanStatusCode } from '@opentelemetry/api';\nconst tracer = trace.getTracer('svc');\n";

ruleTester('span-error-not-recorded', {
  valid: [
    { lang: 'py', name: 'records and sets the status', code: PY + 'with tracer.start_as_current_span("x") as span:\n    try:\n        work()\n    except Exception as e:\n        span.record_exception(e)\n        span.set_status(Status(StatusCode.ERROR, str(e)))\n' },
    { lang: 'py', name: 're-raises', code: PY + 'with tracer.start_as_current_span("x") as span:\n    try:\n        work()\n    except Exception:\n        cleanup()\n        raise\n' },
    { lang: 'py', name: 'raises another exception from it', code: PY + 'with tracer.start_as_current_span("x"):\n    try:\n        work()\n    except KeyError as e:\n        raise NotFound() from e\n' },
    { lang: 'py', name: 'handler outside the span', code: PY + 'try:\n    with tracer.start_as_current_span("x"):\n        work()\nexcept Exception:\n    pass\n' },
    { lang: 'py', name: 'no span at all', code: PY + 'def f():\n    try:\n        work()\n    except Exception:\n        pass\n' },
    { lang: 'py', name: 'handler in an inner function defined in the span', code: PY + 'with tracer.start_as_current_span("x"):\n    def retry():\n        try:\n            work()\n        except Exception:\n            pass\n    retry()\n' },
    { lang: 'py', name: 'expected control-flow exceptions', code: PY + 'with tracer.start_as_current_span("x"):\n    try:\n        value = cache[key]\n    except (KeyError, IndexError):\n        value = None\n' },
    { lang: 'py', name: 'span handed to a helper', code: PY + 'with tracer.start_as_current_span("x") as span:\n    try:\n        work()\n    except Exception as e:\n        mark_failed(span, e)\n' },
    { lang: 'py', name: 'handler after the manual span ended', code: PY + 'def f():\n    span = tracer.start_span("x")\n    span.end()\n    try:\n        work()\n    except Exception:\n        pass\n' },
    { lang: 'py', name: 'not a tracer', code: 'with profiler.start_span("x") as region:\n    try:\n        work()\n    except Exception:\n        pass\n' },
    { lang: 'py', name: 'current span recorded', code: PY + '@tracer.start_as_current_span("x")\ndef f():\n    try:\n        work()\n    except Exception as e:\n        trace.get_current_span().record_exception(e)\n        trace.get_current_span().set_status(Status(StatusCode.ERROR))\n' },
    { lang: 'ts', name: 'records and sets the status', code: TS + "tracer.startActiveSpan('x', (span) => {\n  try { work(); } catch (err) {\n    span.recordException(err);\n    span.setStatus({ code: SpanStatusCode.ERROR });\n  } finally { span.end(); }\n});\n" },
    { lang: 'ts', name: 'rethrows', code: TS + "tracer.startActiveSpan('x', (span) => {\n  try { work(); } catch (err) { cleanup(); throw err; } finally { span.end(); }\n});\n" },
    { lang: 'ts', name: 'catch outside the span', code: TS + "try {\n  tracer.startActiveSpan('x', (span) => { work(); span.end(); });\n} catch (err) {\n  report(err);\n}\n" },
    { lang: 'ts', name: 'catch in a nested function of the callback', code: TS + "tracer.startActiveSpan('x', (span) => {\n  items.forEach((i) => { try { work(i); } catch { skip(i); } });\n  span.end();\n});\n" },
    { lang: 'ts', name: 'catch after the manual span ended', code: TS + "function f() {\n  const span = tracer.startSpan('x');\n  span.end();\n  try { work(); } catch (e) { skip(); }\n}\n" },
    { lang: 'ts', name: 'span handed to a helper', code: TS + "tracer.startActiveSpan('x', (span) => {\n  try { work(); } catch (e) { fail(span, e); } finally { span.end(); }\n});\n" },
    { lang: 'ts', name: 'returns a rejected promise', code: TS + "tracer.startActiveSpan('x', (span) => {\n  try { return work(); } catch (e) { return Promise.reject(e); } finally { span.end(); }\n});\n" },
    { lang: 'ts', name: 'no span at all', code: "function f() {\n  try { work(); } catch (e) { skip(); }\n}\n" },
    { lang: 'ts', name: 'callback that is not a span callback', code: "Sentry.startActiveSpan('x', (span) => {\n  try { work(); } catch (e) { skip(); }\n});\n" },
  ],
  invalid: [
    { lang: 'py', name: 'swallowed in a with span', code: PY + 'with tracer.start_as_current_span("x") as span:\n    try:\n        work()\n    except Exception as e:\n        log.warning("failed")\n', errors: [{ range: [7, 5, 7, 27], severity: 'warning', message: '`span.record_exception(e)` and `span.set_status(' }] },
    { lang: 'py', name: 'bare except with pass', code: PY + 'with tracer.start_span("x") as s:\n    try:\n        work()\n    except:\n        pass\n', errors: [{ range: [7, 5, 7, 12] }] },
    { lang: 'py', name: 'only recorded: status missing', code: PY + 'with tracer.start_as_current_span("x") as span:\n    try:\n        work()\n    except ValueError as e:\n        span.record_exception(e)\n', errors: [{ range: [7, 5, 7, 28], message: 'without setting an ERROR status' }] },
    { lang: 'py', name: 'only status: record missing', code: PY + 'with tracer.start_as_current_span("x") as span:\n    try:\n        work()\n    except ValueError as e:\n        span.set_status(Status(StatusCode.ERROR))\n', errors: [{ range: [7, 5, 7, 28], message: 'without recording it' }] },
    { lang: 'py', name: 'status OK does not count', code: PY + 'with tracer.start_as_current_span("x") as span:\n    try:\n        work()\n    except ValueError as e:\n        span.record_exception(e)\n        span.set_status(Status(StatusCode.OK))\n', errors: [{ range: [7, 5, 7, 28], message: 'without setting an ERROR status' }] },
    { lang: 'py', name: 'decorated function: the current span', code: PY + '@tracer.start_as_current_span("x")\ndef f():\n    try:\n        work()\n    except Exception:\n        return None\n', errors: [{ range: [8, 5, 8, 22], message: 'trace.get_current_span().record_exception(e)' }] },
    { lang: 'py', name: 'between start_span and end', code: PY + 'def f():\n    span = tracer.start_span("x")\n    try:\n        work()\n    except Exception:\n        pass\n    finally:\n        span.end()\n', errors: [{ range: [8, 5, 8, 22], message: '`span.record_exception(e)`' }] },
    { lang: 'py', name: 'nested try inside the span', code: PY + 'with tracer.start_as_current_span("x"):\n    for item in items:\n        try:\n            work(item)\n        except (ValueError, TypeError) as exc:\n            continue\n', errors: [{ range: [8, 9, 8, 47], message: 'record_exception(exc)' }] },
    { lang: 'py', name: 'expected exceptions mixed with others', code: PY + 'with tracer.start_as_current_span("x"):\n    try:\n        work()\n    except (KeyError, RuntimeError):\n        pass\n', errors: [{ range: [7, 5, 7, 37] }] },
    { lang: 'py', name: 'use_span scope', code: PY + 'def f(span):\n    with trace.use_span(span):\n        try:\n            work()\n        except Exception:\n            pass\n', errors: [{ range: [8, 9, 8, 26] }] },
    { lang: 'ts', name: 'swallowed in a startActiveSpan callback', code: TS + "tracer.startActiveSpan('x', (span) => {\n  try {\n    work();\n  } catch (err) {\n    logger.warn('failed');\n  } finally {\n    span.end();\n  }\n});\n", errors: [{ range: [6, 5, 6, 16], severity: 'warning', message: '`span.recordException(err)` and `span.setStatus(' }] },
    { lang: 'ts', name: 'catch without a binding', code: TS + "tracer.startActiveSpan('x', async (s) => {\n  try { await work(); } catch { return null; } finally { s.end(); }\n});\n", errors: [{ range: [4, 25, 4, 30], message: '`s.recordException(err)`' }] },
    { lang: 'ts', name: 'only recorded: status missing', code: TS + "tracer.startActiveSpan('x', (span) => {\n  try { work(); } catch (e) { span.recordException(e); } finally { span.end(); }\n});\n", errors: [{ range: [4, 19, 4, 28], message: 'without setting an ERROR status' }] },
    { lang: 'ts', name: 'only status: record missing', code: TS + "tracer.startActiveSpan('x', (span) => {\n  try { work(); } catch (e) { span.setStatus({ code: SpanStatusCode.ERROR }); } finally { span.end(); }\n});\n", errors: [{ range: [4, 19, 4, 28], message: 'without recording it' }] },
    { lang: 'ts', name: 'between startSpan and end', code: TS + "async function f() {\n  const span = tracer.startSpan('x');\n  try { await work(); } catch (e) { return; }\n  span.end();\n}\n", errors: [{ range: [5, 25, 5, 34], message: '`span.recordException(e)`' }] },
    { lang: 'ts', name: 'function expression callback with options and context', code: TS + "tracer.startActiveSpan('x', {}, ctx, function (span) {\n  try { work(); } catch (e) { skip(); } finally { span.end(); }\n});\n", errors: [{ range: [4, 19, 4, 28] }] },
  ],
});
