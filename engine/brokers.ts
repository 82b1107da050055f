// The people who sit on most participant-to-decision-maker paths, and what their absence would cost.
import { HELD_OFFICE_CODE, TYPE_CODE, arcTimes, hopsBack, offProductLinks, type ArcTimes, type TemporalGraph } from './graph.ts';
import { influencePaths, type PathTarget } from './influence-paths.ts';
import { possibleStep, steppableTypes, type PathMode } from './rules.ts';

export interface BrokerQuery {
  sources: string[];
  target: PathTarget;
  window?: { from: number; to: number };
  mode: PathMode;
  maxHops: number;
  /** Paths counted per (source, reached decision-maker) pair. */
  pathsPerPair?: number;
  /** How many of the busiest brokers get the (costlier) removal analysis. */
  candidates?: number;
  /** As PathQuery.carrying: the channels whose product the paths may carry (a channel's brokers: that channel). */
  carrying?: string[];
}

export interface Broker {
  personId: string;
  /** Counted paths (the k best per pair) that pass through this person. */
  pathsThrough: number;
  /** Distinct (source, decision-maker) pairs with at least one counted path through this person. */
  pairsThrough: number;
  /** What removing this person does: pairs no longer reachable, hops added and days of delay over pairs still reached. */
  targetsLost: number;
  extraHops: number;
  laterArrivalDays: number;
  /** The decision-makers (or the target) reached from some source that no source reaches without this person, by id. */
  leadersLost: string[];
}

const PATHS_PER_QUERY = 25;
/** Same bound as influence-paths.ts: a query never runs more rounds than this. */
const MAX_HOPS_LIMIT = 16;

/**
 * targetsReached for one source at a time over typed arrays, and the same without one candidate, recomputed only where
 * it can differ. Each label (a node's earliest arrival after a number of rounds) carries a bitmask of the candidates
 * that lie on every derivation of it found in the baseline run: when a candidate is missing from a label's mask, a
 * walk avoiding the candidate attains that label, so without the candidate the label is unchanged. Only labels and
 * reached targets whose masks hold the candidate are recomputed, by pulling over in-arcs round by round.
 */
class ReachEngine {
  private readonly n: number;
  private readonly usable: Uint8Array;
  private readonly target: Uint8Array;
  private readonly maxHops: number;
  private readonly windowFrom: number;
  private readonly windowTo: number;
  /** Per arc into a target: the reached-target slot (holder × government, or the target node), else -1. */
  private readonly slotOfArc: Int32Array;
  /** Per slot: the usable arcs that reach it. */
  private readonly slotArcs: number[][] = [];
  /** Per slot: the person reached (the office holder, or the target node itself). */
  readonly slotHolder: number[] = [];
  private readonly candidateBit: Int32Array;
  private readonly words: number;
  /** Static hops from each node to a target over usable arcs (a lower bound whatever the times). */
  private readonly distance: Uint8Array;

  private readonly stamp: Int32Array;
  private readonly mark: Int32Array;
  private readonly best: Float64Array;
  private readonly lastEntry: Int32Array;
  private generation = 0;
  private markGeneration = 0;

  /** Labels of the current source's baseline run, in creation (round) order. */
  private entries = 0;
  private entryNode = new Int32Array(1024);
  private entryRound = new Int32Array(1024);
  private entryValue = new Float64Array(1024);
  private entryPrevious = new Int32Array(1024);
  private entryNext = new Int32Array(1024);
  private masks = new Int32Array(1024);
  /** Per candidate bit, the node labels whose masks hold it (entriesHolding; built on first use after each run). */
  private holding: Int32Array[] | null = null;

  /** Reached targets of the current source: slots in first-reached order, with hops, arrival (NaN: null) and masks. */
  keys: number[] = [];
  private readonly slotStamp: Int32Array;
  readonly slotHops: Int32Array;
  readonly slotArrival: Float64Array;
  private readonly slotHopMask: Int32Array;
  private readonly slotArrivalMask: Int32Array;

  private readonly frontierA: Int32Array;
  private readonly frontierB: Int32Array;
  private readonly frontierTimes: Float64Array;
  private readonly frontierEntries: Int32Array;
  private readonly times: ArcTimes;
  /** usable, per reverse-index entry (the arc inArc[j]). */
  private readonly inUsable: Uint8Array;

  /** Labels recomputed without the candidate, per round and node. */
  private readonly redone: Float64Array;
  private readonly redoneStamp: Int32Array;
  private redoneGeneration = 0;

  constructor(private readonly g: TemporalGraph, query: BrokerQuery, candidates: number[]) {
    const n = g.nodes.length;
    this.n = n;
    const officeTarget = query.target.kind !== 'node';
    this.maxHops = Math.max(0, Math.min(MAX_HOPS_LIMIT, Math.floor(query.maxHops)));
    this.windowFrom = query.window?.from ?? -Infinity;
    this.windowTo = query.window?.to ?? Infinity;
    this.target = new Uint8Array(n);
    if (query.target.kind === 'decisionMaker') {
      for (const v of g.governmentNodes) this.target[v] = 1;
    } else {
      const index = g.nodeIndex.get(query.target.id);
      if (index !== undefined && (query.target.kind === 'node' || g.nodes[index].kind === 'Government')) this.target[index] = 1;
    }
    // The rules of arcAllowed in influence-paths.ts, once per query (no link is excluded; brokers never include blocked).
    const steppable = new Uint8Array(TYPE_CODE.HELD_OFFICE + 32);
    for (const type of steppableTypes(query.mode)) steppable[TYPE_CODE[type]] = 1;
    const { arcTo, arcFrom, arcLink, linkType, linkDecision, linkBlocked, possibleStart, possibleEnd } = g;
    const offProduct = offProductLinks(g, query.carrying);
    this.usable = new Uint8Array(arcTo.length);
    this.slotOfArc = new Int32Array(arcTo.length).fill(-1);
    const slots = new Map<number, number>();
    for (let a = 0; a < arcTo.length; a++) {
      const li = arcLink[a];
      const type = linkType[li];
      const intoTarget = this.target[arcTo[a]] === 1;
      if (type === HELD_OFFICE_CODE) {
        if (!officeTarget || linkDecision[li] !== 1 || !intoTarget) continue;
      } else if (steppable[type] !== 1 || officeTarget && intoTarget) {
        continue;
      }
      if (linkBlocked[li] === 1 || offProduct !== null && offProduct[li] === 1) continue;
      if (!(possibleStart[li] <= this.windowTo && possibleEnd[li] >= this.windowFrom)) continue;
      this.usable[a] = 1;
      if (intoTarget) {
        const key = type === HELD_OFFICE_CODE ? arcFrom[a] * n + arcTo[a] : arcTo[a];
        let slot = slots.get(key);
        if (slot === undefined) {
          slot = this.slotArcs.length;
          slots.set(key, slot);
          this.slotArcs.push([]);
          this.slotHolder.push(type === HELD_OFFICE_CODE ? arcFrom[a] : arcTo[a]);
        }
        this.slotOfArc[a] = slot;
        this.slotArcs[slot].push(a);
      }
    }
    const slotCount = this.slotArcs.length;
    this.inUsable = new Uint8Array(arcTo.length);
    for (let j = 0; j < arcTo.length; j++) this.inUsable[j] = this.usable[g.inArc[j]];
    // A label that cannot reach a target in the rounds left never matters: such nodes are not labelled at all.
    const targets: number[] = [];
    for (let v = 0; v < n; v++) if (this.target[v] === 1) targets.push(v);
    this.distance = hopsBack(g, targets, 0, this.inUsable, this.maxHops);
    this.candidateBit = new Int32Array(n).fill(-1);
    candidates.forEach((v, bit) => { this.candidateBit[v] = bit; });
    this.words = Math.max(1, (candidates.length + 31) >> 5);
    this.stamp = new Int32Array(n);
    this.mark = new Int32Array(n);
    this.best = new Float64Array(n);
    this.lastEntry = new Int32Array(n);
    this.slotStamp = new Int32Array(slotCount);
    this.slotHops = new Int32Array(slotCount);
    this.slotArrival = new Float64Array(slotCount);
    this.slotHopMask = new Int32Array(slotCount);
    this.slotArrivalMask = new Int32Array(slotCount);
    this.frontierA = new Int32Array(n);
    this.frontierB = new Int32Array(n);
    this.frontierTimes = new Float64Array(n);
    this.frontierEntries = new Int32Array(n);
    this.times = arcTimes(g);
    this.redone = new Float64Array(Math.max(1, this.maxHops) * n);
    this.redoneStamp = new Int32Array(Math.max(1, this.maxHops) * n);
  }

  private newEntry(node: number, round: number, value: number): number {
    if (this.entries === this.entryNode.length) {
      const capacity = this.entries * 2;
      const grow = <T extends Int32Array | Float64Array>(old: T): T => {
        const next = new (old.constructor as new (size: number) => T)(capacity);
        next.set(old);
        return next;
      };
      this.entryNode = grow(this.entryNode);
      this.entryRound = grow(this.entryRound);
      this.entryValue = grow(this.entryValue);
      this.entryPrevious = grow(this.entryPrevious);
      this.entryNext = grow(this.entryNext);
    }
    if ((this.entries + 1) * this.words > this.masks.length) {
      const grown = new Int32Array(Math.max(this.masks.length * 2, (this.entries + 1) * this.words));
      grown.set(this.masks);
      this.masks = grown;
    }
    const e = this.entries++;
    this.entryNode[e] = node;
    this.entryRound[e] = round;
    this.entryValue[e] = value;
    this.entryPrevious[e] = -1;
    this.entryNext[e] = -1;
    this.masks.fill(0, e * this.words, e * this.words + this.words);
    return e;
  }

  /** masks[into] = masks[from] ∪ {node's bit}, or masks[into] ∩= that. */
  private combine(into: number, from: number, node: number, intersect: boolean): void {
    const w = this.words;
    const masks = this.masks;
    const bit = this.candidateBit[node];
    for (let i = 0; i < w; i++) {
      let value = from < 0 ? -1 : masks[from * w + i];
      if (bit >= 0 && bit >> 5 === i) value |= 1 << (bit & 31);
      masks[into * w + i] = intersect ? masks[into * w + i] & value : value;
    }
  }

  /**
   * The targets one source reaches, exactly as targetsReached (fills keys and the slot arrays); returns the union over
   * targets of the candidates on every derivation of their fewest hops or their earliest arrival.
   */
  run(source: number): Int32Array {
    const { g, usable, target, stamp, mark, best, maxHops, windowFrom, windowTo, slotOfArc, words, distance } = this;
    const { outStart, arcTo } = g;
    const { outPossibleStart, outPossibleEnd } = this.times;
    const gen = ++this.generation;
    const affected = new Int32Array(words);
    this.keys = [];
    this.entries = 0;
    if (target[source] === 1) return affected;
    // Entry 0 holds every candidate: the mask of a hit that witnesses nothing (see below).
    const everyone = this.newEntry(-1, 0, NaN);
    this.masks.fill(-1, 0, words);
    const hitMask = (from: number, arrival: number) => (Number.isFinite(arrival) || arrival === -Infinity ? from : everyone);

    stamp[source] = gen;
    best[source] = -Infinity;
    this.lastEntry[source] = this.newEntry(source, 0, -Infinity);
    // Typed frontiers (a node is in one at most once), as in channel-reach.ts: JS arrays rebuilt with map each round
    // kept V8 deoptimising the loop.
    let frontier = this.frontierA;
    let next = this.frontierB;
    const { frontierTimes, frontierEntries } = this;
    frontier[0] = source;
    frontierTimes[0] = -Infinity;
    frontierEntries[0] = this.lastEntry[source];
    let size = 1;
    for (let hop = 1; hop <= maxHops && size > 0; hop++) {
      let nextSize = 0;
      const nextMark = ++this.markGeneration;
      for (let f = 0; f < size; f++) {
        const v = frontier[f];
        const t = frontierTimes[f];
        const from = frontierEntries[f];
        for (let a = outStart[v], end = outStart[v + 1]; a < end; a++) {
          if (usable[a] === 0) continue;
          const w = arcTo[a];
          const arrival = possibleStep(t, outPossibleStart[a], outPossibleEnd[a], windowFrom, windowTo);
          if (Number.isNaN(arrival)) continue;
          const slot = slotOfArc[a];
          if (slot >= 0) {
            const shown = Number.isFinite(arrival) ? arrival : NaN;
            // A null (undated) arrival is only witnessed by a walk that is itself unbounded below.
            const mask = hitMask(from, arrival);
            if (this.slotStamp[slot] !== gen) {
              this.slotStamp[slot] = gen;
              this.keys.push(slot);
              this.slotHops[slot] = hop;
              this.slotArrival[slot] = shown;
              this.slotHopMask[slot] = this.copy(from);
              this.slotArrivalMask[slot] = this.copy(mask);
              continue;
            }
            const known = this.slotArrival[slot];
            if (!Number.isNaN(known) && (Number.isNaN(shown) || shown < known)) {
              this.slotArrival[slot] = shown;
              this.slotArrivalMask[slot] = this.copy(mask);
            } else if (known === shown || Number.isNaN(known) && Number.isNaN(shown)) {
              this.intersect(this.slotArrivalMask[slot], mask);
            }
            if (this.slotHops[slot] === hop) this.intersect(this.slotHopMask[slot], from);
            continue;
          }
          if (distance[w] > maxHops - hop) continue;
          if (stamp[w] === gen && !(arrival < best[w])) {
            // Another derivation of the same label in the same round: only candidates on both stay certain.
            const last = this.lastEntry[w];
            if (arrival === best[w] && this.entryRound[last] === hop) this.combine(last, from, w, true);
            continue;
          }
          const e = this.newEntry(w, hop, arrival);
          this.combine(e, from, w, false);
          if (stamp[w] === gen) {
            this.entryPrevious[e] = this.lastEntry[w];
            this.entryNext[this.lastEntry[w]] = e;
          }
          stamp[w] = gen;
          best[w] = arrival;
          this.lastEntry[w] = e;
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
      for (let f = 0; f < size; f++) {
        frontierTimes[f] = best[frontier[f]];
        frontierEntries[f] = this.lastEntry[frontier[f]];
      }
    }
    for (const slot of this.keys) {
      const h = this.slotHopMask[slot] * words;
      const r = this.slotArrivalMask[slot] * words;
      for (let i = 0; i < words; i++) affected[i] |= this.masks[h + i] | this.masks[r + i];
    }
    this.holding = null;
    return affected;
  }

  /**
   * The node labels of the current run whose masks hold the candidate's bit, in creation order. Masks are sparse (the
   * candidates on a label's derivations), so one pass over the labels for all candidates replaces one per candidate:
   * with 20 candidates, those passes were most of brokers' time at 1M links.
   */
  private entriesHolding(bit: number): Int32Array {
    if (this.holding === null) {
      const { words, masks, entryNode } = this;
      const counts = new Int32Array(words * 32);
      const each = (visit: (e: number, b: number) => void): void => {
        for (let e = 1; e < this.entries; e++) {
          if (entryNode[e] < 0) continue;
          for (let i = 0; i < words; i++) {
            for (let word = masks[e * words + i]; word !== 0; word &= word - 1) visit(e, i * 32 + (31 - Math.clz32(word & -word)));
          }
        }
      };
      each((_, b) => counts[b]++);
      const lists = Array.from(counts, (count) => new Int32Array(count));
      counts.fill(0);
      each((e, b) => { lists[b][counts[b]++] = e; });
      this.holding = lists;
    }
    return this.holding[bit];
  }

  private copy(from: number): number {
    const e = this.newEntry(-1, 0, NaN);
    this.masks.copyWithin(e * this.words, from * this.words, from * this.words + this.words);
    return e;
  }

  private intersect(into: number, from: number): void {
    for (let i = 0; i < this.words; i++) this.masks[into * this.words + i] &= this.masks[from * this.words + i];
  }

  /** The baseline label of a node after `round` rounds (NaN: not reached by then). */
  private baselineLabel(node: number, round: number): number {
    if (this.stamp[node] !== this.generation) return NaN;
    let e = this.lastEntry[node];
    while (e >= 0 && this.entryRound[e] > round) e = this.entryPrevious[e];
    return e >= 0 ? this.entryValue[e] : NaN;
  }

  /**
   * The current source's reach without `candidate` (bit `bit`), for the slots whose masks hold it; calls `changed` with
   * each such slot and its hops and arrival without the candidate (hops 0: no longer reached). Other slots are unchanged.
   */
  without(candidate: number, bit: number, changed: (slot: number, hops: number, arrival: number) => void): void {
    const { g, n, maxHops, windowFrom, windowTo, redone, redoneStamp, inUsable } = this;
    const { inStart, arcFrom, arcLink, possibleStart, possibleEnd } = g;
    const { inFrom, inPossibleStart, inPossibleEnd } = this.times;
    const gen = ++this.redoneGeneration;
    const label = (node: number, round: number): number => {
      if (node === candidate) return NaN;
      if (round > 0 && redoneStamp[(round - 1) * n + node] === gen) return redone[(round - 1) * n + node];
      return this.baselineLabel(node, round);
    };
    // Labels whose every known derivation passes through the candidate, by round (rounds 1 .. maxHops-1 feed targets).
    const dirty: number[][] = Array.from({ length: maxHops }, () => []);
    for (const e of this.entriesHolding(bit)) {
      const node = this.entryNode[e];
      if (node === candidate) continue;
      const next = this.entryNext[e];
      const until = next < 0 ? maxHops - 1 : this.entryRound[next] - 1;
      for (let r = this.entryRound[e]; r <= until; r++) dirty[r].push(node);
    }
    for (let r = 1; r < maxHops; r++) {
      for (const w of dirty[r]) {
        let value = label(w, r - 1);
        for (let j = inStart[w], end = inStart[w + 1]; j < end; j++) {
          if (inUsable[j] === 0) continue;
          const t = label(inFrom[j], r - 1);
          if (Number.isNaN(t)) continue;
          const arrival = possibleStep(t, inPossibleStart[j], inPossibleEnd[j], windowFrom, windowTo);
          if (!Number.isNaN(arrival) && (Number.isNaN(value) || arrival < value)) value = arrival;
        }
        redone[(r - 1) * n + w] = value;
        redoneStamp[(r - 1) * n + w] = gen;
      }
    }
    const holds = (entry: number) => (this.masks[entry * this.words + (bit >> 5)] & (1 << (bit & 31))) !== 0;
    for (const slot of this.keys) {
      if (!holds(this.slotHopMask[slot]) && !holds(this.slotArrivalMask[slot])) continue;
      let hops = 0;
      let earliest = NaN;
      for (let h = 1; h <= maxHops; h++) {
        for (const a of this.slotArcs[slot]) {
          const t = label(arcFrom[a], h - 1);
          if (Number.isNaN(t)) continue;
          const li = arcLink[a];
          const arrival = possibleStep(t, possibleStart[li], possibleEnd[li], windowFrom, windowTo);
          if (Number.isNaN(arrival)) continue;
          if (hops === 0) hops = h;
          if (h === maxHops && (Number.isNaN(earliest) || arrival < earliest)) earliest = arrival;
        }
      }
      changed(slot, hops, Number.isFinite(earliest) ? earliest : NaN);
    }
  }
}

/**
 * Paths through a person are counted over the k best time-respecting paths per (source, decision-maker) pair, taken from
 * each source's 25 best paths; the removal effect is exact (the reach without the person), recomputed only for the
 * sources whose reach could depend on the person.
 */
/**
 * Counted paths through each person: the k best time-respecting paths per (source, decision-maker) pair, taken from
 * each source's 25 best paths; sources and the decision-maker reached are not counted as passing through. Nor is any
 * decision-maker the source reaches: a leader who passes the channel's product on to another leader (Arafat handing
 * Holst his recognition letter for Rabin) is reached by the channel, not a broker between it and the leaders.
 */
export function countPathsThrough(graph: TemporalGraph, query: BrokerQuery): Map<string, { paths: number; pairs: Set<string> }> {
  const perPair = query.pathsPerPair ?? 5;
  const through = new Map<string, { paths: number; pairs: Set<string> }>();
  const sourceSet = new Set(query.sources);
  for (const source of query.sources) {
    const { paths } = influencePaths(graph, {
      from: [source], to: query.target, time: 'RESPECTING', window: query.window, mode: query.mode, maxHops: query.maxHops, k: PATHS_PER_QUERY,
      carrying: query.carrying,
    });
    const countedPerPair = new Map<string, number>();
    const leaders = new Set(paths.map((path) => path.target.personId ?? path.target.nodeId));
    for (const path of paths) {
      const reachedId = path.target.personId ?? path.target.nodeId;
      const pair = `${source}>${reachedId}>${path.target.governmentId ?? ''}`;
      const counted = countedPerPair.get(pair) ?? 0;
      if (counted >= perPair) continue;
      countedPerPair.set(pair, counted + 1);
      for (const nodeId of path.nodes.slice(1, -1)) {
        if (leaders.has(nodeId) || sourceSet.has(nodeId) || graph.nodes[graph.nodeIndex.get(nodeId)!].kind !== 'Person') continue;
        const entry = through.get(nodeId) ?? { paths: 0, pairs: new Set<string>() };
        entry.paths++;
        entry.pairs.add(pair);
        through.set(nodeId, entry);
      }
    }
  }
  return through;
}

export function brokers(graph: TemporalGraph, query: BrokerQuery): Broker[] {
  const through = countPathsThrough(graph, query);

  const ranked = [...through].sort(([x, a], [y, b]) => b.paths - a.paths || (x < y ? -1 : 1)).slice(0, query.candidates ?? 20);
  const candidates = ranked.map(([personId]) => graph.nodeIndex.get(personId)!);
  const engine = new ReachEngine(graph, query, candidates);
  const sources: number[] = [];
  for (const id of query.sources) {
    const index = graph.nodeIndex.get(id);
    if (index !== undefined && !sources.includes(index)) sources.push(index);
  }
  const effects = ranked.map(() => ({ targetsLost: 0, extraHops: 0, laterArrivalDays: 0 }));
  // Per person reached: by how many sources; per candidate: for how many of those sources every slot of that person
  // is lost without the candidate. A person is lost when the two counts meet. Unaffected candidates cost nothing here.
  const sourcesReaching = new Map<number, number>();
  const sourcesLosing = ranked.map(() => new Map<number, number>());
  // Source by source, so that only one source's labels are held; per candidate the sums still run in source order.
  for (const source of sources) {
    const affected = ranked.length > 0 ? engine.run(source) : new Int32Array(0);
    const slotsOf = new Map<number, number>();
    for (const slot of engine.keys) {
      const holder = engine.slotHolder[slot];
      slotsOf.set(holder, (slotsOf.get(holder) ?? 0) + 1);
    }
    for (const holder of slotsOf.keys()) sourcesReaching.set(holder, (sourcesReaching.get(holder) ?? 0) + 1);
    candidates.forEach((candidate, bit) => {
      if ((affected[bit >> 5] & (1 << (bit & 31))) === 0) return;
      const effect = effects[bit];
      const lost = new Set<number>();
      engine.without(candidate, bit, (slot, hops, arrival) => {
        if (hops === 0) {
          effect.targetsLost++;
          lost.add(slot);
          return;
        }
        effect.extraHops += hops - engine.slotHops[slot];
        const before = engine.slotArrival[slot];
        if (!Number.isNaN(before) && !Number.isNaN(arrival)) effect.laterArrivalDays += arrival - before;
      });
      const lostOf = new Map<number, number>();
      for (const slot of lost) lostOf.set(engine.slotHolder[slot], (lostOf.get(engine.slotHolder[slot]) ?? 0) + 1);
      for (const [holder, count] of lostOf) if (count === slotsOf.get(holder)) sourcesLosing[bit].set(holder, (sourcesLosing[bit].get(holder) ?? 0) + 1);
    });
  }
  const result: Broker[] = ranked.map(([personId, entry], bit) => ({
    personId, pathsThrough: entry.paths, pairsThrough: entry.pairs.size, ...effects[bit],
    leadersLost: [...sourcesLosing[bit]].filter(([v, n]) => n === sourcesReaching.get(v)).map(([v]) => graph.nodes[v].id).sort((x, y) => (x < y ? -1 : 1)),
  }));
  return result.sort((x, y) =>
    y.pathsThrough - x.pathsThrough || y.targetsLost - x.targetsLost || y.extraHops - x.extraHops ||
    y.laterArrivalDays - x.laterArrivalDays || (x.personId < y.personId ? -1 : 1));
}
