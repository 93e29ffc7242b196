/**
 * UI checks on the workbench the suite just ran in (Playwright on headless Chromium): a squiggle and a
 * Problems row, the Ctrl+. quick-fix menu, the crash warning, the Live Logs rows inside the webview
 * iframes. Screenshots go to out/e2e/screenshots/ (and to docs/images/ with --update-screenshots).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { LOG_BODIES } from './suite/logBodies';

export interface UiOptions { screenshots: string; docsImages?: string; log: (line: string) => void }

const TIMEOUT = 20_000;

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
}

/** Opens a file by clicking its Explorer row (reliable where Ctrl+P right after load is not) and focuses the editor. */
async function openFromExplorer(page: Page, name: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click({ timeout: TIMEOUT });
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: TIMEOUT });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click({ timeout: TIMEOUT });
}

/** The frame (webview iframes are nested) that shows `text`, once it does. */
async function frameShowing(page: Page, text: string): Promise<Frame> {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.getByText(text).count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview frame shows "${text}"`);
    await page.waitForTimeout(200); // polls the condition above
  }
}

let shots = '';

/** In order; `shot` is the screenshot taken after the check passes (the ones copied to docs/images). */
const CHECKS: { name: string; shot: string; run: (page: Page) => Promise<void> }[] = [
  {
    name: 'the Live Logs panel shows the records the OpenTelemetry exporter sent',
    shot: 'logs-panel.png',
    run: async (page) => {
      await page.locator('.tabs-container .tab', { hasText: 'Live Logs' }).click({ timeout: TIMEOUT });
      for (const body of LOG_BODIES) await frameShowing(page, body);
    },
  },
  {
    name: 'the warning shown after the server crashed',
    shot: '',
    run: async (page) => {
      await page.keyboard.press('Escape');
      await runCommand(page, 'Notifications: Show Notifications');
      await page.locator('.notifications-center', { hasText: 'stopped unexpectedly and is being restarted' }).waitFor({ timeout: TIMEOUT });
      await page.screenshot({ path: path.join(shots, 'crash-warning.png') });
      await runCommand(page, 'Notifications: Clear All Notifications'); // keeps the next screenshots clean
      await page.locator('.notifications-center', { hasText: 'stopped unexpectedly' }).waitFor({ state: 'hidden', timeout: TIMEOUT });
    },
  },
  {
    name: 'a squiggle in the editor and a row in the Problems panel',
    shot: 'diagnostics.png',
    run: async (page) => {
      await openFromExplorer(page, 'payments.py');
      await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first().waitFor({ timeout: TIMEOUT });
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'sensitive-data-in-log' }).first().waitFor({ timeout: TIMEOUT });
    },
  },
  {
    name: 'the quick-fix menu (Ctrl+.) offers the redaction',
    shot: 'quick-fix.png',
    run: async (page) => {
      await openFromExplorer(page, 'payments.py');
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: TIMEOUT });
      await page.keyboard.type('9:55');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget', { hasText: 'Redact `api_key`' }).waitFor({ timeout: TIMEOUT });
    },
  },
];

/** Runs every check (one failing does not hide the others); returns the failures. */
export async function runUiChecks(page: Page, o: UiOptions): Promise<string[]> {
  fs.rmSync(o.screenshots, { recursive: true, force: true });
  fs.mkdirSync(o.screenshots, { recursive: true });
  shots = o.screenshots;
  const failures: string[] = [];
  for (const check of CHECKS) {
    const file = path.join(o.screenshots, check.shot || 'check.png');
    try {
      await check.run(page);
      if (check.shot) await page.screenshot({ path: file });
      if (o.docsImages && check.shot) {
        fs.mkdirSync(o.docsImages, { recursive: true });
        fs.copyFileSync(file, path.join(o.docsImages, check.shot));
      }
      o.log(`  ok   ui: ${check.name}`);
    } catch (e) {
      await page.screenshot({ path: file.replace(/\.png$/, '.failed.png') }).catch(() => undefined);
      failures.push(`ui: ${check.name}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return failures;
}
