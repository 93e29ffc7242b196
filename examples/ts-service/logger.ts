// The service's logger, set up the way o11y-lint recommends (compare the o11y-pino snippet).
import pino from 'pino';
import { trace } from '@opentelemetry/api';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'ts-service' },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: ['req.headers.authorization', '*.password'],
  mixin() {
    const spanContext = trace.getActiveSpan()?.spanContext();
    return spanContext ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
  },
});
