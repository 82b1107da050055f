// The people who sit on most participant-to-decision-maker paths, and what their absence would cost.
import type { TemporalGraph } from './graph.ts';
import { influencePaths, targetsReached, type PathTarget, type ReachedTarget } from './influence-paths.ts';
import type { PathMode } from './rules.ts';

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
}

const PATHS_PER_QUERY = 25;

function pairKey(source: string, target: ReachedTarget): string {
  return `${source}>${target.personId}>${target.governmentId ?? ''}`;
}

function reachBySource(graph: TemporalGraph, query: BrokerQuery, excluded: string[]): Map<string, ReachedTarget> {
  const pairs = new Map<string, ReachedTarget>();
  for (const source of query.sources) {
    const reached = targetsReached(graph, {
      from: [source], to: query.target, window: query.window, mode: query.mode, maxHops: query.maxHops, excludeNodes: excluded,
    });
    for (const target of reached) pairs.set(pairKey(source, target), target);
  }
  return pairs;
}

/**
 * Paths through a person are counted over the k best time-respecting paths per (source, decision-maker) pair, taken from
 * each source's 25 best paths; the removal effect is exact (a fresh reach computation without the person).
 */
export function brokers(graph: TemporalGraph, query: BrokerQuery): Broker[] {
  const perPair = query.pathsPerPair ?? 5;
  const through = new Map<string, { paths: number; pairs: Set<string> }>();
  const sourceSet = new Set(query.sources);
  for (const source of query.sources) {
    const { paths } = influencePaths(graph, {
      from: [source], to: query.target, time: 'RESPECTING', window: query.window, mode: query.mode, maxHops: query.maxHops, k: PATHS_PER_QUERY,
    });
    const countedPerPair = new Map<string, number>();
    for (const path of paths) {
      const reachedId = path.target.personId ?? path.target.nodeId;
      const pair = `${source}>${reachedId}>${path.target.governmentId ?? ''}`;
      const counted = countedPerPair.get(pair) ?? 0;
      if (counted >= perPair) continue;
      countedPerPair.set(pair, counted + 1);
      for (const nodeId of path.nodes.slice(1, -1)) {
        if (nodeId === reachedId || sourceSet.has(nodeId) || graph.nodes[graph.nodeIndex.get(nodeId)!].kind !== 'Person') continue;
        const entry = through.get(nodeId) ?? { paths: 0, pairs: new Set<string>() };
        entry.paths++;
        entry.pairs.add(pair);
        through.set(nodeId, entry);
      }
    }
  }

  const baseline = reachBySource(graph, query, []);
  const ranked = [...through].sort(([x, a], [y, b]) => b.paths - a.paths || (x < y ? -1 : 1)).slice(0, query.candidates ?? 20);
  const result: Broker[] = ranked.map(([personId, entry]) => {
    const without = reachBySource(graph, query, [personId]);
    let targetsLost = 0;
    let extraHops = 0;
    let laterArrivalDays = 0;
    for (const [key, before] of baseline) {
      const after = without.get(key);
      if (!after) {
        targetsLost++;
        continue;
      }
      extraHops += after.hops - before.hops;
      if (before.arrival !== null && after.arrival !== null) laterArrivalDays += after.arrival - before.arrival;
    }
    return { personId, pathsThrough: entry.paths, pairsThrough: entry.pairs.size, targetsLost, extraHops, laterArrivalDays };
  });
  return result.sort((x, y) =>
    y.pathsThrough - x.pathsThrough || y.targetsLost - x.targetsLost || y.extraHops - x.extraHops ||
    y.laterArrivalDays - x.laterArrivalDays || (x.personId < y.personId ? -1 : 1));
}
