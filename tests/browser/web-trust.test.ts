// Issue 18, "wrong answers on screen": what the explorer shows must be the answer to what the form says. A typed start
// is resolved or refused (never the previous start's paths), what-if counts agree with the API, the timeline keeps a
// selected path whole, and no drawn edge passes through a node that is not one of its ends.
import { describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import path from 'node:path';
import { ARTIFACTS, NODE_ID, AXE_SOURCE, browserSuite, openBrowserPage, settle } from '../support/browser.ts';
import { apiQuery, drawing, edgesThroughNodes, overlappingNodes, pick, traceAnswer } from '../support/explorer-page.ts';


const suite = browserSuite();

/** A fresh page that also records Cytoscape's warnings (e.g. "invalid endpoints"). */
async function openPage(hash = '') {
  const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/${hash}`);
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && !/wheel sensitivity/.test(m.text())) warnings.push(m.text());
  });
  return { page, problems, warnings };
}

const hashParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.slice(1));

interface ApiPath { nodes: { id: string }[]; hops: { link: { id: string; when: { from: string | null; to: string | null } | null } }[] }
const PATHS = `query P($from: ID!, $to: ID, $mode: PathMode, $window: WindowInput, $exclude: [ID!]) {
  influencePaths(from: $from, to: $to, mode: $mode, window: $window, exclude: $exclude) { paths { nodes { id } hops { link { id when { from to } } } } } }`;
const apiPaths = async (variables: Record<string, unknown>) => (await apiQuery<{ influencePaths: { paths: ApiPath[] } }>(suite.app.url, PATHS, variables)).influencePaths.paths;
const listedStarts = (page: Page) => page.getByTestId('path').evaluateAll((els) => els.map((e) => e.getAttribute('data-nodes') ?? ''));

describe('the explorer answers what its form says', () => {
  it('resolves a start typed without choosing a suggestion, and refuses a cleared or unknown one instead of showing the old paths', async () => {
    const { page, problems } = await openPage();
    await pick(page, 'trace-from', 'Oslo', 'Oslo back channel');
    await pick(page, 'trace-to', 'Rabin', 'Yitzhak Rabin');
    await page.getByTestId('run-trace').click();
    await traceAnswer(page);
    expect(hashParams(page).get('from')).toBe('channel/oslo-1992');
    const oslo = await listedStarts(page);
    expect(oslo.length).toBeGreaterThan(0);

    // An exact name typed in full, suggestions dismissed with Esc: the trace is of that name.
    const from = page.locator('#trace-from');
    await from.fill('');
    await from.pressSequentially('Stockholm talks (1994–95)', { delay: 10 });
    await page.locator('#trace-from-list').getByRole('option').first().waitFor({ state: 'visible' });
    await from.press('Escape');
    await page.getByTestId('run-trace').click();
    await traceAnswer(page);
    expect(await page.getByTestId('trace-error').count()).toBe(0);
    expect(hashParams(page).get('from')).toBe('channel/stockholm-1994');
    expect(await from.inputValue()).toBe('Stockholm talks (1994–95)');
    const expected = (await apiPaths({ from: 'channel/stockholm-1994', to: 'person/yitzhak-rabin' })).map((p) => p.nodes.map((n) => n.id).join(' '));
    expect(await listedStarts(page)).toEqual(expected);
    expect(await listedStarts(page)).not.toEqual(oslo);

    // Cleared with Esc: no start, so no paths and no start in the URL.
    await from.focus();
    await from.press('Escape');
    expect(await from.inputValue()).toBe('');
    await page.getByTestId('run-trace').click();
    await expect.poll(() => page.getByTestId('trace-error').textContent()).toMatch(/choose a start/i);
    expect(await page.getByTestId('path').count()).toBe(0);
    expect(hashParams(page).get('from')).toBeNull();

    // A name nobody has: said so, and nothing stale.
    await from.pressSequentially('Nobody Atall', { delay: 10 });
    await page.locator('#trace-from-list').waitFor({ state: 'visible' });
    await from.press('Escape');
    await page.getByTestId('run-trace').click();
    await expect.poll(() => page.getByTestId('trace-error').textContent()).toMatch(/Nobody Atall/);
    expect(await page.getByTestId('path').count()).toBe(0);
    expect(hashParams(page).get('from')).toBeNull();

    // The target too: typed over without choosing, it is not the old target.
    await pick(page, 'trace-from', 'Oslo', 'Oslo back channel');
    const to = page.locator('#trace-to');
    await to.fill('');
    await to.pressSequentially('Shimon Peres', { delay: 10 });
    await page.locator('#trace-to-list').getByRole('option').first().waitFor({ state: 'visible' });
    await to.press('Escape');
    await page.getByTestId('run-trace').click();
    await traceAnswer(page);
    expect(hashParams(page).get('to')).toBe('person/shimon-peres');
    const peres = (await apiPaths({ from: 'channel/oslo-1992', to: 'person/shimon-peres' })).map((p) => p.nodes.map((n) => n.id).join(' '));
    expect(await listedStarts(page)).toEqual(peres);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('counts the paths a what-if removes and keeps as the API answers them (Oslo → Rabin, documented, without Beilin)', async () => {
    const query = { from: 'channel/oslo-1992', to: 'person/yitzhak-rabin', mode: 'DOCUMENTED' };
    const before = await apiPaths(query);
    const after = await apiPaths({ ...query, exclude: ['person/yossi-beilin'] });
    const route = (p: ApiPath) => p.hops.map((h) => h.link.id).join(' ');
    const afterRoutes = new Set(after.map(route));
    const lost = before.filter((p) => !afterRoutes.has(route(p))).length;
    const kept = before.length - lost;
    const added = after.length - kept;
    expect(before.some((p) => p.nodes.some((n) => n.id === 'person/yossi-beilin'))).toBe(true);

    const { page, problems } = await openPage(`#from=channel/oslo-1992&to=person/yitzhak-rabin&mode=DOCUMENTED&scene=paths`);
    await expect.poll(() => page.getByTestId('path').count()).toBe(before.length);
    await page.getByRole('button', { name: 'What if Yossi Beilin were missing?' }).first().click();
    await page.getByTestId('what-if').waitFor({ state: 'visible' });
    await settle(page);
    const text = (await page.getByTestId('what-if').textContent()) ?? '';
    expect(text).toContain(`${lost} path${lost === 1 ? '' : 's'} disappeared; ${kept} remain${kept === 1 ? 's' : ''}`);
    if (added) expect(text).toContain(`${added} new`);
    expect(await page.getByTestId('what-if').locator('.lost li').count()).toBe(lost);
    expect(await page.getByTestId('path').count()).toBe(after.length);
    await page.screenshot({ path: path.join(ARTIFACTS, 'trust-01-what-if-beilin.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps every hop of the selected path on the canvas when the timeline shows a month some hops fall outside', async () => {
    const query = { from: 'channel/oslo-1992', to: 'government/israel', window: { from: '1992-12', to: '1993-09' } };
    const [first] = await apiPaths(query);
    const month = '1993-01';
    const outside = first.hops.filter((h) => h.link.when && ((h.link.when.from !== null && h.link.when.from > `${month}-31`) || (h.link.when.to !== null && h.link.when.to < `${month}-01`)));
    expect(outside.length).toBeGreaterThan(0);

    const { page, problems } = await openPage(`#from=channel/oslo-1992&to=government/israel&wf=1992-12&wt=1993-09&scene=paths`);
    await page.getByTestId('path').first().waitFor({ state: 'visible' });
    await settle(page);
    await page.getByTestId('timeline-from').fill(String((1993 - 1967) * 12 + 0));
    await page.getByTestId('timeline-to').fill(String((1993 - 1967) * 12 + 0));
    await expect.poll(() => page.getByTestId('timeline-date').textContent()).toBe('Jan 1993');
    await settle(page);
    const highlighted = await page.evaluate(() => (window as unknown as { __bc: { highlighted(): string[] } }).__bc.highlighted());
    const visible = new Set(await page.evaluate(() => (window as unknown as { __bc: { visible(): string[] } }).__bc.visible()));
    expect(highlighted.filter((id) => !NODE_ID.test(id)).length).toBe(first.hops.length);
    expect(highlighted.filter((id) => !visible.has(id))).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'trust-02-timeline-keeps-path.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  for (const [name, hash] of [
    ['Oslo → Rabin (documented)', '#from=channel/oslo-1992&to=person/yitzhak-rabin&mode=DOCUMENTED&scene=paths'],
    ['Oslo → Israel, 1992-12..1993-09', '#from=channel/oslo-1992&to=government/israel&wf=1992-12&wt=1993-09&scene=paths'],
    ['Stockholm talks → any decision-maker', '#from=channel/stockholm-1994&scene=paths'],
    ['Stockholm talks → Rabin', '#from=channel/stockholm-1994&to=person/yitzhak-rabin&scene=paths'],
  ] as const) {
    it(`draws no edge through a node that is not its end: ${name}`, async () => {
      const { page, problems, warnings } = await openPage(hash);
      await page.getByTestId('path').first().waitFor({ state: 'visible' });
      await settle(page);
      const geometry = await drawing(page);
      expect(geometry.edges.length).toBeGreaterThan(1);
      expect(edgesThroughNodes(geometry)).toEqual([]);
      expect(overlappingNodes(geometry.nodes)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `trust-03-layout-${name.replace(/[^a-z]+/gi, '-').toLowerCase()}.png`) });
      expect(warnings).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  for (const focus of ['person/shimon-peres', 'channel/oslo-1992', 'government/israel']) {
    it(`lays out the neighbourhood of ${focus} with no node on top of another and no invalid edge ends`, async () => {
      const { page, problems, warnings } = await openPage(`#focus=${focus}`);
      await settle(page);
      const geometry = await drawing(page);
      expect(geometry.nodes.length).toBeGreaterThan(5);
      expect(overlappingNodes(geometry.nodes)).toEqual([]);
      expect(warnings.filter((w) => /invalid endpoints/.test(w))).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

describe('the explorer speaks to people', () => {
  it('offers only the max hops and alternatives the server accepts, and says so in words when asked for more', async () => {
    const { dataset } = await apiQuery<{ dataset: { limits: { maxHops: number; k: number } } }>(suite.app.url, '{ dataset { limits { maxHops k } } }');
    const { page, problems } = await openPage();
    await expect.poll(() => page.getByTestId('max-hops').getAttribute('max')).toBe(String(dataset.limits.maxHops));
    expect(await page.getByTestId('alternatives').getAttribute('max')).toBe(String(dataset.limits.k));
    await pick(page, 'trace-from', 'Oslo', 'Oslo back channel');
    await pick(page, 'trace-to', 'Rabin', 'Yitzhak Rabin');
    await page.getByTestId('max-hops').fill(String(dataset.limits.maxHops + 1));
    await page.getByTestId('run-trace').click();
    const error = page.getByTestId('trace-error');
    await expect.poll(() => error.textContent()).toContain(`at most ${dataset.limits.maxHops}`);
    expect(await error.textContent()).not.toMatch(/LIMIT_EXCEEDED|\([A-Z_]+\)/);
    expect(await page.getByTestId('path').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says "1994-13 is not a month" rather than the date grammar and an error code', async () => {
    const { page, problems } = await openPage();
    await pick(page, 'trace-from', 'Oslo', 'Oslo back channel');
    await pick(page, 'trace-to', 'Rabin', 'Yitzhak Rabin');
    await page.getByTestId('window-from').fill('1994-13');
    await page.getByTestId('run-trace').click();
    const error = page.getByTestId('trace-error');
    await expect.poll(() => error.textContent()).toMatch(/1994-13 is not a month/);
    expect(await error.textContent()).not.toMatch(/EDTF|BAD_USER_INPUT|\([A-Z_]+\)/);
    await page.getByTestId('window-from').fill('1993-02-30');
    await page.getByTestId('run-trace').click();
    await expect.poll(() => error.textContent()).toMatch(/1993-02-30 is not a day/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says that a permalink names an id the dataset does not have, and leaves that field empty', async () => {
    const { page, problems } = await openPage('#from=person/nobody-of-that-name&to=person/yitzhak-rabin');
    const notice = page.getByTestId('link-notice');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toMatch(/person\/nobody-of-that-name.*not in the dataset/);
    expect(await page.locator('#trace-from').inputValue()).toBe('');
    expect(await page.locator('#trace-to').inputValue()).toBe('Yitzhak Rabin');
    expect(hashParams(page).get('from')).toBeNull();
    expect(await page.getByTestId('path').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says that a story named in a permalink does not exist', async () => {
    const { page, problems } = await openPage('#story=story/nope');
    const notice = page.getByTestId('link-notice');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toMatch(/story\/nope.*does not exist/);
    expect(await page.getByTestId('presenter').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('closes the canvas menus with Esc or a click outside, and the handout with Esc', async () => {
    const { page, problems } = await openPage('#focus=channel/oslo-1992');
    for (const id of ['link-type-filter', 'download-data']) {
      const menu = page.getByTestId(id);
      const isOpen = () => menu.evaluate((d) => (d as HTMLDetailsElement).open);
      await menu.locator('summary').click();
      expect(await isOpen()).toBe(true);
      await page.keyboard.press('Escape');
      expect(await isOpen(), `${id}: Esc`).toBe(false);
      await menu.locator('summary').click();
      expect(await isOpen()).toBe(true);
      const canvas = await page.getByTestId('canvas').boundingBox();
      await page.mouse.click(canvas!.x + 10, canvas!.y + canvas!.height - 10);
      expect(await isOpen(), `${id}: click outside`).toBe(false);
    }
    await page.goto(`${suite.app.url}/#story=story/oslo&handout=1`);
    await page.getByTestId('handout').waitFor({ state: 'visible' });
    await settle(page);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('handout').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('names the full-screen button by what it will do: "Full screen", then "Exit full screen"', async () => {
    const { page, problems } = await openPage('#story=story/oslo&step=1');
    await page.getByTestId('presenter').waitFor({ state: 'visible' });
    const button = page.getByTestId('fullscreen');
    expect(await button.textContent()).toBe('Full screen');
    await button.click();
    await expect.poll(() => page.evaluate(() => Boolean(document.fullscreenElement))).toBe(true);
    await expect.poll(() => button.textContent()).toBe('Exit full screen');
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Full screen');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('a trace with no path', () => {
  it('draws the route to the closest approach and marks the hop that could not be taken', async () => {
    const answer = await apiQuery<{ influencePaths: { paths: unknown[]; closest: { node: { id: string }; brokenLink: { id: string } | null } | null } }>(suite.app.url,
      `{ influencePaths(from: "channel/stockholm-1994", to: "person/yitzhak-rabin", mode: DOCUMENTED) { paths { rank } closest { node { id } brokenLink { id } } } }`);
    expect(answer.influencePaths.paths).toEqual([]);
    const closest = answer.influencePaths.closest!;
    expect(closest.brokenLink).not.toBeNull();

    const { page, problems } = await openPage();
    await pick(page, 'trace-from', 'Stockholm talks', '1994–95');
    await pick(page, 'trace-to', 'Rabin', 'Yitzhak Rabin');
    await page.getByTestId('path-mode').selectOption('DOCUMENTED');
    await page.getByTestId('run-trace').click();
    await traceAnswer(page);
    await page.getByTestId('no-path').waitFor({ state: 'visible' });
    const route = page.getByTestId('partial-route');
    await route.waitFor({ state: 'visible' });
    const nodes = ((await route.getAttribute('data-nodes')) ?? '').split(' ');
    expect(nodes[nodes.length - 1]).toBe(closest.node.id);
    const links = ((await route.getAttribute('data-links')) ?? '').split(' ').filter(Boolean);
    const highlighted = await page.evaluate(() => (window as unknown as { __bc: { highlighted(): string[] } }).__bc.highlighted());
    expect(highlighted.filter((id) => NODE_ID.test(id)).sort()).toEqual([...nodes].sort());
    expect(highlighted.filter((id) => !NODE_ID.test(id)).map((id) => id.replace(/~r$/, '')).sort()).toEqual([...links].sort());
    const visible = await page.evaluate(() => (window as unknown as { __bc: { visible(): string[] } }).__bc.visible());
    expect(visible).toContain(`${closest.brokenLink!.id}~broken`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'trust-04-no-path-partial-route.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('accessibility of the new views', () => {
  it('has no serious or critical axe-core violations on the no-path drawing, the what-if counts and a permalink notice', async () => {
    // axe is injected as an inline script, which the API's Content-Security-Policy rightly forbids.
    const scanning = await suite.session.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const serious = async (page: Page) => {
      await page.addScriptTag({ content: AXE_SOURCE });
      const result = await page.evaluate(async () => (window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] }));
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    for (const hash of [
      '#from=channel/stockholm-1994&to=person/yitzhak-rabin&mode=DOCUMENTED&scene=paths',
      '#from=channel/oslo-1992&to=person/yitzhak-rabin&mode=DOCUMENTED&ex=person/yossi-beilin&scene=paths',
      '#from=person/nobody-of-that-name&to=person/yitzhak-rabin',
    ]) {
      const { page } = await openBrowserPage(scanning, `${suite.app.url}/${hash}`);
      expect(await serious(page), hash).toEqual([]);
      await page.close();
    }
    await scanning.close();
  });
});

describe('who met whom on the canvas', () => {
  it('draws the chains, highlights the chosen one, and brings the answer back from its permalink', async () => {
    const hooks = (page: Page) => page.evaluate(() => {
      const bc = (window as unknown as { __bc: { highlighted(): string[]; visible(): string[]; scene(): string } }).__bc;
      return { highlighted: bc.highlighted(), visible: bc.visible(), scene: bc.scene() };
    });
    const { page, problems } = await openPage();
    await page.getByTestId('tab-meet').click();
    await pick(page, 'meet-a', 'Hirschfeld', 'Yair Hirschfeld');
    await pick(page, 'meet-b', 'Qurei', 'Ahmed Qurei');
    await page.getByTestId('run-meet').click();
    await page.getByTestId('meeting-chain').first().waitFor({ state: 'visible' });
    await settle(page);
    const chains = page.getByTestId('meeting-chain');
    const count = await chains.count();
    const last = count - 1;
    await chains.nth(last).getByTestId('select-chain').click();
    await settle(page);
    const people = ((await chains.nth(last).getAttribute('data-people')) ?? '').split(' ');
    const drawn = await hooks(page);
    expect(drawn.scene).toBe('meet');
    expect(drawn.highlighted.filter((id) => NODE_ID.test(id)).sort()).toEqual([...people].sort());
    expect(drawn.highlighted.filter((id) => !NODE_ID.test(id)).length).toBe(people.length - 1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'trust-05-who-met-whom-canvas.png') });
    const url = page.url();
    expect(problems).toEqual([]);
    await page.close();

    const { page: again, problems: againProblems } = await openPage(url.slice(url.indexOf('#')));
    await expect.poll(() => again.getByTestId('meeting-chain').count()).toBe(count);
    await settle(again);
    const restored = await hooks(again);
    expect(restored.scene).toBe('meet');
    expect(restored.visible.filter((id) => NODE_ID.test(id)).sort()).toEqual(drawn.visible.filter((id) => NODE_ID.test(id)).sort());
    expect(againProblems).toEqual([]);
    await again.close();
  });
});
