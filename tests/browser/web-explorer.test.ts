// The web explorer in Debian's chromium against the real API on the seeded database: search, trace, permalink,
// exports, keyboard-only use, an axe-core scan, and screenshots of the main views in tests/artifacts/.
// BC_WEB_URL=http://127.0.0.1:4000 runs them against a running `npm start`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserSession, type BrowserSession, openBrowserPage, settle } from '../support/browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'tests/artifacts');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const NODE_ID = /^(person|institution|government|channel|session|document|source)\//;

declare global {
  interface Window {
    __bc?: {
      highlighted(): string[];
      compared(): string[];
      visible(): string[];
      scene(): string;
      ready(): boolean;
      datasetVersion(): string | null;
    };
  }
}

let app: { url: string; close(): Promise<void> };
let browser: Browser;
let context: BrowserContext;
let session: BrowserSession | undefined;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  session = await startBrowserSession();
  ({ app, browser, context } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

/** A fresh page that fails the test on any uncaught error or console error. */
const openPage = (hash = '', ctx: BrowserContext = context) => openBrowserPage(ctx, `${app.url}/${hash}`);

/** Types into a combobox and picks the suggestion that contains `option`, with the keyboard. */
async function pick(page: Page, inputId: string, text: string, option: string) {
  const input = page.locator(`#${inputId}`);
  await input.fill('');
  await input.pressSequentially(text, { delay: 20 });
  const list = page.locator(`#${inputId}-list`);
  const target = list.getByRole('option', { name: new RegExp(option) }).first();
  await target.waitFor({ state: 'visible' });
  const names = await list.getByRole('option').allTextContents();
  const index = names.findIndex((n) => n.includes(option));
  for (let i = 0; i < index; i++) await input.press('ArrowDown');
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toMatch(new RegExp(option));
}

async function trace(page: Page, options: { from: [string, string]; to?: [string, string]; windowFrom?: string; windowTo?: string }) {
  await page.getByTestId('tab-trace').click();
  await pick(page, 'trace-from', ...options.from);
  if (options.to) await pick(page, 'trace-to', ...options.to);
  else await page.getByTestId('any-decision-maker').check();
  await page.getByTestId('window-from').fill(options.windowFrom ?? '');
  await page.getByTestId('window-to').fill(options.windowTo ?? '');
  await page.getByTestId('run-trace').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="path"], [data-testid="no-path"], [data-testid="trace-error"]'));
  await settle(page);
}

/** The selected path in the list and what the canvas highlights, as comparable id sets. */
async function listAndCanvas(page: Page) {
  const selected = page.locator('[data-testid="path"]').filter({ has: page.locator('[data-testid="select-path"][aria-pressed="true"]') });
  await expect.poll(() => selected.count()).toBe(1);
  const nodes = ((await selected.getAttribute('data-nodes')) ?? '').split(' ').sort();
  const links = (await selected.locator('[data-testid="hop"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-link') ?? ''))).sort();
  const highlighted = await page.evaluate(() => window.__bc!.highlighted());
  return {
    list: { nodes, links },
    canvas: {
      nodes: highlighted.filter((id) => NODE_ID.test(id)).sort(),
      links: highlighted.filter((id) => !NODE_ID.test(id)).map((id) => id.replace(/~r$/, '')).sort(),
    },
  };
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

const OSLO: [string, string] = ['Oslo', 'Oslo back channel'];
const ISRAEL: [string, string] = ['Israel', 'Government of Israel'];

describe('the web explorer', () => {
  it('finds Ahmed Qurei by "Abu Ala" and traces him to the PLO\'s leader; the path list and the highlighted canvas agree', async () => {
    const { page, problems } = await openPage();
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-01-start.png') });
    await pick(page, 'search', 'Abu Ala', 'Ahmed Qurei');
    await page.getByTestId('details').getByRole('heading', { name: 'Ahmed Qurei' }).waitFor({ state: 'visible' });
    await settle(page);
    expect(await page.evaluate(() => window.__bc!.visible())).toContain('person/ahmed-qurei');
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-02-search-details.png') });

    await page.getByTestId('use-as-start').click();
    await expect.poll(() => page.locator('#trace-from').inputValue()).toBe('Ahmed Qurei');
    await pick(page, 'trace-to', 'PLO', 'Palestine Liberation Organi');
    await page.getByTestId('run-trace').click();
    await page.getByTestId('path').first().waitFor({ state: 'visible' });
    await settle(page);
    const { list, canvas } = await listAndCanvas(page);
    expect(list.nodes[0]).toBeDefined();
    expect(canvas.nodes).toEqual(list.nodes);
    expect(canvas.links).toEqual(list.links);
    expect(list.nodes).toContain('person/ahmed-qurei');
    expect(await page.evaluate(() => window.__bc!.scene())).toBe('paths');
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-03-trace-qurei-plo.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('traces the Oslo channel to Israel\'s leaders in 1992-12..1993-09, and explains the absence of a path in 1992-01..1992-11', async () => {
    const { page, problems } = await openPage();
    await trace(page, { from: OSLO, to: ISRAEL, windowFrom: '1992-12', windowTo: '1993-09' });
    const paths = page.getByTestId('path');
    expect(await paths.count()).toBeGreaterThan(0);
    await expect.poll(() => paths.first().locator('.badge.certain, .badge.possible').count()).toBe(1);
    // The README's screenshot shows this answer: the documented transfer through the mentor comes first (README, the rules).
    expect(await paths.first().getAttribute('data-nodes')).toBe('person/yair-hirschfeld person/yossi-beilin person/shimon-peres government/israel');
    await expect.poll(() => paths.first().locator('.badge.plain', { hasText: 'arrives' }).textContent()).toMatch(/^arrives .+ – .+$/);
    const { list, canvas } = await listAndCanvas(page);
    expect(canvas.nodes).toEqual(list.nodes);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-04-oslo-israel-paths.png') });
    // BC_README_SCREENSHOTS=1 also writes the README's copy (web/screenshots/paths.png) from this very view.
    if (process.env.BC_README_SCREENSHOTS === '1') await page.screenshot({ path: path.join(ROOT, 'web/screenshots/paths.png') });

    if ((await paths.count()) > 1) {
      await paths.nth(1).getByTestId('compare-path').click();
      expect((await page.evaluate(() => window.__bc!.compared())).length).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(ARTIFACTS, 'web-05-compare.png') });
    }

    await page.getByTestId('window-from').fill('1992-01');
    await page.getByTestId('window-to').fill('1992-11');
    await page.getByTestId('run-trace').click();
    const none = page.getByTestId('no-path');
    await none.waitFor({ state: 'visible' });
    await expect.poll(() => none.textContent()).toMatch(/no path/i);
    const explanation = (await none.locator('p').first().textContent())?.trim() ?? '';
    expect(explanation.length).toBeGreaterThan(20);
    await expect.poll(() => page.getByTestId('announcer').textContent()).toBe(explanation);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-06-no-path.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('restores the same view from a permalink opened in a fresh page', async () => {
    const { page } = await openPage();
    await trace(page, { from: OSLO, to: ISRAEL, windowFrom: '1992-12', windowTo: '1993-09' });
    const count = await page.getByTestId('path').count();
    if (count > 1) await page.getByTestId('path').nth(1).getByTestId('select-path').click();
    await page.getByTestId('timeline-to').focus();
    await page.getByTestId('timeline-to').press('ArrowLeft');
    await page.getByTestId('timeline-from').fill(String((1993 - 1967) * 12 + 2));
    await settle(page);
    const before = await listAndCanvas(page);
    const date = await page.getByTestId('timeline-date').textContent();
    const url = page.url();
    expect(url).toContain('from=channel');
    await page.close();

    const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page: again, problems } = await openPage(url.slice(url.indexOf('#')), fresh);
    await expect.poll(() => again.getByTestId('path').count()).toBe(count);
    await expect.poll(() => again.locator('#trace-from').inputValue()).toBe('Oslo back channel');
    await expect.poll(() => again.getByTestId('window-from').inputValue()).toBe('1992-12');
    await expect.poll(() => again.getByTestId('window-to').inputValue()).toBe('1993-09');
    await expect.poll(() => again.getByTestId('timeline-date').textContent()).toBe(date ?? '');
    await settle(again);
    expect(await listAndCanvas(again)).toEqual(before);
    await again.screenshot({ path: path.join(ARTIFACTS, 'web-07-permalink-restored.png') });
    expect(problems).toEqual([]);

    const stale = url.replace(/([#&])v=[^&]+/, '$1v=0000000000stale');
    await again.goto('about:blank');
    await again.goto(stale);
    await again.getByTestId('version-notice').waitFor({ state: 'visible' });
    await fresh.close();
  });

  it('exports paths as CSV and JSON, and the canvas as PNG and SVG, in files that parse', async () => {
    const { page } = await openPage();
    await trace(page, { from: OSLO, to: ISRAEL, windowFrom: '1992-12', windowTo: '1993-09' });
    const hops = await page.getByTestId('hop').count();

    const csv = (await download(page, 'export-csv')).toString('utf8');
    const rows = csv.trim().split(/\r\n/);
    expect(rows[0]).toBe('path,hop,from,link,to,sentence,when,instant,confidence,weakest,certain,evidence,arrival,citations,sources');
    expect(rows.length - 1).toBe(hops);

    const json = JSON.parse((await download(page, 'export-json')).toString('utf8'));
    expect(json.paths.length).toBe(await page.getByTestId('path').count());
    expect(json.paths[0].hops.length).toBeGreaterThan(0);
    expect(Array.isArray(json.bibliography)).toBe(true);
    expect(json.bibliography.length).toBeGreaterThan(0);
    expect(json.bibliography[0].title).toBeTruthy();

    const png = await download(page, 'export-png');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const svg = (await download(page, 'export-svg')).toString('utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.nodeName, groups: doc.querySelectorAll('g[data-id]').length };
    }, svg);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.groups).toBe((await page.evaluate(() => window.__bc!.visible())).length);
    await page.close();
  });

  it('works with the keyboard alone: reach search, pick endpoints, run, step through hops', async () => {
    const { page, problems } = await openPage();
    const focusId = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-testid') || '');
    const tabTo = async (id: string, limit = 40) => {
      for (let i = 0; i < limit; i++) {
        if ((await focusId()) === id) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${id}; stuck at ${await focusId()}`);
    };
    await tabTo('search');
    await tabTo('trace-from');
    await page.keyboard.type('Oslo', { delay: 20 });
    await page.locator('#trace-from-list').getByRole('option', { name: /Oslo back channel/ }).first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#trace-from').inputValue()).toBe('Oslo back channel');
    await tabTo('trace-to');
    await page.keyboard.type('Israel', { delay: 20 });
    await page.locator('#trace-to-list').getByRole('option', { name: /Government of Israel/ }).first().waitFor();
    const names = await page.locator('#trace-to-list').getByRole('option').allTextContents();
    for (let i = 0; i < names.findIndex((n) => n.includes('Government of Israel')); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tabTo('window-from');
    await page.keyboard.type('1992-12');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1993-09');
    await page.keyboard.press('Enter');
    await page.getByTestId('path').first().waitFor({ state: 'visible' });
    await settle(page);
    await tabTo('select-path', 80);
    await tabTo('hop-step', 20);
    const first = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(first).toMatch(/^Hop 1 of \d+/);
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(second).toMatch(/^Hop 2 of \d+/);
    const focusRing = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(focusRing).not.toBe('none');
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-08-keyboard-hops.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has no serious or critical axe-core violations on the main views', async () => {
    // axe is injected as an inline script, which the API's Content-Security-Policy rightly forbids.
    const scanning = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const { page } = await openPage('', scanning);
    expect(await seriousViolations(page)).toEqual([]);
    await trace(page, { from: OSLO, to: ISRAEL, windowFrom: '1992-12', windowTo: '1993-09' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('hop').first().getByRole('button', { name: 'Details' }).click();
    await page.getByTestId('details').waitFor({ state: 'visible' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-09-link-details.png') });
    await scanning.close();
  });

  it('answers who met whom with dated, sourced chains', async () => {
    const { page, problems } = await openPage();
    await page.getByTestId('tab-meet').click();
    await pick(page, 'meet-a', 'Hirschfeld', 'Yair Hirschfeld');
    await pick(page, 'meet-b', 'Qurei', 'Ahmed Qurei');
    await page.getByTestId('run-meet').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="meeting-chain"], [data-testid="meet-error"]'));
    expect(await page.getByTestId('meet-error').count()).toBe(0);
    await page.getByTestId('meeting-chain').first().waitFor({ state: 'visible' });
    expect(await page.getByTestId('meeting-chain').first().locator('.citations li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-11-who-met-whom.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows which paths disappear when a link is left out (what if)', async () => {
    const { page, problems } = await openPage();
    await trace(page, { from: OSLO, to: ISRAEL, windowFrom: '1992-12', windowTo: '1993-09' });
    const before = await page.getByTestId('path').count();
    await page.getByTestId('path').first().getByTestId('hop').nth(1).getByRole('button', { name: /What if this link were missing/ }).click();
    await page.getByTestId('what-if').waitFor({ state: 'visible' });
    await settle(page);
    expect(await page.getByTestId('what-if').textContent()).toMatch(/\d+ paths? disappeared; \d+ remains?/);
    expect(await page.getByTestId('what-if').locator('li').count()).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-12-what-if.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lays out at tablet width with every panel reachable', async () => {
    const tablet = await browser.newContext({ viewport: { width: 820, height: 1180 } });
    const { page, problems } = await openPage('', tablet);
    await trace(page, { from: OSLO, to: ISRAEL, windowFrom: '1992-12', windowTo: '1993-09' });
    const canvas = await page.getByTestId('canvas').boundingBox();
    expect(canvas!.width).toBeGreaterThan(700);
    expect(canvas!.height).toBeGreaterThan(250);
    await page.getByTestId('path').first().waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-10-tablet.png') });
    expect(problems).toEqual([]);
    await tablet.close();
  });
});
