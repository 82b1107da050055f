// The channel analysis views' pure parts: their permalink, the broker sizes and highlights drawn on the canvas, the
// rows of a two-channel comparison, and the sentence the API writes for a broker.
import { describe, expect, it } from 'vitest';
import { BROKER_SIZE, brokerSizes, brokersScene, compareRows, compareScene, throughWhom } from '../../web/analysis-model.ts';
import { DEFAULT_VIEW, decodeView, encodeView, type View } from '../../web/permalink.ts';
import { brokerSentence } from '../../api/answers.ts';
import type { Broker, ChannelReach, Link, NodeBrief, Path } from '../../web/types.ts';

const person = (slug: string, name: string, side = 'israeli'): NodeBrief => ({ __typename: 'Person', id: `person/${slug}`, kind: 'PERSON', name, side });
const government = (slug: string, name: string, side: string): NodeBrief => ({ __typename: 'Government', id: `government/${slug}`, kind: 'GOVERNMENT', name, side });
const hirschfeld = person('yair-hirschfeld', 'Yair Hirschfeld');
const beilin = person('yossi-beilin', 'Yossi Beilin');
const peres = person('shimon-peres', 'Shimon Peres');
const qurei = person('ahmed-qurei', 'Ahmed Qurei', 'palestinian');
const arafat = person('yasser-arafat', 'Yasser Arafat', 'palestinian');
const israel = government('israel', 'Government of Israel', 'israeli');
const plo = government('plo', 'PLO', 'palestinian');

const link = (from: NodeBrief, to: NodeBrief): Link => ({
  id: `REPORTED_TO:${from.id}>${to.id}`, type: 'REPORTED_TO', family: 'TRANSMISSION', from, to, confidence: 'HIGH', outcome: null, role: null, side: null, title: null, rank: null,
  place: null, note: null, sentence: `${from.name} reported to ${to.name}`, citations: [], disputes: [], when: null,
});
function path(nodes: NodeBrief[]): Path {
  const hops = nodes.slice(1).map((to, i) => link(nodes[i], to));
  return {
    rank: 1, hopCount: hops.length, arrival: null, arrivalLabel: null, earliestArrival: null, latestArrival: null, arrivalRangeLabel: null, certain: true, evidence: 1, weakestHop: 0,
    source: nodes[0], decisionMaker: null, government: null, nodes, hops: hops.map((l) => ({ link: l, from: l.from, to: l.to, against: false, instant: null, sentence: l.sentence })),
  };
}
const broker = (p: NodeBrief, pathsThrough: number): Broker => ({ person: p, pathsThrough, pairsThrough: 1, targetsLost: 0, extraHops: 0, laterArrivalDays: 0, leadersLost: [], sentence: '' });

describe('the analysis permalink', () => {
  it('round-trips each view with its channels, windows, mode and highlight, and leaves the defaults out', () => {
    const views: View[] = [
      { ...DEFAULT_VIEW, tab: 'channels', scene: 'analysis', channel: 'channel/oslo-1992', channelFrom: '1992-12-04', channelTo: '1993-09-13', channelTarget: 'government/israel', analysisSelected: 'person/yossi-beilin' },
      { ...DEFAULT_VIEW, tab: 'channels', scene: 'analysis', analysis: 'reach', channel: 'channel/oslo-1992', channelMode: 'POTENTIAL', analysisSelected: 'government/plo' },
      { ...DEFAULT_VIEW, tab: 'channels', scene: 'analysis', analysis: 'compare', channel: 'channel/oslo-1992', other: 'channel/stockholm-1994', otherFrom: '1994-08', otherTo: '1995-11-04' },
    ];
    for (const view of views) expect(decodeView(`#${encodeView(view)}`)).toEqual(view);
    expect(encodeView({ ...DEFAULT_VIEW, channelMode: 'DOCUMENTED', analysis: 'brokers' })).toBe('');
    expect(decodeView('#an=everything&cm=SOMETIMES&cf=yesterday')).toMatchObject({ analysis: 'brokers', channelMode: 'DOCUMENTED', channelFrom: '' });
  });
});

describe('brokers on the canvas', () => {
  it('sizes brokers by the paths through them, the busiest largest, and highlights only the picked broker’s paths', () => {
    const sizes = brokerSizes([broker(beilin, 10), broker(peres, 5), broker(qurei, 0)]);
    expect(sizes.get(beilin.id)).toBe(BROKER_SIZE.max);
    expect(sizes.get(peres.id)).toBeGreaterThan(BROKER_SIZE.min);
    expect(sizes.get(peres.id)).toBeLessThan(BROKER_SIZE.max);
    expect(sizes.has(qurei.id)).toBe(false);
    const viaBeilin = path([hirschfeld, beilin, peres, israel]);
    const direct = path([qurei, arafat, plo]);
    const scene = brokersScene({ static: false, stopReason: null, explanation: null, datasetVersion: 'v', closest: null, paths: [viaBeilin, direct] }, [broker(beilin, 1)], beilin.id);
    expect([...scene.highlightA].filter((id) => !id.includes(':')).sort()).toEqual([beilin.id, israel.id, hirschfeld.id, peres.id].sort());
    expect(scene.highlightA.has(arafat.id)).toBe(false);
    expect(scene.nodes.size).toBe(7);
  });
});

describe('two channels side by side', () => {
  const reach = (channel: string, participants: NodeBrief[], sides: ChannelReach['sides'], stopped: ChannelReach['stopped'] = []): ChannelReach => ({
    channel: { id: channel, name: channel, when: null }, participants, sides, unreached: [], stopped,
  });
  const oslo = reach('channel/oslo-1992', [hirschfeld, qurei], [
    { side: 'israeli', governments: [{ government: israel, hops: 3, arrival: '1993-01-01', bestPath: path([hirschfeld, beilin, peres, israel]), leaders: [{ leader: peres, by: hirschfeld, hops: 2, arrival: '1993-01-01' }] }] },
    { side: 'american', governments: [{ government: government('united-states', 'United States', 'american'), hops: 4, arrival: '1993-09-13', bestPath: null, leaders: [] }] },
  ]);
  const stockholm = reach('channel/stockholm-1994', [hirschfeld, person('hussein-agha', 'Hussein Agha', 'palestinian')], [], [
    { side: 'israeli', government: israel, stopReason: 'BLOCKED', explanation: 'No path: only through a rejected transmission.', closest: null },
  ]);

  it('puts the participants’ sides first, then other sides reached, with what each channel reached or where it stopped', () => {
    const rows = compareRows(oslo, stockholm);
    expect(rows.map((r) => [r.side, r.own])).toEqual([['israeli', true], ['palestinian', true], ['american', false]]);
    expect(rows[0].a.reached[0]).toMatchObject({ governmentId: 'government/israel', hops: 3, through: ['Yair Hirschfeld', 'Yossi Beilin', 'Shimon Peres'] });
    expect(rows[0].b).toMatchObject({ reached: [], stopped: [{ governmentId: 'government/israel', stopReason: 'BLOCKED' }], absent: false });
    expect(rows[2].b.absent).toBe(true);
  });

  it('draws the first channel in one highlight and the second in the other', () => {
    const scene = compareScene(oslo, stockholm);
    expect(scene.highlightA.has(beilin.id)).toBe(true);
    expect(scene.highlightB.has(beilin.id)).toBe(false);
    expect(throughWhom(null)).toEqual([]);
  });

  it('draws every participant of each channel, even one who reached no one, and every leader reached, marked as a leader', () => {
    const scene = compareScene(oslo, stockholm);
    expect(scene.nodes.has('person/hussein-agha')).toBe(true);
    expect(scene.highlightB.has('person/hussein-agha')).toBe(true);
    expect(scene.highlightA.has('person/hussein-agha')).toBe(false);
    expect(scene.highlightA.has(qurei.id)).toBe(true);
    expect(scene.leaders.has(peres.id)).toBe(true);
  });
});

describe('a broker in words', () => {
  const b = { personId: 'person/yossi-beilin', pathsThrough: 5, pairsThrough: 3, targetsLost: 0, extraHops: 2, laterArrivalDays: 30, leadersLost: [] };
  it('says what passes through a broker and what is lost without them', () => {
    expect(brokerSentence('Yossi Beilin', b)).toBe('Yossi Beilin is on 5 counted paths, between 3 participant–decision-maker pairs. Without Yossi Beilin, all of them are still reached, with 2 more hops and 30 days later, summed over those pairs.');
    expect(brokerSentence('Yossi Beilin', { ...b, targetsLost: 3 })).toBe('Yossi Beilin is on 5 counted paths, between 3 participant–decision-maker pairs. Without Yossi Beilin, none of them is reached at all.');
    expect(brokerSentence('Yossi Beilin', { ...b, targetsLost: 3 }, ['Shimon Peres', 'Yitzhak Rabin'])).toBe('Yossi Beilin is on 5 counted paths, between 3 participant–decision-maker pairs. Without Yossi Beilin, none of them is reached at all: no participant reaches Shimon Peres or Yitzhak Rabin any more.');
    expect(brokerSentence('Uri Savir', { ...b, pathsThrough: 1, pairsThrough: 2, targetsLost: 1, extraHops: 0, laterArrivalDays: 0 }))
      .toBe('Uri Savir is on 1 counted path, between 2 participant–decision-maker pairs. Without Uri Savir, 1 of them is no longer reached at all; the other 1 is still reached, as fast and in as few hops.');
  });
});
