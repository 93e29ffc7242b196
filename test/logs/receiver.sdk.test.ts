/** The real OpenTelemetry JS SDK exporters (JSON and protobuf, plain and gzip) against our receiver. */
import * as assert from 'node:assert/strict';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter as JsonExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { LogRecord } from '../../server/src/logs/model';
import type { OtlpReceiver } from '../../server/src/logs/receiver';
import { SPAN_ID, startReceiver, TRACE_ID, waitFor } from './helpers';

type ExporterConfig = NonNullable<ConstructorParameters<typeof JsonExporter>[0]>;

const VARIANTS = [
  { name: 'http/json', make: (c: ExporterConfig) => new JsonExporter(c), source: 'otlp-json', gzip: false },
  { name: 'http/json + gzip', make: (c: ExporterConfig) => new JsonExporter(c), source: 'otlp-json', gzip: true },
  { name: 'http/protobuf', make: (c: ExporterConfig) => new ProtoExporter(c), source: 'otlp-proto', gzip: false },
  { name: 'http/protobuf + gzip', make: (c: ExporterConfig) => new ProtoExporter(c), source: 'otlp-proto', gzip: true },
] as const;

/** One record per AnyValue kind, keyed by a `case` attribute so the assertions can find them. */
const BODIES: { name: string; body: unknown; kind: string; value: unknown; text: string }[] = [
  { name: 'string', body: 'order placed', kind: 'string', value: 'order placed', text: 'order placed' },
  { name: 'int', body: 42, kind: 'int', value: 42, text: '42' },
  { name: 'double', body: 3.25, kind: 'double', value: 3.25, text: '3.25' },
  { name: 'bool', body: true, kind: 'bool', value: true, text: 'true' },
  { name: 'bytes', body: new Uint8Array([1, 2, 255]), kind: 'bytes', value: 'AQL/', text: 'AQL/' },
  { name: 'array', body: ['a', 1, false], kind: 'array', value: ['a', 1, false], text: '["a",1,false]' },
  { name: 'kvlist', body: { user: 'u1', n: { deep: 2 } }, kind: 'kvlist', value: { user: 'u1', n: { deep: 2 } }, text: '{"user":"u1","n":{"deep":2}}' },
  { name: 'empty', body: undefined, kind: 'empty', value: null, text: '' },
];

describe('logs receiver: real OpenTelemetry SDK exporters', () => {
  let receiver: OtlpReceiver;
  let port: number;
  let records: LogRecord[];

  before(async () => ({ receiver, port, records } = await startReceiver()));
  after(() => receiver.close());
  beforeEach(() => (records.length = 0));

  for (const v of VARIANTS) {
    it(`${v.name}: every field of every body kind arrives`, async () => {
      const exporter = v.make({ url: `http://127.0.0.1:${port}/v1/logs`, ...(v.gzip ? { compression: 'gzip' as ExporterConfig['compression'] } : {}) });
      const provider = new LoggerProvider({
        resource: resourceFromAttributes({ 'service.name': 'checkout', 'deployment.environment': 'test' }),
        processors: [new SimpleLogRecordProcessor({ exporter })],
      });
      try {
        const sdkLogger = provider.getLogger('orders', '1.2.3');
        const ctx = trace.setSpanContext(context.active(), { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED });
        for (const b of BODIES) {
          sdkLogger.emit({
            body: b.body as never,
            severityNumber: SeverityNumber.WARN2,
            severityText: 'warning',
            timestamp: [1_700_000_000, 123_456_789],
            observedTimestamp: [1_700_000_001, 5],
            attributes: { case: b.name, 'order.id': 7, ratio: 0.5, ok: true, tags: ['x', 'y'], 'code.filepath': 'src/orders.ts', 'code.lineno': 12, 'code.function': 'place' },
            context: ctx,
          });
        }
        const gzippedBefore = receiver.stats.gzipped;
        await provider.forceFlush();
        await waitFor(() => records.length === BODIES.length, `${BODIES.length} records`);
        assert.equal(receiver.stats.gzipped > gzippedBefore, v.gzip, 'Content-Encoding as configured');
      } finally {
        await provider.shutdown();
      }
      for (const b of BODIES) {
        const r = records.find((x) => x.attributes.case === b.name);
        assert.ok(r, `record ${b.name}`);
        assert.equal(r.bodyKind, b.kind, b.name);
        assert.deepEqual(r.bodyValue, b.value, b.name);
        assert.equal(r.body, b.text, b.name);
        assert.equal(r.severityNumber, 14);
        assert.equal(r.severityText, 'warning');
        assert.equal(r.timeUnixNano, '1700000000123456789');
        assert.equal(r.observedTimeUnixNano, '1700000001000000005');
        assert.equal(r.timeMs, 1_700_000_000_123.456789);
        assert.equal(r.traceId, TRACE_ID);
        assert.equal(r.spanId, SPAN_ID);
        assert.equal(r.service, 'checkout');
        assert.equal(r.resource['deployment.environment'], 'test');
        assert.deepEqual(r.scope, { name: 'orders', version: '1.2.3' });
        assert.deepEqual({ ...r.attributes, case: undefined }, { case: undefined, 'order.id': 7, ratio: 0.5, ok: true, tags: ['x', 'y'], 'code.filepath': 'src/orders.ts', 'code.lineno': 12, 'code.function': 'place' });
        assert.deepEqual(r.code, { filepath: 'src/orders.ts', lineno: 12, function: 'place' });
        assert.equal(r.source, v.source);
      }
    });
  }
});
