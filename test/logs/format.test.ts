/** `o11y-lint tail` output: no escape sequence from a record reaches the terminal, in any field or format. */
import * as assert from 'node:assert/strict';
import { tail as tailCommand } from '../../server/src/cli/tail';
import { formatJson, formatText } from '../../server/src/logs/format';
import { normalizeLogs } from '../../server/src/logs/otlp';
import { jsonLogsRequest, request, waitFor } from './helpers';

/** Escape sequences a terminal acts on: CSI (colour, cursor, erase), OSC (title, hyperlink, clipboard), C1 CSI, BEL, bidi. */
const NASTY = '\x1b[2J\x1b]0;owned\x07\x1b]52;c;ZWNobyBwd25lZA==\x07\u009b31m\u009d8;;http://x\u009c\r\b\u202e\u2028';
/** Everything a terminal would interpret; our own colour codes are removed before the check. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const OWN_SGR = /\x1b\[(0|2|3[1-5]|35;1|90)m/g;

function hostileRecord() {
  const attr = (key: string, v: string) => ({ key, value: { stringValue: v } });
  const req = jsonLogsRequest([{
    timeUnixNano: '1700000000000000000', severityNumber: 17, severityText: `ERR${NASTY}`, body: { stringValue: `body${NASTY}` }, eventName: `event${NASTY}`,
    attributes: [attr(`key${NASTY}`, `value${NASTY}`), attr('code.filepath', `src/${NASTY}.py`), attr('code.lineno', '3')],
  }], `svc${NASTY}`);
  return normalizeLogs(req, 'otlp-json').records[0];
}

describe('o11y-lint tail: terminal safety', () => {
  it('text output (coloured or not) escapes control characters in every field, severity text included', () => {
    const r = hostileRecord();
    for (const color of [false, true]) {
      const line = formatText(r, color).replace(OWN_SGR, '');
      assert.doesNotMatch(line, UNSAFE, JSON.stringify(line));
      for (const field of ['ERR', 'body', 'svc', 'key', 'value', 'src/']) assert.ok(line.includes(`${field}\\x1b[2J`), field);
      assert.ok(line.includes('\\x1b[2J') && line.includes('\\x9b31m') && line.includes('\\u202e'), 'the escapes are shown, not dropped');
    }
  });

  it('json output escapes C1, DEL, separators and bidi controls too, and is the same JSON', () => {
    const r = hostileRecord();
    const line = formatJson(r);
    assert.doesNotMatch(line, UNSAFE);
    const { seq: _seq, ...rest } = r;
    assert.deepEqual(JSON.parse(line), JSON.parse(JSON.stringify(rest)));
  });

  it('a time no Date can hold prints as dashes instead of throwing', () => {
    const r = { ...hostileRecord(), timeMs: 1e300 };
    assert.match(formatText(r, false), /^--:--:--\.--- /);
  });

  it('end to end: a record sent to `o11y-lint tail` prints with its severity text escaped', async () => {
    let out = '';
    let err = '';
    const stop = new AbortController();
    const done = tailCommand(['--port', '0', '--color'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, signal: stop.signal });
    try {
      await waitFor(() => /listening for OTLP\/HTTP on http:\/\/[^:]+:(\d+)/.test(err), 'the listening line');
      const port = Number(/listening for OTLP\/HTTP on http:\/\/[^:]+:(\d+)/.exec(err)![1]);
      const body = JSON.stringify(jsonLogsRequest([{ severityNumber: 13, severityText: `WARN${NASTY}`, body: { stringValue: 'hello' } }]));
      assert.equal((await request(port, { headers: { 'Content-Type': 'application/json' }, body })).status, 200);
      await waitFor(() => out.includes('hello'), 'the record printed');
      for (const line of out.split('\n')) assert.doesNotMatch(line.replace(OWN_SGR, ''), UNSAFE, JSON.stringify(line));
      assert.ok(out.includes('WARN\\x1b[2J'), out);
    } finally {
      stop.abort();
      assert.equal(await done, 0);
    }
  });
});
