import { ruleTester, type Expected } from '../../helpers/ruleTester';
import { stubProject } from '../../helpers/stubProject';

const PROM = 'from prometheus_client import Counter, Gauge, Histogram\n';
const OTEL = 'from opentelemetry import metrics\nmeter = metrics.get_meter(__name__)\n';
const PC = "import { Counter, Gauge, Histogram } from 'prom-client';\n";
const OT = "import { metrics } from '@opentelemetry/api';\nconst meter = metrics.getMeter('svc');\n";

/** Project helpers forwarding to a metric constructor (issue 14). */
const PY_HELPER = PROM + 'def make_counter(name, doc, labels=()):\n    return Counter(name, doc, labels)\ndef counter(name, doc, **kwargs):\n    return Counter(f"app_{name}", doc, **kwargs)\n';
const TS_HELPER = "import * as client from 'prom-client';\nfunction createCounter({ name, labelNames }: { name: string; labelNames?: string[] }) {\n  return new client.Counter({ name, help: 'h', labelNames });\n}\nfunction counter(name: string, help: string, labelNames: string[] = []) {\n  return new client.Counter({ name, help, labelNames: [...labelNames] });\n}\n";
const FAMILIES = 'from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, SummaryMetricFamily\n';
const PROJECT = stubProject({
  './metrics#createCounter': { kind: 'metric-factory', lib: 'prom-client', metric: 'counter' },
  './metrics#counter': { kind: 'metric-factory', lib: 'prom-client', metric: 'counter' },
  'app.metrics#make_counter': { kind: 'metric-factory', lib: 'prometheus_client', metric: 'counter' },
  './telemetry#instruments': { kind: 'meter' },
  'app.telemetry#instruments': { kind: 'meter' },
});
function withProject<T extends object>(c: T): T & { project: typeof PROJECT } {
  return { ...c, project: PROJECT };
}

/** RULES.md: the unbounded label names. */
const UNBOUNDED = ['user_id', 'userid', 'user', 'email', 'request_id', 'trace_id', 'span_id', 'session_id', 'correlation_id', 'order_id', 'customer_id', 'ip', 'ip_address', 'client_ip', 'url', 'uri', 'full_path', 'query', 'timestamp', 'uuid'];
/** RULES.md: must not fire. */
const BOUNDED = ['endpoint', 'route', 'method', 'status_code', 'status', 'region', 'le'];

/** The exact 1-based range of the `nth` occurrence of `needle` in `code` (single line). */
function at(code: string, needle: string, nth = 0): Expected {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = code.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in ${code}`);
  const before = code.slice(0, index).split('\n');
  const line = before.length;
  const col = before[before.length - 1].length + 1;
  return { range: [line, col, line, col + needle.length] };
}

function py(code: string, ...needles: string[]) {
  return { lang: 'py' as const, code, errors: needles.map((n) => at(code, n)) };
}
function ts(code: string, ...needles: string[]) {
  return { lang: 'ts' as const, code, errors: needles.map((n) => at(code, n)) };
}

ruleTester('unbounded-metric-label', {
  valid: [
    ...BOUNDED.map((l) => ({ lang: 'py' as const, name: `prometheus_client labelnames ${l}`, code: PROM + `C = Counter("x_total", "d", ["${l}"])\nC.labels(${l}="a").inc()\n` })),
    ...BOUNDED.map((l) => ({ lang: 'py' as const, name: `OTel attribute ${l}`, code: OTEL + `c = meter.create_counter("x")\nc.add(1, {"${l}": v})\n` })),
    ...BOUNDED.map((l) => ({ lang: 'ts' as const, name: `prom-client labelNames ${l}`, code: PC + `const c = new Counter({ name: 'x_total', help: 'd', labelNames: ['${l}'] });\nc.inc({ ${l}: v });\n` })),
    ...BOUNDED.map((l) => ({ lang: 'ts' as const, name: `OTel attribute ${l}`, code: OT + `const c = meter.createCounter('x');\nc.add(1, { ${l}: v });\n` })),
    { lang: 'py', name: 'label names that only contain a listed word', code: PROM + 'C = Counter("x", "d", ["user_type", "email_domain", "url_scheme", "query_name", "ip_version"])\n' },
    { lang: 'py', name: 'set.add / list / cache.set are not metrics', code: 'seen = set()\nseen.add(user_id)\ncache.set(user_id, {"user_id": 1})\nitems.add(1, {"user_id": u})\n' },
    { lang: 'py', name: 'collections.Counter', code: 'from collections import Counter\nc = Counter(["user_id"])\nc.update({"user_id": 1})\n' },
    { lang: 'py', name: '.add on a name not bound to an instrument', code: OTEL + 'def f(counter, user):\n    counter.add(1, {"user_id": user.id})\n' },
    { lang: 'py', name: 'add() on a histogram is not its method', code: OTEL + 'h = meter.create_histogram("x")\nh.add(1, {"user_id": u})\n' },
    { lang: 'py', name: '.labels() on an unknown object without a metric method', code: 'ax.labels(user="x")\n' },
    { lang: 'py', name: 'route template as a value', code: PROM + 'C = Counter("x", "d", ["endpoint"])\ndef f(request):\n    C.labels(endpoint=request.url_rule.rule).inc()\n' },
    { lang: 'py', name: 'a log call with user_id is not a metric', code: 'import structlog\nlog = structlog.get_logger()\nlog.info("x", user_id=1)\n' },
    { lang: 'py', name: 'create_counter on something that is not a meter', code: 'c = factory.create_counter("x")\nc.add(1, {"user_id": u})\n' },
    { lang: 'py', name: 'syntax error nearby', code: PROM + 'C = Counter("x", "d", ["route"])\ndef f(:\n    C.labels(route="/a").inc()\n' },
    { lang: 'ts', name: 'Set.add / Map.set are not metrics', code: 'const s = new Set();\ns.add(userId);\nconst m = new Map();\nm.set({ userId }, 1);\n' },
    { lang: 'ts', name: 'a local Counter class', code: "class Counter { constructor(o: object) {} }\nnew Counter({ name: 'x', labelNames: ['userId'] });\n" },
    { lang: 'ts', name: '.inc({...}) on an unknown receiver', code: PC + 'import { httpRequests } from "./metrics";\nhttpRequests.inc({ userId: u });\n' },
    { lang: 'ts', name: 'record() on a counter is not its method', code: OT + "const c = meter.createCounter('x');\nc.record(1, { userId: u });\n" },
    { lang: 'ts', name: 'route template value', code: PC + "const h = new Histogram({ name: 'x_seconds', help: 'd', labelNames: ['route'] });\nexport function f(req: any) { h.observe({ route: req.route.path }, 1); }\n" },
    { lang: 'ts', name: 'observe() outside an observable callback', code: OT + 'function f(r: any) { r.observe(1, { userId: u }); }\n' },
    { lang: 'ts', name: 'syntax error nearby', code: PC + "const c = new Counter({ name: 'x_total', help: 'd', labelNames: ['route'] });\nfunction f( {\nc.inc({ route: '/a' });\n" },
    { lang: 'py', name: 'helper with bounded labels; its uses', code: PY_HELPER + 'R = make_counter("x", "d", ["route"])\nR.labels(route="/a").inc()\nS = counter("y", "d", labelnames=["method"])\n' },
    { lang: 'py', name: 'a function with a fixed label list is not a factory', code: PROM + 'def setup(name):\n    return Counter(name, "d", ["route"])\nsetup("user_id")\n' },
    { lang: 'py', name: 'families with bounded labels, add_metric values', code: FAMILIES + 'def collect(self):\n    c = CounterMetricFamily("jobs", "d", labels=["queue"])\n    c.add_metric([q.name], 3)\n    yield c\n    yield GaugeMetricFamily("up", "d", value=1)\n' },
    { lang: 'py', name: 'add_metric on something that is not a family', code: 'def f(store, request):\n    store.add_metric([request.path], 1)\n' },
    { lang: 'py', name: 'an imported helper is only known with the project', code: 'from app.metrics import make_counter\nmake_counter("x", "d", ["user_id"])\n' },
    { lang: 'ts', name: 'helper with bounded labels; its uses', code: TS_HELPER + "const r = createCounter({ name: 'x_total', labelNames: ['route'] });\nr.inc({ route: '/a' });\ncounter('y_total', 'h', ['method']);\n" },
    { lang: 'ts', name: 'a helper with a fixed label list is not a factory', code: PC + "function mk(name: string) { return new Counter({ name, help: 'h', labelNames: ['route'] }); }\nmk('userId');\n" },
    { lang: 'ts', name: 'an imported helper is only known with the project', code: "import { createCounter } from './metrics';\ncreateCounter({ name: 'x', labelNames: ['userId'] });\n" },
    { lang: 'ts', name: 'an imported instrument source is only known with the project', code: "import { instruments } from './telemetry';\nconst c = instruments.createCounter('x');\nc.add(1, { userId: u });\n" },
    { lang: 'ts', name: 'logger child with userId', code: "import pino from 'pino';\nconst logger = pino();\nlogger.child({ userId }).info('x');\n" },
  ],
  invalid: [
    ...UNBOUNDED.map((l) => ({ name: `prometheus_client positional labelnames ${l}`, ...py(PROM + `C = Counter("x_total", "d", ["method", "${l}"])\n`, `"${l}"`) })),
    ...UNBOUNDED.map((l) => ({ name: `prom-client labelNames ${l}`, ...ts(PC + `new Counter({ name: 'x_total', help: 'd', labelNames: ['${l}'] });\n`, `'${l}'`) })),
    { name: 'labelnames= keyword (tuple)', ...py(PROM + 'H = Histogram("latency_seconds", "d", labelnames=("endpoint", "request_id"))\n', '"request_id"') },
    { name: 'camelCase label name', ...py(PROM + 'G = Gauge("x", "d", ["userId", "clientIP", "IpAddress"])\n', '"userId"', '"clientIP"', '"IpAddress"') },
    { name: '.labels() keyword on a metric from another module (chained .inc())', ...py('from app.metrics import REQUESTS\nREQUESTS.labels(method="GET", user_id=uid).inc()\n', 'user_id') },
    { name: '.labels() keyword in a file that imports prometheus_client', ...py(PROM + 'from app.metrics import REQUESTS\nchild = REQUESTS.labels(email=e)\n', 'email') },
    { name: 'with X.labels(...).time():', ...py('from app.metrics import LATENCY\ndef f(sid):\n    with LATENCY.labels(session_id=sid).time():\n        pass\n', 'session_id') },
    { name: 'declaration reported once; same-file uses stay silent', ...py(PROM + 'C = Counter("x", "d", ["user_id"])\ndef f(u):\n    C.labels(user_id=u).inc()\n    C.labels(u).inc()\n', '"user_id"') },
    { name: 'self.x metric: declaration only', ...py(PROM + 'class S:\n    def __init__(self):\n        self.c = Counter("x", "d", labelnames=["uuid"])\n    def f(self, u):\n        self.c.labels(uuid=u).inc()\n', '"uuid"') },
    { name: 'use of a label the declaration does not list', ...py(PROM + 'C = Counter("x", "d", ["method"])\nC.labels(method="GET", trace_id=t).inc()\n', 'trace_id') },
    { name: 'chained Counter(...).labels(...)', ...py(PROM + 'Counter("x", "d", ["order_id"]).labels(order_id=o).inc()\n', '"order_id"') },
    { name: 'raw request path value (keyword)', ...py(PROM + 'C = Counter("x", "d", ["endpoint"])\ndef f(request):\n    C.labels(endpoint=request.url.path).inc()\n', 'request.url.path') },
    { name: 'raw request path value (positional, str())', ...py(PROM + 'C = Counter("x", "d", ["path", "method"])\ndef f(request):\n    C.labels(str(request.path), request.method).inc()\n', 'str(request.path)') },
    { name: 'Django get_full_path()', ...py(PROM + 'C = Counter("x", "d", ["path"])\ndef f(request):\n    C.labels(path=request.get_full_path()).inc()\n', 'request.get_full_path()') },
    { name: 'unbounded name with a raw path value: one finding (the name)', ...py('from app.metrics import R\nR.labels(url=request.url).inc()\n', 'url') },
    { name: 'OTel counter.add attributes', ...py(OTEL + 'c = meter.create_counter("orders")\nc.add(1, {"customer_id": cid, "region": "eu"})\n', '"customer_id"') },
    { name: 'OTel histogram.record attributes= keyword, dotted name', ...py(OTEL + 'h = meter.create_histogram("db.duration")\nh.record(0.1, attributes={"user.id": uid})\n', '"user.id"') },
    { name: 'OTel instrument on self, raw path value', ...py(OTEL + 'class S:\n    def __init__(self):\n        self.h = meter.create_histogram("x")\n    def f(self, request):\n        self.h.record(1, {"http.path": request.url.path})\n', 'request.url.path') },
    { name: 'OTel class attribute', ...py(OTEL + 'class M:\n    c = meter.create_up_down_counter("x")\n    def f(self):\n        self.c.add(1, {"ip": ip})\n', '"ip"') },
    { name: 'OTel gauge.set and dict(...)', ...py(OTEL + 'g = meter.create_gauge("x")\ng.set(1, dict(timestamp=ts))\n', 'timestamp') },
    { name: 'OTel Observation', ...py('from opentelemetry.metrics import Observation\ndef cb(options):\n    yield Observation(1, {"session_id": s})\n', '"session_id"') },
    { name: 'chained create_counter(...).add', ...py(OTEL + 'meter.create_counter("x").add(1, {"query": q})\n', '"query"') },
    { name: 'inside a lambda', ...py('from app.metrics import R\ncb = lambda u: R.labels(user=u).inc()\n', 'user') },
    { name: 'aliased import', ...py('from prometheus_client import Counter as PCounter\nC = PCounter("x", "d", ["uuid"])\n', '"uuid"') },
    { name: 'module import', ...py('import prometheus_client as pc\nC = pc.Summary("x", "d", ["client_ip"])\n', '"client_ip"') },
    { name: 'prom-client: declaration only, uses silent', ...ts(PC + "const c = new Counter({ name: 'x_total', help: 'd', labelNames: ['userId'] });\nc.inc({ userId: u });\nc.labels(u).inc();\n", "'userId'") },
    { name: 'prom-client .labels({...}) chained on an imported metric', ...ts("import { httpRequests } from './metrics';\nhttpRequests.labels({ method: 'GET', sessionId: s }).inc();\n", 'sessionId') },
    { name: 'prom-client .labels() positional raw path', ...ts(PC + "const c = new Counter({ name: 'x_total', help: 'd', labelNames: ['route', 'method'] });\nexport function f(req: any) { c.labels(req.originalUrl, req.method).inc(); }\n", 'req.originalUrl') },
    { name: 'prom-client observe / set / startTimer label objects', ...ts(PC + "const h = new Histogram({ name: 'x_seconds', help: 'd', labelNames: ['route'] });\nconst g = new Gauge({ name: 'g', help: 'd' });\nexport function f(req: any) {\n  h.observe({ route: req.path }, 1);\n  g.set({ requestId: r }, 1);\n  h.startTimer({ route: String(req.url) });\n}\n", 'req.path', 'requestId', 'String(req.url)') },
    { name: 'client.Counter namespace, this.x binding', ...ts("import * as client from 'prom-client';\nclass S {\n  private c = new client.Counter({ name: 'x_total', help: 'd' });\n  f() { this.c.inc({ orderId: o }); }\n}\n", 'orderId') },
    { name: 'metrics object', ...ts(PC + "const metrics = { jobs: new Counter({ name: 'jobs_total', help: 'd' }) };\nmetrics.jobs.inc({ customerId: c });\n", 'customerId') },
    { name: 'require()', ...ts("const promClient = require('prom-client');\nnew promClient.Gauge({ name: 'g', help: 'd', labelNames: ['email'] });\n", "'email'") },
    { name: 'OTel counter.add', ...ts(OT + "const orders = meter.createCounter('orders');\norders.add(1, { customerId: c, region: 'eu' });\n", 'customerId') },
    { name: 'OTel histogram.record with shorthand and string keys', ...ts(OT + "const h = meter.createHistogram('x');\nh.record(1, { traceId, 'user.id': u });\n", 'traceId', "'user.id'") },
    { name: 'OTel instrument as a class property', ...ts(OT + "class S {\n  private readonly h = meter.createHistogram('x');\n  f(req: any) { this.h.record(1, { path: req.url }); }\n}\n", 'req.url') },
    { name: 'OTel this.x assigned in the constructor', ...ts(OT + "class S {\n  c: any;\n  constructor() { this.c = meter.createUpDownCounter('x'); }\n  f() { this.c.add(1, { uuid: u }); }\n}\n", 'uuid') },
    { name: 'OTel observable callback', ...ts(OT + "const q = meter.createObservableGauge('q');\nq.addCallback((result) => { result.observe(1, { userId: u }); });\n", 'userId') },
    { name: 'inside an arrow function (express middleware)', ...ts("import client from 'prom-client';\nconst http = new client.Counter({ name: 'http_total', help: 'd', labelNames: ['path'] });\napp.use((req, res, next) => { res.on('finish', () => http.labels({ path: req.path }).inc()); next(); });\n", 'req.path') },
    { name: 'helper: label names passed positionally', ...py(PY_HELPER + 'R = make_counter("x", "d", ["route", "user_id"])\n', '"user_id"') },
    { name: 'helper: label names by keyword; same-file uses stay silent', ...py(PY_HELPER + 'R = make_counter("x", "d", labels=("email",))\nR.labels(email=e).inc()\n', '"email"') },
    { name: 'helper forwarding **kwargs', ...py(PY_HELPER + 'R = counter("x", "d", labelnames=["session_id"])\n', '"session_id"') },
    { name: 'helper: a use of a label the call does not declare', ...py(PY_HELPER + 'R = make_counter("x", "d", ["route"])\nR.labels(route=r, uuid=u).inc()\n', 'uuid') },
    { name: 'helper imported from a project module', ...withProject(py('from app.metrics import make_counter\nR = make_counter("x", "d", ["method", "client_ip"])\n', '"client_ip"')) },
    { name: 'OTel meter imported from a project module', ...withProject(py('from app.telemetry import instruments\nc = instruments.create_counter("x")\nc.add(1, {"user_id": u})\n', '"user_id"')) },
    { name: 'CounterMetricFamily labels=', ...py(FAMILIES + 'def collect(self):\n    c = CounterMetricFamily("logins", "d", labels=["user_id"])\n    c.add_metric([u.id], 1)\n    yield c\n', '"user_id"') },
    { name: 'HistogramMetricFamily and SummaryMetricFamily positional labels', ...py(FAMILIES + 'h = HistogramMetricFamily("x", "d", None, None, ["session_id"])\ns = SummaryMetricFamily("y", "d", None, None, ["email"])\n', '"session_id"', '"email"') },
    { name: 'add_metric with a raw request path', ...py(FAMILIES + 'def collect(request):\n    g = GaugeMetricFamily("x", "d", labels=["path"])\n    g.add_metric([request.path], 1)\n    yield g\n', 'request.path') },
    { name: 'helper: destructured options (prom-client)', ...ts(TS_HELPER + "createCounter({ name: 'x_total', labelNames: ['route', 'userId'] });\n", "'userId'") },
    { name: 'helper: positional label names', ...ts(TS_HELPER + "counter('x_total', 'h', ['sessionId']);\n", "'sessionId'") },
    { name: 'helper: options passed whole or spread', ...ts(PC + "const make = (o: any) => new Counter(o);\nfunction mk(o: any) { return new Gauge({ ...o, registers: [] }); }\nmake({ name: 'a', help: 'h', labelNames: ['email'] });\nmk({ name: 'b', help: 'h', labelNames: ['uuid'] });\n", "'email'", "'uuid'") },
    { name: 'helper: a use of a label the call does not declare', ...ts(TS_HELPER + "const r = createCounter({ name: 'x_total', labelNames: ['route'] });\nr.inc({ route: '/a', orderId: o });\n", 'orderId') },
    { name: 'helper imported from a project module (options and positional)', ...withProject(ts("import { createCounter, counter } from './metrics';\ncreateCounter({ name: 'x', labelNames: ['userId'] });\ncounter('y', 'h', ['traceId']);\n", "'userId'", "'traceId'")) },
    { name: 'OTel meter imported from a project module', ...withProject(ts("import { instruments } from './telemetry';\nconst c = instruments.createCounter('x');\nc.add(1, { userId: u });\n", 'userId')) },
    { name: 'one finding per distinct value in a call (Python)', ...py(PROM + 'C = Counter("x", "d", ["path", "endpoint", "user_id", "user_id"])\ndef f(request):\n    C.labels(path=request.path, endpoint=request.path).inc()\n', '"user_id"', 'request.path') },
    { name: 'one finding per distinct value in a call (TS)', ...ts(PC + "const c = new Counter({ name: 'x_total', help: 'h', labelNames: ['path', 'endpoint'] });\nexport function f(req: any) {\n  c.inc({ path: req.path, endpoint: req.path });\n  c.labels(req.url, req.url).inc();\n}\n", 'req.path', 'req.url') },
    { name: 'OTel: meter not imported but named meter', ...ts("export function f(meter: any) {\n  const c = meter.createCounter('x');\n  c.add(1, { email: e });\n}\n", 'email') },
  ],
});
