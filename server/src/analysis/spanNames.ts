/** What may go into a span name (span-name-cardinality), shared by the Python and JS/TS sides. */

/**
 * Names of things a span name is meant to carry (OpenTelemetry semantic conventions name spans
 * `{method} {route}`, `{operation} {table}`, `{queue} publish`): the name's last word, or, for
 * `*_name` / `*Name`, the word before it (`queue_name`, `taskName`). `user_id`, `path`, `url`,
 * `name` alone are not; nor are objects like `job` or `event` (only `job_name`, `event_name`).
 */
const LOW_CARDINALITY = /^(method|route|operation|op|verb|action|table|collection|queue|topic|exchange|destination|channel|service|command|cmd|handler|func|function|fn|module|class|cls|kind|type|prefix|namespace|component|system|db|database|schema|bucket|provider|phase)$/;
const LOW_CARDINALITY_NAMED = /^(job|task|event|model|tool|agent|span|step|stage|app|tracer|instrument)$/;

export function lowCardinalityName(segment: string): boolean {
  const words = segment.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split('_').filter(Boolean);
  const last = words[words.length - 1];
  if (last === 'name' && words.length > 1) return LOW_CARDINALITY.test(words[words.length - 2]) || LOW_CARDINALITY_NAMED.test(words[words.length - 2]);
  return !!last && LOW_CARDINALITY.test(last);
}
