// The k best influence paths from participants to a person, a government's leadership or any decision-maker.
import type { LRUCache } from 'lru-cache';
import type { Confidence, LinkType } from '../core/model.ts';
import { CONFIDENCE_CODES, HELD_OFFICE_CODE, TYPE_CODE, type GraphLink, type TemporalGraph } from './graph.ts';
import {
  certainStep, certainlyWithin, evidenceOf, latestArrivalOf, possibleStep, possiblyWithin, steppableTypes, weakestHopOf,
  compareRanked, strengthOf, type PathMode, type RankBy, type TimeMode,
} from './rules.ts';
import { acquireWorkspace, releaseWorkspace, type Workspace } from './workspace.ts';
import { CHUNK, inRanges, type Steps } from './steps.ts';

export type PathTarget = { kind: 'node'; id: string } | { kind: 'government'; id: string } | { kind: 'decisionMaker' };

export interface PathQuery {
  from: string[];
  to: PathTarget;
  time: TimeMode;
  /** Day numbers, inclusive; either may be ±Infinity. */
  window?: { from: number; to: number };
  mode: PathMode;
  linkTypes?: LinkType[];
  excludeNodes?: string[];
  excludeLinks?: string[];
  includeBlocked?: boolean;
  /**
   * The channels whose product the path may carry: a transmission about another channel is unusable. Undefined: any.
   * Transmissions about nothing in particular are always usable.
   */
  carrying?: string[];
  maxHops: number;
  k: number;
  /** Undefined: FEWEST_HOPS. The others re-rank the best RERANK_POOL paths by fewest hops (see influencePaths). */
  rankBy?: RankBy;
  /** A performance.now() value after which the search stops and says so. */
  deadline?: number;
}

export interface PathHop {
  link: GraphLink;
  fromId: string;
  toId: string;
  /** Influence flows against the stored from → to direction (a mentor hearing from a channel). */
  against: boolean;
  /** Earliest instant this hop can happen on the path (RESPECTING only, when bounded). */
  instant?: number;
}

export interface InfluencePath {
  hops: PathHop[];
  nodes: string[];
  /** Earliest arrival at the target; null when unknown (undated) or when time is not ordered. */
  arrival: number | null;
  /** RESPECTING: by when it had certainly arrived if the path happened as dated (latestArrivalOf); null when unbounded or not ordered. */
  latestArrival: number | null;
  certain: boolean;
  evidence: number;
  /** Evidence weighted by the kind of each hop as well as its confidence (kindWeight × confidence, multiplied). */
  strength: number;
  weakestHop: number;
  source: string;
  target: { nodeId: string; personId?: string; governmentId?: string };
}

export type StopReason = 'NO_LINK_ONWARD' | 'OUT_OF_WINDOW' | 'HOP_LIMIT' | 'BLOCKED' | 'BUDGET';

export interface InfluenceResult {
  paths: InfluencePath[];
  /** Time was ignored: the paths say nothing about when. */
  static: boolean;
  stopReason: StopReason | null;
  /** For OUT_OF_WINDOW: the first hop of the best static path whose interval cannot be met. */
  brokenHop: { index: number; linkId: string } | null;
  closest: { nodeId: string; hopsFromSource: number; bestArrival: number | null } | null;
  explored: number;
  budgetExceeded: boolean;
}

/** Hard bounds that keep a query finite whatever the caller passes. */
const MAX_HOPS_LIMIT = 16;
const MAX_EXPANSIONS = 3_000_000;
const MAX_ENTRIES = 8_000_000;
const DEADLINE_CHECK_EVERY = 1024;
const UNREACHED = 255;
const STATIC_DEPTH_LIMIT = 250;
const PARTIAL = 0;
const COMPLETE = 1;
const CONTINUATION = 2;

interface Prepared {
  graph: TemporalGraph;
  ws: Workspace;
  time: TimeMode;
  windowFrom: number;
  windowTo: number;
  maxHops: number;
  k: number;
  includeBlocked: boolean;
  steppable: Uint8Array;
  /** The path must end with a head- or leader-rank office hop into a target government. */
  officeTarget: boolean;
  sources: number[];
  deadline: number;
}

function prepare(graph: TemporalGraph, query: PathQuery, ws: Workspace): Prepared {
  const gen = ws.generation;
  const steppable = new Uint8Array(TYPE_CODE.HELD_OFFICE + 32);
  for (const type of steppableTypes(query.mode, query.linkTypes)) steppable[TYPE_CODE[type]] = 1;
  for (const id of query.excludeNodes ?? []) {
    const index = graph.nodeIndex.get(id);
    if (index !== undefined) ws.excludedNodeStamp[index] = gen;
  }
  for (const id of query.excludeLinks ?? []) {
    const index = graph.linkIndex.get(id);
    if (index !== undefined) ws.excludedLinkStamp[index] = gen;
  }
  // A transmission about another channel works like an excluded link, so the bounds cache stays valid for it too.
  if (query.carrying !== undefined && graph.aboutLinks.length > 0) {
    const allowed = new Set<number>();
    for (const id of query.carrying) {
      const index = graph.nodeIndex.get(id);
      if (index !== undefined) allowed.add(index);
    }
    for (let i = 0; i < graph.aboutLinks.length; i++) {
      if (!allowed.has(graph.aboutChannel[i])) ws.excludedLinkStamp[graph.aboutLinks[i]] = gen;
    }
  }
  const officeTarget = query.to.kind !== 'node';
  if (query.to.kind === 'decisionMaker') {
    for (const v of graph.governmentNodes) if (ws.excludedNodeStamp[v] !== gen) ws.targetStamp[v] = gen;
  } else {
    const index = graph.nodeIndex.get(query.to.id);
    const usable = index !== undefined && ws.excludedNodeStamp[index] !== gen &&
      (query.to.kind === 'node' || graph.nodes[index].kind === 'Government');
    if (usable) ws.targetStamp[index] = gen;
  }
  const sources: number[] = [];
  for (const id of query.from) {
    const index = graph.nodeIndex.get(id);
    if (index === undefined || ws.excludedNodeStamp[index] === gen || ws.targetStamp[index] === gen) continue;
    if (!sources.includes(index)) sources.push(index);
  }
  const timed = query.time !== 'IGNORE';
  return {
    graph, ws, time: query.time,
    windowFrom: timed ? query.window?.from ?? -Infinity : -Infinity,
    windowTo: timed ? query.window?.to ?? Infinity : Infinity,
    maxHops: Math.max(0, Math.min(MAX_HOPS_LIMIT, Math.floor(query.maxHops))),
    k: Math.max(0, Math.floor(query.k)),
    includeBlocked: query.includeBlocked === true,
    steppable, officeTarget, sources,
    deadline: query.deadline ?? Infinity,
  };
}

/** Whether link li may carry the arc at all under the query (type aside). */
function linkUsable(p: Prepared, li: number, allowBlocked: boolean, timed: boolean): boolean {
  const g = p.graph;
  if (g.linkBlocked[li] === 1 && !allowBlocked) return false;
  if (p.ws.excludedLinkStamp[li] === p.ws.generation) return false;
  return !timed || possiblyWithin(g.possibleStart[li], g.possibleEnd[li], p.windowFrom, p.windowTo);
}

/** Whether arc a (tail → head) may be a hop ending at head: office hops only into a target government. */
function arcAllowed(p: Prepared, a: number, allowBlocked: boolean, timed: boolean): boolean {
  const g = p.graph;
  const li = g.arcLink[a];
  const type = g.linkType[li];
  if (type === HELD_OFFICE_CODE) {
    if (!p.officeTarget || g.linkDecision[li] !== 1 || p.ws.targetStamp[g.arcTo[a]] !== p.ws.generation) return false;
  } else if (p.steppable[type] !== 1) {
    return false;
  } else if (p.officeTarget && p.ws.targetStamp[g.arcTo[a]] === p.ws.generation) {
    return false;
  }
  if (p.ws.excludedNodeStamp[g.arcFrom[a]] === p.ws.generation) return false;
  return linkUsable(p, li, allowBlocked, timed);
}

/** One pass over all arcs: which may carry a hop under the query (type, target, blocking, exclusions, static time). */
function usableArcs(p: Prepared, allowBlocked: boolean, timed: boolean): Uint8Array {
  // The same rules as arcAllowed, with every array hoisted: this loop runs over all arcs of the graph.
  const { arcTo, arcFrom, arcLink } = p.graph;
  const { linkType, linkDecision, linkBlocked, possibleStart, possibleEnd } = p.graph;
  const { targetStamp, excludedNodeStamp, excludedLinkStamp, generation: gen } = p.ws;
  const { steppable, officeTarget, windowFrom, windowTo } = p;
  const arcCount = arcTo.length;
  const usable = new Uint8Array(arcCount);
  for (let a = 0; a < arcCount; a++) {
    const li = arcLink[a];
    const type = linkType[li];
    const intoTarget = targetStamp[arcTo[a]] === gen;
    if (type === HELD_OFFICE_CODE) {
      if (!officeTarget || linkDecision[li] !== 1 || !intoTarget) continue;
    } else if (steppable[type] !== 1 || officeTarget && intoTarget) {
      continue;
    }
    if (linkBlocked[li] === 1 && !allowBlocked) continue;
    if (excludedLinkStamp[li] === gen || excludedNodeStamp[arcFrom[a]] === gen) continue;
    if (timed && !(possibleStart[li] <= windowTo && possibleEnd[li] >= windowFrom)) continue;
    usable[a] = 1;
  }
  return usable;
}

/** What the target side tells every search toward it; independent of the sources, so cached per target signature. */
interface TargetBounds {
  /** Lower bound on hops left from each node (255: the target is out of reach within the limit). */
  dist: Uint8Array;
  /** Medium and low hop counts of the strongest shortest walk to the target: an upper bound on remaining evidence. */
  evidenceMedium: Uint8Array;
  evidenceLow: Uint8Array;
  /** RESPECTING only: latest[r * n + v], see latestDepartures. */
  latest: Float64Array | null;
  /** Which arcs may carry a hop under the query (see usableArcs); only those into nodes within limit - 1 hops when usableNearOnly. */
  usable: Uint8Array;
  usableNearOnly: boolean;
  /** Per expanded node, its usable out-arcs that can still lead to the target, nearest first (built on demand). */
  arcLists: Map<number, Int32Array>;
  /** The query they were computed for, exclusions and carrying left out: what carryBounds needs to go on. */
  query: PathQuery;
}

/** Reverse BFS from the target; walks bound simple paths, so every number here is a valid bound. Null past the deadline. */
function reverseBounds(p: Prepared, limit: number, given: Uint8Array | null): TargetBounds | null {
  const { graph: g, ws } = p;
  const { inStart, inArc, arcFrom, arcLink, linkConfidence } = g;
  const gen = ws.generation;
  const n = g.nodes.length;
  let usable = given ?? new Uint8Array(g.arcTo.length);
  let nearOnly = given === null;
  // Judging arcs one node at a time costs more per arc than the pass over all of them (random order): past an eighth
  // of the arcs, the bounds are going to reach most of the graph, and the pass takes over.
  let judgedBudget = g.arcTo.length >> 3;
  const dist = new Uint8Array(n).fill(UNREACHED);
  const evidenceMedium = new Uint8Array(n);
  const evidenceLow = new Uint8Array(n);
  const queue = ws.queue;
  let head = 0;
  let tail = 0;
  for (let v = 0; v < n; v++) {
    if (ws.targetStamp[v] === gen) {
      dist[v] = 0;
      queue[tail++] = v;
    }
  }
  while (head < tail) {
    const x = queue[head++];
    if ((head & 16383) === 0 && performance.now() > p.deadline) return null;
    const dx = dist[x];
    if (dx >= limit) continue;
    const mx = evidenceMedium[x];
    const lx = evidenceLow[x];
    // Without a given pass over all arcs, the in-arcs of each node expanded here are judged now, and only they: the
    // searches never look at any other (every arc they follow leads to a node within limit - 1 hops).
    if (nearOnly) {
      judgedBudget -= inStart[x + 1] - inStart[x];
      if (judgedBudget >= 0) {
        judgeInArcs(p, x, usable);
      } else {
        usable = usableArcs(p, p.includeBlocked, p.time !== 'IGNORE');
        nearOnly = false;
      }
    }
    for (let j = inStart[x], end = inStart[x + 1]; j < end; j++) {
      const a = inArc[j];
      const u = arcFrom[a];
      const du = dist[u];
      if (du <= dx || du !== UNREACHED && du !== dx + 1) continue;
      if (usable[a] === 0) continue;
      const confidence = linkConfidence[arcLink[a]];
      const mu = mx + (confidence === 1 ? 1 : 0);
      const lu = lx + (confidence === 2 ? 1 : 0);
      if (du === UNREACHED) {
        dist[u] = dx + 1;
        queue[tail++] = u;
      } else if (evidenceOf(mu, lu) <= evidenceOf(evidenceMedium[u], evidenceLow[u])) {
        continue;
      }
      evidenceMedium[u] = mu;
      evidenceLow[u] = lu;
    }
  }
  return { dist, evidenceMedium, evidenceLow, latest: null, usable, usableNearOnly: nearOnly, arcLists: new Map(), query: null! };
}

/** arcAllowed for the in-arcs of node x only: what usableArcs would say of them, without its pass over every arc. */
function judgeInArcs(p: Prepared, x: number, usable: Uint8Array): void {
  const { inStart, inArc } = p.graph;
  const timed = p.time !== 'IGNORE';
  for (let j = inStart[x], end = inStart[x + 1]; j < end; j++) {
    if (arcAllowed(p, inArc[j], p.includeBlocked, timed)) usable[inArc[j]] = 1;
  }
}

/**
 * RESPECTING: latest[r * n + v] is the latest instant at which one can be at v and still reach the target in at most
 * r hops (NaN: never). Being earlier never hurts, so this one number per (node, hops) decides feasibility exactly.
 * Bellman-Ford by rounds; only nodes that changed in a round can change their in-neighbours in the next.
 */
function latestDepartures(p: Prepared, dist: Uint8Array, usable: Uint8Array): Float64Array | null {
  const { graph: g, ws, windowFrom, windowTo, deadline, maxHops } = p;
  const { inStart, inArc, arcFrom, arcLink, possibleStart, possibleEnd } = g;
  const gen = ws.generation;
  const n = g.nodes.length;
  const latest = new Float64Array((maxHops + 1) * n).fill(NaN);
  let frontier: number[] = [];
  for (let v = 0; v < n; v++) {
    if (ws.targetStamp[v] === gen) {
      latest[v] = Infinity;
      frontier.push(v);
    }
  }
  const changedMark = ws.pathMark;
  let steps = 0;
  for (let r = 1; r <= maxHops; r++) {
    const previous = (r - 1) * n;
    const current = r * n;
    latest.copyWithin(current, previous, previous + n);
    const mark = ++ws.pathGeneration;
    const next: number[] = [];
    for (let f = 0; f < frontier.length; f++) {
      const x = frontier[f];
      if ((++steps & 1023) === 0 && performance.now() > deadline) return null;
      const reach = latest[previous + x];
      for (let j = inStart[x], end = inStart[x + 1]; j < end; j++) {
        const a = inArc[j];
        const u = arcFrom[a];
        if (dist[u] > r || usable[a] === 0) continue;
        const li = arcLink[a];
        let leave = possibleEnd[li];
        if (windowTo < leave) leave = windowTo;
        if (reach < leave) leave = reach;
        if (latest[current + u] >= leave) continue;
        const earliest = possibleStart[li] > windowFrom ? possibleStart[li] : windowFrom;
        if (earliest > leave) continue;
        latest[current + u] = leave;
        if (changedMark[u] !== mark) {
          changedMark[u] = mark;
          next.push(u);
        }
      }
    }
    frontier = next;
  }
  return latest;
}

/**
 * Exclusions (and carrying, which only excludes links) are left out on purpose: removing nodes or links only removes paths, so bounds computed without them
 * stay valid (merely looser) and "what if X had not been there?" queries reuse the cache.
 */
function boundsSignature(query: PathQuery, p: Prepared): string {
  return [
    query.to.kind, 'id' in query.to ? query.to.id : '', p.time, p.windowFrom, p.windowTo, query.mode,
    query.linkTypes ? [...query.linkTypes].sort().join(',') : '*', p.includeBlocked, p.maxHops,
  ].join('|');
}

/** Bounds for the query's target, from the graph's small LRU cache when the same target was asked before. */
function targetBounds(graph: TemporalGraph, query: PathQuery, ws: Workspace): TargetBounds | null {
  const cache = graph.boundsCache as LRUCache<string, TargetBounds>;
  const bare = { ...query, excludeNodes: [], excludeLinks: [], carrying: undefined, deadline: undefined };
  const p = refreshed(graph, bare, ws);
  p.deadline = query.deadline ?? Infinity;
  const key = boundsSignature(query, p);
  const cached = cache.get(key);
  if (cached) return cached;
  const bounds = reverseBounds(p, p.maxHops, null);
  if (!bounds) return null;
  bounds.query = bare;
  if (p.time === 'RESPECTING') {
    bounds.latest = latestDepartures(p, bounds.dist, bounds.usable);
    if (!bounds.latest) return null;
  }
  cache.set(key, bounds);
  return bounds;
}

/** How a patch (engine/patch.ts) moved things: what carryBounds needs to take the previous version's bounds along. */
export interface GraphChange {
  /** Old node index → new (-1: retired); null when none was retired. Appended nodes come after the kept ones. */
  nodeMap: Int32Array | null;
  /** Old arc slot → new (-1: gone); null when the arcs are the old ones, slot for slot. */
  arcMap: Int32Array | null;
  /** New slots of the arcs whose link is new or was replaced: the only arcs whose usability must be asked again. */
  freshArcs: Int32Array;
  /** Whether some node became or stopped being a Government: the office targets themselves changed. */
  governmentsChanged: boolean;
}

/** Bounds of this many of the previous version's most recent targets go over to the next one. */
const CARRIED_TARGETS = 2;

/**
 * Gives the next version the previous one's target bounds, so its first query per target does not redo them over the
 * whole graph (at 1M links that is most of a second). The carried numbers need not be exact, only what the search
 * relies on: a lower bound on hops and an upper bound on evidence and latest departure for every node (admissible),
 * and no arc that improves on them (consistent). Old values remapped satisfy both on the kept arcs, since a retired
 * arc only removes walks; the fresh arcs are then relaxed backward from their heads until nothing improves.
 */
export function* carryBoundsSteps(previous: TemporalGraph, next: TemporalGraph, change: GraphChange): Steps<void> {
  const recent = [...(previous.boundsCache as LRUCache<string, TargetBounds>).entries()].slice(0, CARRIED_TARGETS);
  const carried: [string, TargetBounds][] = [];
  for (const [key, bounds] of recent) {
    if (change.governmentsChanged && bounds.query.to.kind !== 'node') continue;
    const to = bounds.query.to;
    if (to.kind !== 'decisionMaker' && !next.nodeIndex.has(to.id)) continue;
    const ws = acquireWorkspace(next);
    try {
      carried.push([key, yield* carriedBounds(refreshed(next, bounds.query, ws), previous.nodes.length, bounds, change)]);
    } finally {
      releaseWorkspace(next, ws);
    }
  }
  // Least recent first, so the cache keeps their order.
  for (let i = carried.length - 1; i >= 0; i--) next.boundsCache.set(carried[i][0], carried[i][1]);
}

function* carriedBounds(p: Prepared, oldCount: number, old: TargetBounds, change: GraphChange): Steps<TargetBounds> {
  const g = p.graph;
  const n = g.nodes.length;
  const { nodeMap, arcMap, freshArcs } = change;
  function* remap<A extends Uint8Array | Float64Array>(from: A, to: A, oldOffset: number, newOffset: number): Steps<void> {
    if (!nodeMap) {
      to.set(from.subarray(oldOffset, oldOffset + oldCount), newOffset);
    } else {
      yield* inRanges(oldCount, (lo, hi) => remapRange(nodeMap, from, to, oldOffset, newOffset, lo, hi));
    }
    yield;
  }
  const dist = new Uint8Array(n).fill(UNREACHED);
  const evidenceMedium = new Uint8Array(n);
  const evidenceLow = new Uint8Array(n);
  yield* remap(old.dist, dist, 0, 0);
  yield* remap(old.evidenceMedium, evidenceMedium, 0, 0);
  yield* remap(old.evidenceLow, evidenceLow, 0, 0);
  let latest: Float64Array | null = null;
  if (old.latest) {
    latest = new Float64Array((p.maxHops + 1) * n).fill(NaN);
    for (let r = 0; r <= p.maxHops; r++) yield* remap(old.latest, latest, r * oldCount, r * n);
  }
  const timed = p.time !== 'IGNORE';
  let usable: Uint8Array;
  if (old.usableNearOnly) {
    // Arcs into nodes the old bounds left beyond reach were never judged, and a fresh arc may bring such a node near.
    usable = usableArcs(p, p.includeBlocked, timed);
  } else {
    usable = new Uint8Array(g.arcTo.length);
    if (arcMap) {
      yield* inRanges(arcMap.length, (lo, hi) => remapRange(arcMap, old.usable, usable, 0, 0, lo, hi));
    } else {
      usable.set(old.usable);
    }
  }
  yield;
  const fresh: number[] = [];
  for (const a of freshArcs) {
    usable[a] = arcAllowed(p, a, p.includeBlocked, timed) ? 1 : 0;
    if (usable[a] === 1) fresh.push(a);
  }
  relaxHops(p, dist, evidenceMedium, evidenceLow, usable, fresh);
  if (latest) relaxDepartures(p, dist, latest, usable, fresh);
  yield;
  // The expanded nodes' arc lists go over too where they are still what usefulArcs would list (the first query on a
  // new version would otherwise list and sort them all again: most of its time at 1M links).
  // At most one list per node: the work is bounded by the arcs, and yields every chunk of arcs looked at.
  const arcLists = new Map<number, Int32Array>();
  let work = 0;
  for (const [u, list] of old.arcLists) {
    const v = nodeMap ? nodeMap[u] : u;
    if (v < 0) continue;
    const kept = carriedArcList(g, v, list, arcMap, usable, dist, p.maxHops - 1);
    if (kept) arcLists.set(v, kept);
    work += 8 + g.outStart[v + 1] - g.outStart[v];
    if (work >= CHUNK) {
      work = 0;
      yield;
    }
  }
  return { dist, evidenceMedium, evidenceLow, latest, usable, usableNearOnly: false, arcLists, query: old.query };
}

/**
 * An old arc list of node v (now), its slots moved to the new ones, if it is exactly the list usefulArcs would make
 * on the new version: every arc still v's, usable and within reach, in (hops left, slot) order, and no other arc of v
 * qualifying. Null when not: then the search lists v again.
 */
function carriedArcList(g: TemporalGraph, v: number, list: Int32Array, arcMap: Int32Array | null, usable: Uint8Array, dist: Uint8Array, maxRemaining: number): Int32Array | null {
  const { outStart, arcTo } = g;
  const first = outStart[v];
  const end = outStart[v + 1];
  // Moved into a scratch first: a list whose arcs kept their slots is shared, not copied (allocations here are
  // where the garbage collector's marking steps land, at 1M links most of a carry's time).
  if (movedSlots.length < list.length) movedSlots = new Int32Array(list.length * 2);
  const moved = movedSlots;
  let same = true;
  for (let i = 0; i < list.length; i++) {
    const a = arcMap ? arcMap[list[i]] : list[i];
    if (a < first || a >= end || usable[a] !== 1 || dist[arcTo[a]] > maxRemaining) return null;
    if (i > 0) {
      const before = moved[i - 1];
      if (dist[arcTo[before]] > dist[arcTo[a]] || dist[arcTo[before]] === dist[arcTo[a]] && before >= a) return null;
    }
    moved[i] = a;
    if (a !== list[i]) same = false;
  }
  let qualifying = 0;
  for (let a = first; a < end; a++) if (usable[a] === 1 && dist[arcTo[a]] <= maxRemaining) qualifying++;
  if (qualifying !== list.length) return null;
  return same ? list : moved.slice(0, list.length);
}
let movedSlots = new Int32Array(1024);

/** to[newOffset + map[i]] = from[oldOffset + i] for i in lo … hi - 1 that the map keeps (a plain loop, optimised; see engine/patch.ts). */
function remapRange<A extends Uint8Array | Float64Array>(map: Int32Array, from: A, to: A, oldOffset: number, newOffset: number, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) if (map[i] >= 0) to[newOffset + map[i]] = from[oldOffset + i];
}

/** reverseBounds' rule, from the heads of the fresh arcs on, until no node gets fewer hops or stronger evidence. */
function relaxHops(p: Prepared, dist: Uint8Array, evidenceMedium: Uint8Array, evidenceLow: Uint8Array, usable: Uint8Array, fresh: readonly number[]): void {
  const { inStart, inArc, arcFrom, arcTo, arcLink, linkConfidence } = p.graph;
  const queued = new Uint8Array(dist.length);
  const queue: number[] = [];
  for (const a of fresh) {
    const x = arcTo[a];
    if (queued[x] === 0) {
      queued[x] = 1;
      queue.push(x);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const x = queue[head];
    queued[x] = 0;
    const dx = dist[x];
    if (dx >= p.maxHops) continue;
    for (let j = inStart[x], end = inStart[x + 1]; j < end; j++) {
      const a = inArc[j];
      if (usable[a] === 0) continue;
      const u = arcFrom[a];
      const confidence = linkConfidence[arcLink[a]];
      const mu = evidenceMedium[x] + (confidence === 1 ? 1 : 0);
      const lu = evidenceLow[x] + (confidence === 2 ? 1 : 0);
      const du = dx + 1;
      if (du > dist[u] || du === dist[u] && evidenceOf(mu, lu) <= evidenceOf(evidenceMedium[u], evidenceLow[u])) continue;
      dist[u] = du;
      evidenceMedium[u] = mu;
      evidenceLow[u] = lu;
      if (queued[u] === 0) {
        queued[u] = 1;
        queue.push(u);
      }
    }
  }
}

/**
 * latestDepartures' rounds, where only the fresh arcs and the nodes whose departure got later can change anything:
 * a node whose value is as before was already relaxed into its in-neighbours.
 */
function relaxDepartures(p: Prepared, dist: Uint8Array, latest: Float64Array, usable: Uint8Array, fresh: readonly number[]): void {
  const { graph: g, ws, windowFrom, windowTo, maxHops } = p;
  const { inStart, inArc, arcFrom, arcTo, arcLink, possibleStart, possibleEnd } = g;
  const n = g.nodes.length;
  let changed: number[] = [];
  for (let r = 1; r <= maxHops; r++) {
    const previous = (r - 1) * n;
    const current = r * n;
    const mark = ++ws.pathGeneration;
    const next: number[] = [];
    const raise = (u: number, value: number) => {
      latest[current + u] = value;
      if (ws.pathMark[u] !== mark) {
        ws.pathMark[u] = mark;
        next.push(u);
      }
    };
    const relax = (a: number) => {
      const u = arcFrom[a];
      if (dist[u] > r || usable[a] === 0) return;
      const reach = latest[previous + arcTo[a]];
      if (Number.isNaN(reach)) return;
      const li = arcLink[a];
      let leave = possibleEnd[li];
      if (windowTo < leave) leave = windowTo;
      if (reach < leave) leave = reach;
      if (latest[current + u] >= leave) return;
      const earliest = possibleStart[li] > windowFrom ? possibleStart[li] : windowFrom;
      if (earliest > leave) return;
      raise(u, leave);
    };
    // Within r hops is never worse than within r - 1.
    for (const u of changed) if (!(latest[current + u] >= latest[previous + u])) raise(u, latest[previous + u]);
    for (const x of changed) for (let j = inStart[x], end = inStart[x + 1]; j < end; j++) relax(inArc[j]);
    for (const a of fresh) relax(a);
    changed = next;
  }
}

/** Best-first enumeration of complete paths in rank order; returns entry numbers of the first k complete paths. */
function search(p: Prepared, bounds: TargetBounds): { found: number[]; budgetExceeded: boolean; explored: number } {
  const { graph: g, ws, time, windowFrom, windowTo, maxHops, k } = p;
  // Hoisted once: property loads on the graph object inside the hot loops cost more than the work itself.
  const { arcLink, arcTo, certainA, certainB, certainKind, linkConfidence, linkOrder, outStart, possibleEnd, possibleStart } = g;
  const gen = ws.generation;
  const pool = ws.entries;
  pool.reset();
  const respecting = time === 'RESPECTING';
  const within = time === 'WITHIN_WINDOW';
  const latest = bounds.latest ?? new Float64Array(0);
  const nodeCount = g.nodes.length;
  // RESPECTING: fewest hops from v to the target when leaving at time t or later (UNREACHED if none within most).
  const hopsNeeded = (v: number, t: number, most: number): number => {
    for (let r = bounds.dist[v]; r <= most; r++) if (latest[r * nodeCount + v] >= t) return r;
    return UNREACHED;
  };
  const heap: number[] = [];
  const scratchA = new Int32Array(MAX_HOPS_LIMIT + 2);
  const scratchB = new Int32Array(MAX_HOPS_LIMIT + 2);

  const chainOrders = (entry: number, out: Int32Array): number => {
    const n = pool.depth[entry];
    for (let e = entry, i = n - 1; i >= 0; i--, e = pool.parent[e]) out[i] = linkOrder[arcLink[pool.arc[e]]];
    return n;
  };
  // Strict rank order on entries; a partial entry's key bounds every completion of it from below.
  const before = (x: number, y: number): boolean => {
    if (pool.hopsBound[x] !== pool.hopsBound[y]) return pool.hopsBound[x] < pool.hopsBound[y];
    if (pool.evidence[x] !== pool.evidence[y]) return pool.evidence[x] > pool.evidence[y];
    if (pool.arrivalKey[x] !== pool.arrivalKey[y]) return pool.arrivalKey[x] < pool.arrivalKey[y];
    const nx = chainOrders(x, scratchA);
    const ny = chainOrders(y, scratchB);
    const n = Math.min(nx, ny);
    for (let i = 0; i < n; i++) if (scratchA[i] !== scratchB[i]) return scratchA[i] < scratchB[i];
    if (nx !== ny) return nx < ny;
    return x < y;
  };
  // Siblings share their prefix, so only the last link's id can break a tie between them.
  const siblingOrder = (x: number, y: number): number => {
    if (pool.hopsBound[x] !== pool.hopsBound[y]) return pool.hopsBound[x] - pool.hopsBound[y];
    if (pool.evidence[x] !== pool.evidence[y]) return pool.evidence[x] > pool.evidence[y] ? -1 : 1;
    if (pool.arrivalKey[x] !== pool.arrivalKey[y]) return pool.arrivalKey[x] < pool.arrivalKey[y] ? -1 : 1;
    const ox = linkOrder[arcLink[pool.arc[x]]];
    const oy = linkOrder[arcLink[pool.arc[y]]];
    return ox !== oy ? ox - oy : x - y;
  };
  const children: number[] = [];
  const maxRemaining = maxHops - 1;
  const usefulArcs = (v: number): Int32Array => {
    let list = bounds.arcLists.get(v);
    if (list) return list;
    const kept: number[] = [];
    for (let a = outStart[v], end = outStart[v + 1]; a < end; a++) {
      const w = arcTo[a];
      if (bounds.usable[a] === 1 && bounds.dist[w] <= maxRemaining) kept.push(a);
    }
    list = Int32Array.from(kept.sort((x, y) => bounds.dist[arcTo[x]] - bounds.dist[arcTo[y]] || x - y));
    bounds.arcLists.set(v, list);
    return list;
  };
  const push = (entry: number): void => {
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!before(entry, heap[up])) break;
      heap[i] = heap[up];
      i = up;
    }
    heap[i] = entry;
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && before(heap[child + 1], heap[child])) child++;
        if (!before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  };

  for (const s of p.sources) {
    const d = respecting ? hopsNeeded(s, -Infinity, maxHops) : bounds.dist[s];
    if (d === UNREACHED || d > maxHops) continue;
    const e = pool.add();
    pool.parent[e] = -1; pool.node[e] = s; pool.arc[e] = -1; pool.depth[e] = 0; pool.hopsBound[e] = d;
    pool.medium[e] = 0; pool.low[e] = 0; pool.complete[e] = PARTIAL;
    pool.time[e] = -Infinity; pool.certainTime[e] = respecting ? -Infinity : 1;
    pool.evidence[e] = d === bounds.dist[s] ? evidenceOf(bounds.evidenceMedium[s], bounds.evidenceLow[s]) : 1;
    pool.arrivalKey[e] = respecting ? -Infinity : 0;
    pool.nextSibling[e] = -1;
    pool.origin[e] = -1;
    push(e);
  }

  const found: number[] = [];
  let explored = 0;
  let budgetExceeded = false;
  while (heap.length > 0 && found.length < k) {
    const popped = pop();
    if (pool.nextSibling[popped] !== -1) push(pool.nextSibling[popped]);
    if (pool.complete[popped] === COMPLETE) {
      found.push(popped);
      continue;
    }
    explored++;
    if ((explored & (DEADLINE_CHECK_EVERY - 1)) === 0 && performance.now() > p.deadline || explored > MAX_EXPANSIONS || pool.size > MAX_ENTRIES) {
      budgetExceeded = true;
      break;
    }
    // A continuation stands for the children of an expanded entry that need more hops than were generated so far.
    const e = pool.complete[popped] === CONTINUATION ? pool.origin[popped] : popped;
    const level = pool.hopsBound[popped];
    const v = pool.node[e];
    const depth = pool.depth[e];
    if (depth >= maxHops) continue;
    const mark = ++ws.pathGeneration;
    for (let c = e; c !== -1; c = pool.parent[c]) ws.pathMark[pool.node[c]] = mark;
    const t = pool.time[e];
    const tc = pool.certainTime[e];
    let nextLevel = UNREACHED;
    const arcs = usefulArcs(v);
    for (let i = 0; i < arcs.length; i++) {
      const a = arcs[i];
      const w = arcTo[a];
      // Arcs come nearest-first: past this one every child needs more hops than this level.
      const fewest = depth + 1 + bounds.dist[w];
      if (fewest > level) {
        if (fewest < nextLevel && fewest <= maxHops) nextLevel = fewest;
        break;
      }
      if (ws.pathMark[w] === mark || ws.excludedNodeStamp[w] === gen) continue;
      const li = arcLink[a];
      if (ws.excludedLinkStamp[li] === gen) continue;
      const complete = ws.targetStamp[w] === gen;
      let nextTime = 0;
      let nextCertain = 0;
      let remaining = 0;
      if (respecting) {
        nextTime = possibleStep(t, possibleStart[li], possibleEnd[li], windowFrom, windowTo);
        if (Number.isNaN(nextTime)) continue;
        if (!complete) {
          remaining = hopsNeeded(w, nextTime, maxHops - depth - 1);
          if (remaining === UNREACHED) continue;
        }
      } else {
        remaining = complete ? 0 : bounds.dist[w];
      }
      const hops = depth + 1 + remaining;
      if (hops > maxHops || hops < level) continue;
      if (hops > level) {
        if (hops < nextLevel) nextLevel = hops;
        continue;
      }
      if (respecting) {
        nextCertain = certainStep(tc, certainKind[li], certainA[li], certainB[li], windowFrom, windowTo);
      } else if (within) {
        if (!possiblyWithin(possibleStart[li], possibleEnd[li], windowFrom, windowTo)) continue;
        nextCertain = tc === 1 && certainlyWithin(certainKind[li], certainA[li], certainB[li], windowFrom, windowTo) ? 1 : 0;
      }
      const child = pool.add();
      const confidence = linkConfidence[li];
      pool.parent[child] = e; pool.node[child] = w; pool.arc[child] = a; pool.depth[child] = depth + 1; pool.origin[child] = -1;
      pool.hopsBound[child] = hops;
      pool.medium[child] = pool.medium[e] + (confidence === 1 ? 1 : 0);
      pool.low[child] = pool.low[e] + (confidence === 2 ? 1 : 0);
      // The strongest-shortest-walk bound only speaks for remainders of exactly dist[w] hops.
      pool.evidence[child] = complete || remaining !== bounds.dist[w]
        ? evidenceOf(pool.medium[child], pool.low[child])
        : evidenceOf(pool.medium[child] + bounds.evidenceMedium[w], pool.low[child] + bounds.evidenceLow[w]);
      pool.complete[child] = complete ? COMPLETE : PARTIAL;
      pool.time[child] = nextTime;
      pool.certainTime[child] = nextCertain;
      // Unknown (unbounded) arrival ranks last once complete, but a partial could still gain a date.
      pool.arrivalKey[child] = !respecting ? 0 : complete && nextTime === -Infinity ? Infinity : nextTime;
      children.push(child);
    }
    // Siblings enter the heap one at a time in rank order: a hub's thousands of children cost one heap slot.
    if (children.length > 1) children.sort(siblingOrder);
    for (let i = 0; i < children.length; i++) pool.nextSibling[children[i]] = i + 1 < children.length ? children[i + 1] : -1;
    if (children.length > 0) push(children[0]);
    children.length = 0;
    if (nextLevel !== UNREACHED) {
      // Its key bounds every deferred child: more hops, no more evidence than the prefix, no earlier time, same prefix.
      const c = pool.add();
      pool.parent[c] = pool.parent[e]; pool.node[c] = v; pool.arc[c] = pool.arc[e]; pool.depth[c] = depth; pool.origin[c] = e;
      pool.hopsBound[c] = nextLevel;
      pool.medium[c] = pool.medium[e]; pool.low[c] = pool.low[e];
      pool.evidence[c] = evidenceOf(pool.medium[e], pool.low[e]);
      pool.complete[c] = CONTINUATION;
      pool.time[c] = t; pool.certainTime[c] = tc;
      pool.arrivalKey[c] = respecting ? t : 0;
      pool.nextSibling[c] = -1;
      push(c);
    }
  }
  return { found, budgetExceeded, explored };
}

function materialize(p: Prepared, entry: number): InfluencePath {
  const { graph: g, ws } = p;
  const pool = ws.entries;
  const arcs: number[] = [];
  for (let e = entry; pool.parent[e] !== -1; e = pool.parent[e]) arcs.push(pool.arc[e]);
  arcs.reverse();
  const hops: PathHop[] = [];
  const nodes: string[] = [g.nodes[g.arcFrom[arcs[0]]].id];
  const confidences: Confidence[] = [];
  let t = -Infinity;
  for (const a of arcs) {
    const li = g.arcLink[a];
    const hop: PathHop = { link: g.links[li], fromId: g.nodes[g.arcFrom[a]].id, toId: g.nodes[g.arcTo[a]].id, against: g.arcAgainst[a] === 1 };
    if (p.time === 'RESPECTING') {
      t = possibleStep(t, g.possibleStart[li], g.possibleEnd[li], p.windowFrom, p.windowTo);
      if (Number.isFinite(t)) hop.instant = t;
    }
    hops.push(hop);
    nodes.push(hop.toId);
    confidences.push(CONFIDENCE_CODES[g.linkConfidence[li]]);
  }
  const arrival = pool.time[entry];
  const last = nodes[nodes.length - 1];
  const latest = p.time === 'RESPECTING'
    ? latestArrivalOf(arcs.map((a) => g.possibleEnd[g.arcLink[a]]), p.officeTarget, arrival, p.windowTo)
    : NaN;
  return {
    hops,
    nodes,
    arrival: p.time === 'RESPECTING' && Number.isFinite(arrival) ? arrival : null,
    latestArrival: Number.isFinite(latest) ? latest : null,
    certain: p.time === 'RESPECTING' ? !Number.isNaN(pool.certainTime[entry]) : p.time === 'WITHIN_WINDOW' ? pool.certainTime[entry] === 1 : false,
    evidence: pool.evidence[entry],
    strength: strengthOf(hops.map((h) => h.link.type), confidences),
    weakestHop: weakestHopOf(confidences),
    source: nodes[0],
    target: p.officeTarget ? { nodeId: last, personId: nodes[nodes.length - 2], governmentId: last } : { nodeId: last },
  };
}

/** Forward exploration within maxHops: fewest hops and earliest arrival at every node the sources can reach in time. */
function reachedNodes(p: Prepared): void {
  const { graph: g, ws, maxHops } = p;
  const gen = ws.generation;
  const respecting = p.time === 'RESPECTING';
  let frontier: number[] = [];
  for (const s of p.sources) {
    ws.reachedStamp[s] = gen;
    ws.reachedHops[s] = 0;
    ws.reachedArrival[s] = -Infinity;
    frontier.push(s);
  }
  let frontierTimes = frontier.map(() => -Infinity);
  for (let hop = 1; hop <= maxHops && frontier.length > 0; hop++) {
    const next: number[] = [];
    const mark = ++ws.pathGeneration;
    for (let f = 0; f < frontier.length; f++) {
      const v = frontier[f];
      const t = frontierTimes[f];
      for (let a = g.outStart[v], end = g.outStart[v + 1]; a < end; a++) {
        const li = g.arcLink[a];
        const type = g.linkType[li];
        const w = g.arcTo[a];
        if (type === HELD_OFFICE_CODE || p.steppable[type] !== 1 || ws.excludedNodeStamp[w] === gen) continue;
        if (!linkUsable(p, li, p.includeBlocked, p.time !== 'IGNORE')) continue;
        const arrival = respecting ? possibleStep(t, g.possibleStart[li], g.possibleEnd[li], p.windowFrom, p.windowTo) : -Infinity;
        if (Number.isNaN(arrival)) continue;
        if (ws.reachedStamp[w] === gen && !(arrival < ws.reachedArrival[w])) continue;
        if (ws.reachedStamp[w] !== gen) ws.reachedHops[w] = hop;
        ws.reachedStamp[w] = gen;
        ws.reachedArrival[w] = arrival;
        if (ws.pathMark[w] !== mark) {
          ws.pathMark[w] = mark;
          next.push(w);
        }
      }
    }
    frontier = next;
    frontierTimes = next.map((w) => ws.reachedArrival[w]);
  }
}

/** The reached node nearest the target by static hops (ties: earliest arrival, then id). */
function closestNode(p: Prepared, dist: Uint8Array): InfluenceResult['closest'] {
  const { graph: g, ws } = p;
  const gen = ws.generation;
  let best = -1;
  for (let v = 0; v < g.nodes.length; v++) {
    if (ws.reachedStamp[v] !== gen || dist[v] === UNREACHED) continue;
    if (best === -1 || dist[v] < dist[best] ||
      dist[v] === dist[best] && (ws.reachedArrival[v] < ws.reachedArrival[best] ||
        ws.reachedArrival[v] === ws.reachedArrival[best] && g.nodes[v].id < g.nodes[best].id)) best = v;
  }
  // Nothing reached has any route to the target: name how far the search got instead (most hops out, then earliest,
  // then id), or the start itself, so an explanation never says "stopped at the start" after reaching people.
  if (best === -1) {
    for (let v = 0; v < g.nodes.length; v++) {
      if (ws.reachedStamp[v] !== gen) continue;
      if (best === -1 || ws.reachedHops[v] > ws.reachedHops[best] ||
        ws.reachedHops[v] === ws.reachedHops[best] && (ws.reachedArrival[v] < ws.reachedArrival[best] ||
          ws.reachedArrival[v] === ws.reachedArrival[best] && g.nodes[v].id < g.nodes[best].id)) best = v;
    }
  }
  if (best === -1) return null;
  const arrival = ws.reachedArrival[best];
  return { nodeId: g.nodes[best].id, hopsFromSource: ws.reachedHops[best], bestArrival: Number.isFinite(arrival) ? arrival : null };
}

/**
 * Whether a rejected (blocked) transmission leaves a node reachedNodes reached, in time: a path through blocked links
 * needs one as its first blocked hop, so without any the costlier search with blocked links allowed is skipped.
 */
function blockedArcInReach(p: Prepared): boolean {
  const { graph: g, ws } = p;
  const gen = ws.generation;
  const timed = p.time !== 'IGNORE';
  for (let a = 0; a < g.arcTo.length; a++) {
    const li = g.arcLink[a];
    if (g.linkBlocked[li] !== 1 || p.steppable[g.linkType[li]] !== 1) continue;
    const v = g.arcFrom[a];
    if (ws.reachedStamp[v] !== gen || ws.excludedLinkStamp[li] === gen || ws.excludedNodeStamp[g.arcTo[a]] === gen) continue;
    if (!timed) return true;
    const from = Math.max(p.time === 'RESPECTING' ? ws.reachedArrival[v] : -Infinity, p.windowFrom);
    if (g.possibleEnd[li] >= from && g.possibleStart[li] <= p.windowTo) return true;
  }
  return false;
}

/** A fresh stamp generation with the query's exclusions and targets, for one more pass over the graph. */
function refreshed(graph: TemporalGraph, query: PathQuery, ws: Workspace): Prepared {
  ws.generation++;
  return prepare(graph, query, ws);
}

/** Static hops to the target (time and hop limit ignored) per node, UNREACHED where none. */
function staticDistances(p: Prepared, allowBlocked: boolean): Uint8Array | null {
  return reverseBounds(p, STATIC_DEPTH_LIMIT, usableArcs(p, allowBlocked, false))?.dist ?? null;
}

function fewestFromSources(p: Prepared, dist: Uint8Array): number {
  let best = Infinity;
  for (const s of p.sources) if (dist[s] !== UNREACHED) best = Math.min(best, dist[s]);
  return best;
}

type Diagnosis = Pick<InfluenceResult, 'stopReason' | 'brokenHop' | 'closest'>;

/**
 * Why nothing was found: unreachable, only through rejected transmissions (statically, or in time and within the hop
 * limit), too far, or out of time (and which hop of the best static path broke).
 */
function diagnose(graph: TemporalGraph, query: PathQuery, ws: Workspace): Diagnosis {
  const p = refreshed(graph, query, ws);
  reachedNodes(p);
  const blockedInReach = !p.includeBlocked && blockedArcInReach(p);
  const dist = staticDistances(p, p.includeBlocked);
  if (!dist) return { stopReason: 'BUDGET', brokenHop: null, closest: null };
  const closest = closestNode(p, dist);
  const unblocked = fewestFromSources(p, dist);
  if (unblocked === Infinity) {
    const withBlocked = p.includeBlocked ? null : staticDistances(refreshed(graph, query, ws), true);
    const blocked = withBlocked ? fewestFromSources(p, withBlocked) : Infinity;
    return { stopReason: blocked === Infinity ? 'NO_LINK_ONWARD' : 'BLOCKED', brokenHop: null, closest };
  }
  // Paths that exist in time and within the hop limit once rejected transmissions count: the rejection is what broke.
  if (blockedInReach && influencePaths(graph, { ...query, includeBlocked: true, k: 1, rankBy: undefined }).paths.length > 0) {
    return { stopReason: 'BLOCKED', brokenHop: null, closest };
  }
  if (unblocked > p.maxHops) return { stopReason: 'HOP_LIMIT', brokenHop: null, closest };
  // A static path within the hop limit exists, so only time can have failed (or the search ran out of budget).
  if (query.time === 'IGNORE') return { stopReason: 'BUDGET', brokenHop: null, closest };
  const best = influencePaths(graph, { ...query, time: 'IGNORE', k: 1, rankBy: undefined }).paths[0];
  let brokenHop: InfluenceResult['brokenHop'] = null;
  if (best) {
    let t = -Infinity;
    for (let i = 0; i < best.hops.length && brokenHop === null; i++) {
      const when = best.hops[i].link.when;
      const start = when?.startMin ?? -Infinity;
      const end = when?.endMax ?? Infinity;
      if (p.time === 'RESPECTING') t = possibleStep(t, start, end, p.windowFrom, p.windowTo);
      const broken = p.time === 'RESPECTING' ? Number.isNaN(t) : !possiblyWithin(start, end, p.windowFrom, p.windowTo);
      if (broken) brokenHop = { index: i, linkId: best.hops[i].link.id };
    }
  }
  return { stopReason: 'OUT_OF_WINDOW', brokenHop, closest };
}

/**
 * The k best influence paths. Ranking: fewest hops (the final office hop counts: it is the evidence that the person
 * decided), strongest evidence, earliest arrival (unknown last), then link ids.
 */
export function influencePaths(graph: TemporalGraph, query: PathQuery): InfluenceResult {
  const rankBy = query.rankBy ?? 'FEWEST_HOPS';
  if (rankBy === 'FEWEST_HOPS') return fewestHopsFirst(graph, query);
  // The pool is the RERANK_POOL best by fewest hops: exact whenever the query has no more paths than that.
  const result = fewestHopsFirst(graph, { ...query, rankBy: undefined, k: Math.max(query.k, RERANK_POOL) });
  const ranked = result.paths.map((p) => ({ p, key: { linkIds: p.hops.map((h) => h.link.id), evidence: p.evidence, arrival: p.arrival, strength: p.strength } }));
  ranked.sort((x, y) => compareRanked(rankBy, x.key, y.key));
  return { ...result, paths: ranked.slice(0, Math.max(0, Math.floor(query.k))).map((x) => x.p) };
}

/** How many fewest-hops paths EARLIEST_ARRIVAL and STRONGEST_EVIDENCE re-rank. */
export const RERANK_POOL = 400;

function fewestHopsFirst(graph: TemporalGraph, query: PathQuery): InfluenceResult {
  const ws = acquireWorkspace(graph);
  try {
    const empty: InfluenceResult = {
      paths: [], static: query.time === 'IGNORE', stopReason: null, brokenHop: null, closest: null, explored: 0, budgetExceeded: false,
    };
    if (query.deadline !== undefined && performance.now() > query.deadline) return { ...empty, stopReason: 'BUDGET', budgetExceeded: true };
    const bounds = targetBounds(graph, query, ws);
    if (!bounds) return { ...empty, stopReason: 'BUDGET', budgetExceeded: true };
    const p = refreshed(graph, query, ws);
    const { found, budgetExceeded, explored } = search(p, bounds);
    const paths = found.map((entry) => materialize(p, entry));
    if (paths.length > 0 || p.k === 0) return { ...empty, paths, explored, budgetExceeded };
    if (budgetExceeded) return { ...empty, stopReason: 'BUDGET', explored, budgetExceeded };
    return { ...empty, ...diagnose(graph, query, ws), explored };
  } finally {
    releaseWorkspace(graph, ws);
  }
}

export interface ReachedTarget {
  /** The decision-maker (office targets) or the target node itself. */
  personId: string;
  governmentId?: string;
  /**
   * Fewest hops (office hop included) and earliest possible arrival, each over all paths; null when some path has no
   * dated lower bound at all (it could have arrived at any time). influencePaths instead ranks such paths last.
   */
  hops: number;
  arrival: number | null;
}

/**
 * Every target the sources reach in time, with fewest hops and earliest arrival: an exact forward labelling by hop
 * count. Walks suffice, since cutting a cycle out of a time-respecting walk leaves one with fewer hops and no later times.
 */
export function targetsReached(graph: TemporalGraph, query: Omit<PathQuery, 'k' | 'time'> & { time?: 'RESPECTING' | 'WITHIN_WINDOW' }): ReachedTarget[] {
  const ws = acquireWorkspace(graph);
  try {
    const p = prepare(graph, { ...query, time: query.time ?? 'RESPECTING', k: 0 }, ws);
    const { graph: g, maxHops } = p;
    const gen = ws.generation;
    const respecting = p.time === 'RESPECTING';
    const reached = new Map<string, ReachedTarget>();
    const best = ws.reachedArrival;
    let frontier: number[] = [];
    let frontierTimes: number[] = [];
    for (const s of p.sources) {
      ws.reachedStamp[s] = gen;
      best[s] = -Infinity;
      frontier.push(s);
      frontierTimes.push(-Infinity);
    }
    for (let hop = 1; hop <= maxHops && frontier.length > 0; hop++) {
      const next: number[] = [];
      const nextMark = ++ws.pathGeneration;
      for (let f = 0; f < frontier.length; f++) {
        const v = frontier[f];
        // The time this node had after hop-1 hops, not an earlier one found during this round (that needs one more hop).
        const t = frontierTimes[f];
        for (let a = g.outStart[v], end = g.outStart[v + 1]; a < end; a++) {
          const w = g.arcTo[a];
          if (ws.excludedNodeStamp[w] === gen || !arcAllowed(p, a, p.includeBlocked, true)) continue;
          const li = g.arcLink[a];
          const arrival = respecting ? possibleStep(t, g.possibleStart[li], g.possibleEnd[li], p.windowFrom, p.windowTo) : -Infinity;
          if (Number.isNaN(arrival)) continue;
          if (ws.targetStamp[w] === gen) {
            const isOffice = g.linkType[li] === HELD_OFFICE_CODE;
            const personId = isOffice ? g.nodes[v].id : g.nodes[w].id;
            const key = isOffice ? `${personId}>${g.nodes[w].id}` : personId;
            const known = reached.get(key);
            const shown = Number.isFinite(arrival) ? arrival : null;
            if (!known) reached.set(key, { personId, ...(isOffice ? { governmentId: g.nodes[w].id } : {}), hops: hop, arrival: shown });
            else if (known.arrival !== null && (shown === null || shown < known.arrival)) known.arrival = shown;
            continue;
          }
          // Only a strictly earlier arrival is worth carrying on: more hops and no earlier time is dominated.
          if (ws.reachedStamp[w] === gen && !(arrival < best[w])) continue;
          ws.reachedStamp[w] = gen;
          best[w] = arrival;
          if (ws.pathMark[w] !== nextMark) {
            ws.pathMark[w] = nextMark;
            next.push(w);
          }
        }
      }
      frontier = next;
      frontierTimes = next.map((w) => best[w]);
    }
    const arrivalOrder = (x: ReachedTarget, y: ReachedTarget) => (x.arrival ?? Infinity) < (y.arrival ?? Infinity) ? -1 : (x.arrival ?? Infinity) > (y.arrival ?? Infinity) ? 1 : 0;
    return [...reached.values()].sort((x, y) => x.hops - y.hops || arrivalOrder(x, y) || (x.personId < y.personId ? -1 : x.personId > y.personId ? 1 : 0));
  } finally {
    releaseWorkspace(graph, ws);
  }
}
