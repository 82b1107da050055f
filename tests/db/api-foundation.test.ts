// The API skeleton against the real seeded Neo4j: health, lookups, search, errors, batching, the web shell.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, gql } from '../support/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('the API on the seeded database', () => {
  it('reports Neo4j up and the dataset counts on /health', async () => {
    const res = await app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.neo4j).toBe('up');
    expect(body.dataset.version).toBe(inject('datasetVersion'));
    expect(body.dataset.counts.people).toBeGreaterThanOrEqual(120);
    expect(body.dataset.counts.links).toBeGreaterThanOrEqual(500);
  });

  it('exposes the dataset version and shares through GraphQL', async () => {
    const { status, body } = await gql(app, '{ dataset { version counts { people channels links } citedShare datedShare } }');
    expect(status).toBe(200);
    expect(body.data.dataset.version).toBe(inject('datasetVersion'));
    expect(body.data.dataset.citedShare).toBe(1);
    expect(body.data.dataset.datedShare).toBeGreaterThanOrEqual(0.8);
  });

  it('finds Ahmed Qurei in the top 3 for every transliteration', async () => {
    for (const text of ['abu ala', 'Abu Alaa', 'Qurei', 'Qureia', 'ABU ALA']) {
      const { body } = await gql(app, 'query($t: String!) { search(text: $t, limit: 3) { node { id } } }', { t: text });
      expect(body.data.search.map((h: { node: { id: string } }) => h.node.id), text).toContain('person/ahmed-qurei');
    }
  });

  it('finds names regardless of accents and case', async () => {
    const { body } = await gql(app, '{ search(text: "mendes france", limit: 3) { node { id } } }');
    expect(body.data.search[0].node.id).toBe('person/pierre-mendes-france');
  });

  it('returns a node with its links and citations', async () => {
    const { body } = await gql(app, `{ node(id: "person/yossi-beilin") { id name kind ... on Person { offices { title rank when { text } citations { source { id title } } } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.node.kind).toBe('PERSON');
    expect(body.data.node.offices.length).toBeGreaterThan(0);
    for (const office of body.data.node.offices) expect(office.citations.length).toBeGreaterThan(0);
  });

  it('finds a link by its id, with its sentence and sources', async () => {
    const { body } = await gql(app, '{ link(id: "link/beilin-deputy-foreign-minister") { type from { id } to { id } when { from } sentence citations { source { id } } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.link).toMatchObject({ type: 'HELD_OFFICE', from: { id: 'person/yossi-beilin' }, to: { id: 'government/israel' } });
    expect(body.data.link.when.from.startsWith('1992-07')).toBe(true);
    expect(body.data.link.sentence).toContain('Deputy Minister of Foreign Affairs');
    expect((await gql(app, '{ link(id: "link/no-such-link") { id } }')).body.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('returns the links of the asked types only, and none for an empty list of types', async () => {
    const { body } = await gql(app, '{ node(id: "person/yossi-beilin") { all: links { type } offices: links(types: [HELD_OFFICE]) { type } none: links(types: []) { type } } }');
    expect(body.errors).toBeUndefined();
    const { all, offices, none } = body.data.node;
    expect(offices.length).toBeGreaterThan(0);
    expect(offices.every((l: { type: string }) => l.type === 'HELD_OFFICE')).toBe(true);
    expect(offices.length).toBe(all.filter((l: { type: string }) => l.type === 'HELD_OFFICE').length);
    expect(none).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const unknown = await gql(app, '{ node(id: "person/nobody-at-all") { id } }');
    expect(unknown.body.errors![0].extensions!.code).toBe('NOT_FOUND');
    const malformed = await gql(app, '{ node(id: "MATCH (n) DETACH DELETE n") { id } }');
    expect(malformed.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(malformed.body.errors![0].message).toContain('ids look like person/');
  });

  it('answers LIMIT_EXCEEDED naming the limit', async () => {
    const { body } = await gql(app, '{ neighbourhood(id: "person/yossi-beilin", depth: 4) { truncated } }');
    expect(body.errors![0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'depth', max: 3 });
  });

  it('batches per-parent fields: one round trip per level, not one per node', async () => {
    const reads: string[] = [];
    const original = app.db.read;
    app.db.read = (name, params) => {
      reads.push(name);
      return original(name, params);
    };
    try {
      const { body } = await gql(app, '{ channels { id roles { from { name } to { name } citations { source { title } } } } }');
      expect(body.errors).toBeUndefined();
      expect(body.data.channels.length).toBeGreaterThanOrEqual(20);
      // channels, then the links of every channel, then every linked node (people and sources) at once.
      expect(reads.filter((r) => r.startsWith('links-of-nodes'))).toHaveLength(1);
      expect(reads.length).toBeLessThanOrEqual(5);
    } finally {
      app.db.read = original;
    }
  });

  it('serves the web UI shell at /', async () => {
    const res = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<div id="app"');
  });
});

describe('the limits the API tells its clients', () => {
  it('tells clients its limits (Dataset.limits), and refuses one more than each as LIMIT_EXCEEDED', async () => {
    // An app of its own: the path queries below fill caches that the batching test above must not find warm.
    const app = await buildTestApp();
    try {
      const { body } = await gql(app, '{ dataset { limits { maxHops k depth searchLimit neighbourhoodLimit exclude } } }');
      const limits = body.data.dataset.limits;
      for (const value of Object.values(limits)) expect(value).toBeGreaterThan(0);
      const refused = async (query: string) => (await gql(app, query)).body.errors?.[0]?.extensions;
      expect(await refused(`{ influencePaths(from: "person/yair-hirschfeld", maxHops: ${limits.maxHops + 1}) { static } }`)).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxHops', max: limits.maxHops });
      expect(await refused(`{ influencePaths(from: "person/yair-hirschfeld", k: ${limits.k + 1}) { static } }`)).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'k', max: limits.k });
      expect(await refused(`{ neighbourhood(id: "person/yossi-beilin", depth: ${limits.depth + 1}) { truncated } }`)).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'depth', max: limits.depth });
      expect(await refused(`{ search(text: "Beilin", limit: ${limits.searchLimit + 1}) { score } }`)).toMatchObject({ code: 'LIMIT_EXCEEDED', max: limits.searchLimit });
      const ok = await gql(app, `{ influencePaths(from: "person/yair-hirschfeld", maxHops: ${limits.maxHops}, k: ${limits.k}) { static } }`);
      expect(ok.body.errors).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
