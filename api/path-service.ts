// Runs the influence-path engine over a projection of the graph, cached per dataset version, and turns
// its results into GraphQL values. Neo4j stays the store of record: every hop is a link that exists there.
import type { Db } from '../store/neo4j.ts';
import { checkId, checkInt, LIMITS, parseWindow, requireNode, type Window } from './arguments.ts';
import { badInput, limitExceeded } from '../store/errors.ts';
import { formatWhen, isoOf, parseWhen, type When } from '../core/dates.ts';
import { isLinkType, LINK_TYPES, type Confidence, type LinkType, type NodeKind, type OfficeRank, type Outcome } from '../core/model.ts';
import { buildGraph, TYPE_CODE, type GraphLink, type GraphNode, type TemporalGraph } from '../engine/graph.ts';
import { influencePaths, type InfluencePath, type InfluenceResult, type PathTarget } from '../engine/influence-paths.ts';
import type { PathMode, RankBy, TimeMode } from '../engine/rules.ts';
import { interval, type StoredNode } from './entities.ts';
import { buildCoPresence, whoMetWhom, type CoPresence } from '../engine/who-met-whom.ts';
import { channelReach } from '../engine/channel-reach.ts';
import { brokers } from '../engine/brokers.ts';
import { EntityCache } from './entity-cache.ts';
import type { KnownLinks, Loaders } from './loaders.ts';
import { incidenceOf } from '../engine/neighbourhood.ts';

export interface DatasetInfo {
  version: string;
  sequence: number | null;
  counts: Record<string, number>;
  citedShare: number;
  datedShare: number;
  loadedAt: string | null;
}

export interface SessionRecord {
  id: string;
  channelId: string;
  when?: When;
  place?: string;
  attendees: string[];
  citations: { source: string; locator?: string }[];
}

/** One consistent picture of the graph for the engine, tied to the dataset version it was read from. */
export interface Snapshot {
  version: string;
  graph: TemporalGraph;
  nodes: Map<string, GraphNode>;
  links: GraphLink[];
  /** Neo4j element id of each link (parallel to links): read again by a direct seek while this version lasts. */
  elementIds: string[];
  sessions: SessionRecord[];
  /** Participants (PARTICIPATED_IN) per channel id. */
  participants: Map<string, string[]>;
  /** Person id → the channels they took part in (what a path from them may carry). */
  channelsOf: Map<string, string[]>;
  builtMs: number;
}

const VERSION_TTL_MS = 1_000;
const SNAPSHOT_TIMEOUT_MS = 300_000;

function safeWhen(text: unknown): When | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return parseWhen(text);
  } catch {
    return undefined;
  }
}

function citationsOf(json: unknown): { source: string; locator?: string }[] {
  try {
    return typeof json === 'string' ? (JSON.parse(json) as { source: string; locator?: string }[]) : [];
  } catch {
    return [];
  }
}

const dayIso = (day: number | null | undefined) => (day === null || day === undefined || !Number.isFinite(day) ? null : isoOf(day));

const STOP_WORDS: Record<string, string> = {
  NO_LINK_ONWARD: 'nothing links onward from there towards the target with the chosen mode, link types and exclusions',
  OUT_OF_WINDOW: 'the next hop cannot happen inside the time window, or only before the previous hop',
  HOP_LIMIT: 'the target can only be reached in more hops than the hop limit',
  BLOCKED: 'the only routes go through transmissions that were rejected, disowned or ignored (set includeBlocked to see them)',
  BUDGET: 'the time budget for one query ran out; narrow the query (a window, fewer hops, fewer alternatives)',
};

export class PathService {
  private snapshotPromise: Promise<Snapshot> | null = null;
  /** The newest snapshot that finished building. */
  private built: Snapshot | null = null;
  private versionChecked = 0;
  private knownVersion: string | null = null;

  /** Nodes and links read for earlier requests of the current version (see entity-cache.ts). */
  readonly entities = new EntityCache();

  constructor(private readonly db: Db, private readonly budgetMs: number) {}

  private metaCache: { at: number; rows: Promise<Awaited<ReturnType<Db['read']>>> } | null = null;

  /** Forgets the cached meta after a write in this process, so the next read sees the new version at once. */
  invalidate(): void {
    this.metaCache = null;
    this.versionChecked = 0;
    this.entities.clear();
  }

  /**
   * The shared entity cache, emptied if the dataset changed since the last request; none when the version cannot be
   * read (Neo4j away), so that such a request reads everything afresh and fails the way it always did.
   */
  async entityCache(): Promise<EntityCache | undefined> {
    try {
      const version = (await this.meta())[0]?.version as string | undefined;
      if (version === undefined) return undefined;
      this.entities.sync(version);
      return this.entities;
    } catch {
      return undefined;
    }
  }

  /** The dataset meta row, read at most once a second: every query asks for the version. */
  private meta() {
    const now = performance.now();
    if (!this.metaCache || now - this.metaCache.at > VERSION_TTL_MS) {
      const rows = this.db.read('dataset-meta');
      rows.catch(() => {
        this.metaCache = null;
      });
      this.metaCache = { at: now, rows };
    }
    return this.metaCache.rows;
  }

  async datasetInfo(): Promise<DatasetInfo> {
    const rows = await this.meta();
    const meta = rows[0];
    if (!meta) {
      return { version: 'empty', sequence: null, counts: { people: 0, institutions: 0, governments: 0, channels: 0, sessions: 0, documents: 0, sources: 0, links: 0 }, citedShare: 0, datedShare: 0, loadedAt: null };
    }
    const counts = JSON.parse(String(meta.counts ?? '{}')) as Record<string, number>;
    return {
      version: String(meta.version),
      sequence: (meta.sequence as number | null) ?? null,
      counts,
      citedShare: Number(meta.citedShare ?? 0),
      datedShare: Number(meta.datedShare ?? 0),
      loadedAt: (meta.loadedAt as string | null) ?? null,
    };
  }

  /** What the built snapshot of this version knows about links, for the per-request loaders (see loaders.ts). */
  knownLinks(version: string | null): KnownLinks | undefined {
    const snap = version === null ? null : this.builtSnapshot(version);
    if (!snap) return undefined;
    const graph = snap.graph;
    return {
      elementId: (linkId) => {
        const i = graph.linkIndex.get(linkId);
        return i === undefined ? undefined : snap.elementIds[i];
      },
      linkIdsOf: (nodeId, types) => {
        const v = graph.nodeIndex.get(nodeId);
        if (v === undefined) return undefined;
        const { start, links } = incidenceOf(graph);
        const codes = types ? new Set(types.map((t) => (isLinkType(t) ? TYPE_CODE[t] : -1))) : null;
        const ids: string[] = [];
        for (let k = start[v]; k < start[v + 1]; k++) {
          if (!codes || codes.has(graph.linkType[links[k]])) ids.push(graph.links[links[k]].id);
        }
        return ids;
      },
    };
  }

  /** The snapshot of this version if it is already built; never waits for one (a 1M-link projection takes a while). */
  builtSnapshot(version: string): Snapshot | null {
    return this.built?.version === version ? this.built : null;
  }

  /** The engine's graph for the current dataset version; rebuilt only when the version changes. */
  async snapshot(): Promise<Snapshot> {
    const now = performance.now();
    if (this.snapshotPromise && now - this.versionChecked < VERSION_TTL_MS) return this.snapshotPromise;
    const version = (await this.meta())[0]?.version as string | undefined ?? 'empty';
    this.versionChecked = performance.now();
    if (!this.snapshotPromise || version !== this.knownVersion) {
      this.knownVersion = version;
      this.snapshotPromise = this.build(version).catch((err) => {
        this.snapshotPromise = null;
        throw err;
      });
    }
    return this.snapshotPromise;
  }

  private async build(version: string): Promise<Snapshot> {
    const started = performance.now();
    // Reading the whole graph takes longer than one user query may: it gets its own, larger timeout.
    const timeoutMs = SNAPSHOT_TIMEOUT_MS;
    const [nodeRows, linkRows, sessionRows] = await Promise.all([
      this.db.read('projection-nodes', {}, { timeoutMs }),
      this.db.read('projection-links', {}, { timeoutMs }),
      this.db.read('projection-sessions', {}, { timeoutMs }),
    ]);
    const nodes = new Map<string, GraphNode>();
    for (const r of nodeRows) {
      nodes.set(r.id as string, { id: r.id as string, kind: r.kind as NodeKind, name: r.name as string, side: (r.side as string | null) ?? undefined });
    }
    const links: GraphLink[] = [];
    const elementIds: string[] = [];
    const participants = new Map<string, string[]>();
    const channelsOf = new Map<string, string[]>();
    for (const r of linkRows) {
      const type = r.type as string;
      if (!isLinkType(type) || !nodes.has(r.from as string) || !nodes.has(r.to as string)) continue;
      links.push({
        id: r.id as string, type, from: r.from as string, to: r.to as string,
        when: safeWhen(r.when), confidence: r.confidence as Confidence,
        outcome: (r.outcome as Outcome | null) ?? undefined, rank: (r.rank as OfficeRank | null) ?? undefined,
        title: (r.title as string | null) ?? undefined, place: (r.place as string | null) ?? undefined,
        about: (r.about as string | null) ?? undefined,
        citations: citationsOf(r.citationsJson),
      });
      elementIds.push(r.eid as string);
      if (type === 'PARTICIPATED_IN') {
        const list = participants.get(r.to as string) ?? [];
        if (!list.includes(r.from as string)) list.push(r.from as string);
        participants.set(r.to as string, list);
        const channels = channelsOf.get(r.from as string) ?? [];
        if (!channels.includes(r.to as string)) channels.push(r.to as string);
        channelsOf.set(r.from as string, channels);
      }
    }
    const sessions: SessionRecord[] = sessionRows.map((r) => ({
      id: r.id as string, channelId: r.channelId as string, when: safeWhen(r.when), place: (r.place as string | null) ?? undefined,
      attendees: (r.attendees as string[]) ?? [], citations: citationsOf(r.citationsJson),
    }));
    const graph = buildGraph([...nodes.values()], links);
    const snap = { version, graph, nodes, links, elementIds, sessions, participants, channelsOf, builtMs: performance.now() - started };
    this.built = snap;
    return snap;
  }

  /** Sources for a path query: a person, or every participant of a channel. */
  async sourcesOf(loaders: Loaders, id: string, snap: Snapshot): Promise<{ node: StoredNode; sources: string[] }> {
    const node = await requireNode(loaders, id, 'from', ['Person', 'Channel']);
    if (node.kind === 'Person') return { node, sources: [node.id] };
    const sources = trackTwoParticipants(node, snap);
    if (sources.length === 0) throw badInput(`channel '${id}' has no recorded participants to start from`, { argument: 'from' });
    return { node, sources };
  }

  async targetOf(loaders: Loaders, id: unknown): Promise<PathTarget> {
    if (id === null || id === undefined) return { kind: 'decisionMaker' };
    const node = await requireNode(loaders, id as string, 'to');
    return node.kind === 'Government' ? { kind: 'government', id: node.id } : { kind: 'node', id: node.id };
  }

  checkExclude(exclude: unknown): { nodes: string[]; links: string[] } {
    if (exclude === null || exclude === undefined) return { nodes: [], links: [] };
    const list = exclude as string[];
    if (list.length > LIMITS.exclude) throw limitExceeded('exclude', LIMITS.exclude, `exclude may name at most ${LIMITS.exclude} nodes or links`);
    const nodes: string[] = [];
    const links: string[] = [];
    for (const x of list) {
      if (typeof x !== 'string' || x.length > 400) throw badInput('exclude entries are node ids (person/…) or link ids', { argument: 'exclude' });
      if (/^[A-Z_]+:/.test(x) || x.startsWith('link/')) links.push(x);
      else nodes.push(checkId(x, 'exclude'));
    }
    return { nodes, links };
  }

  checkLinkTypes(types: unknown): LinkType[] | undefined {
    if (types === null || types === undefined) return undefined;
    return (types as string[]).map((t) => {
      if (!isLinkType(t)) throw badInput(`unknown link type ${t}`, { argument: 'linkTypes' });
      return t;
    });
  }

  async influencePaths(loaders: Loaders, args: Record<string, unknown>) {
    const maxHops = checkInt(args.maxHops as number, 'maxHops', 1, LIMITS.maxHops);
    const k = checkInt(args.k as number, 'k', 1, LIMITS.k);
    const window = parseWindow(args.window as { from?: string; to?: string } | null);
    const linkTypes = this.checkLinkTypes(args.linkTypes);
    const exclude = this.checkExclude(args.exclude);
    const snap = await this.snapshot();
    const [{ node: start, sources }, target] = await Promise.all([this.sourcesOf(loaders, checkId(args.from, 'from'), snap), this.targetOf(loaders, args.to)]);
    const time = args.time as TimeMode;
    // A channel's product cannot travel before the channel began: its start bounds the window.
    const began = start.kind === 'Channel' && time !== 'IGNORE' ? safeWhen(start.when)?.startMin : undefined;
    const effective = began !== undefined && Number.isFinite(began) ? { from: Math.max(window?.from ?? -Infinity, began), to: window?.to ?? Infinity } : window;
    if (effective && effective.from > effective.to) {
      return {
        paths: [], static: false, stopReason: 'OUT_OF_WINDOW', closest: null, datasetVersion: snap.version,
        explanation: `No path: ${start.name} began ${formatDay(began!)}, after the time window closes (${formatDay(effective.to)}).`,
      };
    }
    const result = influencePaths(snap.graph, {
      from: sources.filter((s) => !exclude.nodes.includes(s)),
      to: target,
      time,
      window: effective,
      mode: args.mode as PathMode,
      linkTypes,
      excludeNodes: exclude.nodes,
      excludeLinks: exclude.links,
      includeBlocked: args.includeBlocked === true,
      carrying: carryingOf(start, snap),
      rankBy: (args.rankBy as RankBy | null | undefined) ?? 'STRONGEST_EVIDENCE',
      maxHops,
      k,
      deadline: performance.now() + this.budgetMs,
    });
    return this.present(loaders, snap, result, maxHops);
  }

  /** Engine result → GraphQL PathResult (nodes and links resolved by the per-request loaders). */
  present(loaders: Loaders, snap: Snapshot, result: InfluenceResult, maxHops: number) {
    const name = (id: string) => snap.nodes.get(id)?.name ?? id;
    const paths = result.paths.map((p, i) => this.presentPath(loaders, snap, p, i + 1));
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

  presentPath(loaders: Loaders, snap: Snapshot, p: InfluencePath, rank: number) {
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

  /** Co-presence is derived from the same snapshot, so it is built once per dataset version. */
  private coPresenceCache = new WeakMap<Snapshot, CoPresence>();

  private coPresence(snap: Snapshot): CoPresence {
    let cp = this.coPresenceCache.get(snap);
    if (!cp) {
      cp = buildCoPresence(snap.graph, snap.sessions);
      this.coPresenceCache.set(snap, cp);
    }
    return cp;
  }

  async whoMetWhom(loaders: Loaders, args: Record<string, unknown>) {
    const k = checkInt(args.k as number, 'k', 1, LIMITS.k);
    const window = parseWindow(args.window as { from?: string; to?: string } | null);
    const [a, b] = await Promise.all([requireNode(loaders, args.a as string, 'a', ['Person']), requireNode(loaders, args.b as string, 'b', ['Person'])]);
    if (a.id === b.id) throw badInput('a and b are the same person; pick two different people', { argument: 'b' });
    const snap = await this.snapshot();
    const chains = whoMetWhom(this.coPresence(snap), a.id, b.id, window, k);
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
        ? `No documented chain of meetings links ${name(a.id)} and ${name(b.id)}${window ? ' in that window' : ''} within 6 steps.`
        : null,
    };
  }

  async channelReach(loaders: Loaders, args: Record<string, unknown>) {
    const maxHops = checkInt(args.maxHops as number, 'maxHops', 1, LIMITS.maxHops);
    const window = parseWindow(args.window as { from?: string; to?: string } | null);
    const channel = await requireNode(loaders, checkId(args.channel, 'channel'), 'channel', ['Channel']);
    const snap = await this.snapshot();
    const participants = trackTwoParticipants(channel, snap);
    const reach = channelReach(snap.graph, channel.id, participants, {
      window: this.channelWindow(channel, window), mode: args.mode as PathMode, maxHops,
    });
    return {
      channel,
      participants: participants.map((id) => loaders.node.load(id)),
      sides: reach.bySide.map((side) => ({
        side: side.side,
        governments: side.governments.map((g) => ({
          government: loaders.node.load(g.governmentId),
          hops: g.hops,
          arrival: dayIso(g.earliestArrival),
          bestPath: g.bestPath ? this.presentPath(loaders, snap, g.bestPath, 1) : null,
          leaders: g.leaders.map((l) => ({
            leader: loaders.node.load(l.personId),
            by: loaders.node.load(l.byParticipant),
            hops: l.hops,
            arrival: dayIso(l.earliestArrival),
          })),
        })),
      })),
      unreached: reach.participantsReachingNoOne.map((id) => loaders.node.load(id)),
    };
  }

  async brokers(loaders: Loaders, args: Record<string, unknown>) {
    const maxHops = checkInt(args.maxHops as number, 'maxHops', 1, LIMITS.maxHops);
    const limit = checkInt(args.limit as number, 'limit', 1, LIMITS.brokersLimit);
    const window = parseWindow(args.window as { from?: string; to?: string } | null);
    const snap = await this.snapshot();
    let sources: string[] = [];
    let effectiveWindow = window;
    if (args.channel) {
      const channel = await requireNode(loaders, checkId(args.channel, 'channel'), 'channel', ['Channel']);
      sources = trackTwoParticipants(channel, snap);
      effectiveWindow = this.channelWindow(channel, window);
    }
    const from = (args.from as string[] | null | undefined) ?? [];
    if (from.length > LIMITS.exclude) throw limitExceeded('from', LIMITS.exclude, `from may name at most ${LIMITS.exclude} people`);
    for (const id of from) sources.push((await requireNode(loaders, id, 'from', ['Person'])).id);
    if (sources.length === 0) throw badInput('brokers needs a channel or a list of people in from', { argument: 'channel' });
    const target = await this.targetOf(loaders, args.to);
    // As influencePaths: a channel's product, or that of the channels the people named took part in (README, the rules).
    const carrying = [...new Set([...(args.channel ? [checkId(args.channel, 'channel')] : []), ...from.flatMap((id) => snap.channelsOf.get(id) ?? [])])];
    const ranked = brokers(snap.graph, {
      sources: [...new Set(sources)], target, window: effectiveWindow, mode: args.mode as PathMode, maxHops, candidates: limit, carrying,
    });
    return ranked.slice(0, limit).map((b) => ({ ...b, person: loaders.node.load(b.personId) }));
  }

  /** A channel's start bounds the window of anything computed from its participants. */
  private channelWindow(channel: StoredNode, window: Window | undefined): Window | undefined {
    const began = safeWhen(channel.when)?.startMin;
    if (began === undefined || !Number.isFinite(began)) return window;
    return { from: Math.max(window?.from ?? -Infinity, began), to: window?.to ?? Infinity };
  }
}

/** What a path from this start may carry: the channel itself, or every channel the person took part in (README, the rules). */
function carryingOf(start: StoredNode, snap: Snapshot): string[] {
  if (start.kind === 'Channel') return [start.id];
  return snap.channelsOf.get(start.id) ?? [];
}

/**
 * The Track II participants of a channel: those who took part while it was Track II or I½. Officials and
 * leaders who joined once it had become official (Track I) are where paths arrive, not where they start.
 * A channel without recorded phases, or without anyone in them, starts from all its participants.
 */
export function trackTwoParticipants(channel: StoredNode, snap: Snapshot): string[] {
  const all = snap.participants.get(channel.id) ?? [];
  let phases: { track: string; when?: string }[] = [];
  try {
    phases = typeof channel.tracksJson === 'string' ? JSON.parse(channel.tracksJson) : [];
  } catch {
    phases = [];
  }
  const unofficial = phases.filter((p) => p.track !== 'I').map((p) => safeWhen(p.when));
  if (unofficial.length === 0) return all;
  // Certainly overlapping: "joined in May 1993" does not count for a phase that ended in May 1993.
  const overlaps = (w: When | undefined) =>
    unofficial.some((u) => !u || !w || (w.startMax <= u.endMin && w.endMin >= u.startMax));
  const early = new Set(
    snap.links
      .filter((l) => l.type === 'PARTICIPATED_IN' && l.to === channel.id && overlaps(l.when))
      .map((l) => l.from),
  );
  const chosen = all.filter((p) => early.has(p));
  return chosen.length > 0 ? chosen : all;
}

function formatDay(day: number): string {
  return formatWhen(parseWhen(isoOf(day)));
}

export type { Window };
