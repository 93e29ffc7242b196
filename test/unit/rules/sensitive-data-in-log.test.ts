import { fixVariants, ruleTester, type InvalidCase } from '../../helpers/ruleTester';

const SL = 'import structlog\nlog = structlog.get_logger()\n';
const PY = 'import logging\nlogger = logging.getLogger(__name__)\n';
const PINO = "import pino from 'pino';\nconst logger = pino();\n";

/** RULES.md: names that MUST stay silent. */
const SILENT = ['user_id', 'token_count', 'max_tokens', 'password_reset_sent', 'has_password', 'email_verified', 'token_type', 'card_type', 'address_count', 'session_id'];

ruleTester('sensitive-data-in-log', {
  valid: [
    { lang: 'ts', name: 'the pino logger created here redacts the path', code: "import pino from 'pino';\nconst logger = pino({ redact: ['password', 'user.email'] });\nlogger.info({ password, user: { email } }, 'x');\n" },
    ...SILENT.map((name) => ({ lang: 'py' as const, name: `structlog field ${name}`, code: SL + `log.info("login", ${name}=${name})\n` })),
    ...SILENT.map((name) => ({ lang: 'ts' as const, name: `pino field ${name}`, code: PINO + `logger.info({ ${name} }, "login");\n` })),
    { lang: 'py', name: 'email_hash=hash_pii(email)', code: SL + 'log.info("login", email_hash=hash_pii(email))\n' },
    { lang: 'py', name: 'masked value under a sensitive key', code: SL + 'log.info("login", email=mask_email(user.email))\n' },
    { lang: 'py', name: 'len() of a secret', code: PY + 'logger.info("pw %d", len(password))\n' },
    { lang: 'py', name: 'hashlib', code: SL + 'log.info("x", token=hashlib.sha256(token).hexdigest())\n' },
    { lang: 'py', name: 'is_* call', code: SL + 'log.info("x", valid=is_valid_password(password))\n' },
    { lang: 'py', name: 'not a logger call', code: 'send(password=password)\n' },
    { lang: 'py', name: 'email_template is not an email', code: SL + 'log.info("sent", email_template=tpl)\n' },
    { lang: 'py', name: 'server address is not PII', code: SL + 'log.info("listening", server_address=addr)\n' },
    // Corpus review: a bare `address` is usually a network address (fastify's listen callback).
    { lang: 'ts', name: 'listen callback address', code: "import Fastify from 'fastify';\nconst fastify = Fastify({ logger: true });\nfastify.listen({ port: 3000 }, (err, address) => {\n  fastify.log.info(`server listening on ${address}`);\n});\n" },
    { lang: 'ts', name: 'server.address()', code: PINO + 'logger.info({ addr: server.address() }, "listening");\n' },
    { lang: 'py', name: 'self.address of a connection', code: PY + 'logger.debug("connected to %s", self.address)\n' },
    { lang: 'py', name: 'a bare address field key with a literal-free unknown value', code: SL + 'log.info("bound", address=addr)\n' },
    { lang: 'py', name: 'allow list', code: SL + 'log.info("x", pin=pin)\n', settings: { sensitive: { allow: ['pin'] } } },
    { lang: 'py', name: 'exc_info is not a field', code: PY + 'logger.error("x", exc_info=True)\n' },
    { lang: 'ts', name: 'redact() call', code: PINO + 'logger.info({ email: redactEmail(user.email) }, "x");\n' },
    { lang: 'ts', name: 'not a logger', code: 'api.post({ password });\n' },
    { lang: 'ts', name: 'boolean check', code: PINO + 'logger.info({ hasToken: Boolean(token) }, "x");\n' },
    { lang: 'py', name: 'placeholder email domain (example.com)', code: SL + 'log.info("mail to ops@example.com failed")\n' },
    { lang: 'py', name: 'a long number that is not Luhn-valid', code: PY + 'logger.info("batch 4111111111111112 done")\n' },
    { lang: 'py', name: 'a nanosecond timestamp is not a card', code: PY + 'logger.info("at 1732262400000000000")\n' },
    { lang: 'py', name: 'format placeholders are not an email', code: PY + 'logger.info("%s@%s", user, host)\n' },
    { lang: 'py', name: 'a literal outside a log call', code: 'ADMIN = "jane.doe@acme.io"\n' },
    { lang: 'ts', name: 'the word Bearer without a token', code: PINO + 'logger.info("missing Bearer prefix");\n' },
    { lang: 'py', name: 'span attribute with a qualifier (user.id)', code: 'from opentelemetry import trace\ntracer = trace.get_tracer(__name__)\nwith tracer.start_as_current_span("login") as span:\n    span.set_attribute("user.id", user.id)\n' },
    { lang: 'py', name: 'set_attribute on something that is not a span', code: 'config.set_attribute("password", pw)\n' },
    { lang: 'py', name: 'metric label method', code: 'from prometheus_client import Counter\nLOGINS = Counter("logins", "Logins", ["method"])\nLOGINS.labels(method="password").inc()\n' },
    { lang: 'ts', name: 'Map.set with a password key is not a metric', code: 'const cache = new Map();\ncache.set("password", pw);\n' },
    { lang: 'ts', name: 'tokens plural is a count-like collection name', code: PINO + 'logger.info({ tokensUsed }, "x");\n' },
    // Issue 15 (real application code): names that misjudge.
    { lang: 'py', name: 'a WebDAV sync token is a version marker (radicale)', code: PY + 'logger.debug("Client provided sync token: %r", old_sync_token)\n' },
    { lang: 'ts', name: 'a page token is a position', code: PINO + 'logger.info({ nextPageToken }, "page_fetched");\n' },
    { lang: 'py', name: 'a lexical token', code: PY + 'logger.debug("unexpected token %s", self.lexer.token)\n' },
    { lang: 'py', name: 'an OpenFlow cookie is a flow id (neutron)', code: PY + 'logger.debug("packet in: table_id=%d cookie=%d", msg.table_id, msg.cookie)\n' },
    { lang: 'py', name: 'an IP a network service manages (neutron IPAM)', code: PY + 'logger.debug("Reverting IP allocation for %s", ip_address)\n' },
    { lang: 'py', name: 'floating and fixed IPs (neutron port forwarding)', code: PY + 'logger.info("DELETE for port-forwarding %s vip %s to %s", pf_obj.protocol, pf_obj.floating_ip_address, pf_obj.internal_ip_address)\n' },
    { lang: 'py', name: 'device, storage and instance addresses (nova, cinder)', code: PY + 'logger.debug("%s %s %s %s %s %s", pci_address, libvirt_address, share_address, instance_address, fixed_address, dev.address)\n' },
    { lang: 'py', name: 'an iSCSI target and a formatted server address', code: PY + 'logger.debug("Adding iSCSI host %s", send_tgt.address)\nlogger.info("Listening on %s", format_address(server.server_address))\n' },
    { lang: 'py', name: "a mailing list's own request address (mailman)", code: PY + 'logger.info("%s: %s", message_id, mlist.request_address)\n' },
    { lang: 'ts', name: "the server's own address through a getter (directus)", code: PINO + 'logger.info(`WebSocket Server started at ${getAddress(httpServer)}${this.endpoint}`);\n' },
    { lang: 'ts', name: 'an advertise address (homebridge)', code: PINO + 'logger.info(`published on port ${port} (bridge ${advertiseAddress})`);\n' },
    { lang: 'ts', name: 'a count of credentials (n8n nodes loader)', code: PINO + 'logger.debug("Lazy-loading nodes and credentials", { nodes: types.nodes?.length ?? 0, credentials: types.credentials?.length ?? 0 });\n' },
    { lang: 'ts', name: 'a file name of the credentials file (node-red)', code: PINO + 'logger.trace("Migrating " + project.files.oldCredentials + " to " + credsFilePath);\n' },
    { lang: 'py', name: 'a username outside a failed login', code: SL + 'log.info("user_logged_in", username=username)\n' },
    { lang: 'py', name: 'a number outside a phone context', code: PY + 'logger.info("order %s shipped", number)\n' },
    { lang: 'ts', name: "a server's IP", code: PINO + 'logger.info({ ip: server.ip }, "listening");\n' },
    { lang: 'py', name: 'the service logging in somewhere: the username is its own account (cinder)', code: PY + 'logger.error("Failed to authenticate to remote cluster at %s as %s.", address, username)\n' },
    { lang: 'py', name: 'a configured username in a failed-login line', code: PY + 'logger.error("Login failed for %s", self.username)\n' },
    { lang: 'py', name: 'a masking call: stripUrlPassword (buildbot)', code: 'def f(cfg):\n    print(f"upgrading database ({stripUrlPassword(cfg.db_url)})")\n' },
    { lang: 'py', name: 'print to a file is not the log stream (mailman members)', code: 'def dump(address, outfp):\n    print(address.original_email, file=outfp)\n' },
  ],
  invalid: [
    { lang: 'py', name: 'a failed login attempt from a visitor (radicale)', code: PY + 'logger.warning("Failed login attempt from %s: %r", remote_host, login)\n', errors: [{ range: [3, 65, 3, 70] }] },
    // Issue 15: prints, context-dependent PII, one finding per value.
    { lang: 'py', name: 'print(password) gets the checks of a log call', code: 'def f(password):\n    print(password)\n', errors: [{ range: [2, 11, 2, 19], severity: 'error', message: 'looks like a secret' }] },
    { lang: 'py', name: 'an f-string print', code: 'def f(token):\n    print(f"token={token}")\n', errors: [{ range: [2, 20, 2, 25] }] },
    { lang: 'py', name: 'a username in a failed-login line', code: PY + 'logger.warning("Failed login for %s", username)\n', errors: [{ range: [3, 39, 3, 47], severity: 'warning', message: 'personal data' }] },
    { lang: 'ts', name: 'a username in a failed-login line (JS)', code: PINO + 'logger.warn({ userName }, "authentication failed");\n', errors: [{ range: [3, 15, 3, 23] }] },
    { lang: 'py', name: 'a number in a phone context', code: SL + 'log.info("Sending SMS to %s", number)\n', errors: [{ range: [3, 31, 3, 37] }] },
    { lang: 'py', name: "a phone's number", code: PY + 'logger.info("calling %s", contact.number)\n', errors: [{ range: [3, 27, 3, 41] }] },
    { lang: 'ts', name: "a request's IP", code: PINO + 'logger.info({ ip: req.ip }, "request");\n', errors: [{ range: [3, 19, 3, 25] }] },
    { lang: 'py', name: "a request's ip_address", code: PY + 'logger.info("seen %s", request.ip_address)\n', errors: [{ range: [3, 24, 3, 42] }] },
    { lang: 'py', name: 'a value logged twice is one finding', code: PY + 'logger.info("user %s", email, extra={"email": email})\n', errors: [{ range: [3, 38, 3, 45] }] },
    { lang: 'py', name: 'a value interpolated twice is one finding', code: PY + 'logger.info(f"{password} and again {password}")\n', errors: [{ range: [3, 16, 3, 24] }] },
    {
      lang: 'py', name: 'structlog keyword (secret: error, with Redact fix)', code: SL + 'log.info("login", password=password)\n',
      errors: [{ range: [3, 19, 3, 27], severity: 'error', fixes: ['Redact `password`', 'Remove secret field'], output: SL + 'log.info("login", password="[REDACTED]")\n' }],
    },
    { lang: 'py', name: 'PII is a warning', code: SL + 'log.info("login", email=email)\n', errors: [{ range: [3, 19, 3, 24], severity: 'warning', fixes: ['Mask PII (adds `hash_pii` helper)'] }] },
    { lang: 'py', name: 'attribute value user.email', code: SL + 'log.info("login", who=user.email)\n', errors: [{ range: [3, 23, 3, 33], severity: 'warning' }] },
    { lang: 'py', name: 'subscript value data["password"]', code: SL + 'log.info("login", p=data["password"])\n', errors: [{ range: [3, 21, 3, 37], severity: 'error' }] },
    { lang: 'py', name: 'call value get_password()', code: SL + 'log.info("login", p=get_password())\n', errors: [{ range: [3, 21, 3, 35], severity: 'error' }] },
    { lang: 'py', name: 'stdlib extra key', code: PY + 'logger.info("login", extra={"password": pw})\n', errors: [{ range: [3, 29, 3, 39], output: PY + 'logger.info("login", extra={"password": "[REDACTED]"})\n' }] },
    { lang: 'py', name: 'stdlib lazy argument', code: PY + 'logger.info("login %s", password)\n', errors: [{ range: [3, 25, 3, 33], output: PY + 'logger.info("login %s", "[REDACTED]")\n' }] },
    { lang: 'py', name: 'f-string interpolation', code: PY + 'logger.info(f"login {user.email}")\n', errors: [{ range: [3, 22, 3, 32], severity: 'warning' }] },
    { lang: 'py', name: '% operand', code: PY + 'logger.info("t=%s" % (api_key,))\n', errors: [{ range: [3, 23, 3, 30], severity: 'error' }] },
    { lang: 'py', name: '.format() keyword', code: PY + 'logger.info("t={t}".format(t=access_token))\n', errors: [{ range: [3, 30, 3, 42] }] },
    { lang: 'py', name: 'camelCase and str() wrapper', code: PY + 'logger.info("x %s", str(refreshToken))\n', errors: [{ range: [3, 21, 3, 38] }] },
    { lang: 'py', name: 'configured extra secret word', code: SL + 'log.info("x", signing_key=k)\n', settings: { sensitive: { secrets: ['signing_key'] } }, errors: [{ range: [3, 15, 3, 26], severity: 'error' }] },
    { lang: 'py', name: 'credit card and phone', code: SL + 'log.info("x", credit_card=cc, phone=ph)\n', errors: [{ range: [3, 15, 3, 26] }, { range: [3, 31, 3, 36] }] },
    {
      lang: 'ts', name: 'pino shorthand field', code: PINO + 'logger.info({ password }, "login");\n',
      errors: [{ range: [3, 15, 3, 23], severity: 'error', output: PINO + 'logger.info({ password: "[REDACTED]" }, "login");\n' }],
    },
    { lang: 'ts', name: 'pino keyed field', code: PINO + 'logger.info({ email: user.email }, "login");\n', errors: [{ range: [3, 15, 3, 20], severity: 'warning' }] },
    { lang: 'ts', name: 'winston meta object', code: "import winston from 'winston';\nconst logger = winston.createLogger({});\nlogger.info('login', { apiKey: key });\n", errors: [{ range: [3, 24, 3, 30], output: "import winston from 'winston';\nconst logger = winston.createLogger({});\nlogger.info('login', { apiKey: '[REDACTED]' });\n" }] },
    { lang: 'ts', name: 'template interpolation', code: PINO + 'logger.info(`login ${user.email}`);\n', errors: [{ range: [3, 22, 3, 32] }] },
    { lang: 'ts', name: 'nested object', code: PINO + 'logger.info({ user: { ssn } }, "x");\n', errors: [{ range: [3, 23, 3, 26] }] },
    { lang: 'ts', name: 'console.log of a token', code: 'console.log("token", accessToken);\n', errors: [{ range: [1, 22, 1, 33], severity: 'error' }] },
    { lang: 'ts', name: 'element access', code: PINO + 'logger.info({ h: req.headers["authorization"] }, "x");\n', errors: [{ range: [3, 18, 3, 46] }] },
    { lang: 'ts', name: 'OTel logs emit attributes', code: "import { logs } from '@opentelemetry/api-logs';\nconst otel = logs.getLogger('app');\notel.emit({ body: 'login', attributes: { password: pw } });\n", errors: [{ range: [3, 42, 3, 50] }] },
    { lang: 'py', name: 'user.address is postal', code: PY + 'logger.info("shipping to %s", user.address)\n', errors: [{ range: [3, 31, 3, 43], severity: 'warning' }] },
    { lang: 'py', name: 'a bare address key is decided by its value', code: SL + 'log.info("moved", address=customer.address)\n', errors: [{ range: [3, 27, 3, 43] }] },
    { lang: 'ts', name: 'shorthand homeAddress is still PII', code: PINO + 'logger.info({ homeAddress }, "x");\n', errors: [{ range: [3, 15, 3, 26] }] },
    { lang: 'ts', name: 'order.address in a template', code: PINO + 'logger.info(`ship to ${order.address}`);\n', errors: [{ range: [3, 24, 3, 37] }] },
    // Span attributes and metric labels.
    {
      lang: 'py', name: 'span attribute key', code: 'from opentelemetry import trace\ntracer = trace.get_tracer(__name__)\nwith tracer.start_as_current_span("login") as span:\n    span.set_attribute("user.email", email)\n',
      errors: [{ range: [4, 24, 4, 36], severity: 'warning', message: 'recorded as a span attribute' }],
    },
    { lang: 'py', name: 'attributes= when a span starts', code: 'from opentelemetry import trace\ntracer = trace.get_tracer(__name__)\nspan = tracer.start_span("login", attributes={"password": pw})\n', errors: [{ range: [3, 47, 3, 57], severity: 'error' }] },
    { lang: 'py', name: 'metric label name', code: 'from prometheus_client import Counter\nSIGNUPS = Counter("signups", "Signups", ["email"])\n', errors: [{ range: [2, 42, 2, 49], severity: 'warning', message: 'used as a metric label' }] },
    { lang: 'ts', name: 'setAttribute on a span', code: "import { trace } from '@opentelemetry/api';\nconst span = trace.getActiveSpan();\nspan?.setAttribute('auth.token', token);\n", errors: [{ range: [3, 20, 3, 32], severity: 'error', message: 'span attribute' }] },
    { lang: 'ts', name: 'prom-client labelNames', code: "import { Counter } from 'prom-client';\nconst c = new Counter({ name: 'logins_total', help: 'x', labelNames: ['phone'] });\n", errors: [{ range: [2, 71, 2, 78], severity: 'warning', message: 'metric label' }] },
    // Value-based detection: literal text that looks like personal data or a credential.
    { lang: 'py', name: 'email in a static message', code: PY + 'logger.info("sent to jane.doe@acme.io")\n', errors: [{ range: [3, 22, 3, 38], severity: 'warning', message: 'an email address' }] },
    { lang: 'py', name: 'card number in an f-string part', code: PY + 'logger.info(f"{uid} paid with 4111 1111 1111 1111")\n', errors: [{ range: [3, 31, 3, 50], severity: 'warning', message: 'a card number' }] },
    { lang: 'py', name: 'JWT as a structlog field value', code: SL + 'log.info("auth", sample="eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")\n', errors: [{ range: [3, 26, 3, 118], severity: 'error', message: 'a JWT' }] },
    { lang: 'py', name: 'AWS access key as a lazy argument', code: PY + 'logger.info("key %s", "AKIAIOSFODNN7EXAMPLE")\n', errors: [{ range: [3, 24, 3, 44], severity: 'error', message: 'an AWS access key' }] },
    { lang: 'ts', name: 'bearer token in a template literal', code: PINO + 'logger.info(`calling ${url} with Bearer abcdefghijklmnop1234`);\n', errors: [{ range: [3, 34, 3, 61], severity: 'error', message: 'a bearer token' }] },
    { lang: 'ts', name: 'email as a pino field value', code: PINO + 'logger.info({ to: "jane.doe@acme.io" }, "sent");\n', errors: [{ range: [3, 20, 3, 36], severity: 'warning' }] },
    ...[
      {
        lang: 'py',
        name: 'fix: Mask PII inserts the hash_pii helper once, after the imports',
        code: `
          import structlog

          log = structlog.get_logger()


          def login(user):
              if user:
                  log.info("login", email=user.email)
        `,
        errors: [{
          range: [8, 27, 8, 32],
          fixes: ['Mask PII (adds `hash_pii` helper)'],
          output: `
            import structlog

            def hash_pii(value):
                """Mask personal data for logs: the first 12 hex chars of its SHA-256; None stays None."""
                import hashlib

                if value is None:
                    return None
                return hashlib.sha256(str(value).encode("utf-8")).hexdigest()[:12]


            log = structlog.get_logger()


            def login(user):
                if user:
                    log.info("login", email=hash_pii(user.email))
          `,
        }],
      },
      {
        lang: 'py',
        name: 'fix: Remove secret field from stdlib extra; card number keeps its last 4 digits',
        code: `
          import logging

          logger = logging.getLogger(__name__)


          def pay(card_number, token):
              if token:
                  logger.info("paid", extra={"card_number": card_number, "token": token})
        `,
        errors: [
          {
            range: [8, 36, 8, 49],
            fixes: ['Mask card number to its last 4 digits (adds `mask_card` helper)'],
            output: `
              import logging

              def mask_card(value):
                  """Mask a card number for logs: only its last 4 digits stay visible; None stays None."""
                  if value is None:
                      return None
                  return "****" + str(value)[-4:]


              logger = logging.getLogger(__name__)


              def pay(card_number, token):
                  if token:
                      logger.info("paid", extra={"card_number": mask_card(card_number), "token": token})
            `,
          },
          {
            range: [8, 64, 8, 71],
            fixes: ['Redact `token`', 'Remove secret field'],
            outputs: {
              'Remove secret field': `
                import logging

                logger = logging.getLogger(__name__)


                def pay(card_number, token):
                    if token:
                        logger.info("paid", extra={"card_number": card_number})
              `,
            },
          },
        ],
      },
      {
        lang: 'ts',
        name: 'fix: pino — Mask PII (helper + node:crypto import), Remove secret field, Add to redact paths',
        code: `
          import pino from 'pino';
          const logger = pino({ level: 'info' });
          export function login(user: User, password: string) {
              if (user) {
                  logger.info({ email: user.email, password }, 'login');
              }
          }
        `,
        errors: [
          {
            range: [5, 23, 5, 28],
            fixes: ['Mask PII (adds `hashPii` helper)', 'Add `email` to the logger\'s redact paths'],
            output: `
              import pino from 'pino';
              import { createHash } from 'node:crypto';

              /** Mask personal data for logs: the first 12 hex chars of its SHA-256. */
              function hashPii(value: unknown): string | undefined {
                  return value == null ? undefined : createHash('sha256').update(String(value)).digest('hex').slice(0, 12);
              }
              const logger = pino({ level: 'info' });
              export function login(user: User, password: string) {
                  if (user) {
                      logger.info({ email: hashPii(user.email), password }, 'login');
                  }
              }
            `,
          },
          {
            range: [5, 42, 5, 50],
            fixes: ['Redact `password`', 'Remove secret field', 'Add `password` to the logger\'s redact paths'],
            outputs: {
              'Remove secret field': `
                import pino from 'pino';
                const logger = pino({ level: 'info' });
                export function login(user: User, password: string) {
                    if (user) {
                        logger.info({ email: user.email }, 'login');
                    }
                }
              `,
              'Add `password` to the logger\'s redact paths': `
                import pino from 'pino';
                const logger = pino({ level: 'info', redact: ['password'] });
                export function login(user: User, password: string) {
                    if (user) {
                        logger.info({ email: user.email, password }, 'login');
                    }
                }
              `,
            },
          },
        ],
      },
    ].flatMap((c) => [c as InvalidCase, ...fixVariants(c as InvalidCase)]),
    {
      lang: 'py', name: 'fix: configured o11yLint.maskHelper is imported', code: SL + 'log.info("login", phone=phone)\n', settings: { maskHelper: 'myapp.privacy.hash_pii' },
      errors: [{ range: [3, 19, 3, 24], fixes: ['Mask PII (adds `from myapp.privacy import hash_pii`)'], output: 'import structlog\nfrom myapp.privacy import hash_pii\nlog = structlog.get_logger()\nlog.info("login", phone=hash_pii(phone))\n' }],
    },
    {
      // The setting is written into source by a safe fix: a value that is not a module path and a name is never written.
      lang: 'ts', name: 'fix: a maskHelper that is not <module>#<name> is not written; the local helper is added', code: PINO + "logger.info({ email }, 'x');\n",
      settings: { maskHelper: "x'; require('child_process').exec('touch /tmp/pwned'); '#hashPii" },
      errors: [{ range: [3, 15, 3, 20], fixes: ['Mask PII (adds `hashPii` helper)', 'Add `email` to the logger\'s redact paths'] }],
    },
    {
      lang: 'py', name: 'fix: a maskHelper that is not a dotted module path and name is not written', code: SL + 'log.info("login", phone=phone)\n', settings: { maskHelper: 'myapp.import.hash_pii' },
      errors: [{ range: [3, 19, 3, 24], fixes: ['Mask PII (adds `hash_pii` helper)'] }],
    },
    {
      lang: 'ts', name: 'fix: a configured <module>#<name> helper is imported', code: PINO + "logger.info({ email }, 'x');\n", settings: { maskHelper: '#lib/privacy#hashPii' },
      errors: [{ range: [3, 15, 3, 20], fixes: ['Mask PII (adds `hashPii` import)', 'Add `email` to the logger\'s redact paths'] }],
    },
    {
      lang: 'py', name: 'fix: helper already defined: only the wrap', code: SL + 'def hash_pii(v):\n    return v\nlog.info("login", phone=phone)\n',
      errors: [{ range: [5, 19, 5, 24], fixes: ['Mask PII'], output: SL + 'def hash_pii(v):\n    return v\nlog.info("login", phone=hash_pii(phone))\n' }],
    },
    {
      lang: 'js', name: 'fix: CommonJS file gets require and an untyped helper; pino() gains its options', code: "const pino = require('pino');\nconst log = pino();\nlog.info({ email }, 'x');\n",
      errors: [{
        range: [3, 12, 3, 17],
        outputs: {
          'Mask PII (adds `hashPii` helper)': "const pino = require('pino');\nconst { createHash } = require('node:crypto');\n\n/** Mask personal data for logs: the first 12 hex chars of its SHA-256. */\nfunction hashPii(value) {\n    return value == null ? undefined : createHash('sha256').update(String(value)).digest('hex').slice(0, 12);\n}\nconst log = pino();\nlog.info({ email: hashPii(email) }, 'x');\n",
          'Add `email` to the logger\'s redact paths': "const pino = require('pino');\nconst log = pino({ redact: ['email'] });\nlog.info({ email }, 'x');\n",
        },
      }],
    },
    {
      lang: 'ts', name: 'fix: redact paths appended to redact.paths', code: "import pino from 'pino';\nconst logger = pino({ redact: { paths: ['a'] } });\nlogger.child({ m: 1 }).info({ user: { ssn } }, 'x');\n",
      errors: [{ range: [3, 39, 3, 42], outputs: { 'Add `user.ssn` to the logger\'s redact paths': "import pino from 'pino';\nconst logger = pino({ redact: { paths: ['a', 'user.ssn'] } });\nlogger.child({ m: 1 }).info({ user: { ssn } }, 'x');\n" } }],
    },
  ],
});
