// Pure functions from the brokers and channel-reach answers to what the analysis views show: canvas scenes (paths
// drawn, highlights, node size by broker score) and the rows of a side-by-side comparison of two channels.
import { brokenEdgeId, pathElementIds, pathScene, type SceneEdge } from './graph-model.ts';
import type { Broker, ChannelReach, NodeBrief, Path, PathResult } from './types.ts';

export interface AnalysisScene {
  nodes: Map<string, NodeBrief>;
  edges: SceneEdge[];
  leaders: Set<string>;
  highlightA: Set<string>;
  highlightB: Set<string>;
  broken: Set<string>;
  /** Node diameters (px) by id: a broker drawn larger the more counted paths pass through them. */
  sizes: Map<string, number>;
}

export const BROKER_SIZE = { min: 30, max: 64 } as const;

const asResult = (paths: Path[]): PathResult => ({ static: false, stopReason: null, explanation: null, datasetVersion: '', closest: null, paths });

/** Node size by broker score (paths through them), scaled between BROKER_SIZE.min and .max. */
export function brokerSizes(brokers: readonly Broker[] | null): Map<string, number> {
  const sizes = new Map<string, number>();
  const top = Math.max(0, ...(brokers ?? []).map((b) => b.pathsThrough));
  for (const b of brokers ?? []) {
    if (top > 0 && b.pathsThrough > 0) sizes.set(b.person.id, Math.round(BROKER_SIZE.min + (BROKER_SIZE.max - BROKER_SIZE.min) * (b.pathsThrough / top)));
  }
  return sizes;
}

/** Element ids of every path through a person (the broker the user picked), for highlighting. */
export function pathsThrough(paths: readonly Path[], personId: string | null): Set<string> {
  const ids = new Set<string>();
  if (!personId) return ids;
  for (const path of paths) if (path.nodes.some((n) => n.id === personId)) for (const id of pathElementIds(path)) ids.add(id);
  return ids;
}

/** The brokers view on the canvas: the channel's paths, brokers sized by score, the picked broker's paths highlighted. */
export function brokersScene(paths: PathResult | null, brokers: readonly Broker[] | null, selected: string | null): AnalysisScene {
  const scene = pathScene(paths);
  for (const b of brokers ?? []) if (!scene.nodes.has(b.person.id) && b.pathsThrough > 0) scene.nodes.set(b.person.id, b.person);
  return { ...scene, highlightA: pathsThrough(paths?.paths ?? [], selected), highlightB: new Set(), broken: new Set(), sizes: brokerSizes(brokers) };
}

/** Each government's best path of a reach answer. */
export function reachPaths(reach: ChannelReach | null): Path[] {
  return (reach?.sides ?? []).flatMap((s) => s.governments.map((g) => g.bestPath)).filter((p): p is Path => p !== null);
}

/** A reach answer's paths, every participant and every leader it reached (a best path ends at the government, and a
 *  participant may reach no one), plus, where it stopped, the closest approach and the hop that broke. */
function reachParts(reach: ChannelReach | null) {
  const scene = pathScene(asResult(reachPaths(reach)));
  for (const person of reach?.participants ?? []) if (!scene.nodes.has(person.id)) scene.nodes.set(person.id, person);
  for (const g of (reach?.sides ?? []).flatMap((s) => s.governments)) {
    for (const { leader } of g.leaders) {
      if (!scene.nodes.has(leader.id)) scene.nodes.set(leader.id, leader);
      scene.leaders.add(leader.id);
    }
  }
  const broken = new Set<string>();
  const stopIds = new Set<string>();
  for (const stop of reach?.stopped ?? []) {
    const closest = stop.closest;
    if (!closest) continue;
    if (!scene.nodes.has(closest.node.id)) scene.nodes.set(closest.node.id, closest.node);
    stopIds.add(closest.node.id);
    const link = closest.brokenLink;
    if (link) {
      for (const end of [link.from, link.to]) if (!scene.nodes.has(end.id)) scene.nodes.set(end.id, end);
      const id = brokenEdgeId(link.id);
      if (!scene.edges.some((e) => e.id === id)) scene.edges.push({ id, source: link.from.id, target: link.to.id, link });
      broken.add(id);
      stopIds.add(id);
    }
  }
  return { ...scene, broken, stopIds };
}

/** The reach view on the canvas: every government's best path; the picked government's path highlighted. */
export function reachScene(reach: ChannelReach | null, selectedGovernment: string | null): AnalysisScene {
  const { stopIds: _, ...scene } = reachParts(reach);
  const picked = (reach?.sides ?? []).flatMap((s) => s.governments).find((g) => g.government.id === selectedGovernment)?.bestPath;
  return { ...scene, highlightA: pathElementIds(picked), highlightB: new Set(), sizes: new Map() };
}

/** Two channels on one canvas: the first one's paths in the first highlight colour, the second's in the other. */
export function compareScene(a: ChannelReach | null, b: ChannelReach | null): AnalysisScene {
  const left = reachParts(a);
  const right = reachParts(b);
  const nodes = new Map([...left.nodes, ...right.nodes]);
  const edges = new Map([...left.edges, ...right.edges].map((e) => [e.id, e]));
  const ids = (parts: ReturnType<typeof reachParts>) => new Set([...parts.nodes.keys(), ...parts.edges.map((e) => e.id)]);
  return {
    nodes, edges: [...edges.values()], leaders: new Set([...left.leaders, ...right.leaders]),
    highlightA: ids(left), highlightB: ids(right), broken: new Set([...left.broken, ...right.broken]), sizes: new Map(),
  };
}

/** One cell of the comparison: what a channel reached on one side, or where it stopped there. */
export interface CompareCell {
  reached: { government: string; governmentId: string; hops: number; arrival: string | null; through: string[]; leaders: { id: string; name: string; hops: number; arrival: string | null; by: string }[] }[];
  stopped: { government: string; governmentId: string; stopReason: string | null; explanation: string }[];
  /** True when the channel had no participant on this side. */
  absent: boolean;
}

/** The people between the participant and the government on a path ("through whom"). */
export function throughWhom(path: Path | null): string[] {
  if (!path) return [];
  return path.nodes.slice(0, -1).filter((n) => n.kind === 'PERSON').map((n) => n.name);
}

function cell(reach: ChannelReach | null, side: string): CompareCell {
  const sideReach = reach?.sides.find((s) => s.side === side);
  return {
    reached: (sideReach?.governments ?? []).map((g) => ({
      government: g.government.name, governmentId: g.government.id, hops: g.hops, arrival: g.arrival, through: throughWhom(g.bestPath),
      leaders: g.leaders.map((l) => ({ id: l.leader.id, name: l.leader.name, hops: l.hops, arrival: l.arrival, by: l.by.name })),
    })),
    stopped: (reach?.stopped ?? []).filter((s) => s.side === side).map((s) => ({ government: s.government.name, governmentId: s.government.id, stopReason: s.stopReason, explanation: s.explanation })),
    absent: !(reach?.participants ?? []).some((p) => p.side === side),
  };
}

/** Rows of the side-by-side table: the sides of either channel's participants first, then every other side reached. */
export function compareRows(a: ChannelReach | null, b: ChannelReach | null): { side: string; own: boolean; a: CompareCell; b: CompareCell }[] {
  const own = [...new Set([...(a?.participants ?? []), ...(b?.participants ?? [])].map((p) => p.side).filter((s): s is string => Boolean(s)))].sort();
  const others = [...new Set([...(a?.sides ?? []), ...(b?.sides ?? [])].map((s) => s.side))].filter((s) => !own.includes(s)).sort();
  return [...own.map((side) => ({ side, own: true })), ...others.map((side) => ({ side, own: false }))].map((r) => ({ ...r, a: cell(a, r.side), b: cell(b, r.side) }));
}

/** "4 Dec 1992" from 1992-12-04. */
export function dayLabel(iso: string | null): string {
  if (!iso) return 'undated';
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A stop reason in a few words, for a badge beside the API's full explanation. */
export const STOP_LABELS: Record<string, string> = {
  NO_LINK_ONWARD: 'no link onward',
  OUT_OF_WINDOW: 'outside the window',
  HOP_LIMIT: 'hop limit',
  BLOCKED: 'blocked: rejected, disowned or ignored',
  BUDGET: 'time budget ran out',
};
