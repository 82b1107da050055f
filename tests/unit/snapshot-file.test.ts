// The snapshot file (store/snapshot-file.ts) gives back exactly what was written, and only to the database, version
// and sequence it was written for; a truncated or corrupted file is refused, never half read.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticGraph } from '../../bench/synthetic.ts';
import { buildGraph, graphFromColumns, GraphError, type TemporalGraph } from '../../engine/graph.ts';
import { graphArrays } from '../support/graph-arrays.ts';
import { influencePaths } from '../../engine/influence-paths.ts';
import { DEFAULT_RANK_BY } from '../../api/analyses.ts';
import { readConfig } from '../../store/config.ts';
import { readSnapshotFile, SnapshotFileRejected, snapshotFilePath, writeSnapshotFile, type SnapshotParts } from '../../store/snapshot-file.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-snapshot-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const g = syntheticGraph(3_000, 11);
const parts: SnapshotParts = {
  nodes: new Map(g.nodes.map((n) => [n.id, n])),
  // The shapes records.ts gives a link from Neo4j: a few with every optional field, one with an unusual citation.
  links: g.links.map((l, i) => (i === 7 ? { ...l, about: 'channel/c1', title: 'adviser', citations: [{ source: 'source/x', page: '12' }] } : l)),
  elementIds: g.links.map((_, i) => `5:0b9f6c4e-1111-4d2a-9c3e-abcdef012345:${i * 3 + 1}`),
  sessions: g.sessions.map((s) => ({ ...s, attendees: [...s.attendees] })),
};
const key = { identity: 'neo4j/neo4j/ABC/2026-12-01T00:00:00Z', version: 'v1', sequence: 3 };

async function rejection(k = key): Promise<string> {
  try {
    await readSnapshotFile(dir, k);
  } catch (err) {
    expect(err).toBeInstanceOf(SnapshotFileRejected);
    return (err as Error).message;
  }
  throw new Error('the file was used');
}

describe('the snapshot file', () => {
  it('gives back the nodes, links, element ids and sessions it was written with', async () => {
    await writeSnapshotFile(dir, key, parts);
    const back = await readSnapshotFile(dir, key);
    expect([...back.nodes.values()]).toEqual([...parts.nodes.values()]);
    expect(back.links).toEqual(parts.links);
    expect(back.elementIds).toEqual(parts.elementIds);
    expect(back.sessions).toEqual(parts.sessions);
  });

  it('is not used for another database, version or sequence', async () => {
    await writeSnapshotFile(dir, key, parts);
    // Another database's file under this database's name (a copied folder): the header still names its own.
    writeFileSync(snapshotFilePath(dir, 'other'), readFileSync(snapshotFilePath(dir, key.identity)));
    expect(await rejection({ ...key, identity: 'other' })).toMatch(/another database/);
    expect(await rejection({ ...key, version: 'v2' })).toMatch(/holds version v1 \(sequence 3\), the database has v2 \(sequence 3\)/);
    expect(await rejection({ ...key, sequence: 4 })).toMatch(/the database has v1 \(sequence 4\)/);
    expect(await rejection({ ...key, identity: 'never written' })).toMatch(/no snapshot file/);
  });

  it('refuses a truncated or corrupted file', async () => {
    const file = snapshotFilePath(dir, key.identity);
    await writeSnapshotFile(dir, key, parts);
    const whole = readFileSync(file);
    truncateSync(file, whole.length - 100);
    expect(await rejection()).toMatch(/truncated/);
    const flipped = Buffer.from(whole);
    // A digit in the body changed to another digit: still valid JSON, so only the checksum can tell.
    let at = flipped.length - 1;
    while (!(flipped[at] >= 0x30 && flipped[at] <= 0x39)) at--;
    flipped[at] = flipped[at] === 0x39 ? 0x38 : flipped[at] + 1;
    writeFileSync(file, flipped);
    expect(await rejection()).toMatch(/corrupt/);
    writeFileSync(file, whole);
    await expect(readSnapshotFile(dir, key)).resolves.toBeTruthy();
  });

  it('refuses a header whose segments do not lay out the body, before allocating what they claim', async () => {
    const file = snapshotFilePath(dir, key.identity);
    await writeSnapshotFile(dir, key, parts);
    const whole = readFileSync(file);
    const first = whole.indexOf(10);
    const second = whole.indexOf(10, first + 1);
    const header = JSON.parse(whole.toString('utf8', first + 1, second));
    const withHeader = (h: unknown) => Buffer.concat([whole.subarray(0, first + 1), Buffer.from(`${JSON.stringify(h)}\n`), whole.subarray(second + 1)]);
    const int32 = header.segments.findIndex((seg: { type: string }) => seg.type === 'int32');
    const miscounted = structuredClone(header);
    miscounted.segments[int32].count = 2 ** 40;
    writeFileSync(file, withHeader(miscounted));
    expect(await rejection()).toMatch(/could not be read: the segment of \S+ does not fit its \d+ bytes/);
    const short = structuredClone(header);
    short.segments.pop();
    writeFileSync(file, withHeader(short));
    expect(await rejection()).toMatch(/could not be read: the segments cover \d+ of the body's \d+ bytes/);
    writeFileSync(file, whole);
    await expect(readSnapshotFile(dir, key)).resolves.toBeTruthy();
  });
});

describe('the engine graph kept in the snapshot file', () => {
  it('makes again the graph buildGraph makes of what the file gives back, and the same answers', async () => {
    const built = buildGraph([...parts.nodes.values()], parts.links);
    await writeSnapshotFile(dir, key, { ...parts, graph: built });
    const back = await readSnapshotFile(dir, key);
    expect(back.built).toBeDefined();
    const again = graphFromColumns([...back.nodes.values()], back.links, back.built!);
    const fresh = buildGraph([...back.nodes.values()], back.links);
    const arrays = graphArrays(fresh);
    // 23 arrays: 11 per-link columns with the ends, the id order, 2 about lists, 7 of arcs, the node kinds, the governments.
    expect(Object.keys(arrays).length).toBe(23);
    expect(graphArrays(again)).toEqual(arrays);
    expect([...again.nodeIndex]).toEqual([...fresh.nodeIndex]);
    expect(again.linkIndex.get(parts.links[7].id)).toBe(7);
    const ask = (graph: TemporalGraph) => influencePaths(graph, {
      from: [parts.links.find((l) => l.type === 'PARTICIPATED_IN')!.from], to: { kind: 'government', id: g.governments[0] },
      time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 5, rankBy: DEFAULT_RANK_BY,
    });
    const answer = ask(fresh);
    expect(answer.paths.length).toBeGreaterThan(0);
    expect(ask(again)).toEqual(answer);
  });

  it('gives no columns back from a file written without a graph, which then is built from the links', async () => {
    await writeSnapshotFile(dir, key, parts);
    expect((await readSnapshotFile(dir, key)).built).toBeUndefined();
  });

  it('refuses columns that do not fit the nodes and links they are given with', async () => {
    const built = buildGraph([...parts.nodes.values()], parts.links);
    await writeSnapshotFile(dir, key, { ...parts, graph: built });
    const back = await readSnapshotFile(dir, key);
    expect(() => graphFromColumns([...back.nodes.values()], back.links.slice(1), back.built!)).toThrow(GraphError);
    expect(() => graphFromColumns([...back.nodes.values()], back.links, { ...back.built!, arcTo: back.built!.arcTo.subarray(1) })).toThrow(/arcTo holds \d+ values, not \d+/);
  });
});

describe('SNAPSHOT_CACHE_DIR', () => {
  it('defaults beside the embedded database, or to the user\'s cache folder for a Neo4j elsewhere; off turns the file off', () => {
    expect(readConfig({ NEO4J_DATA_DIR: '/srv/bc/neo4j' }).snapshotCacheDir).toBe('/srv/bc/neo4j/snapshot-cache');
    expect(readConfig({ NEO4J_URI: 'neo4j+s://db.example:7687', XDG_CACHE_HOME: '/home/a/.cache' }).snapshotCacheDir).toBe('/home/a/.cache/backchannel/snapshots');
    expect(readConfig({ SNAPSHOT_CACHE_DIR: '/var/cache/bc' }).snapshotCacheDir).toBe('/var/cache/bc');
    expect(readConfig({ SNAPSHOT_CACHE_DIR: 'off' }).snapshotCacheDir).toBeNull();
  });
});
