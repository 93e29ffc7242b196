/**
 * Shared by the figures of `npm run bench`: sample statistics, cell formatting, and the one table.
 * A figure module exports `figure(): Promise<Row[]>`; run as a script with `--rows` it prints its rows
 * as one JSON line (how test/bench/run.ts collects them), otherwise as a table of its own.
 */
export interface Stat { median: number; min: number; max: number; p95: number; n: number }

export interface Row {
  /** Figure number and name, e.g. "2 editing latency". */
  figure: string;
  /** What was measured, precisely. */
  what: string;
  /** Median (min–max), or a single value. */
  value: string;
  /** The baseline measured in the same run, with its name. */
  baseline?: string;
  /** value ÷ baseline (or how many times faster), as printed. */
  ratio?: string;
  target?: string;
  /** "met", "MISSED" or a note. */
  verdict?: string;
}

export function stats(samples: readonly number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length / 2;
  const median = s.length % 2 ? s[Math.floor(mid)] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)], n: s.length };
}

const num = (n: number, digits: number) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** "12.3 ms (11.9–14.0)": median with the min–max noise band. */
export function cell(s: Stat, unit: string, digits = 1): string {
  return `${num(s.median, digits)} ${unit} (${num(s.min, digits)}–${num(s.max, digits)})`;
}

export function plain(n: number, unit: string, digits = 1): string {
  return `${num(n, digits)} ${unit}`;
}

export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Times `fn` in milliseconds. */
export function time(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const COLUMNS: [keyof Row, string][] = [['figure', 'figure'], ['what', 'measured'], ['value', 'median (min–max)'], ['baseline', 'baseline, same run'], ['ratio', 'ratio'], ['target', 'target'], ['verdict', '']];

/** A Markdown table (readable in a terminal and pasteable into BENCHMARKS.md). */
export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => COLUMNS.map(([k]) => (r[k] ?? '').replace(/\|/g, '\\|')));
  const widths = COLUMNS.map(([, h], i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (cs: string[]) => `| ${cs.map((c, i) => c.padEnd(widths[i])).join(' | ')} |\n`;
  return line(COLUMNS.map(([, h]) => h)) + line(widths.map((w) => '-'.repeat(w))) + cells.map(line).join('');
}

/** Marker before the JSON rows a figure prints for run.ts. */
export const ROWS_MARKER = 'O11Y-BENCH-ROWS ';

/** The entry point of every figure script. */
export function runFigure(figure: () => Promise<Row[]>): void {
  figure().then(
    (rows) => {
      if (process.argv.includes('--rows')) process.stdout.write(`${ROWS_MARKER}${JSON.stringify(rows)}\n`);
      else process.stdout.write(formatTable(rows));
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
      process.exit(1);
    },
  );
}

/** Progress lines go to stderr, so stdout stays the table. */
export const progress = (s: string) => process.stderr.write(`  · ${s}\n`);
