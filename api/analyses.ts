// The four analyses (influence paths, who met whom, channel reach, brokers): typed arguments checked once,
// the engine run over the current snapshot (store/snapshot.ts), the result handed to answers.ts for its words.
import { badInput, limitExceeded } from '../store/errors.ts';
import { decodeWhen } from '../store/records.ts';
import { carryingOf, trackTwoParticipants, type Snapshot, type Snapshots, type WrittenChange } from '../store/snapshot.ts';
import { influencePaths, type PathTarget } from '../engine/influence-paths.ts';
import { buildCoPresence, whoMetWhom, type CoPresence } from '../engine/who-met-whom.ts';
import { channelReach } from '../engine/channel-reach.ts';
import { brokers } from '../engine/brokers.ts';
import { checkExclude, checkId, checkInt, checkLinkTypes, LIMITS, parseWindow, requireNode, type Window } from './arguments.ts';
import { brokerAnswer, chainsAnswer, channelTooLate, pathResult, reachAnswer } from './answers.ts';
import { EntityCache } from './entity-cache.ts';
import type { StoredNode } from './entities.ts';
import type { Loaders } from './loaders.ts';
import type { QueryBrokersArgs, QueryChannelReachArgs, QueryInfluencePathsArgs, QueryWhoMetWhomArgs } from './schema-types.ts';

/** The order influencePaths ranks its answers in when the query names none (the schema's default too). */
export const DEFAULT_RANK_BY = 'STRONGEST_EVIDENCE' as const;

export class Analyses {
  /** Nodes and links read for earlier requests of the current version (see entity-cache.ts). */
  readonly entities = new EntityCache();
  /** Co-presence is derived from a snapshot, so it is built once per dataset version. */
  private coPresenceCache = new WeakMap<Snapshot, CoPresence>();

  constructor(readonly snapshots: Snapshots, private readonly budgetMs: number) {}

  /** After a write in this process: the next request sees the new version at once, with an empty entity cache. */
  invalidate(): void {
    this.snapshots.invalidate();
    this.entities.clear();
  }

  /**
   * After a change written in this process: the snapshot is updated from the changed items (no whole-graph read, no
   * stall), so the next request sees the change at once; a change it cannot apply that way falls back to invalidate().
   */
  async applied(change: WrittenChange): Promise<void> {
    this.entities.clear();
    await this.snapshots.updated(change);
  }

  /**
   * The shared entity cache, emptied if the dataset changed since the last request; none when the version cannot be
   * read (Neo4j away), so that such a request reads everything afresh and fails the way it always did.
   */
  async entityCache(): Promise<EntityCache | undefined> {
    try {
      const version = await this.snapshots.version();
      if (version === undefined) return undefined;
      this.entities.sync(version);
      return this.entities;
    } catch {
      return undefined;
    }
  }

  /** Sources for a path query: a person, or every Track II participant of a channel. */
  private async sourcesOf(loaders: Loaders, id: string, snap: Snapshot): Promise<{ node: StoredNode; sources: string[] }> {
    const node = await requireNode(loaders, id, 'from', ['Person', 'Channel']);
    if (node.kind === 'Person') return { node, sources: [node.id] };
    const sources = trackTwoParticipants(node, snap);
    if (sources.length === 0) throw badInput(`channel '${id}' has no recorded participants to start from`, { argument: 'from' });
    return { node, sources };
  }

  private async targetOf(loaders: Loaders, id: string | null | undefined): Promise<PathTarget> {
    if (id === null || id === undefined) return { kind: 'decisionMaker' };
    const node = await requireNode(loaders, id, 'to');
    return node.kind === 'Government' ? { kind: 'government', id: node.id } : { kind: 'node', id: node.id };
  }

  async influencePaths(loaders: Loaders, args: QueryInfluencePathsArgs) {
    const maxHops = checkInt(args.maxHops, 'maxHops', 1, LIMITS.maxHops);
    const k = checkInt(args.k, 'k', 1, LIMITS.k);
    const window = parseWindow(args.window);
    const linkTypes = checkLinkTypes(args.linkTypes);
    const exclude = checkExclude(args.exclude);
    const run = (snap: Snapshot) => this.searchPaths(loaders, snap, args, { maxHops, k, window, linkTypes, exclude });
    let snap = await this.snapshots.current();
    let found = await run(snap);
    // An answer from a previous version (a newer one is being built) whose evidence is no longer in Neo4j (a link
    // retired since) cannot be shown: that request waits for the new version instead.
    if (!('tooLate' in found) && await this.evidenceGone(loaders, snap, found.paths.flatMap((p) => p.hops.map((h) => h.link.id)))) {
      snap = await this.snapshots.fresh();
      found = await run(snap);
    }
    if ('tooLate' in found) return found.tooLate;
    return pathResult(loaders, snap, found, maxHops);
  }

  /**
   * True when an answer computed on a previous version (a newer one is being built) cites a link that Neo4j no longer
   * holds (retired since): such an answer cannot show its evidence, so the request waits for the new version.
   */
  private async evidenceGone(loaders: Loaders, snap: Snapshot, linkIds: string[]): Promise<boolean> {
    if (linkIds.length === 0 || snap.version === (await this.snapshots.version())) return false;
    return (await loaders.link.loadMany(linkIds)).some((l) => l === null);
  }

  private async searchPaths(loaders: Loaders, snap: Snapshot, args: QueryInfluencePathsArgs, checked: { maxHops: number; k: number; window: Window | undefined; linkTypes: ReturnType<typeof checkLinkTypes>; exclude: ReturnType<typeof checkExclude> }) {
    const { maxHops, k, window, linkTypes, exclude } = checked;
    const [{ node: start, sources }, target] = await Promise.all([this.sourcesOf(loaders, checkId(args.from, 'from'), snap), this.targetOf(loaders, args.to)]);
    const time = args.time ?? 'RESPECTING';
    // A channel's product cannot travel before the channel began: its start bounds the window.
    const began = start.kind === 'Channel' && time !== 'IGNORE' ? decodeWhen(start.when)?.startMin : undefined;
    const effective = began !== undefined && Number.isFinite(began) ? { from: Math.max(window?.from ?? -Infinity, began), to: window?.to ?? Infinity } : window;
    if (effective && effective.from > effective.to) return { tooLate: channelTooLate(snap, start, began!, effective.to) };
    const result = influencePaths(snap.graph, {
      from: sources.filter((s) => !exclude.nodes.includes(s)),
      to: target,
      time,
      window: effective,
      mode: args.mode ?? 'POTENTIAL',
      linkTypes,
      excludeNodes: exclude.nodes,
      excludeLinks: exclude.links,
      includeBlocked: args.includeBlocked === true,
      carrying: carryingOf(start, snap),
      rankBy: args.rankBy ?? DEFAULT_RANK_BY,
      maxHops,
      k,
      deadline: performance.now() + this.budgetMs,
    });
    return result;
  }

  private coPresence(snap: Snapshot): CoPresence {
    let cp = this.coPresenceCache.get(snap);
    if (!cp) {
      cp = buildCoPresence(snap.graph, snap.sessions);
      this.coPresenceCache.set(snap, cp);
    }
    return cp;
  }

  async whoMetWhom(loaders: Loaders, args: QueryWhoMetWhomArgs) {
    const k = checkInt(args.k, 'k', 1, LIMITS.k);
    const window = parseWindow(args.window);
    const [a, b] = await Promise.all([requireNode(loaders, args.a, 'a', ['Person']), requireNode(loaders, args.b, 'b', ['Person'])]);
    if (a.id === b.id) throw badInput('a and b are the same person; pick two different people', { argument: 'b' });
    const run = (snap: Snapshot) => whoMetWhom(this.coPresence(snap), a.id, b.id, window, k);
    let snap = await this.snapshots.current();
    let chains = run(snap);
    if (await this.evidenceGone(loaders, snap, chains.flatMap((c) => c.hops.filter((h) => h.kind === 'met').map((h) => h.viaId)))) {
      snap = await this.snapshots.fresh();
      chains = run(snap);
    }
    return chainsAnswer(loaders, snap, chains, a.id, b.id, window !== undefined);
  }

  async channelReach(loaders: Loaders, args: QueryChannelReachArgs) {
    const maxHops = checkInt(args.maxHops, 'maxHops', 1, LIMITS.maxHops);
    const window = parseWindow(args.window);
    const channel = await requireNode(loaders, checkId(args.channel, 'channel'), 'channel', ['Channel']);
    const mode = args.mode ?? 'POTENTIAL';
    const run = (snap: Snapshot) => {
      const participants = trackTwoParticipants(channel, snap);
      const reach = channelReach(snap.graph, channel.id, participants, { window: channelWindow(channel, window), mode, maxHops });
      // Where it stopped costs a search per government not reached: done only when a query asks for `stopped`.
      return { participants, reach, stops: () => this.reachStops(snap, channel, participants, reach, { window: channelWindow(channel, window), mode, maxHops }) };
    };
    let snap = await this.snapshots.current();
    let found = run(snap);
    const cited = found.reach.bySide.flatMap((s) => s.governments.flatMap((g) => g.bestPath?.hops.map((h) => h.link.id) ?? []));
    if (await this.evidenceGone(loaders, snap, cited)) {
      snap = await this.snapshots.fresh();
      found = run(snap);
    }
    return reachAnswer(loaders, snap, channel, found.participants, found.reach, found.stops, maxHops);
  }

  /**
   * Where a channel's reach stopped: for each side of its participants whose leaders it reached nowhere, the
   * influencePaths answer (no path, the closest approach, the hop that broke) to each government of that side.
   */
  private reachStops(snap: Snapshot, channel: StoredNode, participants: string[], reach: ReturnType<typeof channelReach>, options: { window: Window | undefined; mode: 'POTENTIAL' | 'DOCUMENTED'; maxHops: number }) {
    const reached = new Set(reach.bySide.filter((s) => s.governments.length > 0).map((s) => s.side));
    const sides = [...new Set(participants.map((id) => snap.nodes.get(id)?.side).filter((side): side is string => Boolean(side) && !reached.has(side!)))].sort();
    const governments = [...snap.nodes.values()].filter((n) => n.kind === 'Government' && n.side !== undefined).sort((a, b) => a.id.localeCompare(b.id));
    const stops: { side: string; governmentId: string; result: ReturnType<typeof influencePaths> }[] = [];
    for (const side of sides) {
      for (const government of governments.filter((g) => g.side === side)) {
        const result = influencePaths(snap.graph, {
          from: participants, to: { kind: 'government', id: government.id }, time: 'RESPECTING', window: options.window, mode: options.mode,
          carrying: carryingOf(channel, snap), rankBy: 'STRONGEST_EVIDENCE', maxHops: options.maxHops, k: 1, deadline: performance.now() + this.budgetMs,
        });
        if (result.paths.length === 0) stops.push({ side, governmentId: government.id, result });
      }
    }
    return stops;
  }

  async brokers(loaders: Loaders, args: QueryBrokersArgs) {
    const maxHops = checkInt(args.maxHops, 'maxHops', 1, LIMITS.maxHops);
    const limit = checkInt(args.limit, 'limit', 1, LIMITS.brokersLimit);
    const window = parseWindow(args.window);
    const snap = await this.snapshots.current();
    let sources: string[] = [];
    let effectiveWindow = window;
    if (args.channel) {
      const channel = await requireNode(loaders, checkId(args.channel, 'channel'), 'channel', ['Channel']);
      sources = trackTwoParticipants(channel, snap);
      effectiveWindow = channelWindow(channel, window);
    }
    const from = args.from ?? [];
    if (from.length > LIMITS.exclude) throw limitExceeded('from', LIMITS.exclude, `from may name at most ${LIMITS.exclude} people`);
    for (const id of from) sources.push((await requireNode(loaders, id, 'from', ['Person'])).id);
    if (sources.length === 0) throw badInput('brokers needs a channel or a list of people in from', { argument: 'channel' });
    const target = await this.targetOf(loaders, args.to);
    // As influencePaths: a channel's product, or that of the channels the people named took part in (README, the rules).
    const carrying = [...new Set([...(args.channel ? [checkId(args.channel, 'channel')] : []), ...from.flatMap((id) => snap.channelsOf.get(id) ?? [])])];
    const ranked = brokers(snap.graph, {
      sources: [...new Set(sources)], target, window: effectiveWindow, mode: args.mode ?? 'POTENTIAL', maxHops, candidates: limit, carrying,
    });
    return ranked.slice(0, limit).map((b) => brokerAnswer(loaders, snap, b));
  }
}

/** A channel's start bounds the window of anything computed from its participants. */
function channelWindow(channel: StoredNode, window: Window | undefined): Window | undefined {
  const began = decodeWhen(channel.when)?.startMin;
  if (began === undefined || !Number.isFinite(began)) return window;
  return { from: Math.max(window?.from ?? -Infinity, began), to: window?.to ?? Infinity };
}
