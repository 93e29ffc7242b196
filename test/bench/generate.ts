/**
 * Deterministic (seeded) realistic service code with logging, tracing and metrics calls, for `npm run bench`.
 * The same seed gives byte-identical output on every machine, so runs and peers see the same inputs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Random = () => number;

/** A linear congruential generator: small, fast and the same everywhere. */
export function rng(seed: number): Random {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const ENTITIES = ['order', 'user', 'invoice', 'payment', 'shipment', 'cart', 'account', 'session', 'refund', 'coupon', 'product', 'ticket'];
const LEVELS = ['debug', 'info', 'warning', 'error'];
const camel = (s: string) => s[0].toUpperCase() + s.slice(1);

type Template = (i: number, r: Random) => string[];

const PY_FUNCS: Template[] = [
  (i, r) => { const e = pick(r, ENTITIES); return [
    `def process_${e}_${i}(${e}, caller, retries=3):`,
    `    """Charge the ${e} and record the outcome."""`,
    `    log.info("${e}_received", ${e}_id=${e}.id, items=len(${e}.items))`,
    `    for attempt in range(retries):`,
    `        try:`,
    `            with tracer.start_as_current_span("charge_${e}") as span:`,
    `                span.set_attribute("${e}.amount", ${e}.amount)`,
    `                result = payments.charge(${e}.id, ${e}.amount)`,
    `                REQUESTS_TOTAL.labels(status="ok").inc()`,
    `                return result`,
    `        except PaymentError as exc:`,
    `            logger.warning("charge failed for %s", ${e}.id, exc_info=exc)`,
    `    logger.error(f"${e} {${e}.id} failed after {retries} retries")`,
    `    return None`,
    ``,
  ]; },
  (i, r) => { const e = pick(r, ENTITIES); return [
    `class ${camel(e)}Handler${i}:`,
    `    def __init__(self, repo):`,
    `        self.repo = repo`,
    `        self.logger = logging.getLogger(__name__)`,
    ``,
    `    def get(self, request):`,
    `        ${e} = self.repo.find(request.args.get("id"))`,
    `        if ${e} is None:`,
    `            self.logger.info("${e}_not_found", extra={"${e}_id": request.args.get("id")})`,
    `            return {"status": 404}`,
    `        self.logger.${pick(r, LEVELS)}("${e} %s loaded", ${e}.id)`,
    `        return {"status": 200, "name": ${e}.name}`,
    ``,
  ]; },
  (i, r) => { const e = pick(r, ENTITIES); return [
    `def sync_${e}_batch_${i}(items, client):`,
    `    span = tracer.start_span("sync_${e}_batch")`,
    `    for item in items:`,
    `        log.debug("${e}_synced", item_id=item.id)`,
    `        try:`,
    `            client.push(item)`,
    `        except TimeoutError:`,
    `            pass`,
    `    span.end()`,
    `    REQUEST_SECONDS.labels(method="POST", endpoint="/sync").observe(len(items))`,
    ``,
  ]; },
  (i, r) => { const e = pick(r, ENTITIES); return [
    `def summarize_${e}s_${i}(rows, currency="EUR"):`,
    `    totals = {}`,
    `    for row in rows:`,
    `        key = (row["region"], row.get("channel", "web"))`,
    `        totals[key] = totals.get(key, 0) + row["amount"] * RATES.get(currency, 1.0)`,
    `    ranked = sorted(totals.items(), key=lambda kv: kv[1], reverse=True)`,
    `    return [{"region": k[0], "channel": k[1], "total": round(v, 2)} for k, v in ranked[:10]]`,
    ``,
  ]; },
  (i, r) => { const e = pick(r, ENTITIES); return [
    `async def fetch_${e}_${i}(session, ${e}_id: str, timeout: float = 2.5) -> dict:`,
    `    with tracer.start_as_current_span("fetch_${e}", attributes={"${e}.id": ${e}_id}):`,
    `        try:`,
    `            async with session.get(f"/api/${e}s/{${e}_id}", timeout=timeout) as resp:`,
    `                resp.raise_for_status()`,
    `                return await resp.json()`,
    `        except Exception as exc:`,
    `            logger.exception("fetch_${e}_failed", extra={"${e}_id": ${e}_id})`,
    `            print("fetch failed", ${e}_id)`,
    `            raise ${camel(e)}Unavailable(${e}_id) from exc`,
    ``,
  ]; },
];

const TS_FUNCS: Template[] = [
  (i, r) => { const e = pick(r, ENTITIES); return [
    `export async function process${camel(e)}${i}(${e}: ${camel(e)}, caller: Caller): Promise<Result | undefined> {`,
    `  logger.info({ ${e}Id: ${e}.id, items: ${e}.items.length }, '${e}_received');`,
    `  for (let attempt = 0; attempt < 3; attempt++) {`,
    `    try {`,
    `      const result = await tracer.startActiveSpan('charge_${e}', async (span) => {`,
    `        span.setAttribute('${e}.amount', ${e}.amount);`,
    `        try { return await payments.charge(${e}.id, ${e}.amount); } finally { span.end(); }`,
    `      });`,
    `      requestsTotal.inc({ status: 'ok' });`,
    `      return result;`,
    `    } catch (err) {`,
    `      logger.warn({ err, ${e}Id: ${e}.id }, 'charge_failed');`,
    `    }`,
    `  }`,
    `  logger.error(\`${e} \${${e}.id} failed\`);`,
    `  return undefined;`,
    `}`,
    ``,
  ]; },
  (i, r) => { const e = pick(r, ENTITIES); return [
    `export class ${camel(e)}Handler${i} {`,
    `  constructor(private readonly repo: Repo, private readonly logger: Logger) {}`,
    ``,
    `  async get(req: Request): Promise<Response> {`,
    `    const ${e} = await this.repo.find(req.params.id);`,
    `    if (!${e}) {`,
    `      this.logger.info({ ${e}Id: req.params.id }, '${e}_not_found');`,
    `      return { status: 404 };`,
    `    }`,
    `    this.logger.${pick(r, ['debug', 'info', 'warn', 'error'])}('${e} %s loaded', ${e}.id);`,
    `    return { status: 200, name: ${e}.name };`,
    `  }`,
    `}`,
    ``,
  ]; },
  (i, r) => { const e = pick(r, ENTITIES); return [
    `export function sync${camel(e)}Batch${i}(items: Item[], client: Client): void {`,
    `  const span = tracer.startSpan('sync_${e}_batch');`,
    `  for (const item of items) {`,
    `    logger.debug({ itemId: item.id }, '${e}_synced');`,
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
  ]; },
  (i, r) => { const e = pick(r, ENTITIES); return [
    `export function summarize${camel(e)}s${i}(rows: Row[], currency = 'EUR'): Summary[] {`,
    `  const totals = new Map<string, number>();`,
    `  for (const row of rows) {`,
    `    const key = \`\${row.region}/\${row.channel ?? 'web'}\`;`,
    `    totals.set(key, (totals.get(key) ?? 0) + row.amount * (RATES[currency] ?? 1));`,
    `  }`,
    `  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([key, total]) => ({ key, total: Math.round(total * 100) / 100 }));`,
    `}`,
    ``,
  ]; },
  (i, r) => { const e = pick(r, ENTITIES); return [
    `export async function fetch${camel(e)}${i}(http: HttpClient, ${e}Id: string, timeoutMs = 2500): Promise<${camel(e)}> {`,
    `  return tracer.startActiveSpan('fetch_${e}', { attributes: { '${e}.id': ${e}Id } }, async (span) => {`,
    `    try {`,
    `      const res = await http.get(\`/api/${e}s/\${${e}Id}\`, { timeoutMs });`,
    `      return (await res.json()) as ${camel(e)};`,
    `    } catch (err) {`,
    `      logger.error({ err, ${e}Id }, 'fetch_${e}_failed');`,
    `      console.log('fetch failed', ${e}Id);`,
    `      throw new ${camel(e)}Unavailable(${e}Id);`,
    `    } finally {`,
    `      span.end();`,
    `    }`,
    `  });`,
    `}`,
    ``,
  ]; },
];

const PY_HEADER = ['import logging', 'import structlog', 'from opentelemetry import trace', 'from prometheus_client import Counter, Histogram', '', 'logger = logging.getLogger(__name__)', 'log = structlog.get_logger()', 'tracer = trace.get_tracer(__name__)', 'REQUESTS_TOTAL = Counter("requests_total", "Requests", ["status"])', 'REQUEST_SECONDS = Histogram("request_seconds", "Request time", ["method", "endpoint"])', 'RATES = {"EUR": 1.0, "USD": 0.92}', ''];
const TS_HEADER = ["import pino from 'pino';", "import { trace } from '@opentelemetry/api';", "import { Counter, Histogram } from 'prom-client';", '', 'const logger = pino();', "const tracer = trace.getTracer('svc');", "const requestsTotal = new Counter({ name: 'requests_total', help: 'Requests', labelNames: ['status'] });", "const requestSeconds = new Histogram({ name: 'request_seconds', help: 'Request time', labelNames: ['method', 'route'] });", 'const RATES: Record<string, number> = { EUR: 1, USD: 0.92 };', ''];

/** A `lines`-line Python or TypeScript service module (seeded: same seed, same text). */
export function generate(lang: 'py' | 'ts', lines: number, seed = 42): string {
  const random = rng(seed);
  const funcs = lang === 'py' ? PY_FUNCS : TS_FUNCS;
  const out = [...(lang === 'py' ? PY_HEADER : TS_HEADER)];
  // Whole functions only (the text always parses), then comment lines up to the exact count.
  for (let i = 0; ; i++) {
    const next = pick(random, funcs)(i, random);
    if (out.length + next.length > lines) break;
    out.push(...next);
  }
  while (out.length < lines) out.push(lang === 'py' ? '# end of module' : '// end of module');
  return out.join('\n') + '\n';
}

export interface Workspace { root: string; python: string; typescript: string; files: number; lines: number }

/**
 * `files` modules (half Python under python/, half TypeScript under typescript/), 40–400 lines each,
 * in services/modules folders, written once per seed under the OS temp folder and reused.
 */
export function writeWorkspace(files = 2000, seed = 7): Workspace {
  const root = path.join(os.tmpdir(), `o11y-lint-bench-ws-${files}-${seed}-v1`);
  const python = path.join(root, 'python');
  const typescript = path.join(root, 'typescript');
  const done = path.join(root, '.complete');
  const r = rng(seed);
  let lines = 0;
  const plan: { file: string; text: string }[] = [];
  for (let i = 0; i < files; i++) {
    const lang = i % 2 ? 'ts' : 'py';
    const n = 40 + Math.floor(r() * 360);
    lines += n;
    const service = `svc_${Math.floor(i / 40)}`;
    plan.push({ file: path.join(lang === 'py' ? python : typescript, service, `module_${i}.${lang}`), text: fs.existsSync(done) ? '' : generate(lang, n, seed * 100_003 + i) });
  }
  if (!fs.existsSync(done)) {
    fs.rmSync(root, { recursive: true, force: true });
    for (const { file, text } of plan) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    fs.writeFileSync(done, `${files} files\n`);
  }
  return { root, python, typescript, files, lines };
}
