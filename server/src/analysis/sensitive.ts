/**
 * Name-based detection of secrets and personal data (RULES.md `sensitive-data-in-log`).
 * A name is split into words (`_ - .`, camelCase); the LAST words (the head noun, after
 * dropping words like `value`/`raw`) must be a sensitive term, so `email_template` and
 * `token_count` stay silent while `user_email` and `refresh_token` are reported.
 */
import type { SensitiveSettings } from './settings';

export const DEFAULT_SECRETS = [
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'access_token', 'refresh_token', 'id_token',
  'api_key', 'apikey', 'access_key', 'private_key', 'client_secret', 'authorization', 'auth_header', 'cookie',
  'set_cookie', 'session_token', 'jwt', 'bearer', 'credentials', 'credential', 'otp', 'pin', 'secret_key',
];

export const DEFAULT_PII = [
  'email', 'e_mail', 'phone', 'phone_number', 'mobile', 'ssn', 'social_security', 'social_security_number', 'dob',
  'date_of_birth', 'birth_date', 'birthdate', 'credit_card', 'card_number', 'cc_number', 'pan', 'cvv', 'cvc', 'iban',
  'account_number', 'passport', 'passport_number', 'national_id', 'tax_id', 'address', 'street', 'postcode',
  'zip_code', 'first_name', 'last_name', 'full_name',
];

/** A client's network address is an IP (`socketserver`'s `client_address`): PII only while `ipIsPii` is on. */
const IP_TERMS = ['ip_address', 'client_ip', 'client_address'];

/** Words that, at the end, make the name about the value rather than the value itself. */
const SUFFIX_QUALIFIERS = new Set([
  'count', 'len', 'length', 'size', 'type', 'kind', 'id', 'ids', 'hash', 'hashed', 'digest', 'masked', 'redacted',
  'present', 'valid', 'enabled', 'set', 'expires', 'expiry', 'ttl', 'sent', 'reset', 'strength', 'policy', 'min',
  'max', 'required', 'changed', 'updated', 'verified',
]);
/** Words that, at the start, make the name a count/flag. */
const PREFIX_QUALIFIERS = new Set(['is', 'has', 'num', 'n', 'max', 'min', 'no', 'should', 'can', 'masked', 'hashed', 'redacted', 'hash', 'mask']);
/** Trailing words that do not change what the name holds (`password_value` is still a password). */
const TRANSPARENT_SUFFIXES = new Set(['value', 'raw', 'plain', 'plaintext', 'text', 'str', 'string', 'b64', 'base64', 'encoded', 'header', 'data']);
/** `address` preceded by these is a network or memory address, not a postal one. */
const TECHNICAL_ADDRESS = new Set([
  'host', 'server', 'client', 'listen', 'listening', 'bind', 'local', 'remote', 'peer', 'proxy', 'mac', 'memory', 'mem',
  'base', 'socket', 'net', 'network', 'broker', 'node', 'target', 'contract', 'wallet', 'gateway', 'dns', 'smtp',
  'endpoint', 'service', 'upstream', 'web', 'hw', 'virtual', 'physical', 'start', 'end', 'return', 'load', 'ipv4', 'ipv6',
]);

/** Splits `userEmail`, `user_email`, `X-Api-Key`, `APIKey` into lower-case words. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

export interface SensitiveMatch {
  kind: 'secret' | 'pii';
  term: string;
  /** The name is the term and nothing else (`address`, `address_str`), with no word in front. */
  alone: boolean;
}

/** Terms that alone do not say what the value is: an `address` is postal, network, email or wallet. */
const AMBIGUOUS_ALONE = new Set(['address']);
/** Receivers that say nothing about the value (`self.address`). */
const BLANK_RECEIVERS = new Set(['self', 'this', 'cls', 'that', 'obj', 'o', 'x', 'item', 'value', 'data']);

export class SensitiveNames {
  private readonly secrets: string[][];
  private readonly pii: string[][];
  private readonly allow: Set<string>;
  private readonly cache = new Map<string, SensitiveMatch | undefined>();

  constructor(settings: SensitiveSettings) {
    const base = (defaults: string[], extra: string[]): string[][] =>
      [...(settings.replaceDefaults ? [] : defaults), ...extra].map(splitWords).filter((t) => t.length > 0);
    this.secrets = base(DEFAULT_SECRETS, settings.secrets);
    this.pii = base(settings.ipIsPii ? [...DEFAULT_PII, ...IP_TERMS] : DEFAULT_PII, settings.pii);
    this.allow = new Set(settings.allow.map((a) => a.toLowerCase()));
  }

  /**
   * Classifies a logged value read as `receiver.name` (a key has no receiver). A name that is only
   * an ambiguous term (`address`) is decided by its receiver: `user.address` is PII,
   * `server.address` is not, and a bare `address` (a listen callback's argument) stays silent.
   */
  classifyValue(name: string, receiver?: string): SensitiveMatch | undefined {
    const match = this.classify(name);
    if (!match?.alone || !AMBIGUOUS_ALONE.has(match.term)) return match;
    if (!receiver || BLANK_RECEIVERS.has(receiver.toLowerCase())) return undefined;
    const qualified = this.classify(`${receiver}_${match.term}`);
    return qualified && !qualified.alone ? qualified : undefined;
  }

  /** Classifies one name; undefined when it is not sensitive (or is qualified/allowed). Cached per name. */
  classify(name: string): SensitiveMatch | undefined {
    if (this.cache.has(name)) return this.cache.get(name);
    const result = this.classifyUncached(name);
    this.cache.set(name, result);
    return result;
  }

  private classifyUncached(name: string): SensitiveMatch | undefined {
    if (this.allow.has(name.toLowerCase())) return undefined;
    let words = splitWords(name);
    if (words.length === 0 || words.some((w) => this.allow.has(w))) return undefined;
    if (PREFIX_QUALIFIERS.has(words[0]) && words.length > 1) return undefined;
    for (;;) {
      const last = words[words.length - 1];
      if (SUFFIX_QUALIFIERS.has(last) || (last === 'at' && words[words.length - 2] === 'expires')) return undefined;
      const match = this.match(words);
      if (match) return match;
      if (words.length > 1 && (TRANSPARENT_SUFFIXES.has(last) || /^\d+$/.test(last))) words = words.slice(0, -1);
      else return undefined;
    }
  }

  private match(words: string[]): SensitiveMatch | undefined {
    const alone = (term: string) => term.split('_').length === words.length;
    const secret = endsWithTerm(words, this.secrets);
    if (secret) return { kind: 'secret', term: secret, alone: alone(secret) };
    const pii = endsWithTerm(words, this.pii);
    if (!pii) return undefined;
    if (pii === 'address' && words.length > 1 && TECHNICAL_ADDRESS.has(words[words.length - 2])) return undefined;
    return { kind: 'pii', term: pii, alone: alone(pii) };
  }
}

function endsWithTerm(words: string[], terms: string[][]): string | undefined {
  let best: string[] | undefined;
  for (const term of terms) {
    if (term.length > words.length) continue;
    const offset = words.length - term.length;
    if (term.every((w, i) => words[offset + i] === w) && (!best || term.length > best.length)) best = term;
  }
  return best?.join('_');
}

/** Call names whose result no longer holds the raw value. */
export function isMaskingCallName(qualified: string): boolean {
  const last = qualified.slice(qualified.lastIndexOf('.') + 1);
  if (/^hashlib\./.test(qualified)) return true;
  return /^(hash_pii|hashPii|mask\w*|redact\w*|sha\d+|md5|anonymi[sz]e\w*|len|bool|Boolean|is_\w+|is[A-Z]\w*|has_\w+|has[A-Z]\w*|hash\w*|count)$/.test(last);
}

/** Calls that pass their argument through unchanged for the purpose of logging. */
export function isTransparentCallName(qualified: string): boolean {
  return /^(str|repr|String|JSON\.stringify|format|encodeURIComponent|toString|lower|upper|strip|trim|toLowerCase|toUpperCase)$/.test(
    qualified.includes('JSON.') ? qualified : qualified.slice(qualified.lastIndexOf('.') + 1),
  );
}
