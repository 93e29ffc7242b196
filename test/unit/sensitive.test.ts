import * as assert from 'node:assert/strict';
import { luhn, sensitiveValues } from '../../server/src/analysis/sensitiveValues';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings';
import { isMaskingCallName, SensitiveNames, splitWords } from '../../server/src/analysis/sensitive';

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

  it('decides an ambiguous bare `address` by its receiver', () => {
    const names = new SensitiveNames(DEFAULT_SETTINGS.sensitive);
    assert.equal(names.classifyValue('address'), undefined);
    assert.equal(names.classifyValue('address', 'self'), undefined);
    assert.equal(names.classifyValue('address', 'server'), undefined);
    assert.equal(names.classifyValue('address', 'user')?.kind, 'pii');
    assert.equal(names.classifyValue('home_address')?.kind, 'pii');
    assert.equal(names.classifyValue('email')?.kind, 'pii');
    assert.equal(names.classifyValue('password', 'self')?.kind, 'secret');
    assert.equal(names.classifyValue('client_address')?.kind, 'pii');
    assert.equal(new SensitiveNames({ ...DEFAULT_SETTINGS.sensitive, ipIsPii: false }).classifyValue('client_address'), undefined);
  });

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

describe('sensitiveValues (literal text)', () => {
  const whats = (text: string) => sensitiveValues(text).map((m) => `${m.what}@${m.start}`);
  it('finds each kind with its offsets', () => {
    assert.deepEqual(whats('mail jane@acme.io'), ['an email address@5']);
    assert.deepEqual(whats('card 4242-4242-4242-4242 ok'), ['a card number@5']);
    assert.deepEqual(whats('Authorization: Bearer abcdefghijklmnopqrstu'), ['a bearer token@15']);
    assert.deepEqual(whats('id AKIAIOSFODNN7EXAMPLE'), ['an AWS access key@3']);
  });
  it('stays silent on look-alikes', () => {
    for (const text of ['user@example.com', 'x@host.test', '4111111111111112', '1111111111111111', '1732262400000', 'Bearer token', 'eyJ only', 'v1.2.3@4.5', 'AKIA-short']) {
      assert.deepEqual(whats(text), [], text);
    }
  });
  it('checks Luhn', () => {
    assert.equal(luhn('4111111111111111'), true);
    assert.equal(luhn('4111111111111112'), false);
  });
});

describe('masking call names (issue 15)', () => {
  it('sanitize/scrub/strip*Password mask; is_/has_ predicates stay case-sensitive (issue_jwt is not is*)', () => {
    for (const n of ['stripUrlPassword', 'sanitize_url', 'scrubSecrets', 'obfuscate', 'strip_password']) assert.equal(isMaskingCallName(n), true, n);
    for (const n of ['issue_jwt', 'hasty', 'fetch_token', 'strip']) assert.equal(isMaskingCallName(n), false, n);
  });
});
