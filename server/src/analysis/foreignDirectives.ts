/**
 * Other linters' suppression comments, honoured as theirs (issue 14, docs/suppressions.md).
 * A project that already wrote `# noqa: T201` or `// eslint-disable-next-line no-console` has
 * said "this is deliberate": o11y-lint must not say it again. `FOREIGN_CODES` is the ONE place
 * that maps another linter's code to o11y-lint rule ids; a directive silences only the rules
 * its codes map to, and a directive naming no code (`# noqa`, `/* eslint-disable *\/`) silences
 * every rule that has a counterpart in that linter, never the others.
 *
 * Scopes follow each linter's own semantics:
 * - Ruff / flake8 `# noqa[: codes]`: the statement it is on, on any line of a multi-line statement
 *   (Ruff itself wants it on the line it reports); `# ruff: noqa[: codes]` / `# flake8: noqa[: codes]`
 *   alone on a line: the whole file. Codes are exact (`T201`), as in Ruff.
 * - Bandit `# nosec [B110]`: like `# noqa`, the statement it is on.
 * - pylint `# pylint: disable=…`: after code, that line (the whole block when the line opens one:
 *   `def`, `try:`, `except …:`); alone on a line, the rest of the enclosing block, until
 *   `# pylint: enable=…`; `disable-next=…`: the next line; `skip-file`: the whole file.
 * - ESLint / oxlint: `-disable-line` (that line), `-disable-next-line` (the line after the comment),
 *   `/* -disable *\/` … `/* -enable *\/` (to the end of the file when not re-enabled). ESLint reads
 *   `disable`/`enable` only in block comments; oxlint reads them in line comments too.
 *   A `-- reason` after the rule list is not a rule.
 * - Biome: `biome-ignore <category>: reason` (the next line), `biome-ignore-all` (the file),
 *   `biome-ignore-start` … `biome-ignore-end`. A category is `lint`, `lint/<group>` or
 *   `lint/<group>/<rule>`.
 */
import type { Suppressions } from './suppressions';
import type { LineIndex } from './text';

export type ForeignFamily = 'noqa' | 'nosec' | 'pylint' | 'eslint' | 'biome';

const PRINT = ['no-print-logging'];
const SWALLOWED = ['swallowed-exception'];
const UNSTRUCTURED = ['unstructured-log-message'];
const MISUSE = ['stdlib-logging-misuse'];
const OUTSIDE = ['exception-outside-handler'];
const NO_EXCEPTION = ['error-log-without-exception'];

/**
 * Another linter's code → the o11y-lint rules it silences. Keys are written as that linter writes
 * them (Ruff codes upper case, pylint symbols and ids, ESLint rule names, Biome `group/rule`).
 */
export const FOREIGN_CODES: Readonly<Record<ForeignFamily, Readonly<Record<string, readonly string[]>>>> = {
  /** Ruff and flake8 with its plugins (flake8-print, -blind-except, -bandit, -logging-format, -logging, tryceratops). */
  noqa: {
    T201: PRINT, T203: PRINT,
    BLE001: SWALLOWED, S110: SWALLOWED, S112: SWALLOWED, E722: SWALLOWED,
    G001: UNSTRUCTURED, G002: UNSTRUCTURED, G003: UNSTRUCTURED, G004: UNSTRUCTURED,
    G010: MISUSE, G101: MISUSE, G201: MISUSE, G202: MISUSE,
    LOG001: MISUSE, LOG002: MISUSE, LOG007: MISUSE, LOG009: MISUSE, LOG015: MISUSE,
    PLE1205: MISUSE, PLE1206: MISUSE,
    LOG004: OUTSIDE, LOG014: OUTSIDE,
    TRY400: NO_EXCEPTION,
  },
  /** Bandit's `# nosec [B110, B112]`. */
  nosec: { B110: SWALLOWED, B112: SWALLOWED },
  pylint: {
    'logging-fstring-interpolation': UNSTRUCTURED, W1203: UNSTRUCTURED,
    'logging-not-lazy': UNSTRUCTURED, W1201: UNSTRUCTURED,
    'logging-format-interpolation': UNSTRUCTURED, W1202: UNSTRUCTURED,
    'broad-exception-caught': SWALLOWED, W0718: SWALLOWED, 'broad-except': SWALLOWED, W0703: SWALLOWED,
    'bare-except': SWALLOWED, W0702: SWALLOWED,
    'logging-too-many-args': MISUSE, E1205: MISUSE, 'logging-too-few-args': MISUSE, E1206: MISUSE,
    'logging-unsupported-format': MISUSE, E1200: MISUSE, 'logging-format-truncated': MISUSE, E1201: MISUSE,
  },
  /** ESLint and oxlint (which also reads `eslint-` comments and `eslint/`-prefixed names). */
  eslint: {
    'no-console': PRINT,
    'no-empty': SWALLOWED, 'no-empty-function': SWALLOWED, '@typescript-eslint/no-empty-function': SWALLOWED,
  },
  biome: {
    'suspicious/noConsole': PRINT, 'suspicious/noConsoleLog': PRINT,
    'suspicious/noEmptyBlockStatements': SWALLOWED,
  },
};

const ALL_OF: Record<ForeignFamily, ReadonlySet<string>> = {
  noqa: new Set(Object.values(FOREIGN_CODES.noqa).flat()),
  nosec: new Set(Object.values(FOREIGN_CODES.nosec).flat()),
  pylint: new Set(Object.values(FOREIGN_CODES.pylint).flat()),
  eslint: new Set(Object.values(FOREIGN_CODES.eslint).flat()),
  biome: new Set(Object.values(FOREIGN_CODES.biome).flat()),
};

/** The rules a list of foreign codes silences; an empty list means every rule with a counterpart in that linter. */
function rulesOf(family: ForeignFamily, codes: readonly string[]): Set<string> {
  if (!codes.length) return new Set(ALL_OF[family]);
  const out = new Set<string>();
  for (const code of codes) for (const rule of lookup(family, code)) out.add(rule);
  return out;
}

function lookup(family: ForeignFamily, code: string): readonly string[] {
  const table = FOREIGN_CODES[family];
  if (family === 'eslint') return table[code.replace(/^eslint\//, '')] ?? [];
  if (family === 'pylint') {
    if (code === 'all') return [...ALL_OF.pylint];
    // A category letter (`W`) or checker name (`logging`) turns off every message in it.
    if (/^[CRWEFI]$/.test(code)) return Object.entries(table).filter(([k]) => k.startsWith(code) && /^[A-Z]\d{4}$/.test(k)).flatMap(([, v]) => v);
    if (code === 'logging') return Object.entries(table).filter(([k]) => k.startsWith('logging-')).flatMap(([, v]) => v);
    return table[code] ?? [];
  }
  if (family === 'biome') {
    // `lint`, `lint/suspicious`, `lint/suspicious/noConsole(value)`.
    const parts = code.replace(/\(.*$/, '').split('/');
    if (parts[0] !== 'lint') return [];
    if (parts.length === 1) return [...ALL_OF.biome];
    if (parts.length === 2) return Object.entries(table).filter(([k]) => k.startsWith(`${parts[1]}/`)).flatMap(([, v]) => v);
    return Object.entries(table).filter(([k]) => k.endsWith(`/${parts[2]}`)).flatMap(([, v]) => v);
  }
  return table[code] ?? [];
}

const WHOLE_FILE = Number.MAX_SAFE_INTEGER;

// ---------------------------------------------------------------- Python

/** What the Python directives need from the parsed file (the engine answers from its tree). */
export interface PyScopes {
  isComment(offset: number): boolean;
  /** Last line of the block a comment standing alone at `offset` belongs to (by its indentation). */
  blockEnd(offset: number): number;
  /** Last line of the compound statement or clause whose header starts on `line`, if one does. */
  compoundEnd(line: number): number | undefined;
}

/** `#` then `noqa`, `ruff: noqa`, `flake8: noqa`, `nosec` or `pylint:`; the rest is read by hand. */
const PY_FOREIGN = /#[ \t]*(?:(?:(ruff|flake8)[ \t]*:[ \t]*)?(noqa)|(pylint)[ \t]*:|(nosec)\b)/gi;

/** Ruff / flake8 / pylint directives of a Python file, added to `out`. */
export function addPythonForeign(text: string, lines: LineIndex, out: Suppressions, scopes: PyScopes): void {
  if (!/noqa|pylint|nosec/i.test(text)) return;
  const pylint = new PylintRanges();
  for (let m = PY_FOREIGN.exec(text); m; m = PY_FOREIGN.exec(text)) {
    if (!scopes.isComment(m.index)) continue;
    const line = lines.positionAt(m.index).line;
    const rest = text.slice(m.index + m[0].length, lines.lineEnd(line));
    const alone = text.slice(lines.lineStart(line), m.index).trim() === '';
    if (m[3]) { pylint.read(rest, line, alone, m.index, scopes); continue; }
    if (m[4]) { out.addStatementLine(line, rulesOf('nosec', nosecCodes(rest))); continue; }
    const codes = noqaCodes(rest);
    if (!codes) continue;
    const rules = rulesOf('noqa', codes);
    if (m[1]) { if (alone) out.addBlock(0, WHOLE_FILE, rules); } // a file exemption counts only on its own line (Ruff)
    else out.addStatementLine(line, rules);
  }
  pylint.addTo(out);
}

/**
 * The codes after `noqa` as Ruff lexes them: nothing / `#` / a space and no colon → all (`[]`);
 * `: T201, BLE001` → those, up to the first word that is not a code; `noqaX` → not a directive.
 */
export function noqaCodes(rest: string): string[] | undefined {
  const colon = /^[ \t]*:/.exec(rest);
  if (!colon) return rest === '' || /^[\s#]/.test(rest) ? [] : undefined;
  const codes: string[] = [];
  for (const item of rest.slice(colon[0].length).split(/[\s,]+/)) {
    if (!item) continue;
    if (!/^[A-Z]+[0-9]+$/.test(item)) break; // `# noqa: T201 print is the CLI's output`
    codes.push(item);
  }
  // `# noqa:` with no code is a mistake Ruff warns about and ignores.
  return codes.length ? codes : undefined;
}

/** Bandit: `# nosec` (every test), `# nosec B110, B112` / `# nosec: B110` (those). */
function nosecCodes(rest: string): string[] {
  return [...rest.replace(/^[ \t]*:/, '').matchAll(/\bB\d{3}\b/g)].map((m) => m[0]);
}

/** pylint's disable/enable ranges per rule, cut by `enable`, built in document order. */
class PylintRanges {
  private readonly ranges = new Map<string, [number, number][]>();

  read(rest: string, line: number, alone: boolean, offset: number, scopes: PyScopes): void {
    const m = /^[ \t]*(disable-next|disable-msg|disable|enable-msg|enable|skip-file)\b[ \t]*(?:=[ \t]*([\w\-, \t]*))?/.exec(rest);
    if (!m) return;
    const action = m[1].replace('-msg', '');
    const codes = (m[2] ?? '').split(',').map((c) => c.trim()).filter(Boolean);
    if (action === 'skip-file') { this.disable(rulesOf('pylint', ['all']), 0, WHOLE_FILE); return; }
    if (!codes.length) return;
    const rules = rulesOf('pylint', codes);
    if (action === 'disable-next') { this.disable(rules, line + 1, line + 1); return; }
    const end = alone ? scopes.blockEnd(offset) : scopes.compoundEnd(line) ?? line;
    if (action === 'disable') this.disable(rules, line, end);
    else for (const rule of rules) this.cut(rule, line, end);
  }

  private disable(rules: Iterable<string>, from: number, to: number): void {
    for (const rule of rules) {
      const list = this.ranges.get(rule) ?? [];
      list.push([from, to]);
      this.ranges.set(rule, list);
    }
  }

  /** `enable` from `from` to `to` (the rest of its block): ranges of the rule lose that part. */
  private cut(rule: string, from: number, to: number): void {
    const list = this.ranges.get(rule);
    if (!list) return;
    this.ranges.set(rule, list.flatMap(([a, b]): [number, number][] => {
      if (b < from || a > to) return [[a, b]];
      const kept: [number, number][] = [];
      if (a < from) kept.push([a, from - 1]);
      if (b > to) kept.push([to + 1, b]);
      return kept;
    }));
  }

  addTo(out: Suppressions): void {
    for (const [rule, list] of this.ranges) for (const [a, b] of list) out.addBlock(a, b, new Set([rule]));
  }
}

// ---------------------------------------------------------------- JS / TS

const JS_FOREIGN = /\/([/*])[ \t]*(?:(eslint|oxlint)-(disable-next-line|disable-line|disable|enable)|biome-ignore(-all|-start|-end)?)(?=[\s:*]|$)/g;

/** ESLint / oxlint / Biome directives of a JS/TS file, added to `out`. */
export function addJsForeign(text: string, lines: LineIndex, out: Suppressions, isComment: (offset: number) => boolean): void {
  if (!/eslint-|oxlint-|biome-ignore/.test(text)) return;
  const open = new Map<string, number>();
  for (let m = JS_FOREIGN.exec(text); m; m = JS_FOREIGN.exec(text)) {
    if (!isComment(m.index)) continue;
    const block = m[1] === '*';
    const bodyStart = m.index + m[0].length;
    const close = block ? text.indexOf('*/', bodyStart) : -1;
    const bodyEnd = block ? (close < 0 ? text.length : close) : lines.lineEnd(lines.positionAt(m.index).line);
    const body = text.slice(bodyStart, bodyEnd);
    const line = lines.positionAt(m.index).line;
    const endLine = lines.positionAt(bodyEnd).line;
    if (m[2]) {
      const kind = m[3];
      // ESLint reads `disable`/`enable` in block comments only; oxlint in both.
      if (!block && m[2] === 'eslint' && (kind === 'disable' || kind === 'enable')) continue;
      const codes = body.split(/\s-{2,}\s/)[0].split(',').map((c) => c.trim()).filter(Boolean);
      const rules = rulesOf('eslint', codes);
      if (kind === 'disable-line') { if (line === endLine) out.addLine(line, rules); }
      else if (kind === 'disable-next-line') out.addLine(endLine + 1, rules);
      else if (kind === 'disable') for (const r of rules) { if (!open.has(r)) open.set(r, line); }
      else for (const r of rules) closeRange(out, open, r, line);
      continue;
    }
    const categories = body.split(':')[0].trim().split(/\s+/).filter(Boolean);
    if (!categories.length) continue;
    const rules = rulesOf('biome', categories);
    if (!rules.size) continue;
    if (m[4] === '-all') out.addBlock(0, WHOLE_FILE, rules);
    else if (m[4] === '-start') for (const r of rules) { if (!open.has(`biome:${r}`)) open.set(`biome:${r}`, line); }
    else if (m[4] === '-end') for (const r of rules) closeRange(out, open, `biome:${r}`, line);
    else out.addLine(endLine + 1, rules);
  }
  for (const [key, from] of open) out.addBlock(from, WHOLE_FILE, new Set([key.replace(/^biome:/, '')]));
}

function closeRange(out: Suppressions, open: Map<string, number>, key: string, line: number): void {
  const from = open.get(key);
  if (from === undefined) return;
  out.addBlock(from, line, new Set([key.replace(/^biome:/, '')]));
  open.delete(key);
}
