// Issue 20, cold start: an API start reads the engine's snapshot from the file the previous start wrote beside the
// data, instead of the three whole-graph Cypher reads, and answers exactly as a full build does. The file is used only
// for the database, dataset version and sequence it was written from: a changed version, another database loaded
// with the same version (element ids mean nothing there), and a corrupt or truncated file each fall back to the full
// build from Neo4j, with a log line saying why.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.ts';
import { readConfig } from '../../store/config.ts';
import { createDb, createDriver, type Db } from '../../store/neo4j.ts';
import { Snapshots, type Snapshot } from '../../store/snapshot.ts';
import { graphArrays } from '../support/graph-arrays.ts';
import { startScratchNeo4j, type ScratchNeo4j } from '../support/scratch-neo4j.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-snapshot-cache-'));
const apps: FastifyInstance[] = [];
let other: ScratchNeo4j;
let otherDb: Db;
let sharedDb: Db;

beforeAll(async () => {
  other = await startScratchNeo4j({ seed: true, name: 'snapshot-file' });
  otherDb = createDb(other.driver, 'neo4j', 60_000);
  const driver = createDriver(inject('neo4jUri'), { neo4jUser: inject('neo4jUser'), neo4jPassword: inject('neo4jPassword') });
  sharedDb = createDb(driver, 'neo4j', 60_000);
}, 300_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  await sharedDb?.close();
  await other?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<FastifyInstance> {
  const config = readConfig({ NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword'), LOG_LEVEL: 'silent', SNAPSHOT_CACHE_DIR: dir });
  const app = await buildApp(config, { neo4jUri: inject('neo4jUri'), logger: false });
  apps.push(app);
  return app;
}

const PATHS = `query($from: ID!, $to: ID) { influencePaths(from: $from, to: $to, maxHops: 5, k: 4) {
  datasetVersion stopReason paths { hopCount nodes { id } hops { link { id type } } }
} }`;
const STARTS: [string, string | null][] = [
  ['person/yair-hirschfeld', 'government/israel'], ['channel/oslo-1992', null], ['person/ron-pundak', 'government/israel'],
  ['person/terje-rod-larsen', null], ['person/ahmed-qurei', 'government/plo'],
];

async function answers(app: FastifyInstance): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [from, to] of STARTS) {
    const res = await app.inject({ method: 'POST', url: '/graphql', payload: { query: PATHS, variables: { from, to } } });
    const body = res.json() as { data?: { influencePaths: unknown }; errors?: unknown };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    out.push(body.data!.influencePaths);
  }
  return out;
}

/** Everything the engine's snapshot holds but its build time. */
function contents(s: Snapshot) {
  return {
    version: s.version, nodes: [...s.nodes.entries()], links: s.links, elementIds: s.elementIds, sessions: s.sessions,
    participants: s.participants, channelsOf: s.channelsOf, graph: graphArrays(s.graph),
  };
}

/** A Snapshots of its own on a database, with its log lines; `file` is the snapshot file it looked for. */
async function buildOn(db: Db) {
  const lines: string[] = [];
  const snapshots = new Snapshots(db, { cacheDir: dir, log: (l) => lines.push(l) });
  const snap = await snapshots.current();
  await snapshots.persisting;
  const file = /(\/\S+\.bin)/.exec(lines.join('\n'))?.[1];
  return { snapshots, snap, lines, report: snapshots.lastFullBuild!, file };
}

describe('the snapshot file beside the data', () => {
  it('a second API start reads the file and answers the same influencePaths as a full build', async () => {
    const first = await start();
    const full = await answers(first);
    expect(first.snapshots.lastFullBuild).toMatchObject({ source: 'neo4j' });
    await first.snapshots.persisting;
    const second = await start();
    const fromFile = await answers(second);
    expect(second.snapshots.lastFullBuild).toMatchObject({ source: 'file', version: inject('datasetVersion') });
    expect(fromFile).toEqual(full);
    expect((full as { paths: unknown[] }[]).some((a) => a.paths.length > 0)).toBe(true);
    expect(contents(await second.snapshots.current())).toStrictEqual(contents(await first.snapshots.current()));
  });

  it('a corrupt or truncated file is ignored with a log line, and the full build writes a good one again', async () => {
    const good = await buildOn(sharedDb);
    expect(good.report.source).toBe('file');
    const whole = readFileSync(good.file!);
    const flipped = Buffer.from(whole);
    let at = flipped.length - 1;
    while (!(flipped[at] >= 0x30 && flipped[at] <= 0x39)) at--;
    flipped[at] = flipped[at] === 0x39 ? 0x38 : flipped[at] + 1;
    writeFileSync(good.file!, flipped);
    const corrupt = await buildOn(sharedDb);
    expect(corrupt.report).toMatchObject({ source: 'neo4j', fileNotUsed: expect.stringMatching(/corrupt \(its checksum does not match\)/) });
    expect(corrupt.lines.join('\n')).toMatch(/snapshot file not used: .* is corrupt/);
    expect(contents(corrupt.snap)).toStrictEqual(contents(good.snap));
    expect((await buildOn(sharedDb)).report.source).toBe('file');
    truncateSync(good.file!, whole.length - 1_000);
    const truncated = await buildOn(sharedDb);
    expect(truncated.report).toMatchObject({ source: 'neo4j', fileNotUsed: expect.stringMatching(/truncated/) });
    expect((await buildOn(sharedDb)).report.source).toBe('file');
  });

  it('another database loaded with the same dataset version does not use this database\'s file', async () => {
    const here = await buildOn(sharedDb);
    const there = await buildOn(otherDb);
    expect(there.snap.version).toBe(here.snap.version);
    expect(there.report.source).toBe('neo4j');
    expect(there.file).not.toBe(here.file);
    // Even this database's file copied in under the other's name: its header names the database it came from.
    copyFileSync(here.file!, there.file!);
    const copied = await buildOn(otherDb);
    expect(copied.report).toMatchObject({ source: 'neo4j', fileNotUsed: expect.stringMatching(/was read from another database/) });
    expect(copied.snap.elementIds).not.toEqual(here.snap.elementIds);
    expect(copied.snap.elementIds).toEqual(there.snap.elementIds);
    expect((await buildOn(otherDb)).report.source).toBe('file');
  });

  it('a changed dataset version, or the same version loaded again (a new sequence), falls back to the full build', async () => {
    expect((await buildOn(otherDb)).report.source).toBe('file');
    await otherDb.write('load-meta', { version: 'changed', counts: '{}', citedShare: 1, datedShare: 1, loadedAt: '2026-12-02T00:00:00Z' });
    const changed = await buildOn(otherDb);
    expect(changed.snap.version).toBe('changed');
    expect(changed.report).toMatchObject({ source: 'neo4j', fileNotUsed: expect.stringMatching(/the database has changed/) });
    expect((await buildOn(otherDb)).report.source).toBe('file');
    // Same version text, one load later: element ids may have changed with the reload, so the file is not used.
    const sequence = (await otherDb.read('dataset-meta'))[0].sequence as number;
    await otherDb.write('load-meta', { version: 'changed', counts: '{}', citedShare: 1, datedShare: 1, loadedAt: '2026-12-02T00:00:01Z' });
    const reloaded = await buildOn(otherDb);
    expect(reloaded.report).toMatchObject({ source: 'neo4j', fileNotUsed: expect.stringContaining(`(sequence ${sequence}), the database has changed (sequence ${sequence + 1})`) });
  });
});
