/**
 * PII on display: values that look like emails, card numbers (Luhn-valid), JWTs or bearer tokens are masked
 * in the panel and in exports until the user reveals them. Pure string code, tested in Node and the browser.
 */
import { luhn } from '../../../server/src/analysis/sensitiveValues';
export type PiiKind = 'email' | 'card' | 'jwt' | 'bearer';

// One pass with alternation: the bearer branch comes first so "Bearer eyJ…" is one bearer token, not a JWT.
const PATTERN = new RegExp([
  String.raw`(?<bearer>\bBearer\s+[A-Za-z0-9\-._~+/]{8,}=*)`,
  String.raw`(?<jwt>\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*)`,
  String.raw`(?<email>\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)`,
  String.raw`(?<card>\b\d(?:[ -]?\d){12,18}\b)`,
].join('|'), 'gi');


export interface Masked {
  text: string;
  kinds: PiiKind[];
}

const LABEL: Record<PiiKind, string> = { email: '‹email›', card: '‹card›', jwt: '‹jwt›', bearer: 'Bearer ‹token›' };

/** Replaces what looks like PII with a label; `kinds` lists what was found (empty: nothing masked). */
export function maskText(s: string): Masked {
  const kinds: PiiKind[] = [];
  if (s.length < 6) return { text: s, kinds };
  const text = s.replace(PATTERN, (match: string, ...rest: unknown[]) => {
    const groups = rest[rest.length - 1] as Record<PiiKind, string | undefined>;
    let kind: PiiKind | undefined;
    if (groups.bearer) kind = 'bearer';
    else if (groups.jwt) kind = 'jwt';
    else if (groups.email) kind = 'email';
    else if (groups.card) {
      const digits = match.replace(/\D/g, '');
      if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) kind = 'card';
    }
    if (!kind) return match;
    if (!kinds.includes(kind)) kinds.push(kind);
    return LABEL[kind];
  });
  return { text, kinds };
}
