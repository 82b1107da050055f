// "Download data" and "What changed since?" in chromium: the current view as JSON and GEXF and the whole dataset
// as CSV, each file parsing and carrying the dataset version; and, on a database of its own with one edit, an old
// permalink listing the new node. Screenshots go to tests/artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../api/app.ts';
import { createToken } from '../../api/auth.ts';
import { readConfig } from '../../store/config.ts';
import { startScratchNeo4j, type ScratchNeo4j } from '../support/scratch-neo4j.ts';
import { startBrowserSession, type BrowserSession, openBrowserPage } from '../support/browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'tests/artifacts');
const QUREI = 'person/ahmed-qurei';

/** The read-only test hooks the app puts on window (declared in full by web-explorer.test.ts). */
type Hooks = { ready(): boolean; visible(): string[]; datasetVersion(): string | null };

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

const openPage = (url: string) => openBrowserPage(context, url);

async function text(file: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Chooses scope and format in the "Download data" menu, with the keyboard, and collects the files it downloads. */
async function downloadData(page: Page, scope: 'view' | 'all', format: string, count: number): Promise<Map<string, string>> {
  const menu = page.getByTestId('download-data');
  if (!(await menu.evaluate((el) => (el as HTMLDetailsElement).open))) {
    await menu.locator('summary').focus();
    await page.keyboard.press('Enter');
  }
  await page.getByTestId(`download-scope-${scope}`).check();
  await page.getByLabel('Format').selectOption(format);
  const files: Download[] = [];
  const done = new Promise<void>((resolve) => {
    const onDownload = (d: Download) => {
      files.push(d);
      if (files.length === count) {
        page.off('download', onDownload);
        resolve();
      }
    };
    page.on('download', onDownload);
  });
  await page.getByTestId('download-submit').focus();
  await page.keyboard.press('Enter');
  await done;
  await expect.poll(() => page.getByTestId('download-result').isVisible()).toBe(true);
  return new Map(await Promise.all(files.map(async (f) => [f.suggestedFilename(), await text(f)] as const)));
}

describe('Download data', () => {
  it('downloads the current view as JSON and GEXF, and the whole dataset as CSV, each carrying the dataset version', async () => {
    const { page, problems } = await openPage(`${app.url}/#focus=${encodeURIComponent(QUREI)}&tab=details&sel=${encodeURIComponent(QUREI)}`);
    const version = await page.evaluate(() => (window as unknown as { __bc: Hooks }).__bc.datasetVersion());
    expect(version).toMatch(/^[0-9a-f]{8,}$/);
    const onCanvas = (await page.evaluate(() => (window as unknown as { __bc: Hooks }).__bc.visible())).filter((id) => /^[a-z]+\/[a-z0-9-]+$/.test(id));
    expect(onCanvas).toContain(QUREI);

    const json = await downloadData(page, 'view', 'JSON', 1);
    const [[jsonName, jsonText]] = [...json];
    expect(jsonName).toBe(`backchannel-${version!.slice(0, 12)}-view.json`);
    const dataset = JSON.parse(jsonText);
    expect(dataset.meta.datasetVersion).toBe(version);
    expect(dataset.meta.nodeIds).toEqual(expect.arrayContaining([QUREI]));
    expect(dataset.people.map((p: { id: string }) => p.id)).toContain(QUREI);
    await expect.poll(() => page.getByTestId('download-version').getAttribute('title')).toBe(version);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-data-01-download-menu.png') });

    const gexf = await downloadData(page, 'view', 'GEXF', 1);
    const [[gexfName, gexfText]] = [...gexf];
    expect(gexfName).toBe(`backchannel-${version!.slice(0, 12)}-view.gexf`);
    const parsed = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.localName,
        nodeIds: [...doc.getElementsByTagName('node')].map((n) => n.getAttribute('id')),
        keywords: doc.getElementsByTagName('keywords')[0]?.textContent ?? '',
      };
    }, gexfText);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('gexf');
    expect(parsed.nodeIds).toContain(QUREI);
    expect(parsed.keywords).toContain(`datasetVersion=${version}`);

    const csv = await downloadData(page, 'all', 'CSV', 4);
    expect([...csv.keys()].sort()).toEqual(['dataset-version.json', 'links.csv', 'nodes.csv', 'sources.csv']);
    expect(JSON.parse(csv.get('dataset-version.json')!).meta.datasetVersion).toBe(version);
    const nodes = parse(csv.get('nodes.csv')!, { columns: true, skip_empty_lines: true }) as { id: string }[];
    const links = parse(csv.get('links.csv')!, { columns: true, skip_empty_lines: true }) as { from: string; to: string }[];
    const sources = parse(csv.get('sources.csv')!, { columns: true, skip_empty_lines: true }) as { id: string }[];
    expect(nodes.length).toBeGreaterThan(onCanvas.length);
    expect(nodes.map((n) => n.id)).toContain(QUREI);
    expect(links.length).toBeGreaterThan(nodes.length / 2);
    expect(links.some((l) => l.from === QUREI || l.to === QUREI)).toBe(true);
    expect(sources.every((s) => s.id.startsWith('source/'))).toBe(true);
    await expect.poll(() => page.getByTestId('download-result').textContent()).toContain('nodes.csv, links.csv, sources.csv');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says so plainly when the export fails, and keeps the legend out of the way on a short canvas', async () => {
    const { page, problems } = await openPage(`${app.url}/`);
    const legend = page.getByTestId('legend');
    expect(await legend.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    const box = (await legend.boundingBox())!;
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    expect(box.y - canvas.y).toBeLessThan(20);
    expect(canvas.x + canvas.width - (box.x + box.width)).toBeLessThan(20);
    await legend.locator('summary').click();
    expect(await legend.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    await expect.poll(async () => (await legend.boundingBox())!.y + (await legend.boundingBox())!.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-data-02-legend-open.png') });

    // An empty canvas: the current view has nothing to export.
    await page.getByTestId('download-data').locator('summary').click();
    await page.getByTestId('download-scope-view').check();
    await page.getByTestId('download-submit').click();
    await expect.poll(() => page.getByTestId('download-error').textContent()).toContain('The canvas is empty');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('What changed since?', () => {
  let db: ScratchNeo4j;
  let own: FastifyInstance;
  let url: string;
  let editor: string;

  beforeAll(async () => {
    db = await startScratchNeo4j({ seed: true, name: 'web-data' });
    own = await buildApp(readConfig({ NEO4J_URI: db.uri, NEO4J_PASSWORD: db.server.password, LOG_LEVEL: 'silent' }), { neo4jUri: db.uri, logger: false });
    await own.listen({ host: '127.0.0.1', port: 0 });
    const address = own.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    editor = (await createToken((q, p) => own.db.write(q, p), 'web-data editor', 'editor', 'test')).token;
  }, 300_000);

  afterAll(async () => {
    await own?.close();
    await db?.stop();
  });

  async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const res = await own.inject({ method: 'POST', url: '/graphql', payload: { query, variables }, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return res.json() as { data?: any; errors?: { message: string }[] };
  }

  it('lists the node added since an old permalink was made, and says so plainly for a version the server does not know', async () => {
    const { page: before } = await openPage(`${url}/#focus=${encodeURIComponent(QUREI)}`);
    const oldVersion = await before.evaluate(() => (window as unknown as { __bc: Hooks }).__bc.datasetVersion());
    await expect.poll(() => before.url()).toContain(`v=${oldVersion}`);
    const permalink = before.url();
    await before.close();

    const made = await gql(
      `mutation($id: ID!, $fields: NodeFields!) { createNode(id: $id, fields: $fields) { changed dataset { version } } }`,
      {
        id: 'person/web-data-example',
        fields: { name: 'Web Data Example Person', side: 'israeli', description: 'Added by the web data test.', citations: [{ source: 'source/f001-chapter-track-ii-talks', locator: 'p. 3' }] },
      },
      editor,
    );
    expect(made.errors).toBeUndefined();
    expect(made.data.createNode.changed).toBe(true);
    const newVersion = made.data.createNode.dataset.version;
    expect(newVersion).not.toBe(oldVersion);

    const { page, problems } = await openPage(permalink);
    await page.getByTestId('version-notice').waitFor({ state: 'visible' });
    const opener = page.getByTestId('version-changes');
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'What changed since this link was made' });
    await dialog.waitFor({ state: 'visible' });
    await expect.poll(() => dialog.getByTestId('changes-added').textContent()).toContain('Web Data Example Person');
    expect(await dialog.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['People']);
    expect(await dialog.getByTestId('changes-added').textContent()).toContain('person/web-data-example');
    const range = (await dialog.getByTestId('version-changes-range').textContent())!.replace(/\s+/g, ' ');
    expect(range).toContain(oldVersion!.slice(0, 10));
    expect(range).toContain(newVersion.slice(0, 10));
    expect(range).toMatch(/\(#\d+\) to the current .*\(#\d+\): 1 item changed in 1 change\./);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-data-03-what-changed.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('version-changes');
    expect(problems).toEqual([]);
    await page.close();

    const { page: unknown } = await openPage(permalink.replace(/([#&])v=[^&]+/, '$1v=0000000000unknown'));
    await unknown.getByTestId('version-changes').click();
    await expect.poll(() => unknown.getByTestId('version-changes-error').textContent()).toContain('This server does not know dataset version 0000000000');
    await unknown.screenshot({ path: path.join(ARTIFACTS, 'web-data-04-unknown-version.png') });
    await unknown.close();
  });
});
