// Debian's Chromium for the browser tests, driven by playwright-core (no browser download), as CI installs it.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Flags for a closed network: no background fetches that this machine would refuse. */
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  return { browser, context };
}

/** Waits until the explorer says it is ready: canvas loaded, no query running, no layout computing. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __bc?: { ready(): boolean } }).__bc?.ready() === true, undefined, { timeout: 30_000 });
}

/** A fresh page on `url` that records uncaught errors and console errors (tests expect none), once settled. */
export async function openBrowserPage(context: BrowserContext, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  await settle(page);
  return { page, problems };
}
