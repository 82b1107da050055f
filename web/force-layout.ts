// Force-directed positions for large scenes: d3-force's Barnes–Hut simulation, a fixed number of ticks, no renderer;
// and the seeded randomness every layout draws on, so that the same view is laid out the same way each time it opens.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import { seededRandom } from './seeded-random.ts';

export interface ForceNode { id: string; radius: number }
export interface ForceEdge { source: string; target: string }
export interface ForceOptions {
  /** Simulation steps; each costs one Barnes–Hut pass over all nodes. */
  ticks: number;
  /** Rest length of a link, in model pixels. */
  linkDistance: number;
  /** Repulsion between every two nodes (negative pushes apart). */
  charge: number;
  /** Free space kept around each node's radius. */
  gap: number;
}

export const FORCE_DEFAULTS: ForceOptions = { ticks: 80, linkDistance: 55, charge: -140, gap: 4 };

interface SimNode extends SimulationNodeDatum { id: string; radius: number }

/** Positions for every node: seeded breadth-first from the best-connected node so neighbours start close, then simulated. */
export function forcePositions(nodes: ForceNode[], edges: ForceEdge[], options: Partial<ForceOptions> = {}): Map<string, { x: number; y: number }> {
  const o = { ...FORCE_DEFAULTS, ...options };
  const sim: SimNode[] = seedOrder(nodes, edges).map((n, i) => {
    // Vogel's spiral: even density, and breadth-first order puts each node's neighbours a ring or two away.
    const r = o.linkDistance * 0.6 * Math.sqrt(i + 0.5);
    const a = i * 2.399963;
    return { id: n.id, radius: n.radius, x: r * Math.cos(a), y: r * Math.sin(a) };
  });
  const byId = new Map(sim.map((n) => [n.id, n]));
  const links = edges.filter((e) => e.source !== e.target && byId.has(e.source) && byId.has(e.target)).map((e) => ({ source: byId.get(e.source)!, target: byId.get(e.target)! }));
  const simulation = forceSimulation<SimNode>(sim)
    .force('link', forceLink<SimNode, { source: SimNode; target: SimNode }>(links).distance(o.linkDistance))
    .force('charge', forceManyBody<SimNode>().strength(o.charge).theta(1.5))
    // A weak pull to the centre keeps separate components on one screen.
    .force('x', forceX<SimNode>().strength(0.03))
    .force('y', forceY<SimNode>().strength(0.03))
    .randomSource(seededRandom(viewSeed(nodes.map((n) => n.id))))
    .alphaDecay(1 - Math.pow(0.001, 1 / o.ticks))
    .stop();
  // Overlaps are removed once the drawing has its shape: collision checks in the first ticks would be wasted.
  const early = Math.round(o.ticks / 2);
  simulation.tick(early);
  simulation.force('collide', forceCollide<SimNode>((n) => n.radius + o.gap));
  simulation.tick(o.ticks - early);
  return new Map(sim.map((n) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]));
}

/** Nodes in breadth-first order, each component from its highest-degree node, larger components first. */
export function seedOrder<N extends { id: string }>(nodes: N[], edges: ForceEdge[]): N[] {
  const adjacency = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    if (e.source === e.target || !adjacency.has(e.source) || !adjacency.has(e.target)) continue;
    adjacency.get(e.source)!.push(e.target);
    adjacency.get(e.target)!.push(e.source);
  }
  const byDegree = [...nodes].sort((a, b) => adjacency.get(b.id)!.length - adjacency.get(a.id)!.length);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const components: N[][] = [];
  for (const start of byDegree) {
    if (seen.has(start.id)) continue;
    const order = [start];
    seen.add(start.id);
    for (let head = 0; head < order.length; head++) {
      for (const next of adjacency.get(order[head].id)!) {
        if (!seen.has(next)) {
          seen.add(next);
          order.push(byId.get(next)!);
        }
      }
    }
    components.push(order);
  }
  return components.sort((a, b) => b.length - a.length).flat();
}

/** A seed made from the view's content (its node ids, in any order): the same view always gets the same seed. */
export function viewSeed(ids: Iterable<string>): number {
  // FNV-1a over the sorted ids: cheap, and any change in the set changes the seed.
  let hash = 0x811c9dc5;
  for (const id of [...ids].sort()) {
    for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash ^ 0x2c, 0x01000193);
  }
  return hash >>> 0;
}

/** Runs a layout library that draws on Math.random (fCoSE's spectral start, CoSE's tie breaks) with seeded numbers
 *  instead: they offer no seed of their own, and they run synchronously, so the swap lasts exactly one run. */
export function withSeededRandom<T>(seed: number, run: () => T): T {
  const original = Math.random;
  Math.random = seededRandom(seed);
  try {
    return run();
  } finally {
    Math.random = original;
  }
}
