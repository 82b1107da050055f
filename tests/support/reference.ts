// The obviously-correct oracle: enumerate every simple path by DFS, check each against the definitions, sort, cut.
import { BLOCKING_OUTCOMES, CONFIDENCE_WEIGHT, DECISION_RANKS, LINK_TYPES, isEventType, type Confidence } from '../../core/model.ts';
import { countPathsThrough, type Broker, type BrokerQuery } from '../../engine/brokers.ts';
import { CERTAIN_NONE, CERTAIN_POINT, CERTAIN_SPAN, type GraphLink, type GraphNode, type TemporalGraph } from '../../engine/graph.ts';
import { influencePaths, targetsReached, type PathQuery, type ReachedTarget } from '../../engine/influence-paths.ts';
import {
  certainStep, certainlyWithin, compareRanked, comparePaths, strengthOf, evidenceOfConfidences, possibleStep, possiblyWithin, steppableTypes, weakestHopOf,
} from '../../engine/rules.ts';
import type { ChannelReach, ChannelReachOptions, GovernmentReached, LeaderReached } from '../../engine/channel-reach.ts';
import type { CoPresenceChain, CoPresenceHop, SessionAttendance } from '../../engine/who-met-whom.ts';

export interface ReferencePath {
  linkIds: string[];
  nodes: string[];
  arrival: number | null;
  latestArrival: number | null;
  certain: boolean;
  evidence: number;
  strength: number;
  weakestHop: number;
}

interface Step {
  link: GraphLink;
  from: string;
  to: string;
}

function possibleBounds(link: GraphLink): [number, number] {
  return link.when ? [link.when.startMin, link.when.endMax] : [-Infinity, Infinity];
}

function certainReading(link: GraphLink): [number, number, number] {
  const w = link.when;
  if (!w) return [CERTAIN_NONE, 0, 0];
  // Transmissions are events: one instant somewhere in their range, whatever the notation.
  return w.point || isEventType(link.type) ? [CERTAIN_POINT, w.startMin, w.endMax] : [CERTAIN_SPAN, w.startMax, w.endMin];
}

/** Time verdict of a whole path, straight from the definition; null when the path is not allowed in time. */
function judge(steps: Step[], query: PathQuery): { arrival: number | null; latestArrival: number | null; certain: boolean } | null {
  const windowFrom = query.window?.from ?? -Infinity;
  const windowTo = query.window?.to ?? Infinity;
  if (query.time === 'IGNORE') return { arrival: null, latestArrival: null, certain: false };
  if (query.time === 'WITHIN_WINDOW') {
    let certain = true;
    for (const { link } of steps) {
      const [start, end] = possibleBounds(link);
      if (!possiblyWithin(start, end, windowFrom, windowTo)) return null;
      const [kind, a, b] = certainReading(link);
      certain = certain && certainlyWithin(kind, a, b, windowFrom, windowTo);
    }
    return { arrival: null, latestArrival: null, certain };
  }
  let t = -Infinity;
  let tc = -Infinity;
  for (const { link } of steps) {
    const [start, end] = possibleBounds(link);
    t = possibleStep(t, start, end, windowFrom, windowTo);
    if (Number.isNaN(t)) return null;
    const [kind, a, b] = certainReading(link);
    tc = certainStep(tc, kind, a, b, windowFrom, windowTo);
  }
  // The person reached last (before the office hop, for office targets) can be reached no later than any later hop ends.
  const reachedAt = query.to.kind !== 'node' && steps.length > 1 ? steps.length - 2 : steps.length - 1;
  let latest = windowTo;
  for (let i = reachedAt; i < steps.length; i++) latest = Math.min(latest, possibleBounds(steps[i].link)[1]);
  latest = Math.max(latest, t);
  return { arrival: Number.isFinite(t) ? t : null, latestArrival: Number.isFinite(latest) ? latest : null, certain: !Number.isNaN(tc) };
}

/** All influence paths by exhaustive search, ranked; exponential, for tests only. */
export function referencePaths(nodes: GraphNode[], links: GraphLink[], query: PathQuery): ReferencePath[] {
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
  const steppable = steppableTypes(query.mode, query.linkTypes);
  const excludedNodes = new Set(query.excludeNodes ?? []);
  const excludedLinks = new Set(query.excludeLinks ?? []);
  const carrying = query.carrying === undefined ? undefined : new Set(query.carrying);
  const usable = (link: GraphLink) =>
    !excludedLinks.has(link.id) && (carrying === undefined || link.about === undefined || carrying.has(link.about)) && (query.includeBlocked || !link.outcome || !BLOCKING_OUTCOMES.includes(link.outcome));

  const moves: Step[] = [];
  const officeMoves: Step[] = [];
  for (const link of links) {
    if (!usable(link) || link.from === link.to) continue;
    if (link.type === 'HELD_OFFICE') {
      if (link.rank && DECISION_RANKS.includes(link.rank)) officeMoves.push({ link, from: link.from, to: link.to });
      continue;
    }
    if (!steppable.has(link.type)) continue;
    const flow = LINK_TYPES[link.type].flow;
    if (flow === 'forward' || flow === 'both') moves.push({ link, from: link.from, to: link.to });
    if (flow === 'reverse' || flow === 'both') moves.push({ link, from: link.to, to: link.from });
  }

  const isFinalOffice = (step: Step) =>
    query.to.kind === 'decisionMaker' ? kindOf.get(step.to) === 'Government' : query.to.kind === 'government' && step.to === query.to.id;
  const results: ReferencePath[] = [];
  const seen = new Set<string>();

  const record = (steps: Step[]) => {
    const verdict = judge(steps, query);
    if (!verdict) return;
    const confidences: Confidence[] = steps.map((s) => s.link.confidence);
    const nodesOnPath = [steps[0].from, ...steps.map((s) => s.to)];
    if (nodesOnPath.some((n) => excludedNodes.has(n))) return;
    const linkIds = steps.map((s) => s.link.id);
    const key = linkIds.join('|');
    if (seen.has(key)) return;
    seen.add(key);
    results.push({ linkIds, nodes: nodesOnPath, arrival: verdict.arrival, latestArrival: verdict.latestArrival, certain: verdict.certain, evidence: evidenceOfConfidences(confidences), strength: strengthOf(steps.map((s) => s.link.type), confidences), weakestHop: weakestHopOf(confidences) });
  };

  const walk = (at: string, visited: Set<string>, steps: Step[]) => {
    if (steps.length >= query.maxHops) return;
    if (query.to.kind !== 'node') {
      for (const step of officeMoves) {
        if (step.from === at && isFinalOffice(step) && !visited.has(step.to)) record([...steps, step]);
      }
    }
    for (const step of moves) {
      if (step.from !== at || visited.has(step.to)) continue;
      // Arriving at a target government by anything but an office hop does not count, and it leads nowhere else.
      if (query.to.kind !== 'node' && isFinalOffice(step)) continue;
      const next = [...steps, step];
      if (query.to.kind === 'node' && step.to === query.to.id) {
        record(next);
        continue;
      }
      visited.add(step.to);
      walk(step.to, visited, next);
      visited.delete(step.to);
    }
  };

  for (const source of new Set(query.from)) {
    if (!kindOf.has(source) || excludedNodes.has(source)) continue;
    if (query.to.kind === 'node' && source === query.to.id) continue;
    walk(source, new Set([source]), []);
  }
  // Ranking straight from the definition: every path, sorted by the chosen order (no pool).
  const rankBy = query.rankBy ?? 'FEWEST_HOPS';
  results.sort(rankBy === 'FEWEST_HOPS' ? comparePaths : (a, b) => compareRanked(rankBy, a, b));
  return results.slice(0, query.k);
}

/**
 * Brokers the plain way: the same path counting, then a fresh targetsReached per source without each candidate.
 * Slow (candidates × sources full reach computations); the oracle for the incremental removal analysis in brokers.ts.
 */
export function referenceBrokers(graph: TemporalGraph, query: BrokerQuery): Broker[] {
  const through = countPathsThrough(graph, query);
  const reachBySource = (excluded: string[]) => {
    const pairs = new Map<string, ReachedTarget>();
    for (const source of query.sources) {
      const reached = targetsReached(graph, {
        from: [source], to: query.target, window: query.window, mode: query.mode, maxHops: query.maxHops, excludeNodes: excluded, carrying: query.carrying,
      });
      for (const target of reached) pairs.set(`${source}>${target.personId}>${target.governmentId ?? ''}`, target);
    }
    return pairs;
  };
  const baseline = reachBySource([]);
  const ranked = [...through].sort(([x, a], [y, b]) => b.paths - a.paths || (x < y ? -1 : 1)).slice(0, query.candidates ?? 20);
  const result: Broker[] = ranked.map(([personId, entry]) => {
    const without = reachBySource([personId]);
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
    const stillReached = new Set([...without.values()].map((t) => t.personId));
    const leadersLost = [...new Set([...baseline.values()].map((t) => t.personId))].filter((id) => !stillReached.has(id)).sort((x, y) => (x < y ? -1 : 1));
    return { personId, pathsThrough: entry.paths, pairsThrough: entry.pairs.size, targetsLost, extraHops, laterArrivalDays, leadersLost };
  });
  return result.sort((x, y) =>
    y.pathsThrough - x.pathsThrough || y.targetsLost - x.targetsLost || y.extraHops - x.extraHops ||
    y.laterArrivalDays - x.laterArrivalDays || (x.personId < y.personId ? -1 : 1));
}

interface ReferenceEncounter extends CoPresenceHop {
  start: number;
  end: number;
}

/**
 * Who met whom by exhaustive search: every pair of co-present people written out (meetings, shared sessions,
 * overlapping channel memberships), every simple chain from a to b enumerated, ranked, one chain per signature kept.
 */
export function referenceWhoMetWhom(
  links: readonly GraphLink[], sessions: readonly SessionAttendance[], a: string, b: string,
  window?: { from: number; to: number }, k = 5, maxHops = 6,
): CoPresenceChain[] {
  if (a === b) return [];
  const windowFrom = window?.from ?? -Infinity;
  const windowTo = window?.to ?? Infinity;
  const encounters: ReferenceEncounter[] = [];
  const both = (e: ReferenceEncounter) => encounters.push(e, { ...e, fromId: e.toId, toId: e.fromId });
  const members = new Map<string, GraphLink[]>();
  for (const link of links) {
    const [start, end] = possibleBounds(link);
    if (link.type === 'MET' && link.from !== link.to) {
      both({ kind: 'met', fromId: link.from, toId: link.to, viaId: link.id, when: link.when, place: link.place, citations: link.citations, strength: 'strong', weight: CONFIDENCE_WEIGHT[link.confidence], start, end });
    }
    if (link.type === 'PARTICIPATED_IN') members.set(link.to, [...(members.get(link.to) ?? []), link]);
  }
  for (const session of sessions) {
    const attendees = [...new Set(session.attendees)];
    const [start, end] = session.when ? [session.when.startMin, session.when.endMax] : [-Infinity, Infinity];
    for (let i = 0; i < attendees.length; i++) {
      for (let j = i + 1; j < attendees.length; j++) {
        both({ kind: 'session', fromId: attendees[i], toId: attendees[j], viaId: session.id, when: session.when, place: session.place, citations: session.citations, strength: 'strong', weight: 1, start, end });
      }
    }
  }
  for (const [channelId, list] of members) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [x, y] = [list[i], list[j]];
        const start = Math.max(possibleBounds(x)[0], possibleBounds(y)[0]);
        const end = Math.min(possibleBounds(x)[1], possibleBounds(y)[1]);
        if (x.from === y.from || start > end) continue;
        both({
          kind: 'channel', fromId: x.from, toId: y.from, viaId: channelId, citations: [...x.citations, ...y.citations], strength: 'weak',
          weight: 0.5 * Math.min(CONFIDENCE_WEIGHT[x.confidence], CONFIDENCE_WEIGHT[y.confidence]), start, end,
        });
      }
    }
  }
  const usable = encounters.filter((e) => possiblyWithin(e.start, e.end, windowFrom, windowTo));
  const found: CoPresenceChain[] = [];
  const walk = (at: string, visited: Set<string>, hops: ReferenceEncounter[]) => {
    if (at === b) {
      found.push({
        hops: hops.map(({ start: _start, end: _end, ...hop }) => hop),
        people: [a, ...hops.map((h) => h.toId)],
        weakHops: hops.filter((h) => h.strength === 'weak').length,
        evidence: hops.reduce((product, h) => product * h.weight, 1),
      });
      return;
    }
    if (hops.length >= maxHops) return;
    for (const e of usable) {
      if (e.fromId !== at || visited.has(e.toId)) continue;
      visited.add(e.toId);
      walk(e.toId, visited, [...hops, e]);
      visited.delete(e.toId);
    }
  };
  walk(a, new Set([a]), []);
  const ids = (c: CoPresenceChain) => c.hops.map((h) => `${h.viaId}>${h.toId}`).join('|');
  found.sort((x, y) => x.hops.length - y.hops.length || x.weakHops - y.weakHops || y.evidence - x.evidence || (ids(x) < ids(y) ? -1 : ids(x) > ids(y) ? 1 : 0));
  const seen = new Set<string>();
  return found.filter((c) => {
    const signature = c.hops.map((h) => `${h.kind}:${h.viaId}`).join('|') + c.hops.map((h) => h.toId).join('|');
    if (seen.has(signature)) return false;
    seen.add(signature);
    return true;
  }).slice(0, k);
}

/** An arrival day before another; unknown (null) comes last. */
function earlierArrival(a: number | null, b: number | null): boolean {
  return (a ?? Infinity) < (b ?? Infinity);
}

/**
 * channelReach as first written, the definition the fast version in channel-reach.ts must reproduce: one
 * targetsReached per participant, one influencePaths per government reached, each carrying the channel's product only.
 */
export function channelReachReference(
  graph: TemporalGraph, channelId: string, participants: readonly string[], options: ChannelReachOptions = {},
): ChannelReach {
  const window = options.window;
  const mode = options.mode ?? 'POTENTIAL';
  const maxHops = options.maxHops ?? 6;
  const byGovernment = new Map<string, Map<string, LeaderReached>>();
  const reachingNoOne: string[] = [];
  for (const participant of [...new Set(participants)].sort()) {
    const reached = targetsReached(graph, { from: [participant], to: { kind: 'decisionMaker' }, window, mode, maxHops, carrying: [channelId] });
    if (reached.length === 0) reachingNoOne.push(participant);
    for (const target of reached) {
      const governmentId = target.governmentId!;
      const leaders = byGovernment.get(governmentId) ?? new Map<string, LeaderReached>();
      byGovernment.set(governmentId, leaders);
      const known = leaders.get(target.personId);
      const candidate: LeaderReached = { personId: target.personId, byParticipant: participant, hops: target.hops, earliestArrival: target.arrival };
      if (!known || target.hops < known.hops || target.hops === known.hops && earlierArrival(target.arrival, known.earliestArrival)) {
        leaders.set(target.personId, candidate);
      }
    }
  }

  const bySide = new Map<string, GovernmentReached[]>();
  for (const [governmentId, leaderMap] of [...byGovernment].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const leaders = [...leaderMap.values()].sort((x, y) =>
      x.hops - y.hops || (earlierArrival(x.earliestArrival, y.earliestArrival) ? -1 : earlierArrival(y.earliestArrival, x.earliestArrival) ? 1 : 0) || (x.personId < y.personId ? -1 : 1));
    const fastest = leaders[0];
    const bestPath = influencePaths(graph, {
      from: [fastest.byParticipant], to: { kind: 'government', id: governmentId }, time: 'RESPECTING', window, mode, maxHops, k: 1, carrying: [channelId],
    }).paths[0] ?? null;
    const earliestArrival = leaders.reduce<number | null>((best, l) => (earlierArrival(l.earliestArrival, best) ? l.earliestArrival : best), null);
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
