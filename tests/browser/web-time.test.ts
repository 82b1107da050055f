// Issue 18, "time" and the smaller things: a from–to brush that filters links and nodes by their dates, playback from
// the data in view at a chosen speed, a Gantt strip of the selected path's hops with their uncertainty, focus that
// comes back, print- and projector-size labels, renumbered lesson headings, relevant search suggestions, compressed assets.
import { describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import path from 'node:path';
import { ARTIFACTS, SCREENSHOTS, AXE_SOURCE, browserSuite, openBrowserPage, settle } from '../support/browser.ts';
import { apiQuery } from '../support/explorer-page.ts';

const OSLO_PATHS = '#from=channel/oslo-1992&to=government/israel&wf=1992-12&wt=1993-09&scene=paths';

const suite = browserSuite();

async function openPage(hash = '') {
  return openBrowserPage(suite.context, `${suite.app.url}/${hash}`);
}

const monthValue = (month: string) => String((Number(month.slice(0, 4)) - 1967) * 12 + Number(month.slice(5, 7)) - 1);
const visibleIds = async (page: Page) => new Set(await page.evaluate(() => (window as unknown as { __bc: { visible(): string[] } }).__bc.visible()));
const highlighted = (page: Page) => page.evaluate(() => (window as unknown as { __bc: { highlighted(): string[] } }).__bc.highlighted());
const overlaps = (when: { from: string | null; to: string | null } | null | undefined, from: string, to: string) =>
  !when || ((when.from === null || when.from <= to) && (when.to === null || when.to >= from));

interface Brief { id: string; kind: string; when?: { from: string | null; to: string | null } | null }
interface ApiLink { id: string; from: { id: string }; to: { id: string }; when: { from: string | null; to: string | null } | null }
const NEIGHBOURHOOD = `query N($id: ID!) { neighbourhood(id: $id, depth: 1) { nodes { id kind ... on Channel { when { from to } } ... on Session { when { from to } } ... on Document { when { from to } } }
  links { id from { id } to { id } when { from to } } } }`;
interface ApiHop { instant: string | null; sentence: string; link: { id: string; when: { from: string | null; to: string | null; point: boolean; label: string } | null } }
const PATHS = `query P($from: ID!, $to: ID, $window: WindowInput) { influencePaths(from: $from, to: $to, window: $window) {
  paths { rank nodes { id ... on Channel { when { from to } } ... on Session { when { from to } } ... on Document { when { from to } } } hops { against instant sentence link { id when { from to point label } } } } } }`;
const osloPaths = async () => (await apiQuery<{ influencePaths: { paths: { rank: number; nodes: Brief[]; hops: (ApiHop & { against: boolean })[] }[] } }>(suite.app.url, PATHS, {
  from: 'channel/oslo-1992', to: 'government/israel', window: { from: '1992-12', to: '1993-09' },
})).influencePaths.paths;

async function seriousAxe(page: Page, selector: string): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async (include) => (window as unknown as { axe: { run(c: object, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } })
    .axe.run({ include: [include] }, { resultTypes: ['violations'] }), selector);
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the timeline shows a range of months', () => {
  it('filters links and nodes by a from–to range moved with the keyboard, and hides a channel outside its own dates', async () => {
    const { nodes, links } = (await apiQuery<{ neighbourhood: { nodes: Brief[]; links: ApiLink[] } }>(suite.app.url, NEIGHBOURHOOD, { id: 'person/yossi-beilin' })).neighbourhood;
    const oslo = nodes.find((n) => n.id === 'channel/oslo-1992')!;
    // Beilin's 1992 link to Oslo holds in 1992, but the channel itself only began in December: its own dates decide.
    expect(links.some((l) => l.to.id === oslo.id && overlaps(l.when, '1992-01-01', '1992-10-31'))).toBe(true);
    expect(overlaps(oslo.when, '1992-01-01', '1992-10-31')).toBe(false);

    const { page, problems } = await openPage('#focus=person/yossi-beilin');
    await expect.poll(async () => (await visibleIds(page)).has('channel/oslo-1992')).toBe(true);
    const from = page.getByTestId('timeline-from');
    const to = page.getByTestId('timeline-to');
    await from.fill(monthValue('1991-12'));
    await from.press('ArrowRight');
    expect(await from.getAttribute('aria-valuetext')).toBe('January 1992');
    await to.fill(monthValue('1992-11'));
    await to.press('ArrowLeft');
    expect(await to.getAttribute('aria-valuetext')).toBe('October 1992');
    await expect.poll(() => page.getByTestId('timeline-date').textContent()).toBe('Jan 1992 – Oct 1992');
    await settle(page);
    const shown = await visibleIds(page);
    expect(shown.has('channel/oslo-1992')).toBe(false);
    for (const l of links) if (shown.has(l.id)) expect(overlaps(l.when, '1992-01-01', '1992-10-31'), l.id).toBe(true);
    for (const n of nodes) if (n.when && shown.has(n.id)) expect(overlaps(n.when, '1992-01-01', '1992-10-31'), n.id).toBe(true);
    expect(shown.has('person/yossi-beilin')).toBe(true);
    expect(new URL(page.url()).hash).toContain('at=1992-01..1992-10');

    // Widened to the whole of the talks, the channel is back.
    await to.fill(monthValue('1993-09'));
    await expect.poll(() => page.getByTestId('timeline-date').textContent()).toBe('Jan 1992 – Sep 1993');
    await settle(page);
    expect((await visibleIds(page)).has('channel/oslo-1992')).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps every hop of the selected path when the range leaves some of them out', async () => {
    const [first] = await osloPaths();
    const outside = first.hops.filter((h) => !overlaps(h.link.when, '1993-03-01', '1993-05-31'));
    expect(outside.length).toBeGreaterThan(0);
    const { page, problems } = await openPage(`${OSLO_PATHS}&at=1993-03..1993-05`);
    await expect.poll(() => page.getByTestId('timeline-date').textContent()).toBe('Mar 1993 – May 1993');
    await settle(page);
    const shown = await visibleIds(page);
    const lit = await highlighted(page);
    expect(lit.length).toBeGreaterThan(first.hops.length);
    for (const id of lit) expect(shown.has(id), id).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the timeline on a phone', () => {
  it('keeps every timeline control, the brush and the hop strip inside a 390-pixel screen', async () => {
    const phone = await suite.session.browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, problems } = await openBrowserPage(phone, `${suite.app.url}/${OSLO_PATHS}`);
    await page.getByTestId('hop-strip').waitFor({ state: 'visible' });
    const boxes = await page.locator('section.timeline button, section.timeline select, section.timeline input, section.timeline output, section.timeline [data-testid="hop-strip"]')
      .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => {
        const b = e.getBoundingClientRect();
        return { what: e.getAttribute('data-testid') ?? e.textContent?.trim().slice(0, 20) ?? e.tagName, x1: b.left, x2: b.right };
      }));
    expect(boxes.map((b) => b.what)).toEqual(expect.arrayContaining(['timeline-play', 'timeline-speed', 'timeline-all', 'timeline-from', 'timeline-to', 'timeline-date', 'hop-strip']));
    expect(boxes.filter((b) => b.x1 < 0 || b.x2 > 390).map((b) => `${b.what}: ${Math.round(b.x1)}–${Math.round(b.x2)} px`)).toEqual([]);
    // Nothing in the page scrolls sideways either.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, 'time-phone-timeline.png') });
    expect(problems).toEqual([]);
    await phone.close();
  });
});

describe('playback', () => {
  it('plays from the start of the data in view at the chosen speed, pauses, and stops at the end of the data', async () => {
    const paths = await osloPaths();
    const days = paths.flatMap((p) => [...p.hops.flatMap((h) => [h.link.when?.from ?? h.link.when?.to, h.link.when?.to ?? h.link.when?.from]), ...p.nodes.flatMap((n) => [n.when?.from ?? n.when?.to, n.when?.to ?? n.when?.from])])
      .filter((d): d is string => Boolean(d)).sort();
    const [start, end] = [days[0].slice(0, 7), days[days.length - 1].slice(0, 7)];
    const short = (m: string) => `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`;

    const { page, problems } = await openPage(OSLO_PATHS);
    const play = page.getByTestId('timeline-play');
    await page.getByTestId('timeline-speed').selectOption({ label: '1 month a second' });
    await play.click();
    await expect.poll(() => play.getAttribute('aria-pressed')).toBe('true');
    await play.click();
    await expect.poll(() => play.getAttribute('aria-pressed')).toBe('false');
    // Paused within the data (a slow machine may have moved on a month or two), never back in 1967.
    const paused = (await page.getByTestId('timeline-from').getAttribute('aria-valuetext')) ?? '';
    const pausedMonth = (await page.getByTestId('timeline-from').inputValue());
    expect(Number(pausedMonth)).toBeGreaterThanOrEqual(Number(monthValue(start)));
    expect(Number(pausedMonth)).toBeLessThan(Number(monthValue(end)));
    expect(paused).not.toMatch(/1967/);

    // Resumed at five years a second, it runs to the end of the data and stops by itself.
    await page.getByTestId('timeline-speed').selectOption({ label: '5 years a second' });
    await play.click();
    await expect.poll(() => play.getAttribute('aria-pressed'), { timeout: 20_000 }).toBe('false');
    expect(await page.getByTestId('timeline-date').textContent()).toBe(short(end));
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the hop strip', () => {
  it('draws one row per hop of the selected path, from its earliest to its latest possible date, in words; a row selects its hop', async () => {
    const paths = await osloPaths();
    const second = paths[1];
    const { page, problems } = await openPage(`${OSLO_PATHS}&path=${second.rank}`);
    const strip = page.getByTestId('hop-strip');
    await strip.waitFor({ state: 'visible' });
    const rows = strip.getByTestId('hop-row');
    await expect.poll(() => rows.count()).toBe(second.hops.length);
    for (const [i, hop] of second.hops.entries()) {
      const text = (await rows.nth(i).textContent()) ?? '';
      expect(text).toContain(hop.sentence.replace(` (${hop.link.when!.label})`, ''));
      expect(text).toContain(hop.link.when!.label);
      // An event dated to the day is fixed (a solid part); one dated to a month only is a band of uncertainty.
      const exact = hop.link.when!.point && hop.link.when!.from === hop.link.when!.to;
      if (hop.link.when!.point) expect(await rows.nth(i).getByTestId('hop-solid').count(), hop.sentence).toBe(exact ? 1 : 0);
      if (hop.link.when!.point && !exact) expect(text).toMatch(/day not recorded|approximate/);
      const band = await rows.nth(i).getByTestId('hop-band').boundingBox();
      expect(band!.width).toBeGreaterThan(0);
    }
    // A month-long hop's band is wider than a one-day hop's.
    const monthHop = second.hops.findIndex((h) => h.link.when!.point && h.link.when!.from !== h.link.when!.to);
    const dayHop = second.hops.findIndex((h) => h.link.when!.point && h.link.when!.from === h.link.when!.to);
    expect(monthHop).toBeGreaterThanOrEqual(0);
    expect(dayHop).toBeGreaterThanOrEqual(0);
    const width = async (i: number) => (await rows.nth(i).getByTestId('hop-band').boundingBox())!.width;
    expect(await width(monthHop)).toBeGreaterThan(await width(dayHop));

    await rows.nth(dayHop).click();
    await expect.poll(() => rows.nth(dayHop).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('tab-details').getAttribute('aria-selected')).toBe('true');
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('sel')).toBe(second.hops[dayHop].link.id);
    await settle(page);
    await page.locator('section[aria-label="Timeline"]').screenshot({ path: path.join(ARTIFACTS, 'time-01-hop-strip-timeline.png') });
    // BC_README_SCREENSHOTS=1 also writes the README's copy (web/screenshots/timeline-hop-strip.png) from this view.
    if (process.env.BC_README_SCREENSHOTS === '1') await page.locator('section[aria-label="Timeline"]').screenshot({ path: path.join(SCREENSHOTS, 'timeline-hop-strip.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'time-01-hop-strip.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has no serious or critical axe-core violations on the brush and the strip', async () => {
    const scanning = await suite.session.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const { page } = await openBrowserPage(scanning, `${suite.app.url}/${OSLO_PATHS}&at=1993-01..1993-06`);
    await page.getByTestId('hop-strip').waitFor({ state: 'visible' });
    expect(await seriousAxe(page, 'section[aria-label="Timeline"]')).toEqual([]);
    await scanning.close();
  });
});

describe('assets', () => {
  /** The raw bytes of a response (no transparent decompression), with its headers. */
  async function raw(url: string, encoding: string | null): Promise<{ status: number; headers: import('node:http').IncomingHttpHeaders; size: number }> {
    const http = await import('node:http');
    return new Promise((resolve, reject) => {
      http.get(url, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => (size += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, size }));
      }).on('error', reject);
    });
  }

  it('serves the large graph chunk compressed (brotli, else gzip) when asked, and smaller', async () => {
    const { existsSync, readdirSync, statSync } = await import('node:fs');
    const dist = path.join(SCREENSHOTS, '../dist/assets');
    expect(existsSync(dist)).toBe(true);
    const graph = readdirSync(dist).filter((f) => f.endsWith('.js')).sort((a, b) => statSync(path.join(dist, b)).size - statSync(path.join(dist, a)).size)[0];
    const url = `${suite.app.url}/assets/${graph}`;
    const plain = await raw(url, null);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.size).toBe(statSync(path.join(dist, graph)).size);
    const br = await raw(url, 'br, gzip');
    expect(br.headers['content-encoding']).toBe('br');
    const gzip = await raw(url, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    console.log(`[assets] ${graph}: ${plain.size} bytes plain, ${gzip.size} gzip, ${br.size} brotli`);
    expect(br.size).toBeLessThan(plain.size / 2.5);
    expect(gzip.size).toBeLessThan(plain.size / 2.5);
    // The page itself still opens (the single-page fallback), and an unknown API route still says so.
    const page = await fetch(`${suite.app.url}/some/deep/link`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"');
    const missing = await fetch(`${suite.app.url}/nope`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('NOT_FOUND');
  });
});

describe('search suggestions', () => {
  async function suggestions(page: Page, text: string): Promise<string[]> {
    const input = page.locator('#search');
    await input.fill('');
    await input.pressSequentially(text, { delay: 15 });
    const list = page.locator('#search-list');
    await list.getByRole('option').first().waitFor({ state: 'visible' });
    await settle(page);
    return list.getByRole('option').allTextContents();
  }

  it('offers Qurei first for "Qureia" and none of the people who merely share its consonants; an Arabic alias finds Arafat', async () => {
    const { page, problems } = await openPage();
    const qureia = await suggestions(page, 'Qureia');
    expect(qureia[0]).toMatch(/Ahmed Qurei/);
    expect(qureia.join(' | ')).not.toMatch(/Willoch|Kreisky|Bildt/);
    const arafat = await suggestions(page, 'عرفات');
    expect(arafat.some((s) => /Yasser Arafat/.test(s))).toBe(true);
    const peres = await suggestions(page, 'שמעון פרס');
    expect(peres[0]).toMatch(/Shimon Peres/);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the lesson editor', () => {
  it('renumbers the step headings after a reorder and a removal', async () => {
    const { page, problems } = await openPage(OSLO_PATHS);
    await page.getByTestId('path').first().getByTestId('make-lesson').click();
    const editor = page.getByTestId('lesson-editor');
    await editor.waitFor({ state: 'visible' });
    const headings = () => editor.getByTestId('step-heading-input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const before = await headings();
    expect(before.length).toBeGreaterThan(2);
    expect(before[0]).toMatch(/^Step 1: /);
    await editor.getByTestId('step-down').first().click();
    await expect.poll(headings).toEqual([before[1].replace(/^Step 2/, 'Step 1'), before[0].replace(/^Step 1/, 'Step 2'), ...before.slice(2)]);
    await editor.getByTestId('step-remove').first().click();
    const after = await headings();
    expect(after.map((h) => h.match(/^Step (\d+)/)?.[1])).toEqual(after.map((_, i) => String(i + 1)));
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('focus comes back', () => {
  const activeTestId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.tagName ?? null);
  const activeStory = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-testid="story-item"]')?.getAttribute('data-id') ?? null);

  it('returns to the Present and Handout buttons after the presenter and the handout close (Esc, or a click outside the sheet)', async () => {
    const { page, problems } = await openPage('#tab=stories');
    const oslo = page.locator('[data-testid="story-item"][data-id="story/oslo"]');
    await oslo.getByTestId('present-story').click();
    await page.getByTestId('presenter').waitFor({ state: 'visible' });
    await settle(page);
    // The panel's Present goes full screen, where a browser's first Esc only leaves full screen: Close it is.
    await page.getByTestId('close-presenter').click();
    await page.getByTestId('presenter').waitFor({ state: 'detached' });
    await expect.poll(() => activeTestId(page)).toBe('present-story');
    expect(await activeStory(page)).toBe('story/oslo');

    await oslo.getByTestId('handout-story').click();
    await page.locator('[data-testid="handout"][data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.mouse.click(20, 400);
    await page.getByTestId('handout').waitFor({ state: 'detached' });
    await expect.poll(() => activeTestId(page)).toBe('handout-story');
    expect(await activeStory(page)).toBe('story/oslo');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('stays on the Trace button after Enter runs the trace', async () => {
    const { page, problems } = await openPage('#from=channel/oslo-1992&to=government/israel');
    await page.getByTestId('run-trace').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('path').first().waitFor({ state: 'visible' });
    await settle(page);
    await expect.poll(() => activeTestId(page)).toBe('run-trace');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('labels a room and a printed page can read', () => {
  it('prints the handout diagrams with labels of at least 8 pt and each URL on a line of its own', async () => {
    const { page, problems } = await openPage('#story=story/oslo&handout=1');
    await page.locator('[data-testid="handout"][data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.emulateMedia({ media: 'print' });
    // A diagram is a picture: its smallest label (renderer pixels) scaled to the width the picture prints at.
    const printed = await page.getByTestId('handout-diagram').evaluateAll((imgs) => imgs.map((i) => {
      const img = i as HTMLImageElement;
      return Number(img.dataset.labelPx) * img.getBoundingClientRect().width / (img.naturalWidth / 1.5);
    }));
    expect(printed.length).toBeGreaterThan(3);
    for (const px of printed) expect(px).toBeGreaterThanOrEqual(10.6);
    const urls = await page.getByTestId('bibliography').locator('.url').evaluateAll((els) => els.map((e) => getComputedStyle(e).display));
    expect(urls.length).toBeGreaterThan(0);
    expect(new Set(urls)).toEqual(new Set(['block']));
    await page.screenshot({ path: path.join(ARTIFACTS, 'time-02-handout-print.png'), fullPage: false });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws the presenter labels at least 16 px on a 1280×720 projector', async () => {
    const projector = await suite.session.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, problems } = await openBrowserPage(projector, `${suite.app.url}/#story=story/oslo&step=3`);
    await page.getByTestId('presenter').waitFor({ state: 'visible' });
    await settle(page);
    const smallest = () => page.evaluate(() => (window as unknown as { __bc: { storyLabelPx?: () => number | null } }).__bc.storyLabelPx?.() ?? 0);
    await expect.poll(smallest).toBeGreaterThanOrEqual(15.99);
    await page.keyboard.press('ArrowRight');
    await settle(page);
    await expect.poll(smallest).toBeGreaterThanOrEqual(15.99);
    await page.screenshot({ path: path.join(ARTIFACTS, 'time-03-presenter-projector.png') });
    expect(problems).toEqual([]);
    await projector.close();
  });
});
