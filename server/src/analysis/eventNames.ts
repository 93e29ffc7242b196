/**
 * Event names in the configured style (`o11yLint.eventNameStyle`): `snake_case`
 * (`payment_failed`), `dotted` (`payment.failed`) or `keep` (any text is accepted as is).
 * Pure functions, shared by `log-event-name`, `expected-condition-at-error` and the fixes
 * that turn a message into an event name.
 */
import type { EventNameStyle } from './settings';

/** Longest event name accepted; longer static messages are sentences, not names. */
export const MAX_EVENT_NAME_LENGTH = 64;
/** Words kept by `toEventName`. */
export const MAX_EVENT_NAME_WORDS = 6;

/** printf (`%s`, `%(name)s`, `%-5d`) and brace (`{}`, `{0}`, `{name!r:>10}`) placeholders. */
const PLACEHOLDER = /%(?:\([^)]*\))?[-#0+]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[sdifrxXoeEgGcjOa]|\{[^{}]*\}/g;
/** A run of capitals not followed by a lower-case letter (`HTTP` in `HTTPServer`), a capitalised or lower-case word with trailing digits, digits, or caseless letters. */
const WORD = /\p{Lu}+(?!\p{Ll})\d*|\p{Lu}?\p{Ll}+\d*|\d+|[\p{Lo}\p{Lm}]+/gu;

const NOT_NAME_CHAR = /[^\p{Ll}\p{Lo}\p{Lm}\d]/gu;
const WORD_CHARS = '[\\p{Ll}\\p{Lo}\\p{Lm}\\d]+';
const SNAKE = `${WORD_CHARS}(?:_${WORD_CHARS})*`;
/** `dotted` allows snake_case segments (`http.request_started`), as OpenTelemetry event names do. */
const STYLE_PATTERN: Record<Exclude<EventNameStyle, 'keep'>, RegExp> = {
  snake_case: new RegExp(`^${SNAKE}$`, 'u'),
  dotted: new RegExp(`^${SNAKE}(?:\\.${SNAKE})*$`, 'u'),
};

/**
 * The lower-case words of a text: split on anything that is not a letter or digit and on
 * camelCase boundaries; placeholders and apostrophes are dropped (`User's {id} NotFound` →
 * `users`, `not`, `found`).
 */
export function eventWords(text: string): string[] {
  const cleaned = text.normalize('NFC').replace(PLACEHOLDER, ' ').replace(/['’]/g, '');
  // Lower-casing can add combining marks (`İ` → `i̇`): keep only what an event name may hold.
  return (cleaned.match(WORD) ?? []).map((w) => w.toLowerCase().replace(NOT_NAME_CHAR, '')).filter((w) => w);
}

/** Whether a message has printf or brace placeholders (then it is a template, not an event name). */
export function hasPlaceholder(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(text);
}

/** Whether `text` already is an event name in the given style (`keep` accepts anything). */
export function isEventName(text: string, style: EventNameStyle): boolean {
  if (style === 'keep') return true;
  return text.length <= MAX_EVENT_NAME_LENGTH && STYLE_PATTERN[style].test(text);
}

/**
 * The event name for a message: its first words (at most 6), lower-case, joined by `_`
 * (snake_case) or `.` (dotted), and no longer than 64 characters. With `keep` the text is
 * kept, only trimmed, with whitespace runs collapsed and placeholders and dangling
 * separators (`:`, `,`, `=`, `-`) removed. Returns `''` when the text has no words.
 * The result always satisfies `isEventName(result, style)` unless it is empty.
 */
export function toEventName(text: string, style: EventNameStyle): string {
  if (style === 'keep') {
    return text.replace(PLACEHOLDER, ' ').replace(/\s+/g, ' ').replace(/^[\s:,=-]+|[\s:,=-]+$/g, '');
  }
  const sep = style === 'dotted' ? '.' : '_';
  const words = eventWords(text).slice(0, MAX_EVENT_NAME_WORDS);
  while (words.length > 1 && words.join(sep).length > MAX_EVENT_NAME_LENGTH) words.pop();
  return words.join(sep).slice(0, MAX_EVENT_NAME_LENGTH);
}

/**
 * Whether the words of `text`, joined by `_`, contain `phrase` (snake_case words) on word
 * boundaries: `User not found` contains `not_found`; `invalidation` does not contain `validation`.
 */
export function containsWords(text: string, phrase: string): boolean {
  return `_${eventWords(text).join('_')}_`.includes(`_${phrase}_`);
}
