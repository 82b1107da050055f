// Chains of co-presence between two people: documented meetings, shared sessions, overlapping channel membership.
import type { When } from '../dates.ts';
import { CONFIDENCE_WEIGHT } from '../model.ts';
import type { Citation, TemporalGraph } from './graph.ts';
import { possiblyWithin } from './rules.ts';

/** A dated meeting of a channel and who attended it, as the API passes it. */
export interface SessionAttendance {
  id: string;
  channelId: string;
  when?: When;
  place?: string;
  attendees: string[];
  citations: Citation[];
}

export type CoPresenceKind = 'met' | 'session' | 'channel';

export interface CoPresenceHop {
  kind: CoPresenceKind;
  fromId: string;
  toId: string;
  /** The MET link, the session or the channel that put the two in one room (or one process). */
  viaId: string;
  when?: When;
  place?: string;
  citations: Citation[];
  /** Meetings and sessions put two people in one room; overlapping channel membership only suggests it. */
  strength: 'strong' | 'weak';
  /** MET: the link's confidence weight; sessions 1; overlapping channel membership 0.5 × the weaker membership. */
  weight: number;
}

interface Encounter extends CoPresenceHop {
  /** Possible interval, for window filters. */
  start: number;
  end: number;
}

/** Who was co-present with whom, indexed by person; built once per graph snapshot and session list (buildCoPresence). */
export interface CoPresence {
  byPerson: Map<string, Encounter[]>;
}

const CHANNEL_WEIGHT = 0.5;

function bounds(when?: When): [number, number] {
  return when ? [when.startMin, when.endMax] : [-Infinity, Infinity];
}

export function buildCoPresence(graph: TemporalGraph, sessions: readonly SessionAttendance[]): CoPresence {
  const byPerson = new Map<string, Encounter[]>();
  const add = (encounter: Encounter) => {
    const list = byPerson.get(encounter.fromId);
    if (list) list.push(encounter);
    else byPerson.set(encounter.fromId, [encounter]);
  };
  const both = (encounter: Encounter) => {
    add(encounter);
    add({ ...encounter, fromId: encounter.toId, toId: encounter.fromId });
  };
  const channelMembers = new Map<string, { personId: string; start: number; end: number; weight: number; when?: When; citations: Citation[] }[]>();
  graph.links.forEach((link) => {
    if (link.type === 'MET' && link.from !== link.to) {
      const [start, end] = bounds(link.when);
      both({ kind: 'met', fromId: link.from, toId: link.to, viaId: link.id, when: link.when, place: link.place, citations: link.citations, strength: 'strong', weight: CONFIDENCE_WEIGHT[link.confidence], start, end });
    } else if (link.type === 'PARTICIPATED_IN') {
      const [start, end] = bounds(link.when);
      const members = channelMembers.get(link.to) ?? [];
      members.push({ personId: link.from, start, end, weight: CONFIDENCE_WEIGHT[link.confidence], when: link.when, citations: link.citations });
      channelMembers.set(link.to, members);
    }
  });
  for (const session of sessions) {
    const [start, end] = bounds(session.when);
    const attendees = [...new Set(session.attendees)];
    for (let i = 0; i < attendees.length; i++) {
      for (let j = i + 1; j < attendees.length; j++) {
        both({ kind: 'session', fromId: attendees[i], toId: attendees[j], viaId: session.id, when: session.when, place: session.place, citations: session.citations, strength: 'strong', weight: 1, start, end });
      }
    }
  }
  for (const [channelId, members] of channelMembers) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i];
        const b = members[j];
        if (a.personId === b.personId) continue;
        const start = Math.max(a.start, b.start);
        const end = Math.min(a.end, b.end);
        if (start > end) continue;
        both({
          kind: 'channel', fromId: a.personId, toId: b.personId, viaId: channelId, citations: [...a.citations, ...b.citations],
          strength: 'weak', weight: CHANNEL_WEIGHT * Math.min(a.weight, b.weight), start, end,
        });
      }
    }
  }
  for (const list of byPerson.values()) list.sort((x, y) => (x.viaId < y.viaId ? -1 : x.viaId > y.viaId ? 1 : x.toId < y.toId ? -1 : 1));
  return { byPerson };
}

export interface CoPresenceChain {
  hops: CoPresenceHop[];
  people: string[];
  weakHops: number;
  /** Product of hop weights. */
  evidence: number;
}

interface Partial {
  at: string;
  hops: Encounter[];
  people: Set<string>;
  weakHops: number;
  evidence: number;
}

/**
 * Up to k chains of people from a to b: fewest hops, then fewest weak (channel-overlap) hops, then strongest evidence,
 * then hop ids. Best-first over simple chains with a reverse-BFS lower bound on the hops left.
 */
export function whoMetWhom(
  coPresence: CoPresence, a: string, b: string, window?: { from: number; to: number }, k = 5, maxHops = 6,
): CoPresenceChain[] {
  const windowFrom = window?.from ?? -Infinity;
  const windowTo = window?.to ?? Infinity;
  const usable = (e: Encounter) => possiblyWithin(e.start, e.end, windowFrom, windowTo);
  if (a === b) return [];

  const left = new Map<string, number>([[b, 0]]);
  let frontier = [b];
  for (let d = 1; d <= maxHops && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const person of frontier) {
      // Co-presence is symmetric, so the encounters out of a person are also the ones into it.
      for (const e of coPresence.byPerson.get(person) ?? []) {
        if (!usable(e) || left.has(e.toId)) continue;
        left.set(e.toId, d);
        next.push(e.toId);
      }
    }
    frontier = next;
  }
  if (!left.has(a)) return [];

  const key = (p: Partial) => [p.hops.length + (p.at === b ? 0 : left.get(p.at)!), p.weakHops, -p.evidence] as const;
  const before = (x: Partial, y: Partial): number => {
    const kx = key(x);
    const ky = key(y);
    for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return kx[i] - ky[i];
    const ids = (p: Partial) => p.hops.map((h) => `${h.viaId}>${h.toId}`).join('|');
    const ix = ids(x);
    const iy = ids(y);
    return ix < iy ? -1 : ix > iy ? 1 : 0;
  };
  const open: Partial[] = [{ at: a, hops: [], people: new Set([a]), weakHops: 0, evidence: 1 }];
  const chains: CoPresenceChain[] = [];
  const seen = new Set<string>();
  while (open.length > 0 && chains.length < k) {
    open.sort(before);
    const current = open.shift()!;
    if (current.at === b) {
      const signature = current.hops.map((h) => `${h.kind}:${h.viaId}`).join('|') + current.hops.map((h) => h.toId).join('|');
      if (seen.has(signature)) continue;
      seen.add(signature);
      chains.push({
        hops: current.hops.map(({ start: _start, end: _end, ...hop }) => hop),
        people: [a, ...current.hops.map((h) => h.toId)],
        weakHops: current.weakHops,
        evidence: current.evidence,
      });
      continue;
    }
    for (const e of coPresence.byPerson.get(current.at) ?? []) {
      if (!usable(e) || current.people.has(e.toId)) continue;
      const remaining = e.toId === b ? 0 : left.get(e.toId);
      if (remaining === undefined || current.hops.length + 1 + remaining > maxHops) continue;
      open.push({
        at: e.toId,
        hops: [...current.hops, e],
        people: new Set([...current.people, e.toId]),
        weakHops: current.weakHops + (e.strength === 'weak' ? 1 : 0),
        evidence: current.evidence * e.weight,
      });
    }
  }
  return chains;
}
