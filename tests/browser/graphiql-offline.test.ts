// GraphiQL in Chromium with every request to another origin refused: it loads from this server alone (the web build's
// GraphiQL entry), under its content security policy, opens one tab per saved example, runs one and documents the schema.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EXAMPLES } from '../../api/examples.ts';
import { startTestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';

const ARTIFACTS = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), 'tests/artifacts');
let server: Awaited<ReturnType<typeof startTestApp>>;
let page: Page;
const elsewhere: string[] = [];
const problems: string[] = [];
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
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(server.url)) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
    page = await context.newPage();
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

  it('runs the first example, Oslo to Israel, and shows its answer', async () => {
    await page.locator('.graphiql-tab').first().click();
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await result.getByText('"influencePaths"').waitFor({ timeout: 30_000 });
    const text = await result.innerText();
    expect(text).toContain('"decisionMaker"');
    expect(text).not.toContain('"errors"');
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("shows the schema's descriptions in the docs pane", async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByRole('link', { name: 'Query' }).first().click({ timeout: 30_000 });
    await docs.getByText("The dataset's version (content hash), counts and load time.").waitFor({ timeout: 30_000 });
    expect(await docs.innerText()).toContain('Backchannel: who reached whom, how, when, and on whose evidence.');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql-docs.png') });
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  });
});
