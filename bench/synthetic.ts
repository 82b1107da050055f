// A seeded, reproducible, domain-shaped graph of any size for benchmarks: same seed and size, same graph.
import { parseWhen, type When } from '../core/dates.ts';
import type { Confidence, LinkType, OfficeRank, Outcome } from '../core/model.ts';
import type { Citation, GraphLink, GraphNode } from '../engine/graph.ts';
import type { SessionAttendance } from '../engine/who-met-whom.ts';
import { seededRandom } from '../web/seeded-random.ts';

export interface SyntheticGraph {
  nodes: GraphNode[];
  links: GraphLink[];
  sessions: SessionAttendance[];
  /** Participants per channel, the natural sources of influence-path queries. */
  participants: Map<string, string[]>;
  governments: string[];
}


const SIDES = ['israeli', 'palestinian', 'syrian', 'egyptian', 'jordanian', 'lebanese', 'norwegian', 'swedish', 'american', 'british'];
const PLACES = ['London', 'Oslo', 'Sarpsborg', 'Stockholm', 'Washington', 'Cairo', 'Amman', 'Jerusalem', 'Geneva', 'Vienna'];
const CITATIONS: Citation[] = [{ source: 'source/synthetic' }];

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * About `targetLinks` links among people, institutions, governments (with heads and leaders in successive terms),
 * channels with sessions and documents. Degrees are heavy-tailed: endpoints are drawn with a power-law skew.
 */
export function syntheticGraph(targetLinks: number, seed = 1): SyntheticGraph {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  // Power-law skew: low indices are hubs (u^3 piles mass near 0).
  const skewed = (n: number) => Math.floor(n * random() ** 3);
  const pick = <T>(items: readonly T[]) => items[int(items.length)];

  const personCount = Math.max(50, Math.round(targetLinks / 7));
  const institutionCount = Math.max(5, Math.round(personCount / 25));
  const channelCount = Math.max(5, Math.round(personCount / 40));
  const governmentCount = SIDES.length;

  const nodes: GraphNode[] = [];
  const links: GraphLink[] = [];
  const sessions: SessionAttendance[] = [];
  const participants = new Map<string, string[]>();
  const peopleBySide = new Map<string, number[]>(SIDES.map((s) => [s, []]));
  for (let i = 0; i < personCount; i++) {
    const side = SIDES[skewed(SIDES.length)];
    peopleBySide.get(side)!.push(i);
    nodes.push({ id: `person/p${i}`, kind: 'Person', name: `Person ${i}`, side });
  }
  const governments = SIDES.map((side) => `government/${side}`);
  SIDES.forEach((side) => nodes.push({ id: `government/${side}`, kind: 'Government', name: `Government (${side})`, side }));
  for (let i = 0; i < institutionCount; i++) nodes.push({ id: `institution/i${i}`, kind: 'Institution', name: `Institution ${i}`, side: pick(SIDES) });

  const year = () => 1950 + int(66);
  const dateText = (y: number): string => {
    const r = random();
    const base = r < 0.25 ? String(y) : r < 0.6 ? `${y}-${pad(1 + int(12))}` : `${y}-${pad(1 + int(12))}-${pad(1 + int(28))}`;
    const q = random();
    return base + (q < 0.08 ? '~' : q < 0.12 ? '?' : q < 0.13 ? '%' : '');
  };
  const parsedCache = new Map<string, When>();
  const when = (text: string | undefined): When | undefined => {
    if (text === undefined) return undefined;
    let parsed = parsedCache.get(text);
    if (!parsed) {
      parsed = parseWhen(text);
      parsedCache.set(text, parsed);
    }
    return parsed;
  };
  const span = (from: number, years: number): string => {
    const r = random();
    if (r < 0.1) return `${dateText(from)}/..`;
    if (r < 0.15) return `../${dateText(from + years)}`;
    if (r < 0.2) return `${dateText(from)}/`;
    return `${from}/${from + years}`;
  };
  let linkSerial = 0;
  const addLink = (type: LinkType, from: string, to: string, text: string | undefined, extra: Partial<GraphLink> = {}): void => {
    const confidenceRoll = random();
    const confidence: Confidence = confidenceRoll < 0.55 ? 'high' : confidenceRoll < 0.85 ? 'medium' : 'low';
    const link: GraphLink = { id: `link/${linkSerial++}`, type, from, to, confidence, citations: CITATIONS, ...extra };
    const parsed = random() < 0.05 ? undefined : when(text);
    if (parsed) link.when = parsed;
    links.push(link);
  };

  // Governments: successive heads and leaders from 1948 on, chosen among people of that side.
  for (const side of SIDES) {
    const pool = peopleBySide.get(side)!;
    if (pool.length === 0) continue;
    for (const rank of ['head', 'leader', 'leader', 'minister', 'senior-official'] as OfficeRank[]) {
      for (let y = 1948 + int(4); y < 2020;) {
        const term = 2 + int(6);
        const holder = pool[skewed(pool.length)];
        const end = y + term;
        addLink('HELD_OFFICE', `person/p${holder}`, `government/${side}`, `${y}-${pad(1 + int(12))}-${pad(1 + int(28))}/${end >= 2020 ? '..' : `${end}-${pad(1 + int(12))}`}`, { rank, title: rank });
        y = end;
      }
    }
  }

  // Channels with a period, sessions, a produced document; participants drawn from two sides.
  const channelStart: number[] = [];
  for (let c = 0; c < channelCount; c++) {
    const start = year();
    const length = 1 + int(6);
    channelStart.push(start);
    const channelId = `channel/c${c}`;
    nodes.push({ id: channelId, kind: 'Channel', name: `Channel ${c}` });
    const members: string[] = [];
    participants.set(channelId, members);
    const size = 2 + Math.floor(40 * random() ** 4);
    for (let m = 0; m < size; m++) {
      const person = `person/p${skewed(personCount)}`;
      if (members.includes(person)) continue;
      members.push(person);
      const joined = start + int(length);
      addLink('PARTICIPATED_IN', person, channelId, `${joined}-${pad(1 + int(12))}/${joined + int(3)}`);
    }
    for (const type of ['MENTORED', 'FACILITATED', 'SPONSORED'] as LinkType[]) {
      if (random() < 0.7) addLink(type, `person/p${skewed(personCount)}`, channelId, span(start, length));
    }
    if (random() < 0.5) addLink('HOSTED', governments[int(governmentCount)], channelId, `${start}/${start + length}`);
    const documentId = `document/d${c}`;
    nodes.push({ id: documentId, kind: 'Document', name: `Document ${c}` });
    addLink('PRODUCED', channelId, documentId, String(start + length));
    if (c > 0 && random() < 0.2) addLink('LED_TO', `channel/c${int(c)}`, channelId, String(start));
    const sessionCount = 1 + int(5);
    for (let s = 0; s < sessionCount; s++) {
      const sessionId = `session/c${c}-s${s}`;
      const attendees = members.filter(() => random() < 0.6);
      const text = dateText(start + int(length));
      const session: SessionAttendance = { id: sessionId, channelId, when: when(text), place: pick(PLACES), attendees, citations: CITATIONS };
      sessions.push(session);
      nodes.push({ id: sessionId, kind: 'Session', name: `Session ${c}.${s}` });
      addLink('SESSION_OF', sessionId, channelId, text);
      for (const person of attendees) addLink('ATTENDED', person, sessionId, text);
    }
  }

  // The bulk: standing access and dated transmissions between people, heavy-tailed on both ends.
  const outcomes: Outcome[] = ['accepted', 'accepted', 'accepted', 'unknown', 'rejected', 'ignored', 'disowned'];
  while (links.length < targetLinks) {
    const roll = random();
    const a = `person/p${skewed(personCount)}`;
    const b = `person/p${skewed(personCount)}`;
    const y = year();
    if (roll < 0.3) {
      const type = pick(['REPORTED_TO', 'BRIEFED', 'BRIEFED', 'CARRIED_DOCUMENT_TO'] as LinkType[]);
      addLink(type, a, b, random() < 0.9 ? dateText(y) : `[..${dateText(y)}]`, { outcome: pick(outcomes) });
    } else if (roll < 0.5) {
      addLink('MET', a, b, dateText(y), { place: pick(PLACES) });
    } else if (roll < 0.65) {
      addLink('ADVISED', a, b, span(y, 1 + int(8)));
    } else if (roll < 0.85) {
      addLink('AFFILIATED_WITH', a, `institution/i${skewed(institutionCount)}`, span(y, 2 + int(15)));
    } else if (roll < 0.88) {
      addLink('PART_OF', `institution/i${skewed(institutionCount)}`, pick(random() < 0.5 ? governments : [`institution/i${int(institutionCount)}`]), span(y, 10));
    } else {
      const c = skewed(channelCount);
      const members = participants.get(`channel/c${c}`)!;
      const start = channelStart[c];
      members.push(a);
      addLink('PARTICIPATED_IN', a, `channel/c${c}`, `${start}/${start + 1 + int(4)}`);
    }
  }
  return { nodes, links, sessions, participants, governments };
}
