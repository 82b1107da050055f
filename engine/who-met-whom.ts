// Chains of co-presence between two people: documented meetings, shared sessions, overlapping channel membership.
import type { When } from '../core/dates.ts';
import { CONFIDENCE_WEIGHT } from '../core/model.ts';
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

interface Meeting {
  to: number;
  linkIndex: number;
  id: string;
  when?: When;
  place?: string;
  citations: Citation[];
  weight: number;
  start: number;
  end: number;
}

interface Session {
  index: number;
  id: string;
  when?: When;
  place?: string;
  citations: Citation[];
  start: number;
  end: number;
  /** Distinct attendees, in the order listed. */
  attendees: number[];
}

interface Channel {
  id: string;
  members: Membership[];
  /** The members ordered by person id, then by position: the order of the "channel>person" labels of its overlaps. */
  byPerson: Membership[];
}

interface Membership {
  person: number;
  channel: Channel;
  /** Position in the channel's member list: fixes the order of the citations of an overlap. */
  order: number;
  start: number;
  end: number;
  weight: number;
  citations: Citation[];
}

/**
 * Who was co-present with whom, as memberships rather than pairs, so its size is linear in the links and sessions
 * (a channel of n members would otherwise give n² pairs); built once per graph snapshot and session list.
 */
export interface CoPresence {
  people: string[];
  personIndex: Map<string, number>;
  meetings: Meeting[][];
  sessionsOf: Session[][];
  membershipsOf: Membership[][];
  sessionCount: number;
  /** The same meetings and memberships as flat typed arrays, for the reverse BFS that every query runs over them all. */
  flat: FlatCoPresence;
}

/**
 * Offsets per person (`meetAt`, `memberAt`) or per channel (`channelAt`) into parallel arrays, in the order of
 * `meetings[person]`, `membershipsOf[person]` and each channel's member list.
 */
interface FlatCoPresence {
  meetAt: Int32Array;
  meetTo: Int32Array;
  meetStart: Float64Array;
  meetEnd: Float64Array;
  memberAt: Int32Array;
  memberChannel: Int32Array;
  memberPerson: Int32Array;
  memberStart: Float64Array;
  memberEnd: Float64Array;
  channelAt: Int32Array;
  channelPerson: Int32Array;
  channelStart: Float64Array;
  channelEnd: Float64Array;
  /** Per person, offsets into `sessionOf` (session indexes); per session, its span and offsets into `attendee`. */
  sessionAt: Int32Array;
  sessionOf: Int32Array;
  sessionStart: Float64Array;
  sessionEnd: Float64Array;
  attendeeAt: Int32Array;
  attendee: Int32Array;
}

const CHANNEL_WEIGHT = 0.5;
/** Every weight an overlap can have (half the weaker membership's confidence weight), strongest first. */
const CHANNEL_WEIGHTS = [...new Set(Object.values(CONFIDENCE_WEIGHT))].sort((x, y) => y - x).map((w) => CHANNEL_WEIGHT * w);
const MET = 0;
const SESSION = 1;
const CHANNEL = 2;
const UNKNOWN = -1;
/** Encounter lists kept per query before the least recently used are dropped (about 100 bytes each). */
const CACHED_ENCOUNTERS = 2_000_000;

/** A membership counts within the window iff its own span is sound and possibly within the window. */
function validWithin(start: number, end: number, windowFrom: number, windowTo: number): boolean {
  return start <= end && possiblyWithin(start, end, windowFrom, windowTo);
}

function bounds(when?: When): [number, number] {
  return when ? [when.startMin, when.endMax] : [-Infinity, Infinity];
}

export function buildCoPresence(graph: TemporalGraph, sessions: readonly SessionAttendance[]): CoPresence {
  const people: string[] = [];
  const personIndex = new Map<string, number>();
  const meetings: Meeting[][] = [];
  const sessionsOf: Session[][] = [];
  const membershipsOf: Membership[][] = [];
  const intern = (id: string): number => {
    let index = personIndex.get(id);
    if (index === undefined) {
      index = people.length;
      people.push(id);
      personIndex.set(id, index);
      meetings.push([]);
      sessionsOf.push([]);
      membershipsOf.push([]);
    }
    return index;
  };
  const channels = new Map<string, Channel>();
  graph.links.forEach((link, linkIndex) => {
    if (link.type === 'MET' && link.from !== link.to) {
      const [start, end] = bounds(link.when);
      const from = intern(link.from);
      const to = intern(link.to);
      const common = { linkIndex, id: link.id, when: link.when, place: link.place, citations: link.citations, weight: CONFIDENCE_WEIGHT[link.confidence], start, end };
      meetings[from].push({ to, ...common });
      meetings[to].push({ to: from, ...common });
    } else if (link.type === 'PARTICIPATED_IN') {
      const [start, end] = bounds(link.when);
      let channel = channels.get(link.to);
      if (!channel) {
        channel = { id: link.to, members: [], byPerson: [] };
        channels.set(link.to, channel);
      }
      const person = intern(link.from);
      const membership = { person, channel, order: channel.members.length, start, end, weight: CONFIDENCE_WEIGHT[link.confidence], citations: link.citations };
      channel.members.push(membership);
      membershipsOf[person].push(membership);
    }
  });
  // Node ids hold no ">" (ID_PATTERN), so one channel's labels form one block and blocks sort as "id>" strings.
  const blockKey = new Map<Channel, string>();
  for (const channel of channels.values()) {
    channel.byPerson = [...channel.members].sort((x, y) => compareStrings(people[x.person], people[y.person]) || x.order - y.order);
    blockKey.set(channel, `${channel.id}>`);
  }
  for (const list of membershipsOf) {
    list.sort((x, y) => compareStrings(blockKey.get(x.channel)!, blockKey.get(y.channel)!) || x.order - y.order);
  }
  sessions.forEach((s, index) => {
    const [start, end] = bounds(s.when);
    const session: Session = { index, id: s.id, when: s.when, place: s.place, citations: s.citations, start, end, attendees: [...new Set(s.attendees)].map(intern) };
    for (const person of session.attendees) sessionsOf[person].push(session);
  });
  return { people, personIndex, meetings, sessionsOf, membershipsOf, sessionCount: sessions.length, flat: flatten(meetings, membershipsOf, [...channels.values()], sessionsOf, sessions.length) };
}

function flatten(meetings: Meeting[][], membershipsOf: Membership[][], channels: Channel[], sessionsOf: Session[][], sessionCount: number): FlatCoPresence {
  const people = meetings.length;
  const channelNumber = new Map(channels.map((c, i) => [c, i]));
  const meetAt = new Int32Array(people + 1);
  const memberAt = new Int32Array(people + 1);
  for (let p = 0; p < people; p++) {
    meetAt[p + 1] = meetAt[p] + meetings[p].length;
    memberAt[p + 1] = memberAt[p] + membershipsOf[p].length;
  }
  const meetTo = new Int32Array(meetAt[people]);
  const meetStart = new Float64Array(meetAt[people]);
  const meetEnd = new Float64Array(meetAt[people]);
  const memberChannel = new Int32Array(memberAt[people]);
  const memberPerson = new Int32Array(memberAt[people]);
  const memberStart = new Float64Array(memberAt[people]);
  const memberEnd = new Float64Array(memberAt[people]);
  for (let p = 0; p < people; p++) {
    meetings[p].forEach((m, i) => {
      meetTo[meetAt[p] + i] = m.to;
      meetStart[meetAt[p] + i] = m.start;
      meetEnd[meetAt[p] + i] = m.end;
    });
    membershipsOf[p].forEach((m, i) => {
      const j = memberAt[p] + i;
      memberChannel[j] = channelNumber.get(m.channel)!;
      memberPerson[j] = p;
      memberStart[j] = m.start;
      memberEnd[j] = m.end;
    });
  }
  const channelAt = new Int32Array(channels.length + 1);
  channels.forEach((c, i) => (channelAt[i + 1] = channelAt[i] + c.members.length));
  const channelPerson = new Int32Array(channelAt[channels.length]);
  const channelStart = new Float64Array(channelAt[channels.length]);
  const channelEnd = new Float64Array(channelAt[channels.length]);
  channels.forEach((c, i) => c.members.forEach((m, k) => {
    channelPerson[channelAt[i] + k] = m.person;
    channelStart[channelAt[i] + k] = m.start;
    channelEnd[channelAt[i] + k] = m.end;
  }));
  const sessionAt = new Int32Array(people + 1);
  for (let p = 0; p < people; p++) sessionAt[p + 1] = sessionAt[p] + sessionsOf[p].length;
  const sessionOf = new Int32Array(sessionAt[people]);
  const byIndex: Session[] = new Array(sessionCount);
  for (let p = 0; p < people; p++) {
    sessionsOf[p].forEach((session, i) => {
      sessionOf[sessionAt[p] + i] = session.index;
      byIndex[session.index] = session;
    });
  }
  const sessionStart = new Float64Array(sessionCount);
  const sessionEnd = new Float64Array(sessionCount);
  const attendeeAt = new Int32Array(sessionCount + 1);
  for (let i = 0; i < sessionCount; i++) attendeeAt[i + 1] = attendeeAt[i] + (byIndex[i]?.attendees.length ?? 0);
  const attendee = new Int32Array(attendeeAt[sessionCount]);
  for (let i = 0; i < sessionCount; i++) {
    const session = byIndex[i];
    if (!session) continue;
    sessionStart[i] = session.start;
    sessionEnd[i] = session.end;
    attendee.set(session.attendees, attendeeAt[i]);
  }
  return {
    meetAt, meetTo, meetStart, meetEnd, memberAt, memberChannel, memberPerson, memberStart, memberEnd, channelAt, channelPerson, channelStart, channelEnd,
    sessionAt, sessionOf, sessionStart, sessionEnd, attendeeAt, attendee,
  };
}

/** Below this many reached memberships in a channel, its members are checked against each; above, by sorted starts. */
const FEW_REACHED = 16;

/**
 * Reverse BFS from b over co-presence (meetings, sessions, overlapping memberships within the window), to `levels`
 * hops: `left[person]` is the hops from person to b (UNKNOWN beyond), `toward[person]` a co-present person one hop
 * nearer b, so that following it gives a shortest chain.
 */
function hopsToGoal(coPresence: CoPresence, goal: number, windowFrom: number, windowTo: number, levels: number): { left: Int32Array; toward: Int32Array } {
  const { people, flat } = coPresence;
  const { meetAt, meetTo, meetStart, meetEnd, memberAt, memberChannel, memberPerson, memberStart, memberEnd, channelAt, channelPerson, channelStart, channelEnd } = flat;
  const { sessionAt, sessionOf, sessionStart, sessionEnd, attendeeAt, attendee } = flat;
  const left = new Int32Array(people.length).fill(UNKNOWN);
  const toward = new Int32Array(people.length).fill(UNKNOWN);
  left[goal] = 0;
  const sessionDone = new Uint8Array(coPresence.sessionCount);
  // Per channel, the reached memberships of this level (indices into the member arrays), and the channels touched.
  const reachedIn: number[][] = new Array(channelAt.length - 1);
  const touched: number[] = [];
  let frontier = [goal];
  for (let d = 1; d <= levels && frontier.length > 0; d++) {
    const next: number[] = [];
    const reach = (person: number, by: number) => {
      if (left[person] !== UNKNOWN) return;
      left[person] = d;
      toward[person] = by;
      next.push(person);
    };
    for (const person of frontier) {
      for (let j = meetAt[person], end = meetAt[person + 1]; j < end; j++) {
        if (possiblyWithin(meetStart[j], meetEnd[j], windowFrom, windowTo)) reach(meetTo[j], person);
      }
      for (let j = sessionAt[person], end = sessionAt[person + 1]; j < end; j++) {
        const s = sessionOf[j];
        if (sessionDone[s] === 1) continue;
        sessionDone[s] = 1;
        if (!possiblyWithin(sessionStart[s], sessionEnd[s], windowFrom, windowTo)) continue;
        for (let i = attendeeAt[s], stop = attendeeAt[s + 1]; i < stop; i++) reach(attendee[i], person);
      }
      for (let j = memberAt[person], end = memberAt[person + 1]; j < end; j++) {
        // Two memberships overlap within the window iff each is valid on its own and each starts before the other ends.
        if (!validWithin(memberStart[j], memberEnd[j], windowFrom, windowTo)) continue;
        const c = memberChannel[j];
        const list = (reachedIn[c] ??= []);
        if (list.length === 0) touched.push(c);
        list.push(j);
      }
    }
    for (const c of touched) {
      const reached = reachedIn[c];
      if (reached.length <= FEW_REACHED) {
        for (let i = channelAt[c], end = channelAt[c + 1]; i < end; i++) {
          const person = channelPerson[i];
          const start = channelStart[i];
          const stop = channelEnd[i];
          if (left[person] !== UNKNOWN || !validWithin(start, stop, windowFrom, windowTo)) continue;
          for (const r of reached) {
            if (memberStart[r] <= stop && memberEnd[r] >= start) {
              reach(person, memberPerson[r]);
              break;
            }
          }
        }
      } else {
        // Two quick witnesses first: the reached membership that starts first and the one that ends last. Only a
        // member neither overlaps needs the full test: among the reached memberships starting by its end, the latest
        // end is after its start (the membership with that latest end is then one it overlaps).
        let first = reached[0];
        let last = reached[0];
        for (const r of reached) {
          if (memberStart[r] < memberStart[first]) first = r;
          if (memberEnd[r] > memberEnd[last]) last = r;
        }
        let latestEnd: Float64Array | null = null;
        let latestBy: Int32Array | null = null;
        for (let i = channelAt[c], end = channelAt[c + 1]; i < end; i++) {
          const person = channelPerson[i];
          const start = channelStart[i];
          const stop = channelEnd[i];
          if (left[person] !== UNKNOWN || !validWithin(start, stop, windowFrom, windowTo)) continue;
          if (memberStart[first] <= stop && memberEnd[first] >= start) {
            reach(person, memberPerson[first]);
            continue;
          }
          if (memberStart[last] <= stop && memberEnd[last] >= start) {
            reach(person, memberPerson[last]);
            continue;
          }
          if (latestEnd === null || latestBy === null) {
            reached.sort((x, y) => memberStart[x] - memberStart[y]);
            latestEnd = new Float64Array(reached.length);
            latestBy = new Int32Array(reached.length);
            let latest = -Infinity;
            let latestPerson = memberPerson[reached[0]];
            for (let k = 0; k < reached.length; k++) {
              const r = reached[k];
              if (memberEnd[r] > latest) {
                latest = memberEnd[r];
                latestPerson = memberPerson[r];
              }
              latestEnd[k] = latest;
              latestBy[k] = latestPerson;
            }
          }
          let lo = 0;
          let hi = reached.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (memberStart[reached[mid]] <= stop) lo = mid + 1;
            else hi = mid;
          }
          if (lo > 0 && latestEnd[lo - 1] >= start) reach(person, latestBy[lo - 1]);
        }
      }
      reached.length = 0;
    }
    touched.length = 0;
    frontier = next;
  }
  return { left, toward };
}

export interface CoPresenceChain {
  hops: CoPresenceHop[];
  people: string[];
  weakHops: number;
  /** Product of hop weights. */
  evidence: number;
}

/** One usable encounter out of a person; `tieA`/`tieB` keep the order in which the pair list used to be built. */
interface Encounter {
  kind: number;
  to: number;
  viaId: string;
  toId: string;
  weight: number;
  tieA: number;
  tieB: number;
  meeting?: Meeting;
  session?: Session;
  first?: Membership;
  second?: Membership;
}

/**
 * A person's encounters in sibling rank order, produced on demand: `list` is the prefix produced so far. Meetings and
 * sessions are few and come in buckets of equal rank keys, each sorted by label when reached; channel overlaps can be
 * a hub channel's thousands of members, so they are read off the channel's members of the right level in label order
 * and only as far as the search asks.
 */
interface Encounters {
  person: number;
  list: Encounter[];
  /** Meeting and session buckets in rank order (hops left, then weight, strongest first). */
  strong: { left: number; weight: number; items: Encounter[] }[];
  /** Next strong bucket to copy into the list. */
  nextStrong: number;
  /** Hops left (level) and weight index of the channel-overlap bucket being produced; level > maxHops: all done. */
  level: number;
  weightIndex: number;
  /** The person's valid memberships, in label block order; position in them and in the current channel's level list. */
  mine: Membership[];
  mineAt: number;
  theirsAt: number;
  done: boolean;
}

interface Partial {
  at: number;
  parent: Partial | null;
  encounter: Encounter | null;
  depth: number;
  weakHops: number;
  evidence: number;
  /** Hops so far plus the lower bound on hops left. */
  bound: number;
  /** The hops' "viaId>toId" joined by "|": the last tie-break. */
  ids: string;
  /** Position in the parent's list of encounters, which is in sibling rank order. */
  index: number;
  /** When this partial was expanded (-1: not yet): children of earlier expansions came first. */
  expansion: number;
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Order of the encounters' "viaId>toId" strings, without building them. */
function labelOrder(x: Encounter, y: Encounter): number {
  if (x.viaId === y.viaId) return x.toId < y.toId ? -1 : x.toId > y.toId ? 1 : 0;
  const shorter = Math.min(x.viaId.length, y.viaId.length);
  // Unless one id is a prefix of the other, the ids differ before either ">" and decide alone.
  if (x.viaId.slice(0, shorter) !== y.viaId.slice(0, shorter)) return x.viaId < y.viaId ? -1 : 1;
  const lx = `${x.viaId}>${x.toId}`;
  const ly = `${y.viaId}>${y.toId}`;
  return lx < ly ? -1 : lx > ly ? 1 : 0;
}

/** Among duplicates of one pair (same viaId and toId), the order in which the pair list used to hold them. */
function pairListOrder(x: Encounter, y: Encounter): number {
  return x.kind - y.kind || x.tieA - y.tieA || x.tieB - y.tieB;
}

/** Rank order: fewest hops (bound), fewest weak hops, strongest evidence, hop ids, then first come. */
function before(x: Partial, y: Partial): number {
  if (x.bound !== y.bound) return x.bound - y.bound;
  if (x.weakHops !== y.weakHops) return x.weakHops - y.weakHops;
  if (x.evidence !== y.evidence) return y.evidence - x.evidence;
  if (x.ids !== y.ids) return x.ids < y.ids ? -1 : 1;
  // Equal ids: both the root, or duplicates of one pair; created in expansion order, then in pair-list order.
  if (!x.parent || !y.parent) return 0;
  return x.parent.expansion - y.parent.expansion || pairListOrder(x.encounter!, y.encounter!);
}

class Heap {
  private items: Partial[] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: Partial): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (before(items[up], item) <= 0) break;
      items[i] = items[up];
      i = up;
    }
    items[i] = item;
  }
  pop(): Partial {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= items.length) break;
        if (child + 1 < items.length && before(items[child + 1], items[child]) < 0) child++;
        if (before(last, items[child]) <= 0) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

/**
 * Up to k chains of people from a to b: fewest hops, then fewest weak (channel-overlap) hops, then strongest evidence,
 * then hop ids. Best-first over simple chains with a reverse-BFS lower bound on the hops left; co-presence is expanded
 * from memberships on demand, and partial chains that can no longer reach b are not expanded.
 */
export function whoMetWhom(
  coPresence: CoPresence, a: string, b: string, window?: { from: number; to: number }, k = 5, maxHops = 6,
): CoPresenceChain[] {
  const windowFrom = window?.from ?? -Infinity;
  const windowTo = window?.to ?? Infinity;
  if (a === b) return [];
  const { people, meetings, sessionsOf, membershipsOf } = coPresence;
  const from = coPresence.personIndex.get(a);
  const goal = coPresence.personIndex.get(b);
  if (from === undefined || goal === undefined) return [];
  // Memberships alone: two overlap within the window iff each is valid on its own and each starts before the other ends.
  const valid = (m: Membership) => validWithin(m.start, m.end, windowFrom, windowTo);

  // Reverse BFS from b. Nodes at distance maxHops could only ever serve as a itself, which the search handles by
  // finding no children, so maxHops - 1 levels suffice.
  const { left, toward } = hopsToGoal(coPresence, goal, windowFrom, windowTo, maxHops - 1);

  const usable = (start: number, end: number) => possiblyWithin(start, end, windowFrom, windowTo);
  const wanted = (person: number) => left[person] !== UNKNOWN;
  // The valid members of a channel with a given number of hops left, in label order, built once per channel and query.
  const levelsCache = new Map<Channel, Membership[][]>();
  const levelsOf = (channel: Channel): Membership[][] => {
    let levels = levelsCache.get(channel);
    if (!levels) {
      levels = [];
      for (const m of channel.byPerson) {
        const l = left[m.person];
        if (l === UNKNOWN || !valid(m)) continue;
        while (levels.length <= l) levels.push([]);
        levels[l].push(m);
      }
      levelsCache.set(channel, levels);
    }
    return levels;
  };
  // Lists are rebuilt identically when needed again, so the cache may drop the oldest ones to bound memory.
  const encountersCache = new Map<number, Encounters>();
  let cachedEncounters = 0;
  /**
   * The usable encounters out of a person toward anyone within reach of b, in the rank order of the children they make
   * (the parent being fixed): hops left, weak or not, weight (evidence is the parent's times the weight), "viaId>toId".
   */
  const encountersOf = (person: number): Encounters => {
    const cached = encountersCache.get(person);
    if (cached) {
      encountersCache.delete(person);
      encountersCache.set(person, cached);
      return cached;
    }
    const list: Encounter[] = [];
    for (const m of meetings[person]) {
      if (!wanted(m.to) || !usable(m.start, m.end)) continue;
      list.push({ kind: MET, to: m.to, viaId: m.id, toId: people[m.to], weight: m.weight, tieA: m.linkIndex, tieB: 0, meeting: m });
    }
    for (const s of sessionsOf[person]) {
      if (!usable(s.start, s.end)) continue;
      for (const other of s.attendees) {
        if (other === person || !wanted(other)) continue;
        list.push({ kind: SESSION, to: other, viaId: s.id, toId: people[other], weight: 1, tieA: s.index, tieB: 0, session: s });
      }
    }
    // Rank keys before the label: hops left, weight. Weights are few and far apart, so a larger weight always gives a
    // strictly larger product.
    const buckets = new Map<string, { left: number; weight: number; items: Encounter[] }>();
    for (const e of list) {
      const key = `${left[e.to]}:${e.weight}`;
      const bucket = buckets.get(key);
      if (bucket) bucket.items.push(e);
      else buckets.set(key, { left: left[e.to], weight: e.weight, items: [e] });
    }
    const lazy: Encounters = {
      person, list: [], strong: [...buckets.values()].sort((x, y) => x.left - y.left || y.weight - x.weight), nextStrong: 0,
      level: 0, weightIndex: 0, mine: membershipsOf[person].filter(valid), mineAt: 0, theirsAt: 0, done: false,
    };
    encountersCache.set(person, lazy);
    cachedEncounters += list.length;
    evict(person);
    return lazy;
  };
  const evict = (keep: number) => {
    for (const [oldest, dropped] of encountersCache) {
      if (cachedEncounters <= CACHED_ENCOUNTERS || oldest === keep) break;
      encountersCache.delete(oldest);
      cachedEncounters -= dropped.list.length + dropped.strong.reduce((n, b) => n + b.items.length, 0);
    }
  };
  /** Produces the next encounters of the list (at least one, unless it is complete). */
  const produce = (lazy: Encounters): void => {
    const { person, list } = lazy;
    const before = list.length;
    while (!lazy.done && list.length === before) {
      // Meeting and session buckets of this level first: strong hops rank before weak ones with the same hops left.
      const bucket = lazy.strong[lazy.nextStrong];
      if (bucket && bucket.left <= lazy.level) {
        lazy.nextStrong++;
        bucket.items.sort((x, y) => labelOrder(x, y) || pairListOrder(x, y));
        for (const e of bucket.items) list.push(e);
        bucket.items = [];
        continue;
      }
      if (lazy.mineAt >= lazy.mine.length) {
        // This channel bucket is complete: the next weight, or the next level.
        lazy.mineAt = 0;
        lazy.theirsAt = 0;
        if (++lazy.weightIndex === CHANNEL_WEIGHTS.length) {
          lazy.weightIndex = 0;
          if (++lazy.level > maxHops) lazy.done = true;
        }
        continue;
      }
      // One channel's block of this bucket: its members at this level, in person order, paired with each of the
      // person's memberships of that channel (usually one).
      const channel = lazy.mine[lazy.mineAt].channel;
      let mineEnd = lazy.mineAt + 1;
      while (mineEnd < lazy.mine.length && lazy.mine[mineEnd].channel === channel) mineEnd++;
      const level = levelsOf(channel)[lazy.level] ?? [];
      if (lazy.theirsAt >= level.length) {
        lazy.mineAt = mineEnd;
        lazy.theirsAt = 0;
        continue;
      }
      // One person's run of memberships: every pair of theirs and mine that overlaps with this bucket's weight.
      const weight = CHANNEL_WEIGHTS[lazy.weightIndex];
      const other = level[lazy.theirsAt].person;
      let runEnd = lazy.theirsAt;
      while (runEnd < level.length && level[runEnd].person === other) runEnd++;
      if (other !== person) {
        const run: Encounter[] = [];
        for (let t = lazy.theirsAt; t < runEnd; t++) {
          const theirs = level[t];
          for (let i = lazy.mineAt; i < mineEnd; i++) {
            const mine = lazy.mine[i];
            if (mine.start > theirs.end || theirs.start > mine.end) continue;
            if (CHANNEL_WEIGHT * Math.min(mine.weight, theirs.weight) !== weight) continue;
            const [first, second] = mine.order < theirs.order ? [mine, theirs] : [theirs, mine];
            run.push({ kind: CHANNEL, to: other, viaId: channel.id, toId: people[other], weight, tieA: first.order, tieB: second.order, first, second });
          }
        }
        run.sort(pairListOrder);
        for (const e of run) list.push(e);
        cachedEncounters += run.length;
      }
      lazy.theirsAt = runEnd;
    }
  };
  /** The encounter at position i of a person's list, or null past its end. */
  const encounterAt = (lazy: Encounters, i: number): Encounter | null => {
    while (lazy.list.length <= i && !lazy.done) produce(lazy);
    return lazy.list[i] ?? null;
  };

  const onChain = (p: Partial, person: number): boolean => {
    for (let q: Partial | null = p; q; q = q.parent) if (q.at === person) return true;
    return false;
  };
  /** The parent's child from the first valid encounter at or after `index` of its list, or null. */
  const childFrom = (parent: Partial, index: number): Partial | null => {
    const lazy = encountersOf(parent.at);
    for (let i = index; ; i++) {
      const e = encounterAt(lazy, i);
      if (!e) return null;
      const bound = parent.depth + 1 + left[e.to];
      // The list is in order of hops left: past the limit, every later encounter is too.
      if (bound > maxHops) return null;
      if (onChain(parent, e.to)) continue;
      return {
        at: e.to, parent, encounter: e, depth: parent.depth + 1,
        weakHops: parent.weakHops + (e.kind === CHANNEL ? 1 : 0), evidence: parent.evidence * e.weight, bound,
        ids: parent.depth === 0 ? `${e.viaId}>${e.toId}` : `${parent.ids}|${e.viaId}>${e.toId}`, index: i, expansion: -1,
      };
    }
  };

  // Dead ends: a partial chain is worth expanding only if b can still be reached without revisiting the chain, in the
  // hops left. Any walk that avoids the chain contains a simple one, so a depth-first search with node marks decides it.
  // Skipping dead ends changes nothing else: they have no complete chain below them.
  const chainMark = new Int32Array(people.length);
  const bestDepth = new Int32Array(people.length);
  const checkMark = new Int32Array(people.length);
  let check = 0;
  // Straight from the memberships, without building pair lists: the check may touch many people once each.
  // Channel members come from the level lists, nearest to b first, and only those within `maxLeft` hops of b.
  const neighbours = (person: number, maxLeft: number, visit: (other: number) => boolean): boolean => {
    for (const m of meetings[person]) if (wanted(m.to) && usable(m.start, m.end) && visit(m.to)) return true;
    for (const s of sessionsOf[person]) {
      if (!usable(s.start, s.end)) continue;
      for (const other of s.attendees) if (other !== person && wanted(other) && visit(other)) return true;
    }
    for (const mine of membershipsOf[person]) {
      if (!valid(mine)) continue;
      const levels = levelsOf(mine.channel);
      for (let l = 0; l <= maxLeft && l < levels.length; l++) {
        for (const theirs of levels[l]) {
          if (theirs.person === person || mine.start > theirs.end || theirs.start > mine.end) continue;
          if (visit(theirs.person)) return true;
        }
      }
    }
    return false;
  };
  /** The check gives up (and keeps the partial) past this much work: pruning is only ever an optimisation. */
  const CHECK_WORK = 200_000;
  let work = 0;
  const reachable = (person: number, depth: number, budget: number): boolean => {
    if (person === goal) return true;
    if (checkMark[person] === check && bestDepth[person] <= depth) return false;
    checkMark[person] = check;
    bestDepth[person] = depth;
    return neighbours(person, budget - depth - 1, (next) => {
      if (++work > CHECK_WORK) return true;
      if (depth + 1 + left[next] > budget || chainMark[next] === check) return false;
      return reachable(next, depth + 1, budget);
    });
  };
  const live = (p: Partial): boolean => {
    check++;
    work = 0;
    for (let q = p.parent; q; q = q.parent) chainMark[q.at] = check;
    // Most often the BFS's own shortest chain from here to b avoids the chain so far: a simple continuation in
    // left[p.at] ≤ the hops left, found in a few steps. Only when it runs into the chain does the search decide.
    if (left[p.at] !== UNKNOWN && p.depth + left[p.at] <= maxHops) {
      let x = p.at;
      while (x !== goal && chainMark[x] !== check) x = toward[x];
      if (x === goal) return true;
    }
    return reachable(p.at, 0, maxHops - p.depth);
  };

  // Children enter the heap one at a time, each after its elder sibling is taken: a hub's thousands cost one slot.
  const heap = new Heap();
  heap.push({ at: from, parent: null, encounter: null, depth: 0, weakHops: 0, evidence: 1, bound: 0, ids: '', index: -1, expansion: -1 });
  let expansions = 0;
  const chains: CoPresenceChain[] = [];
  const seen = new Set<string>();
  while (heap.size > 0 && chains.length < k) {
    const current = heap.pop();
    if (current.parent) {
      const sibling = childFrom(current.parent, current.index + 1);
      if (sibling) heap.push(sibling);
    }
    if (current.at === goal) {
      const path: Partial[] = [];
      for (let q: Partial | null = current; q.parent; q = q.parent) path.push(q);
      path.reverse();
      const signature = path.map((q) => `${kindName(q.encounter!.kind)}:${q.encounter!.viaId}`).join('|') + path.map((q) => people[q.at]).join('|');
      if (seen.has(signature)) continue;
      seen.add(signature);
      chains.push({
        hops: path.map((q) => hopOf(q.encounter!, people[q.parent!.at], people[q.at])),
        people: [a, ...path.map((q) => people[q.at])],
        weakHops: current.weakHops,
        evidence: current.evidence,
      });
      continue;
    }
    if (!live(current)) continue;
    current.expansion = expansions++;
    const child = childFrom(current, 0);
    if (child) heap.push(child);
  }
  return chains;
}

function kindName(kind: number): CoPresenceKind {
  return kind === MET ? 'met' : kind === SESSION ? 'session' : 'channel';
}

function hopOf(e: Encounter, fromId: string, toId: string): CoPresenceHop {
  if (e.meeting) {
    const m = e.meeting;
    return { kind: 'met', fromId, toId, viaId: m.id, when: m.when, place: m.place, citations: m.citations, strength: 'strong', weight: m.weight };
  }
  if (e.session) {
    const s = e.session;
    return { kind: 'session', fromId, toId, viaId: s.id, when: s.when, place: s.place, citations: s.citations, strength: 'strong', weight: 1 };
  }
  return { kind: 'channel', fromId, toId, viaId: e.viaId, citations: [...e.first!.citations, ...e.second!.citations], strength: 'weak', weight: e.weight };
}
