import * as assert from 'node:assert/strict';
import { exposedNames } from '../../server/src/analysis/metrics';
import { initAnalyzer, run } from '../helpers/analyze';
import { stubProject } from '../helpers/stubProject';

describe('metric registrations', () => {
  before(() => initAnalyzer());
  const collect = (code: string, lang: 'py' | 'ts', project?: ReturnType<typeof stubProject>) => run(code, lang, { collectMetrics: true, only: [], project }).metrics;

  it('prometheus_client: series per type, namespace and subsystem', () => {
    const m = collect('from prometheus_client import Counter, Histogram\nimport prometheus_client as pc\nC = Counter("orders_total", "x")\nH = Histogram("latency_seconds", "x", namespace="shop", subsystem="api")\nG = pc.Gauge(name="queue_depth", documentation="x")\n', 'py')!;
    assert.deepEqual(m.names, ['orders', 'orders_total', 'orders_created', ...exposedNames('histogram', 'shop_api_latency_seconds'), 'queue_depth']);
  });

  it('prom-client and OpenTelemetry meters', () => {
    const m = collect("import client from 'prom-client';\nimport { Histogram } from 'prom-client';\nnew client.Counter({ name: 'jobs_total', help: 'x' });\nnew Histogram({ name: 'job_seconds', help: 'x' });\nmeter.createCounter('http.server.requests');\n", 'ts')!;
    assert.deepEqual(m.names, ['jobs', 'jobs_total', 'jobs_created', ...exposedNames('histogram', 'job_seconds')]);
    assert.deepEqual(m.prefixes, ['http_server_requests']);
    assert.deepEqual(collect('from opentelemetry import metrics\nmeter.create_histogram("db.query.duration")\n', 'py')!.prefixes, ['db_query_duration']);
  });

  it('ignores look-alikes from other libraries', () => {
    assert.deepEqual(collect('from collections import Counter\nc = Counter("abc")\n', 'py')!.names, []);
    assert.deepEqual(collect('class Counter {}\nnew Counter({ name: "x" });\n', 'ts')!.names, []);
  });

  it('prometheus_client custom collectors: the samples each *MetricFamily writes', () => {
    const m = collect('from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, SummaryMetricFamily, InfoMetricFamily, StateSetMetricFamily\n'
      + 'def collect():\n    yield CounterMetricFamily("jobs_total", "d", labels=["q"])\n    yield GaugeMetricFamily("depth", "d", value=1)\n    yield HistogramMetricFamily("wait_seconds", "d", labels=["q"])\n'
      + '    yield SummaryMetricFamily("size_bytes", "d", count_value=1, sum_value=2)\n    yield InfoMetricFamily("build", "d", value={"v": "1"})\n    yield StateSetMetricFamily("mode", "d", value={"a": True})\n', 'py')!;
    assert.deepEqual(m.names, ['jobs', 'jobs_total', 'depth', 'wait_seconds', 'wait_seconds_bucket', 'wait_seconds_sum', 'wait_seconds_count', 'size_bytes', 'size_bytes_sum', 'size_bytes_count', 'build', 'build_info', 'mode']);
  });

  it('prometheus_client unit=: appended unless the name already ends with it, after a counter\'s _total is dropped', () => {
    const m = collect('from prometheus_client import Counter, Gauge\nC = Counter("sent_total", "d", unit="bytes")\nG = Gauge("temp_celsius", "d", unit="celsius")\n', 'py')!;
    assert.deepEqual(m.names, ['sent_bytes', 'sent_bytes_total', 'sent_bytes_created', 'temp_celsius']);
  });

  it('project helpers: the names their calls register, with the helper\'s prefix', () => {
    const py = collect('from prometheus_client import Counter\ndef make_counter(name, doc):\n    return Counter(f"app_{name}", doc)\nR = make_counter("requests", "d")\n', 'py')!;
    assert.deepEqual(py.names, ['app_requests', 'app_requests_total', 'app_requests_created']);
    const ts = collect("import * as client from 'prom-client';\nconst counter = ({ name }: { name: string }) => new client.Counter({ name, help: 'h' });\ncounter({ name: 'jobs_total' });\n", 'ts')!;
    assert.deepEqual(ts.names, ['jobs', 'jobs_total', 'jobs_created']);
  });

  it('helpers and meters imported from project modules, when the project view knows them', () => {
    const project = stubProject({ './metrics#createCounter': { kind: 'metric-factory', lib: 'prom-client', metric: 'counter' }, './telemetry#instruments': { kind: 'meter' } });
    const code = "import { createCounter } from './metrics';\nimport { instruments } from './telemetry';\ncreateCounter({ name: 'jobs_total', help: 'h' });\ninstruments.createHistogram('db.query.duration');\n";
    const m = collect(code, 'ts', project)!;
    assert.deepEqual(m.names, ['jobs', 'jobs_total', 'jobs_created']);
    assert.deepEqual(m.prefixes, ['db_query_duration']);
    assert.deepEqual(collect(code, 'ts')!, { names: [], prefixes: [] });
  });
});
