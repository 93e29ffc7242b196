import * as assert from 'node:assert/strict';
import { maskText } from '../../client/src/webview/mask';
import { luhn } from '../../server/src/analysis/sensitiveValues';
import { templateOf, compileFilter, EMPTY_FILTER } from '../../client/src/webview/view';
import { parseLine } from '../../server/src/logs/lines';

describe('logs panel: PII masking and grouping (pure)', () => {
  it('masks emails, Luhn-valid card numbers, JWTs and bearer tokens', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const cases: [string, string, string[]][] = [
      ['mail bob.smith+x@mail.example.co.uk now', 'mail ‹email› now', ['email']],
      ['card 4111-1111-1111-1111.', 'card ‹card›.', ['card']],
      ['card 4111111111111112', 'card 4111111111111112', []],
      ['order 1700000000000 id', 'order 1700000000000 id', []],
      [`token ${jwt}`, 'token ‹jwt›', ['jwt']],
      [`Authorization: Bearer ${jwt}`, 'Authorization: Bearer ‹token›', ['bearer']],
      ['nothing here', 'nothing here', []],
    ];
    for (const [input, text, kinds] of cases) assert.deepEqual(maskText(input), { text, kinds }, input);
    assert.equal(luhn('79927398713'), true);
    assert.equal(luhn('79927398710'), false);
  });

  it('templates put placeholders on the variable parts; event names win', () => {
    const rec = (o: object) => {
      const r = parseLine(Buffer.from(JSON.stringify(o)));
      assert.ok(r && 'records' in r);
      return r.records[0];
    };
    assert.equal(templateOf(rec({ msg: 'user 42 paid 3.50 for "socks" (id 0f8fad5b-d9cb-469f-a165-70867728950e)' })), 'user <n> paid <n> for "…" (id <uuid>)');
    assert.equal(templateOf(rec({ event: 'order_placed', order_id: 1 })), 'order_placed');
    const f = compileFilter({ ...EMPTY_FILTER, text: 'order_id=1 ORDER' }, false);
    assert.equal(f(rec({ event: 'order_placed', order_id: 1 })), true);
    assert.equal(f(rec({ event: 'order_placed', order_id: 2 })), false);
  });
});
