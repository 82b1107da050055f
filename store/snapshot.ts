// The engine's picture of the graph: one projection of Neo4j per dataset version, read by three whole-graph
// queries and rebuilt only when the version changes. Neo4j stays the store of record: every hop the engine finds
// is a link that exists there. Also the dataset meta (version, counts), which every request asks for.
import type { Db, Row } from './neo4j.ts';
import { decodeJsonList, decodeJsonObject, decodeWhen, graphLinkOf, graphNodeOf, sessionRecordOf, type SessionRecord } from './records.ts';
import type { When } from '../core/dates.ts';
import { isLinkType } from '../core/model.ts';
import { buildGraph, TYPE_CODE, type GraphLink, type GraphNode, type TemporalGraph } from '../engine/graph.ts';
import { incidenceOf } from '../engine/neighbourhood.ts';

export type { SessionRecord };

export interface DatasetInfo {
  version: string;
  sequence: number | null;
  counts: Record<string, number>;
  citedShare: number;
  datedShare: number;
  loadedAt: string | null;
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

/**
 * What the engine's snapshot of the request's dataset version knows about links, for the per-request loaders
 * (api/loaders.ts): their element ids (a direct seek instead of an index probe per relationship type) and which links
 * touch a node. Absent while no snapshot of that version is built; then everything is read by id.
 */
export interface KnownLinks {
  elementId(linkId: string): string | undefined;
  /** Ids of the links touching a node (of these types, or all), or undefined when the snapshot does not hold it. */
  linkIdsOf(nodeId: string, types: readonly string[] | null): string[] | undefined;
}

const VERSION_TTL_MS = 1_000;
const SNAPSHOT_TIMEOUT_MS = 300_000;
const EMPTY_COUNTS = { people: 0, institutions: 0, governments: 0, channels: 0, sessions: 0, documents: 0, sources: 0, links: 0 };

export class Snapshots {
  private snapshotPromise: Promise<Snapshot> | null = null;
  /** The newest snapshot that finished building. */
  private newest: Snapshot | null = null;
  private versionChecked = 0;
  private knownVersion: string | null = null;
  private metaCache: { at: number; rows: Promise<Row[]> } | null = null;

  constructor(private readonly db: Db) {}

  /** Forgets the cached meta after a write in this process, so the next read sees the new version at once. */
  invalidate(): void {
    this.metaCache = null;
    this.versionChecked = 0;
  }

  /** The dataset meta row, read at most once a second: every query asks for the version. */
  private meta(): Promise<Row[]> {
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

  /** The current dataset version, or undefined for an empty database. */
  async version(): Promise<string | undefined> {
    return ((await this.meta())[0]?.version as string | undefined) ?? undefined;
  }

  async datasetInfo(): Promise<DatasetInfo> {
    const meta = (await this.meta())[0];
    if (!meta) return { version: 'empty', sequence: null, counts: { ...EMPTY_COUNTS }, citedShare: 0, datedShare: 0, loadedAt: null };
    return {
      version: String(meta.version),
      sequence: (meta.sequence as number | null) ?? null,
      counts: decodeJsonObject<Record<string, number>>(meta.counts) ?? {},
      citedShare: Number(meta.citedShare ?? 0),
      datedShare: Number(meta.datedShare ?? 0),
      loadedAt: (meta.loadedAt as string | null) ?? null,
    };
  }

  /** The snapshot of this version if it is already built; never waits for one (a 1M-link projection takes a while). */
  built(version: string): Snapshot | null {
    return this.newest?.version === version ? this.newest : null;
  }

  /** What the built snapshot of this version knows about links; undefined when none is built. */
  knownLinks(version: string | null): KnownLinks | undefined {
    const snap = version === null ? null : this.built(version);
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

  /** The engine's graph for the current dataset version; rebuilt only when the version changes. */
  async current(): Promise<Snapshot> {
    const now = performance.now();
    if (this.snapshotPromise && now - this.versionChecked < VERSION_TTL_MS) return this.snapshotPromise;
    const version = (await this.version()) ?? 'empty';
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
    for (const r of nodeRows) nodes.set(r.id as string, graphNodeOf(r));
    const links: GraphLink[] = [];
    const elementIds: string[] = [];
    const participants = new Map<string, string[]>();
    const channelsOf = new Map<string, string[]>();
    for (const r of linkRows) {
      const link = graphLinkOf(r);
      if (!link || !nodes.has(link.from) || !nodes.has(link.to)) continue;
      links.push(link);
      elementIds.push(r.eid as string);
      if (link.type === 'PARTICIPATED_IN') {
        const list = participants.get(link.to) ?? [];
        if (!list.includes(link.from)) list.push(link.from);
        participants.set(link.to, list);
        const channels = channelsOf.get(link.from) ?? [];
        if (!channels.includes(link.to)) channels.push(link.to);
        channelsOf.set(link.from, channels);
      }
    }
    const sessions = sessionRows.map(sessionRecordOf);
    const graph = buildGraph([...nodes.values()], links);
    const snap = { version, graph, nodes, links, elementIds, sessions, participants, channelsOf, builtMs: performance.now() - started };
    this.newest = snap;
    return snap;
  }
}

/**
 * The Track II participants of a channel: those who took part while it was Track II or I½. Officials and
 * leaders who joined once it had become official (Track I) are where paths arrive, not where they start.
 * A channel without recorded phases, or without anyone in them, starts from all its participants.
 */
export function trackTwoParticipants(channel: { id: string; tracksJson?: unknown }, snap: Snapshot): string[] {
  const all = snap.participants.get(channel.id) ?? [];
  const phases = decodeJsonList<{ track: string; when?: string }>(channel.tracksJson);
  const unofficial = phases.filter((p) => p.track !== 'I').map((p) => decodeWhen(p.when));
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

/** What a path from this start may carry: the channel itself, or every channel the person took part in (README, the rules). */
export function carryingOf(start: { id: string; kind: string }, snap: Snapshot): string[] {
  if (start.kind === 'Channel') return [start.id];
  return snap.channelsOf.get(start.id) ?? [];
}
