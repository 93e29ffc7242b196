/** One line of a log file → records, or the reason it was skipped. Shared by the file tail and its tests. */
import type { JsonValue, LogRecord } from './model';
import { measureJson } from './limits';
import { LimitError, normalizeLogs, ShapeError } from './otlp';
import { structuredRecord } from './structured';

export type SkipReason = 'invalid-utf8' | 'invalid-json' | 'not-an-object' | 'not-otlp' | 'too-large';
export type LineResult = { records: LogRecord[]; rejected: number } | { skip: SkipReason };

// fatal: true makes invalid byte sequences throw instead of silently becoming U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Parses one line (without its newline). A line holding an OTLP ExportLogsServiceRequest (the Collector's
 * file exporter writes one per line) yields all its records; any other JSON object is a structured log line.
 */
export function parseLine(line: Uint8Array, now = Date.now()): LineResult | undefined {
  let text: string;
  try {
    text = utf8.decode(line).trim();
  } catch {
    return { skip: 'invalid-utf8' };
  }
  if (text === '') return undefined;
  // A line of millions of empty objects would cost gigabytes once parsed (the receiver's bound, applied per line).
  if (!measureJson(Buffer.from(line.buffer, line.byteOffset, line.byteLength)).ok) return { skip: 'too-large' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { skip: 'invalid-json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { skip: 'not-an-object' };
  // Traces or metrics from the same exporter are not log lines; they must not show up as odd records.
  if ('resourceSpans' in value || 'resourceMetrics' in value) return { skip: 'not-otlp' };
  if ('resourceLogs' in value || 'resource_logs' in value) {
    try {
      const r = normalizeLogs(value, 'file', now);
      for (const rec of r.records) rec.source = 'file';
      return { records: r.records, rejected: r.rejected };
    } catch (e) {
      if (e instanceof ShapeError) return { skip: 'not-otlp' };
      if (e instanceof LimitError) return { skip: 'too-large' };
      throw e;
    }
  }
  return { records: [structuredRecord(value as Record<string, JsonValue>, now)], rejected: 0 };
}
