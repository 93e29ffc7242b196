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
const IP_TERMS = ['ip_address', 'client_ip', 'client_address', 'remote_ip', 'remote_addr', 'user_ip', 'real_ip', 'x_forwarded_for', 'forwarded_for'];
/** Words before `ip_address` / `address` that make it a network's own address, not a visitor's. */
const TECHNICAL_IP = new Set([
  'floating', 'fixed', 'internal', 'external', 'gateway', 'gw', 'router', 'port', 'subnet', 'vip', 'tunnel', 'host', 'server', 'node',
  'bind', 'listen', 'local', 'private', 'public', 'network', 'net', 'management', 'mgmt', 'instance', 'vm', 'pod', 'cluster', 'service',
  'dns', 'nameserver', 'metadata', 'broadcast', 'peer', 'endpoint', 'device', 'interface', 'bridge',
]);
/** Receivers of a bare `ip` / `ip_address` that make it a visitor's (`req.ip`, `request.ip_address`, `client.ip`). */
const CLIENT_RECEIVERS = new Set(['req', 'request', 'ctx', 'context', 'client', 'user', 'visitor', 'customer', 'session', 'member', 'account', 'remote']);
/** Words before `token` that make it a position, an idempotency key or a marker, not a credential (`sync_token`, `next_page_token`). */
const NOT_CREDENTIAL_TOKEN = new Set(['sync', 'page', 'next', 'continuation', 'pagination', 'cursor', 'resume', 'change', 'idempotency', 'cancel', 'cancellation', 'lexer', 'parse', 'syntax']);
/** Receivers of a bare `token` that hold lexical tokens (`lexer.token`, `self.tokens`, `parser.token`). */
const LEXICAL_RECEIVERS = /^(?:lexer|parser|tokenizer|scanner|tokens|tok|stream|grammar)$/i;
/** Receivers of a bare `cookie` that are HTTP (`req.cookie`, `response.cookie`); an OpenFlow `msg.cookie` is a flow id. */
const HTTP_RECEIVERS = new Set(['req', 'request', 'res', 'response', 'resp', 'headers', 'ctx', 'context', 'session', 'jar', 'cookies', 'http', 'browser', 'document', 'client', 'reply']);
/** Receivers whose members are file names (`project.files.oldCredentials`, `paths.secrets`). */
const PATH_RECEIVERS = new Set(['files', 'file', 'paths', 'path', 'filenames', 'dirs', 'dir']);
/** Leading verbs of a getter: `getAddress(server)` is about `address`, decided like a bare `address`. */
const GETTER_VERBS = new Set(['get', 'fetch', 'read', 'lookup', 'find', 'format']);
/** Failed-login wording in a message (`Failed login for %s`, `Invalid credentials for user %s`, `authentication failed`). */
const FAILED_LOGIN = /\b(?:fail(?:ed|ure)?|invalid|incorrect|wrong|denied|rejected|unsuccessful|bad)\b[\w\s'-]{0,30}\b(?:log ?in|logon|sign ?in|auth\w*|credentials?|password)\b|\b(?:log ?in|logon|sign ?in|auth\w*)\b[\w\s'-]{0,20}\b(?:fail(?:ed|ure|s)?|invalid|denied|rejected)\b/i;
/** Phone wording in a message (`Sending SMS to %s`, `calling %s`, `WhatsApp`). */
const PHONE_CONTEXT = /\b(?:sms|phone|mobile|call(?:ing)?|whatsapp|text message|twilio|dial(?:ing)?|otp sent)\b/i;
/** Receivers that make a bare `number` a phone number (`phone.number`, `contact.number`). */
const PHONE_RECEIVERS = new Set(['phone', 'mobile', 'contact', 'sms', 'caller', 'callee', 'recipient', 'whatsapp', 'cell', 'telephone', 'tel']);

/** What the message of the log call says about its values: a failed login, a phone call or SMS. */
export interface LogContext { failedLogin: boolean; phone: boolean }
export function logContext(message: string): LogContext {
  return { failedLogin: FAILED_LOGIN.test(message) && !OUTWARD_LOGIN.test(message), phone: PHONE_CONTEXT.test(message) };
}
/** The service logging in somewhere (`Failed to authenticate to remote cluster at %s as %s`): the username is its own account. */
const OUTWARD_LOGIN = /\b(?:authenticate|auth|log ?in|login|sign ?in|connect)\s+(?:to|into|against|with)\b/i;
/** Receivers whose username is configuration (`self.username`, `cfg.username`), not a visitor's. */
const CONFIG_RECEIVERS = new Set(['self', 'this', 'cls', 'cfg', 'conf', 'config', 'configuration', 'settings', 'options', 'opts', 'env']);

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
  // Devices, storage and networks a service manages; a mailing list's own system addresses (issue 15 corpus review).
  'pci', 'libvirt', 'share', 'instance', 'fixed', 'floating', 'internal', 'external', 'public', 'private', 'advertise', 'advertised',
  'device', 'dev', 'bus', 'usb', 'iscsi', 'portal', 'nfs', 'mgmt', 'management', 'vip', 'ip', 'port', 'link', 'bridge', 'tunnel', 'tgt',
  'request', 'posting', 'bounces', 'join', 'leave',
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

  private readonly ipIsPii: boolean;

  constructor(settings: SensitiveSettings) {
    this.ipIsPii = settings.ipIsPii;
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
  classifyValue(name: string, receiver?: string, context?: LogContext): SensitiveMatch | undefined {
    const match = this.classify(name);
    const rec = receiver?.toLowerCase();
    if (!match) return this.byContext(name, rec, context);
    if (rec && PATH_RECEIVERS.has(rec)) return undefined; // `files.credentials`: a file name
    if (!match.alone) return match;
    if (match.term === 'ip_address') return rec && CLIENT_RECEIVERS.has(rec) ? match : undefined;
    if (match.term === 'token' && rec && LEXICAL_RECEIVERS.test(rec)) return undefined;
    if (match.term === 'cookie' && rec && !HTTP_RECEIVERS.has(rec) && !BLANK_RECEIVERS.has(rec)) return undefined;
    if (!AMBIGUOUS_ALONE.has(match.term)) return match;
    if (!rec || BLANK_RECEIVERS.has(rec)) return undefined;
    const qualified = this.classify(`${receiver}_${match.term}`);
    return qualified && !qualified.alone ? qualified : undefined;
  }

  /**
   * Names that are PII only in context: a bare `ip` read from a request (`req.ip`), a bare
   * `number` of a phone (`phone.number`, or in "Sending SMS to %s"), and a username in a
   * failed-login line (people type their password into the username field).
   */
  private byContext(name: string, rec: string | undefined, context: LogContext | undefined): SensitiveMatch | undefined {
    const words = splitWords(name);
    const last = words.join('_');
    if (this.ipIsPii && last === 'ip' && rec && CLIENT_RECEIVERS.has(rec)) return { kind: 'pii', term: 'ip', alone: true };
    if (last === 'number' && ((rec && PHONE_RECEIVERS.has(rec)) || (!rec && context?.phone))) return { kind: 'pii', term: 'phone_number', alone: true };
    if (context?.failedLogin && /^(?:user_?name|login|login_name|user_login|account_name)$/.test(last) && !(rec && CONFIG_RECEIVERS.has(rec)) && !this.allow.has(name.toLowerCase())) {
      return { kind: 'pii', term: 'username', alone: true };
    }
    return undefined;
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
    if (words.length > 1 && GETTER_VERBS.has(words[0])) words = words.slice(1);
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
    if (secret === 'token' && words.length > 1 && NOT_CREDENTIAL_TOKEN.has(words[words.length - 2])) return undefined;
    if (secret) return { kind: 'secret', term: secret, alone: alone(secret) };
    const pii = endsWithTerm(words, this.pii);
    if (!pii) return undefined;
    const before = words[words.length - pii.split('_').length - 1];
    if (pii === 'address' && before && TECHNICAL_ADDRESS.has(before)) return undefined;
    if (pii === 'ip_address' && before && TECHNICAL_IP.has(before)) return undefined;
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
  return /^(hash_pii|hashPii|mask\w*|redact\w*|sha\d+|md5|anonymi[sz]e\w*|len|bool|Boolean|is_\w+|is[A-Z]\w*|has_\w+|has[A-Z]\w*|hash\w*|count|[sS]anitize\w*|[sS]crub\w*|[oO]bfuscate\w*|[cC]ensor\w*|strip_?\w*(?:[pP]assword|[pP]asswd|[sS]ecret|[tT]oken|[cC]redentials?|[aA]uth)\w*)$/.test(last);
}

/** Calls that pass their argument through unchanged for the purpose of logging. */
export function isTransparentCallName(qualified: string): boolean {
  return /^(str|repr|String|JSON\.stringify|format|encodeURIComponent|toString|lower|upper|strip|trim|toLowerCase|toUpperCase)$/.test(
    qualified.includes('JSON.') ? qualified : qualified.slice(qualified.lastIndexOf('.') + 1),
  );
}
