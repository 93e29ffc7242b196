/**
 * The logs panel page in real headless Chromium: the exact HTML the extension serves (CSP and all), the
 * bundled dist/webview.js, and a stub of the VS Code webview API.
 */
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { normalizeLogs } from '../../server/src/logs/otlp';
import type { LogRecord } from '../../server/src/logs/model';
import { openPanel } from './browser';
import { jsonLogsRequest, SPAN_ID, TRACE_ID } from './helpers';

// page.evaluate() callbacks run inside Chromium; DOM types stay out of the Node program (see tsconfig.webview.json).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;

const XSS = '<img src=x onerror=alert(1)>';

function records(): LogRecord[] {
  const attr = (key: string, v: string | number) => ({ key, value: typeof v === 'number' ? { intValue: v } : { stringValue: v } });
  const lr = (body: string, sev: number, attrs: object[] = [], ids = false) => ({ timeUnixNano: '1700000000000000000', severityNumber: sev, body: { stringValue: body }, attributes: attrs, ...(ids ? { traceId: TRACE_ID, spanId: SPAN_ID } : {}) });
  const a = normalizeLogs(jsonLogsRequest([
    lr('order 1 placed', 9, [attr('order_id', 7)], true),
    lr('order 2 placed', 9, [attr('order_id', 8)]),
    lr('payment failed', 17, [attr('code.filepath', 'src/pay.ts'), attr('code.lineno', 3)], true),
    lr('contact alice@example.com card 4111 1111 1111 1111', 13),
    lr('not a card 4111 1111 1111 1112 and Bearer abcdefgh.ijklmnop', 9),
    lr(XSS, 13, [{ key: `<b>${XSS}</b>`, value: { stringValue: XSS } }]),
  ], 'checkout'), 'otlp-json').records;
  const b = normalizeLogs(jsonLogsRequest([lr('order 3 placed', 5)], 'billing'), 'otlp-json').records;
  return [...a, ...b].map((r, i) => ({ ...r, seq: i + 1 }));
}

describe('logs panel in headless Chromium', function () {
  let browser: Browser | undefined;
  let page: Page;
  let dialogs: string[] = [];
  let cspErrors: string[] = [];

  before(async function () {
    const opened = await openPanel();
    if (!opened) return this.skip();
    ({ browser, page, dialogs, cspErrors } = opened);
  });

  after(async () => browser?.close());

  const send = (m: object) => page.evaluate((msg) => window.postMessage(msg, '*'), m);
  const rowTexts = () => page.$$eval('#rows .row', (rows) => rows.map((r) => r.textContent ?? ''));
  const status = () => page.textContent('#status');
  const posted = () => page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
  const init = (recs: LogRecord[]) => send({ type: 'init', records: recs, spans: [], maxRecords: 200_000, dropped: 0, status: { text: 'listening on 127.0.0.1:4318', level: 'ok' } });

  it('renders rows with time, coloured severity, service, body and trace id', async () => {
    await init(records());
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 7);
    const texts = await rowTexts();
    assert.ok(texts[0].includes('order 1 placed') && texts[0].includes('checkout') && texts[0].includes(TRACE_ID.slice(0, 16)), texts[0]);
    assert.equal(await page.getAttribute('#rows .row:nth-child(3) .c-sev', 'class'), 'c-sev sev-error');
    assert.match((await status()) ?? '', /7 of 7/);
  });

  it('the XSS body shows as text: no img element, no dialog, in the list and in the details pane', async () => {
    const texts = await rowTexts();
    assert.ok(texts.some((t) => t.includes(XSS)));
    await page.click('#rows .row:nth-child(6)');
    await page.waitForSelector('#details:not([hidden])');
    assert.ok(((await page.textContent('#details')) ?? '').includes(`<b>${XSS}</b>`));
    assert.equal(await page.evaluate(() => document.querySelectorAll('img, b').length), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(cspErrors, []);
  });

  it('masks emails, Luhn-valid cards and bearer tokens until revealed, and marks the record', async () => {
    let texts = await rowTexts();
    assert.ok(!texts.some((t) => t.includes('alice@example.com') || t.includes('4111 1111 1111 1111') || t.includes('abcdefgh.ijklmnop')), texts.join('\n'));
    assert.ok(texts[3].includes('[PII: email, card]') && texts[3].includes('‹email›'), texts[3]);
    assert.ok(texts[4].includes('4111 1111 1111 1112'), 'a number failing Luhn stays');
    await page.click('#rows .row:nth-child(4)');
    await page.click('#revealOne');
    assert.ok(((await page.textContent('#details pre.body')) ?? '').includes('alice@example.com'));
    await page.check('#reveal');
    await page.waitForFunction(() => document.querySelector('#rows')?.textContent?.includes('alice@example.com'));
    texts = await rowTexts();
    assert.ok(texts[3].includes('[PII: email, card]'), 'still marked when revealed');
    await page.uncheck('#reveal');
  });

  it('filters: min severity, service, text, key=value, and clicking a trace id', async () => {
    const count = async () => (await page.$$('#rows .row')).length;
    await page.selectOption('#minSeverity', '17');
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 1);
    await page.selectOption('#minSeverity', '0');
    await page.selectOption('#service', 'billing');
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 1);
    assert.ok((await rowTexts())[0].includes('order 3 placed'));
    await page.selectOption('#service', '');
    await page.fill('#text', 'order_id=7');
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 1);
    await page.fill('#text', 'PLACED');
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 3);
    await page.fill('#text', 'alice');
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 0);
    await page.fill('#text', '');
    await page.click('#rows .row:nth-child(1) .trace-link');
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 2);
    assert.equal(await page.inputValue('#traceId'), TRACE_ID);
    await page.fill('#traceId', '');
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 7);
    assert.equal(await count(), 7);
  });

  it('groups similar records with counts; clicking a group filters to it', async () => {
    await page.check('#group');
    await page.waitForSelector('#groups:not([hidden]) .row');
    const groups = await page.$$eval('#groups .row', (rows) => rows.map((r) => [r.querySelector('.c-count')?.textContent, r.querySelector('.c-body')?.textContent]));
    assert.deepEqual(groups[0], ['3', 'order <n> placed']);
    await page.click('#groups .row:nth-child(1)');
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 3);
    await page.click('#template');
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 7);
  });

  it('exports the visible records as JSON lines, masked', async () => {
    await page.fill('#text', 'card');
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 2);
    await page.click('#export');
    const exp = (await posted()).filter((m) => m.type === 'export').pop() as unknown as { jsonl: string; count: number };
    const lines = exp.jsonl.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(exp.count, 2);
    assert.equal(lines.length, 2);
    assert.ok(!exp.jsonl.includes('alice@example.com'));
    assert.deepEqual(lines[0].pii, ['email', 'card']);
    await page.fill('#text', '');
  });

  it('opens the code location of a record through the extension', async () => {
    await page.click('#rows .row:nth-child(3)');
    await page.click('#details .code-link');
    const open = (await posted()).filter((m) => m.type === 'openCode').pop();
    assert.deepEqual(open, { type: 'openCode', path: 'src/pay.ts', line: 3, column: undefined });
  });

  it('a record without code.* offers "find the log call", which asks the extension', async () => {
    await page.click('#rows .row:has-text("order 2 placed")', { timeout: 5000 });
    await page.click('#findCode', { timeout: 5000 });
    const find = (await posted()).filter((m) => m.type === 'findCode').pop() as unknown as { event: string; body: string };
    assert.deepEqual(find, { type: 'findCode', event: '', body: 'order 2 placed' });
  });

  it('100,000 records: only the rows in view exist, and scrolling shows the right ones', async () => {
    const template = records()[1];
    await page.evaluate((json) => {
      const t = JSON.parse(json) as object;
      const recs = Array.from({ length: 100_000 }, (_, i) => ({ ...t, seq: i + 1, body: `record ${i}`, attributes: { i } }));
      window.postMessage({ type: 'init', records: recs, spans: [], maxRecords: 200_000, dropped: 0, status: { text: '', level: 'ok' } }, '*');
    }, JSON.stringify(template));
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('100000 of 100000'));
    const rendered = (await page.$$('#rows .row')).length;
    assert.ok(rendered > 0 && rendered < 100, `${rendered} rows in the DOM`);
    await page.uncheck('#follow');
    await page.evaluate(() => document.getElementById('viewport').scrollTop = 50_000 * 20);
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#rows .row') as ArrayLike<{ textContent: string | null }>).some((r) => r.textContent?.includes('record 50000')));
    await send({ type: 'records', records: [{ ...template, seq: 100_001, body: 'late arrival' }], dropped: 0 });
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('100001 of 100001'));
  });
});
