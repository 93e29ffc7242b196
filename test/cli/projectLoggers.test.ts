/**
 * Issue 14 through the real project layer: a logger defined in one module of a temp project
 * (pino, winston, bunyan; structlog, stdlib) and used in another. `o11y-lint check --fix
 * --unsafe-fixes` must write each library's form (pino/bunyan: leading object with `err`;
 * winston: trailing meta with `error`; structlog: keyword arguments and `exc_info`; stdlib:
 * `extra=` and `exception()`), and leave alone the calls on a logger it cannot see.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './run';

const CHARGE_TS = (mod: string) => `import { logger } from '${mod}';

export function charge(orderId: string): void {
  logger.info(\`charged \${orderId}\`);
  try {
    run(orderId);
  } catch (err) {
    logger.error('charge failed');
  }
  try {
    run(orderId);
  } catch (err) {}
}
`;

const FILES: Record<string, string> = {
  'package.json': '{ "name": "svc", "version": "1.0.0" }\n',
  'src/logger.ts': "import pino from 'pino';\n\nexport const logger = pino();\n",
  'src/wlogger.ts': "import winston from 'winston';\n\nexport const logger = winston.createLogger({ transports: [new winston.transports.Console()] });\n",
  'src/blogger.js': "const bunyan = require('bunyan');\n\nmodule.exports = bunyan.createLogger({ name: 'svc' });\n",
  'src/charge_pino.ts': CHARGE_TS('./logger'),
  'src/charge_winston.ts': CHARGE_TS('./wlogger'),
  'src/charge_unknown.ts': CHARGE_TS('@vendor/telemetry'),
  'src/charge_bunyan.js': "const log = require('./blogger');\n\nfunction charge(orderId) {\n  log.info(`charged ${orderId}`);\n  try {\n    run(orderId);\n  } catch (err) {\n    log.error('charge failed');\n  }\n}\nmodule.exports = { charge };\n",
  'app/__init__.py': '',
  'app/log.py': 'import structlog\n\nlog = structlog.get_logger()\n',
  'app/slog.py': 'import logging\n\nlogger = logging.getLogger(__name__)\n',
  'app/jobs.py': 'from app.log import log\n\n\ndef run(order_id):\n    log.info(f"charged {order_id}")\n    try:\n        charge(order_id)\n    except Exception as e:\n        log.error("charge failed")\n',
  'app/tasks.py': 'from .slog import logger\n\n\ndef run(order_id):\n    logger.info(f"charged {order_id}")\n    try:\n        charge(order_id)\n    except Exception:\n        pass\n    try:\n        charge(order_id)\n    except Exception as e:\n        logger.error("charge failed")\n',
};

const FIXED_TS = (head: string, info: string, error: string) => `${head}

export function charge(orderId: string): void {
  ${info}
  try {
    run(orderId);
  } catch (err) {
    ${error}
  }
  try {
    run(orderId);
  } catch (err) {
    ${error}
  }
}
`;

describe('cli: loggers defined in another module of the project', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-loggers-'));
    for (const [file, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('check: the fixes offered follow the imported logger\'s library', () => {
    const r = cli(['check', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout).findings as { file: string; rule: string; line: number; fixes: { title: string; safe: boolean }[] }[];
    const fixes = (file: string, rule: string) => findings.filter((f) => f.file === file && f.rule === rule).flatMap((f) => f.fixes.map((x) => `${x.title}${x.safe ? '' : ' (unsafe)'}`));
    assert.deepEqual(fixes('src/charge_pino.ts', 'error-log-without-exception'), ['Log the caught error as `err`']);
    assert.deepEqual(fixes('src/charge_bunyan.js', 'error-log-without-exception'), ['Log the caught error as `err`']);
    assert.deepEqual(fixes('src/charge_winston.ts', 'error-log-without-exception'), ['Log the caught error as `error` (unsafe)']);
    assert.deepEqual(fixes('app/jobs.py', 'error-log-without-exception'), ['Pass `exc_info=True`']);
    assert.deepEqual(fixes('app/tasks.py', 'error-log-without-exception'), ['Change to `exception()`']);
    // The logger of @vendor/telemetry is of unknown kind: no guessed form.
    assert.deepEqual(fixes('src/charge_unknown.ts', 'unstructured-log-message'), []);
    assert.deepEqual(fixes('src/charge_unknown.ts', 'error-log-without-exception'), []);
    assert.deepEqual(fixes('src/charge_unknown.ts', 'swallowed-exception'), []);
  });

  it('check --fix --unsafe-fixes writes each library\'s form, and nothing on an unknown logger', () => {
    const r = cli(['check', '--fix', '--unsafe-fixes', '--format', 'json'], dir);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
    assert.equal(read('src/charge_pino.ts'), FIXED_TS("import { logger } from './logger';", "logger.info({ orderId }, 'charged');", "logger.error({ err }, 'charge_failed');"));
    assert.equal(read('src/charge_winston.ts'), FIXED_TS("import { logger } from './wlogger';", "logger.info('charged', { orderId });", "logger.error('charge_failed', { error: err });"));
    assert.equal(read('src/charge_bunyan.js'), "const log = require('./blogger');\n\nfunction charge(orderId) {\n  log.info({ orderId }, 'charged');\n  try {\n    run(orderId);\n  } catch (err) {\n    log.error({ err }, 'charge_failed');\n  }\n}\nmodule.exports = { charge };\n");
    assert.equal(read('app/jobs.py'), 'from app.log import log\n\n\ndef run(order_id):\n    log.info("charged", order_id=order_id)\n    try:\n        charge(order_id)\n    except Exception as e:\n        log.error("charge_failed", exc_info=True)\n');
    assert.equal(read('app/tasks.py'), 'from .slog import logger\n\n\ndef run(order_id):\n    logger.info("charged", extra={"order_id": order_id})\n    try:\n        charge(order_id)\n    except Exception:\n        logger.exception("run_failed")\n    try:\n        charge(order_id)\n    except Exception as e:\n        logger.exception("charge failed")\n');
    assert.equal(read('src/charge_unknown.ts'), CHARGE_TS('@vendor/telemetry'), 'a logger the analysis cannot see gets no fix');
    const left = JSON.parse(r.stdout).findings as { file: string; rule: string }[];
    assert.deepEqual([...new Set(left.filter((f) => f.file.startsWith('src/charge') || f.file.startsWith('app/')).map((f) => f.file))], ['src/charge_unknown.ts']);
  });
});
