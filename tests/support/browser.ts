// Debian's Chromium for the browser tests, driven by playwright-core (no browser download), as CI installs it.
import { mkdirSync, readFileSync, statfsSync } from 'node:fs';
import { freemem, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/**
 * Flags for a closed network (no background fetches that this machine would refuse), and for containers: a CI
 * container's /dev/shm can be 64 MB, which a heavy page such as Neo4j Browser outgrows until Chromium dies, so its
 * shared memory goes to /tmp instead.
 */
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launchBrowser(): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  // If Chromium dies under a test, Playwright says only "Target page, context or browser has been closed"; the log
  // then also says how much memory and shared memory the machine had left, the two things that kill it.
  browser.on('disconnected', () => {
    if (closing.has(browser)) return;
    const shm = statfsSync('/dev/shm', { bigint: false });
    const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
    process.stderr.write(`[chromium] the browser went away under a test: memory free ${mb(freemem())} of ${mb(totalmem())}, /dev/shm free ${mb(shm.bavail * shm.bsize)} of ${mb(shm.blocks * shm.bsize)}\n`);
  });
  const close = browser.close.bind(browser);
  browser.close = async (options) => {
    closing.add(browser);
    return close(options);
  };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  return { browser, context };
}

/** Browsers a test closed on purpose, whose going away is no news. */
const closing = new WeakSet<Browser>();

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

export interface BrowserSession {
  app: { url: string; close(): Promise<void> };
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** The real app (or BC_WEB_URL, a running `npm start`) and Chromium, as every browser test file starts them. */
export async function startBrowserSession(): Promise<BrowserSession> {
  let app: BrowserSession['app'];
  if (process.env.BC_WEB_URL) {
    app = { url: process.env.BC_WEB_URL.replace(/\/$/, ''), close: async () => {} };
  } else {
    const { startTestApp } = await import('./app.ts');
    app = await startTestApp();
  }
  const { browser, context } = await launchBrowser();
  return {
    app, browser, context,
    async close() {
      await context.close();
      await browser.close();
      await app.close();
    },
  };
}

const ROOT = new URL('../..', import.meta.url).pathname;
/** Where browser tests leave screenshots to look at (git-ignored), and where the README's screenshots live. */
export const ARTIFACTS = path.join(ROOT, 'tests/artifacts');
export const SCREENSHOTS = path.join(ROOT, 'web/screenshots');
/** The ids the dataset gives its nodes (kind/slug). */
export const NODE_ID = /^(person|institution|government|channel|session|document|source)\//;
/** axe-core's browser build, to inject into a page. */
export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Starts the app and Chromium before the file's tests and closes them after, as every explorer test file does;
 * its fields are read inside tests, once the session has started.
 */
export function browserSuite(): { readonly app: BrowserSession['app']; readonly context: BrowserContext; readonly session: BrowserSession } {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    session = await startBrowserSession();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });
  const started = (): BrowserSession => {
    if (!session) throw new Error('the browser session is not started: read the suite inside a test or hook');
    return session;
  };
  return {
    get app() { return started().app; },
    get context() { return started().context; },
    get session() { return started(); },
  };
}
