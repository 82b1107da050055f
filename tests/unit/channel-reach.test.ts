import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { materializeGraph, simpleDateArb, whenTextArb } from '../support/arbitraries.ts';
import { CONFIDENCES, LINK_TYPES, LINK_TYPE_NAMES, OUTCOMES, type LinkType, type NodeKind } from '../../core/model.ts';
import { dayOf, parseWhen, type When } from '../../core/dates.ts';
import { buildGraph, type GraphLink, type GraphNode } from '../../engine/graph.ts';
import { channelReach, type ChannelReachOptions } from '../../engine/channel-reach.ts';
import { channelReachReference } from '../support/reference.ts';
import { syntheticGraph } from '../../bench/synthetic.ts';
import { seededRandom } from '../../web/seeded-random.ts';

// The fast channelReach (one search for everyone, pruned searches per participant) must give exactly what one
// targetsReached per participant gives: same leaders, same participant per leader, hops, arrivals and best paths.

const RUNS = Number(process.env.CHANNEL_REACH_RUNS ?? 1500);
const KINDS: NodeKind[] = ['Person', 'Person', 'Person', 'Person', 'Person', 'Person', 'Institution', 'Government', 'Government', 'Channel'];

const simpleDate = simpleDateArb(['', '', '', '~', '?']);
// Undated and open-started links matter: they give unknown (null) arrivals, which rank last.
const whenText = whenTextArb(simpleDate, { point: 4, span: 3, after: false });

const STEP_TYPES: LinkType[] = ['REPORTED_TO', 'BRIEFED', 'CARRIED_DOCUMENT_TO', 'ADVISED', 'MET', 'MET', 'PARTICIPATED_IN', 'MENTORED', 'AFFILIATED_WITH', 'PART_OF'];

const linkSeed = fc.record({
  type: fc.constantFrom(...LINK_TYPE_NAMES, ...STEP_TYPES, ...STEP_TYPES, 'HELD_OFFICE', 'HELD_OFFICE'),
  from: fc.noBias(fc.nat(5039)),
  to: fc.noBias(fc.nat(5039)),
  when: fc.option(whenText, { freq: 5 }),
  confidence: fc.constantFrom(...CONFIDENCES),
  outcome: fc.option(fc.constantFrom(...OUTCOMES), { freq: 4 }),
  rank: fc.constantFrom('head', 'leader', 'minister', 'head', 'leader'),
  /** For a transmission: the channel whose product it carried, by index among the channels. */
  about: fc.option(fc.noBias(fc.nat(5039)), { freq: 2 }),
});

const graphSeed = fc.record({
  kinds: fc.noBias(fc.array(fc.constantFrom(...KINDS), { minLength: 4, maxLength: 12, size: 'max' })),
  links: fc.array(linkSeed, { minLength: 5, maxLength: 40, size: 'max' }),
  offices: fc.array(fc.record({ person: fc.noBias(fc.nat(5039)), government: fc.noBias(fc.nat(5039)), when: fc.option(whenText, { freq: 5 }), rank: fc.constantFrom('head', 'leader') }), { minLength: 1, maxLength: 4 }),
});

type Seed = typeof graphSeed extends fc.Arbitrary<infer T> ? T : never;

const materialize = (seed: Seed) => materializeGraph(seed, { sides: true });

const DAY_1990 = dayOf('1990-01-01');
const DAY_1994 = dayOf('1994-12-31');
const windowBound = fc.oneof(fc.constant(null), fc.integer({ min: DAY_1990 - 400, max: DAY_1994 + 400 }));

const querySeed = fc.record({
  // Indexes into the nodes (most are people); a few ids that are not in the graph, and repeats.
  participants: fc.array(fc.oneof({ weight: 9, arbitrary: fc.noBias(fc.nat(5039)) }, { weight: 1, arbitrary: fc.constant(-1) }), { minLength: 1, maxLength: 10 }),
  window: fc.option(fc.tuple(windowBound, windowBound), { freq: 2 }),
  mode: fc.constantFrom('POTENTIAL', 'DOCUMENTED') as fc.Arbitrary<'POTENTIAL' | 'DOCUMENTED'>,
  maxHops: fc.option(fc.integer({ min: 1, max: 8 }), { freq: 3 }),
  /** The channel asked about, by index among the graph's channels (-1: one not in the graph). */
  channel: fc.oneof({ weight: 4, arbitrary: fc.noBias(fc.nat(5039)) }, { weight: 1, arbitrary: fc.constant(-1) }),
});

type Query = typeof querySeed extends fc.Arbitrary<infer T> ? T : never;

function optionsOf(q: Query): ChannelReachOptions {
  const options: ChannelReachOptions = { mode: q.mode };
  if (q.maxHops !== null) options.maxHops = q.maxHops;
  if (q.window) {
    const lo = q.window[0] ?? -Infinity;
    const hi = q.window[1] ?? Infinity;
    options.window = { from: Math.min(lo, hi), to: Math.max(lo, hi) };
  }
  return options;
}

/** Links numbered in the order made (link/01, link/02 …), cited, high confidence, dated by `when` if given. */
function linkMaker(): (type: LinkType, from: string, to: string, when?: string, extra?: Partial<GraphLink>) => GraphLink {
  let serial = 0;
  return (type, from, to, when, extra = {}) => ({
    id: `link/${String(++serial).padStart(2, '0')}`, type, from, to, confidence: 'high', citations: [{ source: 'source/test' }],
    ...(when ? { when: parseWhen(when) } : {}), ...extra,
  });
}

/** The graph of these links and the nodes they name: governments by their id, everyone else a person, one side. */
function graphOf(links: GraphLink[]) {
  const ids = [...new Set(links.flatMap((l) => [l.from, l.to]))];
  const nodes: GraphNode[] = ids.map((id) => ({ id, kind: id.startsWith('government/') ? 'Government' : 'Person', name: id, side: 'israeli' }));
  return buildGraph(nodes, links);
}

describe('channelReach agrees with one targetsReached per participant', () => {
  it('on small random graphs: same leaders, participants, hops, arrivals, best paths and unreached participants', () => {
    fc.assert(
      fc.property(graphSeed, querySeed, (g, q) => {
        const { nodes, links } = materialize(g);
        const graph = buildGraph(nodes, links);
        const participants = q.participants.map((i) => (i < 0 ? 'person/not-in-graph' : nodes[i % nodes.length].id));
        const options = optionsOf(q);
        const channels = nodes.filter((n) => n.kind === 'Channel');
        const channelId = q.channel < 0 || channels.length === 0 ? 'channel/x' : channels[q.channel % channels.length].id;
        // Twice on the same graph: the second call runs with the per-graph scratch and orders already used.
        for (let round = 0; round < 2; round++) {
          expect(channelReach(graph, channelId, participants, options)).toEqual(channelReachReference(graph, channelId, participants, options));
        }
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('keeps the earliest arrival when a later participant takes a leader with fewer hops but a later (unknown) arrival', () => {
    // a reaches the leader in 4 hops by 1990; b in 2 hops, undated (unknown arrival, ranked last); c in 2 hops by 1995
    // and, by a 5-hop walk, by 1992. c must win with 1992: bounds fitted to a's 1990 must not prune c's long walk.
    const link = linkMaker();
    const links = [
      link('HELD_OFFICE', 'person/l', 'government/g', undefined, { rank: 'head' }),
      link('REPORTED_TO', 'person/a', 'person/a1', '1990-01'), link('REPORTED_TO', 'person/a1', 'person/a2', '1990-01'),
      link('REPORTED_TO', 'person/a2', 'person/l', '1990-01'),
      link('REPORTED_TO', 'person/b', 'person/l'),
      link('REPORTED_TO', 'person/c', 'person/l', '1995'),
      link('REPORTED_TO', 'person/c', 'person/c1', '1992'), link('REPORTED_TO', 'person/c1', 'person/c2', '1992'),
      link('REPORTED_TO', 'person/c2', 'person/c3', '1992'), link('REPORTED_TO', 'person/c3', 'person/l', '1992'),
    ];
    const graph = graphOf(links);
    const reach = channelReach(graph, 'channel/x', ['person/a', 'person/b', 'person/c']);
    expect(reach).toEqual(channelReachReference(graph, 'channel/x', ['person/a', 'person/b', 'person/c']));
    expect(reach.bySide[0].governments[0].leaders).toEqual([{ personId: 'person/l', byParticipant: 'person/c', hops: 2, earliestArrival: dayOf('1992-01-01') }]);
  });

  it('does not let a participant whose undated walk leaves the arrival unknown bound the others’ arrivals', () => {
    // The office is undated. a reaches the leader directly by 1990, but also by an undated walk: a's arrival is unknown
    // (null, ranked last). b reaches the leader directly in 1999 and, by a longer walk, in 1995: b leads with 1995.
    // a's 1990 must not prune b's longer walk.
    const link = linkMaker();
    const links = [
      link('HELD_OFFICE', 'person/l', 'government/g', undefined, { rank: 'head' }),
      link('REPORTED_TO', 'person/a', 'person/l', '1990'),
      link('REPORTED_TO', 'person/a', 'person/x'), link('REPORTED_TO', 'person/x', 'person/l'),
      link('REPORTED_TO', 'person/b', 'person/l', '1999'),
      link('REPORTED_TO', 'person/b', 'person/y', '1995'), link('REPORTED_TO', 'person/y', 'person/z', '1995'),
      link('REPORTED_TO', 'person/z', 'person/l', '1995'),
    ];
    const graph = graphOf(links);
    const reach = channelReach(graph, 'channel/x', ['person/a', 'person/b']);
    expect(reach).toEqual(channelReachReference(graph, 'channel/x', ['person/a', 'person/b']));
    expect(reach.bySide[0].governments[0].leaders).toEqual([{ personId: 'person/l', byParticipant: 'person/b', hops: 2, earliestArrival: dayOf('1995-01-01') }]);
  });

  it('asks whether a participant can tie on hops when the pruned search only found it arriving earlier by a longer walk', () => {
    // a reaches the leader directly by 1991 (2 hops with the office). b does too, but only in 1995, and by a 4-hop walk
    // by 1982. b's search, pruned to what could beat a's 1991, finds only the long walk: whether b also has a's 2 hops
    // must be asked apart (the leader's membership pass), and it has, so b leads with 2 hops and 1982.
    const link = linkMaker();
    const links = [
      link('HELD_OFFICE', 'person/l', 'government/g', undefined, { rank: 'head' }),
      link('REPORTED_TO', 'person/a', 'person/l', '1991'),
      link('REPORTED_TO', 'person/b', 'person/l', '1995'),
      link('REPORTED_TO', 'person/b', 'person/p', '1980'), link('REPORTED_TO', 'person/p', 'person/q', '1981'),
      link('REPORTED_TO', 'person/q', 'person/l', '1982'),
    ];
    const graph = graphOf(links);
    const reach = channelReach(graph, 'channel/x', ['person/a', 'person/b']);
    expect(reach).toEqual(channelReachReference(graph, 'channel/x', ['person/a', 'person/b']));
    expect(reach.bySide[0].governments[0].leaders).toEqual([{ personId: 'person/l', byParticipant: 'person/b', hops: 2, earliestArrival: dayOf('1982-01-01') }]);
  });

  it('carries only the channel’s own product: a briefing about another channel reaches no leader for it', () => {
    // p took part in both channels; p briefed the leader about channel/b only (a 1993 Oslo briefing carries no 1977 contact).
    const at = (when: string) => parseWhen(when);
    const links: GraphLink[] = [
      { id: 'link/office', type: 'HELD_OFFICE', from: 'person/leader', to: 'government/g', rank: 'head', when: at('1990/1995'), confidence: 'high', citations: [{ source: 'source/test' }] },
      { id: 'link/a', type: 'PARTICIPATED_IN', from: 'person/p', to: 'channel/a', when: at('1991'), confidence: 'high', citations: [{ source: 'source/test' }] },
      { id: 'link/b', type: 'PARTICIPATED_IN', from: 'person/p', to: 'channel/b', when: at('1993'), confidence: 'high', citations: [{ source: 'source/test' }] },
      { id: 'link/briefed', type: 'BRIEFED', from: 'person/p', to: 'person/leader', about: 'channel/b', when: at('1993-05'), confidence: 'high', citations: [{ source: 'source/test' }] },
      { id: 'link/general', type: 'REPORTED_TO', from: 'person/q', to: 'person/leader', when: at('1992'), confidence: 'high', citations: [{ source: 'source/test' }] },
    ];
    const nodes: GraphNode[] = [
      { id: 'person/p', kind: 'Person', name: 'P' }, { id: 'person/q', kind: 'Person', name: 'Q' }, { id: 'person/leader', kind: 'Person', name: 'Leader' },
      { id: 'government/g', kind: 'Government', name: 'G', side: 'israeli' }, { id: 'channel/a', kind: 'Channel', name: 'A' }, { id: 'channel/b', kind: 'Channel', name: 'B' },
    ];
    const graph = buildGraph(nodes, links);
    const leadersOf = (channelId: string, participants: string[]) =>
      channelReach(graph, channelId, participants, { mode: 'DOCUMENTED' }).bySide.flatMap((s) => s.governments.flatMap((g) => g.leaders.map((l) => [l.byParticipant, l.earliestArrival])));
    expect(leadersOf('channel/a', ['person/p'])).toEqual([]);
    expect(leadersOf('channel/b', ['person/p'])).toEqual([['person/p', dayOf('1993-05-01')]]);
    // A report about nothing in particular carries any channel's product.
    expect(leadersOf('channel/a', ['person/q'])).toEqual([['person/q', dayOf('1992-01-01')]]);
    for (const [channelId, participants] of [['channel/a', ['person/p', 'person/q']], ['channel/b', ['person/p']]] as const) {
      expect(channelReach(graph, channelId, [...participants], { mode: 'DOCUMENTED' })).toEqual(channelReachReference(graph, channelId, [...participants], { mode: 'DOCUMENTED' }));
    }
  });

  it('on synthetic benchmark-shaped graphs, for every channel, with and without a window', () => {
    for (const seed of [3, 11]) {
      const data = syntheticGraph(1500, seed);
      const graph = buildGraph(data.nodes, data.links);
      const random = seededRandom(seed);
      for (const [channelId, members] of data.participants) {
        const participants = [...new Set(members)];
        const from = dayOf('1960-01-01') + Math.floor(random() * 15000);
        for (const options of [{}, { window: { from, to: Infinity } }, { mode: 'DOCUMENTED' as const, maxHops: 4 }]) {
          expect(channelReach(graph, channelId, participants, options)).toEqual(channelReachReference(graph, channelId, participants, options));
        }
      }
    }
  }, 300_000);

  it('keeps every government\'s target bounds between queries, so a repeated query rebuilds none of them', () => {
    // Ten governments in the synthetic graphs, and a best path per government reached: with fewer cache entries than
    // governments, each query evicted the bounds the next one needed (about 0.3 s apiece at 1M links).
    const data = syntheticGraph(3000, 5);
    const graph = buildGraph(data.nodes, data.links);
    const [channelId, members] = [...data.participants].sort(([, a], [, b]) => b.length - a.length)[0];
    const participants = [...new Set(members)];
    const first = channelReach(graph, channelId, participants);
    const reached = first.bySide.flatMap((side) => side.governments).filter((g) => g.bestPath !== null).length;
    expect(reached).toBe(data.governments.length);
    const held = [...graph.boundsCache.keys()];
    expect(held.length).toBeGreaterThanOrEqual(reached);
    expect(channelReach(graph, channelId, participants)).toEqual(first);
    expect([...graph.boundsCache.keys()].sort()).toEqual([...held].sort());
  });
});
