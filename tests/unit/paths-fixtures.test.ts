import { describe, expect, it } from 'vitest';
import { dayOf, parseWhen } from '../../core/dates.ts';
import type { Confidence, LinkType, NodeKind, OfficeRank, Outcome } from '../../core/model.ts';
import { brokers } from '../../engine/brokers.ts';
import { channelReach } from '../../engine/channel-reach.ts';
import { buildGraph, GraphError, type GraphLink, type GraphNode } from '../../engine/graph.ts';
import { influencePaths, targetsReached, type PathQuery } from '../../engine/influence-paths.ts';
import { buildCoPresence, whoMetWhom } from '../../engine/who-met-whom.ts';

const PREFIX: Record<string, NodeKind> = { person: 'Person', channel: 'Channel', government: 'Government', institution: 'Institution', session: 'Session', document: 'Document' };

/** Nodes are inferred from the ids the links mention. */
function graphOf(links: GraphLink[], extraNodes: string[] = []) {
  const ids = new Set([...extraNodes, ...links.flatMap((l) => [l.from, l.to])]);
  const nodes: GraphNode[] = [...ids].map((id) => ({
    id, kind: PREFIX[id.split('/')[0]], name: id.split('/')[1], side: id.startsWith('government/') ? id.split('/')[1] : undefined,
  }));
  return { nodes, links, graph: buildGraph(nodes, links) };
}

let serial = 0;
function link(
  type: LinkType, from: string, to: string, when?: string,
  extra: { confidence?: Confidence; outcome?: Outcome; rank?: OfficeRank; id?: string; place?: string } = {},
): GraphLink {
  const { id, confidence, ...rest } = extra;
  return {
    id: id ?? `link/${String(++serial).padStart(3, '0')}`, type, from: `${from}`, to: `${to}`,
    ...(when ? { when: parseWhen(when) } : {}), confidence: confidence ?? 'high', citations: [{ source: 'source/fixture' }], ...rest,
  };
}

const HIRSCHFELD = 'person/yair-hirschfeld';
const BEILIN = 'person/yossi-beilin';
const PERES = 'person/shimon-peres';
const RABIN = 'person/yitzhak-rabin';
const SHAMIR = 'person/yitzhak-shamir';
const QUREI = 'person/ahmed-qurei';
const ARAFAT = 'person/yasser-arafat';
const LARSEN = 'person/terje-rod-larsen';
const OSLO = 'channel/oslo-1992';
const ISRAEL = 'government/israel';
const PLO = 'government/plo';

function query(overrides: Partial<PathQuery> & Pick<PathQuery, 'from' | 'to'>): PathQuery {
  return { time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 5, ...overrides };
}

const linkIds = (path: { hops: { link: GraphLink }[] }) => path.hops.map((h) => h.link.id);

describe('influence paths in the users’ words', () => {
  it('names how far a search from a person got when nothing it reached leads to the target', () => {
    const report = link('REPORTED_TO', HIRSCHFELD, BEILIN, '1992-12');
    const onward = link('BRIEFED', BEILIN, 'person/ron-pundak', '1993-01');
    const office = link('HELD_OFFICE', SHAMIR, ISRAEL, '1986/1992-07-13', { rank: 'head' });
    const { graph } = graphOf([report, onward, office]);
    const result = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'government', id: ISRAEL } }));
    expect([result.stopReason, result.closest]).toEqual(['NO_LINK_ONWARD', { nodeId: 'person/ron-pundak', hopsFromSource: 2, bestArrival: dayOf('1993-01-01') }]);
  });

  it('ranks the documented mentor chain above a handshake and a shared party when evidence decides, and the handshake first by hops', () => {
    const report = link('REPORTED_TO', HIRSCHFELD, BEILIN, '1992-12', { confidence: 'medium' });
    const toPeres = link('REPORTED_TO', BEILIN, PERES, '1993-02?');
    const handshake = link('MET', QUREI, PERES, '1993-08-20');
    const party = link('AFFILIATED_WITH', QUREI, 'institution/fatah', '1960/2000');
    const member = link('AFFILIATED_WITH', ARAFAT, 'institution/fatah', '1959/2004');
    const office = link('HELD_OFFICE', PERES, ISRAEL, '1992-07-13/1995-11-04', { rank: 'leader' });
    const { graph } = graphOf([report, toPeres, handshake, party, member, office]);
    const ask = (rankBy?: 'STRONGEST_EVIDENCE' | 'EARLIEST_ARRIVAL') =>
      influencePaths(graph, query({ from: [HIRSCHFELD, QUREI], to: { kind: 'government', id: ISRAEL }, rankBy })).paths.map((p) => [linkIds(p), p.strength]);
    expect(ask('STRONGEST_EVIDENCE')).toEqual([[[report.id, toPeres.id, office.id], 0.7], [[handshake.id, office.id], 0.6]]);
    expect(ask('EARLIEST_ARRIVAL')).toEqual([[[report.id, toPeres.id, office.id], 0.7], [[handshake.id, office.id], 0.6]]);
    expect(ask()).toEqual([[[handshake.id, office.id], 0.6], [[report.id, toPeres.id, office.id], 0.7]]);
    // Shared membership is the weakest evidence: Qurei → Fatah → Arafat scores 0.25 × 0.25.
    const arafat = influencePaths(graph, query({ from: [QUREI], to: { kind: 'node', id: ARAFAT }, rankBy: 'STRONGEST_EVIDENCE' })).paths;
    expect(arafat.map((p) => p.strength)).toEqual([0.0625]);
  });

  it('reaches Arafat from the Stockholm 1988 channel in DOCUMENTED mode because he sat in its December session', () => {
    const stockholm = 'channel/stockholm-1988';
    const session = 'session/stockholm-1988-12';
    const sessionOf = link('SESSION_OF', session, stockholm, '1988-12-06/1988-12-07');
    const attended = link('ATTENDED', ARAFAT, session, '1988-12-06/1988-12-07');
    const office = link('HELD_OFFICE', ARAFAT, PLO, '1969/2004-11-11', { rank: 'head' });
    const { graph } = graphOf([sessionOf, attended, office]);
    const result = influencePaths(graph, query({ from: [stockholm], to: { kind: 'government', id: PLO }, mode: 'DOCUMENTED' }));
    expect(result.paths.map((p) => [linkIds(p), p.arrival])).toEqual([[[sessionOf.id, attended.id, office.id], dayOf('1988-12-06')]]);
  });

  it('counts a documented meeting as contact in DOCUMENTED mode, in both directions', () => {
    const met = link('MET', QUREI, PERES, '1993-08-20');
    const { graph } = graphOf([met]);
    const there = influencePaths(graph, query({ from: [QUREI], to: { kind: 'node', id: PERES }, mode: 'DOCUMENTED' }));
    const back = influencePaths(graph, query({ from: [PERES], to: { kind: 'node', id: QUREI }, mode: 'DOCUMENTED' }));
    expect([there.paths.map(linkIds), back.paths.map(linkIds)]).toEqual([[[met.id]], [[met.id]]]);
  });

  it('says Hirschfeld’s report reached Rabin between Dec 1992 and the end of the Feb 1993 briefing’s range', () => {
    const report = link('REPORTED_TO', HIRSCHFELD, BEILIN, '1992-12');
    const toPeres = link('REPORTED_TO', BEILIN, PERES, '1993-02?');
    const toRabin = link('BRIEFED', PERES, RABIN, '1993-02~');
    const office = link('HELD_OFFICE', RABIN, ISRAEL, '1992-07-13/1995-11-04', { rank: 'head' });
    const { graph } = graphOf([report, toPeres, toRabin, office]);
    const [path] = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'government', id: ISRAEL }, window: { from: dayOf('1992-12-01'), to: dayOf('1993-09-30') } })).paths;
    // Circa/uncertain months widen by a month each side: Jan–Mar 1993; Rabin's term does not stretch the range.
    // Only possible: both Feb events are fuzzy over the same months, so their order is not certain.
    expect([path.arrival, path.latestArrival, path.certain]).toEqual([dayOf('1993-01-01'), dayOf('1993-03-31'), false]);
  });

  it('does not let a 1993 briefing about Oslo carry what a 1976 channel produced', () => {
    const peled = 'person/matti-peled';
    const sartawi = 'channel/icipp-sartawi-1976';
    const took = link('PARTICIPATED_IN', peled, sartawi, '1976/1977');
    const met = link('MET', peled, 'person/mahmoud-abbas', '1977');
    const briefed = { ...link('BRIEFED', 'person/mahmoud-abbas', ARAFAT, '1992-12-04/1993-01-20'), about: OSLO };
    const { graph } = graphOf([took, met, briefed], [OSLO]);
    const fromChannel = influencePaths(graph, query({ from: [peled], to: { kind: 'node', id: ARAFAT }, carrying: [sartawi] }));
    expect(fromChannel.paths).toEqual([]);
    const fromOslo = influencePaths(graph, query({ from: [peled], to: { kind: 'node', id: ARAFAT }, carrying: [OSLO] }));
    expect(fromOslo.paths.map(linkIds)).toEqual([[met.id, briefed.id]]);
  });

  it('reads a briefing dated "Dec 1992 to May 1993" as one unknown day, so a path through it is only possible before June', () => {
    // Beilin briefed Peres once, some day in the range; Peres's stint ends 1993-03: only possible, not certain.
    const briefing = link('BRIEFED', BEILIN, PERES, '1992-12-04/1993-05');
    const office = link('HELD_OFFICE', PERES, ISRAEL, '1992-07-13/1993-03-31', { rank: 'leader' });
    const { graph } = graphOf([briefing, office]);
    const result = influencePaths(graph, query({ from: [BEILIN], to: { kind: 'government', id: ISRAEL } }));
    expect(result.paths.map((p) => [linkIds(p), p.certain, p.arrival])).toEqual([[[briefing.id, office.id], false, dayOf('1992-12-04')]]);
  });

  it('takes the longer route when the static shortest one would run back in time', () => {
    const direct = link('BRIEFED', BEILIN, RABIN, '1992-11-20');
    const report = link('REPORTED_TO', HIRSCHFELD, BEILIN, '1993-01-23');
    const toPeres = link('BRIEFED', BEILIN, PERES, '1993-02~');
    const toRabin = link('BRIEFED', PERES, RABIN, '1993-04-10');
    const { graph } = graphOf([direct, report, toPeres, toRabin]);

    const timed = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: RABIN } }));
    expect(timed.paths.map(linkIds)).toEqual([[report.id, toPeres.id, toRabin.id]]);
    expect(timed.paths[0].nodes).toEqual([HIRSCHFELD, BEILIN, PERES, RABIN]);
    expect(timed.paths[0].arrival).toBe(dayOf('1993-04-10'));
    expect(timed.paths[0].hops.map((h) => h.instant)).toEqual([dayOf('1993-01-23'), dayOf('1993-01-23'), dayOf('1993-04-10')]);
    expect(timed.static).toBe(false);

    const timeless = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: RABIN }, time: 'IGNORE' }));
    expect(timeless.paths.map(linkIds)).toEqual([[report.id, direct.id], [report.id, toPeres.id, toRabin.id]]);
    expect(timeless.static).toBe(true);
    expect(timeless.paths[0].arrival).toBeNull();
  });

  it('lets a same-day hand-over through: instants may be equal, never decreasing', () => {
    const a = link('REPORTED_TO', HIRSCHFELD, BEILIN, '1993-02-14');
    const b = link('BRIEFED', BEILIN, PERES, '1993-02-14');
    const { graph } = graphOf([a, b]);
    const result = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: PERES } }));
    expect(result.paths.map(linkIds)).toEqual([[a.id, b.id]]);
    expect(result.paths[0].certain).toBe(true);
  });

  it('says a window cut the only path, and names the hop that broke', () => {
    const london = link('REPORTED_TO', HIRSCHFELD, BEILIN, '1992-12-04');
    const briefing = link('BRIEFED', BEILIN, PERES, '1993-02-10');
    const { graph } = graphOf([london, briefing]);
    const window = { from: dayOf('1993-01-01'), to: dayOf('1993-12-31') };
    const result = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: PERES }, window }));
    expect(result.paths).toEqual([]);
    expect(result.stopReason).toBe('OUT_OF_WINDOW');
    expect(result.brokenHop).toEqual({ index: 0, linkId: london.id });
    expect(result.closest).toEqual({ nodeId: HIRSCHFELD, hopsFromSource: 0, bestArrival: null });

    const within = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: PERES }, window, time: 'WITHIN_WINDOW' }));
    expect(within.stopReason).toBe('OUT_OF_WINDOW');
    expect(within.brokenHop).toEqual({ index: 0, linkId: london.id });
  });

  it('names the later hop when the order of events breaks the path', () => {
    const late = link('REPORTED_TO', HIRSCHFELD, BEILIN, '1993-03-01');
    const early = link('BRIEFED', BEILIN, PERES, '1993-02-10');
    const { graph } = graphOf([late, early]);
    const result = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: PERES } }));
    expect(result.stopReason).toBe('OUT_OF_WINDOW');
    expect(result.brokenHop).toEqual({ index: 1, linkId: early.id });
    expect(result.closest).toEqual({ nodeId: BEILIN, hopsFromSource: 1, bestArrival: dayOf('1993-03-01') });
  });

  it('calls a path through a month-only date possible, and the same path with the exact day certain', () => {
    const vague = link('REPORTED_TO', HIRSCHFELD, BEILIN, '1993-02');
    const exact = link('REPORTED_TO', LARSEN, BEILIN, '1993-02-10');
    const onward = link('BRIEFED', BEILIN, PERES, '1993-02-15');
    const { graph } = graphOf([vague, exact, onward]);
    const fromVague = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: PERES } }));
    expect(fromVague.paths[0].certain).toBe(false);
    expect(fromVague.paths[0].arrival).toBe(dayOf('1993-02-15'));
    const fromExact = influencePaths(graph, query({ from: [LARSEN], to: { kind: 'node', id: PERES } }));
    expect(fromExact.paths[0].certain).toBe(true);
  });

  it('never calls a path through an undated link certain', () => {
    const undated = link('ADVISED', BEILIN, PERES);
    const { graph } = graphOf([undated]);
    const result = influencePaths(graph, query({ from: [BEILIN], to: { kind: 'node', id: PERES } }));
    expect(result.paths).toHaveLength(1);
    expect(result.paths[0].certain).toBe(false);
    expect(result.paths[0].arrival).toBeNull();
  });

  it('stops at a rejected transmission unless asked to look through it', () => {
    const rejected = link('CARRIED_DOCUMENT_TO', HIRSCHFELD, BEILIN, '1993-03-01', { outcome: 'rejected' });
    const { graph } = graphOf([rejected]);
    const blocked = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: BEILIN } }));
    expect(blocked.paths).toEqual([]);
    expect(blocked.stopReason).toBe('BLOCKED');
    const through = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: BEILIN }, includeBlocked: true }));
    expect(through.paths.map(linkIds)).toEqual([[rejected.id]]);
  });

  it('names the rejection, not the calendar, when a static route exists too but only the rejected one fits the window', () => {
    // Stockholm 1994–95 in miniature: Peres rejected the 1995 paper; an older 1993 route to him is out of the window.
    const reported = link('REPORTED_TO', HIRSCHFELD, BEILIN, '1995-10');
    const rejected = link('CARRIED_DOCUMENT_TO', BEILIN, PERES, '1995-11', { outcome: 'rejected' });
    const old = link('BRIEFED', BEILIN, RABIN, '1993-02');
    const oldToPeres = link('BRIEFED', RABIN, PERES, '1993-03');
    const { graph } = graphOf([reported, rejected, old, oldToPeres]);
    const asked = query({ from: [HIRSCHFELD], to: { kind: 'node', id: PERES }, window: { from: dayOf('1995-01-01'), to: dayOf('1996-12-31') } });
    expect(influencePaths(graph, asked).stopReason).toBe('BLOCKED');
    // Without the rejected link only the calendar is in the way.
    const { graph: withoutRejection } = graphOf([reported, old, oldToPeres]);
    expect(influencePaths(withoutRejection, asked).stopReason).toBe('OUT_OF_WINDOW');
    // A rejected link the search never reaches in time does not count: 1992 is before the 1995 report.
    const early = link('CARRIED_DOCUMENT_TO', BEILIN, PERES, '1992', { outcome: 'rejected', id: 'link/early-rejection' });
    const { graph: earlyRejection } = graphOf([reported, early, old, oldToPeres]);
    expect(influencePaths(earlyRejection, asked).stopReason).toBe('OUT_OF_WINDOW');
  });

  it('uses standing access in potential mode only: documented mode ignores an adviser', () => {
    const advice = link('ADVISED', HIRSCHFELD, BEILIN, '1992/1993');
    const { graph } = graphOf([advice]);
    expect(influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: BEILIN } })).paths).toHaveLength(1);
    const documented = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: BEILIN }, mode: 'DOCUMENTED' }));
    expect(documented.paths).toEqual([]);
    expect(documented.stopReason).toBe('NO_LINK_ONWARD');
    // The search never left Hirschfeld: the explanation now names him (0 hops) rather than nothing.
    expect(documented.closest).toEqual({ nodeId: HIRSCHFELD, hopsFromSource: 0, bestArrival: null });
  });

  it('follows influence against the stored direction: a channel reaches its mentor', () => {
    const took = link('PARTICIPATED_IN', HIRSCHFELD, OSLO, '1992-12-04/1993-09-13');
    const mentored = link('MENTORED', BEILIN, OSLO, '1992-12/1993-09-13');
    const { graph } = graphOf([took, mentored]);
    const result = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: BEILIN } }));
    expect(result.paths[0].hops.map((h) => [h.fromId, h.toId, h.against])).toEqual([[HIRSCHFELD, OSLO, false], [OSLO, BEILIN, true]]);
    expect(result.paths[0].certain).toBe(true);
  });

  it('reaches a government only through someone in a leading office at arrival time, waiting for the term if need be', () => {
    const early = link('BRIEFED', PERES, RABIN, '1992-03-15');
    const afterTerm = link('BRIEFED', PERES, SHAMIR, '1993-03-01');
    const rabinTerm = link('HELD_OFFICE', RABIN, ISRAEL, '1992-07-13/1995-11-04', { rank: 'head' });
    const shamirTerm = link('HELD_OFFICE', SHAMIR, ISRAEL, '1986-10-20/1992-07-13', { rank: 'head' });
    const { graph } = graphOf([early, afterTerm, rabinTerm, shamirTerm]);
    const result = influencePaths(graph, query({ from: [PERES], to: { kind: 'government', id: ISRAEL } }));
    // The office hop counts: it is the evidence that the person decided.
    expect(result.paths.map(linkIds)).toEqual([[early.id, rabinTerm.id]]);
    expect(result.paths[0].arrival).toBe(dayOf('1992-07-13'));
    expect(result.paths[0].target).toEqual({ nodeId: ISRAEL, personId: RABIN, governmentId: ISRAEL });
    expect(result.paths[0].hops[1].instant).toBe(dayOf('1992-07-13'));

    const anyLeader = influencePaths(graph, query({ from: [PERES], to: { kind: 'decisionMaker' } }));
    expect(anyLeader.paths.map(linkIds)).toEqual([[early.id, rabinTerm.id]]);
  });

  it('does not count a minister as a decision-maker', () => {
    const briefing = link('BRIEFED', HIRSCHFELD, BEILIN, '1993-01-01');
    const deputy = link('HELD_OFFICE', BEILIN, ISRAEL, '1992-07-13/1995-07-18', { rank: 'minister' });
    const { graph } = graphOf([briefing, deputy]);
    const result = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'government', id: ISRAEL } }));
    expect(result.paths).toEqual([]);
    expect(result.stopReason).toBe('NO_LINK_ONWARD');
  });

  it('ranks fewer hops first, then stronger evidence, and points at the weakest hop', () => {
    const weak = link('REPORTED_TO', HIRSCHFELD, BEILIN, '1993-01-01', { confidence: 'low' });
    const strong1 = link('REPORTED_TO', HIRSCHFELD, LARSEN, '1993-01-01', { confidence: 'medium' });
    const strong2 = link('BRIEFED', LARSEN, BEILIN, '1993-01-02', { confidence: 'high' });
    const onward = link('BRIEFED', BEILIN, PERES, '1993-02-01', { confidence: 'medium' });
    const { graph } = graphOf([weak, strong1, strong2, onward]);
    const result = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: PERES } }));
    expect(result.paths.map(linkIds)).toEqual([[weak.id, onward.id], [strong1.id, strong2.id, onward.id]]);
    expect(result.paths[0].evidence).toBeCloseTo(0.4 * 0.7, 12);
    expect(result.paths[0].weakestHop).toBe(0);
    expect(result.paths[1].weakestHop).toBe(0);
  });

  it('reports HOP_LIMIT when the target is only further away than allowed', () => {
    const chain = [
      link('REPORTED_TO', HIRSCHFELD, LARSEN, '1993-01-01'),
      link('REPORTED_TO', LARSEN, BEILIN, '1993-01-02'),
      link('BRIEFED', BEILIN, PERES, '1993-01-03'),
      link('BRIEFED', PERES, RABIN, '1993-01-04'),
    ];
    const { graph } = graphOf(chain);
    const result = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: RABIN }, maxHops: 3 }));
    expect(result.paths).toEqual([]);
    expect(result.stopReason).toBe('HOP_LIMIT');
    expect(result.closest?.nodeId).toBe(PERES);
    expect(result.closest?.hopsFromSource).toBe(3);
    expect(influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: RABIN }, maxHops: 4 })).paths).toHaveLength(1);
  });

  it('answers "what if Beilin had not been there?" with an exclusion', () => {
    const a = link('REPORTED_TO', HIRSCHFELD, BEILIN, '1993-01-23');
    const b = link('BRIEFED', BEILIN, PERES, '1993-02-01');
    const { graph } = graphOf([a, b]);
    const result = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: PERES }, excludeNodes: [BEILIN] }));
    expect(result.paths).toEqual([]);
    expect(result.stopReason).toBe('NO_LINK_ONWARD');
  });

  it('stops and says so when the deadline has passed', () => {
    const { graph } = graphOf([link('REPORTED_TO', HIRSCHFELD, BEILIN, '1993-01-23')]);
    const result = influencePaths(graph, query({ from: [HIRSCHFELD], to: { kind: 'node', id: RABIN }, deadline: performance.now() - 1 }));
    expect(result.paths).toEqual([]);
    expect(result.stopReason).toBe('BUDGET');
    expect(result.budgetExceeded).toBe(true);
  });

  it('rejects a link to a node that does not exist', () => {
    expect(() => buildGraph([], [link('MET', BEILIN, PERES)])).toThrow(GraphError);
  });
});

describe('targetsReached', () => {
  it('gives each decision-maker its fewest hops and earliest arrival', () => {
    const report = link('REPORTED_TO', HIRSCHFELD, BEILIN, '1993-01-23');
    const toPeres = link('BRIEFED', BEILIN, PERES, '1993-02-01');
    const toRabin = link('BRIEFED', PERES, RABIN, '1993-04-10');
    const peresTerm = link('HELD_OFFICE', PERES, ISRAEL, '1992-07-13/1995-11-04', { rank: 'leader' });
    const rabinTerm = link('HELD_OFFICE', RABIN, ISRAEL, '1992-07-13/1995-11-04', { rank: 'head' });
    const { graph } = graphOf([report, toPeres, toRabin, peresTerm, rabinTerm]);
    expect(targetsReached(graph, { from: [HIRSCHFELD], to: { kind: 'decisionMaker' }, mode: 'POTENTIAL', maxHops: 6 })).toEqual([
      { personId: PERES, governmentId: ISRAEL, hops: 3, arrival: dayOf('1993-02-01') },
      { personId: RABIN, governmentId: ISRAEL, hops: 4, arrival: dayOf('1993-04-10') },
    ]);
  });
});

describe('brokers', () => {
  it('finds the mentor whose removal cuts the channel off from the prime minister', () => {
    const participants = [HIRSCHFELD, LARSEN];
    const links = [
      link('PARTICIPATED_IN', HIRSCHFELD, OSLO, '1992-12-04/1993-09-13'),
      link('PARTICIPATED_IN', LARSEN, OSLO, '1992-12-04/1993-09-13'),
      link('MENTORED', BEILIN, OSLO, '1992-12/1993-09-13'),
      link('BRIEFED', BEILIN, PERES, '1993-02~'),
      link('BRIEFED', PERES, RABIN, '1993-05-01'),
      link('BRIEFED', BEILIN, RABIN, '1993-08-01'),
      link('REPORTED_TO', LARSEN, QUREI, '1993-01-10'),
      link('HELD_OFFICE', RABIN, ISRAEL, '1992-07-13/1995-11-04', { rank: 'head' }),
    ];
    const { graph } = graphOf(links);
    const ranked = brokers(graph, { sources: participants, target: { kind: 'government', id: ISRAEL }, mode: 'POTENTIAL', maxHops: 6 });
    expect(ranked.map((b) => b.personId)).toEqual([BEILIN, PERES]);
    // Without Beilin no participant reaches Rabin at all: he is the leader lost.
    expect(ranked[0]).toEqual({ personId: BEILIN, pathsThrough: 4, pairsThrough: 2, targetsLost: 2, extraHops: 0, laterArrivalDays: 0, leadersLost: [RABIN] });
    // Without Peres, Beilin's own briefing still gets through in as few hops, three months later, for both participants.
    expect(ranked[1]).toMatchObject({ personId: PERES, pathsThrough: 2, targetsLost: 0, extraHops: 0, laterArrivalDays: 2 * (dayOf('1993-08-01') - dayOf('1993-05-01')), leadersLost: [] });
  });

  it('measures a detour: removing a broker with a slower alternative costs hops and days, not the target', () => {
    const links = [
      link('BRIEFED', HIRSCHFELD, BEILIN, '1993-01-01'),
      link('BRIEFED', BEILIN, RABIN, '1993-01-05'),
      link('BRIEFED', HIRSCHFELD, LARSEN, '1993-01-01'),
      link('BRIEFED', LARSEN, PERES, '1993-02-01'),
      link('BRIEFED', PERES, RABIN, '1993-03-01'),
      link('HELD_OFFICE', RABIN, ISRAEL, '1992-07-13/1995-11-04', { rank: 'head' }),
    ];
    const { graph } = graphOf(links);
    const [first] = brokers(graph, { sources: [HIRSCHFELD], target: { kind: 'decisionMaker' }, mode: 'POTENTIAL', maxHops: 6 });
    expect(first).toMatchObject({ personId: BEILIN, targetsLost: 0, extraHops: 1, laterArrivalDays: dayOf('1993-03-01') - dayOf('1993-01-05') });
  });
});

describe('who met whom', () => {
  it('links two people who attended the same session, with its date and place', () => {
    const { graph } = graphOf([link('MET', LARSEN, BEILIN, '1992-09', { place: 'Tel Aviv' })], [HIRSCHFELD, QUREI, 'session/oslo-1992-london']);
    const sessions = [{ id: 'session/oslo-1992-london', channelId: OSLO, when: parseWhen('1992-12-04'), place: 'London', attendees: [HIRSCHFELD, QUREI, LARSEN], citations: [{ source: 'source/waage' }] }];
    const coPresence = buildCoPresence(graph, sessions);
    const [chain] = whoMetWhom(coPresence, HIRSCHFELD, QUREI);
    expect(chain.people).toEqual([HIRSCHFELD, QUREI]);
    expect(chain.hops[0]).toMatchObject({ kind: 'session', viaId: 'session/oslo-1992-london', place: 'London', strength: 'strong' });
    expect(chain.hops[0].when?.text).toBe('1992-12-04');

    const toBeilin = whoMetWhom(coPresence, QUREI, BEILIN);
    expect(toBeilin.map((c) => c.people)).toEqual([[QUREI, LARSEN, BEILIN], [QUREI, HIRSCHFELD, LARSEN, BEILIN]]);
    expect(toBeilin[0].hops.map((h) => h.kind)).toEqual(['session', 'met']);

    const before = whoMetWhom(coPresence, HIRSCHFELD, QUREI, { from: dayOf('1992-01-01'), to: dayOf('1992-11-30') });
    expect(before).toEqual([]);
  });

  it('prefers a meeting over overlapping channel membership, which it labels weak', () => {
    const links = [
      link('PARTICIPATED_IN', HIRSCHFELD, OSLO, '1992-12-04/1993-09-13'),
      link('PARTICIPATED_IN', QUREI, OSLO, '1992-12-04/1993-09-13'),
      link('MET', HIRSCHFELD, QUREI, '1993-01-21', { place: 'Sarpsborg' }),
    ];
    const { graph } = graphOf(links);
    const chains = whoMetWhom(buildCoPresence(graph, []), HIRSCHFELD, QUREI);
    expect(chains.map((c) => c.hops[0].kind)).toEqual(['met', 'channel']);
    expect(chains[1].hops[0].strength).toBe('weak');
  });
});

describe('channel reach', () => {
  it('groups the leaders reached by side and lists the participant who reached no one', () => {
    const links = [
      link('PARTICIPATED_IN', HIRSCHFELD, OSLO, '1992-12-04/1993-09-13'),
      link('PARTICIPATED_IN', QUREI, OSLO, '1992-12-04/1993-09-13'),
      link('PARTICIPATED_IN', LARSEN, OSLO, '1992-12-04/1993-09-13'),
      link('REPORTED_TO', HIRSCHFELD, BEILIN, '1993-01-23'),
      link('BRIEFED', BEILIN, RABIN, '1993-02-10'),
      link('REPORTED_TO', QUREI, ARAFAT, '1992-12-10'),
      link('HELD_OFFICE', RABIN, ISRAEL, '1992-07-13/1995-11-04', { rank: 'head' }),
      link('HELD_OFFICE', ARAFAT, PLO, '1969/2004-11-11', { rank: 'head' }),
    ];
    const { graph } = graphOf(links);
    const reach = channelReach(graph, OSLO, [HIRSCHFELD, QUREI, LARSEN]);
    expect(reach.participantsReachingNoOne).toEqual([LARSEN]);
    expect(reach.bySide.map((s) => s.side)).toEqual(['israel', 'plo']);
    const israel = reach.bySide[0].governments[0];
    expect(israel.leaders).toEqual([{ personId: RABIN, byParticipant: HIRSCHFELD, hops: 3, earliestArrival: dayOf('1993-02-10') }]);
    expect(israel.bestPath?.nodes).toEqual([HIRSCHFELD, BEILIN, RABIN, ISRAEL]);
    const plo = reach.bySide[1].governments[0];
    expect(plo.leaders[0]).toMatchObject({ personId: ARAFAT, byParticipant: QUREI, hops: 2, earliestArrival: dayOf('1992-12-10') });
  });
});
