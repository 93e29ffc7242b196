import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings';
import { SensitiveNames, splitWords } from '../../server/src/analysis/sensitive';

describe('sensitive names', () => {
  const names = new SensitiveNames(DEFAULT_SETTINGS.sensitive);
  const kind = (n: string) => names.classify(n)?.kind ?? 'none';

  it('splits names into words', () => {
    assert.deepEqual(splitWords('userEmail'), ['user', 'email']);
    assert.deepEqual(splitWords('X-Api-Key'), ['x', 'api', 'key']);
    assert.deepEqual(splitWords('APIKey'), ['api', 'key']);
    assert.deepEqual(splitWords('refresh_token'), ['refresh', 'token']);
    assert.deepEqual(splitWords('user.e_mail'), ['user', 'e', 'mail']);
  });

  for (const n of ['password', 'passwd', 'pwd', 'db_password', 'apiKey', 'x-api-key', 'accessToken', 'refresh_token', 'client_secret', 'Authorization', 'auth_header', 'set_cookie', 'jwt', 'otp', 'pin', 'credentials', 'password_value', 'authorization_header']) {
    it(`secret: ${n}`, () => assert.equal(kind(n), 'secret'));
  }
  for (const n of ['email', 'user_email', 'e_mail', 'phone', 'ssn', 'date_of_birth', 'credit_card', 'card_number', 'iban', 'first_name', 'lastName', 'ip_address', 'client_ip', 'address', 'home_address', 'zip_code', 'card_number_2']) {
    it(`pii: ${n}`, () => assert.equal(kind(n), 'pii'));
  }
  for (const n of ['user_id', 'token_count', 'max_tokens', 'password_reset_sent', 'has_password', 'email_verified', 'token_type', 'card_type', 'address_count', 'session_id', 'email_hash', 'is_email', 'num_tokens', 'token_expires_at', 'password_policy', 'spinner', 'tokenizer', 'email_template', 'server_address', 'remote_address', 'api_key_id', 'pinned', 'secretary_name']) {
    it(`silent: ${n}`, () => assert.equal(kind(n), 'none'));
  }

  it('honours allow, extra words, replaceDefaults and ipIsPii', () => {
    const custom = new SensitiveNames({ ...DEFAULT_SETTINGS.sensitive, secrets: ['signing_key'], pii: ['employee_number'], allow: ['pin'] });
    assert.equal(custom.classify('signing_key')?.kind, 'secret');
    assert.equal(custom.classify('employee_number')?.kind, 'pii');
    assert.equal(custom.classify('pin'), undefined);
    const only = new SensitiveNames({ ...DEFAULT_SETTINGS.sensitive, secrets: ['signing_key'], replaceDefaults: true });
    assert.equal(only.classify('password'), undefined);
    const noIp = new SensitiveNames({ ...DEFAULT_SETTINGS.sensitive, ipIsPii: false });
    assert.equal(noIp.classify('client_ip'), undefined);
  });
});
