/**
 * The panel in headless Chromium (issue 16): PII masking covers the event name, the service and the scope name in
 * every view (list, service filter, details, groups, group chip) and in exports; and the page rebuilds records
 * from the bounded messages the session posts (resources by index).
 */
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { snapshotMessages } from '../../client/src/logs/batches';
import type { LogRecord } from '../../server/src/logs/model';
import { normalizeLogs } from '../../server/src/logs/otlp';
import { openPanel } from './browser';
import { jsonLogsRequest, SPAN_ID, TRACE_ID } from './helpers';

// page.evaluate() callbacks run inside Chromium; DOM types stay out of the Node program (see tsconfig.webview.json).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;

const EVENT_MAIL = 'bob@example.com';
const SERVICE_MAIL = 'carol@example.com';
const SCOPE_MAIL = 'dave@example.com';
const SPAN_MAIL = 'erin@example.com';
const ALL = [EVENT_MAIL, SERVICE_MAIL, SCOPE_MAIL, SPAN_MAIL];

function records(): LogRecord[] {
  const req = jsonLogsRequest([
    { timeUnixNano: '1700000000000000000', severityNumber: 9, eventName: `signup ${EVENT_MAIL}`, body: { stringValue: 'signed up' }, traceId: TRACE_ID, spanId: SPAN_ID },
    { timeUnixNano: '1700000000000000001', severityNumber: 9, eventName: `signup ${EVENT_MAIL}`, body: { stringValue: 'signed up again' } },
  ], `svc ${SERVICE_MAIL}`) as { resourceLogs: { resource: { attributes: object[] }; scopeLogs: { scope: { name: string } }[] }[] };
  req.resourceLogs[0].scopeLogs[0].scope.name = `scope ${SCOPE_MAIL}`;
  req.resourceLogs[0].resource.attributes.push({ key: 'deployment', value: { stringValue: 'blue' } });
  return normalizeLogs(req, 'otlp-json').records.map((r, i) => ({ ...r, seq: i + 1 }));
}

describe('logs panel: PII in event names, services and scopes (headless Chromium)', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let page: Page;

  before(async function () {
    const opened = await openPanel();
    if (!opened) return this.skip();
    ({ browser, page } = opened);
    // Exactly what the session posts: an init (and here nothing more), resources by index.
    const spans = [{ traceId: TRACE_ID, spanId: SPAN_ID, service: `svc ${SERVICE_MAIL}`, name: `span ${SPAN_MAIL}`, statusCode: 2, statusMessage: `failed for ${SPAN_MAIL}` }];
    const messages = snapshotMessages({ records: records(), spans, maxRecords: 1000, dropped: 0, status: { text: '', level: 'ok' } });
    for (const m of messages) await page.evaluate((msg) => window.postMessage(msg, '*'), JSON.parse(JSON.stringify(m)));
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 2);
  });
  after(async () => browser?.close());

  const text = (sel: string) => page.textContent(sel).then((t) => t ?? '');
  const noMail = (where: string, t: string) => { for (const m of ALL) assert.ok(!t.includes(m), `${where} shows ${m}: ${t}`); };

  it('the list and the service filter show the service masked, and mark the record', async () => {
    const rows = await text('#rows');
    noMail('list', rows);
    assert.ok(rows.includes('svc ‹email›') && rows.includes('[PII: email]'), rows);
    const options = await page.$$eval('#service option', (os) => os.map((o) => o.textContent ?? ''));
    noMail('service filter', options.join('\n'));
    assert.ok(options.includes('svc ‹email›'), options.join(', '));
    // Filtering by the (masked) option still selects the service's records.
    await page.selectOption('#service', `svc ${SERVICE_MAIL}`);
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 2);
    await page.selectOption('#service', '');
  });

  it('the details pane shows event, service, scope and span masked; the resource arrives by index', async () => {
    await page.click('#rows .row:nth-child(1)');
    await page.waitForSelector('#details:not([hidden])');
    const details = await text('#details');
    noMail('details', details);
    for (const shown of ['signup ‹email›', 'svc ‹email›', 'scope ‹email›', 'span ‹email›', 'failed for ‹email›']) assert.ok(details.includes(shown), `${shown} in ${details}`);
    assert.ok(details.includes('deployment') && details.includes('blue'), 'resource attributes from the message\'s resources');
  });

  it('groups and the group chip show the event name masked', async () => {
    await page.check('#group');
    await page.waitForSelector('#groups:not([hidden]) .row');
    const groups = await text('#groups');
    noMail('groups', groups);
    assert.ok(groups.includes('signup ‹email›') && groups.includes('svc ‹email›'), groups);
    await page.click('#groups .row:nth-child(1)');
    await page.waitForSelector('#template:not([hidden])');
    const chip = await text('#template');
    noMail('group chip', chip);
    assert.ok(chip.includes('signup ‹email›'), chip);
    await page.click('#template');
  });

  it('exports mask event name, service and scope name unless everything is revealed', async () => {
    await page.click('#export');
    const exported = () => page.evaluate(() => (window.__posted as { type: string; jsonl?: string }[]).filter((m) => m.type === 'export').pop()?.jsonl ?? '');
    const masked = await exported();
    noMail('export', masked);
    const first = JSON.parse(masked.split('\n')[0]) as LogRecord & { pii: string[] };
    assert.deepEqual([first.eventName, first.service, first.scope.name], ['signup ‹email›', 'svc ‹email›', 'scope ‹email›']);
    assert.deepEqual(first.pii, ['email']);
    await page.check('#reveal');
    await page.waitForFunction((m: string) => document.querySelector('#rows')?.textContent?.includes(m), SERVICE_MAIL);
    const options = await page.$$eval('#service option', (os) => os.map((o) => o.textContent ?? ''));
    assert.ok(options.includes(`svc ${SERVICE_MAIL}`), 'revealed in the service filter too');
    await page.click('#export');
    const revealed = await exported();
    assert.ok(revealed.includes(EVENT_MAIL) && revealed.includes(SERVICE_MAIL) && revealed.includes(SCOPE_MAIL));
    await page.uncheck('#reveal');
  });
});
