// The obviously-correct oracle: enumerate every simple path by DFS, check each against the definitions, sort, cut.
import { BLOCKING_OUTCOMES, DECISION_RANKS, LINK_TYPES, type Confidence } from '../model.ts';
import { CERTAIN_NONE, CERTAIN_POINT, CERTAIN_SPAN, type GraphLink, type GraphNode } from './graph.ts';
import type { PathQuery } from './influence-paths.ts';
import {
  certainStep, certainlyWithin, comparePaths, evidenceOfConfidences, possibleStep, possiblyWithin, steppableTypes, weakestHopOf,
} from './rules.ts';

export interface ReferencePath {
  linkIds: string[];
  nodes: string[];
  arrival: number | null;
  certain: boolean;
  evidence: number;
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
  return w.point ? [CERTAIN_POINT, w.startMin, w.endMax] : [CERTAIN_SPAN, w.startMax, w.endMin];
}

/** Time verdict of a whole path, straight from the definition; null when the path is not allowed in time. */
function judge(steps: Step[], query: PathQuery): { arrival: number | null; certain: boolean } | null {
  const windowFrom = query.window?.from ?? -Infinity;
  const windowTo = query.window?.to ?? Infinity;
  if (query.time === 'IGNORE') return { arrival: null, certain: false };
  if (query.time === 'WITHIN_WINDOW') {
    let certain = true;
    for (const { link } of steps) {
      const [start, end] = possibleBounds(link);
      if (!possiblyWithin(start, end, windowFrom, windowTo)) return null;
      const [kind, a, b] = certainReading(link);
      certain = certain && certainlyWithin(kind, a, b, windowFrom, windowTo);
    }
    return { arrival: null, certain };
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
  return { arrival: Number.isFinite(t) ? t : null, certain: !Number.isNaN(tc) };
}

/** All influence paths by exhaustive search, ranked; exponential, for tests only. */
export function referencePaths(nodes: GraphNode[], links: GraphLink[], query: PathQuery): ReferencePath[] {
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
  const steppable = steppableTypes(query.mode, query.linkTypes);
  const excludedNodes = new Set(query.excludeNodes ?? []);
  const excludedLinks = new Set(query.excludeLinks ?? []);
  const usable = (link: GraphLink) =>
    !excludedLinks.has(link.id) && (query.includeBlocked || !link.outcome || !BLOCKING_OUTCOMES.includes(link.outcome));

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
    results.push({ linkIds, nodes: nodesOnPath, arrival: verdict.arrival, certain: verdict.certain, evidence: evidenceOfConfidences(confidences), weakestHop: weakestHopOf(confidences) });
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
  results.sort(comparePaths);
  return results.slice(0, query.k);
}
