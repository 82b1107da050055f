// channelReach as first written, kept as the definition the fast version must reproduce (tests compare the two).
import type { TemporalGraph } from './graph.ts';
import { influencePaths, targetsReached } from './influence-paths.ts';
import type { ChannelReach, ChannelReachOptions, GovernmentReached, LeaderReached } from './channel-reach.ts';

function earlier(a: number | null, b: number | null): boolean {
  return (a ?? Infinity) < (b ?? Infinity);
}

/** The straightforward definition: one targetsReached per participant, one influencePaths per government reached. */
export function channelReachReference(
  graph: TemporalGraph, channelId: string, participants: readonly string[], options: ChannelReachOptions = {},
): ChannelReach {
  const window = options.window;
  const mode = options.mode ?? 'POTENTIAL';
  const maxHops = options.maxHops ?? 6;
  const byGovernment = new Map<string, Map<string, LeaderReached>>();
  const reachingNoOne: string[] = [];
  for (const participant of [...new Set(participants)].sort()) {
    const reached = targetsReached(graph, { from: [participant], to: { kind: 'decisionMaker' }, window, mode, maxHops });
    if (reached.length === 0) reachingNoOne.push(participant);
    for (const target of reached) {
      const governmentId = target.governmentId!;
      const leaders = byGovernment.get(governmentId) ?? new Map<string, LeaderReached>();
      byGovernment.set(governmentId, leaders);
      const known = leaders.get(target.personId);
      const candidate: LeaderReached = { personId: target.personId, byParticipant: participant, hops: target.hops, earliestArrival: target.arrival };
      if (!known || target.hops < known.hops || target.hops === known.hops && earlier(target.arrival, known.earliestArrival)) {
        leaders.set(target.personId, candidate);
      }
    }
  }

  const bySide = new Map<string, GovernmentReached[]>();
  for (const [governmentId, leaderMap] of [...byGovernment].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const leaders = [...leaderMap.values()].sort((x, y) =>
      x.hops - y.hops || (earlier(x.earliestArrival, y.earliestArrival) ? -1 : earlier(y.earliestArrival, x.earliestArrival) ? 1 : 0) || (x.personId < y.personId ? -1 : 1));
    const fastest = leaders[0];
    const bestPath = influencePaths(graph, {
      from: [fastest.byParticipant], to: { kind: 'government', id: governmentId }, time: 'RESPECTING', window, mode, maxHops, k: 1,
    }).paths[0] ?? null;
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
