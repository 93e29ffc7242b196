/** Deterministic (seeded) realistic service code with logging, tracing and metrics calls. */

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PY_FUNCS = [
  (i: number) => [
    `def process_order_${i}(order, user, retries=3):`,
    `    """Charge the order and record the outcome."""`,
    `    log.info("order_received", order_id=order.id, items=len(order.items))`,
    `    for attempt in range(retries):`,
    `        try:`,
    `            with tracer.start_as_current_span("charge") as span:`,
    `                span.set_attribute("order.amount", order.amount)`,
    `                result = payments.charge(order.id, order.amount)`,
    `                ORDERS_TOTAL.labels(status="ok").inc()`,
    `                return result`,
    `        except PaymentError as exc:`,
    `            logger.warning("charge failed for %s", order.id, exc_info=exc)`,
    `    logger.error(f"order {order.id} failed after {retries} retries")`,
    `    return None`,
    ``,
  ],
  (i: number) => [
    `class Handler${i}:`,
    `    def __init__(self, repo):`,
    `        self.repo = repo`,
    `        self.logger = logging.getLogger(__name__)`,
    ``,
    `    def get(self, request):`,
    `        user = self.repo.find(request.args.get("id"))`,
    `        if user is None:`,
    `            self.logger.info("user_not_found", extra={"user_id": request.args.get("id")})`,
    `            return {"status": 404}`,
    `        self.logger.debug("user %s loaded", user.id)`,
    `        return {"status": 200, "name": user.name}`,
    ``,
  ],
  (i: number) => [
    `def sync_batch_${i}(items, client):`,
    `    span = tracer.start_span("sync_batch")`,
    `    for item in items:`,
    `        log.debug("item_synced", item_id=item.id)`,
    `        try:`,
    `            client.push(item)`,
    `        except TimeoutError:`,
    `            pass`,
    `    span.end()`,
    `    REQUEST_SECONDS.labels(method="POST", endpoint="/sync").observe(len(items))`,
    ``,
  ],
];

const TS_FUNCS = [
  (i: number) => [
    `export async function processOrder${i}(order: Order, user: User): Promise<Result | undefined> {`,
    `  logger.info({ orderId: order.id, items: order.items.length }, 'order_received');`,
    `  for (let attempt = 0; attempt < 3; attempt++) {`,
    `    try {`,
    `      const result = await tracer.startActiveSpan('charge', async (span) => {`,
    `        span.setAttribute('order.amount', order.amount);`,
    `        try { return await payments.charge(order.id, order.amount); } finally { span.end(); }`,
    `      });`,
    `      ordersTotal.inc({ status: 'ok' });`,
    `      return result;`,
    `    } catch (err) {`,
    `      logger.warn({ err, orderId: order.id }, 'charge_failed');`,
    `    }`,
    `  }`,
    '  logger.error(`order ${order.id} failed`);',
    `  return undefined;`,
    `}`,
    ``,
  ],
  (i: number) => [
    `export class Handler${i} {`,
    `  constructor(private readonly repo: Repo, private readonly logger: Logger) {}`,
    ``,
    `  async get(req: Request): Promise<Response> {`,
    `    const user = await this.repo.find(req.params.id);`,
    `    if (!user) {`,
    `      this.logger.info({ userId: req.params.id }, 'user_not_found');`,
    `      return { status: 404 };`,
    `    }`,
    `    this.logger.debug('user %s loaded', user.id);`,
    `    return { status: 200, name: user.name };`,
    `  }`,
    `}`,
    ``,
  ],
  (i: number) => [
    `export function syncBatch${i}(items: Item[], client: Client): void {`,
    `  const span = tracer.startSpan('sync_batch');`,
    `  for (const item of items) {`,
    `    logger.debug({ itemId: item.id }, 'item_synced');`,
    `    try {`,
    `      client.push(item);`,
    `    } catch {`,
    `      // retried by the next batch`,
    `    }`,
    `  }`,
    `  span.end();`,
    `  requestSeconds.observe({ method: 'POST', route: '/sync' }, items.length);`,
    `}`,
    ``,
  ],
];

const PY_HEADER = ['import logging', 'import structlog', 'from opentelemetry import trace', 'from prometheus_client import Histogram', '', 'logger = logging.getLogger(__name__)', 'log = structlog.get_logger()', 'tracer = trace.get_tracer(__name__)', 'REQUEST_SECONDS = Histogram("request_seconds", "Request time", ["method", "endpoint"])', ''];
const TS_HEADER = ["import pino from 'pino';", "import { trace } from '@opentelemetry/api';", "import { Histogram } from 'prom-client';", '', 'const logger = pino();', "const tracer = trace.getTracer('svc');", "const requestSeconds = new Histogram({ name: 'request_seconds', help: 'Request time', labelNames: ['method', 'route'] });", ''];

export function generate(lang: 'py' | 'ts', lines: number, seed = 42): string {
  const random = rng(seed);
  const funcs = lang === 'py' ? PY_FUNCS : TS_FUNCS;
  const out = [...(lang === 'py' ? PY_HEADER : TS_HEADER)];
  for (let i = 0; out.length < lines; i++) out.push(...funcs[Math.floor(random() * funcs.length)](i));
  return out.slice(0, lines).join('\n') + '\n';
}
