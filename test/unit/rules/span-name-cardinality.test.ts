import { fixVariants, ruleTester } from '../../helpers/ruleTester';

const PY = 'from opentelemetry import trace\ntracer = trace.get_tracer(__name__)\n';
const TS = "import { trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('svc');\n";

ruleTester('span-name-cardinality', {
  valid: [
    { lang: 'py', name: 'static name', code: PY + 'with tracer.start_as_current_span("checkout.charge") as span:\n    span.set_attribute("order.id", order_id)\n' },
    { lang: 'py', name: 'f-string without placeholders', code: PY + 'span = tracer.start_span(f"checkout")\n' },
    { lang: 'py', name: 'a parameter (origin unknown)', code: PY + 'def traced(name):\n    with tracer.start_as_current_span(name):\n        pass\n' },
    { lang: 'py', name: 'code names: __qualname__, __module__, __class__.__name__', code: PY + 'def deco(func):\n    with tracer.start_as_current_span(f"{func.__module__}.{func.__qualname__}"):\n        pass\n    with tracer.start_as_current_span("%s.run" % type(self).__name__):\n        pass\n' },
    { lang: 'py', name: 'UPPER_CASE constants', code: PY + 'SERVICE = "billing"\nwith tracer.start_as_current_span(f"{SERVICE}.charge"):\n    pass\nwith tracer.start_as_current_span(SERVICE + ".refund"):\n    pass\n' },
    { lang: 'py', name: 'semantic-convention names: method, route, operation, table, queue_name', code: PY + 'def f(request, route, operation, table, queue_name):\n    with tracer.start_as_current_span(f"{request.method} {route}"):\n        pass\n    with tracer.start_as_current_span(f"{operation} {table}"):\n        pass\n    span = tracer.start_span(queue_name + " publish")\n' },
    { lang: 'py', name: 'static concatenation', code: PY + 'span = tracer.start_span("checkout" + ".charge")\n' },
    { lang: 'py', name: 'not a tracer', code: 'with profiler.start_span(f"user {uid}"):\n    pass\n' },
    { lang: 'py', name: 'dynamic string that is not a span name', code: PY + 'with tracer.start_as_current_span("x", attributes={"route": f"/users/{uid}"}):\n    pass\n' },
    { lang: 'ts', name: 'static name', code: TS + "tracer.startActiveSpan('checkout.charge', (span) => { span.end(); });\n" },
    { lang: 'ts', name: 'template without substitutions', code: TS + 'const span = tracer.startSpan(`checkout`);\n' },
    { lang: 'ts', name: 'a parameter', code: TS + 'function traced(name: string) { return tracer.startSpan(name); }\n' },
    { lang: 'ts', name: 'constructor name and constants', code: TS + 'const SERVICE = "billing";\nclass A { run() { return tracer.startSpan(`${this.constructor.name}.run`); } }\nconst s = tracer.startSpan(SERVICE + ".charge");\n' },
    { lang: 'ts', name: 'semantic-convention names: method, route, taskName', code: TS + 'function f(req: Req, taskName: string) {\n  tracer.startSpan(`${req.method} ${req.route}`).end();\n  tracer.startSpan("run " + taskName).end();\n}\n' },
    { lang: 'ts', name: 'not a tracer', code: 'timeline.startSpan(`user ${uid}`);\n' },
  ],
  invalid: [
    { lang: 'py', name: 'f-string', code: PY + 'with tracer.start_as_current_span(f"GET /users/{user_id}") as span:\n    pass\n', errors: [{ range: [3, 35, 3, 58], severity: 'warning', message: 'f-string' }] },
    { lang: 'py', name: '% operator', code: PY + 'span = tracer.start_span("process %s" % job.id)\n', errors: [{ range: [3, 26, 3, 47], message: '`%`' }] },
    { lang: 'py', name: '.format()', code: PY + 'span = tracer.start_span("process {}".format(job_id))\n', errors: [{ range: [3, 26, 3, 53], message: '.format()' }] },
    { lang: 'py', name: '+ concatenation', code: PY + 'span = tracer.start_span("process " + job_id)\n', errors: [{ range: [3, 26, 3, 45], message: 'concatenation' }] },
    { lang: 'py', name: 'decorator', code: PY + '@tracer.start_as_current_span(f"handler {name}")\ndef f():\n    pass\n', errors: [{ range: [3, 31, 3, 48] }] },
    { lang: 'py', name: 'name= keyword', code: PY + 'span = tracer.start_span(name=f"q {sql}")\n', errors: [{ range: [3, 31, 3, 41] }] },
    { lang: 'py', name: 'a name alone or an object is not an operation name', code: PY + 'def f(name, job):\n    span = tracer.start_span(f"load {name} {job}")\n', errors: [{ range: [4, 30, 4, 50] }] },
    { lang: 'py', name: 'self.tracer', code: 'class A:\n    def f(self, uid):\n        with self.tracer.start_as_current_span(f"user {uid}"):\n            pass\n', errors: [{ range: [3, 48, 3, 61] }] },
    { lang: 'ts', name: 'template literal', code: TS + 'tracer.startActiveSpan(`GET /users/${userId}`, (span) => { span.end(); });\n', errors: [{ range: [3, 24, 3, 46], severity: 'warning', message: 'template literal' }] },
    { lang: 'ts', name: '+ concatenation', code: TS + "const span = tracer.startSpan('process ' + job.id);\n", errors: [{ range: [3, 31, 3, 50], message: 'concatenation' }] },
    { lang: 'ts', name: 'path and user id', code: TS + 'function f(req: Req) {\n  tracer.startSpan(`${req.method} ${req.path}`).end();\n}\n', errors: [{ range: [4, 20, 4, 47] }] },
    { lang: 'ts', name: 'this.tracer', code: 'class A {\n  run(id: string) {\n    const span = this.tracer.startSpan(`job ${id}`);\n    span.end();\n  }\n}\n', errors: [{ range: [3, 40, 3, 51] }] },
    { lang: 'ts', name: 'getTracer chain', code: TS + 'trace.getTracer("a").startActiveSpan(`q ${sql}`, (span) => span.end());\n', errors: [{ range: [3, 38, 3, 48] }] },
    // Fixes (unsafe: the span name changes, so dashboards and alerts on the old names must follow)
    ...fixVariants({ lang: 'py', name: 'fix: f-string → static name and attributes=', code: PY + 'def f(user_id):\n    with tracer.start_as_current_span(f"GET /users/{user_id}/orders"):\n        pass\n', errors: [{ range: [4, 39, 4, 69], fixes: ['Use a static span name and set the values as attributes'], output: PY + 'def f(user_id):\n    with tracer.start_as_current_span("GET /users/orders", attributes={"user_id": user_id}):\n        pass\n' }] }),
    { lang: 'py', name: 'fix: % with a tuple, merged into an existing attributes dict', code: PY + 'span = tracer.start_span("process %s for %s" % (order.id, user), attributes={"a": 1})\n', errors: [{ range: [3, 26, 3, 64], output: PY + 'span = tracer.start_span("process for", attributes={"a": 1, "order_id": order.id, "user": user})\n' }] },
    { lang: 'py', name: 'fix: .format() keeps the quote style', code: PY + "with tracer.start_as_current_span('load {}'.format(name)) as s:\n    pass\n", errors: [{ range: [3, 35, 3, 57], output: PY + "with tracer.start_as_current_span('load', attributes={\"name\": name}) as s:\n    pass\n" }] },
    { lang: 'py', name: 'fix: + concatenation', code: PY + 'span = tracer.start_span("load " + table_name + ":" + key)\n', errors: [{ range: [3, 26, 3, 58], output: PY + 'span = tracer.start_span("load", attributes={"table_name": table_name, "key": key})\n' }] },
    { lang: 'py', name: 'fix: none when no words are left', code: PY + 'span = tracer.start_span(f"{method} {path}")\n', errors: [{ range: [3, 26, 3, 44], fixes: [] }] },
    { lang: 'ts', name: 'fix: (name, fn) gets an options argument', code: TS + 'tracer.startActiveSpan(`GET ${req.path}`, (span) => span.end());\n', errors: [{ range: [3, 24, 3, 41], output: TS + "tracer.startActiveSpan('GET', { attributes: { req_path: req.path } }, (span) => span.end());\n" }] },
    { lang: 'ts', name: 'fix: startSpan options without attributes', code: TS + "const s = tracer.startSpan('job ' + job.id, { kind: 1 });\n", errors: [{ range: [3, 28, 3, 43], output: TS + "const s = tracer.startSpan('job', { kind: 1, attributes: { job_id: job.id } });\n" }] },
    { lang: 'ts', name: 'fix: (name, options, context, fn) merges into attributes', code: TS + 'tracer.startActiveSpan(`job ${id}`, { attributes: { a: 1 } }, ctx, (span) => span.end());\n', errors: [{ range: [3, 24, 3, 35], output: TS + "tracer.startActiveSpan('job', { attributes: { a: 1, id } }, ctx, (span) => span.end());\n" }] },
    { lang: 'ts', name: 'fix: none when the options are not an object literal', code: TS + 'const s = tracer.startSpan(`job ${id}`, opts);\n', errors: [{ range: [3, 28, 3, 39], fixes: [] }] },
  ],
});
