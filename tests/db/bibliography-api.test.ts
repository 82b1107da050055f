// The bibliography of a path, a story and the whole dataset through GraphQL, read back by citation-js (CSL-JSON,
// BibTeX, RIS): every source the path's hops or the story's steps cite arrives once, with title, year and URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { buildTestApp, gql } from '../support/app.ts';

interface SourceRef { id: string; title: string; date: string | null; url: string | null }
interface CslItem { id: string; title?: string; URL?: string; page?: string; issued?: { 'date-parts'?: number[][] } }

const SOURCE = 'id title date url';
const BIBLIOGRAPHY = `query($of: BibliographyOf!, $format: BibliographyFormat!) {
  bibliography(of: $of, format: $format) { format datasetVersion sourceCount file { name mediaType text } } }`;

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => app?.close());

async function bibliography(of: Record<string, unknown>, format: string) {
  const { body } = await gql(app, BIBLIOGRAPHY, { of, format });
  expect(body.errors).toBeUndefined();
  return body.data.bibliography as { format: string; datasetVersion: string; sourceCount: number; file: { name: string; mediaType: string; text: string } };
}

const read = async (format: string, text: string) => (await Cite.async(format === 'CSL_JSON' ? JSON.parse(text) : text)).data as CslItem[];
const year = (date: string | null) => (date ? Number(/\d{4}/.exec(date)![0]) : undefined);

/** Each expected source arrives exactly once, with its title, the year of its date and its URL. */
function expectSources(items: CslItem[], sources: SourceRef[]) {
  expect(items.map((i) => i.id).sort()).toEqual(sources.map((s) => s.id.replace(/^source\//, '')).sort());
  for (const s of sources) {
    const item = items.find((i) => i.id === s.id.replace(/^source\//, ''))!;
    expect(item.title, s.id).toBe(s.title);
    expect(item.issued?.['date-parts']?.[0]?.[0], s.id).toBe(year(s.date));
    // citation-js re-encodes some percent escapes of a BibTeX url field; the address is the same.
    expect(item.URL && decodeURI(item.URL), s.id).toBe(s.url ? decodeURI(s.url) : undefined);
  }
}

describe('bibliographies through the API', () => {
  it("of the headline path: every source its hops cite, in each format, with the path's page locators", async () => {
    const { body } = await gql(app, `{ influencePaths(from: "channel/oslo-1992", to: "government/israel", window: { from: "1992-12", to: "1993-09" }, k: 3) {
      paths { hops { link { id citations { source { ${SOURCE} } locator } } } } } }`);
    expect(body.errors).toBeUndefined();
    const hops = body.data.influencePaths.paths.flatMap((p: { hops: unknown[] }) => p.hops) as { link: { id: string; citations: { source: SourceRef; locator: string | null }[] } }[];
    const linkIds = [...new Set(hops.map((h) => h.link.id))];
    const sources = [...new Map(hops.flatMap((h) => h.link.citations.map((c) => [c.source.id, c.source] as const))).values()];
    expect(sources.length).toBeGreaterThan(1);
    for (const format of ['CSL_JSON', 'BIBTEX', 'RIS']) {
      const bib = await bibliography({ links: linkIds }, format);
      expect(bib.sourceCount).toBe(sources.length);
      expect(bib.datasetVersion).toMatch(/^[0-9a-f]{64}$/);
      expectSources(await read(format, bib.file.text), sources);
    }
    const pageCited = hops.flatMap((h) => h.link.citations).find((c) => /^pp?\.\s*\d+$/.test(c.locator ?? ''));
    if (pageCited) {
      const items = await read('CSL_JSON', (await bibliography({ links: linkIds }, 'CSL_JSON')).file.text);
      expect(items.find((i) => i.id === pageCited.source.id.replace(/^source\//, ''))!.page).toContain(pageCited.locator!.replace(/^pp?\.\s*/, ''));
    }
  });

  it("of a story: the same sources as the story's own bibliography", async () => {
    const { body } = await gql(app, `{ story(id: "story/oslo") { bibliography { ${SOURCE} } } }`);
    const sources = body.data.story.bibliography as SourceRef[];
    expect(sources.length).toBeGreaterThan(5);
    for (const format of ['CSL_JSON', 'BIBTEX', 'RIS']) {
      const bib = await bibliography({ story: 'story/oslo' }, format);
      expectSources(await read(format, bib.file.text), sources);
    }
  });

  it('of the whole dataset, also as a datasetExport format, with every source', async () => {
    const count = (await gql(app, '{ dataset { counts { sources } } }')).body.data.dataset.counts.sources as number;
    const bib = await bibliography({ dataset: true }, 'RIS');
    expect(bib.sourceCount).toBe(count);
    expect((await read('RIS', bib.file.text)).length).toBe(count);
    const { body } = await gql(app, '{ datasetExport(format: BIBTEX) { files { name text } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.datasetExport.files[0].name).toMatch(/\.bib$/);
    expect((await read('BIBTEX', body.data.datasetExport.files[0].text)).length).toBe(count);
  });

  it('asks for exactly one kind of scope, and names unknown ids', async () => {
    const two = await gql(app, BIBLIOGRAPHY, { of: { story: 'story/oslo', dataset: true }, format: 'RIS' });
    expect(two.body.errors?.[0].message).toMatch(/exactly one key/i);
    const none = await gql(app, BIBLIOGRAPHY, { of: { links: ['MET:person/nobody>person/none@1993'] }, format: 'RIS' });
    expect(none.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(none.body.errors?.[0].message).toContain('MET:person/nobody>person/none@1993');
  });
});
