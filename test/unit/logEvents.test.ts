import * as assert from 'node:assert/strict';
import { siteMatches } from '../../server/src/analysis/logEvents';
import { initAnalyzer, run } from '../helpers/analyze';

describe('log event sites', () => {
  before(() => initAnalyzer());
  const sites = (code: string, lang: 'py' | 'ts') => run(code, lang, { collectLogEvents: true, only: [] }).logEvents!.map((s) => `${s.line + 1}:${s.character + 1} ${s.template ? 'T' : 'E'} ${s.text}`);

  it('python: events, f-strings, % and .format become templates', () => {
    const code = 'import logging, structlog\nlogger = logging.getLogger()\nlog = structlog.get_logger()\nlog.info("order_placed", id=1)\nlogger.info(f"Payment {pid} failed after {n} retries")\nlogger.warning("user %s locked" % u)\nlogger.error("disk {} full".format(d))\nlogger.info("lazy %s", x)\nprint("not a log call")\n';
    assert.deepEqual(sites(code, 'py'), ['4:10 E order_placed', '5:13 T Payment {} failed after {} retries', '6:16 T user %s locked', '7:14 T disk {} full', '8:13 T lazy %s']);
  });

  it('js: strings and template literals; console is not a log call site', () => {
    const code = "import pino from 'pino';\nconst logger = pino();\nlogger.info({ id }, 'order_placed');\nlogger.warn(`payment ${id} failed`);\nconsole.log('x');\n";
    assert.deepEqual(sites(code, 'ts'), ['3:21 E order_placed', '4:13 T payment {} failed']);
  });

  it('matches a record by event name, or its body against a template', () => {
    const event = { line: 0, character: 0, text: 'order_placed', template: false };
    const template = { line: 0, character: 0, text: 'Payment {} failed after {} retries', template: true };
    const printf = { line: 0, character: 0, text: 'user %s locked', template: true };
    assert.ok(siteMatches(event, { event: 'order_placed', body: '' }));
    assert.ok(siteMatches(event, { event: '', body: 'order_placed' }));
    assert.ok(!siteMatches(event, { event: 'order_placed_v2', body: '' }));
    assert.ok(siteMatches(template, { event: '', body: 'Payment 42 failed after 3 retries' }));
    assert.ok(!siteMatches(template, { event: '', body: 'Payment 42 failed' }));
    assert.ok(siteMatches(printf, { event: '', body: 'user alice locked' }));
    assert.ok(!siteMatches({ ...printf, text: 'a.b (c)' }, { event: '', body: 'aXb (c)' }), 'regex characters are literal');
  });
});
