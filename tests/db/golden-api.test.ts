// A few of the historians' golden cases (tests/unit/golden-paths.test.ts) asked through /graphql on the seeded Neo4j:
// the API's own choice of sources, window and carried channel, its loaders and its search must give the same answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, gql } from '../support/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

const PATHS = `query($from: ID!, $to: ID, $window: WindowInput, $mode: PathMode, $rankBy: PathRanking, $includeBlocked: Boolean) {
  influencePaths(from: $from, to: $to, window: $window, mode: $mode, rankBy: $rankBy, includeBlocked: $includeBlocked, k: 3) {
    stopReason explanation closest { node { id } hops }
    paths { earliestArrival latestArrival certain nodes { id } hops { link { id citations { source { id } } } } }
  }
}`;

interface Answer {
  stopReason: string | null;
  explanation: string | null;
  closest: { node: { id: string }; hops: number } | null;
  paths: { earliestArrival: string; latestArrival: string; certain: boolean; nodes: { id: string }[]; hops: { link: { id: string; citations: unknown[] } }[] }[];
}

async function ask(variables: Record<string, unknown>): Promise<Answer> {
  const { status, body } = await gql(app, PATHS, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(status).toBe(200);
  return body.data.influencePaths as Answer;
}

/** The first-ranked path as the unit suite states it: short ids, earliest and latest arrival. */
function firstPath(answer: Answer) {
  const [first] = answer.paths;
  return first ? [first.nodes.map((n) => n.id.split('/')[1]), first.earliestArrival, first.latestArrival] : [answer.stopReason, answer.closest?.node.id];
}

describe('the golden cases through the GraphQL API', () => {
  // L10 (W01), L13 (W63, W18, W17).
  it('the headline question: Oslo reached Israel’s government first through Hirschfeld, Beilin and Peres (Jan–Mar 1993)', async () => {
    const answer = await ask({ from: 'channel/oslo-1992', to: 'government/israel', window: { from: '1992-12', to: '1993-09' } });
    expect(firstPath(answer)).toEqual([['yair-hirschfeld', 'yossi-beilin', 'shimon-peres', 'israel'], '1993-01-01', '1993-03-31']);
    for (const p of answer.paths) for (const h of p.hops) expect(h.link.citations.length).toBeGreaterThan(0);
  });

  // L27 (W06, W57, W62).
  it('fewest hops answers with the handshake at the initialling (20 Aug 1993)', async () => {
    const answer = await ask({ from: 'channel/oslo-1992', to: 'government/israel', window: { from: '1992-12', to: '1993-09' }, rankBy: 'FEWEST_HOPS' });
    expect(firstPath(answer)).toEqual([['ahmed-qurei', 'shimon-peres', 'israel'], '1993-08-20', '1993-08-20']);
  });

  // L53 (W91): from a person the API carries the product of his own channels only, so the 1993 Oslo briefing cannot fire in 1989.
  it('Faisal Husseini reached Rabin in January 1989 only through Rabin’s emissary Goren', async () => {
    const answer = await ask({ from: 'person/faisal-husseini', to: 'person/yitzhak-rabin', window: { from: '1989-01', to: '1989-01' } });
    expect(answer.paths.map((p) => [p.nodes.map((n) => n.id.split('/')[1]), p.earliestArrival, p.latestArrival])).toEqual([
      [['faisal-husseini', 'shmuel-goren', 'yitzhak-rabin'], '1989-01-22', '1989-01-31'],
    ]);
  });

  // L54 (W111, W115).
  it('the Stockholm talks of 1988 reached Secretary of State Shultz through the Swedish relay on 14 Dec 1988', async () => {
    const answer = await ask({ from: 'channel/stockholm-1988', to: 'government/united-states', mode: 'DOCUMENTED', window: { from: '1988-11', to: '1988-12' } });
    expect(firstPath(answer)).toEqual([['anders-bjurner', 'ulf-hjertonsson', 'richard-murphy', 'george-shultz', 'united-states'], '1988-12-14', '1988-12-14']);
  });

  // L36, L37 (W21, W24).
  it('the Stockholm understandings of 1994–95 reached Israel’s government only through Peres’s rejection, and the answer says so', async () => {
    const variables = { from: 'channel/stockholm-1994', to: 'government/israel', mode: 'DOCUMENTED', window: { from: '1994-08', to: '1996-05' } };
    const answer = await ask(variables);
    expect([answer.paths.length, answer.stopReason, answer.closest?.node.id, answer.closest?.hops]).toEqual([0, 'BLOCKED', 'person/mahmoud-abbas', 1]);
    expect(answer.explanation).toMatch(/^No path: the search stopped at Mahmoud Abbas .* because /);
    expect(firstPath(await ask({ ...variables, includeBlocked: true }))).toEqual([['ron-pundak', 'yossi-beilin', 'shimon-peres', 'israel'], '1995-11-04', '1995-11-22']);
  });
});

describe('search through the full-text index', () => {
  const SEARCH = 'query($text: String!) { search(text: $text, limit: 5) { node { id } matched } }';
  it.each([
    ['Abu Mazin', 'person/mahmoud-abbas'],
    ['Abu Ala', 'person/ahmed-qurei'],
    ['Qureia', 'person/ahmed-qurei'],
    ['Mendes France', 'person/pierre-mendes-france'],
    ['محمود عباس', 'person/mahmoud-abbas'],
    ['أحمد قريع', 'person/ahmed-qurei'],
    ['שמעון פרס', 'person/shimon-peres'],
  ])('"%s" finds %s first', async (text, id) => {
    const { body } = await gql(app, SEARCH, { text });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect((body.data.search as { node: { id: string } }[])[0]?.node.id).toBe(id);
  });
});
