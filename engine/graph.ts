// The typed adjacency every path query runs on: CSR arrays in influence-flow direction, built once per snapshot.
import { LRUCache } from 'lru-cache';
import type { Citation } from '../core/dataset.ts';
import {
  BLOCKING_OUTCOMES, DECISION_RANKS, LINK_TYPES, LINK_TYPE_NAMES, NODE_KINDS, isEventType,
  type Confidence, type Flow, type LinkType, type NodeKind, type OfficeRank, type Outcome,
} from '../core/model.ts';
import type { When } from '../core/dates.ts';

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

export interface TemporalGraph {
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

  /** Scratch buffers reused by queries (one per concurrent query). */
  workspaces: unknown[];
  /** Target-side bounds of recent queries, keyed by everything but the sources (see influence-paths.ts). */
  boundsCache: LRUCache<string, object>;
}

/** Target-side bounds kept per graph: a what-if series asks about one target with a few variations. */
const BOUNDS_CACHE_SIZE = 8;

export class GraphError extends Error {
  override name = 'GraphError';
}

const KIND_CODE = new Map<NodeKind, number>(NODE_KINDS.map((kind, code) => [kind, code]));
const CONFIDENCE_CODE = new Map<Confidence, number>(CONFIDENCE_CODES.map((c, code) => [c, code]));

/** Builds the CSR adjacency; throws GraphError on a dangling endpoint or a duplicate id. */
export function buildGraph(nodes: GraphNode[], links: GraphLink[]): TemporalGraph {
  const nodeCount = nodes.length;
  const linkCount = links.length;
  const nodeIndex = new Map<string, number>();
  const nodeKind = new Uint8Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) {
    const node = nodes[i];
    if (nodeIndex.has(node.id)) throw new GraphError(`Node ${node.id} is listed twice.`);
    nodeIndex.set(node.id, i);
    nodeKind[i] = KIND_CODE.get(node.kind) ?? 0;
  }

  const linkType = new Uint8Array(linkCount);
  const linkConfidence = new Uint8Array(linkCount);
  const linkBlocked = new Uint8Array(linkCount);
  const linkDecision = new Uint8Array(linkCount);
  const possibleStart = new Float64Array(linkCount);
  const possibleEnd = new Float64Array(linkCount);
  const certainKind = new Uint8Array(linkCount);
  const certainA = new Float64Array(linkCount);
  const certainB = new Float64Array(linkCount);
  const fromIndex = new Int32Array(linkCount);
  const toIndex = new Int32Array(linkCount);
  let arcCount = 0;

  for (let i = 0; i < linkCount; i++) {
    const link = links[i];
    const from = nodeIndex.get(link.from);
    const to = nodeIndex.get(link.to);
    if (from === undefined || to === undefined) {
      throw new GraphError(`Link ${link.id} names ${from === undefined ? link.from : link.to}, which is not a node of the graph.`);
    }
    fromIndex[i] = from;
    toIndex[i] = to;
    const spec = LINK_TYPES[link.type];
    linkType[i] = TYPE_CODE[link.type];
    linkConfidence[i] = CONFIDENCE_CODE.get(link.confidence) ?? 2;
    linkBlocked[i] = link.outcome !== undefined && BLOCKING_OUTCOMES.includes(link.outcome) ? 1 : 0;
    linkDecision[i] = link.type === 'HELD_OFFICE' && link.rank !== undefined && DECISION_RANKS.includes(link.rank) ? 1 : 0;
    const when = link.when;
    if (when === undefined) {
      possibleStart[i] = -Infinity;
      possibleEnd[i] = Infinity;
      certainKind[i] = CERTAIN_NONE;
    } else {
      possibleStart[i] = when.startMin;
      possibleEnd[i] = when.endMax;
      // A transmission dated A/B is still one instant somewhere in [A, B], not a relation holding throughout.
      const point = when.point || isEventType(link.type);
      certainKind[i] = point ? CERTAIN_POINT : CERTAIN_SPAN;
      certainA[i] = point ? when.startMin : when.startMax;
      certainB[i] = point ? when.endMax : when.endMin;
    }
    // A self-loop can never be part of a simple path.
    if (from === to) continue;
    arcCount += spec.flow === 'both' ? 2 : (spec.flow as Flow) === 'none' ? 0 : 1;
  }

  // Native sort of "id NUL index" orders by id exactly as `<` does (NUL sorts before any id character).
  const keyed = links.map((link, i) => `${link.id}\u0000${i}`).sort();
  const linkOrder = new Int32Array(linkCount);
  let previousId: string | undefined;
  for (let rank = 0; rank < linkCount; rank++) {
    const cut = keyed[rank].lastIndexOf('\u0000');
    const id = keyed[rank].slice(0, cut);
    if (id === previousId) throw new GraphError(`Link ${id} is listed twice.`);
    previousId = id;
    linkOrder[Number(keyed[rank].slice(cut + 1))] = rank;
  }
  let linkIndex: Map<string, number> | undefined;

  // Counting sort of arcs by tail node, then by head for the reverse index.
  const arcTail = new Int32Array(arcCount);
  const arcHead = new Int32Array(arcCount);
  const arcLinkUnsorted = new Int32Array(arcCount);
  const arcAgainstUnsorted = new Uint8Array(arcCount);
  let a = 0;
  for (let i = 0; i < linkCount; i++) {
    if (fromIndex[i] === toIndex[i]) continue;
    const flow = LINK_TYPES[links[i].type].flow;
    if (flow === 'forward' || flow === 'both') {
      arcTail[a] = fromIndex[i]; arcHead[a] = toIndex[i]; arcLinkUnsorted[a] = i; arcAgainstUnsorted[a] = 0; a++;
    }
    if (flow === 'reverse' || flow === 'both') {
      arcTail[a] = toIndex[i]; arcHead[a] = fromIndex[i]; arcLinkUnsorted[a] = i; arcAgainstUnsorted[a] = 1; a++;
    }
  }

  const outStart = new Int32Array(nodeCount + 1);
  for (let k = 0; k < arcCount; k++) outStart[arcTail[k] + 1]++;
  for (let v = 0; v < nodeCount; v++) outStart[v + 1] += outStart[v];
  const cursor = outStart.slice(0, nodeCount);
  const arcTo = new Int32Array(arcCount);
  const arcFrom = new Int32Array(arcCount);
  const arcLink = new Int32Array(arcCount);
  const arcAgainst = new Uint8Array(arcCount);
  for (let k = 0; k < arcCount; k++) {
    const slot = cursor[arcTail[k]]++;
    arcTo[slot] = arcHead[k];
    arcFrom[slot] = arcTail[k];
    arcLink[slot] = arcLinkUnsorted[k];
    arcAgainst[slot] = arcAgainstUnsorted[k];
  }

  const inStart = new Int32Array(nodeCount + 1);
  for (let k = 0; k < arcCount; k++) inStart[arcTo[k] + 1]++;
  for (let v = 0; v < nodeCount; v++) inStart[v + 1] += inStart[v];
  const inCursor = inStart.slice(0, nodeCount);
  const inArc = new Int32Array(arcCount);
  for (let k = 0; k < arcCount; k++) inArc[inCursor[arcTo[k]]++] = k;

  const aboutList: number[] = [];
  const aboutNodes: number[] = [];
  for (let i = 0; i < linkCount; i++) {
    const about = links[i].about;
    if (about === undefined) continue;
    aboutList.push(i);
    aboutNodes.push(nodeIndex.get(about) ?? -1);
  }

  return {
    nodes, links, nodeIndex, nodeKind,
    governmentNodes: Int32Array.from(nodes.flatMap((node, i) => (node.kind === 'Government' ? [i] : []))),
    // Built on first use: only exclusions and the API's id look-ups need it, and a million-entry Map is slow to fill.
    get linkIndex() {
      linkIndex ??= new Map(links.map((link, i) => [link.id, i]));
      return linkIndex;
    },
    linkType, linkConfidence, linkBlocked, linkDecision, linkOrder,
    aboutLinks: Int32Array.from(aboutList), aboutChannel: Int32Array.from(aboutNodes),
    possibleStart, possibleEnd, certainKind, certainA, certainB,
    outStart, arcTo, arcFrom, arcLink, arcAgainst, inStart, inArc,
    workspaces: [],
    boundsCache: new LRUCache<string, object>({ max: BOUNDS_CACHE_SIZE }),
  };
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
