// The typed adjacency every path query runs on: CSR arrays in influence-flow direction, built once per snapshot.
import { LRUCache } from 'lru-cache';
import type { Citation } from '../core/dataset.ts';
import {
  BLOCKING_OUTCOMES, DECISION_RANKS, LINK_TYPES, LINK_TYPE_NAMES, NODE_KINDS, isEventType,
  type Confidence, type Flow, type LinkType, type NodeKind, type OfficeRank, type Outcome,
} from '../core/model.ts';
import type { When } from '../core/dates.ts';
import { inRanges, type Steps } from './steps.ts';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  name: string;
  side?: string;
}

/** A citation as the dataset writes it: a source id and, where the source has them, a page or section. */
export type { Citation };

export interface GraphLink {
  id: string;
  type: LinkType;
  from: string;
  to: string;
  when?: When;
  confidence: Confidence;
  outcome?: Outcome;
  rank?: OfficeRank;
  title?: string;
  place?: string;
  /** A transmission's channel: whose product it carried (see PathQuery.carrying). */
  about?: string;
  citations: Citation[];
}

export const CONFIDENCE_CODES: readonly Confidence[] = ['high', 'medium', 'low'];

/** How a dated link may be read when certainty is asked for. */
export const CERTAIN_NONE = 0;
export const CERTAIN_POINT = 1;
export const CERTAIN_SPAN = 2;

export const TYPE_CODE: Readonly<Record<LinkType, number>> = Object.fromEntries(
  LINK_TYPE_NAMES.map((name, code) => [name, code]),
) as Record<LinkType, number>;
export const HELD_OFFICE_CODE = TYPE_CODE.HELD_OFFICE;

export interface TemporalGraph extends Arcs {
  nodes: readonly GraphNode[];
  links: readonly GraphLink[];
  nodeIndex: ReadonlyMap<string, number>;
  linkIndex: ReadonlyMap<string, number>;
  /** Index into NODE_KINDS per node. */
  nodeKind: Uint8Array;
  /** Every Government node: the targets of "any decision-maker". */
  governmentNodes: Int32Array;

  /** Per link: type code, confidence code (0 high, 1 medium, 2 low), flags and time bounds. */
  linkType: Uint8Array;
  linkConfidence: Uint8Array;
  linkBlocked: Uint8Array;
  /** 1 for a HELD_OFFICE link whose rank makes its holder a decision-maker. */
  linkDecision: Uint8Array;
  /** Rank of the link id in sorted order: the deterministic tie-break without string compares. */
  linkOrder: Int32Array;
  /** Links that name the channel they were about, and that channel's node index (parallel arrays). */
  aboutLinks: Int32Array;
  aboutChannel: Int32Array;
  /** Possible reading: valid somewhere in [possibleStart, possibleEnd]; undated links are (-Inf, +Inf). */
  possibleStart: Float64Array;
  possibleEnd: Float64Array;
  /** Certain reading: a point must be entered by certainA and leaves at certainB; a span holds on [certainA, certainB]. */
  certainKind: Uint8Array;
  certainA: Float64Array;
  certainB: Float64Array;

  // The arcs (outStart … inArc): see Arcs.

  /** Scratch buffers reused by queries (one per concurrent query). */
  workspaces: unknown[];
  /** Target-side bounds of recent queries, keyed by everything but the sources (see influence-paths.ts). */
  boundsCache: LRUCache<string, object>;
}

/**
 * Target-side bounds kept per graph, by count and by bytes. A what-if series asks about one target with a few
 * variations; channelReach and brokers ask for one best path per government reached (ten in the synthetic graphs,
 * besides "any decision-maker"), and with fewer entries than that each of their queries rebuilt every government's
 * bounds (about 0.3 s apiece at 1M links). An entry holds a few bytes per node and per arc and eight per node and hop
 * (about 10 MB at 1M links), so the byte cap, not the count, governs past a few million links.
 */
const BOUNDS_CACHE_ENTRIES = 16;
const BOUNDS_CACHE_BYTES = 256 * 2 ** 20;

/** The typed arrays an entry holds when it is stored (lists built later on demand are not counted). */
function typedBytes(value: object): number {
  let bytes = 0;
  for (const field of Object.values(value)) if (ArrayBuffer.isView(field)) bytes += field.byteLength;
  return Math.max(1, bytes);
}

/** A graph version's empty bounds cache. */
export function newBoundsCache(): LRUCache<string, object> {
  return new LRUCache<string, object>({ max: BOUNDS_CACHE_ENTRIES, maxSize: BOUNDS_CACHE_BYTES, sizeCalculation: typedBytes });
}

export class GraphError extends Error {
  override name = 'GraphError';
}

const KIND_CODE = new Map<NodeKind, number>(NODE_KINDS.map((kind, code) => [kind, code]));
const CONFIDENCE_CODE = new Map<Confidence, number>(CONFIDENCE_CODES.map((c, code) => [c, code]));

/** Per link type code, which way influence flows: 0 none, 1 forward, 2 reverse, 3 both. */
const FLOW_CODE: Record<Flow, number> = { none: 0, forward: 1, reverse: 2, both: 3 };
export const FLOW_OF_TYPE = Uint8Array.from(LINK_TYPE_NAMES.map((name) => FLOW_CODE[LINK_TYPES[name].flow as Flow]));
export const GOVERNMENT_KIND = KIND_CODE.get('Government')!;

/** The per-link typed arrays, as buildGraph and patchGraph (engine/patch.ts) fill them. */
export interface LinkColumns {
  linkType: Uint8Array;
  linkConfidence: Uint8Array;
  linkBlocked: Uint8Array;
  linkDecision: Uint8Array;
  possibleStart: Float64Array;
  possibleEnd: Float64Array;
  certainKind: Uint8Array;
  certainA: Float64Array;
  certainB: Float64Array;
  /** Node index of each link's from and to end. */
  linkFrom: Int32Array;
  linkTo: Int32Array;
}

export function linkColumns(linkCount: number): LinkColumns {
  return {
    linkType: new Uint8Array(linkCount), linkConfidence: new Uint8Array(linkCount), linkBlocked: new Uint8Array(linkCount),
    linkDecision: new Uint8Array(linkCount), possibleStart: new Float64Array(linkCount), possibleEnd: new Float64Array(linkCount),
    certainKind: new Uint8Array(linkCount), certainA: new Float64Array(linkCount), certainB: new Float64Array(linkCount),
    linkFrom: new Int32Array(linkCount), linkTo: new Int32Array(linkCount),
  };
}

export function kindCodeOf(kind: NodeKind): number {
  return KIND_CODE.get(kind) ?? 0;
}

/** Writes link i into the columns; throws GraphError when an end is not a node of the graph. */
export function encodeLink(c: LinkColumns, i: number, link: GraphLink, nodeIndex: ReadonlyMap<string, number>): void {
  const from = nodeIndex.get(link.from);
  const to = nodeIndex.get(link.to);
  if (from === undefined || to === undefined) {
    throw new GraphError(`Link ${link.id} names ${from === undefined ? link.from : link.to}, which is not a node of the graph.`);
  }
  c.linkFrom[i] = from;
  c.linkTo[i] = to;
  c.linkType[i] = TYPE_CODE[link.type];
  c.linkConfidence[i] = CONFIDENCE_CODE.get(link.confidence) ?? 2;
  c.linkBlocked[i] = link.outcome !== undefined && BLOCKING_OUTCOMES.includes(link.outcome) ? 1 : 0;
  c.linkDecision[i] = link.type === 'HELD_OFFICE' && link.rank !== undefined && DECISION_RANKS.includes(link.rank) ? 1 : 0;
  const when = link.when;
  if (when === undefined) {
    c.possibleStart[i] = -Infinity;
    c.possibleEnd[i] = Infinity;
    c.certainKind[i] = CERTAIN_NONE;
    c.certainA[i] = 0;
    c.certainB[i] = 0;
  } else {
    c.possibleStart[i] = when.startMin;
    c.possibleEnd[i] = when.endMax;
    // A transmission dated A/B is still one instant somewhere in [A, B], not a relation holding throughout.
    const point = when.point || isEventType(link.type);
    c.certainKind[i] = point ? CERTAIN_POINT : CERTAIN_SPAN;
    c.certainA[i] = point ? when.startMin : when.startMax;
    c.certainB[i] = point ? when.endMax : when.endMin;
  }
}

/** The typed adjacency of a TemporalGraph, which buildGraph and patchGraph build alike. */
export interface Arcs {
  /** Arcs in flow direction, grouped by tail node: arcs of v are outStart[v] .. outStart[v+1]-1. */
  outStart: Int32Array;
  arcTo: Int32Array;
  arcFrom: Int32Array;
  arcLink: Int32Array;
  /** 1 when influence flows against the stored from → to direction. */
  arcAgainst: Uint8Array;
  /** Reverse index: arcs entering v are inArc[inStart[v] .. inStart[v+1]-1]. */
  inStart: Int32Array;
  inArc: Int32Array;
}

/**
 * The CSR arcs from the link columns alone (no JS objects): grouped by tail node, within a tail in link order, a
 * link's forward arc before its reverse one; the reverse index lists each head's arcs in slot order.
 */
export function arcsOf(nodeCount: number, c: LinkColumns): Arcs {
  const { linkFrom, linkTo, linkType } = c;
  const linkCount = linkType.length;
  const outStart = new Int32Array(nodeCount + 1);
  const inStart = new Int32Array(nodeCount + 1);
  let arcCount = 0;
  for (let i = 0; i < linkCount; i++) {
    const from = linkFrom[i];
    const to = linkTo[i];
    // A self-loop can never be part of a simple path.
    if (from === to) continue;
    const flow = FLOW_OF_TYPE[linkType[i]];
    if (flow & 1) { outStart[from + 1]++; inStart[to + 1]++; arcCount++; }
    if (flow & 2) { outStart[to + 1]++; inStart[from + 1]++; arcCount++; }
  }
  for (let v = 0; v < nodeCount; v++) {
    outStart[v + 1] += outStart[v];
    inStart[v + 1] += inStart[v];
  }
  // Counting sort by tail: links are visited in order, so each tail's arcs come out in link order.
  const cursor = outStart.slice(0, nodeCount);
  const arcTo = new Int32Array(arcCount);
  const arcFrom = new Int32Array(arcCount);
  const arcLink = new Int32Array(arcCount);
  const arcAgainst = new Uint8Array(arcCount);
  for (let i = 0; i < linkCount; i++) {
    const from = linkFrom[i];
    const to = linkTo[i];
    if (from === to) continue;
    const flow = FLOW_OF_TYPE[linkType[i]];
    if (flow & 1) {
      const slot = cursor[from]++;
      arcTo[slot] = to; arcFrom[slot] = from; arcLink[slot] = i;
    }
    if (flow & 2) {
      const slot = cursor[to]++;
      arcTo[slot] = from; arcFrom[slot] = to; arcLink[slot] = i; arcAgainst[slot] = 1;
    }
  }
  const inCursor = inStart.slice(0, nodeCount);
  const inArc = new Int32Array(arcCount);
  for (let k = 0; k < arcCount; k++) inArc[inCursor[arcTo[k]]++] = k;
  return { outStart, arcTo, arcFrom, arcLink, arcAgainst, inStart, inArc };
}

/** What a graph keeps beside its public fields, for patchGraph and incidenceOf: each link's end nodes, links by id. */
interface Hidden {
  linkFrom: Int32Array;
  linkTo: Int32Array;
  /** Link indexes in id order (the inverse of linkOrder), made on first use. */
  byOrder?: Int32Array;
}
const hidden = new WeakMap<TemporalGraph, Hidden>();

/** Records the end nodes of a graph's links (buildGraph and patchGraph know them already). */
export function rememberEnds(graph: TemporalGraph, linkFrom: Int32Array, linkTo: Int32Array, byOrder?: Int32Array): void {
  hidden.set(graph, { linkFrom, linkTo, byOrder });
}

function hiddenOf(graph: TemporalGraph): Hidden {
  let h = hidden.get(graph);
  if (!h) {
    // A graph made some other way: find the ends once.
    const linkFrom = new Int32Array(graph.links.length);
    const linkTo = new Int32Array(graph.links.length);
    graph.links.forEach((link, i) => {
      linkFrom[i] = graph.nodeIndex.get(link.from)!;
      linkTo[i] = graph.nodeIndex.get(link.to)!;
    });
    h = { linkFrom, linkTo };
    hidden.set(graph, h);
  }
  return h;
}

/** Node index of each link's from and to end. */
export function linkEndsOf(graph: TemporalGraph): { from: Int32Array; to: Int32Array } {
  const h = hiddenOf(graph);
  return { from: h.linkFrom, to: h.linkTo };
}

/** Link indexes sorted by link id: rank r holds the link whose linkOrder is r. */
export function linksByIdOrder(graph: TemporalGraph): Int32Array {
  const h = hiddenOf(graph);
  if (!h.byOrder) {
    const byOrder = new Int32Array(graph.linkOrder.length);
    for (let i = 0; i < byOrder.length; i++) byOrder[graph.linkOrder[i]] = i;
    h.byOrder = byOrder;
  }
  return h.byOrder;
}

/**
 * Everything buildGraph computes from the nodes and links in typed arrays: the link columns (with each link's ends),
 * the id order, the about lists and the arcs. Kept in the snapshot file (store/snapshot-file.ts) so that a start makes
 * the graph again with graphFromColumns instead of encoding, sorting and counting a million links.
 */
export interface BuiltColumns extends LinkColumns, Arcs {
  linkOrder: Int32Array;
  aboutLinks: Int32Array;
  aboutChannel: Int32Array;
}

/**
 * Each built column's array type and what it has one entry per: the one list graphFromColumns checks and the
 * snapshot file (store/snapshot-file.ts) keeps.
 */
export const BUILT_COLUMNS = {
  linkFrom: [Int32Array, 'link'], linkTo: [Int32Array, 'link'],
  linkType: [Uint8Array, 'link'], linkConfidence: [Uint8Array, 'link'], linkBlocked: [Uint8Array, 'link'], linkDecision: [Uint8Array, 'link'],
  possibleStart: [Float64Array, 'link'], possibleEnd: [Float64Array, 'link'], certainKind: [Uint8Array, 'link'],
  certainA: [Float64Array, 'link'], certainB: [Float64Array, 'link'], linkOrder: [Int32Array, 'link'],
  aboutLinks: [Int32Array, 'about'], aboutChannel: [Int32Array, 'about'],
  outStart: [Int32Array, 'node+1'], inStart: [Int32Array, 'node+1'],
  arcTo: [Int32Array, 'arc'], arcFrom: [Int32Array, 'arc'], arcLink: [Int32Array, 'arc'], arcAgainst: [Uint8Array, 'arc'], inArc: [Int32Array, 'arc'],
} as const satisfies Record<keyof BuiltColumns, readonly [Int32ArrayConstructor | Uint8ArrayConstructor | Float64ArrayConstructor, 'link' | 'about' | 'node+1' | 'arc']>;
export const BUILT_COLUMN_NAMES = Object.keys(BUILT_COLUMNS) as (keyof BuiltColumns)[];

/** The node index and kind codes; throws GraphError on a duplicate id. */
function indexNodes(nodes: readonly GraphNode[]): { nodeIndex: Map<string, number>; nodeKind: Uint8Array } {
  const nodeIndex = new Map<string, number>();
  const nodeKind = new Uint8Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (nodeIndex.has(node.id)) throw new GraphError(`Node ${node.id} is listed twice.`);
    nodeIndex.set(node.id, i);
    nodeKind[i] = kindCodeOf(node.kind);
  }
  return { nodeIndex, nodeKind };
}

/** The indexes of the Government nodes, from the kind codes (no array per node, as a flatMap over nodes made). */
function governmentsOf(nodeKind: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < nodeKind.length; i++) if (nodeKind[i] === GOVERNMENT_KIND) count++;
  const out = new Int32Array(count);
  for (let i = 0, k = 0; i < nodeKind.length; i++) if (nodeKind[i] === GOVERNMENT_KIND) out[k++] = i;
  return out;
}

/** The graph of these nodes and links over their built columns (buildGraph and graphFromColumns end here). */
function graphOf(nodes: GraphNode[], links: GraphLink[], nodeIndex: Map<string, number>, nodeKind: Uint8Array, built: BuiltColumns, byOrder?: Int32Array): TemporalGraph {
  const { linkFrom, linkTo, ...arrays } = built;
  const graph: TemporalGraph = {
    nodes, links, nodeIndex, nodeKind,
    governmentNodes: governmentsOf(nodeKind),
    // Built on first use: only exclusions and the API's id look-ups need it, and a million-entry Map is slow to fill.
    get linkIndex() {
      const lazy = lazyLinkIndexes.get(graph)!;
      if (lazy.map === undefined) {
        lazy.map = new Map();
        fillLinkIndex(links, lazy.map, 0, links.length);
      }
      return lazy.map;
    },
    ...arrays,
    workspaces: [],
    boundsCache: newBoundsCache(),
  };
  rememberEnds(graph, linkFrom, linkTo, byOrder);
  lazyLinkIndexes.set(graph, {});
  return graph;
}

/** The lazy linkIndex of each graph made by buildGraph or graphFromColumns, once filled (patched graphs have none). */
const lazyLinkIndexes = new WeakMap<TemporalGraph, { map?: Map<string, number> }>();

/** Filled by a loop: a Map of a million [id, index] pairs made first took half as long again. */
function fillLinkIndex(links: readonly GraphLink[], map: Map<string, number>, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) map.set(links[i].id, i);
}

/**
 * Fills a built graph's linkIndex Map in chunks, for runStepsSliced: the API starts it after a full build, so that no
 * request pays the fill (about 0.5 s at 1M links) while the look-ups by id it serves are fastest with the Map. Does
 * nothing for a graph whose Map is filled, or that has none (a patched graph).
 */
export function* linkIndexSteps(graph: TemporalGraph): Steps<void> {
  const lazy = lazyLinkIndexes.get(graph);
  if (!lazy || lazy.map) return;
  const map = new Map<string, number>();
  const { links } = graph;
  yield* inRanges(links.length, (lo, hi) => fillLinkIndex(links, map, lo, hi));
  lazy.map ??= map;
}

/** Whether a look-up in graph.linkIndex costs a Map's get now: a built graph's Map is filled. */
export function linkIndexFilled(graph: TemporalGraph): boolean {
  return lazyLinkIndexes.get(graph)?.map !== undefined;
}

/** Builds the CSR adjacency; throws GraphError on a dangling endpoint or a duplicate id. */
export function buildGraph(nodes: GraphNode[], links: GraphLink[]): TemporalGraph {
  const nodeCount = nodes.length;
  const linkCount = links.length;
  const { nodeIndex, nodeKind } = indexNodes(nodes);

  const columns = linkColumns(linkCount);
  for (let i = 0; i < linkCount; i++) encodeLink(columns, i, links[i], nodeIndex);

  // Native sort of "id NUL index" orders by id exactly as `<` does (NUL sorts before any id character).
  const keyed = links.map((link, i) => `${link.id}\u0000${i}`).sort();
  const linkOrder = new Int32Array(linkCount);
  const byOrder = new Int32Array(linkCount);
  let previousId: string | undefined;
  for (let rank = 0; rank < linkCount; rank++) {
    const cut = keyed[rank].lastIndexOf('\u0000');
    const id = keyed[rank].slice(0, cut);
    if (id === previousId) throw new GraphError(`Link ${id} is listed twice.`);
    previousId = id;
    const i = Number(keyed[rank].slice(cut + 1));
    linkOrder[i] = rank;
    byOrder[rank] = i;
  }

  const aboutList: number[] = [];
  const aboutNodes: number[] = [];
  for (let i = 0; i < linkCount; i++) {
    const about = links[i].about;
    if (about === undefined) continue;
    aboutList.push(i);
    aboutNodes.push(nodeIndex.get(about) ?? -1);
  }
  const built: BuiltColumns = {
    ...columns, linkOrder, aboutLinks: Int32Array.from(aboutList), aboutChannel: Int32Array.from(aboutNodes), ...arcsOf(nodeCount, columns),
  };
  return graphOf(nodes, links, nodeIndex, nodeKind, built, byOrder);
}

/** The built columns of a graph, as graphFromColumns takes them back. */
export function builtColumnsOf(graph: TemporalGraph): BuiltColumns {
  const { from, to } = linkEndsOf(graph);
  const built = { linkFrom: from, linkTo: to } as BuiltColumns;
  for (const name of BUILT_COLUMN_NAMES) if (name !== 'linkFrom' && name !== 'linkTo') (built[name] as unknown) = graph[name];
  return built;
}

/**
 * The graph buildGraph would make of these nodes and links, from columns it made before (builtColumnsOf) for the
 * same nodes and links in the same order. Only their shapes are checked (each array of its type and as long as the
 * graph says); that they belong to these links is the caller's to know (the snapshot file's checksum and key).
 * Throws GraphError.
 */
export function graphFromColumns(nodes: GraphNode[], links: GraphLink[], built: BuiltColumns): TemporalGraph {
  const { nodeIndex, nodeKind } = indexNodes(nodes);
  const per = { link: links.length, about: built.aboutLinks?.length, 'node+1': nodes.length + 1, arc: built.outStart?.[nodes.length] };
  for (const name of BUILT_COLUMN_NAMES) {
    const [type, of] = BUILT_COLUMNS[name];
    const column: unknown = built[name];
    if (!(column instanceof type)) throw new GraphError(`The built column ${name} is not a ${type.name}.`);
    if (column.length !== per[of]) throw new GraphError(`The built column ${name} holds ${column.length} values, not ${per[of]}.`);
  }
  return graphOf(nodes, links, nodeIndex, nodeKind, built);
}

/**
 * A link's possible-reading bounds copied out in arc order, for the searches that visit every arc of most nodes
 * (channelReach, brokers): read through arcLink, each arc costs random loads into two link-sized columns, which at 1M
 * links were most of those searches' time. out*: per out-arc slot; in*: per reverse-index entry j (the arc
 * inArc[j]), with that arc's tail. Built on first use per graph version (a version never changes): 36 bytes per arc.
 */
export interface ArcTimes {
  outPossibleStart: Float64Array;
  outPossibleEnd: Float64Array;
  inFrom: Int32Array;
  inPossibleStart: Float64Array;
  inPossibleEnd: Float64Array;
}

const arcTimesOf = new WeakMap<TemporalGraph, ArcTimes>();

export function arcTimes(graph: TemporalGraph): ArcTimes {
  let times = arcTimesOf.get(graph);
  if (!times) {
    const { arcLink, arcFrom, inArc, possibleStart, possibleEnd } = graph;
    const count = arcLink.length;
    times = {
      outPossibleStart: new Float64Array(count), outPossibleEnd: new Float64Array(count),
      inFrom: new Int32Array(count), inPossibleStart: new Float64Array(count), inPossibleEnd: new Float64Array(count),
    };
    for (let a = 0; a < count; a++) {
      const li = arcLink[a];
      times.outPossibleStart[a] = possibleStart[li];
      times.outPossibleEnd[a] = possibleEnd[li];
    }
    for (let j = 0; j < count; j++) {
      const a = inArc[j];
      times.inFrom[j] = arcFrom[a];
      times.inPossibleStart[j] = times.outPossibleStart[a];
      times.inPossibleEnd[j] = times.outPossibleEnd[a];
    }
    arcTimesOf.set(graph, times);
  }
  return times;
}

/**
 * Fewest hops from each node to one of `seeds` (which count `seedHops`) over the reverse entries j with
 * inUsable[j] = 1, times left aside: a lower bound whatever the times. 255 where more than `limit` hops are needed.
 * channelReach and brokers use it to leave unlabelled the nodes too far from every target for the hops left.
 */
export function hopsBack(graph: TemporalGraph, seeds: Iterable<number>, seedHops: number, inUsable: Uint8Array, limit: number): Uint8Array {
  const { inStart } = graph;
  const { inFrom } = arcTimes(graph);
  const n = graph.nodes.length;
  const hops = new Uint8Array(n).fill(255);
  const queue = new Int32Array(n);
  let tail = 0;
  for (const v of seeds) {
    if (hops[v] !== 255) continue;
    hops[v] = seedHops;
    queue[tail++] = v;
  }
  for (let head = 0; head < tail; head++) {
    const x = queue[head];
    if (hops[x] >= limit) continue;
    for (let j = inStart[x], end = inStart[x + 1]; j < end; j++) {
      const u = inFrom[j];
      if (inUsable[j] === 0 || hops[u] !== 255) continue;
      hops[u] = hops[x] + 1;
      queue[tail++] = u;
    }
  }
  return hops;
}

/**
 * Per link, 1 for a transmission about a channel outside `carrying` (README, the rules: what a transmission carried);
 * null when every link may carry (carrying undefined, or no link names a channel).
 */
export function offProductLinks(graph: TemporalGraph, carrying: readonly string[] | undefined): Uint8Array | null {
  if (carrying === undefined || graph.aboutLinks.length === 0) return null;
  const allowed = new Set<number>();
  for (const id of carrying) {
    const index = graph.nodeIndex.get(id);
    if (index !== undefined) allowed.add(index);
  }
  const off = new Uint8Array(graph.links.length);
  for (let i = 0; i < graph.aboutLinks.length; i++) if (!allowed.has(graph.aboutChannel[i])) off[graph.aboutLinks[i]] = 1;
  return off;
}
