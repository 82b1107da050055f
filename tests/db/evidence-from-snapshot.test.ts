// An answer's evidence (its nodes, links and citations) is served from the engine's snapshot when the snapshot is of
// the request's dataset version, and read from Neo4j otherwise. Both routes must give the same bytes: these tests ask
// the same questions of two APIs on the seed dataset, one whose snapshot may answer and one that reads every node and
// link from Neo4j, and compare the responses, and they check which route each took by the Cypher files it ran.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import neo4j, { type Driver } from 'neo4j-driver';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../support/app.ts';
import * as Q from '../../bench/lib/queries.ts';
import { CITATION, INTERVAL, LINK, NODE_BRIEF } from '../../web/fragments.ts';

let fromSnapshot: FastifyInstance;
let fromNeo4j: FastifyInstance;
let driver: Driver;
/** Cypher files each API ran, with the ids they were asked for. */
const reads = new Map<FastifyInstance, { name: string; ids: string[] }[]>();

function recordReads(app: FastifyInstance): void {
  const log: { name: string; ids: string[] }[] = [];
  reads.set(app, log);
  const read = app.db.read.bind(app.db);
  app.db.read = ((name: string, params?: Record<string, unknown>, opts?: unknown) => {
    log.push({ name, ids: Array.isArray(params?.ids) ? (params.ids as string[]) : Array.isArray(params?.eids) ? (params.eids as string[]) : [] });
    return (read as (...a: unknown[]) => ReturnType<typeof read>)(name, params, opts);
  }) as typeof app.db.read;
}

beforeAll(async () => {
  driver = neo4j.driver(inject('neo4jUri'), neo4j.auth.basic(inject('neo4jUser'), inject('neo4jPassword')));
  fromSnapshot = await buildTestApp();
  fromNeo4j = await buildTestApp();
  // The second API's loaders never learn what its snapshot holds: every node and link is read from Neo4j, as for a
  // request whose version the snapshot is not (the path search itself still runs on the snapshot).
  vi.spyOn(fromNeo4j.snapshots, 'knownLinks').mockReturnValue(undefined);
  await Promise.all([fromSnapshot.snapshots.current(), fromNeo4j.snapshots.current()]);
  recordReads(fromSnapshot);
  recordReads(fromNeo4j);
});
afterAll(async () => {
  await fromSnapshot?.close();
  await fromNeo4j?.close();
  await driver?.close();
});

async function one(cypher: string): Promise<string> {
  const res = await driver.executeQuery(cypher, {}, { routing: 'READ' });
  const id = res.records[0]?.get('id') as string | undefined;
  if (!id) throw new Error(`the seed dataset has nothing for: ${cypher} (is the test database seeded?)`);
  return id;
}

/** The response bytes of both APIs to one operation, and the Cypher files each ran for it. */
async function both(query: string, variables: Record<string, unknown>) {
  const out = [];
  for (const app of [fromSnapshot, fromNeo4j]) {
    reads.get(app)!.length = 0;
    const res = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    out.push({ body: res.body, reads: [...reads.get(app)!] });
  }
  const [snap, neo] = out;
  expect(JSON.parse(snap.body).errors).toBeUndefined();
  return { snap, neo };
}

/** Node or link reads by id (what the snapshot route leaves out); Sources aside, which the snapshot does not hold. */
const evidenceReads = (log: { name: string; ids: string[] }[]) =>
  log.filter((r) => r.name.startsWith('links-') || (r.name === 'nodes-by-ids' && r.ids.some((id) => !id.startsWith('source/'))));

const PERSON = `query($id: ID!) { node(id: $id) { ${NODE_BRIEF} aliases description
  citations { ${CITATION} } disputes { field value note citations { ${CITATION} } }
  links { ${LINK} }
  ... on Person { born { ${INTERVAL} } died { ${INTERVAL} } roles { ${LINK} } sessionsAttended { id name when { ${INTERVAL} } place } } } }`;

describe('an answer read from the snapshot is the answer read from Neo4j, byte for byte', () => {
  it('influencePaths from the Oslo channel to the Government of Israel, every node, hop, link and citation of its paths', async () => {
    const { snap, neo } = await both(Q.INFLUENCE_PATHS, { from: 'channel/oslo-1992', to: 'government/israel', time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 5 });
    expect(JSON.parse(snap.body).data.influencePaths.paths.length).toBeGreaterThan(0);
    expect(snap.body).toBe(neo.body);
    expect(evidenceReads(neo.reads).length).toBeGreaterThan(0);
    expect(evidenceReads(snap.reads)).toEqual([]);
  });

  it('influencePaths from a person to any decision-maker, time ignored', async () => {
    const { snap, neo } = await both(Q.INFLUENCE_PATHS, { from: 'person/yair-hirschfeld', to: null, time: 'IGNORE', mode: 'POTENTIAL', maxHops: 6, k: 5 });
    expect(JSON.parse(snap.body).data.influencePaths.paths.length).toBeGreaterThan(0);
    expect(snap.body).toBe(neo.body);
  });

  it('the neighbourhood of Yossi Beilin at depth 2', async () => {
    const { snap, neo } = await both(Q.NEIGHBOURHOOD, { id: 'person/yossi-beilin', depth: 2, linkTypes: null, limit: 500 });
    expect(JSON.parse(snap.body).data.neighbourhood.links.length).toBeGreaterThan(20);
    expect(snap.body).toBe(neo.body);
    expect(evidenceReads(snap.reads)).toEqual([]);
  });

  it('who met whom between Uri Avnery and Yasser Arafat, with the sessions, channels and citations of each hop', async () => {
    const { snap, neo } = await both(Q.WHO_MET_WHOM, { a: 'person/uri-avnery', b: 'person/yasser-arafat', window: null, k: 5 });
    expect(JSON.parse(snap.body).data.whoMetWhom.chains.length).toBeGreaterThan(0);
    expect(snap.body).toBe(neo.body);
    expect(evidenceReads(snap.reads)).toEqual([]);
  });

  it('a link with a note and disputed readings, asked for by id', async () => {
    const id = await one(`MATCH ()-[r]->() WHERE r.id IS NOT NULL AND r.disputesJson <> '[]' AND r.note IS NOT NULL RETURN r.id AS id ORDER BY id LIMIT 1`);
    const { snap, neo } = await both(`query($id: ID!) { link(id: $id) { ${LINK} } }`, { id });
    expect(JSON.parse(snap.body).data.link.disputes.length).toBeGreaterThan(0);
    expect(snap.body).toBe(neo.body);
    expect(evidenceReads(snap.reads)).toEqual([]);
  });

  it('a link with a role, a side and a document, asked for by id', async () => {
    for (const field of ['role', 'side', 'document', 'outcome', 'rank']) {
      const id = await one(`MATCH ()-[r]->() WHERE r.id IS NOT NULL AND r.${field} IS NOT NULL RETURN r.id AS id ORDER BY id LIMIT 1`);
      const { snap, neo } = await both(`query($id: ID!) { link(id: $id) { ${LINK} } }`, { id });
      expect(snap.body, field).toBe(neo.body);
    }
  });

  it('a person with disputed facts, with their links, offices, roles and sessions', async () => {
    const id = await one(`MATCH (n:Person) WHERE n.disputesJson <> '[]' RETURN n.id AS id ORDER BY id LIMIT 1`);
    const { snap, neo } = await both(PERSON, { id });
    expect(JSON.parse(snap.body).data.node.disputes.length).toBeGreaterThan(0);
    expect(snap.body).toBe(neo.body);
    expect(evidenceReads(snap.reads)).toEqual([]);
  });

  it('Yossi Beilin with his links, offices, roles and sessions', async () => {
    const { snap, neo } = await both(PERSON, { id: 'person/yossi-beilin' });
    expect(JSON.parse(snap.body).data.node.links.length).toBeGreaterThan(5);
    expect(snap.body).toBe(neo.body);
  });
});
