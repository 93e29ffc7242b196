import * as assert from 'node:assert/strict';
import { parseLine } from '../../server/src/logs/lines';
import { severityFromText, severityName, type LogRecord } from '../../server/src/logs/model';
import { RecordStore } from '../../server/src/logs/store';
import { formatJson, formatText } from '../../server/src/logs/format';

function rec(body: string): LogRecord {
  const r = parseLine(Buffer.from(JSON.stringify({ msg: body, level: 30, time: 1_700_000_000_000 })));
  assert.ok(r && 'records' in r);
  return r.records[0];
}

describe('logs store (ring buffer)', () => {
  it('keeps the newest maxRecords, counts the dropped ones, assigns seq', () => {
    const s = new RecordStore(3);
    s.push(['a', 'b', 'c', 'd', 'e'].map(rec));
    assert.deepEqual(s.toArray().map((r) => r.body), ['c', 'd', 'e']);
    assert.deepEqual(s.toArray().map((r) => r.seq), [3, 4, 5]);
    assert.equal(s.dropped, 2);
    s.resize(2);
    assert.deepEqual(s.toArray().map((r) => r.body), ['d', 'e']);
    assert.equal(s.dropped, 3);
    s.resize(5);
    s.push([rec('f')]);
    assert.deepEqual(s.toArray().map((r) => r.body), ['d', 'e', 'f']);
    s.clear();
    assert.equal(s.size, 0);
    assert.equal(s.dropped, 0);
    assert.equal(new RecordStore().maxRecords, 10_000);
  });
});

describe('logs: structured JSON lines', () => {
  const one = (o: object) => {
    const r = parseLine(Buffer.from(JSON.stringify(o)));
    assert.ok(r && 'records' in r);
    return r.records[0];
  };

  it('structlog: event, level, ISO timestamp, trace ids, callsite', () => {
    const r = one({ event: 'order_placed', level: 'warning', timestamp: '2024-05-01T12:00:00.250Z', trace_id: 'ABCDEF0123456789ABCDEF0123456789', span_id: '0123456789abcdef', service: 'shop', order_id: 7, pathname: 'app/orders.py', lineno: 31 });
    assert.equal(r.body, 'order_placed');
    assert.equal(r.eventName, 'order_placed');
    assert.equal(r.severityNumber, 13);
    assert.equal(r.timeMs, Date.parse('2024-05-01T12:00:00.250Z'));
    assert.equal(r.timeUnixNano, '1714564800250000000');
    assert.equal(r.traceId, 'abcdef0123456789abcdef0123456789');
    assert.equal(r.service, 'shop');
    assert.deepEqual(r.attributes.order_id, 7);
    assert.equal(r.code?.filepath, 'app/orders.py');
    assert.equal(r.code?.lineno, 31);
  });

  it('pino (numeric level, ms epoch, msg), bunyan (name as service), winston (message), epoch seconds', () => {
    const p = one({ level: 50, time: 1_700_000_000_123, msg: 'failed', pid: 1, hostname: 'h' });
    assert.deepEqual([p.severityNumber, p.severityText, p.timeMs, p.body], [17, 'ERROR', 1_700_000_000_123, 'failed']);
    assert.equal(p.eventName, '');
    assert.equal(one({ name: 'api', level: 30, msg: 'x', time: '2024-01-01T00:00:00Z', v: 0 }).service, 'api');
    const w = one({ level: 'info', message: 'hello', timestamp: '2024-01-01T00:00:00Z', 'code.file.path': 'src/a.ts', 'code.line.number': 3 });
    assert.deepEqual([w.severityNumber, w.body, w.code], [9, 'hello', { filepath: 'src/a.ts', lineno: 3 }]);
    assert.equal(one({ event: 'x', timestamp: 1_700_000_000.5 }).timeMs, 1_700_000_000_500);
  });

  it('OTLP-JSON lines (Collector file exporter) yield all their records', () => {
    const line = JSON.stringify({ resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 's' } }] }, scopeLogs: [{ logRecords: [{ body: { stringValue: 'a' } }, { body: { stringValue: 'b' } }] }] }] });
    const r = parseLine(Buffer.from(line));
    assert.ok(r && 'records' in r);
    assert.deepEqual(r.records.map((x) => [x.body, x.service, x.source]), [['a', 's', 'file'], ['b', 's', 'file']]);
  });

  it('bad lines are reasons, never exceptions', () => {
    assert.deepEqual(parseLine(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), { skip: 'invalid-utf8' });
    assert.deepEqual(parseLine(Buffer.from('{not json')), { skip: 'invalid-json' });
    assert.deepEqual(parseLine(Buffer.from('[1,2]')), { skip: 'not-an-object' });
    assert.deepEqual(parseLine(Buffer.from('{"resourceSpans":[]}')), { skip: 'not-otlp' });
    assert.equal(parseLine(Buffer.from('   ')), undefined);
    const proto = one({ __proto__: 'x', msg: 'y' } as object);
    assert.equal(Object.getPrototypeOf(proto.attributes), Object.prototype);
  });

  it('severity names and numbers round-trip', () => {
    assert.deepEqual([1, 5, 9, 10, 13, 17, 21, 24, 0].map(severityName), ['TRACE', 'DEBUG', 'INFO', 'INFO2', 'WARN', 'ERROR', 'FATAL', 'FATAL4', '']);
    assert.deepEqual(['warning', 'ERROR3', 'critical', 'nope'].map(severityFromText), [13, 19, 21, 0]);
  });

  it('terminal text never passes control characters through; json drops seq', () => {
    const r = rec('bad \x1b[31m\nline');
    const text = formatText(r, true);
    assert.ok(!text.includes('\x1b[31m\n'));
    assert.ok(text.includes('bad \\x1b[31m\\nline'));
    assert.ok(!('seq' in JSON.parse(formatJson(r))));
  });
});
