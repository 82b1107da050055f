// Answer building: engine results become GraphQL values, and this is the one place that writes their sentences
// (a hop, a link, why a search found nothing). Nodes and links are left as per-request loader promises, so that one
// round trip serves a whole answer; resolvers settle them (entities.ts, settled).
import { formatWhen, isoOf, parseWhen } from '../core/dates.ts';
import { LINK_TYPES, type LinkType } from '../core/model.ts';
import type { InfluencePath, InfluenceResult } from '../engine/influence-paths.ts';
import type { ChannelReach } from '../engine/channel-reach.ts';
import type { Broker } from '../engine/brokers.ts';
import type { CoPresenceChain as Chain } from '../engine/who-met-whom.ts';
import type { Snapshot } from '../store/snapshot.ts';
import { interval } from './entities.ts';
import type { Loaders } from './loaders.ts';

const dayIso = (day: number | null | undefined) => (day === null || day === undefined || !Number.isFinite(day) ? null : isoOf(day));

/** A day number as the dataset writes dates in prose ("4 Dec 1992"). */
export function formatDay(day: number): string {
  return formatWhen(parseWhen(isoOf(day)));
}

const STOP_WORDS: Record<string, string> = {
  NO_LINK_ONWARD: 'nothing links onward from there towards the target with the chosen mode, link types and exclusions',
  OUT_OF_WINDOW: 'the next hop cannot happen inside the time window, or only before the previous hop',
  HOP_LIMIT: 'the target can only be reached in more hops than the hop limit',
  BLOCKED: 'the only routes go through transmissions that were rejected, disowned or ignored (set includeBlocked to see them)',
  BUDGET: 'the time budget for one query ran out; narrow the query (a window, fewer hops, fewer alternatives)',
};

/** "Yossi Beilin briefed Shimon Peres (Jan–Mar 1993)": one link in words, with the names it joins. */
export function linkSentence(
  link: { type: LinkType; from: string; to: string; title?: string | null; role?: string | null; when?: string | null },
  fromName: string, toName: string, opts: { undated?: string } = {},
): string {
  const extra = link.type === 'HELD_OFFICE' && link.title ? ` as ${link.title}`
    : link.role && link.type === 'PARTICIPATED_IN' ? ` as ${link.role}` : '';
  const when = interval(link.when);
  return `${fromName} ${LINK_TYPES[link.type].verb} ${toName}${extra}${when ? ` (${when.label})` : opts.undated ?? ''}`;
}

/** The answer when a channel began after the window closed: nothing it produced can have travelled inside it. */
export function channelTooLate(snap: Snapshot, start: { name: string }, began: number, windowEnd: number) {
  return {
    paths: [], static: false, stopReason: 'OUT_OF_WINDOW', closest: null, datasetVersion: snap.version,
    explanation: `No path: ${start.name} began ${formatDay(began)}, after the time window closes (${formatDay(windowEnd)}).`,
  };
}

/** Engine result → GraphQL PathResult (nodes and links resolved by the per-request loaders). */
export function pathResult(loaders: Loaders, snap: Snapshot, result: InfluenceResult, maxHops: number) {
  const name = (id: string) => snap.nodes.get(id)?.name ?? id;
  const paths = result.paths.map((p, i) => pathAnswer(loaders, snap, p, i + 1));
  let explanation: string | null = null;
  if (result.paths.length === 0) {
    const reason = result.stopReason ? STOP_WORDS[result.stopReason].replace('the hop limit', `the hop limit (${maxHops})`) : 'no route was found';
    const closest = result.closest;
    const at = closest && closest.hopsFromSource === 0 ? `${name(closest.nodeId)}, the start,` : closest ? `${name(closest.nodeId)} (${closest.hopsFromSource} hop${closest.hopsFromSource === 1 ? '' : 's'} from the start${closest.bestArrival !== null ? `, reached ${formatDay(closest.bestArrival)}` : ''})` : 'the start';
    const broken = result.brokenHop ? snap.links.find((l) => l.id === result.brokenHop!.linkId) : undefined;
    const brokenWords = broken ? `: ${name(broken.from)} ${LINK_TYPES[broken.type].verb} ${name(broken.to)}${broken.when ? ` (${formatWhen(broken.when)})` : ''} does not fit` : '';
    explanation = `No path: the search stopped at ${at} because ${reason}${brokenWords}.`;
  }
  return {
    paths,
    static: result.static,
    stopReason: result.paths.length === 0 ? result.stopReason : result.budgetExceeded ? 'BUDGET' : null,
    explanation,
    closest: result.closest
      ? {
          node: loaders.node.load(result.closest.nodeId),
          hops: result.closest.hopsFromSource,
          arrival: dayIso(result.closest.bestArrival),
          brokenLink: result.brokenHop ? loaders.link.load(result.brokenHop.linkId) : null,
        }
      : null,
    datasetVersion: snap.version,
  };
}

/** One ranked path: its hops in words, its arrival range and its evidence. */
export function pathAnswer(loaders: Loaders, snap: Snapshot, p: InfluencePath, rank: number) {
  const name = (id: string) => snap.nodes.get(id)?.name ?? id;
  return {
    rank,
    hopCount: p.hops.length,
    hops: p.hops.map((h) => ({
      link: loaders.link.load(h.link.id),
      from: loaders.node.load(h.fromId),
      to: loaders.node.load(h.toId),
      against: h.against,
      instant: dayIso(h.instant),
      sentence: `${name(h.link.from)} ${LINK_TYPES[h.link.type].verb} ${name(h.link.to)}${h.link.type === 'HELD_OFFICE' && h.link.title ? ` as ${h.link.title}` : ''}${h.link.when ? ` (${formatWhen(h.link.when)})` : ' (undated)'}`,
    })),
    nodes: p.nodes.map((id) => loaders.node.load(id)),
    arrival: dayIso(p.arrival),
    arrivalLabel: p.arrival === null ? null : formatDay(p.arrival),
    earliestArrival: dayIso(p.arrival),
    latestArrival: dayIso(p.latestArrival),
    arrivalRangeLabel: p.arrival === null ? null
      : p.latestArrival === null ? `${formatDay(p.arrival)} or later`
      : p.latestArrival === p.arrival ? formatDay(p.arrival) : `${formatDay(p.arrival)} – ${formatDay(p.latestArrival)}`,
    certain: p.certain,
    evidence: p.evidence,
    strength: p.strength,
    weakestHop: p.weakestHop,
    source: loaders.node.load(p.source),
    decisionMaker: p.target.personId ? loaders.node.load(p.target.personId) : null,
    government: p.target.governmentId ? loaders.node.load(p.target.governmentId) : null,
  };
}

/** whoMetWhom's chains, with the words for none. */
export function chainsAnswer(loaders: Loaders, snap: Snapshot, chains: Chain[], a: string, b: string, windowed: boolean) {
  const name = (id: string) => snap.nodes.get(id)?.name ?? id;
  return {
    chains: chains.map((c) => ({
      people: c.people.map((id) => loaders.node.load(id)),
      hops: c.hops.map((h) => ({
        from: loaders.node.load(h.fromId),
        to: loaders.node.load(h.toId),
        kind: h.kind === 'met' ? 'MET' : h.kind === 'session' ? 'SESSION' : 'CHANNEL_OVERLAP',
        when: h.when ? interval(h.when.text) : null,
        place: h.place ?? null,
        session: h.kind === 'session' ? loaders.node.load(h.viaId) : null,
        channel: h.kind === 'channel' ? loaders.node.load(h.viaId) : null,
        link: h.kind === 'met' ? loaders.link.load(h.viaId) : null,
        citations: h.citations,
      })),
    })),
    explanation: chains.length === 0
      ? `No documented chain of meetings links ${name(a)} and ${name(b)}${windowed ? ' in that window' : ''} within 6 steps.`
      : null,
  };
}

/** channelReach: per side, the governments and leaders reached, by whom, how fast, the best path to each, and where
 *  it stopped on the sides it reached nowhere (each as influencePaths would explain its no-path answer). */
export function reachAnswer(
  loaders: Loaders, snap: Snapshot, channel: unknown, participants: string[], reach: ChannelReach,
  stops: () => { side: string; governmentId: string; result: InfluenceResult }[], maxHops: number,
) {
  return {
    channel,
    participants: participants.map((id) => loaders.node.load(id)),
    sides: reach.bySide.map((side) => ({
      side: side.side,
      governments: side.governments.map((g) => ({
        government: loaders.node.load(g.governmentId),
        hops: g.hops,
        arrival: dayIso(g.earliestArrival),
        bestPath: g.bestPath ? pathAnswer(loaders, snap, g.bestPath, 1) : null,
        leaders: g.leaders.map((l) => ({
          leader: loaders.node.load(l.personId),
          by: loaders.node.load(l.byParticipant),
          hops: l.hops,
          arrival: dayIso(l.earliestArrival),
        })),
      })),
    })),
    unreached: reach.participantsReachingNoOne.map((id) => loaders.node.load(id)),
    // A function, left alone by settled(): ChannelReach.stopped calls it (and settles it) only when a query asks.
    stopped: () => stops().map((stop) => {
      const answer = pathResult(loaders, snap, stop.result, maxHops);
      return { side: stop.side, government: loaders.node.load(stop.governmentId), stopReason: answer.stopReason, explanation: answer.explanation ?? 'No path.', closest: answer.closest };
    }),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Yossi Beilin is on 5 counted paths …": what passes through a broker, and what is lost without them. */
export function brokerSentence(name: string, b: Broker, leadersLost: string[] = []): string {
  const through = `${name} is on ${plural(b.pathsThrough, 'counted path')}, between ${plural(b.pairsThrough, 'participant–decision-maker pair')}.`;
  const kept = b.pairsThrough - b.targetsLost;
  const cost = b.extraHops === 0 && b.laterArrivalDays === 0 ? 'as fast and in as few hops'
    : `with ${[b.extraHops ? `${plural(b.extraHops, 'more hop')}` : '', b.laterArrivalDays ? `${plural(b.laterArrivalDays, 'day')} later` : ''].filter(Boolean).join(' and ')}, summed over those pairs`;
  const without = b.pairsThrough === 0 ? `Nothing is lost without ${name}.`
    : kept === 0 ? `Without ${name}, ${b.pairsThrough === 1 ? 'that pair is no longer' : 'none of them is'} reached at all.`
    : b.targetsLost === 0 ? `Without ${name}, all of them are still reached, ${cost}.`
    : `Without ${name}, ${b.targetsLost} of them ${b.targetsLost === 1 ? 'is' : 'are'} no longer reached at all; the other ${kept} ${kept === 1 ? 'is' : 'are'} still reached, ${cost}.`;
  const nobody = leadersLost.length === 0 ? '' : `: no participant reaches ${leadersLost.length === 1 ? leadersLost[0] : `${leadersLost.slice(0, -1).join(', ')} or ${leadersLost.at(-1)}`} any more`;
  return `${through} ${nobody ? without.replace(/\.$/, nobody + '.') : without}`;
}

/** A broker as GraphQL answers it: the engine's counts, the person, and the counts in words. */
export function brokerAnswer(loaders: Loaders, snap: Snapshot, b: Broker) {
  const name = (id: string) => snap.nodes.get(id)?.name ?? id;
  return { ...b, person: loaders.node.load(b.personId), leadersLost: b.leadersLost.map((id) => loaders.node.load(id)), sentence: brokerSentence(name(b.personId), b, b.leadersLost.map(name)) };
}
