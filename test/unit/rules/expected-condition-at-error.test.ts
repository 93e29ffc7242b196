import { fixVariants, ruleTester, type InvalidCase } from '../../helpers/ruleTester';

const PY = 'import logging\nlogger = logging.getLogger(__name__)\n';
const SL = 'import structlog\nlog = structlog.get_logger()\n';
const PINO = "import pino from 'pino';\nconst logger = pino();\n";
const WINSTON = "import winston from 'winston';\nconst logger = winston.createLogger({});\n";

ruleTester('expected-condition-at-error', {
  valid: [
    { lang: 'py', name: 'warning level', code: SL + 'log.warning("user_not_found", user_id=uid)\n' },
    { lang: 'py', name: 'info level', code: PY + 'logger.info("User not found")\n' },
    { lang: 'py', name: 'a real failure at error', code: SL + 'log.error("payment_gateway_timeout")\n' },
    { lang: 'py', name: 'invalidation is not validation', code: SL + 'log.error("cache_invalidation_failed")\n' },
    { lang: 'py', name: 'words split apart', code: PY + 'logger.error("not everything was found")\n' },
    { lang: 'py', name: 'a variable message', code: PY + 'def f(msg):\n    logger.error(msg)\n' },
    { lang: 'py', name: 'not a logger', code: 'report.error("user_not_found")\n' },
    { lang: 'py', name: 'log() at warning', code: PY + 'logger.log(logging.WARNING, "user_not_found")\n' },
    { lang: 'py', name: 'the phrase only in a field', code: SL + 'log.error("lookup_failed", reason="not_found")\n' },
    { lang: 'ts', name: 'pino warn', code: PINO + 'logger.warn({ id }, "user_not_found");\n' },
    { lang: 'ts', name: 'console.error is no-print-logging\'s', code: 'console.error("User not found");\n' },
    { lang: 'ts', name: 'error with a real failure', code: PINO + 'logger.error({ err }, "db_connection_lost");\n' },
    { lang: 'ts', name: 'winston log at info', code: WINSTON + "logger.log('info', 'user_not_found');\n" },
    { lang: 'ts', name: 'notfound as one word', code: PINO + 'logger.error("notfound");\n' },
    // Issue 15: a missing part of the deployment, or a miss the service cannot recover from, is a failure to fix.
    { lang: 'py', name: 'a config file not found', code: PY + 'logger.error("Config file %s not found", path)\n' },
    { lang: 'py', name: 'a module not found (glances)', code: PY + 'logger.critical("Bottle module not found. Glances cannot start in web server mode.")\n' },
    { lang: 'ts', name: 'the message says the service gives up (n8n)', code: PINO + 'logger.error("Skip list file not found. Exiting.");\n' },
    { lang: 'py', name: 'a default that must exist (cinder)', code: PY + 'logger.error("Default volume type not found. This must be corrected immediately.")\n' },
    { lang: 'py', name: '"does not exist" is not an expected-outcome phrase (measured: service-held resources)', code: PY + 'logger.error("Interface %s for physical network %s does not exist", intf, net)\n' },
    { lang: 'ts', name: '"invalid token" as a modifier (n8n introspection)', code: PINO + 'logger.error("Invalid token introspection response format");\n' },
    { lang: 'py', name: 'permission denied is usually the OS (EACCES), not a user', code: PY + 'logger.error("Permission denied: %s", path)\n' },
    { lang: 'ts', name: 'an expired certificate is a failure to fix', code: PINO + 'logger.error("TLS certificate expired");\n' },
  ],
  invalid: [
    { lang: 'py', name: 'a syntax error nearby', code: SL + 'def broken(:\n    pass\nlog.error("user_not_found")\n', errors: [{ range: [5, 11, 5, 27] }] },
    { lang: 'ts', name: 'a syntax error nearby', code: PINO + 'const x = {;\nlogger.error("user_not_found");\n', errors: [{ range: [4, 14, 4, 30] }] },
    { lang: 'py', name: 'structlog error not_found', code: SL + 'log.error("user_not_found", user_id=uid)\n', errors: [{ range: [3, 11, 3, 27], severity: 'hint', message: '(not_found)' }] },
    { lang: 'py', name: 'stdlib sentence', code: PY + 'logger.error("User not found")\n', errors: [{ range: [3, 14, 3, 30], message: 'not_found' }] },
    { lang: 'py', name: 'validation_error', code: SL + 'log.error("validation_error", field=f)\n', errors: [{ range: [3, 11, 3, 29], message: '(validation)' }] },
    { lang: 'py', name: 'exception() is error level', code: PY + 'try:\n    f()\nexcept PermissionError:\n    logger.exception("Forbidden")\n', errors: [{ range: [6, 22, 6, 33], message: 'error level' }] },
    { lang: 'py', name: 'critical', code: SL + 'log.critical("Unauthorized access")\n', errors: [{ range: [3, 14, 3, 35], message: 'critical level' }] },
    { lang: 'py', name: 'static parts of an f-string', code: PY + 'logger.error(f"Order {oid} not found")\n', errors: [{ range: [3, 14, 3, 38] }] },
    { lang: 'py', name: 'CamelCase', code: PY + 'logger.error("UserNotFound")\n', errors: [{ range: [3, 14, 3, 28] }] },
    { lang: 'py', name: 'log(logging.ERROR, ...)', code: PY + 'logger.log(logging.ERROR, "Rate limited by upstream")\n', errors: [{ range: [3, 27, 3, 53], message: '(rate_limited)' }] },
    { lang: 'py', name: 'loguru', code: 'from loguru import logger\nlogger.error("Login failed for {}", user)\n', errors: [{ range: [2, 14, 2, 35], message: '(login_failed)' }] },
    { lang: 'py', name: 'wrong password', code: SL + 'log.error("wrong_password", user_id=uid)\n', errors: [{ range: [3, 11, 3, 27] }] },
    { lang: 'ts', name: 'pino error', code: PINO + 'logger.error({ id }, "user_not_found");\n', errors: [{ range: [3, 22, 3, 38], severity: 'hint' }] },
    { lang: 'ts', name: 'winston error', code: WINSTON + 'logger.error("Bad request", { path });\n', errors: [{ range: [3, 14, 3, 27], message: '(bad_request)' }] },
    { lang: 'ts', name: 'fatal', code: PINO + 'logger.fatal("invalid input");\n', errors: [{ range: [3, 14, 3, 29], message: 'critical level' }] },
    { lang: 'ts', name: 'template literal static parts', code: PINO + 'logger.error(`User ${id} unauthorized`);\n', errors: [{ range: [3, 14, 3, 39] }] },
    { lang: 'ts', name: 'winston log("error", ...)', code: WINSTON + "logger.log('error', 'invalid password');\n", errors: [{ range: [3, 21, 3, 39] }] },
    { lang: 'ts', name: 'this.logger', code: 'class A { f() { this.logger.error("Validation failed"); } }\n', errors: [{ range: [1, 35, 1, 54] }] },
    // Issue 15: phrasings of the same outcomes.
    { lang: 'py', name: 'incorrect … password', code: PY + 'logger.error("Incorrect username or password for %s", user)\n', errors: [{ range: [3, 14, 3, 53], message: '(incorrect_username_or_password)' }] },
    { lang: 'ts', name: 'a miss the caller sees ("unable to" is the request\'s consequence, n8n roles)', code: PINO + 'logger.error(`Role ${slug} not found - unable to add scopes`);\n', errors: [{ range: [3, 14, 3, 61], message: "(not_found)" }] },
    { lang: 'ts', name: 'a session that has expired', code: PINO + 'logger.error({ id }, "Session has expired");\n', errors: [{ range: [3, 22, 3, 43], message: '(session_has_expired)' }] },
    { lang: 'py', name: 'an expired reset token', code: SL + 'log.error("expired_reset_token", user_id=uid)\n', errors: [{ range: [3, 11, 3, 32] }] },
    { lang: 'py', name: 'invalid token', code: PY + 'logger.error("Invalid token")\n', errors: [{ range: [3, 14, 3, 29], message: '(invalid_token)' }] },
    { lang: 'ts', name: 'invalid signature (a webhook)', code: PINO + 'logger.error("Webhook rejected: invalid signature");\n', errors: [{ range: [3, 14, 3, 51], message: '(invalid_signature)' }] },
    { lang: 'py', name: 'invalid credentials', code: PY + 'logger.error("Invalid credentials for %s", user)\n', errors: [{ range: [3, 14, 3, 42] }] },
    ...[
      {
        lang: 'py',
        name: 'fix: stdlib error → warning; exception → warning with exc_info=True',
        code: `
          import logging

          logger = logging.getLogger(__name__)


          def login(user):
              try:
                  check(user)
              except Denied:
                  logger.exception("login failed")
              if not user:
                  logger.error("User not found: %s", user)
        `,
        errors: [
          {
            range: [10, 26, 10, 40],
            fixes: ['Lower to warning'],
            output: `
              import logging

              logger = logging.getLogger(__name__)


              def login(user):
                  try:
                      check(user)
                  except Denied:
                      logger.warning("login failed", exc_info=True)
                  if not user:
                      logger.error("User not found: %s", user)
            `,
          },
          {
            range: [12, 22, 12, 42],
            output: `
              import logging

              logger = logging.getLogger(__name__)


              def login(user):
                  try:
                      check(user)
                  except Denied:
                      logger.exception("login failed")
                  if not user:
                      logger.warning("User not found: %s", user)
            `,
          },
        ],
      },
      {
        lang: 'ts',
        name: 'fix: pino fatal → warn; winston log("error") → log("warn")',
        code: `
          export function check(user: User) {
              if (!user) {
                  logger.fatal({ id }, 'user_not_found');
                  winstonLogger.log('error', 'validation failed', { id });
              }
          }
        `,
        errors: [
          {
            range: [3, 30, 3, 46],
            output: `
              export function check(user: User) {
                  if (!user) {
                      logger.warn({ id }, 'user_not_found');
                      winstonLogger.log('error', 'validation failed', { id });
                  }
              }
            `,
          },
          {
            range: [4, 36, 4, 55],
            output: `
              export function check(user: User) {
                  if (!user) {
                      logger.fatal({ id }, 'user_not_found');
                      winstonLogger.log('warn', 'validation failed', { id });
                  }
              }
            `,
          },
        ],
      },
    ].flatMap((c) => [c as InvalidCase, ...fixVariants(c as InvalidCase)]),
    { lang: 'py', name: 'fix: logger.log(logging.CRITICAL, ...)', code: PY + 'logger.log(logging.CRITICAL, "login failed")\n', errors: [{ range: [3, 30, 3, 44], output: PY + 'logger.log(logging.WARNING, "login failed")\n' }] },
    { lang: 'py', name: 'fix: structlog exception with a trailing comma', code: SL + 'log.exception("rate_limited", user=u,)\n', errors: [{ range: [3, 15, 3, 29], output: SL + 'log.warning("rate_limited", user=u,exc_info=True)\n' }] },
    { lang: 'py', name: 'no fix: `from logging import error`', code: 'from logging import error\nerror("not found")\n', errors: [{ range: [2, 7, 2, 18], fixes: [] }] },
  ],
});
