/** Label names whose values are unbounded (RULES.md `unbounded-metric-label`, `alert-high-cardinality`). */
export const UNBOUNDED_LABELS = new Set([
  'user_id', 'userid', 'user', 'email', 'request_id', 'trace_id', 'span_id', 'session_id', 'correlation_id', 'order_id',
  'customer_id', 'ip', 'ip_address', 'client_ip', 'url', 'uri', 'full_path', 'query', 'timestamp', 'uuid',
]);
