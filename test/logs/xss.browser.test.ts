/**
 * XSS payloads through the real panel in headless Chromium: in record bodies, attribute keys and values,
 * service names, event names, scope names, code paths and the status line. Nothing may run (no dialog), no
 * element may be injected, nothing may be fetched besides the page and its script, and every payload shows
 * literally as text. Also: the CSP of the generated HTML is strict.
 */
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { renderLogsHtml } from '../../client/src/logs/html';
import { normalizeLogs } from '../../server/src/logs/otlp';
import type { LogRecord } from '../../server/src/logs/model';
import { openPanel, ORIGIN } from './browser';
import { jsonLogsRequest } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;

export const PAYLOADS = [
  '<script>alert("xss-script")</script>',
  '<img src=x onerror=alert("xss-img")>',
  '<svg onload=alert("xss-svg")>',
  '<svg><script>alert("xss-svg-script")</script></svg>',
  '"><img src=x onerror=alert("xss-dq")>',
  "'><svg/onload=alert('xss-sq')>",
  '</pre></td></tr></table><img src=x onerror=alert("xss-close")>',
  'javascript:alert("xss-js-url")',
  '<a href="javascript:alert(\'xss-a\')">click</a>',
  '<iframe src="https://evil.example/frame"></iframe>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<style>@import url(https://evil.example/y.css);</style>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<object data="https://evil.example/o"></object>',
  '${alert("xss-template")}',
  '{{constructor.constructor("alert(\'xss-angular\')")()}}',
  '\u202Egnp.exe<img src=x onerror=alert("xss-rtl")>',
  '\u200B<scr\u200Bipt>alert("xss-zw")</script>',
  '\uFF1Cscript\uFF1Ealert("xss-fullwidth")\uFF1C/script\uFF1E',
  '&lt;img src=x onerror=alert("xss-entity")&gt;',
];

/** The tags the panel's own page is built from; anything else was injected. */
const OWN_TAGS = new Set(['HTML', 'HEAD', 'META', 'TITLE', 'STYLE', 'BODY', 'DIV', 'SELECT', 'OPTION', 'INPUT', 'BUTTON', 'LABEL', 'SPAN', 'SCRIPT', 'PRE', 'TABLE', 'TBODY', 'TR', 'TD', 'H4']);

function xssRecords(): LogRecord[] {
  const out: LogRecord[] = [];
  PAYLOADS.forEach((p, i) => {
    const lr = {
      timeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n),
      severityNumber: 9 + (i % 4) * 4,
      severityText: p.slice(0, 12),
      body: { stringValue: p },
      eventName: p,
      attributes: [
        { key: p, value: { stringValue: p } },
        { key: `attr.${i}`, value: { arrayValue: { values: [{ stringValue: p }] } } },
        { key: 'code.filepath', value: { stringValue: p } },
        { key: 'code.lineno', value: { intValue: i + 1 } },
      ],
    };
    const req = jsonLogsRequest([lr], p) as { resourceLogs: { scopeLogs: { scope: { name: string } }[] }[] };
    req.resourceLogs[0].scopeLogs[0].scope.name = p;
    out.push(...normalizeLogs(req, 'otlp-json').records);
  });
  return out.map((r, i) => ({ ...r, seq: i + 1 }));
}

describe('logs panel: XSS payloads in headless Chromium', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let page: Page;
  let dialogs: string[] = [];
  let cspErrors: string[] = [];
  let requests: string[] = [];

  before(async function () {
    const opened = await openPanel();
    if (!opened) return this.skip();
    ({ browser, page, dialogs, cspErrors, requests } = opened);
    const records = xssRecords();
    const init = JSON.stringify({ type: 'init', records, spans: [], maxRecords: 1000, dropped: 0, status: { text: PAYLOADS[1], level: 'warning' } });
    await page.evaluate((json: string) => window.postMessage(JSON.parse(json), '*'), init);
    await page.waitForFunction((n) => document.querySelectorAll('#rows .row').length === n, records.length);
  });
  after(async () => browser?.close());

  /** Tags in the document that the page itself does not have, and the counts of the ones that must not grow. */
  interface Census { foreign: string[]; scripts: number; styles: number; metas: number; handlers: number }
  const census = (): Promise<Census> => page.evaluate((own: string[]): Census => {
    const all: { tagName: string; attributes: ArrayLike<{ name: string }> }[] = Array.from(document.querySelectorAll('*'));
    return {
      foreign: [...new Set(all.map((e) => e.tagName).filter((t) => !own.includes(t)))],
      scripts: document.querySelectorAll('script').length,
      styles: document.querySelectorAll('style').length,
      metas: document.querySelectorAll('meta').length,
      handlers: all.filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith('on'))).length,
    };
  }, [...OWN_TAGS]);

  const assertClean = async (where: string) => {
    assert.deepEqual(dialogs, [], `${where}: nothing ran`);
    assert.deepEqual(await census(), { foreign: [], scripts: 1, styles: 1, metas: 3, handlers: 0 }, `${where}: no element injected`);
    assert.deepEqual(requests, [`${ORIGIN}/index.html`, `${ORIGIN}/webview.js`], `${where}: nothing fetched`);
    assert.deepEqual(cspErrors, [], `${where}: nothing even tried what the CSP blocks`);
    assert.equal(page.url(), `${ORIGIN}/index.html`, `${where}: no navigation`);
  };

  it('the list shows every payload literally (bodies, services) and nothing runs', async () => {
    const text = (await page.textContent('#rows')) ?? '';
    for (const p of PAYLOADS) assert.ok(text.includes(p), `the body ${JSON.stringify(p)} shows as text`);
    const options = await page.$$eval('#service option', (os) => os.map((o) => o.textContent));
    for (const p of PAYLOADS) assert.ok(options.includes(p), `the service ${JSON.stringify(p)} is an option's text`);
    assert.ok(((await page.textContent('#status')) ?? '').includes(PAYLOADS[1]), 'the status line shows its text literally');
    await assertClean('list');
  });

  it('the details pane shows attribute keys and values, event, scope and code path literally', async () => {
    for (let i = 0; i < PAYLOADS.length; i++) {
      await page.click(`#rows .row:nth-child(${i + 1})`);
      await page.waitForFunction((n) => document.querySelector('#details')?.textContent?.includes(`attr.${n}`), i);
      const details = (await page.textContent('#details')) ?? '';
      const p = PAYLOADS[i];
      assert.ok(details.split(p).length - 1 >= 5, `${JSON.stringify(p)}: body, event, key, value, scope, path in the details (${details.split(p).length - 1})`);
    }
    await assertClean('details');
  });

  it('a javascript: code path is only posted to the extension, never followed', async () => {
    const i = PAYLOADS.indexOf('javascript:alert("xss-js-url")');
    await page.click(`#rows .row:nth-child(${i + 1})`);
    await page.waitForFunction((n) => document.querySelector('#details')?.textContent?.includes(`attr.${n}`), i);
    await page.click('#details .code-link');
    const posted = await page.evaluate(() => (window as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'openCode').pop());
    assert.deepEqual(posted, { type: 'openCode', path: PAYLOADS[i], line: i + 1, column: undefined });
    await assertClean('code link');
  });

  it('grouping, filtering and export keep payloads as text', async () => {
    await page.check('#group');
    await page.waitForSelector('#groups:not([hidden]) .row');
    await assertClean('groups');
    await page.uncheck('#group');
    await page.fill('#text', '<img');
    await page.waitForFunction(() => document.querySelectorAll('#rows .row').length > 0 && document.querySelectorAll('#rows .row').length < 20);
    await page.fill('#text', '');
    await page.click('#export');
    const exp = await page.evaluate(() => (window as { __posted: { type: string; jsonl?: string }[] }).__posted.filter((m) => m.type === 'export').pop());
    const bodies = (exp?.jsonl ?? '').trim().split('\n').map((l) => (JSON.parse(l) as { body: string }).body);
    assert.deepEqual(bodies.sort(), [...PAYLOADS].sort(), 'exported bodies are the payloads, unchanged');
    await assertClean('filter and export');
  });
});

describe('logs panel: Content Security Policy of the generated HTML', () => {
  const html = renderLogsHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/dist/webview.js', nonce: 'N0nce123' });
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

  it('defaults to nothing; scripts and styles only with the nonce; no inline, no eval, no remote sources', () => {
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'nonce-N0nce123'"]);
    assert.deepEqual(directives.get('style-src'), ["'nonce-N0nce123'"]);
    assert.ok(!/unsafe-inline|unsafe-eval|unsafe-hashes|\*|https?:\/\/(?!file\+\.vscode-resource)|data:\s*;?\s*$/.test(csp.replace(/img-src [^;]+/, '')), csp);
    for (const d of ['connect-src', 'frame-src', 'object-src', 'form-action', 'child-src', 'worker-src']) {
      assert.ok(!directives.has(d) || directives.get(d)!.join(' ') === "'none'", `${d} falls back to 'none'`);
    }
    for (const [name, values] of directives) {
      for (const v of values) assert.ok(/^'(none|nonce-N0nce123)'$/.test(v) || v === 'https://file+.vscode-resource.vscode-cdn.net' || (name === 'img-src' && v === 'data:'), `${name} ${v}: only the webview's own origin`);
    }
  });

  it('every script and style carries the nonce; no inline handlers or javascript: URLs in the page', () => {
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="N0nce123"/);
    assert.match(scripts[0], /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/dist\/webview\.js"/);
    for (const s of html.match(/<style\b[^>]*>/g) ?? []) assert.match(s, /nonce="N0nce123"/);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
    assert.doesNotMatch(html, /javascript:/i);
    assert.doesNotMatch(html, /https?:\/\/(?!file\+\.vscode-resource)/);
  });

  it('a fresh nonce for each rendering', () => {
    const nonce = (h: string) => /script-src 'nonce-([^']+)'/.exec(h)?.[1];
    const a = nonce(renderLogsHtml({ cspSource: ORIGIN, scriptUri: `${ORIGIN}/webview.js` }));
    const b = nonce(renderLogsHtml({ cspSource: ORIGIN, scriptUri: `${ORIGIN}/webview.js` }));
    assert.ok(a && b && a !== b && a.length >= 16, `${a} / ${b}`);
  });
});
