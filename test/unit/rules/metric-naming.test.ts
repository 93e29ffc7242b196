import { fixVariants, ruleTester, type Expected, type InvalidCase } from '../../helpers/ruleTester';
import { stubProject } from '../../helpers/stubProject';

const PROM = 'from prometheus_client import Counter, Gauge, Histogram, Summary\n';
const OTEL = 'from opentelemetry import metrics\nmeter = metrics.get_meter(__name__)\n';
const PC = "import { Counter, Gauge, Histogram, Summary } from 'prom-client';\n";
const OT = "import { metrics } from '@opentelemetry/api';\nconst meter = metrics.getMeter('svc');\n";
/** Project helpers forwarding to a metric constructor (issue 14). */
const PY_HELPER = PROM + 'def make_counter(name, doc, labels=()):\n    return Counter(name, doc, labels)\ndef make_histogram(name, doc, labels=()):\n    return Histogram(f"app_{name}", doc, labels)\n';
const TS_HELPER = "import * as client from 'prom-client';\nfunction createCounter({ name, labelNames }: { name: string; labelNames?: string[] }) {\n  return new client.Counter({ name, help: 'h', labelNames });\n}\nconst counter = (name: string, help: string) => new client.Counter({ name: `app_${name}`, help });\n";
const FAMILIES = 'from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily\n';
const PROJECT = stubProject({
  './metrics#createCounter': { kind: 'metric-factory', lib: 'prom-client', metric: 'counter' },
  'app.metrics#make_counter': { kind: 'metric-factory', lib: 'prometheus_client', metric: 'counter' },
  './telemetry#instruments': { kind: 'meter' },
  'app.telemetry#instruments': { kind: 'meter' },
});

/** The exact 1-based range of `needle` in `code` (single line), with the expected message parts. */
function at(code: string, needle: string, message?: string): Expected {
  const index = code.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in ${code}`);
  const before = code.slice(0, index).split('\n');
  const col = before[before.length - 1].length + 1;
  return { range: [before.length, col, before.length, col + needle.length], severity: 'info', ...(message ? { message } : {}) };
}

function py(code: string, needle: string, message?: string) {
  return { lang: 'py' as const, code, errors: [at(code, needle, message)] };
}
function ts(code: string, needle: string, message?: string) {
  return { lang: 'ts' as const, code, errors: [at(code, needle, message)] };
}

ruleTester('metric-naming', {
  valid: [
    { lang: 'py', name: 'prometheus_client counter without _total (the client adds it)', code: PROM + 'C = Counter("http_requests", "Requests")\n' },
    { lang: 'py', name: 'prometheus_client counter with _total', code: PROM + 'C = Counter("http_requests_total", "Requests")\n' },
    { lang: 'py', name: 'histogram in seconds', code: PROM + 'H = Histogram("http_request_duration_seconds", "Latency", ["route"])\n' },
    { lang: 'py', name: 'gauge, name= keyword', code: PROM + 'G = Gauge(name="queue_depth", documentation="Depth")\n' },
    { lang: 'py', name: 'colon-free snake_case with digits', code: PROM + 'S = Summary("s3_upload_bytes", "x")\n' },
    { lang: 'py', name: 'non-literal name', code: PROM + 'C = Counter(f"{prefix}Requests", "x")\nD = Counter(NAME, "x")\n' },
    { lang: 'py', name: 'collections.Counter', code: 'from collections import Counter\nc = Counter("helloWorld")\n' },
    { lang: 'py', name: 'OTel dotted names', code: OTEL + 'meter.create_histogram("http.server.request.duration", unit="s")\nmeter.create_counter("db.client.connection.count")\nmeter.create_up_down_counter("http.server.active_requests")\n' },
    { lang: 'py', name: 'OTel counter without _total', code: OTEL + 'meter.create_counter("orders.created")\n' },
    { lang: 'py', name: 'a word that merely contains "ms"', code: PROM + 'G = Gauge("cms_pages", "x")\nH = Histogram("items_seconds", "x")\n' },
    { lang: 'py', name: 'a count in the middle of a name', code: PROM + 'C = Counter("retry_count_exceeded_total", "x")\n' },
    { lang: 'py', name: 'syntax error nearby', code: PROM + 'C = Counter("http_requests", "x")\ndef f(:\n    pass\n' },
    { lang: 'ts', name: 'syntax error nearby', code: PC + "new Counter({ name: 'ok_total', help: 'x' });\nfunction f( {\n" },
    { lang: 'ts', name: 'prom-client counter with _total', code: PC + "new Counter({ name: 'http_requests_total', help: 'x' });\n" },
    { lang: 'ts', name: 'prom-client histogram in seconds', code: PC + "new Histogram({ name: 'http_request_duration_seconds', help: 'x', labelNames: ['route'] });\n" },
    { lang: 'ts', name: 'prom-client gauge', code: PC + "new Gauge({ name: 'queue_depth', help: 'x' });\n" },
    { lang: 'ts', name: 'template literal name', code: PC + 'new Counter({ name: `${prefix}Requests`, help: "x" });\n' },
    { lang: 'ts', name: 'a local Counter class', code: "class Counter { constructor(o: object) {} }\nnew Counter({ name: 'httpRequests' });\n" },
    { lang: 'ts', name: 'OTel dotted names', code: OT + "meter.createHistogram('http.server.request.duration', { unit: 's' });\nmeter.createCounter('http.server.requests');\nmeter.createObservableGauge('process.memory.usage');\n" },
    { lang: 'ts', name: 'createCounter on something that is not a meter', code: "store.createCounter('Hello World');\n" },
    // Project helpers, custom collectors, units
    { lang: 'py', name: 'helper: good names', code: PY_HELPER + 'A = make_counter("jobs", "d")\nB = make_histogram("latency_seconds", "d")\n' },
    { lang: 'py', name: 'a function that does not forward its arguments is not a helper', code: PROM + 'def setup(app):\n    app.c = Counter("jobs_done", "d")\nsetup("Hello World")\n' },
    { lang: 'py', name: 'CounterMetricFamily without _total (the client adds it), gauge and histogram families', code: FAMILIES + 'def collect():\n    yield CounterMetricFamily("jobs", "d", labels=["queue"])\n    yield GaugeMetricFamily("queue_depth", "d", value=1)\n    yield HistogramMetricFamily("wait_seconds", "d", labels=["queue"])\n' },
    { lang: 'py', name: 'unit= in seconds', code: PROM + 'H = Histogram("request_latency", "d", unit="seconds")\n' },
    { lang: 'py', name: 'a meter imported from a project module is only known with the project', code: 'from app.telemetry import instruments\ninstruments.create_histogram("db.query.ms")\n' },
    { lang: 'ts', name: 'helper: good names', code: TS_HELPER + "createCounter({ name: 'jobs_total', labelNames: ['queue'] });\ncounter('jobs_total', 'h');\n" },
    { lang: 'ts', name: 'a helper with a fixed name is not a factory', code: PC + "function jobs(help: string) { return new Counter({ name: 'jobs_total', help }); }\njobs('Hello World');\n" },
    { lang: 'ts', name: 'an imported helper is only known with the project', code: "import { createCounter } from './metrics';\ncreateCounter({ name: 'httpRequests', help: 'h' });\n" },
  ],
  invalid: [
    { name: 'camelCase (prometheus_client)', ...py(PROM + 'C = Counter("httpRequests", "x")\n', '"httpRequests"', 'use snake_case') },
    { name: 'suggestion', ...py(PROM + 'C = Counter("httpRequests", "x")\n', '"httpRequests"', 'Rename it to `http_requests`') },
    { name: 'dots and dashes', ...py(PROM + 'G = Gauge("queue-depth.current", "x")\n', '"queue-depth.current"', '`queue_depth_current`') },
    { name: 'milliseconds', ...py(PROM + 'H = Histogram("request_latency_ms", "x")\n', '"request_latency_ms"', '`_seconds`, not `_ms`') },
    { name: 'milliseconds word, suggestion', ...py(PROM + 'H = Histogram("db_query_milliseconds", "x")\n', '"db_query_milliseconds"', 'Rename it to `db_query_seconds`') },
    { name: '_count suffix', ...py(PROM + 'G = Gauge("active_users_count", "x")\n', '"active_users_count"', '`_count` is reserved') },
    { name: '_sum suffix', ...py(PROM + 'S = Summary("payment_sum", "x")\n', '"payment_sum"', '`_sum` is reserved') },
    { name: '_bucket suffix', ...py(PROM + 'H = Histogram("size_bucket", "x")\n', '"size_bucket"', '`_bucket`') },
    { name: 'several problems in one finding', ...py(PROM + 'H = Histogram("requestMs_count", "x")\n', '"requestMs_count"', 'use snake_case (lower-case words joined by `_`); measure time in seconds (`_seconds`, not `_ms`); `_count` is reserved for the series of histograms and summaries. Rename it to `request_seconds`.') },
    { name: 'name= keyword', ...py(PROM + 'C = Counter(name="Jobs", documentation="x")\n', '"Jobs"') },
    { name: 'module import', ...py('import prometheus_client\nC = prometheus_client.Counter("jobsDone", "x")\n', '"jobsDone"') },
    { name: 'OTel: unit in the name', ...py(OTEL + 'meter.create_histogram("http.server.duration_ms")\n', '"http.server.duration_ms"', 'drop `_ms`') },
    { name: 'OTel: dotted unit', ...py(OTEL + 'h = meter.create_histogram("db.query.ms")\n', '"db.query.ms"', 'drop `.ms`') },
    { name: 'OTel: invalid name', ...py(OTEL + 'meter.create_counter("orders created")\n', '"orders created"', 'not a valid OpenTelemetry instrument name') },
    { name: 'OTel on self.meter', ...py('class S:\n    def __init__(self, meter):\n        self.h = self.meter.create_histogram("latency_milliseconds")\n', '"latency_milliseconds"', 'drop `_milliseconds`') },
    { name: 'prom-client counter without _total', ...ts(PC + "new Counter({ name: 'http_requests', help: 'x' });\n", "'http_requests'", 'a counter name ends in `_total` (prom-client does not add it). Rename it to `http_requests_total`.') },
    { name: 'prom-client camelCase counter', ...ts(PC + "new Counter({ name: 'httpRequestsTotal', help: 'x' });\n", "'httpRequestsTotal'", 'Rename it to `http_requests_total`.') },
    { name: 'prom-client counter with _count', ...ts(PC + "new Counter({ name: 'jobs_count', help: 'x' });\n", "'jobs_count'", 'Rename it to `jobs_total`.') },
    { name: 'prom-client milliseconds', ...ts(PC + "const h = new Histogram({ name: 'http_latency_ms', help: 'x' });\n", "'http_latency_ms'", 'Rename it to `http_latency_seconds`.') },
    { name: 'prom-client gauge _bucket', ...ts(PC + "new Gauge({ name: 'pool_bucket', help: 'x' });\n", "'pool_bucket'", '`_bucket`') },
    { name: 'client.Summary', ...ts("import client from 'prom-client';\nnew client.Summary({ name: 'rpcDuration', help: 'x' });\n", "'rpcDuration'", 'snake_case') },
    { name: 'require() and an alias', ...ts("const { Counter: PromCounter } = require('prom-client');\nnew PromCounter({ help: 'x', name: 'errors' });\n", "'errors'", '`errors_total`') },
    { name: 'OTel: unit in the name', ...ts(OT + "meter.createHistogram('http.client.duration_ms');\n", "'http.client.duration_ms'", 'drop `_ms`') },
    { name: 'OTel: invalid name', ...ts(OT + "meter.createCounter('1st counter');\n", "'1st counter'", 'not a valid OpenTelemetry') },
    { name: 'helper: the name passed to a prometheus_client helper', ...py(PY_HELPER + 'REQUESTS = make_counter("httpRequests", "d")\n', '"httpRequests"', 'Rename it to `http_requests`') },
    { name: 'helper: its prefix is part of the name', ...py(PY_HELPER + 'LATENCY = make_histogram("latency_ms", "d")\n', '"latency_ms"', 'Metric name `app_latency_ms` breaks Prometheus naming') },
    { name: 'helper: keyword argument', ...py(PY_HELPER + 'REQUESTS = make_counter(name="requests_count", doc="d")\n', '"requests_count"', '`_count` is reserved') },
    { name: 'helper imported from a project module', lang: 'py' as const, project: PROJECT, code: 'from app.metrics import make_counter\nREQUESTS = make_counter("httpRequests", "d")\n', errors: [at('from app.metrics import make_counter\nREQUESTS = make_counter("httpRequests", "d")\n', '"httpRequests"')] },
    { name: 'OTel meter imported from a project module', lang: 'py' as const, project: PROJECT, code: 'from app.telemetry import instruments\ninstruments.create_histogram("db.query.ms")\n', errors: [at('from app.telemetry import instruments\ninstruments.create_histogram("db.query.ms")\n', '"db.query.ms"', 'drop `.ms`')] },
    { name: 'CounterMetricFamily camelCase', ...py(FAMILIES + 'def collect():\n    yield CounterMetricFamily("jobsDone", "d", labels=["queue"])\n', '"jobsDone"', 'Rename it to `jobs_done`') },
    { name: 'GaugeMetricFamily _count', ...py(FAMILIES + 'def collect():\n    g = GaugeMetricFamily("workers_count", "d")\n    yield g\n', '"workers_count"', '`_count` is reserved') },
    { name: 'module import of a family', ...py('import prometheus_client.core as core\ng = core.GaugeMetricFamily("queue-depth", "d")\n', '"queue-depth"', 'snake_case') },
    { name: 'unit= in milliseconds: the exposed name breaks the rule (no fix: the unit must change)', lang: 'py' as const, code: PROM + 'H = Histogram("request_latency", "d", unit="milliseconds")\n', errors: [{ ...at(PROM + 'H = Histogram("request_latency", "d", unit="milliseconds")\n', '"request_latency"', 'Metric name `request_latency_milliseconds`'), fixes: [] }] },
    { name: 'helper: destructured options (prom-client)', ...ts(TS_HELPER + "createCounter({ name: 'httpRequests', labelNames: ['route'] });\n", "'httpRequests'", 'Rename it to `http_requests_total`') },
    { name: 'helper: positional name with a prefix', ...ts(TS_HELPER + "counter('jobs', 'h');\n", "'jobs'", 'Metric name `app_jobs` breaks Prometheus naming: a counter name ends in `_total`') },
    { name: 'helper: options passed whole', ...ts(PC + "const make = (opts: any) => new Counter(opts);\nmake({ name: 'errors', help: 'h' });\n", "'errors'", '`errors_total`') },
    { name: 'helper: options spread', ...ts(PC + "function make(options: any) { return new Histogram({ ...options, buckets: [1] }); }\nmake({ help: 'h', name: 'wait_ms' });\n", "'wait_ms'", '`wait_seconds`') },
    { name: 'helper: OTel instrument', ...ts(OT + "export function histogram(name: string) { return meter.createHistogram(name, { unit: 's' }); }\nhistogram('db.query.ms');\n", "'db.query.ms'", 'drop `.ms`') },
    { name: 'helper imported from a project module', lang: 'ts' as const, project: PROJECT, code: "import { createCounter } from './metrics';\ncreateCounter({ name: 'httpRequests', help: 'h' });\n", errors: [at("import { createCounter } from './metrics';\ncreateCounter({ name: 'httpRequests', help: 'h' });\n", "'httpRequests'", '`http_requests_total`')] },
    { name: 'OTel meter imported from a project module', lang: 'ts' as const, project: PROJECT, code: "import { instruments } from './telemetry';\ninstruments.createHistogram('http.client.duration_ms');\n", errors: [at("import { instruments } from './telemetry';\ninstruments.createHistogram('http.client.duration_ms');\n", "'http.client.duration_ms'", 'drop `_ms`')] },
    { name: 'OTel on this.meter', ...ts("class S {\n  constructor(private meter: any) {}\n  h = this.meter.createHistogram('queue.wait.millis');\n}\n", "'queue.wait.millis'", 'drop `.millis`') },
    ...[
      {
        lang: 'py',
        name: 'fix: rename a prometheus_client metric (camelCase)',
        code: `
          from prometheus_client import Counter


          class Jobs:
              def __init__(self):
                  self.done = Counter('jobsDone', 'Jobs done')
        `,
        errors: [{
          range: [6, 29, 6, 39],
          fixes: ['Rename to `jobs_done`'],
          output: `
            from prometheus_client import Counter


            class Jobs:
                def __init__(self):
                    self.done = Counter('jobs_done', 'Jobs done')
          `,
        }],
      },
      {
        lang: 'ts',
        name: 'fix: rename a prom-client counter (adds _total)',
        code: `
          import { Counter } from 'prom-client';
          export function metrics() {
              if (enabled) {
                  return new Counter({ name: "http_requests", help: 'h' });
              }
          }
        `,
        errors: [{
          range: [4, 36, 4, 51],
          fixes: ['Rename to `http_requests_total`'],
          output: `
            import { Counter } from 'prom-client';
            export function metrics() {
                if (enabled) {
                    return new Counter({ name: "http_requests_total", help: 'h' });
                }
            }
          `,
        }],
      },
    ].flatMap((c) => [c as InvalidCase, ...fixVariants(c as InvalidCase)]),
    {
      lang: 'py', name: 'fix: a time unit rename says to record seconds', code: PROM + "h = Histogram('request_latency_ms', 'Latency')\n",
      errors: [{ range: [2, 15, 2, 35], fixes: ['Rename to `request_latency_seconds` (then record seconds)'], output: PROM + "h = Histogram('request_latency_seconds', 'Latency')\n" }],
    },
    { lang: 'py', name: 'fix: a helper\'s prefix stays out of the literal', code: PY_HELPER + "LATENCY = make_histogram('latency_ms', 'd')\n", errors: [{ range: [6, 26, 6, 38], fixes: ['Rename to `app_latency_seconds` (then record seconds)'], output: PY_HELPER + "LATENCY = make_histogram('latency_seconds', 'd')\n" }] },
    { lang: 'ts', name: 'fix: a helper\'s prefix stays out of the literal', code: TS_HELPER + "counter('jobs', 'h');\n", errors: [{ range: [6, 9, 6, 15], fixes: ['Rename to `app_jobs_total`'], output: TS_HELPER + "counter('jobs_total', 'h');\n" }] },
    { lang: 'ts', name: 'no fix for OpenTelemetry names', code: OT + "const h = meter.createHistogram('queue.wait.ms');\n", errors: [{ range: [3, 33, 3, 48], fixes: [] }] },
  ],
});
