import * as assert from 'node:assert/strict';
import { fixVariants, ruleTester, type InvalidCase } from '../../helpers/ruleTester';
import { initAnalyzer, run } from '../../helpers/analyze';
import { fixAll } from '../../../server/src/analysis/fixes/apply';

const FIX = 'Convert to structured log event';
const CREATES = `${FIX} (creates \`logger\`)`;

/** Golden fix outputs; written with 4-space indentation, each also checked with tabs, 2 spaces, CRLF and no final newline. */
const FIX_CASES: InvalidCase[] = [
  {
    lang: 'py',
    name: 'fix: multi-argument print to stderr, stdlib logger created after the imports',
    code: `
      """Jobs."""
      import sys


      def export(order, user):
          if order:
              print("Processing order", order.id, "for", user["name"], sep=", ", file=sys.stderr)
    `,
    errors: [{
      range: [7, 9, 7, 14],
      fixes: [CREATES],
      output: `
        """Jobs."""
        import sys
        import logging

        logger = logging.getLogger(__name__)


        def export(order, user):
            if order:
                logger.warning("processing_order_for", extra={"order_id": order.id, "user_name": user["name"]})
      `,
    }],
  },
  {
    lang: 'py',
    name: 'fix: f-string on the structlog logger in scope, reserved key renamed',
    code: `
      import structlog

      log = structlog.get_logger()


      def pay(event, payment):
          print(f"Payment {payment.id} failed after {len(payment.tries)} retries", event)
    `,
    errors: [{
      range: [7, 5, 7, 10],
      fixes: [FIX],
      output: `
        import structlog

        log = structlog.get_logger()


        def pay(event, payment):
            log.info("payment_failed_after_retries", payment_id=payment.id, payment_tries_count=len(payment.tries), event_value=event)
      `,
    }],
  },
  {
    lang: 'py',
    name: 'fix: self.logger in a method, % formatting through sys.stdout.write',
    code: `
      import logging
      import sys


      class Worker:
          def __init__(self):
              self.logger = logging.getLogger("worker")

          def run(self, job):
              sys.stdout.write("job %s done\\n" % job.name)
    `,
    errors: [{
      range: [10, 9, 10, 25],
      fixes: [FIX],
      output: `
        import logging
        import sys


        class Worker:
            def __init__(self):
                self.logger = logging.getLogger("worker")

            def run(self, job):
                self.logger.info("job_done", extra={"job_name": job.name})
      `,
    }],
  },
  {
    lang: 'py',
    name: 'fix: loguru imported',
    code: `
      from loguru import logger


      def ship(parcel):
          print("shipped", parcel)
    `,
    errors: [{
      range: [5, 5, 5, 10],
      fixes: [FIX],
      output: `
        from loguru import logger


        def ship(parcel):
            logger.info("shipped", parcel=parcel)
      `,
    }],
  },
  {
    lang: 'ts',
    name: 'fix: console.error("x", obj, err) creates a pino logger',
    code: `
      import express from 'express';

      export function handle(order: Order, err: Error) {
          if (order) {
              console.error('charge failed', { orderId: order.id }, err);
          }
      }
    `,
    errors: [{
      range: [5, 9, 5, 22],
      fixes: [CREATES],
      output: `
        import express from 'express';
        import pino from 'pino';

        const logger = pino();

        export function handle(order: Order, err: Error) {
            if (order) {
                logger.error({ orderId: order.id, err }, 'charge_failed');
            }
        }
      `,
    }],
  },
  {
    lang: 'js',
    name: 'fix: winston logger in scope (CommonJS), error goes to `error`',
    code: `
      const winston = require('winston');
      const logger = winston.createLogger({});

      function handle(cart, e) {
          console.warn(\`cart \${cart.id} has \${cart.items.length} items\`, e);
      }
    `,
    errors: [{
      range: [5, 5, 5, 17],
      fixes: [FIX],
      output: `
        const winston = require('winston');
        const logger = winston.createLogger({});

        function handle(cart, e) {
            logger.warn('cart_has_items', { cart_id: cart.id, cart_items_count: cart.items.length, error: e });
        }
      `,
    }],
  },
];

ruleTester('no-print-logging', {
  valid: [
    // Issue 15.
    { lang: 'py', name: "a logging.Handler's emit prints its records (mailman)", code: 'import logging\nclass ConsoleHandler(logging.Handler):\n    def emit(self, record):\n        print(self.format(record))\n' },
    { lang: 'py', name: 'a StreamHandler subclass', code: 'import logging, sys\nclass H(logging.StreamHandler):\n    def emit(self, record):\n        sys.stderr.write(self.format(record))\n' },
    { lang: 'js', name: 'a console callback in the require.main guard', code: 'if (require.main === module) {\n  main().catch(console.error);\n}\n' },
    { lang: 'py', code: 'logger.info("started")\n' },
    { lang: 'py', name: 'print to a file', code: 'with open("out.txt", "w") as f:\n    print("x", file=f)\n' },
    { lang: 'py', name: 'inside the __main__ guard', code: 'if __name__ == "__main__":\n    print("usage: app")\n' },
    { lang: 'py', name: 'tests are allowed', code: 'print("x")\n', filename: 'tests/test_app.py' },
    { lang: 'py', name: 'test_*.py', code: 'print("x")\n', filename: 'pkg/test_app.py' },
    { lang: 'py', name: 'scripts/', code: 'print("x")\n', filename: 'scripts/migrate.py' },
    { lang: 'py', name: 'cli.py', code: 'print("x")\n', filename: 'pkg/cli.py' },
    { lang: 'py', name: '__main__.py', code: 'print("x")\n', filename: 'pkg/__main__.py' },
    { lang: 'py', name: 'custom printAllowed', code: 'print("x")\n', filename: 'tools/dump.py', settings: { printAllowed: ['tools/**'] } },
    { lang: 'py', name: 'a method named print', code: 'doc.print("x")\n' },
    { lang: 'py', name: 'writing to a file object', code: 'out.write("x")\n' },
    { lang: 'ts', code: 'logger.info("started");\n' },
    { lang: 'ts', name: 'console.table is a deliberate UI choice', code: 'console.table(rows);\n' },
    { lang: 'ts', name: 'require.main guard', code: 'if (require.main === module) {\n  console.log("usage");\n}\n' },
    { lang: 'ts', name: 'spec files are allowed', code: 'console.log("x");\n', filename: 'src/app.spec.ts' },
    { lang: 'ts', name: 'cli.ts', code: 'console.log("x");\n', filename: 'src/cli.ts' },
    { lang: 'js', name: 'bin/', code: 'console.log("x");\n', filename: 'bin/run.js' },
    { lang: 'ts', name: 'a local object named console is still console', code: 'other.console.log("x");\n' },
    { lang: 'py', name: 'rule off', code: 'print("x")\n', settings: { rules: { 'no-print-logging': 'off' } } },
    // Corpus review: terminal output that is not operational logging.
    { lang: 'py', name: 'a file outside the project root still matches **/bin/**', code: 'print("x")\n', filename: '../site-packages/celery/bin/upgrade.py' },
    { lang: 'py', name: 'examples/ folder', code: 'print("x")\n', filename: 'examples/hooks.py' },
    { lang: 'ts', name: 'benchmarks/ folder', code: 'console.log("x");\n', filename: 'benchmarks/utils/runbench.js' },
    { lang: 'js', name: 'vendored browser code in static/', code: 'console.warn("x");\n', filename: 'admin/static/admin/js/vendor/select2.js' },
    { lang: 'py', name: 'migrations', code: 'import sys\nsys.stdout.write("renamed")\n', filename: 'auth/migrations/0011_update.py' },
    { lang: 'py', name: 'Django management command', code: 'print("done")\n', filename: 'shop/management/commands/import_orders.py' },
    { lang: 'py', name: 'executable script (shebang)', code: '#!/usr/bin/env python3\nprint("x")\n' },
    { lang: 'js', name: 'executable script (shebang)', code: '#!/usr/bin/env node\nconsole.error("`pino` cli has been removed");\n' },
    { lang: 'js', name: 'top-level code reads process.argv: a CLI script', code: "const v = process.argv[2];\nif (v) console.log('Syncing version to', v);\n" },
    { lang: 'py', name: 'interactive prompt (input() in the function)', code: 'def choose(question, choices):\n    print(question)\n    for i, c in enumerate(choices):\n        print(" %s) %s" % (i + 1, c))\n    return input("Select an option: ")\n' },
    { lang: 'py', name: 'getpass prompt', code: 'import getpass\ndef ask():\n    print("Credentials for the proxy")\n    return getpass.getpass()\n' },
    { lang: 'py', name: 'curses terminal app', code: 'import curses\ndef on_connection_error(exc, interval):\n    print("Connection Error", exc)\n' },
    { lang: 'py', name: 'function run by the __main__ guard', code: 'import json\ndef main():\n    print(json.dumps(info(), indent=2))\n\nif __name__ == "__main__":\n    main()\n' },
    { lang: 'py', name: 'argparse-based command', code: 'import argparse\ndef run():\n    parser = argparse.ArgumentParser()\n    args = parser.parse_args()\n    print(args.path)\n' },
    { lang: 'py', name: 'class that parses argv (a CLI driver)', code: 'import sys\nclass ManagementUtility:\n    def __init__(self, argv=None):\n        self.argv = argv or sys.argv[:]\n    def execute(self):\n        options, args = self.parser.parse_known_args(self.argv[2:])\n        self.help()\n    def help(self):\n        sys.stdout.write("usage\\n")\n' },
    { lang: 'py', name: 'click command', code: 'import click\n@click.command()\n@click.option("--n")\ndef hello(n):\n    print("hello", n)\n' },
    { lang: 'py', name: 'a stream proxy write()', code: 'import sys\nclass Out:\n    def write(self, data):\n        sys.stdout.write(data)\n' },
    { lang: 'py', name: 'logging Handler.handleError fallback', code: 'import sys\nclass H(logging.Handler):\n    def handleError(self, record):\n        sys.stderr.write("--- Logging error ---\\n")\n' },
    { lang: 'py', name: 'a parameter named print shadows the builtin', code: 'def run_app(app, print=print):\n    if print:\n        print("Running on", app)\n' },
    { lang: 'py', name: 'pprint to a buffer (stream=)', code: 'from pprint import pprint\ndef dump(frame, out):\n    pprint(frame.f_locals, stream=out)\n' },
    { lang: 'py', name: 'pprint.pprint with a positional stream', code: 'import pprint, io\nbuf = io.StringIO()\npprint.pprint(data, buf)\n' },
    { lang: 'py', name: '# noqa: T201', code: 'print("x")  # noqa: T201\n' },
    { lang: 'py', name: 'bare # noqa', code: 'print("x")  # noqa\n' },
    { lang: 'js', name: 'eslint-disable-next-line no-console', code: "// eslint-disable-next-line no-console\nconsole.warn('Deprecated: use .exceptions.handle()');\n" },
    { lang: 'js', name: 'eslint-disable-line no-console', code: "console.warn('x'); // eslint-disable-line no-console\n" },
    { lang: 'js', name: 'eslint-disable block', code: "/* eslint-disable no-console */\nfunction f() {\n  console.log('x');\n}\n" },
    { lang: 'js', name: 'a logger console sink (Stream.prototype.write)', code: 'function ConsoleRawStream() {}\nConsoleRawStream.prototype.write = function (rec) {\n  console.log(rec);\n};\n' },
    { lang: 'ts', name: 'a stream class write()', code: 'class Sink {\n  write(line: string) {\n    console.log(line);\n  }\n}\n' },
    { lang: 'js', name: 'browser code (DOM APIs)', code: "if (this.options.debug && window.console) {\n  console.warn('Select2: deprecated');\n}\ndocument.addEventListener('click', f);\n" },
    { lang: 'py', name: 'a function documented as displaying', code: 'def ogrinfo(data_source, num_features=10):\n    """\n    Walk the layers, displaying the fields of the first features.\n    """\n    for layer in data_source:\n        print("==== layer %s" % layer)\n' },
    { lang: 'py', name: 'a function named show_*', code: 'def show_urls(urls):\n    for u in urls:\n        print(u)\n' },
    { lang: 'py', name: 'output the user asked for (if ... print_config)', code: 'class App:\n    def run(self):\n        if self.cfg.print_config:\n            print(self.cfg)\n' },
    { lang: 'js', name: 'function run by the require.main guard', code: "function main() {\n  console.log('usage: x');\n}\nif (require.main === module) main();\n" },
  ],
  invalid: [
    // Issue 15: a console method passed as a callback is console output.
    { lang: 'ts', name: '.catch(console.error)', code: 'export async function run() {\n  await start().catch(console.error);\n}\n', errors: [{ range: [2, 23, 2, 36], message: 'passed as a callback', fixes: [] }] },
    { lang: 'js', name: "emitter.on('error', console.error)", code: "server.on('error', console.error);\n", errors: [{ range: [1, 20, 1, 33] }] },
    { lang: 'py', name: 'emit() of a class that is not a logging handler', code: 'class Sink:\n    def emit(self, event):\n        print(event)\n', errors: [{ range: [3, 9, 3, 14] }] },
    { lang: 'py', code: 'print("hello")\n', errors: [{ range: [1, 1, 1, 6], severity: 'warning', message: '`print()`' }] },
    { lang: 'py', name: 'print to stderr', code: 'import sys\nprint("boom", file=sys.stderr)\n', errors: [{ range: [2, 1, 2, 6], message: 'stderr' }] },
    { lang: 'py', name: 'print to stdout explicitly', code: 'import sys\nprint("x", file=sys.stdout)\n', errors: [{ range: [2, 1, 2, 6] }] },
    { lang: 'py', name: 'sys.stdout.write', code: 'import sys\nsys.stdout.write("x\\n")\n', errors: [{ range: [2, 1, 2, 17] }] },
    { lang: 'py', name: 'sys.stderr.write', code: 'import sys\nsys.stderr.write("x\\n")\n', errors: [{ range: [2, 1, 2, 17], message: 'stderr' }] },
    { lang: 'py', name: 'pprint', code: 'from pprint import pprint\npprint(data)\n', errors: [{ range: [2, 1, 2, 7] }] },
    { lang: 'py', name: 'pprint.pprint', code: 'import pprint\npprint.pprint(data)\n', errors: [{ range: [2, 1, 2, 14] }] },
    { lang: 'py', name: 'inside a function', code: 'def f():\n    print("x")\n', errors: [{ range: [2, 5, 2, 10] }] },
    { lang: 'py', name: 'severity from settings', code: 'print("x")\n', settings: { rules: { 'no-print-logging': 'error' } }, errors: [{ range: [1, 1, 1, 6], severity: 'error' }] },
    { lang: 'ts', code: 'console.log("hello");\n', errors: [{ range: [1, 1, 1, 12], message: '`console.log()`' }] },
    {
      lang: 'ts',
      name: 'every console level',
      code: 'console.info("a");\nconsole.warn("b");\nconsole.error("c");\nconsole.debug("d");\nconsole.trace("e");\n',
      errors: [{ range: [1, 1, 1, 13] }, { range: [2, 1, 2, 13] }, { range: [3, 1, 3, 14] }, { range: [4, 1, 4, 14] }, { range: [5, 1, 5, 14] }],
    },
    { lang: 'js', name: 'javascript', code: 'function f() {\n  console.log(x);\n}\n', errors: [{ range: [2, 3, 2, 14] }] },
    // Still reported: prints in library code that are not a UI.
    { lang: 'py', name: 'a file outside the project root', code: 'print("x")\n', filename: '../site-packages/celery/worker.py', errors: [{ range: [1, 1, 1, 6] }] },
    { lang: 'py', name: 'a docstring that says it prints a warning is still print-logging', code: 'def warn(msg):\n    """Print a warning to stderr."""\n    import sys\n    print("WARNING: %s" % msg, file=sys.stderr)\n', errors: [{ range: [4, 5, 4, 10], message: 'stderr' }] },
    { lang: 'py', name: 'debug output gated by a debuglevel is still print-logging', code: 'class C:\n    def _read_status(self):\n        if self.debuglevel > 0:\n            print("reply:", repr(line))\n', errors: [{ range: [4, 13, 4, 18] }] },
    { lang: 'py', name: 'a function that is not the one the __main__ guard runs', code: 'def helper():\n    print("x")\ndef main():\n    helper()\nif __name__ == "__main__":\n    main()\n', errors: [{ range: [2, 5, 2, 10] }] },
    { lang: 'py', name: 'input() elsewhere in the file does not silence other functions', code: 'def ask():\n    return input("?")\ndef work():\n    print("working")\n', errors: [{ range: [4, 5, 4, 10] }] },
    { lang: 'py', name: 'reqparse.parse_args() without argv is not a CLI', code: 'class Orders(Resource):\n    def get(self):\n        args = parser.parse_args()\n        print(args)\n', errors: [{ range: [4, 9, 4, 14] }] },
    { lang: 'py', name: '# noqa for another code', code: 'print("x")  # noqa: E501\n', errors: [{ range: [1, 1, 1, 6] }] },
    { lang: 'py', name: 'pprint to sys.stdout explicitly', code: 'import sys\nfrom pprint import pprint\npprint(data, stream=sys.stdout)\n', errors: [{ range: [3, 1, 3, 7] }] },
    { lang: 'js', name: 'eslint-disable for another rule', code: "// eslint-disable-next-line no-unused-vars\nconsole.warn('x');\n", errors: [{ range: [2, 1, 2, 13] }] },
    { lang: 'js', name: 'eslint-enable ends the block', code: "/* eslint-disable no-console */\nconsole.log('a');\n/* eslint-enable no-console */\nconsole.log('b');\n", errors: [{ range: [4, 1, 4, 12] }] },
    { lang: 'js', name: 'process.argv read inside a function is not a script', code: "function flags() { return process.argv.slice(2); }\nconsole.log('x');\n", errors: [{ range: [2, 1, 2, 12] }] },
    { lang: 'js', name: 'a write() nested function does not cover an outer console call', code: "function onError(err) {\n  console.error(err);\n}\n", errors: [{ range: [2, 3, 2, 16] }] },
    { lang: 'tsx', name: 'tsx', code: 'export const A = () => { console.log("render"); return <div />; };\n', errors: [{ range: [1, 26, 1, 37] }] },
    {
      lang: 'py', name: 'fix: a file with no imports gets the import at the top', code: 'print("hello")\n',
      errors: [{ range: [1, 1, 1, 6], output: 'import logging\n\nlogger = logging.getLogger(__name__)\n\nlogger.info("hello")\n' }],
    },
    {
      lang: 'py', name: 'fix: o11yLint.logger.python = structlog', code: 'import os\nprint("hello", os.getpid())\n', settings: { logger: { python: 'structlog' } },
      errors: [{ range: [2, 1, 2, 6], fixes: [`${FIX} (creates \`log\`)`], output: 'import os\nimport structlog\n\nlog = structlog.get_logger()\nlog.info("hello", value_1=os.getpid())\n' }],
    },
    {
      lang: 'ts', name: 'fix: arrow body; o11yLint.logger.javascript = bunyan', code: "import x from 'x';\napp.listen(3000, () => console.log('listening on', port));\n", settings: { logger: { javascript: 'bunyan' } },
      errors: [{ range: [2, 24, 2, 35], output: "import x from 'x';\nimport bunyan from 'bunyan';\n\nconst logger = bunyan.createLogger({ name: 'app' });\napp.listen(3000, () => logger.info({ port }, 'listening_on'));\n" }],
    },
    {
      lang: 'py', name: 'fix: a message without words is named after the enclosing function', code: 'import logging\nlogger = logging.getLogger(__name__)\ndef sync_orders(count):\n    print(count)\n',
      errors: [{ range: [4, 5, 4, 10], output: 'import logging\nlogger = logging.getLogger(__name__)\ndef sync_orders(count):\n    logger.info("sync_orders", extra={"count": count})\n' }],
    },
    {
      lang: 'ts', name: 'fix: a message without words is named after the enclosing function (TS)', code: "import pino from 'pino';\nconst logger = pino();\nfunction syncOrders(count: number) {\n  console.log(count);\n}\n",
      errors: [{ range: [4, 3, 4, 14], output: "import pino from 'pino';\nconst logger = pino();\nfunction syncOrders(count: number) {\n  logger.info({ count }, 'sync_orders');\n}\n" }],
    },
    { lang: 'py', name: 'no fix: print() used as a value', code: 'x = print("a")\n', errors: [{ range: [1, 5, 1, 10], fixes: [] }] },
    { lang: 'py', name: 'no fix: a comment inside the call would be lost', code: 'print(\n    "a",  # why\n)\n', errors: [{ range: [1, 1, 1, 6], fixes: [] }] },
    { lang: 'ts', name: 'no fix: a comment after an argument would be lost', code: "console.log(\n  'x', // why\n  b);\n", errors: [{ range: [1, 1, 1, 12], fixes: [] }] },
    // Issue 14: a logger from a module this file cannot see has an unknown kind. A message alone is
    // read by every library; fields have no form that every library reads (pino drops a trailing
    // object), so that conversion is not offered rather than written in a guessed form.
    { lang: 'js', name: 'fix: a logger imported from a local module is used as is (message only)', code: "const logger = require('./logger');\nconsole.info('done');\n", errors: [{ range: [2, 1, 2, 13], output: "const logger = require('./logger');\nlogger.info('done');\n" }] },
    { lang: 'js', name: 'no fix: fields for a logger of unknown kind (imported from a local module)', code: "const logger = require('./logger');\nconsole.info('done', a);\n", errors: [{ range: [2, 1, 2, 13], fixes: [] }] },
    { lang: 'js', name: 'fix: an unknown logger gets the configured form', code: "const logger = require('./logger');\nconsole.info('done', a);\n", settings: { logger: { javascript: 'pino' } }, errors: [{ range: [2, 1, 2, 13], output: "const logger = require('./logger');\nlogger.info({ a }, 'done');\n" }] },
    { lang: 'py', name: 'no fix: module-level print above the last import would run before the logger exists', code: 'import sys\nprint("starting")\nimport os\n', errors: [{ range: [2, 1, 2, 6], fixes: [] }] },
    { lang: 'ts', name: 'no fix: spread arguments', code: 'console.log(...args);\n', errors: [{ range: [1, 1, 1, 12], fixes: [] }] },
    { lang: 'ts', name: 'no fix when the configured logger is console', code: 'console.log("x");\n', settings: { logger: { javascript: 'console' } }, errors: [{ range: [1, 1, 1, 12], fixes: [] }] },
    ...FIX_CASES,
    ...FIX_CASES.flatMap((c) => fixVariants(c)),
  ],
});

describe('no-print-logging fix-all (unsafe)', () => {
  before(() => initAnalyzer());
  const analyze = (lang: 'py' | 'ts') => (t: string) => run(t, lang, { only: ['no-print-logging'] }).findings;
  it('py: one import and one logger for many prints; a second run changes nothing', () => {
    const code = 'import os\n\n\ndef f(a):\n    print("a", a)\n    print("b")\n\n\ndef g():\n    print("c")\n';
    const once = fixAll(code, analyze('py'), true).text;
    assert.equal(once, 'import os\nimport logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef f(a):\n    logger.info("a", extra={"a": a})\n    logger.info("b")\n\n\ndef g():\n    logger.info("c")\n');
    assert.equal(fixAll(once, analyze('py'), true).text, once);
  });
  it('ts: one import and one logger for many console calls; a second run changes nothing', () => {
    const code = "import a from 'a';\nconsole.log('a');\nfunction f() {\n  console.error('b', err);\n}\n";
    const once = fixAll(code, analyze('ts'), true).text;
    assert.equal(once, "import a from 'a';\nimport pino from 'pino';\n\nconst logger = pino();\nlogger.info('a');\nfunction f() {\n  logger.error({ err }, 'b');\n}\n");
    assert.equal(fixAll(once, analyze('ts'), true).text, once);
  });
});
