import { ruleTester } from '../../helpers/ruleTester';

const PY = 'import logging\nlogger = logging.getLogger(__name__)\n';
const SL = 'import structlog\nlog = structlog.get_logger()\n';
const PINO = "import pino from 'pino';\nconst logger = pino();\n";
const WINSTON = "import winston from 'winston';\nconst logger = winston.createLogger({});\n";

ruleTester('log-raw-payload', {
  valid: [
    { lang: 'py', name: 'single header by name (.get)', code: SL + 'log.info("request", user_agent=request.headers.get("User-Agent"))\n' },
    { lang: 'py', name: 'single header by subscript', code: SL + 'log.info("request", request_id=request.headers["X-Request-Id"])\n' },
    { lang: 'py', name: 'len(...) of the body', code: SL + 'log.info("request", body_size=len(request.body))\n' },
    { lang: 'py', name: 'one field of the JSON body', code: SL + 'log.info("order", order_id=request.json()["order_id"])\n' },
    { lang: 'py', name: 'an attribute of data', code: PY + 'logger.info("order %s", request.data.order_id)\n' },
    { lang: 'py', name: 'not a logger call', code: 'cache.info("x", body=request.body)\n' },
    { lang: 'py', name: 'body outside a log call', code: 'payload = request.json()\n' },
    { lang: 'py', name: 'other receivers', code: SL + 'log.info("x", data=item.data, text=message.text, body=email.body)\n' },
    { lang: 'py', name: 'status code', code: SL + 'log.info("upstream", status=response.status_code)\n' },
    { lang: 'py', name: 'truncated body (a slice)', code: SL + 'log.info("upstream", body=response.text[:200])\n' },
    { lang: 'ts', name: 'single field of the body', code: PINO + 'logger.info({ userId: req.body.userId }, "login");\n' },
    { lang: 'ts', name: 'single header', code: PINO + "logger.info({ ua: req.headers['user-agent'], host: req.headers.host }, 'request');\n" },
    { lang: 'ts', name: 'header via get()', code: PINO + "logger.info({ ua: request.headers.get('user-agent') }, 'request');\n" },
    { lang: 'ts', name: 'body length', code: PINO + 'logger.info({ size: JSON.stringify(req.body).length }, "request");\n' },
    { lang: 'ts', name: 'console is no-print-logging\'s', code: 'console.log(req.body);\n' },
    { lang: 'ts', name: 'shorthand of a local variable', code: PINO + 'const body = pick(req.body, ["id"]);\nlogger.info({ body }, "request");\n' },
    { lang: 'ts', name: 'not a logger', code: 'metrics.info({ body: req.body });\n' },
    { lang: 'ts', name: 'pino req serializer', code: PINO + 'logger.info({ req }, "request");\n' },
    // Issue 15: an explicit debug option.
    { lang: 'py', name: "under the client's debug option (buildbot)", code: SL + 'class C:\n    def done(self, res):\n        if self.debug:\n            log.debug("response", code=res.status_code, content=res.content)\n' },
    { lang: 'py', name: 'one field of a response obtained with requests', code: PY + 'import requests\ndef f(url):\n    r = requests.get(url)\n    logger.info("created %s", r.json()["id"])\n' },
    { lang: 'py', name: 'a variable from an unrelated call', code: PY + 'import requests\ndef f(cache):\n    r = cache.lookup("k")\n    logger.info("got %s", r.text)\n' },
  ],
  invalid: [
    { lang: 'py', name: 'decided: a failed response body in the failure branch still fires (RULES.md, fixtures)', code: PY + 'def notify(resp, event):\n    if resp.status_code >= 400:\n        logger.warning("Failed to notify nova on event: %s. %s.", event, resp.text)\n', errors: [{ range: [5, 74, 5, 83] }] },
    // Issue 15: response bodies by how the value was obtained.
    { lang: 'py', name: 'r = requests.get(...) then r.text', code: PY + 'import requests\ndef f(url):\n    r = requests.get(url)\n    logger.info("got %s", r.text)\n', errors: [{ range: [6, 27, 6, 33], message: 'whole response body' }] },
    { lang: 'py', name: 'data = r.json() then data', code: SL + 'import requests\ndef f(url):\n    r = requests.post(url, json={})\n    data = r.json()\n    log.info("upstream", data=data)\n', errors: [{ range: [7, 31, 7, 35] }] },
    { lang: 'py', name: 'aiohttp: async with session.get(...) as resp', code: PY + 'import aiohttp\nasync def f(session, url):\n    async with session.get(url) as resp:\n        logger.info("body %s", await resp.text())\n', errors: [{ range: [6, 32, 6, 49] }] },
    { lang: 'py', name: 'httpx response content', code: PY + 'import httpx\ndef f(url, p):\n    res = httpx.post(url, json=p)\n    logger.debug("x %s", res.content)\n', errors: [{ range: [6, 26, 6, 37] }] },
    { lang: 'ts', name: 'const r = await fetch(...) then await r.json()', code: PINO + 'async function f(url: string) {\n  const r = await fetch(url);\n  logger.info({ body: await r.json() }, "fetched");\n}\n', errors: [{ range: [5, 23, 5, 37] }] },
    { lang: 'ts', name: 'const { data } = await axios.get(...)', code: "import axios from 'axios';\n" + PINO + 'async function f(url: string) {\n  const { data } = await axios.get(url);\n  logger.info({ data }, "got");\n}\n', errors: [{ range: [6, 17, 6, 21] }] },
    { lang: 'ts', name: 'res = await axios.post(...) then res.data', code: "import axios from 'axios';\n" + PINO + 'async function f(u: string, p: object) {\n  const res = await axios.post(u, p);\n  logger.debug(res.data, "posted");\n}\n', errors: [{ range: [6, 16, 6, 24] }] },
    { lang: 'py', name: 'a success body is still a dump', code: PY + 'def f(r):\n    if r.status_code == 200:\n        logger.info("ok %s", response.text)\n', errors: [{ range: [5, 30, 5, 43] }] },
    { lang: 'py', name: 'a syntax error nearby', code: SL + 'def broken(:\n    pass\nlog.info("x", body=request.body)\n', errors: [{ range: [5, 20, 5, 32] }] },
    { lang: 'ts', name: 'a syntax error nearby', code: PINO + 'const x = {;\nlogger.info({ b: req.body }, "x");\n', errors: [{ range: [4, 18, 4, 26] }] },
    { lang: 'py', name: 'structlog field', code: SL + 'log.info("request_received", body=request.body)\n', errors: [{ range: [3, 35, 3, 47], severity: 'warning', message: 'whole request body' }] },
    { lang: 'py', name: 'request.data as extra value', code: PY + 'logger.info("received", extra={"payload": request.data})\n', errors: [{ range: [3, 43, 3, 55] }] },
    { lang: 'py', name: 'await request.json()', code: SL + 'async def h(request):\n    log.info("got", payload=await request.json())\n', errors: [{ range: [4, 29, 4, 49], message: '`request.json()`' }] },
    { lang: 'py', name: 'request.form lazy argument', code: PY + 'logger.info("form %s", request.form)\n', errors: [{ range: [3, 24, 3, 36] }] },
    { lang: 'py', name: 'dict(request.headers)', code: SL + 'log.debug("headers", headers=dict(request.headers))\n', errors: [{ range: [3, 30, 3, 51], message: 'every request header' }] },
    { lang: 'py', name: 'f-string interpolation', code: PY + 'logger.info(f"upstream said {response.text}")\n', errors: [{ range: [3, 30, 3, 43], message: 'whole response body' }] },
    { lang: 'py', name: 'response.content decoded', code: PY + 'logger.error("failed: %s", response.content.decode())\n', errors: [{ range: [3, 28, 3, 53] }] },
    { lang: 'py', name: 'response.json()', code: SL + 'log.info("upstream", body=response.json())\n', errors: [{ range: [3, 27, 3, 42] }] },
    { lang: 'py', name: 'the message is the body', code: PY + 'logger.info(request.body)\n', errors: [{ range: [3, 13, 3, 25] }] },
    { lang: 'py', name: 'json.dumps of the body', code: SL + 'log.info("x", body=json.dumps(request.get_json()))\n', errors: [{ range: [3, 20, 3, 50] }] },
    { lang: 'py', name: 'self.request.body (Django view)', code: 'import logging\nlogger = logging.getLogger(__name__)\nclass V:\n    def post(self):\n        logger.info("x %s", self.request.body)\n', errors: [{ range: [5, 29, 5, 46] }] },
    { lang: 'py', name: '.format() argument', code: PY + 'logger.warning("bad {}".format(request.headers))\n', errors: [{ range: [3, 32, 3, 47] }] },
    { lang: 'ts', name: 'req.body as a pino field', code: PINO + 'logger.info({ body: req.body }, "request");\n', errors: [{ range: [3, 21, 3, 29], severity: 'warning' }] },
    { lang: 'ts', name: 'JSON.stringify(req.body)', code: PINO + 'logger.info(JSON.stringify(req.body));\n', errors: [{ range: [3, 13, 3, 37] }] },
    { lang: 'ts', name: 'req.headers as winston meta', code: WINSTON + 'logger.info("request", { headers: req.headers });\n', errors: [{ range: [3, 35, 3, 46], message: 'every request header' }] },
    { lang: 'ts', name: 'await response.json()', code: PINO + 'async function f(response: Response) {\n  logger.error({ upstream: await response.json() }, "upstream_failed");\n}\n', errors: [{ range: [4, 28, 4, 49], message: 'whole response body' }] },
    { lang: 'ts', name: 'spread of the body', code: PINO + 'logger.info({ ...req.body }, "request");\n', errors: [{ range: [3, 18, 3, 26] }] },
    { lang: 'ts', name: 'template interpolation', code: PINO + 'logger.info(`got ${JSON.stringify(res.body)}`);\n', errors: [{ range: [3, 20, 3, 44] }] },
    { lang: 'ts', name: 'object copy of the headers', code: PINO + 'logger.debug({ headers: { ...req.headers } }, "h");\n', errors: [{ range: [3, 25, 3, 43] }] },
    { lang: 'ts', name: 'nested field object', code: PINO + 'logger.info({ http: { body: ctx.request.body } }, "request");\n', errors: [{ range: [3, 29, 3, 45] }] },
    { lang: 'ts', name: 'axios response.data as the first argument', code: PINO + 'logger.warn(response.data, "upstream_failed");\n', errors: [{ range: [3, 13, 3, 26] }] },
  ],
});
