// Story mode in Debian's chromium against the real API on the seeded database: the Oslo story played with the keyboard
// (each step focuses what it names), a step opened by permalink, a lesson made from a computed path, edited, downloaded
// and validated with core/stories.ts, and the printable handout. Screenshots go to tests/artifacts/story-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSeed } from '../../store/prepare.ts';
import { formatStoryProblem, parseStoryText, storyIndex, validateStory, type Story, type StoryIndex } from '../../core/stories.ts';
import { startBrowserSession, type BrowserSession, openBrowserPage, settle } from '../support/browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'tests/artifacts');

type Hooks = { ready(): boolean; storyFocus(): string[]; storyStep(): number | null };
const hooks = (page: Page) => page.evaluate(() => (window as unknown as { __bc: Hooks }).__bc.storyFocus());

let app: { url: string; close(): Promise<void> };
let browser: Browser;
let context: BrowserContext;
let session: BrowserSession | undefined;
let oslo: Story;
let index: StoryIndex;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const seed = await readSeed();
  oslo = seed.stories.find((s) => s.id === 'story/oslo')!;
  index = storyIndex(seed.dataset);
  session = await startBrowserSession();
  ({ app, browser, context } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

const openPage = (hash = '') => openBrowserPage(context, `${app.url}/${hash}`);

/** What the canvas focuses at the current step, split into nodes and links. */
async function focused(page: Page) {
  const ids = await hooks(page);
  const isNode = (id: string) => /^(person|institution|government|channel|session|document)\//.test(id);
  return { nodes: ids.filter(isNode).sort(), links: ids.filter((id) => !isNode(id)).sort() };
}

/** Ends of the links a step names, as the dataset stores them. */
function ends(linkIds: string[], seedLinks: Map<string, { from: string; to: string }>) {
  return linkIds.flatMap((id) => [seedLinks.get(id)!.from, seedLinks.get(id)!.to]);
}

describe('story mode', () => {
  it('plays the Oslo story from first to last step with the keyboard, each step focusing the nodes and links it names', async () => {
    const seed = await readSeed();
    const links = new Map(seed.dataset.links.map((l) => [l.id, l]));
    const { page, problems } = await openPage();
    await page.getByTestId('tab-stories').click();
    await page.locator('[data-testid="story-item"][data-id="story/oslo"]').getByTestId('present-story').click();
    await page.getByTestId('presenter').waitFor({ state: 'visible' });
    await settle(page);
    for (let i = 0; i < oslo.steps.length; i++) {
      const step = oslo.steps[i];
      await expect.poll(() => page.getByTestId('presenter').getAttribute('data-step')).toBe(String(i + 1));
      await settle(page);
      expect(await page.getByTestId('step-heading').textContent()).toBe(step.heading);
      expect(await page.getByTestId('story-progress').getAttribute('aria-valuetext')).toBe(`Step ${i + 1} of ${oslo.steps.length}`);
      const { nodes, links: focusedLinks } = await focused(page);
      const expected = [...new Set([...step.focus.nodes, ...ends(step.focus.links, links)])].sort();
      expect(nodes, `step ${i + 1}`).toEqual(expected);
      expect(focusedLinks, `step ${i + 1}`).toEqual([...step.focus.links].sort());
      expect(page.url()).toContain(`#story=story/oslo&step=${i + 1}`);
      if (i === 0 || i === 5) await page.waitForTimeout(700);
      if (i === 0) await page.screenshot({ path: path.join(ARTIFACTS, 'story-01-oslo-step-1.png') });
      if (i === 5) await page.screenshot({ path: path.join(ARTIFACTS, 'story-02-oslo-borregaard.png') });
      // Alternate the keys the presenter answers to.
      await page.keyboard.press(['ArrowRight', 'PageDown', ' '][i % 3]);
    }
    await page.waitForTimeout(700);
    await page.screenshot({ path: path.join(ARTIFACTS, 'story-03-oslo-washington.png') });
    expect(await page.getByTestId('presenter').getAttribute('data-step')).toBe(String(oslo.steps.length));
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('presenter').getAttribute('data-step')).toBe(String(oslo.steps.length - 1));
    await page.keyboard.press('PageUp');
    await expect.poll(() => page.getByTestId('presenter').getAttribute('data-step')).toBe(String(oslo.steps.length - 2));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a step by permalink, and hides the next node until revealed when the class predicts', async () => {
    const { page, problems } = await openPage('#story=story/oslo&step=4');
    await page.getByTestId('presenter').waitFor({ state: 'visible' });
    await settle(page);
    expect(await page.getByTestId('presenter').getAttribute('data-step')).toBe('4');
    expect(await page.getByTestId('step-heading').textContent()).toBe(oslo.steps[3].heading);
    expect((await focused(page)).nodes).toEqual(expect.arrayContaining(oslo.steps[3].focus.nodes));

    await page.getByTestId('predict-toggle').check();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('predict-prompt').waitFor({ state: 'visible' });
    await settle(page);
    expect(await page.getByTestId('presenter').getAttribute('data-step')).toBe('5');
    const hiddenLabels = await page.evaluate(() => document.querySelector('[data-testid="presenter"]')?.getAttribute('data-focus-nodes'));
    expect(hiddenLabels).toContain('person/yasser-arafat');
    await page.waitForTimeout(700);
    await page.screenshot({ path: path.join(ARTIFACTS, 'story-04-predict.png') });
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('step-caption').waitFor({ state: 'visible' });
    expect(await page.getByTestId('presenter').getAttribute('data-step')).toBe('5');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('makes a lesson from a computed path: edit, reorder, remove, download, and the file validates with core/stories.ts', async () => {
    const { page, problems } = await openPage('#from=channel/oslo-1992&to=government/israel&wf=1992-12&wt=1993-09&scene=paths');
    await page.getByTestId('path').first().waitFor({ state: 'visible' });
    const hopLinks = await page.getByTestId('path').first().getByTestId('hop').evaluateAll((els) => els.map((e) => e.getAttribute('data-link') ?? ''));
    expect(hopLinks.length).toBeGreaterThan(1);
    await page.getByTestId('path').first().getByTestId('make-lesson').click();
    const editor = page.getByTestId('lesson-editor');
    await editor.waitFor({ state: 'visible' });
    expect(await editor.getByTestId('lesson-step').count()).toBe(hopLinks.length);
    const captions = await editor.getByTestId('step-caption-input').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    expect(captions.every((c) => c.length > 10)).toBe(true);

    await editor.getByTestId('lesson-title').fill('Oslo to the Israeli government');
    await editor.getByTestId('lesson-id').fill('story/oslo-to-israel-lesson');
    await editor.getByTestId('step-caption-input').first().fill('Our first hop: who carried the talks onward?');
    await editor.getByTestId('step-down').first().click();
    await expect.poll(() => editor.getByTestId('lesson-step').first().getAttribute('data-links')).toBe(hopLinks[1]);
    await editor.getByTestId('step-remove').first().click();
    await expect.poll(() => editor.getByTestId('lesson-step').count()).toBe(hopLinks.length - 1);
    expect(await editor.getByTestId('lesson-step').first().getAttribute('data-links')).toBe(hopLinks[0]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'story-05-lesson-editor.png') });

    for (const format of ['yaml', 'json'] as const) {
      const [file] = await Promise.all([page.waitForEvent('download'), editor.getByTestId(`download-${format}`).click()]);
      expect(file.suggestedFilename()).toBe(`oslo-to-israel-lesson.${format}`);
      const chunks: Buffer[] = [];
      for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const parsed = parseStoryText(`seed/stories/oslo-to-israel-lesson.${format}`, text);
      expect(parsed.problems).toEqual([]);
      const { story, problems: found } = validateStory(`seed/stories/oslo-to-israel-lesson.${format}`, parsed.value, index);
      expect(found.map(formatStoryProblem)).toEqual([]);
      expect(story!.title).toBe('Oslo to the Israeli government');
      expect(story!.steps.map((s) => s.focus.links[0])).toEqual([hopLinks[0], ...hopLinks.slice(2)]);
      expect(story!.steps[0].caption).toBe('Our first hop: who carried the talks onward?');
      for (const s of story!.steps) expect(s.citations.length).toBeGreaterThan(0);
    }

    await editor.getByTestId('preview-lesson').click();
    await page.getByTestId('presenter').waitFor({ state: 'visible' });
    await settle(page);
    expect((await focused(page)).links).toEqual([hopLinks[0]]);
    await page.getByTestId('close-presenter').click();
    await editor.waitFor({ state: 'visible' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders the printable handout with every step, a diagram per step and the bibliography', async () => {
    const { page, problems } = await openPage('#story=story/oslo&handout=1');
    await page.locator('[data-testid="handout"][data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    expect(await page.getByTestId('handout-step').count()).toBe(oslo.steps.length);
    const diagrams = page.getByTestId('handout-diagram');
    expect(await diagrams.count()).toBe(oslo.steps.length);
    const sizes = await diagrams.evaluateAll((imgs) => imgs.map((i) => ({ w: (i as HTMLImageElement).naturalWidth, src: (i as HTMLImageElement).src.slice(0, 22) })));
    for (const s of sizes) expect(s).toEqual({ w: expect.any(Number), src: 'data:image/png;base64,' });
    expect(sizes.every((s) => s.w > 100)).toBe(true);
    const sources = new Set(oslo.steps.flatMap((s) => s.citations.map((c) => c.source)));
    expect(await page.getByTestId('bibliography').locator('li').count()).toBe(sources.size);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app').isVisible()).toBe(false);
    expect(await page.getByTestId('print-handout').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(ARTIFACTS, 'story-06-handout-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
    await page.close();
  });
});
