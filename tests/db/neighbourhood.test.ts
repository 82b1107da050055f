// neighbourhood is answered by a breadth-first search over the engine's snapshot; these tests hold it to what a
// Cypher variable-length match over the same database returns, and to its ordering and truncation rules.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import neo4j, { type Driver } from 'neo4j-driver';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { buildTestApp, gql } from '../support/app.ts';
import { buildGraph, type GraphLink, type GraphNode } from '../../engine/graph.ts';
import { neighbourhood } from '../../engine/neighbourhood.ts';
import { LINK_TYPE_NAMES, type LinkType } from '../../core/model.ts';
import { parseWhen } from '../../core/dates.ts';

let app: FastifyInstance;
let driver: Driver;
beforeAll(async () => {
  app = await buildTestApp();
  driver = neo4j.driver(inject('neo4jUri'), neo4j.auth.basic(inject('neo4jUser'), inject('neo4jPassword')));
});
afterAll(async () => {
  await app?.close();
  await driver?.close();
});

const QUERY = `query($id: ID!, $depth: Int, $linkTypes: [LinkType!], $window: WindowInput, $limit: Int) {
  neighbourhood(id: $id, depth: $depth, linkTypes: $linkTypes, window: $window, limit: $limit) { truncated nodes { id } links { id from { id } to { id } } }
}`;

/** What Cypher says: every link on some path of ≤ depth qualifying links from the start (relationship-unique walks). */
async function cypherNeighbourhood(id: string, depth: number, types: string[] | null, fromDay: number | null, toDay: number | null): Promise<string[]> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const res = await session.run(
      `MATCH (start:Entity {id: $id})-[rels*1..${depth}]-(:Entity)
       WHERE all(r IN rels WHERE r.id IS NOT NULL AND ($types IS NULL OR type(r) IN $types)
         AND ($fromDay IS NULL OR r.toDay IS NULL OR r.toDay >= $fromDay)
         AND ($toDay IS NULL OR r.fromDay IS NULL OR r.fromDay <= $toDay))
       UNWIND rels AS r
       RETURN DISTINCT r.id AS id`,
      { id, types, fromDay, toDay },
    );
    return res.records.map((r) => r.get('id') as string).sort();
  } finally {
    await session.close();
  }
}

describe('neighbourhood on the seeded database', () => {
  const cases: { id: string; depth: number; types?: string[]; window?: { from?: string; to?: string } }[] = [
    { id: 'person/yossi-beilin', depth: 1 },
    { id: 'person/yossi-beilin', depth: 2 },
    { id: 'channel/oslo-1992', depth: 2 },
    { id: 'person/yair-hirschfeld', depth: 2, types: ['MET', 'BRIEFED', 'REPORTED_TO', 'PARTICIPATED_IN'] },
    { id: 'person/yossi-beilin', depth: 2, window: { from: '1992-12', to: '1993-05' } },
    { id: 'person/yossi-beilin', depth: 3, types: ['BRIEFED', 'REPORTED_TO'], window: { from: '1993' } },
  ];
  for (const c of cases) {
    it(`matches Cypher's variable-length match: ${c.id}, depth ${c.depth}${c.types ? `, ${c.types.join('/')}` : ''}${c.window ? `, window ${JSON.stringify(c.window)}` : ''}`, async () => {
      const { body } = await gql(app, QUERY, { id: c.id, depth: c.depth, linkTypes: c.types ?? null, window: c.window ?? null, limit: 5000 });
      expect(body.errors).toBeUndefined();
      const got = body.data.neighbourhood;
      expect(got.truncated).toBe(false);
      const day = (text: string | undefined, end: boolean) => {
        if (!text) return null;
        const w = parseWhen(text);
        return end ? w.endMax : w.startMin;
      };
      const expected = await cypherNeighbourhood(c.id, c.depth, c.types ?? null, day(c.window?.from, false), day(c.window?.to, true));
      expect(expected.length).toBeGreaterThan(0);
      expect(got.links.map((l: { id: string }) => l.id).sort()).toEqual(expected);
      // Nodes are the start and every end of a returned link.
      const ends = new Set<string>([c.id]);
      for (const l of got.links as { from: { id: string }; to: { id: string } }[]) { ends.add(l.from.id); ends.add(l.to.id); }
      expect(new Set(got.nodes.map((n: { id: string }) => n.id))).toEqual(ends);
    });
  }

  it('truncates at the limit, keeping the nearest links first', async () => {
    const one = (await gql(app, QUERY, { id: 'person/yossi-beilin', depth: 1, limit: 5000 })).body.data.neighbourhood;
    const two = (await gql(app, QUERY, { id: 'person/yossi-beilin', depth: 2, limit: one.links.length + 1 })).body.data.neighbourhood;
    expect(two.truncated).toBe(true);
    expect(two.links).toHaveLength(one.links.length + 1);
    expect(new Set(two.links.slice(0, one.links.length).map((l: { id: string }) => l.id))).toEqual(new Set(one.links.map((l: { id: string }) => l.id)));
    const exact = (await gql(app, QUERY, { id: 'person/yossi-beilin', depth: 1, limit: one.links.length })).body.data.neighbourhood;
    expect(exact.truncated).toBe(false);
  });

  it('answers an unknown id NOT_FOUND', async () => {
    const { body } = await gql(app, QUERY, { id: 'person/nobody-at-all', depth: 1 });
    expect(body.errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});

describe('the breadth-first neighbourhood against relationship-unique walks (random graphs)', () => {
  it('returns exactly the links on walks of at most depth links', () => {
    const graphArb = fc.record({
      nodes: fc.integer({ min: 1, max: 9 }),
      links: fc.array(fc.record({
        from: fc.nat(8), to: fc.nat(8), type: fc.constantFrom<LinkType>(...(LINK_TYPE_NAMES as LinkType[]).slice(0, 5)),
        year: fc.option(fc.integer({ min: 1990, max: 1995 })),
      }), { maxLength: 18 }),
      depth: fc.integer({ min: 1, max: 3 }),
      types: fc.option(fc.subarray((LINK_TYPE_NAMES as LinkType[]).slice(0, 5), { minLength: 1 })),
      window: fc.option(fc.tuple(fc.integer({ min: 1989, max: 1996 }), fc.integer({ min: 0, max: 3 }))),
    });
    fc.assert(fc.property(graphArb, ({ nodes: n, links: raw, depth, types, window }) => {
      const nodes: GraphNode[] = Array.from({ length: n }, (_, i) => ({ id: `person/p${i}`, kind: 'Person', name: `P${i}` }));
      const links: GraphLink[] = raw.filter((l) => l.from < n && l.to < n).map((l, i) => ({
        id: `${l.type}:l${i}`, type: l.type, from: `person/p${l.from}`, to: `person/p${l.to}`, confidence: 'high', citations: [],
        when: l.year === null ? undefined : parseWhen(String(l.year)),
      }));
      const graph = buildGraph(nodes, links);
      const win = window ? { from: parseWhen(String(window[0])).startMin, to: parseWhen(String(window[0] + window[1])).endMax } : undefined;
      const ok = (l: GraphLink) => (!types || types.includes(l.type)) &&
        (!win || !l.when || (l.when.endMax >= win.from && l.when.startMin <= win.to));
      // Reference: enumerate every relationship-unique walk of ≤ depth qualifying links from p0.
      const expected = new Set<string>();
      const walk = (at: string, used: string[]) => {
        if (used.length === depth) return;
        for (const l of links) {
          if (!ok(l) || used.includes(l.id) || (l.from !== at && l.to !== at)) continue;
          expected.add(l.id);
          walk(l.from === at ? l.to : l.from, [...used, l.id]);
        }
      };
      walk('person/p0', []);
      const got = neighbourhood(graph, 'person/p0', { depth, linkTypes: types ?? undefined, window: win, limit: 1000 })!;
      expect(new Set(got.links.map((i) => graph.links[i].id))).toEqual(expected);
      expect(got.truncated).toBe(false);
    }), { numRuns: 2000 });
  });
});

describe('link reads backed by the snapshot', () => {
  it('give the same links, offices, roles and sessions as reading Neo4j by id', async () => {
    const cold = await buildTestApp();
    try {
      // `app` has built its snapshot above (neighbourhood needs it); `cold` has not, so it reads Neo4j by id.
      const q = `query($id: ID!) { node(id: $id) { id links { id type place from { id } to { id } citations { locator source { id } } }
        ... on Person { offices { id title } roles { id } } ... on Channel { sessions { id } } ... on Government { offices { id } } } }`;
      const ids = ['person/yossi-beilin', 'person/yitzhak-rabin', 'channel/oslo-1992', 'government/israel', 'person/ahmed-qurei'];
      const sorted = (x: { node: Record<string, unknown> }) => JSON.parse(JSON.stringify(x, (_, v) =>
        Array.isArray(v) && v.every((e) => e && typeof e === 'object' && 'id' in e) ? [...v].sort((a, b) => (a.id < b.id ? -1 : 1)) : v));
      expect(app.snapshots.built((await gql(app, '{ dataset { version } }')).body.data.dataset.version)).not.toBeNull();
      for (const id of ids) {
        const warm = await gql(app, q, { id });
        const fresh = await gql(cold, q, { id });
        expect(warm.body.errors, id).toBeUndefined();
        expect(fresh.body.errors, id).toBeUndefined();
        expect(warm.body.data.node.links.length, id).toBeGreaterThan(0);
        expect(sorted(warm.body.data), id).toEqual(sorted(fresh.body.data));
      }
    } finally {
      await cold.close();
    }
  });
});
