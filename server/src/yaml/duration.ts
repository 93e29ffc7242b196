/** Prometheus durations (`1h30m`, `5m`, `90s`, `0`). */
const UNITS: [string, number][] = [['y', 365 * 86400e3], ['w', 7 * 86400e3], ['d', 86400e3], ['h', 3600e3], ['m', 60e3], ['s', 1e3], ['ms', 1]];
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Milliseconds, or undefined when not a valid Prometheus duration. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const m = DURATION.exec(text);
  if (!m || text === '') return undefined;
  return UNITS.reduce((sum, [, ms], i) => sum + Number(m[i + 1] ?? 0) * ms, 0);
}

/** `2700000` → `45m`, `90061000` → `1d 1h 1m 1s`. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of UNITS.slice(2)) {
    const n = Math.floor(rest / size);
    if (n) { parts.push(`${n}${unit}`); rest -= n * size; }
  }
  return parts.join(' ') || `${ms}ms`;
}

/** `5m` → `5 minutes`. */
export function durationInWords(ms: number): string {
  const words: [number, string][] = [[86400e3, 'day'], [3600e3, 'hour'], [60e3, 'minute'], [1e3, 'second']];
  const parts: string[] = [];
  let rest = ms;
  for (const [size, word] of words) {
    const n = Math.floor(rest / size);
    if (n) { parts.push(`${n} ${word}${n === 1 ? '' : 's'}`); rest -= n * size; }
  }
  return parts.join(' ') || `${ms} milliseconds`;
}
