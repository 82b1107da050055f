// channelReach says where a channel stopped, and brokers say in words what is lost without each: the two answers the
// explorer's Brokers, Reach and Compare views show (issue 18), checked on the seeded record.
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

const REACH = `query($c: ID!, $w: WindowInput, $m: PathMode) { channelReach(channel: $c, window: $w, mode: $m) {
  sides { side governments { government { id } leaders { leader { id } } } }
  stopped { side government { id } stopReason explanation closest { node { id } brokenLink { id } } } } }`;
const PATHS = `query($c: ID!, $g: ID, $w: WindowInput, $m: PathMode) { influencePaths(from: $c, to: $g, window: $w, mode: $m, k: 1) { stopReason explanation paths { hopCount } } }`;

async function data(query: string, variables: Record<string, unknown>) {
  const { body } = await gql(app, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

describe('where a channel stopped', () => {
  it('the 1994–95 Stockholm talks stopped short of Israel’s leaders at Peres’s rejection (BLOCKED), as influencePaths says', async () => {
    const window = { from: '1994-08', to: '1995-11-04' };
    const reach = (await data(REACH, { c: 'channel/stockholm-1994', w: window, m: 'DOCUMENTED' })).channelReach;
    expect(reach.sides.flatMap((s: { governments: unknown[] }) => s.governments)).toEqual([]);
    const israel = reach.stopped.find((s: { government: { id: string } }) => s.government.id === 'government/israel');
    expect(israel).toMatchObject({ side: 'israeli', stopReason: 'BLOCKED' });
    const paths = (await data(PATHS, { c: 'channel/stockholm-1994', g: 'government/israel', w: window, m: 'DOCUMENTED' })).influencePaths;
    expect(israel.explanation).toBe(paths.explanation);
    // Every government of the two sides is accounted for, once.
    expect(reach.stopped.map((s: { government: { id: string } }) => s.government.id).sort()).toEqual(['government/israel', 'government/palestinian-authority', 'government/plo']);
  });

  it('Oslo stopped nowhere on its sides: it reached Rabin, Peres and Arafat, and lists no stop', async () => {
    const reach = (await data(REACH, { c: 'channel/oslo-1992', w: { from: '1992-12', to: '1993-09' }, m: 'DOCUMENTED' })).channelReach;
    const leaders = reach.sides.flatMap((s: { governments: { leaders: { leader: { id: string } }[] }[] }) => s.governments.flatMap((g) => g.leaders.map((l) => l.leader.id)));
    expect(leaders).toEqual(expect.arrayContaining(['person/yitzhak-rabin', 'person/shimon-peres', 'person/yasser-arafat']));
    expect(reach.stopped).toEqual([]);
  });
});

describe('brokers in words', () => {
  it('says how many paths and pairs pass through each broker and what is lost without them, matching the counts', async () => {
    const brokers = (await data(`query($c: ID!, $w: WindowInput, $m: PathMode) { brokers(channel: $c, window: $w, mode: $m) {
      person { id name } pathsThrough pairsThrough targetsLost extraHops laterArrivalDays leadersLost { id name } sentence } }`,
    { c: 'channel/stockholm-1994', w: { from: '1994-08', to: '1995-11-04' }, m: 'POTENTIAL' })).brokers;
    const beilin = brokers.find((b: { person: { id: string } }) => b.person.id === 'person/yossi-beilin');
    expect(beilin.sentence).toContain(`Yossi Beilin is on ${beilin.pathsThrough} counted paths, between ${beilin.pairsThrough} participant–decision-maker pairs.`);
    // Stockholm's product reached Israel's leaders only through Beilin (potential links): without him, none of it.
    expect(beilin.targetsLost).toBe(beilin.pairsThrough);
    expect(beilin.sentence).toContain('Without Yossi Beilin, none of them is reached at all');
    // …and the leaders lost are Israel's: his was the only way in (the Palestinian pair had Abbas).
    const lost = beilin.leadersLost.map((p: { id: string }) => p.id);
    expect(lost).toEqual(expect.arrayContaining(['person/shimon-peres', 'person/yitzhak-rabin']));
    for (const p of beilin.leadersLost) expect(beilin.sentence).toContain(p.name);
    for (const b of brokers) expect(b.sentence.startsWith(`${b.person.name} is on ${b.pathsThrough} counted path`)).toBe(true);
  });
});
