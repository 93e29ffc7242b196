import type { Page } from 'playwright-core';
export interface UiOptions { screenshots: string; docsImages?: string; log: (line: string) => void }
export async function runUiChecks(page: Page, o: UiOptions): Promise<string[]> { void page; void o; return []; }
