import * as assert from 'node:assert/strict';
import { exposedNames } from '../../server/src/analysis/metrics';
import { initAnalyzer, run } from '../helpers/analyze';

describe('metric registrations', () => {
  before(() => initAnalyzer());
  const collect = (code: string, lang: 'py' | 'ts') => run(code, lang, { collectMetrics: true, only: [] }).metrics;

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
});
