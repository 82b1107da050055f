// Export: every format opens in an independent parser (graphology-graphml, graphology-gexf, fast-xml-parser,
// csv-parse, JSON.parse + the seed validator) and carries the dataset version; JSON, CSV and the Cypher
// script round-trip through an empty database to the same content hash.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseGexf } from 'graphology-gexf';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../../store/neo4j.ts';
import { readExportData, writeExport, type ExportData, type ExportFormat } from '../../api/export.ts';
import { CSV_COLUMNS } from '../../formats/csv-in.ts';
import { importFiles } from '../../api/import.ts';
import { validateDataset } from '../../core/dataset.ts';
import { storyIndex, storyProperties, validateStory, type Story } from '../../core/stories.ts';
import { loadQueries } from '../../store/cypher.ts';
import { startScratchNeo4j, type ScratchNeo4j } from '../support/scratch-neo4j.ts';

let shared: Driver;
let data: ExportData;
let scratch: ScratchNeo4j;

async function exportOf(driver: Driver, nodeIds: string[] | null = null): Promise<ExportData> {
  const session = driver.session();
  try {
    return await session.executeRead((tx) => readExportData(tx, nodeIds));
  } finally {
    await session.close();
  }
}

const only = (format: ExportFormat, d: ExportData = data) => writeExport(format, d)[0].text;

beforeAll(async () => {
  // Exports only read, so they run against the shared, seeded test database.
  shared = createDriver(inject('neo4jUri'), { neo4jUser: inject('neo4jUser'), neo4jPassword: inject('neo4jPassword') });
  data = await exportOf(shared);
  scratch = await startScratchNeo4j({ seed: false, name: 'export' });
}, 300_000);

afterAll(async () => {
  await shared?.close();
  await scratch?.stop();
});

const linkCount = () => data.dataset.links.length;
const nodeCount = () => data.dataset.nodes.length;

describe('exports', () => {
  it('carry the version of the dataset they were written from', () => {
    expect(data.meta.datasetVersion).toBe(inject('datasetVersion'));
    expect(data.meta.sequence).toBeGreaterThanOrEqual(1);
    expect(data.meta.contentHash).toMatch(/^[0-9a-f]{64}$/);
    for (const format of ['json', 'graphml', 'gexf', 'cypher'] as const) {
      expect(writeExport(format, data)[0].text).toContain(inject('datasetVersion'));
      expect(writeExport(format, data)[0].name).toContain(inject('datasetVersion').slice(0, 12));
    }
    expect(writeExport('csv', data).find((f) => f.name === 'dataset-version.json')!.text).toContain(inject('datasetVersion'));
    // What a whole-graph export holds hashes to the version the database reports: a restore can report it too.
    expect(data.meta.contentHash).toBe(data.meta.datasetVersion);
  });

  it('GraphML opens in graphology-graphml with every node, link and property', () => {
    const text = only('graphml');
    expect(XMLValidator.validate(text)).toBe(true);
    const graph = parseGraphml(Graph, text);
    expect(graph.order).toBe(nodeCount());
    expect(graph.size).toBe(linkCount());
    expect(graph.getNodeAttributes('person/yossi-beilin')).toMatchObject({ label: 'Yossi Beilin', kind: 'Person', side: 'israeli' });
    const held = graph.filterEdges('person/yitzhak-rabin', (_, a) => a.type === 'HELD_OFFICE');
    expect(held.length).toBeGreaterThan(0);
    expect(graph.getAttribute('datasetVersion')).toBe(inject('datasetVersion'));
  });

  it('GEXF opens in graphology-gexf, with dates as spells and open ends written out', () => {
    const text = only('gexf');
    expect(XMLValidator.validate(text)).toBe(true);
    const graph = parseGexf(Graph, text);
    expect(graph.order).toBe(nodeCount());
    expect(graph.size).toBe(linkCount());
    expect(graph.getNodeAttribute('channel/oslo-1992', 'label')).toBe('Oslo back channel');

    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['node', 'edge', 'attvalue', 'spell', 'attribute', 'attributes'].includes(name) }).parse(text);
    const g = doc.gexf.graph;
    expect(g).toMatchObject({ mode: 'dynamic', timeformat: 'date' });
    const edges = g.edges.edge as { id: string; attvalues?: { attvalue: { for: string; value: string }[] }; spells?: { spell: { start: string; end: string }[] } }[];
    const attr = (e: (typeof edges)[number], name: string) => e.attvalues?.attvalue.find((a) => a.for === name)?.value;
    const dated = edges.filter((e) => attr(e, 'when'));
    expect(dated.length).toBe(data.dataset.links.filter((l) => l.when).length);
    for (const e of dated) {
      const [spell] = e.spells!.spell;
      expect(spell.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(spell.end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(spell.start <= spell.end).toBe(true);
    }
    const open = dated.find((e) => attr(e, 'when')!.endsWith('/..'));
    expect(open, 'the seed has a link with an open end (…/..)').toBeDefined();
    expect(open!.spells!.spell[0].end).toBe(g.end);
    expect(attr(open!, 'openEnd')).toBe('true');
    const oslo = dated.find((e) => e.id === data.dataset.links.find((l) => l.when === '1992-12-04/1993-09-13')?.id);
    if (oslo) expect(oslo.spells!.spell[0]).toEqual({ start: '1992-12-04', end: '1993-09-13' });
  });

  it('CSV opens in csv-parse, in the import templates, one row per node, link and source', () => {
    const files = writeExport('csv', data);
    const table = (name: string) => parseCsv(files.find((f) => f.name === name)!.text) as string[][];
    const nodes = table('nodes.csv');
    const links = table('links.csv');
    const sources = table('sources.csv');
    expect(nodes[0]).toEqual([...CSV_COLUMNS.nodes]);
    expect(links[0]).toEqual([...CSV_COLUMNS.links]);
    expect(sources[0]).toEqual([...CSV_COLUMNS.sources]);
    expect(sources.length - 1).toBe(data.meta.counts.sources);
    expect(nodes.length - 1 + sources.length - 1).toBe(nodeCount());
    expect(links.length - 1).toBe(data.meta.counts.links);
  });

  it('JSON parses and passes the seed validator with the same content hash', () => {
    const text = only('json');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['meta', 'people', 'links', 'sources']));
    // meta holds the version and stories the stories (restored on import); the rest is the dataset format.
    const { meta, stories, ...sections } = parsed;
    void meta;
    expect(Array.isArray(stories)).toBe(true);
    const { dataset, problems } = validateDataset([{ file: 'export.json', text: JSON.stringify(sections) }]);
    expect(problems).toEqual([]);
    expect(dataset!.version).toBe(data.meta.contentHash);
  });

  it('of the current view hold the nodes asked for and everything they cite, as a valid dataset', async () => {
    const view = await exportOf(shared, ['person/yossi-beilin', 'person/shimon-peres']);
    expect(view.meta.nodeIds).toEqual(['person/yossi-beilin', 'person/shimon-peres']);
    const ids = view.dataset.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['person/yossi-beilin', 'person/shimon-peres']));
    const documents = view.dataset.links.flatMap((l) => (l.document ? [l.document] : []));
    // A transmission that was about a channel names it: the channel comes along, without its own links.
    const abouts = view.dataset.links.flatMap((l) => (l.about ? [l.about] : []));
    expect(ids.filter((id) => !id.startsWith('source/')).sort()).toEqual([...new Set(['person/shimon-peres', 'person/yossi-beilin', ...documents, ...abouts])].sort());
    expect(view.dataset.links.length).toBeGreaterThan(0);
    for (const l of view.dataset.links) expect([l.from, l.to].sort()).toEqual(['person/shimon-peres', 'person/yossi-beilin']);
    const graph = parseGexf(Graph, only('gexf', view));
    expect(graph.order).toBe(view.dataset.nodes.length);
  });
});

async function clear(driver: Driver) {
  const session = driver.session();
  try {
    await session.run('MATCH (n) DETACH DELETE n');
  } finally {
    await session.close();
  }
}

describe('round trip through an empty database gives the same content hash', () => {
  it('JSON', async () => {
    await clear(scratch.driver);
    const report = await importFiles(scratch.driver, [{ file: 'export.json', text: only('json') }], { actor: 'round-trip' });
    expect(report.problems).toEqual([]);
    expect(report.version).toBe(data.meta.contentHash);
    expect((await exportOf(scratch.driver)).meta.contentHash).toBe(data.meta.contentHash);
  });

  it('CSV', async () => {
    await clear(scratch.driver);
    const files = writeExport('csv', data).map((f) => ({ file: f.name, text: f.text }));
    const report = await importFiles(scratch.driver, files, { actor: 'round-trip' });
    expect(report.problems).toEqual([]);
    expect((await exportOf(scratch.driver)).meta.contentHash).toBe(data.meta.contentHash);
  });

  it('Cypher script, run statement by statement', async () => {
    await clear(scratch.driver);
    const statements = only('cypher').split(/;\n/).map((s) => s.split('\n').filter((l) => !l.startsWith('//')).join('\n').trim()).filter(Boolean);
    const session = scratch.driver.session();
    try {
      for (const statement of statements) await session.run(statement);
    } finally {
      await session.close();
    }
    const back = await exportOf(scratch.driver);
    expect(back.meta.contentHash).toBe(data.meta.contentHash);
    expect(back.meta.datasetVersion).toBe(data.meta.contentHash);
    // The script writes the stored properties themselves, search keys included.
    const s2 = scratch.driver.session();
    const s1 = shared.session();
    try {
      const q = "MATCH (n:Entity {id: 'person/ahmed-qurei'}) RETURN properties(n) AS p";
      expect((await s2.run(q)).records[0].get('p')).toEqual((await s1.run(q)).records[0].get('p'));
    } finally {
      await s1.close();
      await s2.close();
    }
  }, 240_000); // about 1,300 statements, one round trip each: generous on a loaded 2-core machine
});

/** Runs a Cypher script statement by statement, as cypher-shell -f would. */
async function runScript(driver: Driver, script: string) {
  const statements = script.split(/;\n/).map((s) => s.split('\n').filter((l) => !l.startsWith('//')).join('\n').trim()).filter(Boolean);
  const session = driver.session();
  try {
    for (const statement of statements) await session.run(statement);
  } finally {
    await session.close();
  }
}

describe('a restore gives back everything: stories, saved lessons and the dataset version', () => {
  let original: ExportData;
  const LESSON = {
    id: 'story/restore-lesson', title: 'A lesson to restore', audience: 'Tests',
    steps: [{
      heading: 'Beilin briefed Peres', caption: 'Beilin brought the talks to Peres.', when: '1993-02?',
      focus: { nodes: ['person/yossi-beilin', 'person/shimon-peres'], links: ['REPORTED_TO:person/yossi-beilin>person/shimon-peres@1993-02?'] },
      citations: [{ source: 'source/w63-h-m-sachar-history', locator: 'p. 12' }],
    }],
  };

  beforeAll(async () => {
    // The copy to restore: the curated dataset and stories, plus a lesson saved twice (two revisions), as the API saves it.
    await clear(scratch.driver);
    expect((await importFiles(scratch.driver, [{ file: 'export.json', text: only('json') }], { actor: 'setup' })).problems).toEqual([]);
    const { story, problems } = validateStory('(test)', LESSON, storyIndex(data.dataset));
    expect(problems).toEqual([]);
    const { id, ...props } = storyProperties(story as Story);
    const session = scratch.driver.session();
    try {
      for (const [expected, savedAt] of [[null, '2026-01-01T10:00:00Z'], [1, '2026-01-02T10:00:00Z']] as const) {
        const res = await session.run(loadQueries()['story-save'], {
          id, expected, author: 'tester (token 0123abcd)', authorToken: '0123abcd0123abcd', storyJson: JSON.stringify(LESSON),
          props: { ...props, savedAt, savedBy: 'tester (token 0123abcd)', datasetVersion: data.meta.datasetVersion },
        });
        expect(res.records.length).toBe(1);
      }
    } finally {
      await session.close();
    }
    original = await exportOf(scratch.driver);
  }, 120_000);

  it('the export holds every story, curated and saved, with the saved revisions', () => {
    expect(data.stories.map((s) => s.story.id)).toEqual(expect.arrayContaining(['story/oslo', 'story/beilin-abu-mazen']));
    expect(original.stories.length).toBe(data.stories.length + 1);
    const lesson = original.stories.find((s) => s.story.id === LESSON.id)!;
    expect(lesson.story).toMatchObject({ origin: 'saved', version: 2, author: 'tester (token 0123abcd)' });
    expect(lesson.revisions.map((r) => r.version)).toEqual([1, 2]);
    expect(only('json', original)).toContain('"stories"');
  });

  it('JSON: the restored copy has the same stories and revisions and reports the same dataset version', async () => {
    const text = only('json', original);
    await clear(scratch.driver);
    const report = await importFiles(scratch.driver, [{ file: 'export.json', text }], { actor: 'restore' });
    expect(report.problems).toEqual([]);
    const back = await exportOf(scratch.driver);
    expect(back.stories).toEqual(original.stories);
    expect(back.meta.datasetVersion).toBe(original.meta.datasetVersion);
    expect(back.meta.contentHash).toBe(original.meta.contentHash);
  });

  it('JSON: a story naming a link the file does not hold is refused, and nothing is written', async () => {
    const broken = JSON.parse(only('json', original)) as { stories: { story: { stepsJson: string } }[] };
    broken.stories[0].story.stepsJson = broken.stories[0].story.stepsJson.replace(/"links":\[[^\]]*\]/, '"links":["MET:person/nobody>person/none@1993"]');
    await clear(scratch.driver);
    const report = await importFiles(scratch.driver, [{ file: 'broken.json', text: JSON.stringify(broken) }], { actor: 'restore' });
    expect(report.written).toBe(false);
    expect(report.problems.map((p) => `${p.entry}: ${p.message}`).join('\n')).toMatch(/stories\[0\].*MET:person\/nobody>person\/none@1993/);
    expect((await exportOf(scratch.driver)).dataset.nodes.length).toBe(0);
  });

  it('Cypher: the restored copy has the same stories and revisions and reports the same dataset version', async () => {
    await clear(scratch.driver);
    await runScript(scratch.driver, only('cypher', original));
    const back = await exportOf(scratch.driver);
    expect(back.stories).toEqual(original.stories);
    expect(back.meta.datasetVersion).toBe(original.meta.datasetVersion);
  }, 240_000);
});
