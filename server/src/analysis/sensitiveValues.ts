/**
 * Value-based detection for `sensitive-data-in-log`: text in a log call's string literals that
 * looks like an email address, a Luhn-valid card number, a JWT, a bearer token or an AWS-style
 * access key. Pure string functions; the rule maps matches back to source offsets.
 */

export interface ValueMatch {
  kind: 'secret' | 'pii';
  /** What it looks like, for the message: "an email address", "a JWT"... */
  what: string;
  /** Offsets of the match inside the scanned text. */
  start: number;
  end: number;
}

const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})\b/g;
/** RFC 2606/6761 names: placeholders by definition, never a real person's address. */
const RESERVED_DOMAIN = /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost|local)$/i;
const CARD = /(?<![\d.-])\d(?:[ -]?\d){12,18}(?![\d.-])/g;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/g;
const AWS_KEY = /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g;

/** Every sensitive-looking value in `text`, in order. Cheap when there is nothing: one scan per pattern. */
export function sensitiveValues(text: string): ValueMatch[] {
  const out: ValueMatch[] = [];
  if (text.length < 6) return out;
  if (text.includes('@')) {
    for (const m of text.matchAll(EMAIL)) {
      if (!RESERVED_DOMAIN.test(m[1])) out.push({ kind: 'pii', what: 'an email address', start: m.index, end: m.index + m[0].length });
    }
  }
  for (const m of text.matchAll(CARD)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (/^[2-6]/.test(digits) && !/^(\d)\1+$/.test(digits) && luhn(digits)) out.push({ kind: 'pii', what: 'a card number', start: m.index, end: m.index + m[0].length });
  }
  if (text.includes('eyJ')) for (const m of text.matchAll(JWT)) out.push({ kind: 'secret', what: 'a JWT', start: m.index, end: m.index + m[0].length });
  if (text.includes('Bearer')) for (const m of text.matchAll(BEARER)) out.push({ kind: 'secret', what: 'a bearer token', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(AWS_KEY)) out.push({ kind: 'secret', what: 'an AWS access key', start: m.index, end: m.index + m[0].length });
  return out.sort((a, b) => a.start - b.start);
}

/** The Luhn checksum card numbers carry. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
