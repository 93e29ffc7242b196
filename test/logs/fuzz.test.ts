/**
 * Fuzzing the OTLP decoders and the log-line parser (fast-check, seeded): random and mutated
 * protobuf and JSON bodies either decode or are rejected with a clear error, exactly as the
 * receiver expects (decode errors → 400; shape problems → ShapeError → 400; too many records →
 * LimitError → 413), after the same size measurement the receiver makes. Any other exception
 * would be a 500 or a crash. `npm run fuzz` runs this for longer too.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { measureJson, measureProtobuf } from '../../server/src/logs/limits';
import { LimitError, normalizeLogs, normalizeSpans, ShapeError } from '../../server/src/logs/otlp';
import { decodeLogsRequest, decodeTracesRequest, encodeLogsRequest } from '../../server/src/logs/protobuf';
import { parseLine } from '../../server/src/logs/lines';
import { jsonLogsRequest, SPAN_ID, TRACE_ID } from './helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
/** FUZZ_SECONDS is for the whole suite: each of its five properties gets a fifth. */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 0) / 5;
const options = { seed: SEED, numRuns: SECONDS ? Number.MAX_SAFE_INTEGER : RUNS, interruptAfterTimeLimit: SECONDS ? SECONDS * 1000 : undefined, markInterruptAsFailure: false };

const SAMPLE = jsonLogsRequest([
  { timeUnixNano: '1732262400000000000', severityNumber: 17, severityText: 'ERROR', body: { stringValue: 'payment_failed' }, traceId: TRACE_ID, spanId: SPAN_ID,
    attributes: [{ key: 'order.id', value: { intValue: '42' } }, { key: 'code.lineno', value: { intValue: 7 } }, { key: 'nested', value: { kvlistValue: { values: [{ key: 'a', value: { arrayValue: { values: [{ boolValue: true }] } } }] } } }] },
  { observedTimeUnixNano: 1732262400000000000, body: { stringValue: 'x' } },
]);
const SAMPLE_PROTO = encodeLogsRequest(SAMPLE);
const SAMPLE_JSON = JSON.stringify(SAMPLE);

/** What the receiver does with a decoded body: records, or a ShapeError / LimitError; anything else fails the property. */
function normalize(decoded: unknown, signal: 'logs' | 'traces'): void {
  try {
    if (signal === 'logs') normalizeLogs(decoded, 'otlp-json');
    else normalizeSpans(decoded);
  } catch (e) {
    if (!(e instanceof ShapeError) && !(e instanceof LimitError)) throw e;
  }
}

/** The receiver's measurement never throws; small bodies are never over a limit. */
function measure(bytes: Uint8Array, signal: 'logs' | 'traces', json: boolean): void {
  const m = json ? measureJson(Buffer.from(bytes)) : measureProtobuf(bytes, signal);
  assert.ok(m.ok, 'a body this small is within the limits');
  const tight = { maxRecords: 1, maxValues: 1 };
  const t = json ? measureJson(Buffer.from(bytes), tight) : measureProtobuf(bytes, signal, tight);
  assert.ok(t.ok || t.message.length > 0);
}

function decodeProto(bytes: Uint8Array, signal: 'logs' | 'traces'): void {
  measure(bytes, signal, false);
  let decoded: unknown;
  try {
    decoded = signal === 'logs' ? decodeLogsRequest(bytes) : decodeTracesRequest(bytes);
  } catch (e) {
    assert.ok(e instanceof Error && e.message.length > 0, 'a decode error says what is wrong');
    return;
  }
  normalize(decoded, signal);
}

/** fc.assert, counting the cases tried; with FUZZ_SECONDS the count is printed. */
function run<T>(name: string, property: fc.IPropertyWithHooks<T>): void {
  let cases = 0;
  const counted = property.beforeEach((previous: () => void) => { cases++; previous(); });
  fc.assert(counted, options);
  if (SECONDS) process.stdout.write(`      ${name}: ${cases} cases, no failure\n`);
}

function mutateBytes(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.array(fc.tuple(fc.nat(base.length), fc.integer({ min: 0, max: 255 }), fc.boolean()), { minLength: 1, maxLength: 12 }).map((edits) => {
    let bytes = Array.from(base);
    for (const [i, b, insert] of edits) {
      if (insert) bytes.splice(i, 0, b);
      else bytes[Math.min(i, bytes.length - 1)] = b;
    }
    return Uint8Array.from(bytes);
  });
}

describe('fuzz: OTLP bodies and log lines', function () {
  this.timeout(Math.max(60_000, SECONDS * 1000 * 3));

  it('random protobuf bytes: decoded or rejected with a message', () => {
    run('random protobuf', fc.property(fc.uint8Array({ maxLength: 512 }), fc.constantFrom('logs' as const, 'traces' as const), (bytes, signal) => decodeProto(bytes, signal)));
  });

  it('mutated valid protobuf bodies: decoded or rejected with a message', () => {
    run('mutated protobuf', fc.property(mutateBytes(SAMPLE_PROTO), (bytes) => decodeProto(bytes, 'logs')));
  });

  it('mutated valid JSON bodies and random JSON values: normalized or a ShapeError', () => {
    const mutated = fc.tuple(fc.nat(SAMPLE_JSON.length), fc.nat(40), fc.string({ maxLength: 12 }))
      .map(([i, n, s]) => SAMPLE_JSON.slice(0, i) + s + SAMPLE_JSON.slice(i + n));
    run('mutated JSON', fc.property(mutated, (text) => {
      measure(Buffer.from(text), 'logs', true);
      let decoded: unknown;
      try { decoded = JSON.parse(text); } catch { return; } // the receiver answers 400 for this
      normalize(decoded, 'logs');
      normalize(decoded, 'traces');
    }));
    run('random JSON', fc.property(fc.jsonValue(), (value) => { normalize(value, 'logs'); normalize(value, 'traces'); }));
  });

  it('random log lines (bytes, JSON, logfmt-ish): parsed or ignored, never thrown', () => {
    const line = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
      fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 })), { maxLength: 6 }).map((kv) => Buffer.from(kv.map(([k, v]) => `${k}=${v}`).join(' '))),
    );
    run('log lines', fc.property(line, (bytes) => { parseLine(bytes); }));
  });
});
