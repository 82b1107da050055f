// The definitions both the engine and the reference enumeration obey: which links a mode may use, hop timing, evidence, order.
import { CONFIDENCE_WEIGHT, LINK_TYPES, LINK_TYPE_NAMES, type Confidence, type Flow, type LinkType } from '../core/model.ts';
import { CERTAIN_NONE, CERTAIN_POINT } from './graph.ts';

export type TimeMode = 'RESPECTING' | 'WITHIN_WINDOW' | 'IGNORE';
export type PathMode = 'POTENTIAL' | 'DOCUMENTED';

/** Documented contact counts in DOCUMENTED mode although MET is an access link and SESSION_OF structure. */
const DOCUMENTED_CONTACT: readonly LinkType[] = ['MET', 'SESSION_OF'];

/** Link types a mode may step along (the final office hop is governed by the target, not by the mode). */
export function steppableTypes(mode: PathMode, restrict?: readonly LinkType[]): Set<LinkType> {
  const families = mode === 'POTENTIAL' ? ['participation', 'access', 'transmission', 'structure'] : ['participation', 'transmission'];
  const allowed = new Set<LinkType>();
  for (const type of LINK_TYPE_NAMES) {
    const spec = LINK_TYPES[type];
    const documentedContact = mode === 'DOCUMENTED' && DOCUMENTED_CONTACT.includes(type);
    if ((spec.flow as Flow) === 'none' || !families.includes(spec.family) && !documentedContact) continue;
    if (restrict && !restrict.includes(type)) continue;
    allowed.add(type);
  }
  return allowed;
}

/**
 * One hop under the possible reading: the earliest instant ≥ t inside the hop's interval and the window, or NaN.
 * Greedy earliest instants decide feasibility exactly because later hops only need a lower bound.
 */
export function possibleStep(t: number, start: number, end: number, windowFrom: number, windowTo: number): number {
  let next = t;
  if (start > next) next = start;
  if (windowFrom > next) next = windowFrom;
  return next <= end && next <= windowTo ? next : NaN;
}

/**
 * One hop under the certain reading, or NaN: a point of unknown day in [a, b] must be entered by a and is only
 * certainly over at b; a span certainly holds on [a, b] (a = latest start, b = earliest end); undated is never certain.
 */
export function certainStep(t: number, kind: number, a: number, b: number, windowFrom: number, windowTo: number): number {
  if (Number.isNaN(t) || kind === CERTAIN_NONE) return NaN;
  if (kind === CERTAIN_POINT) return t <= a && a >= windowFrom && b <= windowTo ? b : NaN;
  let next = t;
  if (a > next) next = a;
  if (windowFrom > next) next = windowFrom;
  return next <= b && next <= windowTo ? next : NaN;
}

/**
 * RESPECTING: the latest instant the influence can have reached its last person if the path happened as dated (each
 * hop no later than its dates' end, the window's end or the next hop), never before the earliest arrival. For an
 * office target the final office hop only bounds the hop before it: the arrival is the message reaching the holder.
 * NaN for a path that cannot be placed; Infinity when unbounded.
 */
export function latestArrivalOf(ends: readonly number[], lastIsOffice: boolean, earliest: number, windowTo: number): number {
  let u = windowTo;
  let arrival = u;
  for (let i = ends.length - 1; i >= 0; i--) {
    if (ends[i] < u) u = ends[i];
    if (i === ends.length - (lastIsOffice && ends.length > 1 ? 2 : 1)) arrival = u;
  }
  return arrival < earliest ? earliest : arrival;
}

/** WITHIN_WINDOW, possible reading: the hop's interval meets the window. */
export function possiblyWithin(start: number, end: number, windowFrom: number, windowTo: number): boolean {
  return start <= windowTo && end >= windowFrom;
}

/** WITHIN_WINDOW, certain reading: a point certainly falls in the window, a span certainly holds at some instant of it. */
export function certainlyWithin(kind: number, a: number, b: number, windowFrom: number, windowTo: number): boolean {
  if (kind === CERTAIN_NONE) return false;
  if (kind === CERTAIN_POINT) return a >= windowFrom && b <= windowTo;
  return a <= b && Math.max(a, windowFrom) <= Math.min(b, windowTo);
}

const MAX_COUNT = 64;
const EVIDENCE_TABLE: Float64Array = (() => {
  const table = new Float64Array(MAX_COUNT * MAX_COUNT);
  for (let medium = 0; medium < MAX_COUNT; medium++) {
    for (let low = 0; low < MAX_COUNT; low++) {
      let value = 1;
      for (let i = 0; i < medium; i++) value *= CONFIDENCE_WEIGHT.medium;
      for (let i = 0; i < low; i++) value *= CONFIDENCE_WEIGHT.low;
      table[medium * MAX_COUNT + low] = value;
    }
  }
  return table;
})();

/** Product of hop weights, computed from counts so that equal multisets give bit-identical numbers. */
export function evidenceOf(mediumHops: number, lowHops: number): number {
  return EVIDENCE_TABLE[mediumHops * MAX_COUNT + lowHops];
}

export function evidenceOfConfidences(confidences: readonly Confidence[]): number {
  let medium = 0;
  let low = 0;
  for (const c of confidences) {
    if (c === 'medium') medium++;
    else if (c === 'low') low++;
  }
  return evidenceOf(medium, low);
}

/** Index of the lowest-confidence hop, the earliest one on ties. */
export function weakestHopOf(confidences: readonly Confidence[]): number {
  let weakest = 0;
  for (let i = 1; i < confidences.length; i++) {
    if (CONFIDENCE_WEIGHT[confidences[i]] < CONFIDENCE_WEIGHT[confidences[weakest]]) weakest = i;
  }
  return weakest;
}

export type RankBy = 'FEWEST_HOPS' | 'EARLIEST_ARRIVAL' | 'STRONGEST_EVIDENCE';

/**
 * Weight of a hop's kind in a path's strength (README, the rules): a documented transmission 1, documented contact 0.6,
 * a standing relation 0.5, shared membership of an institution (party, ministry, university) 0.25. The final office
 * hop and participation are the record of who held office and who took part: 1.
 */
export function kindWeight(type: LinkType): number {
  if (type === 'AFFILIATED_WITH') return 0.25;
  if (type === 'MET' || type === 'ATTENDED' || type === 'SESSION_OF') return 0.6;
  const family = LINK_TYPES[type].family;
  if (family === 'transmission' || family === 'office' || family === 'participation') return 1;
  return 0.5;
}

/** Product over hops of kind weight × confidence weight, multiplied in path order. */
export function strengthOf(types: readonly LinkType[], confidences: readonly Confidence[]): number {
  let value = 1;
  for (let i = 0; i < types.length; i++) value *= kindWeight(types[i]) * CONFIDENCE_WEIGHT[confidences[i]];
  return value;
}

export interface RerankedPath extends RankedPath {
  strength: number;
}

/** EARLIEST_ARRIVAL: arrival, then fewest hops; STRONGEST_EVIDENCE: strength, then fewest hops, arrival; then comparePaths. */
export function compareRanked(rankBy: RankBy, a: RerankedPath, b: RerankedPath): number {
  if (rankBy === 'STRONGEST_EVIDENCE' && a.strength !== b.strength) return b.strength - a.strength;
  if (rankBy === 'EARLIEST_ARRIVAL') {
    const arrivalA = a.arrival ?? Infinity;
    const arrivalB = b.arrival ?? Infinity;
    if (arrivalA !== arrivalB) return arrivalA < arrivalB ? -1 : 1;
  }
  return comparePaths(a, b);
}

export interface RankedPath {
  linkIds: readonly string[];
  evidence: number;
  arrival: number | null;
}

/** Fewest hops, then strongest evidence, then earliest arrival (unknown last), then link ids. */
export function comparePaths(a: RankedPath, b: RankedPath): number {
  if (a.linkIds.length !== b.linkIds.length) return a.linkIds.length - b.linkIds.length;
  if (a.evidence !== b.evidence) return b.evidence - a.evidence;
  const arrivalA = a.arrival ?? Infinity;
  const arrivalB = b.arrival ?? Infinity;
  if (arrivalA !== arrivalB) return arrivalA < arrivalB ? -1 : 1;
  for (let i = 0; i < a.linkIds.length; i++) {
    if (a.linkIds[i] !== b.linkIds[i]) return a.linkIds[i] < b.linkIds[i] ? -1 : 1;
  }
  return 0;
}
