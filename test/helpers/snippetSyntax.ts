/**
 * Expands a VS Code snippet body the way the editor does when the user accepts every default:
 * `$1`/`${1}` (a mirror of tab stop 1's placeholder), `${1:default}` (nested too),
 * `${1|a,b|}` (the first choice), `$0`, variables (`$TM_FILENAME_BASE`,
 * `${TM_FILENAME_BASE:default}`) from a fixed table, and the escapes `\$`, `\}`, `\\`
 * (`\,` `\|` inside choices). Transforms (`${1/re/fmt/}`) and unknown variables throw: a snippet
 * using them needs this expander extended first, not silently mis-expanded.
 */

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; children?: Part[] }
  | { kind: 'choice'; index: number; first: string }
  | { kind: 'variable'; name: string; children?: Part[] };

/** The values VS Code would put in for the variables a snippet may use (a file named `orders.py`). */
export const TEST_VARIABLES: Record<string, string> = {
  TM_FILENAME: 'orders.py',
  TM_FILENAME_BASE: 'orders',
  TM_DIRECTORY: '/work/app',
  TM_FILEPATH: '/work/app/orders.py',
  RELATIVE_FILEPATH: 'app/orders.py',
  WORKSPACE_NAME: 'app',
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  CURRENT_YEAR: '2026',
  UUID: '00000000-0000-4000-8000-000000000000',
};

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  /** Parts up to the end, or up to an unescaped `}` when `nested` (the `}` is consumed by the caller). */
  parse(nested: boolean): Part[] {
    const parts: Part[] = [];
    let text = '';
    const flush = () => { if (text) parts.push({ kind: 'text', text }); text = ''; };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && '$}\\'.includes(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '}' && nested) {
        break;
      } else if (c === '$') {
        const part = this.dollar();
        if (part) { flush(); parts.push(part); } else { text += '$'; this.pos++; }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  /** A construct starting at `$`, or undefined (then `$` is literal text, as in VS Code). */
  private dollar(): Part | undefined {
    const start = this.pos;
    const rest = this.src.slice(start + 1);
    let m = /^(\d+)/.exec(rest);
    if (m) { this.pos += 1 + m[1].length; return { kind: 'tabstop', index: Number(m[1]) }; }
    m = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) { this.pos += 1 + m[1].length; return { kind: 'variable', name: m[1] }; }
    m = /^\{(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (!m) return undefined;
    const id = m[1];
    const numeric = /^\d+$/.test(id);
    this.pos += 2 + id.length;
    const next = this.src[this.pos];
    if (next === '}') { this.pos++; return numeric ? { kind: 'tabstop', index: Number(id) } : { kind: 'variable', name: id }; }
    if (next === ':') {
      this.pos++;
      const children = this.parse(true);
      if (this.src[this.pos] !== '}') throw new Error(`unclosed \${${id}: at offset ${start}`);
      this.pos++;
      return numeric ? { kind: 'tabstop', index: Number(id), children } : { kind: 'variable', name: id, children };
    }
    if (next === '|' && numeric) return this.choice(Number(id), start);
    if (next === '/') throw new Error(`snippet transforms are not supported by this expander (offset ${start})`);
    throw new Error(`malformed \${${id} at offset ${start}`);
  }

  private choice(index: number, start: number): Part {
    this.pos++; // '|'
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && ',|\\'.includes(this.src[this.pos + 1] ?? '')) { current += this.src[this.pos + 1]; this.pos += 2; continue; }
      if (c === ',') { options.push(current); current = ''; this.pos++; continue; }
      if (c === '|' && this.src[this.pos + 1] === '}') {
        options.push(current);
        this.pos += 2;
        return { kind: 'choice', index, first: options[0] };
      }
      current += c;
      this.pos++;
    }
    throw new Error(`unclosed choice at offset ${start}`);
  }
}

/** The snippet body (lines joined with `\n`) as the editor inserts it with every default accepted. */
export function expandSnippet(body: string | string[], variables: Record<string, string> = TEST_VARIABLES): string {
  const parts = new Parser(Array.isArray(body) ? body.join('\n') : body).parse(false);
  // A tab stop's value is its first placeholder or choice, wherever it appears (mirrors copy it).
  const defaults = new Map<number, Part[] | string>();
  const collect = (list: Part[]) => {
    for (const p of list) {
      if (p.kind === 'tabstop' && p.children) { if (!defaults.has(p.index)) defaults.set(p.index, p.children); collect(p.children); }
      else if (p.kind === 'choice' && !defaults.has(p.index)) defaults.set(p.index, p.first);
      else if (p.kind === 'variable' && p.children) collect(p.children);
    }
  };
  collect(parts);
  const render = (list: Part[], depth: number): string => {
    if (depth > 20) throw new Error('tab stops refer to each other in a cycle');
    return list.map((p) => {
      switch (p.kind) {
        case 'text': return p.text;
        case 'choice': return p.first;
        case 'tabstop': {
          const value = defaults.get(p.index);
          return value === undefined ? '' : typeof value === 'string' ? value : render(value, depth + 1);
        }
        case 'variable': {
          // As in VS Code, an empty variable (no selection) falls back to its default.
          if (variables[p.name]) return variables[p.name];
          if (p.children) return render(p.children, depth + 1);
          if (p.name in variables) return '';
          throw new Error(`unknown snippet variable $${p.name}: add it to TEST_VARIABLES or escape the $`);
        }
      }
    }).join('');
  };
  return render(parts, 0);
}
