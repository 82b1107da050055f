// Bibliographies open in the parsers reference managers use: citation-js (BibTeX, RIS and CSL-JSON in, citeproc-js
// out: the CSL engine inside Zotero) and Better BibTeX's own parser (@retorquere/bibtex-parser, what Zotero's
// BibTeX import runs). Every source of the curated dataset arrives with its title, year, URL and authors.
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';
import * as betterBibtex from '@retorquere/bibtex-parser';
import { validateDataset } from '../../core/dataset.ts';
import { readSeedFiles } from '../../store/seed-files.ts';
import {
  citationKey, datasetBibliography, splitAuthors, toBibtex, toCslItems, toCslJson, toRis, type BibEntry,
} from '../../formats/bibliography.ts';

const SEED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seed');

interface CslItem { id: string; title?: string; URL?: string; issued?: { 'date-parts'?: number[][]; circa?: boolean }; author?: { family?: string; given?: string; literal?: string }[]; editor?: unknown[]; page?: string; note?: string }

let entries: BibEntry[];
const parsed = async (input: unknown) => (await Cite.async(input)).data as CslItem[];
const year = (date: string | undefined) => (date ? Number(/\d{4}/.exec(date)![0]) : undefined);

beforeAll(async () => {
  const { dataset, problems } = validateDataset(await readSeedFiles(SEED));
  expect(problems).toEqual([]);
  entries = datasetBibliography(dataset!);
});

/** Every source arrives once, with our title, the year of its date and its URL (where the dataset has them). */
function expectEverySource(items: CslItem[], opts: { url?: (url: string) => string } = {}) {
  const byKey = new Map(items.map((i) => [i.id, i]));
  expect(byKey.size).toBe(entries.length);
  let years = 0;
  let urls = 0;
  for (const { source } of entries) {
    const item = byKey.get(citationKey(source));
    expect(item, source.id).toBeDefined();
    expect(item!.title, source.id).toBe(source.title);
    expect(item!.issued?.['date-parts']?.[0]?.[0], source.id).toBe(year(source.date));
    const url = opts.url ?? ((u: string) => u);
    expect(item!.URL && url(item!.URL), source.id).toBe(source.url && url(source.url));
    if (source.date) years++;
    if (source.url) urls++;
  }
  return { sources: entries.length, years, urls };
}

describe('the bibliography of the whole curated dataset', () => {
  it('has every source', () => {
    expect(entries.length).toBeGreaterThan(400);
    expect(new Set(entries.map((e) => citationKey(e.source))).size).toBe(entries.length);
  });

  it('BibTeX opens in citation-js with every title, year and URL', async () => {
    // citation-js percent-encodes some escapes it reads in a url field (…%3A → …%253A); Better BibTeX, below, keeps
    // the field verbatim. Both name the same address.
    const counts = expectEverySource(await parsed(toBibtex(entries, 'test')), { url: decodeURI });
    expect(counts.years).toBeGreaterThan(150);
    expect(counts.urls).toBeGreaterThan(400);
  });

  it("BibTeX opens in Better BibTeX's parser with no error, capitals kept and every author split", () => {
    const lib = betterBibtex.parse(toBibtex(entries, 'test'));
    expect(lib.errors).toEqual([]);
    expect(lib.entries.length).toBe(entries.length);
    const byKey = new Map(lib.entries.map((e) => [e.key, e]));
    for (const { source } of entries) {
      const e = byKey.get(citationKey(source))!;
      // Zotero's import sentence-cases English titles: the names in them must survive.
      expect(e.fields.title, source.id).toBe(source.title);
      if (source.url) expect(e.fields.url, source.id).toBe(source.url);
      if (source.date) expect(Number(e.fields.year), source.id).toBe(year(source.date));
    }
    const agha = byKey.get('f001-chapter-track-ii-talks')!;
    expect(agha.fields.author).toEqual([
      { lastName: 'Agha', firstName: 'Hussein' }, { lastName: 'Feldman', firstName: 'Shai' },
      { lastName: 'Khalidi', firstName: 'Ahmad' }, { lastName: 'Schiff', firstName: 'Zeev' },
    ].map((n) => expect.objectContaining(n)));
  });

  it('RIS opens in citation-js with every title, year and URL', async () => {
    const counts = expectEverySource(await parsed(toRis(entries)));
    expect(counts.sources).toBe(entries.length);
  });

  it('CSL-JSON opens in citation-js and citeproc-js renders one APA reference per source', async () => {
    const text = toCslJson(entries);
    expectEverySource(await parsed(JSON.parse(text)));
    const cite = await Cite.async(JSON.parse(text));
    const apa = (cite.format('bibliography', { format: 'text', template: 'apa' }) as string).trim().split('\n');
    expect(apa.length).toBe(entries.length);
    const beilin = apa.find((l) => l.includes('Beilin-Abu Mazen With Full Responsibility'));
    expect(beilin).toMatch(/^Beilin, Y\. \(2001, November 9\)\. Beilin-Abu Mazen With Full Responsibility\. Haaretz\. https:/);
  });
});

describe('bibliography entries', () => {
  const tricky: BibEntry = {
    source: {
      id: 'source/tricky', sourceKind: 'article', title: 'Costs -- {braces} & 50% of $5 #1 under_score ^caret ~tilde back\\slash\nnew line',
      author: 'Jean-Paul de la Tour and María José Núñez', outlet: 'Journal of Tests & Trials', date: '1996-04~',
      url: 'https://example.org/a?b=1&c=50%25#frag',
    },
    locators: ['p.124', 'pp.121-126', 'ch. 1', 'p. 124'],
  };

  it('escape BibTeX special characters so the title comes back exactly', async () => {
    const bib = toBibtex([tricky], 'test');
    const lib = betterBibtex.parse(bib);
    expect(lib.errors).toEqual([]);
    const want = tricky.source.title.replace('\n', ' ');
    expect(lib.entries[0].fields.title).toBe(want);
    expect(lib.entries[0].fields.url).toBe(tricky.source.url);
    expect(lib.entries[0].fields.author).toEqual([
      // BibTeX reads the lower-case particle as the "von" part, as it should.
      expect.objectContaining({ prefix: 'de la', lastName: 'Tour', firstName: 'Jean-Paul' }),
      expect.objectContaining({ lastName: 'Núñez', firstName: 'María José' }),
    ]);
    const [item] = await parsed(bib);
    expect(item.title).toBe(want);
    expect(item.page).toBe('121-126, 124');
  });

  it('write RIS as one record of single-line tags', async () => {
    const ris = toRis([tricky]);
    expect(ris.split('\r\n').filter((l) => l !== '').every((l) => /^[A-Z][A-Z0-9] {2}- /.test(l))).toBe(true);
    const [item] = await parsed(ris);
    expect(item.title).toBe(tricky.source.title.replace('\n', ' '));
    expect(item.author).toEqual([{ family: 'de la Tour', given: 'Jean-Paul' }, { family: 'Núñez', given: 'María José' }]);
  });

  it('carry EDTF dates as date-parts, circa kept, and page locators as page', () => {
    const [item] = toCslItems([tricky]) as unknown as CslItem[];
    expect(item.issued).toEqual({ 'date-parts': [[1996, 4]], circa: true });
    expect(item.page).toBe('121-126, 124');
    expect(item.note).toContain('Cited at: ch. 1');
    const [span] = toCslItems([{ source: { id: 'source/span', title: 'Span', date: '1992/1993-05-02' }, locators: [] }]) as unknown as CslItem[];
    expect(span.issued).toEqual({ 'date-parts': [[1992], [1993, 5, 2]] });
  });

  it('split authors into family and given names, editors apart, and keep a non-name literal', () => {
    expect(splitAuthors('Hussein Agha, Shai Feldman (eds.)')).toEqual({
      authors: [], editors: [{ given: 'Hussein', family: 'Agha' }, { given: 'Shai', family: 'Feldman' }],
    });
    expect(splitAuthors('Jeffrey Boutwell and Everett Mendelsohn (principal authors)').authors).toEqual([
      { given: 'Jeffrey', family: 'Boutwell' }, { given: 'Everett', family: 'Mendelsohn' },
    ]);
    expect(splitAuthors('Times staff writer').authors).toEqual([{ literal: 'Times staff writer' }]);
    expect(splitAuthors('Ahmed Qurie (Abu Ala)').authors).toEqual([{ given: 'Ahmed', family: 'Qurie' }]);
  });
});
