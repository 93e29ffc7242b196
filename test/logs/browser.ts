/**
 * Opens the logs panel page in real headless Chromium: the exact HTML the extension serves (CSP and all), the
 * bundled dist/webview.js, and a stub of the VS Code webview API. Shared by the panel's browser tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderLogsHtml } from '../../client/src/logs/html';

// page.evaluate() callbacks run inside Chromium; DOM types stay out of the Node program (see tsconfig.webview.json).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..', '..');
export const ORIGIN = 'https://webview.test';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface PanelPage {
  browser: Browser;
  page: Page;
  /** alert/confirm/prompt messages (each is dismissed). */
  dialogs: string[];
  /** Console messages about the Content Security Policy. */
  cspErrors: string[];
  /** Every URL the page asked for, in order (the page itself and its script are the only allowed ones). */
  requests: string[];
  /** The HTML served. */
  html: string;
}

/** Undefined (after printing one line saying what to install) when Chromium is missing. */
export async function openPanel(): Promise<PanelPage | undefined> {
  if (!fs.existsSync(CHROMIUM)) {
    process.stdout.write(`      SKIPPED: the panel browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium\n`);
    return undefined;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const page = await browser.newPage();
  const out: PanelPage = { browser, page, dialogs: [], cspErrors: [], requests: [], html: '' };
  page.on('dialog', (d) => {
    out.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => m.text().includes('Content Security Policy') && out.cspErrors.push(m.text()));
  page.on('request', (r) => out.requests.push(r.url()));
  await page.addInitScript(() => {
    const w = window as unknown as { __posted: unknown[]; __state: unknown; acquireVsCodeApi: () => object };
    w.__posted = [];
    w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__posted.push(m), getState: () => w.__state, setState: (s: unknown) => (w.__state = s) });
  });
  out.html = renderLogsHtml({ cspSource: ORIGIN, scriptUri: `${ORIGIN}/webview.js` });
  const script = fs.readFileSync(path.join(ROOT, 'dist', 'webview.js'));
  // Anything else (remote or local) is answered 404 here and shows up in `requests`.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/webview.js`) return route.fulfill({ body: script, contentType: 'text/javascript' });
    if (url === `${ORIGIN}/index.html`) return route.fulfill({ body: out.html, contentType: 'text/html' });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  return out;
}
