import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { materializeGraph, simpleDateArb, tryParse, whenTextArb, type LinkSeed } from '../support/arbitraries.ts';
import { CONFIDENCES, LINK_TYPES, LINK_TYPE_NAMES, OFFICE_RANKS, OUTCOMES, type LinkType, type NodeKind } from '../../core/model.ts';
import { parseWhen, dayOf, type When } from '../../core/dates.ts';
import { buildGraph, type GraphLink, type GraphNode } from '../../engine/graph.ts';
import { influencePaths, RERANK_POOL, targetsReached, type PathQuery, type PathTarget } from '../../engine/influence-paths.ts';
import { brokers, type BrokerQuery } from '../../engine/brokers.ts';
import { referenceBrokers, referencePaths, referenceWhoMetWhom } from '../support/reference.ts';
import { buildCoPresence, whoMetWhom, type SessionAttendance } from '../../engine/who-met-whom.ts';
import type { TimeMode } from '../../engine/rules.ts';

type Infer<A> = A extends fc.Arbitrary<infer T> ? T : never;

const RUNS_PER_TIME_MODE = Number(process.env.PATH_PROPERTY_RUNS ?? 5000);
const KINDS: NodeKind[] = ['Person', 'Person', 'Person', 'Person', 'Person', 'Person', 'Person', 'Institution', 'Government', 'Government', 'Channel', 'Channel', 'Document', 'Session'];

const simpleDate = simpleDateArb(['', '', '', '~', '?', '%']);
const whenText = whenTextArb(simpleDate, { point: 3, span: 3, after: true });


const linkSeed: fc.Arbitrary<LinkSeed> = fc.record({
  type: fc.constantFrom(...LINK_TYPE_NAMES, 'HELD_OFFICE', 'HELD_OFFICE', 'HELD_OFFICE', 'REPORTED_TO', 'REPORTED_TO', 'BRIEFED', 'BRIEFED', 'CARRIED_DOCUMENT_TO', 'ADVISED', 'MET', 'MET', 'PARTICIPATED_IN', 'PARTICIPATED_IN', 'MENTORED', 'MENTORED', 'FACILITATED', 'REPORTED_TO', 'BRIEFED', 'ADVISED', 'MET', 'CARRIED_DOCUMENT_TO', 'PARTICIPATED_IN'),
  from: fc.noBias(fc.nat(5039)),
  to: fc.noBias(fc.nat(5039)),
  when: fc.option(whenText, { freq: 4 }),
  confidence: fc.constantFrom(...CONFIDENCES),
  outcome: fc.option(fc.constantFrom(...OUTCOMES), { freq: 2 }),
  rank: fc.constantFrom(...OFFICE_RANKS, 'head', 'leader', 'head', 'leader'),
  about: fc.option(fc.noBias(fc.nat(5039)), { freq: 2 }),
});

/** Governments get leaders: a few head/leader offices on top of the random links. */
const officeSeed = fc.array(
  fc.record({ person: fc.noBias(fc.nat(5039)), government: fc.noBias(fc.nat(5039)), when: fc.option(whenText, { freq: 4 }), confidence: fc.constantFrom(...CONFIDENCES), rank: fc.constantFrom('head', 'leader') as fc.Arbitrary<(typeof OFFICE_RANKS)[number]> }),
  { minLength: 1, maxLength: 3 },
);

const graphSeed = fc.record({
  offices: officeSeed,
  kinds: fc.noBias(fc.array(fc.constantFrom(...KINDS), { minLength: 3, maxLength: 9, size: 'max' })),
  links: fc.oneof(fc.array(linkSeed, { maxLength: 25, size: 'max' }), fc.array(linkSeed, { minLength: 14, maxLength: 25, size: 'max' })),
});


const DAY_1990 = dayOf('1990-01-01');
const DAY_1994 = dayOf('1994-12-31');
const windowBound = fc.oneof(fc.constant(null), fc.integer({ min: DAY_1990 - 400, max: DAY_1994 + 400 }));

const querySeed = fc.record({
  from: fc.array(fc.noBias(fc.nat(5039)), { minLength: 1, maxLength: 3 }),
  target: fc.constantFrom('node', 'government', 'decisionMaker'),
  targetIndex: fc.noBias(fc.nat(5039)),
  window: fc.option(fc.tuple(windowBound, windowBound), { freq: 2 }),
  linkTypes: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.subarray([...LINK_TYPE_NAMES]) }),
  excludeNodes: fc.oneof({ weight: 4, arbitrary: fc.constant<number[]>([]) }, { weight: 1, arbitrary: fc.array(fc.nat(), { maxLength: 2 }) }),
  excludeLinks: fc.oneof({ weight: 4, arbitrary: fc.constant<number[]>([]) }, { weight: 1, arbitrary: fc.array(fc.nat(), { maxLength: 2 }) }),
  includeBlocked: fc.boolean(),
  rankBy: fc.constantFrom('FEWEST_HOPS', 'EARLIEST_ARRIVAL', 'STRONGEST_EVIDENCE', undefined),
  carrying: fc.option(fc.array(fc.noBias(fc.nat(5039)), { maxLength: 2 }), { freq: 2 }),
  maxHops: fc.noBias(fc.integer({ min: 1, max: 8 })),
  k: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 25 })),
});

/** The target a seed names: a government or any node by index (a government only if there is one), else any decision-maker. */
function pickTarget(nodes: GraphNode[], kind: 'node' | 'government' | 'decisionMaker', index: number): PathTarget {
  const governments = nodes.filter((n) => n.kind === 'Government');
  if (kind === 'government' && governments.length > 0) return { kind: 'government', id: governments[index % governments.length].id };
  if (kind === 'node') return { kind: 'node', id: nodes[index % nodes.length].id };
  return { kind: 'decisionMaker' };
}

/** A window between two optional bounds, in either order (a missing bound is open). */
function windowBetween([a, b]: readonly [number | null, number | null]): { from: number; to: number } {
  const lo = a === null ? -Infinity : a;
  const hi = b === null ? Infinity : b;
  return { from: Math.min(lo, hi), to: Math.max(lo, hi) };
}

function makeQuery(nodes: GraphNode[], links: GraphLink[], seed: Infer<typeof querySeed>, time: TimeMode): Omit<PathQuery, 'mode'> {
  const people = nodes.filter((n) => n.kind === 'Person' || n.kind === 'Channel');
  const pool = people.length > 0 ? people : nodes;
  const to = pickTarget(nodes, seed.target, seed.targetIndex);
  const query: Omit<PathQuery, 'mode'> = {
    from: seed.from.map((i) => pool[i % pool.length].id),
    to,
    time,
    maxHops: seed.maxHops,
    k: seed.k,
    includeBlocked: seed.includeBlocked,
    excludeNodes: seed.excludeNodes.map((i) => nodes[(i * 7 + 3) % nodes.length].id),
    excludeLinks: links.length === 0 ? [] : seed.excludeLinks.map((i) => links[i % links.length].id),
  };
  if (seed.linkTypes) query.linkTypes = seed.linkTypes;
  if (seed.rankBy) query.rankBy = seed.rankBy;
  const channels = nodes.filter((n) => n.kind === 'Channel');
  if (seed.carrying) query.carrying = channels.length === 0 ? [] : seed.carrying.map((i) => channels[i % channels.length].id);
  if (seed.window) query.window = windowBetween(seed.window);
  return query;
}

function checkAgainstReference(graphInput: Infer<typeof graphSeed>, seed: Infer<typeof querySeed>, time: TimeMode): void {
  const { nodes, links } = materializeGraph(graphInput);
  const graph = buildGraph(nodes, links);
  for (const mode of ['POTENTIAL', 'DOCUMENTED'] as const) {
    const query: PathQuery = { ...makeQuery(nodes, links, seed, time), mode };
    const expected = referencePaths(nodes, links, query);
    // Re-ranking is exact while the query has at most RERANK_POOL paths; random small graphs stay far below it.
    if (query.rankBy && query.rankBy !== 'FEWEST_HOPS') expect(referencePaths(nodes, links, { ...query, k: RERANK_POOL + 1 }).length).toBeLessThanOrEqual(RERANK_POOL);
    const result = influencePaths(graph, query);
    const actual = result.paths.map((p) => ({
      linkIds: p.hops.map((h) => h.link.id),
      nodes: p.nodes,
      arrival: p.arrival,
      latestArrival: p.latestArrival,
      certain: p.certain,
      evidence: p.evidence,
      strength: p.strength,
      weakestHop: p.weakestHop,
    }));
    expect(actual).toEqual(expected);
    expect(result.budgetExceeded).toBe(false);
    expect(result.static).toBe(time === 'IGNORE');
    if (expected.length === 0) expect(result.stopReason).not.toBeNull();
    else expect(result.stopReason).toBeNull();
  }
}

describe('influencePaths agrees with the exhaustive reference on random small graphs', () => {
  for (const time of ['RESPECTING', 'WITHIN_WINDOW', 'IGNORE'] as const) {
    it(`${time}: same paths, same order, same arrival, certainty and evidence (both modes)`, () => {
      fc.assert(
        fc.property(graphSeed, querySeed, (g, q) => checkAgainstReference(g, q, time)),
        { numRuns: RUNS_PER_TIME_MODE },
      );
    }, 120_000);
  }

  it('targetsReached gives every reachable target its fewest hops and earliest arrival over all reference paths', () => {
    fc.assert(
      fc.property(graphSeed, querySeed, (g, q) => {
        const { nodes, links } = materializeGraph(g);
        const graph = buildGraph(nodes, links);
        for (const mode of ['POTENTIAL', 'DOCUMENTED'] as const) {
          const query: PathQuery = { ...makeQuery(nodes, links, q, 'RESPECTING'), mode, k: Number.MAX_SAFE_INTEGER };
          const expected = new Map<string, { hops: number; arrival: number | null }>();
          for (const path of referencePaths(nodes, links, query)) {
            const office = query.to.kind !== 'node';
            const key = office ? `${path.nodes[path.nodes.length - 2]}>${path.nodes[path.nodes.length - 1]}` : path.nodes[path.nodes.length - 1];
            const known = expected.get(key) ?? { hops: Infinity, arrival: Infinity as number | null };
            known.hops = Math.min(known.hops, path.linkIds.length);
            // An undated path could have arrived at any time: the earliest possible arrival is then unbounded (null).
            if (known.arrival !== null && (path.arrival === null || path.arrival < known.arrival)) known.arrival = path.arrival;
            expected.set(key, known);
          }
          const actual = new Map(targetsReached(graph, { ...query, time: 'RESPECTING' }).map((t) => [t.governmentId ? `${t.personId}>${t.governmentId}` : t.personId, { hops: t.hops, arrival: t.arrival }]));
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: 3000 },
    );
  }, 120_000);

  it('finds paths often enough that the comparison means something', () => {
    let withPaths = 0;
    let runs = 0;
    fc.assert(
      fc.property(graphSeed, querySeed, (g, q) => {
        const { nodes, links } = materializeGraph(g);
        const query: PathQuery = { ...makeQuery(nodes, links, q, 'RESPECTING'), mode: 'POTENTIAL' };
        runs++;
        if (referencePaths(nodes, links, query).length > 0) withPaths++;
      }),
      { numRuns: 1000, seed: 42 },
    );
    expect(withPaths / runs).toBeGreaterThan(0.1);
  });
});

const brokerSeed = fc.record({
  sources: fc.array(fc.noBias(fc.nat(5039)), { minLength: 1, maxLength: 4 }),
  target: fc.constantFrom('node', 'government', 'decisionMaker'),
  targetIndex: fc.noBias(fc.nat(5039)),
  window: fc.option(fc.tuple(windowBound, windowBound), { freq: 2 }),
  mode: fc.constantFrom('POTENTIAL', 'DOCUMENTED') as fc.Arbitrary<'POTENTIAL' | 'DOCUMENTED'>,
  maxHops: fc.noBias(fc.integer({ min: 1, max: 8 })),
  candidates: fc.option(fc.integer({ min: 1, max: 40 }), { freq: 2 }),
  pathsPerPair: fc.option(fc.integer({ min: 1, max: 6 }), { freq: 2 }),
  /** The channels whose product the paths may carry, by index among the graph's channels. */
  carrying: fc.option(fc.array(fc.noBias(fc.nat(5039)), { maxLength: 2 }), { freq: 2 }),
});

function brokerQuery(nodes: GraphNode[], seed: Infer<typeof brokerSeed>): BrokerQuery {
  const people = nodes.filter((n) => n.kind === 'Person');
  const pool = people.length > 0 ? people : nodes;
  const target = pickTarget(nodes, seed.target, seed.targetIndex);
  const query: BrokerQuery = { sources: seed.sources.map((i) => pool[i % pool.length].id), target, mode: seed.mode, maxHops: seed.maxHops };
  if (seed.window) query.window = windowBetween(seed.window);
  if (seed.candidates !== null) query.candidates = seed.candidates;
  if (seed.pathsPerPair !== null) query.pathsPerPair = seed.pathsPerPair;
  const channels = nodes.filter((n) => n.kind === 'Channel');
  if (seed.carrying) query.carrying = channels.length === 0 ? [] : seed.carrying.map((i) => channels[i % channels.length].id);
  return query;
}

/** Few distinct dates, so that intervals often touch at a single day (the overlap rule's boundary). */
const touchingWhen = fc.oneof(whenText, fc.constantFrom('1990', '1991', '1990-12-31', '1991-01-01', '1990/1991', '1991-12-31/1992', '../1990-12-31', '1991-12-31/..'));

/** People, channels and sessions only: who-met-whom reads MET links, memberships and attendance. */
const meetingSeed = fc.record({
  people: fc.integer({ min: 2, max: 7 }),
  channels: fc.integer({ min: 1, max: 3 }),
  met: fc.array(fc.record({ a: fc.nat(), b: fc.nat(), when: fc.option(touchingWhen, { freq: 4 }), confidence: fc.constantFrom(...CONFIDENCES) }), { maxLength: 8 }),
  memberships: fc.array(fc.record({ person: fc.nat(), channel: fc.nat(), when: fc.option(touchingWhen, { freq: 4 }), confidence: fc.constantFrom(...CONFIDENCES) }), { maxLength: 12 }),
  sessions: fc.array(fc.record({ channel: fc.nat(), when: fc.option(touchingWhen, { freq: 4 }), attendees: fc.array(fc.nat(), { maxLength: 5 }) }), { maxLength: 3 }),
  a: fc.nat(),
  b: fc.nat(),
  window: fc.option(fc.tuple(windowBound, windowBound), { freq: 2 }),
  k: fc.integer({ min: 1, max: 8 }),
  maxHops: fc.integer({ min: 0, max: 6 }),
});

/** One membership per person and channel: a second one would make two chains tie on every rank key. */
function meetingGraph(seed: Infer<typeof meetingSeed>) {
  const person = (i: number) => `person/p${i % seed.people}`;
  const channel = (i: number) => `channel/c${i % seed.channels}`;
  const nodes: GraphNode[] = [
    ...Array.from({ length: seed.people }, (_, i) => ({ id: person(i), kind: 'Person' as const, name: `P${i}` })),
    ...Array.from({ length: seed.channels }, (_, i) => ({ id: channel(i), kind: 'Channel' as const, name: `C${i}` })),
  ];
  const links: GraphLink[] = [];
  seed.met.forEach((m, i) => {
    const when = tryParse(m.when);
    links.push({ id: `link/met${i}`, type: 'MET', from: person(m.a), to: person(m.b), confidence: m.confidence, place: `Place ${i}`, citations: [{ source: `source/met${i}` }], ...(when ? { when } : {}) });
  });
  const joined = new Set<string>();
  seed.memberships.forEach((m, i) => {
    const key = `${person(m.person)}>${channel(m.channel)}`;
    if (joined.has(key)) return;
    joined.add(key);
    const when = tryParse(m.when);
    links.push({ id: `link/took-part${i}`, type: 'PARTICIPATED_IN', from: person(m.person), to: channel(m.channel), confidence: m.confidence, citations: [{ source: `source/member${i}` }], ...(when ? { when } : {}) });
  });
  const sessions: SessionAttendance[] = seed.sessions.map((s, i) => ({
    id: `session/s${i}`, channelId: channel(s.channel), when: tryParse(s.when), place: `Room ${i}`, attendees: s.attendees.map(person), citations: [{ source: `source/session${i}` }],
  }));
  let window: { from: number; to: number } | undefined;
  if (seed.window) {
    const [lo, hi] = seed.window;
    window = { from: lo ?? -Infinity, to: hi ?? Infinity };
  }
  return { nodes, links, sessions, a: person(seed.a), b: person(seed.b), window };
}

describe('brokers and who-met-whom agree with their plain references on random small graphs', () => {
  it('brokers: the same people, counts and removal effects as a fresh reach computation per candidate and source', () => {
    let withEffect = 0;
    let withLeaderLost = 0;
    fc.assert(
      fc.property(graphSeed, brokerSeed, (g, q) => {
        const { nodes, links } = materializeGraph(g);
        const graph = buildGraph(nodes, links);
        const query = brokerQuery(nodes, q);
        const expected = referenceBrokers(graph, query);
        expect(brokers(graph, query)).toEqual(expected);
        if (expected.some((b) => b.targetsLost > 0 || b.extraHops > 0 || b.laterArrivalDays > 0)) withEffect++;
        if (expected.some((b) => b.leadersLost.length > 0)) withLeaderLost++;
      }),
      { numRuns: 5000, seed: 8 },
    );
    // A comparison that only ever sees empty answers proves nothing.
    expect(withEffect).toBeGreaterThan(100);
    expect(withLeaderLost).toBeGreaterThan(100);
  }, 120_000);

  it('whoMetWhom: the same chains in the same order as enumerating every simple chain', () => {
    let withChains = 0;
    fc.assert(
      fc.property(meetingSeed, (seed) => {
        const { nodes, links, sessions, a, b, window } = meetingGraph(seed);
        const expected = referenceWhoMetWhom(links, sessions, a, b, window, seed.k, seed.maxHops);
        const actual = whoMetWhom(buildCoPresence(buildGraph(nodes, links), sessions), a, b, window, seed.k, seed.maxHops);
        expect(actual).toEqual(expected);
        if (expected.length > 1) withChains++;
      }),
      { numRuns: 5000, seed: 8 },
    );
    expect(withChains).toBeGreaterThan(500);
  }, 120_000);
});
