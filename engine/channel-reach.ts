// Which leaderships a channel's participants reached, how fast, grouped by the side each government belongs to.
import { LRUCache } from 'lru-cache';
import { HELD_OFFICE_CODE, TYPE_CODE, arcTimes, hopsBack, offProductLinks, type ArcTimes, type TemporalGraph } from './graph.ts';
import { influencePaths, type InfluencePath } from './influence-paths.ts';
import { steppableTypes, type PathMode } from './rules.ts';

export interface LeaderReached {
  personId: string;
  /** The participant who reaches this leader first (fewest hops, then earliest arrival, then id). */
  byParticipant: string;
  hops: number;
  earliestArrival: number | null;
}

export interface GovernmentReached {
  governmentId: string;
  leaders: LeaderReached[];
  hops: number;
  earliestArrival: number | null;
  /** The top-ranked influence path from the fastest participant to this government's leadership. */
  bestPath: InfluencePath | null;
}

export interface ChannelReach {
  channelId: string;
  bySide: { side: string; governments: GovernmentReached[] }[];
  participantsReachingNoOne: string[];
}

export interface ChannelReachOptions {
  window?: { from: number; to: number };
  mode?: PathMode;
  maxHops?: number;
}

/*
 * The answer is defined by one targetsReached per participant (channelReachReference in reference.ts): for every decision
 * office (leader P, government G) each participant s has fewest hops H_s and earliest arrival A_s (over all walks
 * within the hop limit, an undated one making it null), and the leader goes to the least (H_s, A_s with null last, s).
 *
 * Here the same forward labelling runs once for all participants together (giving every office's least hops H* and
 * earliest arrival A* over everyone), then once per participant in id order, pruned: a node is expanded only if,
 * from there, some office still open to improvement can be reached in time by a walk that could matter — within the
 * holder's hop count (to tie or beat it), or arriving no later than the holder (to beat it on arrival), or anything
 * within the limit while the holder's hop count is above H* (a new holder's arrival must then be exact). These bounds
 * are latest departure times per (node, hops so far), one reverse pass over all open offices at once; bounds computed
 * earlier stay valid as holders only improve, so they are refreshed now and then, not after every participant. An
 * office whose holder has H* hops and arrives at A* can no longer change and drops out of the bounds.
 */

interface Scratch {
  /** Node stamps for the forward labelling, one generation per search. */
  stamp: Int32Array;
  best: Float64Array;
  mark: Int32Array;
  generation: number;
  markGeneration: number;
  isGovernment: Uint8Array;
  /** Government ids in the order their best paths were last asked for, most recent last. */
  pathOrder: string[];
  /** Forward frontiers (nodes, and their times for the current one). */
  frontierA: Int32Array;
  frontierB: Int32Array;
  frontierTimes: Float64Array;
  /** Reverse pass: changed-in-this-level marks. */
  changed: Int32Array;
  /** Rules by mode, window and hop limit (see prepareContext). */
  rules: LRUCache<string, Rules>;
  changedGeneration: number;
}

const scratchOf = new WeakMap<TemporalGraph, Scratch>();

function scratchFor(graph: TemporalGraph): Scratch {
  let scratch = scratchOf.get(graph);
  if (!scratch) {
    const n = graph.nodes.length;
    const isGovernment = new Uint8Array(n);
    for (const v of graph.governmentNodes) isGovernment[v] = 1;
    scratch = {
      stamp: new Int32Array(n), best: new Float64Array(n), mark: new Int32Array(n), generation: 0, markGeneration: 0,
      isGovernment, pathOrder: [], changed: new Int32Array(n), changedGeneration: 0,
      frontierA: new Int32Array(n), frontierB: new Int32Array(n), frontierTimes: new Float64Array(n), rules: new LRUCache<string, Rules>({ max: RULES_KEPT }),
    };
    scratchOf.set(graph, scratch);
  }
  return scratch;
}

/** One query's rules and its decision offices ("targets": one per leader and government). */
interface Context extends Rules {
  graph: TemporalGraph;
  scratch: Scratch;
  maxHops: number;
  windowFrom: number;
  windowTo: number;
  times: ArcTimes;
}

const STEP = 1;
const OFFICE = 2;

/** Fewest hops and earliest arrival per target reached by one search (arrival: non-finite stands for null). */
interface Hits {
  stamp: Int32Array;
  generation: number;
  hops: Int32Array;
  arrival: Float64Array;
  list: number[];
}

function newHits(count: number): Hits {
  return { stamp: new Int32Array(count), generation: 0, hops: new Int32Array(count), arrival: new Float64Array(count), list: [] };
}

/** What a query's rules make of the graph, the channel aside: the same for every channel, cached per graph version. */
interface Rules {
  /** Usable decision-office arc → target number. */
  targetOfArc: Map<number, number>;
  targetPerson: number[];
  targetGovernment: number[];
  /** Usable office arcs per target. */
  targetArcs: number[][];
  /** Per out-arc: STEP (a hop the rules allow, into a non-government, overlapping the window), OFFICE (a target arc), else 0. */
  arcCode: Uint8Array;
  /** Per reverse-index entry (the arc inArc[j]): 1 for a hop the rules allow from a non-government tail. */
  inCode: Uint8Array;
  /** Fewest hops from each node to an office over usable arcs, times left aside (255: none within maxHops). */
  distance: Uint8Array;
}

/** Rules kept per graph version, by mode, window and hop limit: a few analyses of different channels share one. */
const RULES_KEPT = 4;

function prepareContext(graph: TemporalGraph, channelId: string, options: ChannelReachOptions): Context {
  const scratch = scratchFor(graph);
  const windowFrom = options.window?.from ?? -Infinity;
  const windowTo = options.window?.to ?? Infinity;
  const maxHops = Math.max(0, Math.min(16, Math.floor(options.maxHops ?? 6)));
  const mode = options.mode ?? 'POTENTIAL';
  const key = `${mode}|${windowFrom}|${windowTo}|${maxHops}`;
  let rules = scratch.rules.get(key);
  if (!rules) {
    rules = rulesFor(graph, scratch, mode, windowFrom, windowTo, maxHops);
    scratch.rules.set(key, rules);
  }
  // A transmission about another channel is not a hop: a channel carries only its own product, or nothing in
  // particular. Few links name a channel, so they are taken out of copies of the shared codes; the distances stay
  // as they are (with fewer arcs the true ones can only be longer, so they remain lower bounds).
  let { arcCode, inCode } = rules;
  const offProduct = offProductLinks(graph, [channelId]);
  if (offProduct !== null) {
    const { arcLink, inArc } = graph;
    arcCode = arcCode.slice();
    inCode = inCode.slice();
    for (let a = 0; a < arcCode.length; a++) if (arcCode[a] === STEP && offProduct[arcLink[a]] === 1) arcCode[a] = 0;
    for (let j = 0; j < inCode.length; j++) if (inCode[j] === 1 && offProduct[arcLink[inArc[j]]] === 1) inCode[j] = 0;
  }
  return { ...rules, arcCode, inCode, graph, scratch, maxHops, windowFrom, windowTo, times: arcTimes(graph) };
}

function rulesFor(graph: TemporalGraph, scratch: Scratch, mode: PathMode, windowFrom: number, windowTo: number, maxHops: number): Rules {
  const steppable = new Uint8Array(TYPE_CODE.HELD_OFFICE + 32);
  for (const type of steppableTypes(mode)) steppable[TYPE_CODE[type]] = 1;
  const { inStart, inArc, arcFrom, arcLink, linkType, linkDecision, linkBlocked, possibleStart, possibleEnd } = graph;
  const targetOfArc = new Map<number, number>();
  const targetPerson: number[] = [];
  const targetGovernment: number[] = [];
  const targetArcs: number[][] = [];
  for (const g of graph.governmentNodes) {
    const byPerson = new Map<number, number>();
    for (let j = inStart[g], end = inStart[g + 1]; j < end; j++) {
      const a = inArc[j];
      const li = arcLink[a];
      if (linkType[li] !== HELD_OFFICE_CODE || linkDecision[li] !== 1 || linkBlocked[li] === 1) continue;
      if (!(possibleStart[li] <= windowTo && possibleEnd[li] >= windowFrom)) continue;
      const person = arcFrom[a];
      let t = byPerson.get(person);
      if (t === undefined) {
        t = targetPerson.length;
        byPerson.set(person, t);
        targetPerson.push(person);
        targetGovernment.push(g);
        targetArcs.push([]);
      }
      targetArcs[t].push(a);
      targetOfArc.set(a, t);
    }
  }
  // The rules per arc, in arc order: the searches then read one byte per arc instead of four link columns.
  const { arcTo, outStart } = graph;
  const { isGovernment } = scratch;
  const arcCount = arcTo.length;
  const arcCode = new Uint8Array(arcCount);
  const stepOk = new Uint8Array(arcCount);
  for (let v = 0, n = graph.nodes.length; v < n; v++) {
    const tailIsGovernment = isGovernment[v] === 1;
    for (let a = outStart[v], end = outStart[v + 1]; a < end; a++) {
      const li = arcLink[a];
      const type = linkType[li];
      if (type === HELD_OFFICE_CODE) {
        if (targetOfArc.has(a)) arcCode[a] = OFFICE;
        continue;
      }
      if (steppable[type] !== 1 || linkBlocked[li] === 1) continue;
      if (!tailIsGovernment) stepOk[a] = 1;
      if (isGovernment[arcTo[a]] === 1 || !(possibleStart[li] <= windowTo && possibleEnd[li] >= windowFrom)) continue;
      arcCode[a] = STEP;
    }
  }
  const inCode = new Uint8Array(arcCount);
  for (let j = 0; j < arcCount; j++) inCode[j] = stepOk[inArc[j]];
  // A node labelled after r hops that is further than maxHops - r from every office can lead to none, so the
  // searches do not label it at all.
  const distance = hopsBack(graph, targetPerson, 1, inCode, maxHops);
  return { targetOfArc, targetPerson, targetGovernment, targetArcs, arcCode, inCode, distance };
}

/**
 * targetsReached's forward labelling by hop count, from the given sources at once: fewest hops and earliest arrival
 * per target, null (non-finite) arrival sticking as there. With bounds, a node labelled after r hops at time t is
 * expanded only when t ≤ bounds[r * n + node] (a NaN bound: never).
 */
function forward(c: Context, sources: readonly number[], bounds: Float64Array | null, hits: Hits): void {
  const { graph: g, scratch, maxHops, windowFrom, windowTo, targetOfArc, arcCode, distance } = c;
  const { outStart, arcTo } = g;
  const { outPossibleStart, outPossibleEnd } = c.times;
  const { stamp, best, mark } = scratch;
  const n = g.nodes.length;
  const gen = ++scratch.generation;
  const hitGen = ++hits.generation;
  hits.list.length = 0;
  // Frontiers in typed buffers of the scratch (a node is in a frontier at most once): with JS arrays and next.map, V8
  // deoptimised this loop again and again at 1M links ("out of bounds"), and ran it unoptimised.
  let frontier = scratch.frontierA;
  let next = scratch.frontierB;
  const frontierTimes = scratch.frontierTimes;
  let size = 0;
  for (const s of sources) {
    stamp[s] = gen;
    best[s] = -Infinity;
    frontier[size] = s;
    frontierTimes[size++] = -Infinity;
  }
  for (let hop = 1; hop <= maxHops && size > 0; hop++) {
    let nextSize = 0;
    const nextMark = ++scratch.markGeneration;
    const level = (hop - 1) * n;
    for (let f = 0; f < size; f++) {
      const v = frontier[f];
      const t = frontierTimes[f];
      if (bounds !== null && !(t <= bounds[level + v])) continue;
      for (let a = outStart[v], end = outStart[v + 1]; a < end; a++) {
        const code = arcCode[a];
        if (code === 0) continue;
        if (code === OFFICE) {
          const target = targetOfArc.get(a)!;
          let arrival = t;
          if (outPossibleStart[a] > arrival) arrival = outPossibleStart[a];
          if (windowFrom > arrival) arrival = windowFrom;
          if (!(arrival <= outPossibleEnd[a] && arrival <= windowTo)) continue;
          if (hits.stamp[target] !== hitGen) {
            hits.stamp[target] = hitGen;
            hits.hops[target] = hop;
            hits.arrival[target] = arrival;
            hits.list.push(target);
          } else {
            const known = hits.arrival[target];
            if (Number.isFinite(known) && (!Number.isFinite(arrival) || arrival < known)) hits.arrival[target] = arrival;
          }
          continue;
        }
        const w = arcTo[a];
        if (distance[w] > maxHops - hop) continue;
        let arrival = t;
        if (outPossibleStart[a] > arrival) arrival = outPossibleStart[a];
        if (windowFrom > arrival) arrival = windowFrom;
        if (!(arrival <= outPossibleEnd[a] && arrival <= windowTo)) continue;
        if (stamp[w] === gen && !(arrival < best[w])) continue;
        stamp[w] = gen;
        best[w] = arrival;
        if (mark[w] !== nextMark) {
          mark[w] = nextMark;
          next[nextSize++] = w;
        }
      }
    }
    const swap = frontier;
    frontier = next;
    next = swap;
    size = nextSize;
    for (let f = 0; f < size; f++) frontierTimes[f] = best[frontier[f]];
  }
}

/**
 * Latest times worth being at a node after r hops (r < maxHops), as bounds[r * n + node], NaN where none: the
 * maximum over the given deadlines of the latest departure that still meets one. deadline(target, r) is the latest
 * instant of the final office hop that matters for a node labelled after r hops, NaN when none.
 */
function latestUseful(
  c: Context, open: readonly number[], deadline: (target: number, level: number) => number,
  into: Float64Array | null = null, levels = c.maxHops,
): Float64Array {
  const { graph: g, scratch, maxHops, windowFrom, windowTo, targetArcs, targetPerson, inCode } = c;
  const { inStart, arcLink, possibleStart, possibleEnd } = g;
  const { inFrom, inPossibleStart, inPossibleEnd } = c.times;
  const { changed } = scratch;
  const n = g.nodes.length;
  // A pass may write over an earlier one's array (a refresh: the old bounds are dropped). At 1M links each is several
  // megabytes, and allocating one per pass set the garbage collector going again and again.
  const bounds = into ?? new Float64Array(maxHops * n);
  bounds.fill(NaN);
  // Typed frontiers, as in forward (a node enters a level's frontier once).
  let frontier = scratch.frontierA;
  let next = scratch.frontierB;
  let size = 0;
  // Levels from `levels` up stay NaN when every deadline is NaN there: the caller says so by passing fewer levels.
  for (let r = levels - 1; r >= 0; r--) {
    const current = r * n;
    if (r < maxHops - 1) bounds.copyWithin(current, current + n, current + 2 * n);
    const changedMark = ++scratch.changedGeneration;
    let nextSize = 0;
    // Influence reaching x after r + 1 hops by time bounds[x] can come from u after r hops.
    const above = current + n;
    for (let f = 0; f < size; f++) {
      const x = frontier[f];
      const reach = bounds[above + x];
      for (let j = inStart[x], end = inStart[x + 1]; j < end; j++) {
        if (inCode[j] === 0) continue;
        let leave = inPossibleEnd[j];
        if (windowTo < leave) leave = windowTo;
        if (reach < leave) leave = reach;
        const earliest = inPossibleStart[j] > windowFrom ? inPossibleStart[j] : windowFrom;
        if (earliest > leave) continue;
        nextSize = raise(bounds, current, inFrom[j], leave, changed, changedMark, next, nextSize);
      }
    }
    // The office hop itself, from the leader.
    for (const target of open) {
      const limit = deadline(target, r);
      if (Number.isNaN(limit)) continue;
      for (const a of targetArcs[target]) {
        const li = arcLink[a];
        let leave = possibleEnd[li];
        if (windowTo < leave) leave = windowTo;
        if (limit < leave) leave = limit;
        const earliest = possibleStart[li] > windowFrom ? possibleStart[li] : windowFrom;
        if (earliest > leave) continue;
        nextSize = raise(bounds, current, targetPerson[target], leave, changed, changedMark, next, nextSize);
      }
    }
    const swap = frontier;
    frontier = next;
    next = swap;
    size = nextSize;
  }
  return bounds;
}

/** Raises node u's bound at this level to `value` if that is later; a raised node joins the next frontier once. */
function raise(
  bounds: Float64Array, level: number, u: number, value: number, changed: Int32Array, mark: number, next: Int32Array, size: number,
): number {
  if (bounds[level + u] >= value) return size;
  bounds[level + u] = value;
  if (changed[u] === mark) return size;
  changed[u] = mark;
  next[size] = u;
  return size + 1;
}

function earlier(a: number | null, b: number | null): boolean {
  return (a ?? Infinity) < (b ?? Infinity);
}

/** The leader's ranking key for an arrival: unknown (null) arrivals rank last. */
function arrivalKey(arrival: number): number {
  return Number.isFinite(arrival) ? arrival : Infinity;
}

/**
 * Time-respecting reach of every participant to every head- or leader-rank office holder (POTENTIAL, 6 hops by default),
 * carrying the channel's own product only: transmissions about another channel are not used.
 */
export function channelReach(
  graph: TemporalGraph, channelId: string, participants: readonly string[], options: ChannelReachOptions = {},
): ChannelReach {
  const window = options.window;
  const mode = options.mode ?? 'POTENTIAL';
  const maxHops = options.maxHops ?? 6;
  const c = prepareContext(graph, channelId, options);
  const targetCount = c.targetPerson.length;
  const sorted = [...new Set(participants)].sort();
  const reachingNoOne: string[] = [];
  const sources: { id: string; index: number }[] = [];
  for (const id of sorted) {
    const index = graph.nodeIndex.get(id);
    // Unknown ids and governments (targets themselves) start no search, as in targetsReached.
    if (index === undefined || c.scratch.isGovernment[index] === 1) reachingNoOne.push(id);
    else sources.push({ id, index });
  }

  // Everyone at once: the least hops and earliest arrival any participant can achieve, per target.
  const hits = newHits(targetCount);
  forward(c, sources.map((s) => s.index), null, hits);
  const leastHops = new Int32Array(targetCount).fill(-1);
  const leastArrival = new Float64Array(targetCount);
  for (const t of hits.list) {
    leastHops[t] = hits.hops[t];
    leastArrival[t] = hits.arrival[t];
  }
  const reachable = [...hits.list];

  // The holder so far per target: participant number, hops, arrival (exact values).
  const holder = new Int32Array(targetCount).fill(-1);
  const holderHops = new Int32Array(targetCount);
  const holderArrival = new Float64Array(targetCount);
  const settled = (t: number): boolean =>
    holder[t] !== -1 && holderHops[t] === leastHops[t] && Number.isFinite(leastArrival[t]) && holderArrival[t] === leastArrival[t];

  const openTargets = (): number[] => reachable.filter((t) => !settled(t));
  // Per target, the latest office-hop instant that matters for a walk whose node was labelled after r hops.
  // Unheld: anything. Held: fewer hops than the holder (never once it has the least), or no later arrival.
  const deadline = (t: number, r: number): number => {
    if (holder[t] === -1 || holderHops[t] > leastHops[t] && r <= holderHops[t] - 2) return Infinity;
    return arrivalKey(holderArrival[t]);
  };
  const anyTarget = (): number => Infinity;

  let bounds: Float64Array | null = null;
  let reachBounds: Float64Array | null = null;
  let changesSinceBounds = 0;
  let searchesSinceBounds = 0;
  let refreshEvery = 1;
  let boundsStale = false;
  const exactAgain: number[] = [];
  // Per target, which nodes can reach it in at most the given hops (leaving at any time): built when first needed.
  const membership = new Map<number, { hops: number; within: Uint8Array }>();
  let membershipPass: Float64Array | null = null;
  const withinHops = (t: number, hops: number): Uint8Array => {
    const known = membership.get(t);
    if (known && known.hops === hops) return known.within;
    membershipPass = latestUseful(c, [t], (_, r) => (r <= hops - 1 ? Infinity : NaN), membershipPass, Math.min(hops, c.maxHops));
    const latest = membershipPass;
    const within = new Uint8Array(graph.nodes.length);
    for (let v = 0; v < within.length; v++) if (!Number.isNaN(latest[v])) within[v] = 1;
    membership.set(t, { hops, within });
    return within;
  };
  const hopsAgain: number[] = [];
  const claim = (t: number, i: number, hops: number, arrival: number): void => {
    // Bounds stay valid while holders only get better on both counts; fewer hops with a later arrival loosens them.
    if (holder[t] !== -1 && arrivalKey(arrival) > arrivalKey(holderArrival[t])) boundsStale = true;
    holder[t] = i;
    holderHops[t] = hops;
    holderArrival[t] = arrival;
    changesSinceBounds++;
  };
  for (let i = 0; i < sources.length; i++) {
    const { id, index } = sources[i];
    if (reachable.length === 0) {
      reachingNoOne.push(id);
      continue;
    }
    forward(c, [index], bounds, hits);
    searchesSinceBounds++;
    const reachedAny = hits.list.length > 0;
    exactAgain.length = 0;
    hopsAgain.length = 0;
    for (const t of hits.list) {
      if (settled(t)) continue;
      const hops = hits.hops[t];
      const arrival = hits.arrival[t];
      if (holder[t] === -1 || bounds === null) {
        // Searched without pruning for this target: exact.
        if (holder[t] === -1 || hops < holderHops[t] || hops === holderHops[t] && arrivalKey(arrival) < arrivalKey(holderArrival[t])) claim(t, i, hops, arrival);
      } else if (hops < holderHops[t]) {
        // Fewer hops were searched in full, so hops are exact; the arrival is exact only if no later than the holder's.
        if (!Number.isFinite(arrival) || arrival <= arrivalKey(holderArrival[t])) claim(t, i, hops, arrival);
        else exactAgain.push(t);
      } else if (arrivalKey(arrival) < arrivalKey(holderArrival[t])) {
        // An earlier arrival is exact; whether as few hops as the holder's are possible may need a search of its own.
        if (hops === holderHops[t]) claim(t, i, hops, arrival);
        else hopsAgain.push(t);
      }
    }
    for (const t of hopsAgain) {
      if (withinHops(t, holderHops[t])[index] === 1) claim(t, i, holderHops[t], hits.arrival[t]);
    }
    if (exactAgain.length > 0) {
      forward(c, [index], null, hits);
      for (const t of exactAgain) {
        const hops = hits.hops[t];
        const arrival = hits.arrival[t];
        if (hops < holderHops[t] || hops === holderHops[t] && arrivalKey(arrival) < arrivalKey(holderArrival[t])) claim(t, i, hops, arrival);
      }
    }
    if (!reachedAny) {
      // Pruned searches may miss targets that cannot change anything: ask the unpruned bounds whether any is reachable.
      if (bounds === null) reachingNoOne.push(id);
      else {
        reachBounds ??= latestUseful(c, reachable, anyTarget);
        if (Number.isNaN(reachBounds[index])) reachingNoOne.push(id);
      }
    }
    // Bounds are refreshed after 1, 2, 4, 8 … searches: early holders change most, and each refresh costs a reverse pass.
    if (bounds === null || boundsStale || changesSinceBounds > 0 && searchesSinceBounds >= refreshEvery) {
      if (!boundsStale) refreshEvery *= 2;
      boundsStale = false;
      bounds = latestUseful(c, openTargets(), deadline, bounds);
      changesSinceBounds = 0;
      searchesSinceBounds = 0;
    }
  }
  reachingNoOne.sort();

  const byGovernment = new Map<string, LeaderReached[]>();
  for (const t of reachable) {
    const governmentId = graph.nodes[c.targetGovernment[t]].id;
    const leaders = byGovernment.get(governmentId) ?? [];
    byGovernment.set(governmentId, leaders);
    const arrival = holderArrival[t];
    leaders.push({
      personId: graph.nodes[c.targetPerson[t]].id, byParticipant: sources[holder[t]].id, hops: holderHops[t],
      earliestArrival: Number.isFinite(arrival) ? arrival : null,
    });
  }

  // Best paths, most recently asked government first: the engine keeps target bounds for a few recent targets only,
  // and asking in a fixed order for more governments than it keeps would miss every time. Results do not depend on it.
  const recency = new Map(c.scratch.pathOrder.map((id, i) => [id, i]));
  const governments = [...byGovernment.keys()].sort((x, y) => (recency.get(y) ?? -1) - (recency.get(x) ?? -1));
  const bestPaths = new Map<string, InfluencePath | null>();
  for (const governmentId of governments) {
    const leaders = byGovernment.get(governmentId)!.sort((x, y) =>
      x.hops - y.hops || (earlier(x.earliestArrival, y.earliestArrival) ? -1 : earlier(y.earliestArrival, x.earliestArrival) ? 1 : 0) || (x.personId < y.personId ? -1 : 1));
    // The fastest participant's best path has exactly its fewest hops (they rank first), so a search within that many
    // finds it, with target bounds that reach that far back instead of the whole hop limit; the full search stays
    // behind it in case the two engines ever disagree on that count.
    const query = {
      from: [leaders[0].byParticipant], to: { kind: 'government', id: governmentId } as const, time: 'RESPECTING' as const, window, mode, k: 1,
      carrying: [channelId],
    };
    bestPaths.set(governmentId, influencePaths(graph, { ...query, maxHops: Math.min(maxHops, leaders[0].hops) }).paths[0] ??
      influencePaths(graph, { ...query, maxHops }).paths[0] ?? null);
  }
  c.scratch.pathOrder = [...c.scratch.pathOrder.filter((id) => !bestPaths.has(id)), ...governments];

  const bySide = new Map<string, GovernmentReached[]>();
  for (const [governmentId, leaders] of [...byGovernment].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const fastest = leaders[0];
    const bestPath = bestPaths.get(governmentId)!;
    const earliestArrival = leaders.reduce<number | null>((best, l) => (earlier(l.earliestArrival, best) ? l.earliestArrival : best), null);
    const side = graph.nodes[graph.nodeIndex.get(governmentId)!].side ?? 'other';
    const list = bySide.get(side) ?? [];
    list.push({ governmentId, leaders, hops: fastest.hops, earliestArrival, bestPath });
    bySide.set(side, list);
  }
  return {
    channelId,
    bySide: [...bySide].sort(([x], [y]) => (x < y ? -1 : 1)).map(([side, governments]) => ({ side, governments })),
    participantsReachingNoOne: reachingNoOne,
  };
}
