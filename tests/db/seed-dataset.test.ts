// The curated dataset itself: valid, large enough, faithful to golden facts, disputes kept, loads idempotently.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../../store/neo4j.ts';
import { parseWhen, isoOf } from '../../core/dates.ts';
import { datasetStats, type Dataset, type DatasetLink } from '../../core/dataset.ts';
import { readDataset } from '../../store/prepare.ts';
import { loadDataset } from '../../store/load.ts';

let dataset: Dataset;
let driver: Driver;
beforeAll(async () => {
  dataset = await readDataset();
  driver = createDriver(inject('neo4jUri'), { neo4jUser: inject('neo4jUser'), neo4jPassword: inject('neo4jPassword') });
});
afterAll(async () => {
  await driver?.close();
});

const start = (l: DatasetLink) => isoOf(parseWhen(l.when!).startMin);
const link = (pred: (l: DatasetLink) => boolean) => dataset.links.filter(pred);

describe('the curated dataset', () => {
  it('reaches the sizes the issue asks for, every link cited and most dated', () => {
    const stats = datasetStats(dataset);
    expect(stats.people).toBeGreaterThanOrEqual(120);
    expect(stats.channels).toBeGreaterThanOrEqual(20);
    expect(stats.institutions).toBeGreaterThanOrEqual(30);
    expect(stats.governments).toBeGreaterThanOrEqual(12);
    expect(stats.links).toBeGreaterThanOrEqual(500);
    expect(stats.citedShare).toBe(1);
    expect(stats.datedShare).toBeGreaterThanOrEqual(0.8);
    expect(dataset.nodes.filter((n) => n.kind !== 'Source').every((n) => n.citations.length > 0)).toBe(true);
  });

  it('knows Beilin was deputy foreign minister of Israel from July 1992', () => {
    const [office] = link((l) => l.type === 'HELD_OFFICE' && l.from === 'person/yossi-beilin' && l.to === 'government/israel' && /Deputy Minister of Foreign Affairs/.test(l.title ?? ''));
    expect(office).toBeDefined();
    expect(start(office).slice(0, 7)).toBe('1992-07');
  });

  it('records the disagreement over when that office ended (CONFLICT-4) instead of choosing silently', () => {
    const [office] = link((l) => l.id === 'link/beilin-deputy-foreign-minister');
    expect(office.disputes.length).toBeGreaterThan(0);
    expect(office.disputes[0].citations.length).toBeGreaterThan(0);
  });

  it('knows Holst became foreign minister of Norway in April 1993', () => {
    const [office] = link((l) => l.type === 'HELD_OFFICE' && l.from === 'person/johan-jorgen-holst' && l.to === 'government/norway' && /Foreign Affairs/.test(l.title ?? ''));
    expect(start(office)).toBe('1993-04-02');
    expect(office.rank).toBe('leader');
  });

  it('puts the first session of the Oslo channel in London on 4 Dec 1992, with Hirschfeld and Qurei', () => {
    const sessions = dataset.nodes.filter((n) => n.kind === 'Session' && n.props.channel === 'channel/oslo-1992');
    const first = sessions.sort((a, b) => parseWhen(String(a.props.when)).startMin - parseWhen(String(b.props.when)).startMin)[0];
    expect(first.props.when).toBe('1992-12-04');
    expect(String(first.props.place)).toMatch(/^London/);
    expect(first.props.attendees).toEqual(expect.arrayContaining(['person/yair-hirschfeld', 'person/ahmed-qurei']));
  });

  it('keeps both sides of the sources’ disagreements in many places', () => {
    const disputes = dataset.nodes.reduce((n, x) => n + x.disputes.length, 0) + dataset.links.reduce((n, x) => n + x.disputes.length, 0);
    expect(disputes).toBeGreaterThanOrEqual(21);
    const qurei = dataset.nodes.find((n) => n.id === 'person/ahmed-qurei')!;
    expect(qurei.disputes.map((d) => d.field)).toContain('born');
    expect(qurei.aliases).toEqual(expect.arrayContaining(['Abu Ala']));
  });

  it('loads idempotently: a second load of the same files changes nothing', async () => {
    const count = async () => {
      const session = driver.session();
      try {
        const res = await session.run('MATCH (n:Entity) WITH count(n) AS nodes RETURN nodes, COUNT { ()-[r]->() WHERE r.id IS NOT NULL } AS links');
        return { nodes: res.records[0].get('nodes').toNumber(), links: res.records[0].get('links').toNumber() };
      } finally {
        await session.close();
      }
    };
    const before = await count();
    const result = await loadDataset(driver, dataset);
    expect(result.changed).toBe(false);
    expect(result.version).toBe(inject('datasetVersion'));
    expect(await count()).toEqual(before);
    expect(before.nodes).toBe(dataset.nodes.length);
    expect(before.links).toBe(dataset.links.length);
  });

  it('writes nothing when a later batch of a load fails: the load is all or nothing', async () => {
    const state = async () => {
      const res = await driver.executeQuery('MATCH (n:Entity) WITH count(n) AS nodes OPTIONAL MATCH (d:Dataset {id: \'current\'}) RETURN nodes, d.version AS version, COUNT { ()-[r]->() WHERE r.id IS NOT NULL } AS links');
      const r = res.records[0];
      return { nodes: Number(r.get('nodes')), links: Number(r.get('links')), version: r.get('version') as string };
    };
    const before = await state();
    const orphan: DatasetLink = { ...dataset.links[0], id: 'link/to-nowhere', to: 'person/not-in-the-dataset' };
    const broken: Dataset = { ...dataset, version: 'e'.repeat(64), links: [...dataset.links, orphan] };
    // Small batches, so that the failing statement is one of many queued on the transaction.
    await expect(loadDataset(driver, broken, { force: true, batchSize: 50 })).rejects.toThrow(/a link names a node that was not written/);
    expect(await state()).toEqual(before);

    const untyped: Dataset = { ...dataset, version: 'd'.repeat(64), links: [...dataset.links, { ...dataset.links[0], id: 'link/untyped', type: 'KNOWS' as DatasetLink['type'] }] };
    await expect(loadDataset(driver, untyped, { force: true, batchSize: 50 })).rejects.toThrow(/not in the allow-list/);
    expect(await state()).toEqual(before);
  });
});
