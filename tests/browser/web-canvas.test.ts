// Issue 18, "working with the canvas": a node's menu (trace from or to it, expand by one link type, hide, pin), a lasso
// selection, keyboard moves between nodes, the same layout each time a view opens, labels that never collide, a legend
// that never covers the drawing, and a phone layout whose tools are a full-height sheet. Real Chromium, real API, real Neo4j.
import { describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import path from 'node:path';
import { ARTIFACTS, SCREENSHOTS, NODE_ID, AXE_SOURCE, browserSuite, openBrowserPage, settle } from '../support/browser.ts';
import { apiQuery, drawing, edgesThroughNodes, overlappingNodes, type Box } from '../support/explorer-page.ts';

const OSLO = '#focus=channel/oslo-1992';

const suite = browserSuite();

interface Hooks {
  visible(): string[];
  positions(): Record<string, { x: number; y: number }>;
  rendered(id: string): { x: number; y: number } | null;
  keyFocus(): string | null;
  selected(): string[];
  pinned(): string[];
}
const hook = <T>(page: Page, name: keyof Hooks, arg?: string) =>
  page.evaluate(([n, a]) => (window as unknown as { __bc: Record<string, (x?: string) => unknown> }).__bc[n as string](a ?? undefined), [name, arg] as const) as Promise<T>;
const visibleNodes = async (page: Page) => (await hook<string[]>(page, 'visible')).filter((id) => NODE_ID.test(id));

/** Where a node is drawn on the page (CSS pixels), from its place on the canvas. */
async function onPage(page: Page, id: string): Promise<{ x: number; y: number }> {
  await expect.poll(() => visibleNodes(page), { timeout: 15_000 }).toContain(id);
  await settle(page);
  const at = await hook<{ x: number; y: number } | null>(page, 'rendered', id);
  expect(at, `${id} is drawn`).not.toBeNull();
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  return { x: canvas.x + at!.x, y: canvas.y + at!.y };
}

async function openMenuOn(page: Page, id: string) {
  const at = await onPage(page, id);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  const menu = page.getByTestId('node-menu');
  await menu.waitFor({ state: 'visible' });
  return menu;
}

const announcement = (page: Page) => page.getByTestId('announcer').textContent();
const intersects = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
const pageBox = async (page: Page, testId: string): Promise<Box> => {
  const b = (await page.getByTestId(testId).first().boundingBox())!;
  return { x1: b.x, y1: b.y, x2: b.x + b.width, y2: b.y + b.height };
};

describe("a node's menu", () => {
  it('opens on right-click, closes with Esc or a click outside, and gives the focus back to the canvas', async () => {
    const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/${OSLO}`);
    const menu = await openMenuOn(page, 'person/yossi-beilin');
    expect(await menu.getAttribute('aria-label')).toBe('Actions for Yossi Beilin');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Trace from here');
    await page.screenshot({ path: path.join(ARTIFACTS, 'canvas-01-node-menu.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'canvas-node-menu.png') });
    await page.keyboard.press('Escape');
    expect(await menu.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('canvas');

    await openMenuOn(page, 'person/yossi-beilin');
    await page.mouse.click(5, 400);
    expect(await page.getByTestId('node-menu').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens the same menu on a long press of a finger (a touch screen), and stays open when the finger lifts', async () => {
    const touch = await suite.session.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    const { page, problems } = await openBrowserPage(touch, `${suite.app.url}/${OSLO}`);
    const at = await onPage(page, 'person/yossi-beilin');
    // A finger held still on the node (Cytoscape's taphold), through the browser's own touch input.
    const cdp = await touch.newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: at.x, y: at.y }] });
    const menu = page.getByTestId('node-menu');
    await menu.waitFor({ state: 'visible' });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    expect(await menu.getAttribute('aria-label')).toBe('Actions for Yossi Beilin');
    await settle(page);
    expect(await menu.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'canvas-09-long-press-menu.png') });
    await menu.getByTestId('menu-hide').click();
    await expect.poll(() => visibleNodes(page)).not.toContain('person/yossi-beilin');
    // A short tap is not a long press: it opens no menu.
    const holst = await onPage(page, 'person/johan-jorgen-holst');
    await page.touchscreen.tap(holst.x, holst.y);
    await settle(page);
    expect(await page.getByTestId('node-menu').count()).toBe(0);
    expect(problems).toEqual([]);
    await touch.close();
  });

  it('traces from a channel and to a person straight from the canvas', async () => {
    const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/${OSLO}`);
    await (await openMenuOn(page, 'channel/oslo-1992')).getByTestId('menu-trace-from').click();
    await page.getByTestId('path').first().waitFor({ state: 'visible' });
    await settle(page);
    expect(await page.locator('#trace-from').inputValue()).toBe('Oslo back channel');
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('from')).toBe('channel/oslo-1992');

    // Back to the neighbourhood, then Rabin as the target: the trace now runs to him.
    await page.getByTestId('scene-explore').click();
    await settle(page);
    await (await openMenuOn(page, 'person/yitzhak-rabin')).getByTestId('menu-trace-to').click();
    await expect.poll(() => new URLSearchParams(new URL(page.url()).hash.slice(1)).get('to')).toBe('person/yitzhak-rabin');
    await settle(page);
    const listed = await page.getByTestId('path').evaluateAll((els) => els.map((e) => e.getAttribute('data-nodes') ?? ''));
    const { influencePaths } = await apiQuery<{ influencePaths: { paths: { nodes: { id: string }[] }[] } }>(suite.app.url,
      'query P($from: ID!, $to: ID) { influencePaths(from: $from, to: $to) { paths { nodes { id } } } }', { from: 'channel/oslo-1992', to: 'person/yitzhak-rabin' });
    expect(listed.length).toBeGreaterThan(0);
    expect(listed).toEqual(influencePaths.paths.map((p) => p.nodes.map((n) => n.id).join(' ')));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('expands a node by one link type: exactly the neighbours the API gives for that type are added', async () => {
    const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/${OSLO}`);
    const before = new Set(await visibleNodes(page));
    const menu = await openMenuOn(page, 'person/shimon-peres');
    const item = menu.getByTestId('menu-expand-type').filter({ hasText: /^held office/ });
    await item.waitFor({ state: 'visible' });
    await item.click();
    await settle(page);
    const { neighbourhood } = await apiQuery<{ neighbourhood: { nodes: { id: string }[] } }>(suite.app.url,
      'query N($id: ID!) { neighbourhood(id: $id, depth: 1, linkTypes: [HELD_OFFICE], limit: 500) { nodes { id } } }', { id: 'person/shimon-peres' });
    const { neighbourhood: all } = await apiQuery<{ neighbourhood: { nodes: { id: string }[] } }>(suite.app.url,
      'query N($id: ID!) { neighbourhood(id: $id, depth: 1, limit: 500) { nodes { id } } }', { id: 'person/shimon-peres' });
    const expected = new Set([...before, ...neighbourhood.nodes.map((n) => n.id)]);
    expect(new Set(await visibleNodes(page))).toEqual(expected);
    // The filter mattered: expanding by every link type would have added more.
    expect(all.nodes.some((n) => !expected.has(n.id))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hides a node until "Show all", and pins one so that a new layout leaves it where it was put', async () => {
    const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/${OSLO}`);
    await (await openMenuOn(page, 'person/mona-juul')).getByTestId('menu-hide').click();
    await expect.poll(() => visibleNodes(page)).not.toContain('person/mona-juul');
    expect(await page.getByTestId('hidden-count').textContent()).toBe('1 hidden');
    await page.getByTestId('show-hidden').click();
    await expect.poll(() => visibleNodes(page)).toContain('person/mona-juul');

    // Drag Beilin somewhere else and pin him there; drag Holst too, unpinned.
    const drag = async (id: string, dx: number, dy: number) => {
      const at = await onPage(page, id);
      await page.mouse.move(at.x, at.y);
      await page.mouse.down();
      await page.mouse.move(at.x + dx / 2, at.y + dy / 2, { steps: 4 });
      await page.mouse.move(at.x + dx, at.y + dy, { steps: 4 });
      await page.mouse.up();
    };
    await drag('person/yossi-beilin', 60, -90);
    await drag('person/johan-jorgen-holst', -70, 80);
    const dragged = await hook<Record<string, { x: number; y: number }>>(page, 'positions');
    await (await openMenuOn(page, 'person/yossi-beilin')).getByTestId('menu-pin').click();
    expect(await hook<string[]>(page, 'pinned')).toEqual(['person/yossi-beilin']);
    await page.getByTestId('relayout').click();
    await settle(page);
    const after = await hook<Record<string, { x: number; y: number }>>(page, 'positions');
    expect(after['person/yossi-beilin'].x).toBeCloseTo(dragged['person/yossi-beilin'].x, 3);
    expect(after['person/yossi-beilin'].y).toBeCloseTo(dragged['person/yossi-beilin'].y, 3);
    const holst = Math.hypot(after['person/johan-jorgen-holst'].x - dragged['person/johan-jorgen-holst'].x, after['person/johan-jorgen-holst'].y - dragged['person/johan-jorgen-holst'].y);
    expect(holst).toBeGreaterThan(5);
    expect(await (await openMenuOn(page, 'person/yossi-beilin')).getByTestId('menu-pin').textContent()).toBe('Unpin');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('selecting several nodes', () => {
  it('selects the nodes inside a Shift-drag lasso, counts them, and hides them all at once', async () => {
    const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/${OSLO}`);
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    // The left half of the drawing, from a point just above and left of every node.
    const ids = await visibleNodes(page);
    const spots = await Promise.all(ids.map(async (id) => ({ id, ...(await onPage(page, id)) })));
    // Cytoscape takes the nodes wholly inside the box: its right side goes down the widest gap between node centres
    // in the middle of the drawing, so that no node straddles it.
    const xs = spots.map((s) => s.x).sort((a, b) => a - b);
    let split = 0;
    let widest = 0;
    for (let i = Math.floor(xs.length / 4); i < Math.ceil((3 * xs.length) / 4); i++) {
      if (xs[i + 1] - xs[i] > widest) [widest, split] = [xs[i + 1] - xs[i], (xs[i] + xs[i + 1]) / 2];
    }
    expect(widest).toBeGreaterThan(40);
    const from = { x: Math.max(canvas.x + 2, xs[0] - 40), y: canvas.y + 2 };
    const to = { x: split, y: canvas.y + canvas.height - 2 };
    // Nodes wholly inside are selected and nodes wholly outside are not; a node within 30 px of the edge may go either way.
    const within = (margin: number) => spots.filter((s) => s.x > from.x + margin && s.x < to.x - margin && s.y > from.y + margin && s.y < to.y - margin).map((s) => s.id).sort();
    const surely = within(30);
    const maybe = within(-30);
    expect(surely.length).toBeGreaterThan(3);
    await page.keyboard.down('Shift');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await settle(page);
    const inside = (await hook<string[]>(page, 'selected')).sort();
    expect(surely.filter((id) => !inside.includes(id))).toEqual([]);
    expect(inside.filter((id) => !maybe.includes(id))).toEqual([]);
    expect(await page.getByTestId('selection-count').textContent()).toBe(`${inside.length} selected`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'canvas-02-lasso.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'canvas-lasso-selection.png') });
    await page.getByTestId('selection-hide').click();
    const left = await visibleNodes(page);
    expect(inside.filter((id) => left.includes(id))).toEqual([]);
    expect(left.length).toBe(ids.length - inside.length);
    expect(await page.getByTestId('hidden-count').textContent()).toBe(`${inside.length} hidden`);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the canvas from the keyboard', () => {
  it('is reached with Tab; arrows move to the nearest node that way and say which; Enter opens details; Shift+F10 the menu', async () => {
    const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/${OSLO}`);
    await page.getByTestId('relayout').focus();
    // Tab onwards from the toolbar reaches the canvas.
    for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) !== 'canvas'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('canvas');
    await expect.poll(() => announcement(page)).toMatch(/Graph canvas, \d+ nodes/);

    await page.keyboard.press('Home');
    const first = (await hook<string | null>(page, 'keyFocus'))!;
    expect(first).toMatch(NODE_ID);
    await expect.poll(() => announcement(page)).toMatch(/\. 1 of \d+\.$/);
    // Each arrow goes to a node that lies that way, or says there is none.
    for (const [key, axis, sign] of [['ArrowRight', 'x', 1], ['ArrowDown', 'y', 1], ['ArrowLeft', 'x', -1], ['ArrowUp', 'y', -1]] as const) {
      const from = (await hook<string>(page, 'keyFocus'))!;
      const a = (await hook<{ x: number; y: number }>(page, 'rendered', from))!;
      await page.keyboard.press(key);
      const to = (await hook<string>(page, 'keyFocus'))!;
      if (to === from) {
        await expect.poll(() => announcement(page)).toMatch(/No node further/);
        continue;
      }
      const b = (await hook<{ x: number; y: number }>(page, 'rendered', to))!;
      expect((b[axis] - a[axis]) * sign, `${key} from ${from} to ${to}`).toBeGreaterThan(0);
      await expect.poll(() => announcement(page)).toMatch(/ of \d+\.$/);
    }
    const focused = (await hook<string>(page, 'keyFocus'))!;
    await page.keyboard.press('Home');
    await expect.poll(() => announcement(page)).toMatch(/\. 1 of \d+\.$/);
    const home = (await hook<string>(page, 'keyFocus'))!;
    expect(home).toBe(first);
    const { node } = await apiQuery<{ node: { name: string } }>(suite.app.url, 'query N($id: ID!) { node(id: $id) { name } }', { id: home });
    const label = node.name;
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('tab-details').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('#tabpanel-details h2').first().textContent()).toBe(label);
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    expect(await hook<string>(page, 'keyFocus')).toBe(first);
    expect(focused).toMatch(NODE_ID);
    await page.screenshot({ path: path.join(ARTIFACTS, 'canvas-03-keyboard-focus.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'canvas-keyboard-focus.png') });

    // The menu from the keyboard: Shift+F10, first item focused, Esc back to the canvas with the same node.
    await page.keyboard.press('Shift+F10');
    await page.getByTestId('node-menu').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Show details');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('node-menu').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('canvas');
    expect(await hook<string>(page, 'keyFocus')).toBe(first);
    // Space selects the focused node.
    await page.keyboard.press(' ');
    await expect.poll(() => hook<string[]>(page, 'selected')).toEqual([first]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('layouts that hold still and labels that do not collide', () => {
  for (const [name, hash] of [['the Oslo neighbourhood', OSLO], ['Oslo → Rabin (documented)', '#from=channel/oslo-1992&to=person/yitzhak-rabin&mode=DOCUMENTED&scene=paths']] as const) {
    it(`lays out ${name} the same way each time it opens, and Re-layout keeps it`, async () => {
      const first = await openBrowserPage(suite.context, `${suite.app.url}/${hash}`);
      const a = await hook<Record<string, { x: number; y: number }>>(first.page, 'positions');
      await first.page.getByTestId('relayout').click();
      await settle(first.page);
      const again = await hook<Record<string, { x: number; y: number }>>(first.page, 'positions');
      await first.page.close();
      const second = await openBrowserPage(suite.context, `${suite.app.url}/${hash}`);
      const b = await hook<Record<string, { x: number; y: number }>>(second.page, 'positions');
      await second.page.close();
      expect(Object.keys(a).length).toBeGreaterThan(5);
      const round = (p: Record<string, { x: number; y: number }>) => Object.fromEntries(Object.entries(p).map(([id, q]) => [id, [Math.round(q.x * 100) / 100, Math.round(q.y * 100) / 100]]));
      expect(round(b)).toEqual(round(a));
      expect(round(again)).toEqual(round(a));
      expect([...first.problems, ...second.problems]).toEqual([]);
    });

    it(`draws no two labels of ${name} over each other, nor a label over another node`, async () => {
      const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/${hash}`);
      const geometry = await drawing(page) as Awaited<ReturnType<typeof drawing>> & { labels: { id: string; box: Box }[] };
      expect(geometry.labels.length).toBeGreaterThan(geometry.nodes.length / 2);
      expect(overlappingNodes(geometry.labels)).toEqual([]);
      const overNodes = geometry.labels.flatMap((l) => geometry.nodes.filter((n) => n.id !== l.id && intersects(l.box, n.box)).map((n) => `${l.id}'s label covers ${n.id}`));
      expect(overNodes).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

describe('the legend and the messages', () => {
  it('keeps the legend beside the drawing, remembers it open or tucked away, and never puts it over a node or the start card', async () => {
    const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/`);
    const legend = page.getByTestId('legend');
    await legend.locator('summary').click();
    expect(await legend.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(intersects(await pageBox(page, 'legend'), await pageBox(page, 'start-hint'))).toBe(false);
    expect(intersects(await pageBox(page, 'legend'), await pageBox(page, 'canvas'))).toBe(false);
    // <details> fires its toggle event in a later task: the choice is stored then, not at the click.
    await page.waitForFunction(() => localStorage.getItem('backchannel.legend-open') === 'true');
    await page.close();

    // Remembered: the next visit opens it; the drawing sits beside it, every node in view.
    const { page: next } = await openBrowserPage(suite.context, `${suite.app.url}/${OSLO}`);
    expect(await next.getByTestId('legend').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    const legendBox = await pageBox(next, 'legend');
    const cyBox = await pageBox(next, 'canvas');
    expect(intersects(legendBox, cyBox)).toBe(false);
    for (const id of await visibleNodes(next)) {
      const at = await onPage(next, id);
      expect(at.x > cyBox.x1 && at.x < cyBox.x2 && at.y > cyBox.y1 && at.y < cyBox.y2, `${id} is in view`).toBe(true);
    }
    await next.screenshot({ path: path.join(ARTIFACTS, 'canvas-04-legend-beside.png') });
    await next.screenshot({ path: path.join(SCREENSHOTS, 'canvas-legend-beside.png') });
    await next.getByTestId('legend').locator('summary').click();
    await next.waitForFunction(() => localStorage.getItem('backchannel.legend-open') === 'false');
    await next.close();
    const { page: third } = await openBrowserPage(suite.context, `${suite.app.url}/`);
    expect(await third.getByTestId('legend').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    expect(problems).toEqual([]);
    await third.close();
  });

  it('on a 390-pixel phone: the start card clears the legend and the tab bar, and the tools open as a full-height sheet', async () => {
    const phone = await suite.session.browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, problems } = await openBrowserPage(phone, `${suite.app.url}/`);
    const card = await pageBox(page, 'start-hint');
    const tabs = page.getByRole('tablist', { name: 'Tools' });
    const tabBox = (await tabs.boundingBox())!;
    expect(intersects(card, await pageBox(page, 'legend'))).toBe(false);
    expect(intersects(card, { x1: tabBox.x, y1: tabBox.y, x2: tabBox.x + tabBox.width, y2: tabBox.y + tabBox.height })).toBe(false);
    expect(card.y2).toBeLessThanOrEqual(tabBox.y);
    await page.screenshot({ path: path.join(ARTIFACTS, 'canvas-05-phone-start.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'canvas-phone-start.png') });

    await page.getByTestId('tab-trace').click();
    const panel = (await page.locator('#panel').boundingBox())!;
    const header = (await page.locator('header').boundingBox())!;
    const timeline = (await page.getByTestId('timeline-from').boundingBox())!;
    // The sheet covers everything between the header and the timeline, and the form inside it is not a scroll box.
    expect(panel.y).toBeLessThanOrEqual(header.y + header.height + 1);
    expect(panel.height).toBeGreaterThan(0.8 * (timeline.y - (header.y + header.height)));
    expect(panel.height).toBeGreaterThan(500);
    await page.getByTestId('run-trace').waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'canvas-06-phone-sheet.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'canvas-phone-tool-sheet.png') });
    await page.getByTestId('sheet-close').click();
    await expect.poll(async () => (await page.locator('#panel').boundingBox())!.height).toBeLessThan(100);
    expect(problems).toEqual([]);
    await phone.close();
  });
});

describe('accessibility of the canvas tools', () => {
  it('has no serious or critical axe-core violations with the node menu open, a selection made and the legend open', async () => {
    const scanning = await suite.session.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const serious = async (page: Page) => {
      await page.addScriptTag({ content: AXE_SOURCE });
      const result = await page.evaluate(async () => (window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] }));
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    const { page } = await openBrowserPage(scanning, `${suite.app.url}/${OSLO}`);
    await page.getByTestId('legend').locator('summary').click();
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press(' ');
    await page.getByTestId('selection-count').waitFor();
    await page.keyboard.press('Shift+F10');
    await page.getByTestId('node-menu').getByTestId('menu-pin').waitFor();
    await page.getByTestId('node-menu').locator('[data-testid="menu-expand-type"]').first().waitFor();
    expect(await serious(page)).toEqual([]);
    await page.close();
    const phone = await suite.session.browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    const { page: small } = await openBrowserPage(phone, `${suite.app.url}/${OSLO}`);
    await small.getByTestId('tab-trace').click();
    expect(await serious(small)).toEqual([]);
    await phone.close();
    await scanning.close();
  });
});

describe('edges around nodes', () => {
  for (const focus of ['channel/oslo-1992', 'channel/stockholm-1994']) {
    it(`draws no edge of the ${focus} neighbourhood through a node that is not its end`, async () => {
      const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/#focus=${focus}`);
      const geometry = await drawing(page);
      expect(geometry.edges.length).toBeGreaterThan(10);
      expect(edgesThroughNodes(geometry)).toEqual([]);
      expect(overlappingNodes(geometry.nodes)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `canvas-08-neighbourhood-${focus.replace(/\W+/g, '-')}.png`) });
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

describe('a 500-element view', () => {
  it('draws no edge through a node that is not its end when neighbourhoods around Oslo are expanded to 500 elements', async () => {
    const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/${OSLO}`);
    // Expanded from its menu, one drawn person, government, channel or institution after another (most links first), until 500 are drawn.
    const expanded = new Set<string>(['channel/oslo-1992']);
    for (let round = 0; round < 40 && (await hook<string[]>(page, 'visible')).length < 500; round++) {
      const { edges } = await drawing(page);
      const degree = new Map<string, number>();
      for (const e of edges) for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
      const next = [...degree].filter(([id]) => /^(person|government|channel|institution)\//.test(id) && !expanded.has(id)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
      expanded.add(next);
      await (await openMenuOn(page, next)).getByTestId('menu-expand').click();
      await settle(page);
    }
    const geometry = await drawing(page);
    expect(geometry.nodes.length + geometry.edges.length).toBeGreaterThanOrEqual(500);
    const crossings = edgesThroughNodes(geometry);
    console.log(`[500-element view] ${expanded.size} expanded, ${geometry.nodes.length} nodes, ${geometry.edges.length} edges, ${crossings.length} crossings`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'canvas-07-500-elements.png') });
    // Once 3 % were tolerated: parallel links (office links into Israel's government, mostly) moved each other after
    // they had been routed. Now each keeps an offset of its own, and none may cross a node.
    expect(crossings).toEqual([]);
    expect(overlappingNodes(geometry.nodes)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);
});

/** Pixels of the canvas drawn dark after a redraw where a fresh render of the same elements and positions is white:
 *  fragments of labels left behind (or drawn from a stale place). Compared in the page, which decodes the PNGs. */
async function fragmentsAfterRedraw(page: Page): Promise<number> {
  const canvas = page.getByTestId('canvas');
  const redrawn = await canvas.screenshot();
  await page.evaluate(() => (window as unknown as { __bc: { redrawFresh(): Promise<void> } }).__bc.redrawFresh());
  const fresh = await canvas.screenshot({ path: path.join(ARTIFACTS, 'canvas-labels-fresh.png') });
  return page.evaluate(async ([a, b]) => {
    const read = async (base64: string) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const g = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      g.drawImage(bitmap, 0, 0);
      return g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    };
    const [x, y] = [await read(a), await read(b)];
    if (x.length !== y.length) return -1;
    let n = 0;
    for (let i = 0; i < x.length; i += 4) if (y[i] > 245 && y[i + 1] > 245 && y[i + 2] > 245 && x[i] + x[i + 1] + x[i + 2] < 300) n++;
    return n;
  }, [redrawn.toString('base64'), fresh.toString('base64')] as const);
}

describe('labels after a redraw', () => {
  it('leaves no fragment of a moved label when a neighbourhood is expanded and the timeline then filters nodes out', async () => {
    const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/${OSLO}`);
    const at = await onPage(page, 'person/yossi-beilin');
    await page.mouse.dblclick(at.x, at.y);
    await expect.poll(() => visibleNodes(page), { timeout: 15_000 }).toContain('government/israel');
    await settle(page);
    // Up to February 1993: the label placement moves labels whose neighbours the range hides.
    const to = page.getByTestId('timeline-to');
    await to.fill(String((1993 - 1967) * 12 + 2));
    await to.press('ArrowLeft');
    await settle(page);
    await page.getByTestId('canvas').screenshot({ path: path.join(ARTIFACTS, 'canvas-labels-redrawn.png') });
    expect(await fragmentsAfterRedraw(page)).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
