// The next version of a graph from the previous one and a few changed nodes and links, without rebuilding it: the
// typed arrays are copied in runs (TypedArray.set, memcpy speed) and only the changed entries are encoded again. The
// previous graph is left exactly as it was, because queries still running on it must see one version throughout.
import {
  FLOW_OF_TYPE, GOVERNMENT_KIND, GraphError, encodeLink, kindCodeOf, linkColumns, linkEndsOf, linkIndexFilled, linksByIdOrder, newBoundsCache,
  rememberEnds, type Arcs, type GraphLink, type GraphNode, type LinkColumns, type TemporalGraph,
} from './graph.ts';
import { carryBoundsSteps, type GraphChange } from './influence-paths.ts';
import { CHUNK, inRanges, runSteps, runStepsSliced, type Steps } from './steps.ts';

/**
 * What changed between two versions. The new node list is the old one with the retired nodes dropped, a put node
 * with a known id replacing the old one in its place, and the other put nodes appended in the order given; the link
 * list likewise. So a patch and buildGraph of the edited lists give the same graph, index for index.
 */
export interface GraphDelta {
  retireNodes?: readonly string[];
  putNodes?: readonly GraphNode[];
  retireLinks?: readonly string[];
  putLinks?: readonly GraphLink[];
}

/** Nodes whose arcs are counted or listed between two yields (a node has about ten: arcs go CHUNK at a time). */
const CHUNK_NODES = 1 << 13;
/** Appended nodes are looked up in a small Map in front of the first version's; past this share it is rebuilt. */
const OVERLAY_SHARE = 1 / 32;
const OVERLAY_MIN = 1024;

type Typed = Uint8Array | Int32Array | Float64Array;

/** The read side of a Map from id to index over items listed in index order; subclasses say how get() finds one. */
abstract class ItemIndex implements ReadonlyMap<string, number> {
  constructor(protected readonly items: readonly { id: string }[]) {}

  abstract get(id: string): number | undefined;

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  get size(): number {
    return this.items.length;
  }

  *entries(): MapIterator<[string, number]> {
    for (let i = 0; i < this.items.length; i++) yield [this.items[i].id, i];
  }

  *keys(): MapIterator<string> {
    for (const item of this.items) yield item.id;
  }

  *values(): MapIterator<number> {
    for (let i = 0; i < this.items.length; i++) yield i;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (let i = 0; i < this.items.length; i++) fn(i, this.items[i].id, this);
  }
}

/**
 * Id → index of a patched graph's nodes without copying the first version's Map (a million entries cost ~100 ms):
 * that Map stays shared and untouched, a per-version array says where each of its entries is now (-1: retired),
 * and a small Map holds the ids added since.
 */
class OverlayIndex extends ItemIndex {
  constructor(
    readonly base: ReadonlyMap<string, number>,
    /** Base index → index in this version, or -1; null while nothing was retired (the identity). */
    readonly baseToHere: Int32Array | null,
    readonly added: ReadonlyMap<string, number>,
    items: readonly { id: string }[],
  ) {
    super(items);
  }

  get(id: string): number | undefined {
    const a = this.added.get(id);
    if (a !== undefined) return a;
    const b = this.base.get(id);
    if (b === undefined || this.baseToHere === null) return b;
    const here = this.baseToHere[b];
    return here < 0 ? undefined : here;
  }
}

/** Id → index of a patched graph's links by binary search over the links in id order: no Map at all. */
class SortedIndex extends ItemIndex {
  constructor(items: readonly { id: string }[], private readonly byOrder: Int32Array) {
    super(items);
  }

  get(id: string): number | undefined {
    const i = this.byOrder[lowerBound(this.items, this.byOrder, id)];
    return i !== undefined && this.items[i].id === id ? i : undefined;
  }
}

/** The first rank whose id is not below `id` (ids compare as buildGraph sorts them: by UTF-16 code units). */
function lowerBound(items: readonly { id: string }[], byOrder: Int32Array, id: string): number {
  let lo = 0;
  let hi = byOrder.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[byOrder[mid]].id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A link's index by id without forcing the lazy million-entry linkIndex Map: the Map's get once it is filled (a built
 * graph, in the background after its build: store/snapshot.ts publish), else a binary search over the id order.
 */
export function linkIndexOf(graph: TemporalGraph, id: string): number | undefined {
  if (linkIndexFilled(graph)) return graph.linkIndex.get(id);
  const byOrder = linksByIdOrder(graph);
  const i = byOrder[lowerBound(graph.links, byOrder, id)];
  return i !== undefined && graph.links[i].id === id ? i : undefined;
}

/** How many of the sorted values are below x. */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Old index → new index once the sorted `removed` indexes are gone (-1 for those); null when none are. */
function shiftMap(count: number, removed: readonly number[]): Int32Array | null {
  if (removed.length === 0) return null;
  const map = new Int32Array(count);
  let r = 0;
  for (let i = 0; i < count; i++) {
    if (r < removed.length && removed[r] === i) {
      map[i] = -1;
      r++;
    } else {
      map[i] = i - r;
    }
  }
  return map;
}

/**
 * A list with the sorted `removed` indexes dropped, `replaced` ones (by old index) swapped in place and `appended`
 * ones at the end: how patchGraph lays out nodes and links, and how a snapshot lays out what runs parallel to them.
 */
export function spliceList<T>(old: readonly T[], removed: readonly number[], replaced: ReadonlyMap<number, T>, appended: readonly T[]): T[] {
  let out: T[];
  if (removed.length === 0) {
    out = old.slice();
  } else {
    const pieces: T[][] = [];
    let from = 0;
    for (const r of removed) {
      pieces.push(old.slice(from, r));
      from = r + 1;
    }
    pieces.push(old.slice(from));
    out = ([] as T[]).concat(...pieces);
  }
  for (const [i, item] of replaced) out[i - countBelow(removed, i)] = item;
  for (const item of appended) out.push(item);
  return out;
}

/**
 * How far the views of a buffer reach (engine/patch.ts grows link columns in place): only the view that reaches
 * furthest may be extended into the room past its end; any other copies.
 */
const reach = new WeakMap<ArrayBufferLike, number>();

/** Room left past a grown column, so that the next few versions' appended links need no copy. */
function withRoom(length: number): number {
  return length + Math.max(1024, length >> 6);
}

type ViewOf<A extends Typed> = { new (buffer: ArrayBufferLike, offset: number, length: number): A; new (length: number): A };

/** A zeroed array of old's kind and this length, the view of a buffer with room past it that only it reaches into. */
function withRoomAfter<A extends Typed>(old: A, length: number): A {
  const make = old.constructor as ViewOf<A>;
  const buffer = new make(withRoom(length)).buffer;
  reach.set(buffer, length);
  return new make(buffer, 0, length);
}

/**
 * A typed array of the new length with the removed entries cut out (runs copied with set); the tail is left zero. It
 * has room past its end, so that the next version's appended links grow it in place (extended).
 */
function spliceTyped<A extends Typed>(old: A, removed: readonly number[], length: number): A {
  const out = withRoomAfter(old, length);
  let from = 0;
  let to = 0;
  for (const r of removed) {
    out.set(old.subarray(from, r), to);
    to += r - from;
    from = r + 1;
  }
  out.set(old.subarray(from), to);
  return out;
}

/**
 * The column with room for `length` entries, the first old.length as they are: a longer view of the same buffer when
 * it has room and no other version reached past this one (the old view, shorter, still sees exactly what it saw),
 * else a copy into a buffer with room to spare.
 */
function extended<A extends Typed>(old: A, length: number): A {
  const buffer = old.buffer;
  if (old.byteOffset === 0 && length * old.BYTES_PER_ELEMENT <= buffer.byteLength && (reach.get(buffer) ?? old.length) === old.length) {
    reach.set(buffer, length);
    return new (old.constructor as ViewOf<A>)(buffer, 0, length);
  }
  const out = withRoomAfter(old, length);
  out.set(old);
  return out;
}

/** A list's patch: which old entries go, which are replaced (by old index) and which are new. */
interface ListPatch<T> {
  removed: number[];
  replaced: Map<number, T>;
  appended: T[];
  /** Old index → new index (-1: removed); null when nothing is removed. */
  map: Int32Array | null;
  length: number;
}

function listPatch<T extends { id: string }>(
  oldLength: number, retire: readonly string[], put: readonly T[], indexOf: (id: string) => number | undefined, what: string,
): ListPatch<T> {
  const putIds = new Set<string>();
  for (const item of put) {
    if (putIds.has(item.id)) throw new GraphError(`${what} ${item.id} is listed twice.`);
    putIds.add(item.id);
  }
  const removedSet = new Set<number>();
  for (const id of retire) {
    const i = putIds.has(id) ? undefined : indexOf(id);
    if (i !== undefined) removedSet.add(i);
  }
  const removed = [...removedSet].sort((a, b) => a - b);
  const replaced = new Map<number, T>();
  const appended: T[] = [];
  for (const item of put) {
    const i = indexOf(item.id);
    if (i === undefined) appended.push(item);
    else replaced.set(i, item);
  }
  return { removed, replaced, appended, map: shiftMap(oldLength, removed), length: oldLength - removed.length + appended.length };
}

/** The node index of the patched graph: the shared base Map, where its entries are now, and the ids added since. */
function patchNodeIndex(graph: TemporalGraph, p: ListPatch<GraphNode>, nodes: readonly GraphNode[]): ReadonlyMap<string, number> {
  const old = graph.nodeIndex;
  const base = old instanceof OverlayIndex ? old.base : old;
  let baseToHere = old instanceof OverlayIndex ? old.baseToHere : null;
  const oldAdded = old instanceof OverlayIndex ? old.added : new Map<string, number>();
  if (p.map) {
    const next = new Int32Array(base.size);
    const map = p.map;
    if (baseToHere === null) {
      for (let b = 0; b < next.length; b++) next[b] = map[b];
    } else {
      for (let b = 0; b < next.length; b++) next[b] = baseToHere[b] < 0 ? -1 : map[baseToHere[b]];
    }
    baseToHere = next;
  }
  if (oldAdded.size + p.appended.length > Math.max(OVERLAY_MIN, base.size * OVERLAY_SHARE)) {
    // Many versions on, the overlay has grown: one fresh Map, and the next patches start from it.
    return new Map(nodes.map((node, i) => [node.id, i]));
  }
  const added = new Map<string, number>();
  for (const [id, i] of oldAdded) {
    const here = p.map ? p.map[i] : i;
    if (here >= 0) added.set(id, here);
  }
  const firstAppended = p.length - p.appended.length;
  p.appended.forEach((node, j) => added.set(node.id, firstAppended + j));
  return new OverlayIndex(base, baseToHere, added, nodes);
}

/** The link columns of the patched graph: old runs copied, changed links encoded again. */
function* patchColumns(graph: TemporalGraph, lp: ListPatch<GraphLink>, nodeMap: Int32Array | null, nodeIndex: ReadonlyMap<string, number>): Steps<LinkColumns> {
  const ends = linkEndsOf(graph);
  const old: LinkColumns = { ...pickColumns(graph), linkFrom: ends.from, linkTo: ends.to };
  if (lp.removed.length === 0 && lp.appended.length === 0 && !nodeMap) return rewrittenColumns(old, lp, nodeIndex);
  const c = {} as LinkColumns;
  if (lp.removed.length === 0 && lp.replaced.size === 0 && !nodeMap) {
    // Links appended only (the commonest edit): every old entry stays where it is, so the columns grow in place.
    for (const key of Object.keys(old) as (keyof LinkColumns)[]) (c[key] as Typed) = extended(old[key] as Typed, lp.length);
    lp.appended.forEach((link, j) => encodeLink(c, graph.links.length + j, link, nodeIndex));
    return c;
  }
  for (const key of Object.keys(old) as (keyof LinkColumns)[]) {
    (c[key] as Typed) = spliceTyped(old[key] as Typed, lp.removed, lp.length);
    yield;
  }
  if (nodeMap) {
    const kept = lp.length - lp.appended.length;
    for (let lo = 0; lo < kept; lo += CHUNK) {
      for (let i = lo, hi = Math.min(kept, lo + CHUNK); i < hi;) {
        i = renumberEnds(c, nodeMap, i, hi);
        if (i === hi) break;
        // An end that went: fine for a link the patch replaces (it is encoded again below), else the delta is wrong.
        const oldIndex = oldIndexOf(i, lp.removed);
        if (!lp.replaced.has(oldIndex)) {
          const link = graph.links[oldIndex];
          throw new GraphError(`Link ${link.id} names ${nodeMap[c.linkFrom[i]] < 0 ? link.from : link.to}, which is not a node of the graph.`);
        }
        i++;
      }
      yield;
    }
  }
  for (const [i, link] of lp.replaced) encodeLink(c, i - countBelow(lp.removed, i), link, nodeIndex);
  const firstAppended = lp.length - lp.appended.length;
  lp.appended.forEach((link, j) => encodeLink(c, firstAppended + j, link, nodeIndex));
  return c;
}

/** Renumbers the ends of links lo … hi - 1 to the new node indexes; stops at (and returns) a link whose end went, else hi. */
function renumberEnds(c: LinkColumns, nodeMap: Int32Array, lo: number, hi: number): number {
  const { linkFrom, linkTo } = c;
  for (let i = lo; i < hi; i++) {
    const from = nodeMap[linkFrom[i]];
    const to = nodeMap[linkTo[i]];
    if (from < 0 || to < 0) return i;
    linkFrom[i] = from;
    linkTo[i] = to;
  }
  return hi;
}

/** Links changed in place only: a column none of them changes is shared with the old graph, the others copied. */
function rewrittenColumns(old: LinkColumns, lp: ListPatch<GraphLink>, nodeIndex: ReadonlyMap<string, number>): LinkColumns {
  const at = [...lp.replaced.keys()];
  const scratch = linkColumns(at.length);
  at.forEach((i, k) => encodeLink(scratch, k, lp.replaced.get(i)!, nodeIndex));
  const c = { ...old };
  for (const key of Object.keys(old) as (keyof LinkColumns)[]) {
    const was = old[key] as Typed;
    const now = scratch[key] as Typed;
    // Object.is: NaN never occurs, but -0 and 0 stay distinct as a copy would keep them.
    if (at.every((i, k) => Object.is(was[i], now[k]))) continue;
    const copy = was.slice() as Typed;
    at.forEach((i, k) => (copy[i] = now[k]));
    (c[key] as Typed) = copy;
  }
  return c;
}

/** The old index of new index i when the sorted `removed` old indexes are gone (i counts kept entries). */
function oldIndexOf(i: number, removed: readonly number[]): number {
  let old = i;
  for (const r of removed) if (r <= old) old++;
  return old;
}

function pickColumns(g: TemporalGraph): Omit<LinkColumns, 'linkFrom' | 'linkTo'> {
  return {
    linkType: g.linkType, linkConfidence: g.linkConfidence, linkBlocked: g.linkBlocked, linkDecision: g.linkDecision,
    possibleStart: g.possibleStart, possibleEnd: g.possibleEnd, certainKind: g.certainKind, certainA: g.certainA, certainB: g.certainB,
  };
}

/**
 * Ranks of link ids in sorted order, and its inverse, after the patch: a kept link moves down by the removed ids
 * ranked below it and up by the new ids sorting below it; no string is compared but the new ids' binary searches.
 */
function* patchOrder(graph: TemporalGraph, lp: ListPatch<GraphLink>): Steps<{ linkOrder: Int32Array; byOrder: Int32Array }> {
  if (lp.removed.length === 0 && lp.appended.length === 0) return { linkOrder: graph.linkOrder, byOrder: linksByIdOrder(graph) };
  const oldByOrder = linksByIdOrder(graph);
  const removedRanks = lp.removed.map((i) => graph.linkOrder[i]).sort((a, b) => a - b);
  const firstAppended = lp.length - lp.appended.length;
  const added = lp.appended.map((link, j) => ({ id: link.id, index: firstAppended + j })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Old ids below each new id; equal ids cannot happen (a put with a known id replaces it).
  const thresholds = added.map((a) => lowerBound(graph.links, oldByOrder, a.id));
  // A kept link of old rank r moves by the sum of the steps at or below r: -1 past each removed rank, +1 from each
  // new id's threshold on. Few steps: a short scan per link beats a binary search.
  const steps = [...removedRanks.map((r) => [r + 1, -1]), ...thresholds.map((t) => [t, 1])].sort((x, y) => x[0] - y[0]);
  const at = Int32Array.from(steps, (x) => x[0]);
  const offset = new Int32Array(steps.length);
  steps.reduce((sum, x, k) => (offset[k] = sum + x[1]), 0);
  const linkOrder = new Int32Array(lp.length);
  const oldOrder = graph.linkOrder;
  yield* inRanges(oldOrder.length, (lo, hi) => movedRanks(oldOrder, lp.map, at, offset, linkOrder, lo, hi));
  added.forEach((a, j) => {
    linkOrder[a.index] = thresholds[j] - countBelow(removedRanks, thresholds[j]) + j;
  });
  const byOrder = new Int32Array(lp.length);
  yield* inRanges(lp.length, (lo, hi) => invertOrder(linkOrder, byOrder, lo, hi));
  return { linkOrder, byOrder };
}

function invertOrder(linkOrder: Int32Array, byOrder: Int32Array, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) byOrder[linkOrder[i]] = i;
}

/** The new ranks of old links lo … hi - 1 (see patchOrder), written at their new indexes. */
function movedRanks(oldOrder: Int32Array, map: Int32Array | null, at: Int32Array, offset: Int32Array, linkOrder: Int32Array, lo: number, hi: number): void {
  const n = at.length;
  for (let i = lo; i < hi; i++) {
    const here = map ? map[i] : i;
    if (here < 0) continue;
    const r = oldOrder[i];
    let k = -1;
    if (n <= 8) {
      while (k + 1 < n && at[k + 1] <= r) k++;
    } else {
      k = countBelow(at as unknown as number[], r + 1) - 1;
    }
    linkOrder[here] = k < 0 ? r : r + offset[k];
  }
}

/** Whether the arcs stay as they were: no node or link comes or goes, and no replaced link changes its ends or flow. */
function sameArcs(graph: TemporalGraph, np: ListPatch<GraphNode>, lp: ListPatch<GraphLink>, c: LinkColumns): boolean {
  if (np.removed.length > 0 || lp.removed.length > 0 || lp.appended.length > 0) return false;
  const ends = linkEndsOf(graph);
  for (const i of lp.replaced.keys()) {
    if (ends.from[i] !== c.linkFrom[i] || ends.to[i] !== c.linkTo[i]) return false;
    if (FLOW_OF_TYPE[graph.linkType[i]] !== FLOW_OF_TYPE[c.linkType[i]]) return false;
  }
  return true;
}

/** The old arcs, shared; only the node-indexed starts grow when nodes were appended (they have no arcs yet). */
function keptArcs(graph: TemporalGraph, nodeCount: number): Arcs {
  const grow = (start: Int32Array) => {
    if (start.length === nodeCount + 1) return start;
    const next = new Int32Array(nodeCount + 1);
    next.set(start);
    next.fill(start[start.length - 1], start.length);
    return next;
  };
  const { arcTo, arcFrom, arcLink, arcAgainst, inArc } = graph;
  return { outStart: grow(graph.outStart), arcTo, arcFrom, arcLink, arcAgainst, inStart: grow(graph.inStart), inArc };
}

/** What splicedArcs' loops share: the old arcs (Arcs), where each node and link is now, and the new arrays being filled. */
interface Splice extends Arcs {
  nodeMap: Int32Array | null;
  linkMap: Int32Array | null;
  /** Per old link: 1 when its arcs go (removed or replaced). */
  dead: Uint8Array;
  /** Per new node: 1 when its out-list (tail) or in-list (head) is listed again. */
  tailTouched: Uint8Array;
  headTouched: Uint8Array;
  /** New node → old node (-1: appended). */
  oldOf: Int32Array;
  newOut: Int32Array;
  newIn: Int32Array;
  nTo: Int32Array;
  nFrom: Int32Array;
  nLink: Int32Array;
  nAgainst: Uint8Array;
  nInArc: Int32Array;
  /** Old slot → new slot of every arc that stays (-1: it went). */
  arcMap: Int32Array;
  /**
   * The copied runs of old slots, [runStart[r], runEnd[r]), each moved by runShift[r] (arcMap there is slot + shift):
   * inLists maps an untouched head's arcs by them instead of reading arcMap at random (110 ms a patch at 1M links).
   * Null when there are too many runs for that to be quicker.
   */
  runs: { runStart: Int32Array; runEnd: Int32Array; runShift: Int32Array } | null;
  /** Fresh arcs as (tail, head, link, against) per tail, and the new slots of fresh arcs per head. */
  freshByTail: Map<number, number[][]>;
  freshByHead: Map<number, number[]>;
}

// The loops below each take a range, so that splicedArcs can yield between ranges: a generator itself is never
// optimised while it runs (V8 does not replace a running generator's frame), a plain function called per range is.

/** Out-degrees of old nodes lo … hi - 1 where they are now: as before for untouched tails, counted for touched ones. */
function outDegrees(s: Splice, lo: number, hi: number): void {
  const { nodeMap, oldOf, tailTouched, newOut, outStart, arcLink, dead, freshByTail } = s;
  for (let u = lo; u < hi; u++) {
    const v = nodeMap ? nodeMap[u] : u;
    if (v < 0) continue;
    oldOf[v] = u;
    if (tailTouched[v] === 0) {
      newOut[v + 1] = outStart[u + 1] - outStart[u];
    } else {
      let deg = freshByTail.get(v)?.length ?? 0;
      for (let k = outStart[u]; k < outStart[u + 1]; k++) if (dead[arcLink[k]] === 0) deg++;
      newOut[v + 1] = deg;
    }
  }
}

/** Prefix sums of new nodes lo … hi - 1 (in order), appended nodes counted by their fresh arcs. */
function outPrefix(s: Splice, lo: number, hi: number): void {
  const { oldOf, newOut, freshByTail } = s;
  for (let v = lo; v < hi; v++) {
    if (oldOf[v] < 0) newOut[v + 1] = freshByTail.get(v)?.length ?? 0;
    newOut[v + 1] += newOut[v];
  }
}

/** Copies old arc slots from … to - 1 of untouched tails to their new slots (shifted by `shift`), renumbered. */
function copyArcs(s: Splice, from: number, to: number, shift: number): void {
  const { nTo, nFrom, nLink, nAgainst, arcTo, arcFrom, arcLink, arcAgainst, arcMap, nodeMap, linkMap } = s;
  const dst = from + shift;
  nTo.set(arcTo.subarray(from, to), dst);
  nFrom.set(arcFrom.subarray(from, to), dst);
  nLink.set(arcLink.subarray(from, to), dst);
  nAgainst.set(arcAgainst.subarray(from, to), dst);
  for (let k = from; k < to; k++) arcMap[k] = k + shift;
  if (nodeMap) for (let t = dst; t < dst + to - from; t++) { nTo[t] = nodeMap[nTo[t]]; nFrom[t] = nodeMap[nFrom[t]]; }
  if (linkMap) for (let t = dst; t < dst + to - from; t++) nLink[t] = linkMap[nLink[t]];
}

/** Lists tail v (old u, or -1 when appended) again: kept arcs and fresh ones in link order, forward before reverse. */
function listTail(s: Splice, v: number, u: number, freshSlots: number[]): void {
  const { outStart, arcTo, arcLink, arcAgainst, dead, nodeMap, linkMap, newOut, nFrom, nTo, nLink, nAgainst, arcMap } = s;
  const arcs: number[][] = [];
  if (u >= 0) {
    for (let k = outStart[u]; k < outStart[u + 1]; k++) {
      const li = arcLink[k];
      if (dead[li] === 1) continue;
      arcs.push([v, nodeMap ? nodeMap[arcTo[k]] : arcTo[k], linkMap ? linkMap[li] : li, arcAgainst[k], k]);
    }
  }
  for (const a of s.freshByTail.get(v) ?? []) arcs.push([...a, -1]);
  arcs.sort((a, b) => a[2] - b[2] || a[3] - b[3]);
  let slot = newOut[v];
  for (const a of arcs) {
    nFrom[slot] = a[0]; nTo[slot] = a[1]; nLink[slot] = a[2]; nAgainst[slot] = a[3];
    if (a[4] >= 0) arcMap[a[4]] = slot;
    else freshSlots.push(slot);
    slot++;
  }
}

/** In-degrees and their prefix sums for new nodes lo … hi - 1 (in order). */
function inDegrees(s: Splice, lo: number, hi: number): void {
  const { oldOf, headTouched, newIn, inStart, inArc, arcMap, freshByHead } = s;
  for (let v = lo; v < hi; v++) {
    const u = oldOf[v];
    if (u >= 0 && headTouched[v] === 0) {
      newIn[v + 1] = inStart[u + 1] - inStart[u];
    } else {
      let deg = freshByHead.get(v)?.length ?? 0;
      if (u >= 0) for (let k = inStart[u]; k < inStart[u + 1]; k++) if (arcMap[inArc[k]] >= 0) deg++;
      newIn[v + 1] = deg;
    }
    newIn[v + 1] += newIn[v];
  }
}

/** The reverse index of new nodes lo … hi - 1: untouched heads keep their order (slots renumbered), touched ones are sorted. */
function inLists(s: Splice, lo: number, hi: number): void {
  const { oldOf, headTouched, newIn, inStart, inArc, arcMap, nInArc, freshByHead, runs } = s;
  for (let v = lo; v < hi; v++) {
    const u = oldOf[v];
    let dst = newIn[v];
    if (u >= 0 && headTouched[v] === 0) {
      if (runs === null) {
        for (let k = inStart[u]; k < inStart[u + 1]; k++) nInArc[dst++] = arcMap[inArc[k]];
        continue;
      }
      // The run holding each slot by binary search (few runs: a patch touches few tails), arcMap only outside them.
      const { runStart, runEnd, runShift } = runs;
      for (let k = inStart[u]; k < inStart[u + 1]; k++) {
        const a = inArc[k];
        let lo = 0;
        let hi = runStart.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (runStart[mid] <= a) lo = mid + 1;
          else hi = mid;
        }
        const r = lo - 1;
        nInArc[dst++] = r >= 0 && a < runEnd[r] ? a + runShift[r] : arcMap[a];
      }
      continue;
    }
    const slots: number[] = [];
    if (u >= 0) for (let k = inStart[u]; k < inStart[u + 1]; k++) if (arcMap[inArc[k]] >= 0) slots.push(arcMap[inArc[k]]);
    for (const slot of freshByHead.get(v) ?? []) slots.push(slot);
    slots.sort((a, b) => a - b);
    for (const slot of slots) nInArc[dst++] = slot;
  }
}

/**
 * The arcs after the patch, spliced from the old ones: runs of tails that no changed link touches are copied as they
 * are (their node and link indexes shifted when something was removed); only the touched tails, and the touched heads
 * of the reverse index, are listed again. The order is buildGraph's: per tail by link, forward before reverse; per head
 * by arc slot.
 */
function* splicedArcs(graph: TemporalGraph, np: ListPatch<GraphNode>, lp: ListPatch<GraphLink>, c: LinkColumns): Steps<{ arcs: Arcs; arcMap: Int32Array; freshArcs: Int32Array }> {
  const N0 = graph.nodes.length;
  const N1 = np.length;
  const nodeMap = np.map;
  const oldEnds = linkEndsOf(graph);
  // Old links whose arcs go (removed or replaced) and new links whose arcs come (replaced or appended).
  const dead = new Uint8Array(graph.links.length);
  for (const i of lp.removed) dead[i] = 1;
  for (const i of lp.replaced.keys()) dead[i] = 1;
  const fresh: number[] = [];
  for (const i of lp.replaced.keys()) fresh.push(i - countBelow(lp.removed, i));
  const firstAppended = lp.length - lp.appended.length;
  for (let j = 0; j < lp.appended.length; j++) fresh.push(firstAppended + j);
  fresh.sort((a, b) => a - b);

  // Touched tails and heads, by new index (appended nodes are touched when they have arcs).
  const tailTouched = new Uint8Array(N1);
  const headTouched = new Uint8Array(N1);
  const touchedTails: number[] = [];
  const touchTail = (v: number) => {
    if (tailTouched[v] === 0) touchedTails.push(v);
    tailTouched[v] = 1;
  };
  const here = (u: number) => (nodeMap ? nodeMap[u] : u);
  const markOld = (i: number) => {
    const f = oldEnds.from[i];
    const t = oldEnds.to[i];
    if (f === t) return;
    const flow = FLOW_OF_TYPE[graph.linkType[i]];
    const hf = here(f);
    const ht = here(t);
    if (flow & 1) { if (hf >= 0) touchTail(hf); if (ht >= 0) headTouched[ht] = 1; }
    if (flow & 2) { if (ht >= 0) touchTail(ht); if (hf >= 0) headTouched[hf] = 1; }
  };
  for (const i of lp.removed) markOld(i);
  for (const i of lp.replaced.keys()) markOld(i);
  // Fresh arcs as (tail, head, link, against), in link order, forward before reverse: buildGraph's order per tail.
  const freshByTail = new Map<number, number[][]>();
  for (const i of fresh) {
    const f = c.linkFrom[i];
    const t = c.linkTo[i];
    if (f === t) continue;
    const flow = FLOW_OF_TYPE[c.linkType[i]];
    const arcs: number[][] = [];
    if (flow & 1) arcs.push([f, t, i, 0]);
    if (flow & 2) arcs.push([t, f, i, 1]);
    for (const a of arcs) {
      touchTail(a[0]);
      headTouched[a[1]] = 1;
      const list = freshByTail.get(a[0]) ?? [];
      list.push(a);
      freshByTail.set(a[0], list);
    }
  }
  const { outStart, arcTo, arcFrom, arcLink, arcAgainst, inStart, inArc } = graph;
  const s: Splice = {
    nodeMap, linkMap: lp.map, outStart, arcTo, arcFrom, arcLink, arcAgainst, inStart, inArc, dead, tailTouched, headTouched,
    oldOf: new Int32Array(N1).fill(-1), newOut: new Int32Array(N1 + 1), newIn: new Int32Array(N1 + 1),
    nTo: new Int32Array(0), nFrom: new Int32Array(0), nLink: new Int32Array(0), nAgainst: new Uint8Array(0), nInArc: new Int32Array(0),
    arcMap: new Int32Array(arcTo.length).fill(-1), freshByTail, freshByHead: new Map(), runs: null,
  };
  yield;
  yield* inRanges(N0, (lo, hi) => outDegrees(s, lo, hi), CHUNK_NODES);
  yield* inRanges(N1, (lo, hi) => outPrefix(s, lo, hi), CHUNK_NODES);
  const arcCount = s.newOut[N1];
  s.nTo = new Int32Array(arcCount);
  s.nFrom = new Int32Array(arcCount);
  s.nLink = new Int32Array(arcCount);
  s.nAgainst = new Uint8Array(arcCount);
  yield;

  // The old nodes whose out-list is not copied as it is: the retired ones and the touched tails, in old order; the
  // runs between them are copied in pieces.
  const breaks = [...np.removed];
  for (const v of touchedTails) if (s.oldOf[v] >= 0) breaks.push(s.oldOf[v]);
  breaks.sort((a, b) => a - b);
  const freshSlots: number[] = [];
  const runStarts: number[] = [];
  const runEnds: number[] = [];
  const runShifts: number[] = [];
  let runFrom = 0;
  for (const u of [...breaks, N0]) {
    if (u > runFrom) {
      const shift = s.newOut[here(runFrom)] - outStart[runFrom];
      if (outStart[u] > outStart[runFrom]) {
        runStarts.push(outStart[runFrom]);
        runEnds.push(outStart[u]);
        runShifts.push(shift);
      }
      for (let from = outStart[runFrom], end = outStart[u]; from < end; from += CHUNK) {
        copyArcs(s, from, Math.min(end, from + CHUNK), shift);
        yield;
      }
    }
    if (u < N0 && here(u) >= 0) listTail(s, here(u), u, freshSlots);
    runFrom = u + 1;
  }
  for (const v of touchedTails.filter((t) => s.oldOf[t] < 0).sort((x, y) => x - y)) listTail(s, v, -1, freshSlots);

  // Up to 64 runs a binary search of at most 6 steps per arc beats a random read of arcMap; past that, arcMap.
  if (runStarts.length <= 64) s.runs = { runStart: Int32Array.from(runStarts), runEnd: Int32Array.from(runEnds), runShift: Int32Array.from(runShifts) };
  // The reverse index: untouched heads keep their lists (slots renumbered, order kept); touched ones are listed again.
  for (const slot of freshSlots) {
    const list = s.freshByHead.get(s.nTo[slot]) ?? [];
    list.push(slot);
    s.freshByHead.set(s.nTo[slot], list);
  }
  yield* inRanges(N1, (lo, hi) => inDegrees(s, lo, hi), CHUNK_NODES);
  s.nInArc = new Int32Array(arcCount);
  yield* inRanges(N1, (lo, hi) => inLists(s, lo, hi), CHUNK_NODES);
  return {
    arcs: { outStart: s.newOut, arcTo: s.nTo, arcFrom: s.nFrom, arcLink: s.nLink, arcAgainst: s.nAgainst, inStart: s.newIn, inArc: s.nInArc },
    arcMap: s.arcMap, freshArcs: Int32Array.from(freshSlots),
  };
}

/** The slots of the replaced links' arcs when the arcs stay as they were (each link's arcs leave one of its ends). */
function replacedArcs(arcs: Arcs, lp: ListPatch<GraphLink>, c: LinkColumns): Int32Array {
  const slots: number[] = [];
  for (const li of lp.replaced.keys()) {
    for (const v of new Set([c.linkFrom[li], c.linkTo[li]])) {
      for (let a = arcs.outStart[v]; a < arcs.outStart[v + 1]; a++) if (arcs.arcLink[a] === li) slots.push(a);
    }
  }
  return Int32Array.from(slots);
}

/** Links naming a channel, with the channel's node index, in link order (as buildGraph lists them). */
function patchAbout(graph: TemporalGraph, lp: ListPatch<GraphLink>, np: ListPatch<GraphNode>, links: readonly GraphLink[], nodeIndex: ReadonlyMap<string, number>) {
  const list: number[] = [];
  const channels: number[] = [];
  const nodeMap = np.map;
  for (let k = 0; k < graph.aboutLinks.length; k++) {
    const old = graph.aboutLinks[k];
    if (lp.replaced.has(old)) continue;
    const here = lp.map ? lp.map[old] : old;
    if (here < 0) continue;
    let channel = graph.aboutChannel[k];
    // An about that named no node may name an added one now.
    channel = channel < 0 ? nodeIndex.get(links[here].about!) ?? -1 : nodeMap ? nodeMap[channel] : channel;
    list.push(here);
    channels.push(channel);
  }
  const fresh: number[] = [];
  for (const i of lp.replaced.keys()) fresh.push(i - countBelow(lp.removed, i));
  const firstAppended = lp.length - lp.appended.length;
  lp.appended.forEach((_, j) => fresh.push(firstAppended + j));
  const extra = fresh.filter((i) => links[i].about !== undefined);
  if (extra.length === 0) return { aboutLinks: Int32Array.from(list), aboutChannel: Int32Array.from(channels) };
  const all = list.map((i, k) => [i, channels[k]]);
  for (const i of extra) all.push([i, nodeIndex.get(links[i].about!) ?? -1]);
  all.sort((a, b) => a[0] - b[0]);
  return { aboutLinks: Int32Array.from(all, (e) => e[0]), aboutChannel: Int32Array.from(all, (e) => e[1]) };
}

/**
 * The graph of the next version: exactly what buildGraph would give for the edited node and link lists (see
 * GraphDelta), made from the previous graph's typed arrays. The previous graph is not modified; arrays that do not
 * change are shared with it. Throws GraphError, as buildGraph does, on a duplicate id or a link whose end is not a node.
 */
export function patchGraph(graph: TemporalGraph, delta: GraphDelta): TemporalGraph {
  return runSteps(patchSteps(graph, delta));
}

/**
 * patchGraph spread over the event loop in slices of about sliceMs (engine/steps.ts), so that queries on the previous
 * graph are answered while the next one is made; the same graph as patchGraph gives.
 */
export async function patchGraphSliced(graph: TemporalGraph, delta: GraphDelta, sliceMs?: number): Promise<TemporalGraph> {
  return (await runStepsSliced(patchSteps(graph, delta), sliceMs)).value;
}

/** patchGraph as steps that yield between chunks of its work (engine/steps.ts). */
export function* patchSteps(graph: TemporalGraph, delta: GraphDelta): Steps<TemporalGraph> {
  const np = listPatch(graph.nodes.length, delta.retireNodes ?? [], delta.putNodes ?? [], (id) => graph.nodeIndex.get(id), 'Node');
  yield;
  const nodes = spliceList(graph.nodes, np.removed, np.replaced, np.appended);
  yield;
  const nodeIndex = patchNodeIndex(graph, np, nodes);
  yield;
  const nodeKind = np.removed.length === 0 && np.replaced.size === 0 && np.appended.length === 0
    ? graph.nodeKind
    : spliceTyped(graph.nodeKind, np.removed, np.length);
  for (const [i, node] of np.replaced) nodeKind[i - countBelow(np.removed, i)] = kindCodeOf(node.kind);
  np.appended.forEach((node, j) => (nodeKind[np.length - np.appended.length + j] = kindCodeOf(node.kind)));
  let governmentNodes = graph.governmentNodes;
  if (nodeKind !== graph.nodeKind) {
    const found: number[] = [];
    for (let v = 0; v < nodeKind.length; v++) if (nodeKind[v] === GOVERNMENT_KIND) found.push(v);
    governmentNodes = Int32Array.from(found);
  }
  yield;

  const lp = listPatch(graph.links.length, delta.retireLinks ?? [], delta.putLinks ?? [], (id) => linkIndexOf(graph, id), 'Link');
  yield;
  const links = spliceList(graph.links, lp.removed, lp.replaced, lp.appended);
  yield;
  const columns = yield* patchColumns(graph, lp, np.map, nodeIndex);
  const { linkOrder, byOrder } = yield* patchOrder(graph, lp);
  let arcs: Arcs;
  let change: GraphChange;
  const governmentsChanged = np.appended.some((node) => node.kind === 'Government') ||
    [...np.replaced].some(([i, node]) => (graph.nodeKind[i] === GOVERNMENT_KIND) !== (node.kind === 'Government'));
  if (sameArcs(graph, np, lp, columns)) {
    arcs = keptArcs(graph, np.length);
    change = { nodeMap: np.map, arcMap: null, freshArcs: replacedArcs(arcs, lp, columns), governmentsChanged };
  } else {
    const spliced = yield* splicedArcs(graph, np, lp, columns);
    arcs = spliced.arcs;
    change = { nodeMap: np.map, arcMap: spliced.arcMap, freshArcs: spliced.freshArcs, governmentsChanged };
  }
  const { linkFrom, linkTo, ...perLink } = columns;
  const next: TemporalGraph = {
    nodes, links, nodeIndex, nodeKind, governmentNodes,
    linkIndex: new SortedIndex(links, byOrder),
    ...perLink, linkOrder,
    ...patchAbout(graph, lp, np, links, nodeIndex),
    ...arcs,
    workspaces: [],
    boundsCache: newBoundsCache(),
  };
  rememberEnds(next, linkFrom, linkTo, byOrder);
  yield* carryBoundsSteps(graph, next, change);
  return next;
}
