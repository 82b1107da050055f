// Issue 20: an edit reaches the engine by patching the previous graph, not rebuilding it. On random small graphs and
// random edit sequences the patched graph is the graph buildGraph makes of the edited lists, index for index, and
// answers every query alike; the graph it was patched from answers exactly as before.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { materializeGraph, simpleDateArb, tryParse, whenTextArb, type LinkSeed } from '../support/arbitraries.ts';
import { CONFIDENCES, LINK_TYPES, LINK_TYPE_NAMES, NODE_KINDS, OFFICE_RANKS, OUTCOMES, type NodeKind } from '../../core/model.ts';
import { buildGraph, GraphError, linkEndsOf, type GraphLink, type GraphNode, type TemporalGraph } from '../../engine/graph.ts';
import { patchGraph, patchGraphSliced, patchSteps, type GraphDelta } from '../../engine/patch.ts';
import { CHUNK, runStepsSliced } from '../../engine/steps.ts';
import { influencePaths, targetsReached, type PathQuery, type PathTarget } from '../../engine/influence-paths.ts';
import { neighbourhood } from '../../engine/neighbourhood.ts';

type Infer<A> = A extends fc.Arbitrary<infer T> ? T : never;

const RUNS = Number(process.env.PATCH_PROPERTY_RUNS ?? 1500);
const KINDS: NodeKind[] = ['Person', 'Person', 'Person', 'Person', 'Person', 'Institution', 'Government', 'Government', 'Channel', 'Channel', 'Session', 'Session', 'Document'];
const whenText = whenTextArb(simpleDateArb(['', '', '~', '?']), { point: 3, span: 3, after: true });

const linkSeed: fc.Arbitrary<LinkSeed> = fc.record({
  type: fc.constantFrom(...LINK_TYPE_NAMES, 'HELD_OFFICE', 'MET', 'PARTICIPATED_IN', 'ATTENDED', 'SESSION_OF', 'REPORTED_TO', 'BRIEFED'),
  from: fc.nat(999),
  to: fc.nat(999),
  when: fc.option(whenText, { freq: 3 }),
  confidence: fc.constantFrom(...CONFIDENCES),
  outcome: fc.option(fc.constantFrom(...OUTCOMES), { freq: 3 }),
  rank: fc.constantFrom(...OFFICE_RANKS, 'head', 'leader'),
  about: fc.option(fc.nat(999), { freq: 2 }),
});

const graphSeed = fc.record({
  kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 2, maxLength: 9 }),
  links: fc.array(linkSeed, { maxLength: 20 }),
  offices: fc.array(fc.record({ person: fc.nat(999), government: fc.nat(999), when: fc.option(whenText, { freq: 3 }), rank: fc.constantFrom('head', 'leader') }), { maxLength: 2 }),
});

/** One edit, its numbers taken modulo what exists when it is applied. */
const editSeed = fc.oneof(
  fc.record({ op: fc.constant('addNode' as const), kind: fc.constantFrom(...KINDS), name: fc.nat(99), key: fc.nat(999) }),
  fc.record({ op: fc.constant('changeNode' as const), at: fc.nat(999), kind: fc.option(fc.constantFrom(...NODE_KINDS)), name: fc.nat(99) }),
  fc.record({ op: fc.constant('retireNode' as const), at: fc.nat(999) }),
  fc.record({ op: fc.constant('addLink' as const), link: linkSeed, key: fc.nat(9999) }),
  fc.record({ op: fc.constant('changeLink' as const), at: fc.nat(999), link: linkSeed, keepEnds: fc.boolean() }),
  fc.record({ op: fc.constant('retireLink' as const), at: fc.nat(999) }),
);
type EditSeed = Infer<typeof editSeed>;
/** A few versions, each written as one delta of a few edits. */
const historySeed = fc.array(fc.array(editSeed, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 });

const querySeed = fc.record({
  from: fc.array(fc.nat(999), { minLength: 1, maxLength: 3 }),
  target: fc.constantFrom('node', 'government', 'decisionMaker'),
  targetIndex: fc.nat(999),
  time: fc.constantFrom('RESPECTING', 'WITHIN_WINDOW', 'IGNORE') as fc.Arbitrary<'RESPECTING' | 'WITHIN_WINDOW' | 'IGNORE'>,
  mode: fc.constantFrom('POTENTIAL', 'DOCUMENTED') as fc.Arbitrary<'POTENTIAL' | 'DOCUMENTED'>,
  excludeLink: fc.option(fc.nat(999), { freq: 3 }),
  carrying: fc.option(fc.nat(999), { freq: 3 }),
  maxHops: fc.integer({ min: 1, max: 6 }),
});

/** A link as materializeGraph would make it: its ends picked among the kinds its type allows, or none when no pair can carry it. */
function makeLink(seed: LinkSeed, id: string, nodes: readonly GraphNode[], ends?: { from: string; to: string }): GraphLink | null {
  const spec = LINK_TYPES[seed.type];
  const froms = nodes.filter((n) => (spec.from as readonly string[]).includes(n.kind));
  const tos = nodes.filter((n) => (spec.to as readonly string[]).includes(n.kind));
  if (!ends && (froms.length === 0 || tos.length === 0)) return null;
  const link: GraphLink = {
    id, type: seed.type, confidence: seed.confidence, citations: [{ source: 'source/test' }],
    from: ends?.from ?? froms[seed.from % froms.length].id, to: ends?.to ?? tos[seed.to % tos.length].id,
  };
  const when = tryParse(seed.when);
  if (when) link.when = when;
  const channels = nodes.filter((n) => n.kind === 'Channel');
  if (spec.family === 'transmission' && seed.outcome) link.outcome = seed.outcome;
  // Sometimes about a channel that is not (or no longer) a node: buildGraph then records -1.
  if (spec.family === 'transmission' && seed.about !== null) link.about = channels.length > 0 && seed.about % 5 !== 0 ? channels[seed.about % channels.length].id : `channel/later${seed.about % 3}`;
  if (seed.type === 'HELD_OFFICE') link.rank = seed.rank as GraphLink['rank'];
  return link;
}

/** The edited lists, laid out as GraphDelta says: retired dropped, known ids replaced in place, new ones appended. */
function applyToLists(nodes: GraphNode[], links: GraphLink[], delta: GraphDelta): { nodes: GraphNode[]; links: GraphLink[] } {
  const apply = <T extends { id: string }>(items: T[], retire: readonly string[], put: readonly T[]) => {
    const putById = new Map(put.map((p) => [p.id, p]));
    const out = items.filter((x) => putById.has(x.id) || !retire.includes(x.id)).map((x) => putById.get(x.id) ?? x);
    const known = new Set(items.map((x) => x.id));
    return [...out, ...put.filter((p) => !known.has(p.id))];
  };
  return { nodes: apply(nodes, delta.retireNodes ?? [], delta.putNodes ?? []), links: apply(links, delta.retireLinks ?? [], delta.putLinks ?? []) };
}

/** One version's delta from the edit seeds, against the lists as they stand; a retired node takes its links with it. */
function deltaOf(nodes: GraphNode[], links: GraphLink[], edits: EditSeed[], serial: number): GraphDelta {
  const putNodes = new Map<string, GraphNode>();
  const putLinks = new Map<string, GraphLink>();
  const retireNodes = new Set<string>();
  const retireLinks = new Set<string>();
  const liveNodes = () => [...nodes.filter((n) => !retireNodes.has(n.id)).map((n) => putNodes.get(n.id) ?? n), ...[...putNodes.values()].filter((n) => !nodes.some((m) => m.id === n.id))];
  edits.forEach((e, k) => {
    const live = liveNodes();
    if (e.op === 'addNode') {
      // Some new ids were retired before: the same id comes back at the end.
      // And a channel a transmission named before it was a node may become one.
      const id = e.key % 4 === 0 ? `person/old${e.key % 3}` : e.key % 4 === 1 ? `channel/later${e.key % 3}` : `${e.kind.toLowerCase()}/v${serial}e${k}x${e.key}`;
      if (live.some((n) => n.id === id)) return;
      retireNodes.delete(id);
      putNodes.set(id, { id, kind: e.key % 4 === 1 ? 'Channel' : e.kind, name: `New ${e.name}` });
    } else if (e.op === 'changeNode' && live.length > 0) {
      const old = live[e.at % live.length];
      putNodes.set(old.id, { ...old, kind: e.kind ?? old.kind, name: `Renamed ${e.name}`, side: e.name % 2 ? 'israeli' : undefined });
    } else if (e.op === 'retireNode' && live.length > 1) {
      const id = live[e.at % live.length].id;
      putNodes.delete(id);
      retireNodes.add(id);
    } else if (e.op === 'addLink') {
      const link = makeLink(e.link, `link/${String.fromCharCode(97 + (e.key % 26))}${serial}-${k}`, live);
      if (link && !links.some((l) => l.id === link.id)) putLinks.set(link.id, link);
    } else if (e.op === 'changeLink' && links.length > 0) {
      const old = links[e.at % links.length];
      const link = makeLink(e.link, old.id, live, e.keepEnds ? old : undefined);
      if (link) {
        retireLinks.delete(old.id);
        putLinks.set(old.id, link);
      }
    } else if (e.op === 'retireLink' && links.length > 0) {
      const id = links[e.at % links.length].id;
      putLinks.delete(id);
      retireLinks.add(id);
    }
  });
  // Links that would dangle go with their node, as Snapshots.updated retires them.
  const gone = (l: GraphLink) => retireNodes.has(l.from) || retireNodes.has(l.to);
  for (const l of links) if (gone(l) || (putLinks.has(l.id) && gone(putLinks.get(l.id)!))) { putLinks.delete(l.id); retireLinks.add(l.id); }
  for (const [id, l] of putLinks) if (gone(l)) putLinks.delete(id);
  return { retireNodes: [...retireNodes], putNodes: [...putNodes.values()], retireLinks: [...retireLinks], putLinks: [...putLinks.values()] };
}

const ARRAY_FIELDS = [
  'nodeKind', 'governmentNodes', 'linkType', 'linkConfidence', 'linkBlocked', 'linkDecision', 'linkOrder', 'aboutLinks', 'aboutChannel',
  'possibleStart', 'possibleEnd', 'certainKind', 'certainA', 'certainB', 'outStart', 'arcTo', 'arcFrom', 'arcLink', 'arcAgainst', 'inStart', 'inArc',
] as const;

/** Everything a query can read of a graph, as plain data. */
function picture(g: TemporalGraph, probeIds: string[]) {
  const arrays = Object.fromEntries(ARRAY_FIELDS.map((f) => [f, Array.from(g[f])]));
  const ends = linkEndsOf(g);
  return {
    arrays, nodes: g.nodes.map((n) => ({ ...n })), links: g.links.map((l) => ({ ...l })),
    ends: { from: Array.from(ends.from), to: Array.from(ends.to) },
    nodeIndex: [...g.nodeIndex.entries()], linkIndex: [...g.linkIndex.entries()],
    sizes: [g.nodeIndex.size, g.linkIndex.size],
    probes: probeIds.map((id) => [g.nodeIndex.get(id), g.nodeIndex.has(id), g.linkIndex.get(id), g.linkIndex.has(id)]),
  };
}

function pickTarget(nodes: readonly GraphNode[], kind: string, index: number): PathTarget {
  const governments = nodes.filter((n) => n.kind === 'Government');
  if (kind === 'government' && governments.length > 0) return { kind: 'government', id: governments[index % governments.length].id };
  if (kind === 'node') return { kind: 'node', id: nodes[index % nodes.length].id };
  return { kind: 'decisionMaker' };
}

/** What a graph answers to one query seed: paths, targets reached, and a neighbourhood of every node. */
function answers(g: TemporalGraph, seed: Infer<typeof querySeed>) {
  const nodes = g.nodes;
  const query: PathQuery = {
    from: seed.from.map((i) => nodes[i % nodes.length].id),
    to: pickTarget(nodes, seed.target, seed.targetIndex), time: seed.time, mode: seed.mode, maxHops: seed.maxHops, k: 6,
    excludeLinks: seed.excludeLink !== null && g.links.length > 0 ? [g.links[seed.excludeLink % g.links.length].id] : [],
  };
  const channels = nodes.filter((n) => n.kind === 'Channel');
  if (seed.carrying !== null) query.carrying = channels.length > 0 ? [channels[seed.carrying % channels.length].id] : [];
  const paths = influencePaths(g, query);
  const time = seed.time === 'IGNORE' ? 'RESPECTING' : seed.time;
  return {
    paths: paths.paths.map((p) => ({ links: p.hops.map((h) => h.link.id), nodes: p.nodes, arrival: p.arrival, evidence: p.evidence })),
    stop: paths.stopReason, closest: paths.closest,
    reached: targetsReached(g, { ...query, time }),
    around: nodes.map((n) => neighbourhood(g, n.id, { depth: 2, limit: 50 })?.links.map((i) => g.links[i].id)),
  };
}

describe('patchGraph', () => {
  it('gives, version after version, the graph buildGraph makes of the edited lists, and leaves each previous graph as it was', () => {
    fc.assert(
      fc.property(graphSeed, historySeed, querySeed, (gs, history, qs) => {
        let { nodes, links } = materializeGraph(gs);
        let graph = buildGraph(nodes, links);
        const probeIds = ['person/old0', 'person/old1', 'link/missing', ...nodes.map((n) => n.id), ...links.map((l) => l.id)];
        history.forEach((edits, serial) => {
          const delta = deltaOf(nodes, links, edits, serial);
          const edited = applyToLists(nodes, links, delta);
          const probes = [...probeIds, ...edited.nodes.map((n) => n.id), ...edited.links.map((l) => l.id)];
          const before = picture(graph, probes);
          const answeredBefore = answers(graph, qs);
          const patched = patchGraph(graph, delta);
          const rebuilt = buildGraph(edited.nodes, edited.links);
          expect(picture(patched, probes)).toEqual(picture(rebuilt, probes));
          expect(answers(patched, qs)).toEqual(answers(rebuilt, qs));
          // The previous version still serves the queries that started on it.
          expect(picture(graph, probes)).toEqual(before);
          expect(answers(graph, qs)).toEqual(answeredBefore);
          ({ nodes, links } = edited);
          graph = patched;
        });
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('shares the arcs when an edit changes no link ends, and says what is wrong with a bad delta', () => {
    const nodes: GraphNode[] = [{ id: 'person/a', kind: 'Person', name: 'A' }, { id: 'person/b', kind: 'Person', name: 'B' }];
    const links: GraphLink[] = [{ id: 'link/ab', type: 'MET', from: 'person/a', to: 'person/b', confidence: 'high', citations: [] }];
    const graph = buildGraph(nodes, links);
    const patched = patchGraph(graph, { putLinks: [{ ...links[0], confidence: 'low' }], putNodes: [{ ...nodes[0], name: 'A renamed' }] });
    expect(patched.arcTo).toBe(graph.arcTo);
    expect(patched.inArc).toBe(graph.inArc);
    // Only the column the edit changed is copied.
    expect(patched.possibleStart).toBe(graph.possibleStart);
    expect(patched.linkConfidence).not.toBe(graph.linkConfidence);
    expect(Array.from(patched.linkConfidence)).toEqual([2]);
    expect(Array.from(graph.linkConfidence)).toEqual([0]);
    // A transmission about a channel that is not a node yet names it once the channel is added.
    const report: GraphLink = { id: 'link/r', type: 'REPORTED_TO', from: 'person/a', to: 'person/b', about: 'channel/c', confidence: 'high', citations: [] };
    const withReport = patchGraph(graph, { putLinks: [report] });
    expect(Array.from(withReport.aboutChannel)).toEqual([-1]);
    const withChannel = patchGraph(withReport, { putNodes: [{ id: 'channel/c', kind: 'Channel', name: 'C' }] });
    expect(Array.from(withChannel.aboutChannel)).toEqual([2]);
    expect(() => patchGraph(graph, { retireNodes: ['person/b'] })).toThrow(new GraphError('Link link/ab names person/b, which is not a node of the graph.'));
    expect(() => patchGraph(graph, { putLinks: [{ ...links[0], id: 'link/x', to: 'person/z' }] })).toThrow(new GraphError('Link link/x names person/z, which is not a node of the graph.'));
    expect(() => patchGraph(graph, { putNodes: [nodes[0], nodes[0]] })).toThrow(new GraphError('Node person/a is listed twice.'));
  });

  it('carries the previous version\'s target bounds over, so the next first query does not recompute them, and answers as a rebuilt graph', () => {
    const person = (i: number): GraphNode => ({ id: `person/p${i}`, kind: 'Person', name: `P${i}` });
    const nodes: GraphNode[] = [...[0, 1, 2, 3].map(person), { id: 'government/g', kind: 'Government', name: 'G' }];
    const met = (id: string, from: number, to: number, when?: string): GraphLink => ({
      id, type: 'MET', from: `person/p${from}`, to: `person/p${to}`, confidence: 'medium', citations: [], ...(when ? { when: tryParse(when)! } : {}),
    });
    const links: GraphLink[] = [
      met('link/01', 0, 1, '1990'), met('link/12', 1, 2, '1991'), met('link/23', 2, 3, '1992'),
      { id: 'link/office', type: 'HELD_OFFICE', from: 'person/p3', to: 'government/g', rank: 'head', confidence: 'high', citations: [] },
    ];
    const query: PathQuery = { from: ['person/p0'], to: { kind: 'decisionMaker' }, time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 3 };
    const hopsOf = (g: TemporalGraph) => influencePaths(g, query).paths.map((p) => p.hops.map((h) => h.link.id));
    const graph = buildGraph(nodes, links);
    expect(hopsOf(graph)).toEqual([['link/01', 'link/12', 'link/23', 'link/office']]);
    // A shortcut in time, then the old route's middle retired: the carried bounds must see the one and not miss the other.
    const shortcut = met('link/02', 0, 2, '1991');
    const patched = patchGraph(graph, { putLinks: [shortcut] });
    expect(patched.boundsCache.size).toBe(1);
    expect(hopsOf(patched)).toEqual(hopsOf(buildGraph(nodes, [...links, shortcut])));
    expect(hopsOf(patched)[0]).toEqual(['link/02', 'link/23', 'link/office']);
    const retired = patchGraph(patched, { retireLinks: ['link/12'] });
    expect(retired.boundsCache.size).toBe(1);
    expect(hopsOf(retired)).toEqual([['link/02', 'link/23', 'link/office']]);
    // A new government changes the targets themselves: nothing is carried for "any decision-maker".
    expect(patchGraph(retired, { putNodes: [{ id: 'government/h', kind: 'Government', name: 'H' }] }).boundsCache.size).toBe(0);
  });

  it('carries bounds that judged only the arcs near the target, and a new link that brings a far node near is followed through it', () => {
    // Bounds for a target judge only the arcs into nodes they reach (engine/influence-paths.ts reverseBounds): here the
    // leader's, not the far chain's. A patch that links the far chain to the leader must not leave its arcs unjudged.
    const person = (i: number): GraphNode => ({ id: `person/p${i}`, kind: 'Person', name: `P${i}` });
    const nodes: GraphNode[] = [...Array.from({ length: 60 }, (_, i) => person(i)), { id: 'government/g', kind: 'Government', name: 'G' }];
    const met = (id: string, from: number, to: number): GraphLink => ({ id, type: 'MET', from: `person/p${from}`, to: `person/p${to}`, confidence: 'medium', citations: [] });
    const links: GraphLink[] = [
      { id: 'link/office', type: 'HELD_OFFICE', from: 'person/p0', to: 'government/g', rank: 'head', confidence: 'high', citations: [] },
      // The far chain p1 - p2 - … - p59, which nothing links to the leader p0.
      ...Array.from({ length: 58 }, (_, i) => met(`link/far${String(i).padStart(2, '0')}`, i + 1, i + 2)),
    ];
    const query: PathQuery = { from: ['person/p1'], to: { kind: 'government', id: 'government/g' }, time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 2 };
    const hopsOf = (g: TemporalGraph) => influencePaths(g, query).paths.map((p) => p.hops.map((h) => h.link.id));
    const graph = buildGraph(nodes, links);
    expect(hopsOf(graph)).toEqual([]);
    const bridge = met('link/bridge', 3, 0);
    const patched = patchGraph(graph, { putLinks: [bridge] });
    expect(patched.boundsCache.size).toBe(1);
    expect(hopsOf(patched)).toEqual(hopsOf(buildGraph(nodes, [...links, bridge])));
    expect(hopsOf(patched)).toEqual([['link/far00', 'link/far01', 'link/bridge', 'link/office']]);
  });

  it('rebuilds its node index once many nodes were added, and still finds every node', () => {
    const nodes: GraphNode[] = Array.from({ length: 50 }, (_, i) => ({ id: `person/p${i}`, kind: 'Person', name: `P${i}` }));
    let graph = buildGraph(nodes, []);
    graph = patchGraph(graph, { retireNodes: ['person/p3'] });
    const added: GraphNode[] = Array.from({ length: 1500 }, (_, i) => ({ id: `person/q${i}`, kind: 'Person', name: `Q${i}` }));
    graph = patchGraph(graph, { putNodes: added.slice(0, 700) });
    graph = patchGraph(graph, { putNodes: added.slice(700), retireNodes: ['person/q5'] });
    const expected = buildGraph([...nodes.filter((n) => n.id !== 'person/p3'), ...added.filter((n) => n.id !== 'person/q5')], []);
    expect(graph.nodeIndex).toBeInstanceOf(Map);
    expect([...graph.nodeIndex.entries()]).toEqual([...expected.nodeIndex.entries()]);
    expect(graph.nodeIndex.get('person/q1499')).toBe(expected.nodeIndex.get('person/q1499'));
    expect(graph.nodeIndex.get('person/p3')).toBeUndefined();
  });

  /** The first index where two arrays differ (a length counts as a difference at the shorter end), or -1. */
  const firstDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) if (i >= a.length || i >= b.length || !Object.is(a[i], b[i])) return i;
    return -1;
  };

  // The API patches in slices (engine/steps.ts) so that queries on the previous version go on meanwhile. A yield only
  // hands the event loop a turn; on a graph past the chunk sizes every chunked loop and the copy of long runs in
  // pieces runs, and the result must still be buildGraph's, array for array.
  it('lists the reverse index alike whether the copied runs of arcs are few (mapped by run) or many (by arcMap)', () => {
    const people = 4_000;
    const nodes: GraphNode[] = Array.from({ length: people }, (_, i) => ({ id: `person/p${String(i).padStart(5, '0')}`, kind: 'Person', name: `P${i}` }));
    const met = (id: string, from: number, to: number): GraphLink => ({ id, type: 'MET', from: nodes[from].id, to: nodes[to].id, confidence: 'medium', citations: [], when: tryParse('1990')! });
    const links: GraphLink[] = Array.from({ length: 12_000 }, (_, i) => met(`link/m${String(i).padStart(5, '0')}`, (i * 7919) % people, (i * 104729 + 1) % people));
    const graph = buildGraph(nodes, links);
    // 3 added links touch 6 tails (few runs); 200 touch about 400 (more than the 64 runs mapped by search).
    for (const count of [3, 200]) {
      const delta: GraphDelta = { putLinks: Array.from({ length: count }, (_, k) => met(`link/zz${k}`, (k * 37) % people, (k * 53 + 9) % people)) };
      const edited = applyToLists(nodes, links, delta);
      const rebuilt = buildGraph(edited.nodes, edited.links);
      const patched = patchGraph(graph, delta);
      for (const f of ARRAY_FIELDS) expect(firstDifference(patched[f], rebuilt[f]), `${f} after ${count} added links`).toBe(-1);
    }
  });

  it('gives the same graph when spread over the event loop, on a graph larger than its chunks, and gives the loop turns meanwhile', async () => {
    const people = 3 * CHUNK;
    const nodes: GraphNode[] = Array.from({ length: people }, (_, i) => ({ id: `person/p${String(i).padStart(6, '0')}`, kind: 'Person', name: `P${i}` }));
    nodes.push({ id: 'government/g', kind: 'Government', name: 'G' });
    const met = (id: string, from: number, to: number, year: number): GraphLink => ({
      id, type: 'MET', from: nodes[from].id, to: nodes[to].id, confidence: 'medium', citations: [], when: tryParse(String(year))!,
    });
    // MET flows both ways: two arcs per link, so about 3.6 chunks of arcs.
    const links: GraphLink[] = Array.from({ length: Math.floor(1.8 * CHUNK) }, (_, i) => met(`link/m${i}`, (i * 7919) % people, (i * 104729 + 1) % people, 1980 + (i % 20)));
    links.push({ id: 'link/office', type: 'HELD_OFFICE', from: nodes[5].id, to: 'government/g', rank: 'head', confidence: 'high', citations: [] });
    const graph = buildGraph(nodes, links);
    const query: PathQuery = { from: [nodes[links[3].from === nodes[5].id ? 0 : 1].id], to: { kind: 'decisionMaker' }, time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 3 };
    influencePaths(graph, query);
    // Retire a node in the middle (every index after it shifts) with its links, and add a node and a link.
    const gone = nodes[2 * CHUNK + 11].id;
    const delta: GraphDelta = {
      retireNodes: [gone],
      retireLinks: links.filter((l) => l.from === gone || l.to === gone).map((l) => l.id),
      putNodes: [{ id: 'person/new', kind: 'Person', name: 'New' }],
      putLinks: [met('link/new', 7, 2 * CHUNK + 12, 1990), { ...links[9], confidence: 'low' }],
    };
    const edited = applyToLists(nodes, links, delta);
    const rebuilt = buildGraph(edited.nodes, edited.links);
    const at = patchGraph(graph, delta);
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const run = await runStepsSliced(patchSteps(graph, delta), 0);
    clearInterval(ticking);
    const sliced = await patchGraphSliced(graph, delta);
    expect(run.slices).toBeGreaterThan(20);
    expect(turns).toBeGreaterThan(0);
    for (const g of [at, run.value, sliced]) {
      for (const f of ARRAY_FIELDS) expect(firstDifference(g[f], rebuilt[f]), f).toBe(-1);
      expect(firstDifference(linkEndsOf(g).from, linkEndsOf(rebuilt).from)).toBe(-1);
      expect(firstDifference(linkEndsOf(g).to, linkEndsOf(rebuilt).to)).toBe(-1);
      expect(g.links.map((l) => l.id)).toEqual(rebuilt.links.map((l) => l.id));
      expect(influencePaths(g, query)).toEqual(influencePaths(rebuilt, query));
    }

    // Links only appended: the columns grow in place, into room past the end that no earlier version sees. Two appends
    // in a row, then a second branch from the first (which must copy, not write over the second's entries).
    const same = (g: TemporalGraph, lists: { nodes: GraphNode[]; links: GraphLink[] }) => {
      const fresh = buildGraph(lists.nodes, lists.links);
      for (const f of ARRAY_FIELDS) expect(firstDifference(g[f], fresh[f]), f).toBe(-1);
      expect(firstDifference(linkEndsOf(g).from, linkEndsOf(fresh).from)).toBe(-1);
      expect(firstDifference(linkEndsOf(g).to, linkEndsOf(fresh).to)).toBe(-1);
    };
    const append = (id: string, from: number, to: number): GraphDelta => ({ putLinks: [met(id, from, to, 1991)] });
    const one = append('link/append-1', 3, 4);
    const first = patchGraph(at, one);
    const firstLists = applyToLists(edited.nodes, edited.links, one);
    const two = append('link/append-2', 5, 6);
    const second = patchGraph(first, two);
    const secondLists = applyToLists(firstLists.nodes, firstLists.links, two);
    const other = append('link/append-3', 8, 9);
    const branch = patchGraph(first, other);
    const third = patchGraph(second, append('link/append-4', 10, 11));
    same(at, edited);
    same(first, firstLists);
    same(second, secondLists);
    same(branch, applyToLists(firstLists.nodes, firstLists.links, other));
    same(third, applyToLists(secondLists.nodes, secondLists.links, append('link/append-4', 10, 11)));
    // The second version grew the first's columns in place; the branch, which came later from the first, copied.
    expect(second.linkType.buffer).toBe(first.linkType.buffer);
    expect(branch.linkType.buffer).not.toBe(first.linkType.buffer);
  }, 60_000);
});
