// GraphiQL in Chromium with every request to another origin refused: it loads from this server alone, under its
// content security policy, and opens one tab per saved example.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { EXAMPLES } from '../../api/examples.ts';
import { startTestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';

let server: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startTestApp({ GRAPHIQL: 'true' });
  ({ browser, context } = await launchBrowser());
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('GraphiQL offline', () => {
  it('opens with the saved examples as tabs and asks no other origin for anything', async () => {
    const elsewhere: string[] = [];
    const problems: string[] = [];
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(server.url)) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${server.url}/graphiql`);
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    await page.waitForFunction((n) => document.querySelectorAll('.graphiql-tab').length === n, EXAMPLES.length, { timeout: 30_000 });
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  });
});
