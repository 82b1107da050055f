// Issue 18, "analyses the API has and the screen lacks": the Channels tab shows brokers, channel reach and two
// channels side by side. Each view must say what the API says (checked against a GraphQL call, not a list typed
// here), highlight what it names on the canvas, come back from its permalink, and pass axe-core.
import { describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import path from 'node:path';
import { ARTIFACTS, SCREENSHOTS, NODE_ID, AXE_SOURCE, browserSuite, openBrowserPage, settle } from '../support/browser.ts';
import { apiQuery, drawing, edgesThroughNodes, pick } from '../support/explorer-page.ts';


const suite = browserSuite();

/** The Oslo back channel's own dates (seed/channels/oslo-1992.yaml: London, 4 Dec 1992, to the signing, 13 Sep 1993). */
const OSLO_WINDOW = { from: '1992-12-04', to: '1993-09-13' };
/** The Stockholm talks from late summer 1994 to Rabin's death (4 Nov 1995), when Peres, now acting prime minister,
 *  was put the understandings and declined (seed/channels/stockholm-1994.yaml, [W21][W24]). */
const STOCKHOLM_WINDOW = { from: '1994-08', to: '1995-11-04' };

const hooks = (page: Page) => page.evaluate(() => {
  const bc = (window as unknown as { __bc: { highlighted(): string[]; compared(): string[]; visible(): string[]; scene(): string } }).__bc;
  return { highlighted: bc.highlighted(), compared: bc.compared(), visible: bc.visible(), scene: bc.scene() };
});
const nodesOf = (ids: string[]) => ids.filter((id) => NODE_ID.test(id)).sort();
const hashParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.slice(1));

async function openChannels(hash = '') {
  const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/${hash}`);
  if (!hash) await page.getByTestId('tab-channels').click();
  return { page, problems };
}

async function analysisAnswer(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-testid="run-analysis"]')?.hasAttribute('disabled')
    && document.querySelector('[data-testid="broker"], [data-testid="no-brokers"], [data-testid="reach-side"], [data-testid="reach-none"], [data-testid="reach-stop"], [data-testid="compare-table"], [data-testid="analysis-error"]'));
  await settle(page);
}

interface ApiBroker { person: { id: string; name: string }; pathsThrough: number; sentence: string; leadersLost: { id: string }[] }
const apiBrokers = async (variables: Record<string, unknown>) => (await apiQuery<{ brokers: ApiBroker[] }>(suite.app.url,
  `query($channel: ID!, $window: WindowInput, $mode: PathMode) { brokers(channel: $channel, window: $window, mode: $mode, limit: 20) { person { id name } pathsThrough sentence leadersLost { id } } }`,
  variables)).brokers;

interface ApiReach {
  sides: { side: string; governments: { government: { id: string }; bestPath: { nodes: { id: string }[] } | null; leaders: { leader: { id: string } }[] }[] }[];
  stopped: { government: { id: string }; stopReason: string | null; explanation: string; closest: { node: { id: string } } | null }[];
}
const apiReach = async (variables: Record<string, unknown>) => (await apiQuery<{ channelReach: ApiReach }>(suite.app.url,
  `query($channel: ID!, $window: WindowInput, $mode: PathMode) { channelReach(channel: $channel, window: $window, mode: $mode) {
    sides { side governments { government { id } bestPath { nodes { id } } leaders { leader { id } } } }
    stopped { government { id } stopReason explanation closest { node { id } } } } }`, variables)).channelReach;

/** Screenshots for the README (BC_README_SCREENSHOTS=1) and, always, for the test artifacts: a taller window, the
 *  panel scrolled to the answer so that the answer and the canvas are seen together. */
async function shoot(page: Page, name: string, answer: string) {
  await page.setViewportSize({ width: 1440, height: 960 });
  await settle(page);
  await page.locator(answer).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(ARTIFACTS, `web-analyses-${name}.png`) });
  if (process.env.BC_README_SCREENSHOTS === '1') await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

describe('the brokers view', () => {
  it('names Oslo’s brokers as the API ranks them, Beilin first, with the API’s sentences; highlights and sizes them on the canvas; its link restores it', async () => {
    const { page, problems } = await openChannels();
    await pick(page, 'analysis-channel', 'Oslo', 'Oslo back channel');
    // Picking a channel fills in its own dates as the window.
    expect(await page.getByTestId('analysis-from').inputValue()).toBe(OSLO_WINDOW.from);
    expect(await page.getByTestId('analysis-to').inputValue()).toBe(OSLO_WINDOW.to);
    await page.getByTestId('run-analysis').click();
    await analysisAnswer(page);

    const expected = await apiBrokers({ channel: 'channel/oslo-1992', window: OSLO_WINDOW, mode: 'DOCUMENTED' });
    expect(expected.length).toBeGreaterThan(0);
    const listed = await page.getByTestId('broker').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(listed).toEqual(expected.map((b) => b.person.id));
    // The record: Beilin, Oslo's mentor, carried it to Peres and Rabin (track-ii-facts.md, P03: "integral to the reporting mechanism").
    expect(listed[0]).toBe('person/yossi-beilin');
    expect(await page.getByTestId('broker-sentence').allTextContents()).toEqual(expected.map((b) => b.sentence));
    // The leaders no participant reaches without each broker, as the API names them.
    for (const b of expected) {
      const shown = await page.locator(`[data-testid="broker"][data-id="${b.person.id}"] [data-testid="leaders-lost"] button`).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      expect(shown, b.person.id).toEqual(b.leadersLost.map((l) => l.id));
    }

    // Clicking a broker highlights the drawn paths through them, and only those.
    expect((await hooks(page)).scene).toBe('analysis');
    await page.getByTestId('broker').first().getByTestId('select-broker').click();
    await settle(page);
    const { highlighted, visible } = await hooks(page);
    expect(highlighted).toContain('person/yossi-beilin');
    expect(highlighted).toContain('person/shimon-peres');
    expect(visible.length).toBeGreaterThan(nodesOf(highlighted).length);
    expect(await page.getByTestId('broker').first().getByTestId('select-broker').getAttribute('aria-pressed')).toBe('true');

    // Node size by broker score: the first broker is drawn larger than the next, and larger than a participant.
    const boxes = new Map((await drawing(page)).nodes.map((n) => [n.id, n.box.x2 - n.box.x1]));
    const [first, second] = expected;
    expect(boxes.get(first.person.id)!).toBeGreaterThan(boxes.get('person/yair-hirschfeld')!);
    if (second && second.pathsThrough < first.pathsThrough) expect(boxes.get(first.person.id)!).toBeGreaterThan(boxes.get(second.person.id)!);
    await shoot(page, 'brokers', '[data-testid="broker"]');

    // The permalink brings back the same answer with the same broker highlighted.
    const link = page.url();
    expect(hashParams(page).get('tab')).toBe('channels');
    expect(hashParams(page).get('ch')).toBe('channel/oslo-1992');
    expect(hashParams(page).get('csel')).toBe('person/yossi-beilin');
    const { page: again, problems: againProblems } = await openBrowserPage(suite.context, link);
    expect(await again.getByTestId('broker').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(listed);
    expect(nodesOf((await hooks(again)).highlighted)).toEqual(nodesOf(highlighted));
    expect((await hooks(again)).scene).toBe('analysis');
    expect([...problems, ...againProblems]).toEqual([]);
    await again.close();
    await page.close();
  });
});

describe('the reach view', () => {
  it('lists Rabin, Peres and Arafat reached by Oslo as the API does, draws the path to a government, and comes back from its link', async () => {
    const { page, problems } = await openChannels();
    await page.getByTestId('analysis-reach').check();
    await pick(page, 'analysis-channel', 'Oslo', 'Oslo back channel');
    await page.getByTestId('run-analysis').click();
    await analysisAnswer(page);
    const reach = await apiReach({ channel: 'channel/oslo-1992', window: OSLO_WINDOW, mode: 'DOCUMENTED' });
    const leaders = reach.sides.flatMap((s) => s.governments.flatMap((g) => g.leaders.map((l) => l.leader.id)));
    const listed = await page.getByTestId('reached-leader').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(listed).toEqual(leaders);
    expect(listed).toEqual(expect.arrayContaining(['person/yitzhak-rabin', 'person/shimon-peres', 'person/yasser-arafat']));
    expect(await page.getByTestId('reach-stop').count()).toBe(reach.stopped.length);

    const israel = page.locator('[data-testid="reach-government"][data-id="government/israel"]');
    await israel.getByTestId('select-government').click();
    await settle(page);
    const best = reach.sides.flatMap((s) => s.governments).find((g) => g.government.id === 'government/israel')!.bestPath!;
    expect(nodesOf((await hooks(page)).highlighted)).toEqual(best.nodes.map((n) => n.id).sort());

    const { page: again, problems: againProblems } = await openBrowserPage(suite.context, page.url());
    expect(await again.getByTestId('reached-leader').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(listed);
    expect(nodesOf((await hooks(again)).highlighted)).toEqual(best.nodes.map((n) => n.id).sort());
    expect([...problems, ...againProblems]).toEqual([]);
    await again.close();
    await page.close();
  });
});

describe('two channels side by side', () => {
  it('shows Oslo reaching both leaderships and the 1994–95 Stockholm talks stopped at Peres’s refusal (BLOCKED), and its link restores the table', async () => {
    const { page, problems } = await openChannels();
    await page.getByTestId('analysis-compare').check();
    await pick(page, 'analysis-channel', 'Oslo', 'Oslo back channel');
    await pick(page, 'analysis-other', 'Stockholm talks', 'Stockholm talks \\(1994');
    await page.getByTestId('analysis-other-from').fill(STOCKHOLM_WINDOW.from);
    await page.getByTestId('analysis-other-to').fill(STOCKHOLM_WINDOW.to);
    await page.getByTestId('run-analysis').click();
    await analysisAnswer(page);

    const cell = (side: string, which: 'a' | 'b') => page.locator(`[data-testid="compare-side"][data-side="${side}"] [data-testid="compare-${which}"]`);
    const ids = (side: string, which: 'a' | 'b', what: string) => cell(side, which).locator(`[data-testid="${what}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    // Oslo reached both leaderships: Israel's prime minister and foreign minister, and the PLO's chairman.
    expect(await ids('israeli', 'a', 'compare-leader')).toEqual(expect.arrayContaining(['person/yitzhak-rabin', 'person/shimon-peres']));
    expect(await ids('palestinian', 'a', 'compare-leader')).toContain('person/yasser-arafat');
    // Stockholm reached neither; on the Israeli side it stopped where the record says: only through Peres's refusal.
    expect(await ids('israeli', 'b', 'compare-leader')).toEqual([]);
    const stop = cell('israeli', 'b').locator('[data-testid="compare-stop"][data-id="government/israel"]');
    expect(await stop.getAttribute('data-reason')).toBe('BLOCKED');
    const stockholm = await apiReach({ channel: 'channel/stockholm-1994', window: STOCKHOLM_WINDOW, mode: 'DOCUMENTED' });
    const apiStop = stockholm.stopped.find((s) => s.government.id === 'government/israel')!;
    expect(apiStop.stopReason).toBe('BLOCKED');
    expect(await stop.textContent()).toContain(apiStop.explanation);
    // Each cell lists what the API answered for that channel, and the canvas draws Oslo in one colour, Stockholm in the other.
    const oslo = await apiReach({ channel: 'channel/oslo-1992', window: OSLO_WINDOW, mode: 'DOCUMENTED' });
    const osloLeaders = oslo.sides.flatMap((s) => s.governments.flatMap((g) => g.leaders.map((l) => l.leader.id)));
    const shownA = await page.locator('[data-testid="compare-a"] [data-testid="compare-leader"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(shownA.sort()).toEqual([...osloLeaders].sort());
    const drawn = await hooks(page);
    const osloToIsrael = oslo.sides.flatMap((s) => s.governments).find((g) => g.government.id === 'government/israel')!.bestPath!.nodes.map((n) => n.id);
    expect(drawn.highlighted).toEqual(expect.arrayContaining(osloToIsrael));
    expect(drawn.compared).toEqual(expect.arrayContaining(stockholm.stopped.flatMap((s) => (s.closest ? [s.closest.node.id] : []))));
    expect(drawn.compared).not.toContain('person/shimon-peres');
    await shoot(page, 'compare-channels', '[data-testid="compare-table"]');

    const { page: again, problems: againProblems } = await openBrowserPage(suite.context, page.url());
    expect(await again.getByTestId('compare-table').textContent()).toBe(await page.getByTestId('compare-table').textContent());
    expect(await again.locator('[data-testid="compare-side"][data-side="israeli"] [data-testid="compare-b"] [data-testid="compare-stop"]').first().getAttribute('data-reason')).toBe('BLOCKED');
    expect([...problems, ...againProblems]).toEqual([]);
    await again.close();
    await page.close();
  });

  it('draws each channel’s participants and the leaders it reached, Oslo in one colour and Stockholm in the other', async () => {
    const who = async (channel: string, window: { from: string; to: string }) => {
      const { channelReach } = await apiQuery<{ channelReach: { participants: { id: string }[]; sides: { governments: { leaders: { leader: { id: string } }[] }[] }[] } }>(suite.app.url,
        `query($channel: ID!, $window: WindowInput) { channelReach(channel: $channel, window: $window, mode: DOCUMENTED) { participants { id } sides { governments { leaders { leader { id } } } } } }`,
        { channel, window });
      return [...channelReach.participants.map((p) => p.id), ...channelReach.sides.flatMap((s) => s.governments.flatMap((g) => g.leaders.map((l) => l.leader.id)))];
    };
    const oslo = await who('channel/oslo-1992', OSLO_WINDOW);
    const stockholm = await who('channel/stockholm-1994', STOCKHOLM_WINDOW);
    expect(stockholm.length).toBeGreaterThan(2);
    const hash = `#tab=channels&ch=channel/oslo-1992&cf=${OSLO_WINDOW.from}&ct=${OSLO_WINDOW.to}&scene=analysis&an=compare&ch2=channel/stockholm-1994&c2f=${STOCKHOLM_WINDOW.from}&c2t=${STOCKHOLM_WINDOW.to}`;
    const { page, problems } = await openChannels(hash);
    await page.getByTestId('compare-table').waitFor({ state: 'visible' });
    await settle(page);
    const drawn = await hooks(page);
    expect(oslo.filter((id) => !drawn.visible.includes(id)), 'Oslo people not drawn').toEqual([]);
    expect(stockholm.filter((id) => !drawn.visible.includes(id)), 'Stockholm people not drawn').toEqual([]);
    expect(oslo.filter((id) => !drawn.highlighted.includes(id)), 'Oslo people not in its colour').toEqual([]);
    expect(stockholm.filter((id) => !drawn.compared.includes(id)), 'Stockholm people not in its colour').toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-analyses-compare-drawn.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('accessibility of the analysis views', () => {
  it('has no serious or critical axe-core violations on the brokers, reach and comparison views', async () => {
    // axe is injected as an inline script, which the API's Content-Security-Policy rightly forbids.
    const scanning = await suite.session.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const base = `tab=channels&ch=channel/oslo-1992&cf=${OSLO_WINDOW.from}&ct=${OSLO_WINDOW.to}&scene=analysis`;
    for (const hash of [
      `#${base}&csel=person/yossi-beilin`,
      `#${base}&an=reach&csel=government/israel`,
      `#${base}&an=compare&ch2=channel/stockholm-1994&c2f=${STOCKHOLM_WINDOW.from}&c2t=${STOCKHOLM_WINDOW.to}`,
    ]) {
      const { page } = await openBrowserPage(scanning, `${suite.app.url}/${hash}`);
      await page.locator('[data-testid="broker"], [data-testid="reach-side"], [data-testid="compare-table"]').first().waitFor({ state: 'visible' });
      await page.addScriptTag({ content: AXE_SOURCE });
      const result = await page.evaluate(async () => (window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] }));
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious, hash).toEqual([]);
      await page.close();
    }
    await scanning.close();
  });
});

describe('the analysis drawings', () => {
  it('draws no edge through a node that is not its end, in the brokers, reach and comparison views', async () => {
    const base = `tab=channels&ch=channel/oslo-1992&cf=${OSLO_WINDOW.from}&ct=${OSLO_WINDOW.to}&scene=analysis`;
    for (const hash of [`#${base}`, `#${base}&an=reach`, `#${base}&an=compare&ch2=channel/stockholm-1994&c2f=${STOCKHOLM_WINDOW.from}&c2t=${STOCKHOLM_WINDOW.to}`]) {
      const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/${hash}`);
      expect((await hooks(page)).scene, hash).toBe('analysis');
      const geometry = await drawing(page);
      expect(geometry.edges.length, hash).toBeGreaterThan(0);
      expect(edgesThroughNodes(geometry), hash).toEqual([]);
      expect(problems, hash).toEqual([]);
      await page.close();
    }
  });
});

describe('a person’s sessions attended', () => {
  it('lists the sessions Hirschfeld attended in his details, as the API does, oldest first', async () => {
    const { page, problems } = await openBrowserPage(suite.context, `${suite.app.url}/#tab=details&sel=person/yair-hirschfeld`);
    const expected = (await apiQuery<{ node: { sessionsAttended: { id: string }[] } }>(suite.app.url,
      `{ node(id: "person/yair-hirschfeld") { ... on Person { sessionsAttended { id } } } }`)).node.sessionsAttended.map((s) => s.id);
    expect(expected[0]).toBe('session/oslo-1992-london');
    const listed = await page.getByTestId('sessions-attended').locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(listed).toEqual(expected);
    expect(problems).toEqual([]);
    await page.close();
  });
});
