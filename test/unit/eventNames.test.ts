import * as assert from 'node:assert/strict';
import { containsWords, eventWords, hasPlaceholder, isEventName, toEventName } from '../../server/src/analysis/eventNames';

describe('event names', () => {
  it('splits text into lower-case words', () => {
    assert.deepEqual(eventWords('User logged in'), ['user', 'logged', 'in']);
    assert.deepEqual(eventWords('userLoggedIn'), ['user', 'logged', 'in']);
    assert.deepEqual(eventWords('HTTPServer started'), ['http', 'server', 'started']);
    assert.deepEqual(eventWords('user_id-missing.now'), ['user', 'id', 'missing', 'now']);
    assert.deepEqual(eventWords("user's cart"), ['users', 'cart']);
    assert.deepEqual(eventWords('ipv4 address, 500 errors'), ['ipv4', 'address', '500', 'errors']);
    assert.deepEqual(eventWords('  ...  '), []);
  });

  it('drops printf and brace placeholders', () => {
    assert.deepEqual(eventWords('user %s logged in after %d tries'), ['user', 'logged', 'in', 'after', 'tries']);
    assert.deepEqual(eventWords('user %(name)s / %-5d / %.2f'), ['user']);
    assert.deepEqual(eventWords('Payment {} failed after {n} retries ({0!r:>10})'), ['payment', 'failed', 'after', 'retries']);
    assert.deepEqual(eventWords('50% discount'), ['50', 'discount']);
  });

  describe('toEventName', () => {
    const cases: [string, string, string][] = [
      ['Payment failed after retries', 'payment_failed_after_retries', 'payment.failed.after.retries'],
      ['Payment {pid} failed after {n} retries', 'payment_failed_after_retries', 'payment.failed.after.retries'],
      ['User logged in.', 'user_logged_in', 'user.logged.in'],
      ['user_logged_in', 'user_logged_in', 'user.logged.in'],
      ['userLoggedIn', 'user_logged_in', 'user.logged.in'],
      ['Could not connect to the primary database server in time', 'could_not_connect_to_the_primary', 'could.not.connect.to.the.primary'],
      ['  refund reason:  ', 'refund_reason', 'refund.reason'],
      ['ÉCHEC du paiement', 'échec_du_paiement', 'échec.du.paiement'],
      ['500 Internal Server Error', '500_internal_server_error', '500.internal.server.error'],
      ['!!!', '', ''],
    ];
    for (const [text, snake, dotted] of cases) {
      it(`"${text}"`, () => {
        assert.equal(toEventName(text, 'snake_case'), snake);
        assert.equal(toEventName(text, 'dotted'), dotted);
      });
    }

    it('keeps at most 6 words and 64 characters', () => {
      assert.equal(toEventName('one two three four five six seven eight', 'snake_case'), 'one_two_three_four_five_six');
      const long = toEventName('internationalization localization configuration synchronization initialization', 'snake_case');
      assert.ok(long.length <= 64, long);
      assert.equal(long, 'internationalization_localization_configuration_synchronization');
      assert.equal(toEventName('x'.repeat(100), 'snake_case'), 'x'.repeat(64));
    });

    it('keep: trims and collapses, keeps case and words', () => {
      assert.equal(toEventName('  Payment {pid}  failed:  ', 'keep'), 'Payment failed');
      assert.equal(toEventName('refund reason: ', 'keep'), 'refund reason');
      assert.equal(toEventName('User logged in', 'keep'), 'User logged in');
    });

    it('is idempotent and its result is an event name', () => {
      const samples = ['User logged in', 'HTTPServer %s started!', 'a-b-c', 'İstanbul office opened', 'x'.repeat(70), 'order.created', 'Ünïcödé wörds here'];
      for (const style of ['snake_case', 'dotted'] as const) {
        for (const s of samples) {
          const name = toEventName(s, style);
          assert.ok(isEventName(name, style), `${style}: ${s} → ${name}`);
          assert.equal(toEventName(name, style), name, `${style}: idempotent for ${name}`);
        }
      }
    });
  });

  describe('isEventName', () => {
    it('snake_case', () => {
      for (const ok of ['user_logged_in', 'login', 'http_500', '500_error', 'échec']) assert.ok(isEventName(ok, 'snake_case'), ok);
      for (const bad of ['User logged in', 'user_logged_in.', 'user logged in', 'UserLoggedIn', 'user-logged-in', 'user.logged_in', 'user__x', '_user', 'user_', '', 'a'.repeat(65)]) {
        assert.ok(!isEventName(bad, 'snake_case'), bad);
      }
      assert.ok(isEventName('a'.repeat(64), 'snake_case'));
    });

    it('dotted (snake_case segments allowed)', () => {
      for (const ok of ['user.logged.in', 'http.request_started', 'login']) assert.ok(isEventName(ok, 'dotted'), ok);
      for (const bad of ['user logged in', 'user.logged.in.', '.user', 'User.Login', 'user..login', 'user-login']) assert.ok(!isEventName(bad, 'dotted'), bad);
    });

    it('keep accepts anything', () => {
      assert.ok(isEventName('Anything at all!', 'keep'));
    });
  });

  it('hasPlaceholder', () => {
    for (const t of ['user %s', 'a %(name)s b', 'x %-5d', 'user {}', 'user {id}', 'val {0!r}']) assert.ok(hasPlaceholder(t), t);
    for (const t of ['user logged in', '50% discount', 'done']) assert.ok(!hasPlaceholder(t), t);
    assert.ok(hasPlaceholder('user %s') && hasPlaceholder('user %s'), 'no state kept between calls');
  });

  describe('containsWords', () => {
    it('matches snake_case phrases on word boundaries', () => {
      assert.ok(containsWords('User not found', 'not_found'));
      assert.ok(containsWords('UserNotFound', 'not_found'));
      assert.ok(containsWords('validation_error', 'validation'));
      assert.ok(containsWords('Request was rate-limited', 'rate_limited'));
      assert.ok(!containsWords('cache invalidation failed', 'validation'));
      assert.ok(!containsWords('notfound', 'not_found'));
      assert.ok(!containsWords('not really found', 'not_found'));
    });
  });
});
