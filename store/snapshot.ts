// The engine's picture of the graph: one projection of Neo4j per dataset version, read by three whole-graph
// queries when the version changes (in the background, while the previous one answers), or updated from the
// changed items after a write in this process. Neo4j stays the store of record: every hop the engine finds
// is a link that exists there. Also the dataset meta (version, counts), which every request asks for. With a cache
// folder, a full build is also written to a file there (store/snapshot-file.ts), which the next start reads instead.
import type { Db, Row } from './neo4j.ts';
import { readSnapshotFile, SnapshotFileRejected, snapshotFilePath, writeSnapshotFile, type SnapshotKey } from './snapshot-file.ts';
import {
  decodeJsonList, decodeJsonObject, decodeWhen, graphLinkOf, graphNodeOf, sessionRecordOf, storedLinkOf, storedNodeOf,
  type SessionRecord, type StoredLink, type StoredNode,
} from './records.ts';
import type { When } from '../core/dates.ts';
import { isLinkType } from '../core/model.ts';
import { buildGraph, graphFromColumns, linkEndsOf, linkIndexSteps, TYPE_CODE, type BuiltColumns, type GraphLink, type GraphNode, type TemporalGraph } from '../engine/graph.ts';
import { linkIndexOf, patchSteps, spliceList } from '../engine/patch.ts';
import { inRanges, runSteps, runStepsSliced, type Steps } from '../engine/steps.ts';
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
  nodes: ReadonlyMap<string, GraphNode>;
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
  /** A node as Neo4j holds it in this version (its stored properties), or undefined when the snapshot lacks them. */
  node(nodeId: string): StoredNode | undefined;
  /** A link as Neo4j holds it in this version, or undefined when the snapshot lacks its evidence. */
  link(linkId: string): StoredLink | undefined;
}

const VERSION_TTL_MS = 1_000;
const SNAPSHOT_TIMEOUT_MS = 300_000;
const EMPTY_COUNTS = { people: 0, institutions: 0, governments: 0, channels: 0, sessions: 0, documents: 0, sources: 0, links: 0 };

/** What one written change touched, as store/apply.ts reports it: enough to update a snapshot in place. */
export interface WrittenChange {
  previousVersion: string | null;
  version: string | null;
  /** Item by item; empty when the change was too large to list (then only a full rebuild will do). */
  changes: readonly { kind: 'node' | 'link'; id: string; op: string; after: Record<string, unknown> | null }[];
}

/** The rows an incremental update read from Neo4j, and the ids whose old entries they replace. */
export interface SnapshotDelta {
  /** Nodes whose entries, links and sessions are replaced (live ones are in nodeRows, retired ones are absent). */
  nodeIds: readonly string[];
  /** Links replaced by id (live ones are in linkRows). */
  linkIds: readonly string[];
  /** Sessions replaced by id (live ones are in sessionRows). */
  sessionIds: readonly string[];
  nodeRows: Row[];
  linkRows: Row[];
  sessionRows: Row[];
}

/** Where the snapshot file goes (null: none), and where its lines are logged. */
export interface SnapshotOptions {
  cacheDir?: string | null;
  log?: (line: string) => void;
}

/** How the last full build got its picture: from the snapshot file or from Neo4j (and why the file was not used). */
export interface FullBuildReport {
  version: string;
  source: 'file' | 'neo4j';
  ms: number;
  fileNotUsed?: string;
}

export class Snapshots {
  /** The newest snapshot that finished building (full or incremental), and the order its build started in. */
  private newest: Snapshot | null = null;
  private newestTicket = 0;
  private tickets = 0;
  /** The full build under way, if any, and the version it reads. */
  private building: { version: string; promise: Promise<Snapshot> } | null = null;
  /** Set by invalidate(): a write in this process that the newest snapshot may not hold, so the next request waits. */
  private mustWait = false;
  /** The updates after writes in this process, chained (updated()), and the version the last one queued makes. */
  private updates: Promise<unknown> = Promise.resolve();
  private updatingTo: string | null = null;
  private versionChecked = 0;
  private metaCache: { at: number; rows: Promise<Row[]> } | null = null;

  private readonly cacheDir: string | null;
  private readonly log: (line: string) => void;
  /** The last full build: read from the file or from Neo4j. */
  lastFullBuild: FullBuildReport | null = null;
  /** The write of the snapshot file after the last full build from Neo4j, while under way (resolves, never rejects). */
  persisting: Promise<void> | null = null;

  constructor(private readonly db: Db, opts: SnapshotOptions = {}) {
    this.cacheDir = opts.cacheDir ?? null;
    this.log = opts.log ?? (() => {});
  }

  /**
   * Forgets the cached meta after a write in this process, so the next read sees the new version at once; the next
   * request then waits for a snapshot of it (read-your-writes). updated() is the way that does not wait.
   */
  invalidate(): void {
    this.metaCache = null;
    this.versionChecked = 0;
    this.mustWait = true;
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
    // linkIndexOf: the Map once publish has filled it in the background, a binary search until then and on a patched
    // graph. Always the search cost neighbourhood 30% of its p50 at 1M links (thousands of look-ups); a fill on first
    // use, 0.5 s of one request.
    return {
      elementId: (linkId) => {
        const i = linkIndexOf(graph, linkId);
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
      node: (nodeId) => storedNodeOf(snap.nodes.get(nodeId)),
      link: (linkId) => {
        const i = linkIndexOf(graph, linkId);
        return i === undefined ? undefined : storedLinkOf(graph.links[i]);
      },
    };
  }

  /**
   * The engine's graph for the request. When the dataset version has changed, a snapshot of the new version is
   * built in the background while requests go on being answered from the newest built one (each answer carries the
   * version it used, Snapshot.version). Only the first request after a start, and the next request after a write in
   * this process that could not be applied incrementally (invalidate()), wait for the build.
   */
  async current(): Promise<Snapshot> {
    const now = performance.now();
    if (this.newest && !this.mustWait && now - this.versionChecked < VERSION_TTL_MS) return this.newest;
    const version = (await this.version()) ?? 'empty';
    this.versionChecked = performance.now();
    if (this.newest?.version === version) {
      this.mustWait = false;
      return this.newest;
    }
    // The update under way makes this version: no full build beside it; the previous version answers meanwhile.
    if (this.updatingTo === version && this.newest && !this.mustWait) return this.newest;
    const building = this.fullBuild(version);
    if (this.newest && !this.mustWait) return this.newest;
    const snap = await building;
    if (snap.version === version) this.mustWait = false;
    return snap;
  }

  /** The snapshot of the current version, waiting for its build if need be (never the previous one). */
  async fresh(): Promise<Snapshot> {
    const version = (await this.version()) ?? 'empty';
    if (this.updatingTo === version) await this.updates;
    if (this.newest?.version === version) return this.newest;
    return this.fullBuild(version);
  }

  /** The full build of this version: the one under way if it reads the same version, else a new one. */
  private fullBuild(version: string): Promise<Snapshot> {
    if (this.building?.version === version) return this.building.promise;
    const ticket = ++this.tickets;
    const promise = this.build(version).then((snap) => {
      this.publish(snap, ticket);
      return snap;
    }).finally(() => {
      if (this.building?.promise === promise) this.building = null;
    });
    // A background build that fails leaves the newest snapshot answering; the next version check tries again.
    promise.catch(() => {});
    this.building = { version, promise };
    return promise;
  }

  /** Makes a snapshot the newest unless one whose build started later is already published (it read later data). */
  private publish(snap: Snapshot, ticket: number): void {
    if (ticket < this.newestTicket) return;
    this.newest = snap;
    this.newestTicket = ticket;
    // A full build's link ids into a Map, in slices between requests (see KnownLinks); a no-op for a patched graph.
    // Seconds later, not at once: right after a start the first queries would otherwise share the CPU with the fill
    // (a fresh API's first path answered 0.6 s later at 1M links).
    setTimeout(() => runStepsSliced(linkIndexSteps(snap.graph)).catch(() => {}), LINK_INDEX_FILL_DELAY_MS).unref();
  }

  /**
   * After a write in this process: updates the newest snapshot in place of a full rebuild, so that this process's
   * next request sees the write at once and without a stall. It reads only the changed nodes and links by id (and the
   * links and sessions of the changed nodes) and applies them; falls back to invalidate() (the next request waits
   * for a full build) when the newest snapshot is not the version the write started from, or the change was too
   * large to be listed item by item, or anything else was written meanwhile.
   * Returns the updated snapshot, or null when it fell back.
   */
  updated(change: WrittenChange): Promise<Snapshot | null> {
    // One at a time, in the order written: each update starts from the one before it. Until the last one queued is
    // in, a request that reads its version is answered from the newest snapshot rather than starting a full build.
    if (change.version) this.updatingTo = change.version;
    const run = this.updates.then(() => this.update(change)).finally(() => {
      if (this.updatingTo === change.version) this.updatingTo = null;
    });
    this.updates = run.catch(() => {});
    return run;
  }

  private async update(change: WrittenChange): Promise<Snapshot | null> {
    const prev = this.newest;
    const ticket = ++this.tickets;
    const fallBack = () => {
      this.invalidate();
      return null;
    };
    if (!prev || !change.version || prev.version !== change.previousVersion || change.changes.length === 0) return fallBack();
    try {
      const delta = await this.readDelta(prev, change);
      // Another write between the edit's commit and these reads would mix two versions: then rebuild in full.
      const now = (await this.db.read('dataset-meta'))[0]?.version;
      if (now !== change.version) return fallBack();
      // In slices: the requests that arrive meanwhile are answered from prev (their answers say so, datasetVersion).
      const snap = (await runStepsSliced(updateSteps(prev, change.version, delta))).value;
      this.publish(snap, ticket);
      this.metaCache = null;
      this.versionChecked = 0;
      return snap;
    } catch {
      return fallBack();
    }
  }

  /** Reads from Neo4j what the change touched, for updateSnapshot. */
  private async readDelta(prev: Snapshot, change: WrittenChange): Promise<SnapshotDelta> {
    const nodeIds = [...new Set(change.changes.filter((c) => c.kind === 'node').map((c) => c.id))];
    const linkChanges = change.changes.filter((c) => c.kind === 'link');
    const linkIds = [...new Set(linkChanges.map((c) => c.id))];
    const rows = linkChanges
      .filter((c) => c.after && typeof c.after.from === 'string' && typeof c.after.to === 'string')
      .map((c) => ({ id: c.id, from: c.after!.from, to: c.after!.to }));
    // A session's record changes with the session, its channel, or any of its attendees.
    const touched = new Set(nodeIds);
    const sessionIds = new Set(nodeIds.filter((id) => prev.nodes.get(id)?.kind === 'Session'));
    for (const s of prev.sessions) {
      if (touched.has(s.id) || touched.has(s.channelId) || s.attendees.some((a) => touched.has(a))) sessionIds.add(s.id);
    }
    for (const c of change.changes) if (c.kind === 'node' && c.id.startsWith('session/')) sessionIds.add(c.id);
    const ids = [...sessionIds];
    const [nodeRows, byEnds, ofNodes, sessionRows] = await Promise.all([
      nodeIds.length ? this.db.read('projection-nodes-by-ids', { ids: nodeIds }) : [],
      rows.length ? this.db.read('projection-links-by-ends', { rows }) : [],
      nodeIds.length ? this.db.read('projection-links-of-nodes', { ids: nodeIds }) : [],
      ids.length ? this.db.read('projection-sessions-by-ids', { ids }) : [],
    ]);
    return { nodeIds, linkIds, sessionIds: ids, nodeRows, linkRows: [...byEnds, ...ofNodes], sessionRows };
  }

  /**
   * The snapshot of this version: from the snapshot file when it holds this database's current version and sequence
   * (no whole-graph read), else from the three projection queries, then written to the file in the background.
   */
  private async build(version: string): Promise<Snapshot> {
    const started = performance.now();
    const key = this.cacheDir ? await this.fileKey(version) : null;
    let fileNotUsed: string | undefined;
    if (key) {
      try {
        const parts = await readSnapshotFile(this.cacheDir!, key);
        const snap = assemble(version, parts.nodes, parts.links, parts.elementIds, parts.sessions, started, parts.built);
        this.lastFullBuild = { version, source: 'file', ms: snap.builtMs };
        this.log(`snapshot of version ${version} (${snap.links.length} links) read from ${snapshotFilePath(this.cacheDir!, key.identity)} in ${Math.round(snap.builtMs)} ms`);
        return snap;
      } catch (err) {
        // The file is a copy, never trusted: whatever is wrong with it, Neo4j answers instead.
        fileNotUsed = err instanceof SnapshotFileRejected ? err.message : `the snapshot file could not be read: ${(err as Error).message}`;
        this.log(`snapshot file not used: ${fileNotUsed}; reading the projection from Neo4j`);
      }
    }
    // Reading the whole graph takes longer than one user query may: it gets its own, larger timeout.
    const timeoutMs = SNAPSHOT_TIMEOUT_MS;
    const [nodeRows, linkRows, sessionRows] = await Promise.all([
      this.db.read('projection-nodes', {}, { timeoutMs }),
      this.db.read('projection-links', {}, { timeoutMs }),
      this.db.read('projection-sessions', {}, { timeoutMs }),
    ]);
    const snap = snapshotOf(version, nodeRows, linkRows, sessionRows, started);
    this.lastFullBuild = { version, source: 'neo4j', ms: snap.builtMs, ...(fileNotUsed && { fileNotUsed }) };
    if (key) this.persist(key, snap);
    return snap;
  }

  /** What a snapshot file must match now: this database's identity and its dataset's version and sequence. */
  private async fileKey(version: string): Promise<SnapshotKey | null> {
    try {
      const [meta, identity] = await Promise.all([this.db.read('dataset-meta'), this.db.read('database-identity')]);
      const m = meta[0];
      const id = identity[0];
      // Written meanwhile, or an empty database: nothing to match a file against.
      if (!m || String(m.version) !== version || !id) return null;
      return { identity: `${this.db.database}/${String(id.name)}/${String(id.id)}/${String(id.createdAt)}`, version, sequence: (m.sequence as number | null) ?? null };
    } catch (err) {
      this.log(`snapshot file not used: the database's identity could not be read (${(err as Error).message})`);
      return null;
    }
  }

  /**
   * Writes the snapshot file in the background, unless the dataset changed while the projection was read (the rows
   * would then be newer than the key says; the next full build writes the file).
   */
  private persist(key: SnapshotKey, snap: Snapshot): void {
    const write = async () => {
      const now = (await this.db.read('dataset-meta'))[0];
      if (!now || String(now.version) !== key.version || ((now.sequence as number | null) ?? null) !== key.sequence) return;
      const t = performance.now();
      const bytes = await writeSnapshotFile(this.cacheDir!, key, snap);
      this.log(`snapshot of version ${key.version} written to ${snapshotFilePath(this.cacheDir!, key.identity)} (${(bytes / 2 ** 20).toFixed(1)} MiB in ${Math.round(performance.now() - t)} ms)`);
    };
    const previous = this.persisting ?? Promise.resolve();
    this.persisting = previous.then(write).catch((err) => this.log(`snapshot file not written: ${(err as Error).message}`));
  }
}

/** How long after a full build is published its linkIndex Map is filled (in slices): see publish. */
const LINK_INDEX_FILL_DELAY_MS = 3_000;

/** A snapshot from the rows of the three projection queries (a link whose ends are not both projected is left out). */
export function snapshotOf(version: string, nodeRows: Row[], linkRows: Row[], sessionRows: Row[], started = performance.now()): Snapshot {
  const nodes = new Map<string, GraphNode>();
  for (const r of nodeRows) nodes.set(r.id as string, graphNodeOf(r));
  const links: GraphLink[] = [];
  const elementIds: string[] = [];
  for (const r of linkRows) {
    const link = graphLinkOf(r);
    if (!link || !nodes.has(link.from) || !nodes.has(link.to)) continue;
    links.push(link);
    elementIds.push(r.eid as string);
  }
  return assemble(version, nodes, links, elementIds, sessionRows.map(sessionRecordOf), started);
}

/**
 * The snapshot of these nodes, links and sessions: participants per channel, channels per person, the engine graph
 * (from `built`, the columns buildGraph made of the same nodes and links before, when the snapshot file kept them).
 */
export function assemble(version: string, nodes: ReadonlyMap<string, GraphNode>, links: GraphLink[], elementIds: string[], sessions: SessionRecord[], started: number, built?: BuiltColumns): Snapshot {
  const nodeList = [...nodes.values()];
  const graph = built ? graphFromColumns(nodeList, links, built) : buildGraph(nodeList, links);
  // Sets while collecting (a large channel's list would make includes quadratic), lists in first-seen order after.
  const participantSets = new Map<string, Set<string>>();
  const channelSets = new Map<string, Set<string>>();
  // From the graph's columns, in link order: a million link objects are slower to walk than two typed arrays.
  const { from, to } = linkEndsOf(graph);
  const { linkType } = graph;
  const participated = TYPE_CODE.PARTICIPATED_IN;
  for (let i = 0; i < linkType.length; i++) {
    if (linkType[i] !== participated) continue;
    const person = nodeList[from[i]].id;
    const channel = nodeList[to[i]].id;
    let members = participantSets.get(channel);
    if (!members) participantSets.set(channel, (members = new Set()));
    members.add(person);
    let channels = channelSets.get(person);
    if (!channels) channelSets.set(person, (channels = new Set()));
    channels.add(channel);
  }
  const participants = new Map<string, string[]>();
  for (const [channel, members] of participantSets) participants.set(channel, [...members]);
  const channelsOf = new Map<string, string[]>();
  for (const [person, channels] of channelSets) channelsOf.set(person, [...channels]);
  return { version, graph, nodes, links, elementIds, sessions, participants, channelsOf, builtMs: performance.now() - started };
}

/**
 * A new snapshot: the previous one with the delta applied (the previous one is left as it was, for the requests still
 * using it). Entries keep their places, so that an update and a full build of the same data list things alike.
 *
 * Cost: engine/patch.ts patchGraph (the previous graph's typed arrays copied in runs, the changed links encoded), the
 * same splice of the element ids, one pass over the link ends (typed arrays) to find the links of the changed nodes and
 * the participations to list again, and a copy of the two participation maps; no pass over the JS link objects and no
 * Neo4j read beyond the delta (a few index seeks per changed item). `npm run bench` measures it beside a full rebuild.
 */
export function updateSnapshot(prev: Snapshot, version: string, delta: SnapshotDelta): Snapshot {
  return runSteps(updateSteps(prev, version, delta));
}

/**
 * updateSnapshot as steps that yield between chunks of its work (engine/steps.ts): Snapshots.updated runs them in
 * slices, so that requests on the previous snapshot are answered while the next one is made. builtMs is the time
 * from the first step to the last, turns given to other work included.
 */
export function* updateSteps(prev: Snapshot, version: string, delta: SnapshotDelta): Steps<Snapshot> {
  const started = performance.now();
  const graph = prev.graph;
  const changedNodes = new Set(delta.nodeIds);
  const fresh = new Map<string, GraphNode>();
  for (const r of delta.nodeRows) fresh.set(r.id as string, graphNodeOf(r));
  const isNode = (id: string) => fresh.has(id) || (!changedNodes.has(id) && graph.nodeIndex.has(id));
  const putNodes = delta.nodeIds.filter((id) => fresh.has(id)).map((id) => fresh.get(id)!);
  const retireNodes = delta.nodeIds.filter((id) => !fresh.has(id) && graph.nodeIndex.has(id));

  // Every link of a changed node and every changed link is replaced by what Neo4j holds now (or dropped).
  const replaced = new Map<string, { link: GraphLink; eid: string }>();
  for (const r of delta.linkRows) {
    const link = graphLinkOf(r);
    if (link && isNode(link.from) && isNode(link.to)) replaced.set(link.id, { link, eid: r.eid as string });
  }
  const stale = new Set<number>();
  for (const id of delta.linkIds) {
    const i = linkIndexOf(graph, id);
    if (i !== undefined) stale.add(i);
  }
  for (const i of yield* linksTouching(graph, delta.nodeIds)) stale.add(i);
  const appendedEids: string[] = [];
  for (const [id, { eid }] of replaced) {
    const i = linkIndexOf(graph, id);
    if (i === undefined) appendedEids.push(eid);
    else stale.add(i);
  }
  const retireLinks: string[] = [];
  const removed: number[] = [];
  const replacedEids = new Map<number, string>();
  for (const i of stale) {
    const id = graph.links[i].id;
    const now = replaced.get(id);
    if (now) replacedEids.set(i, now.eid);
    else {
      retireLinks.push(id);
      removed.push(i);
    }
  }
  const next = yield* patchSteps(graph, { putNodes, retireNodes, retireLinks, putLinks: [...replaced.values()].map((r) => r.link) });
  const elementIds = spliceList(prev.elementIds, removed.sort((a, b) => a - b), replacedEids, appendedEids);
  yield;

  const changedSessions = new Set(delta.sessionIds);
  const freshSessions = new Map(delta.sessionRows.map((r) => [r.id as string, sessionRecordOf(r)]));
  const sessions: SessionRecord[] = [];
  for (const s of prev.sessions) {
    if (!changedSessions.has(s.id)) sessions.push(s);
    else if (freshSessions.has(s.id)) {
      sessions.push(freshSessions.get(s.id)!);
      freshSessions.delete(s.id);
    }
  }
  for (const s of freshSessions.values()) sessions.push(s);

  // Participation lists change only for the ends of a participation that was written, or of one that went.
  const touched = new Set<string>();
  for (const i of stale) {
    const old = graph.links[i];
    if (old.type === 'PARTICIPATED_IN') touched.add(old.from).add(old.to);
  }
  for (const { link } of replaced.values()) if (link.type === 'PARTICIPATED_IN') touched.add(link.from).add(link.to);
  for (const id of retireNodes) touched.add(id);
  const { participants, channelsOf } = touched.size === 0
    ? { participants: prev.participants, channelsOf: prev.channelsOf }
    : yield* participationAfter(prev, next, touched);
  const nodes = nodesOf(next);
  return { version, graph: next, nodes, links: next.links as GraphLink[], elementIds, sessions, participants, channelsOf, builtMs: performance.now() - started };
}

/** Indexes of the links with an end among these nodes, in link order: one pass over the typed link ends. */
function* linksTouching(graph: TemporalGraph, nodeIds: readonly string[]): Steps<number[]> {
  const mark = new Set<number>();
  for (const id of nodeIds) {
    const v = graph.nodeIndex.get(id);
    if (v !== undefined) mark.add(v);
  }
  if (mark.size === 0) return [];
  const { from, to } = linkEndsOf(graph);
  const found: number[] = [];
  yield* inRanges(from.length, (lo, hi) => linksTouchingIn(from, to, mark, lo, hi, found));
  return found;
}

/** Appends the links lo … hi - 1 with an end in `mark` (a plain loop, optimised as a generator's would not be). */
function linksTouchingIn(from: Int32Array, to: Int32Array, mark: ReadonlySet<number>, lo: number, hi: number, found: number[]): void {
  if (mark.size === 1) {
    const [v] = mark;
    for (let i = lo; i < hi; i++) if (from[i] === v || to[i] === v) found.push(i);
  } else {
    for (let i = lo; i < hi; i++) if (mark.has(from[i]) || mark.has(to[i])) found.push(i);
  }
}

/**
 * The participation maps with the lists of the touched people and channels made again from the new graph's
 * PARTICIPATED_IN links, in link order as assemble() lists them; every other list is shared with the previous snapshot.
 */
function participationsIn(linkType: Uint8Array, code: number, from: Int32Array, to: Int32Array, mark: Uint8Array, lo: number, hi: number, found: number[]): void {
  for (let i = lo; i < hi; i++) if (linkType[i] === code && (mark[from[i]] === 1 || mark[to[i]] === 1)) found.push(i);
}

function* participationAfter(prev: Snapshot, graph: TemporalGraph, touched: ReadonlySet<string>): Steps<Pick<Snapshot, 'participants' | 'channelsOf'>> {
  const participants = new Map(prev.participants);
  const channelsOf = new Map(prev.channelsOf);
  for (const id of touched) {
    participants.delete(id);
    channelsOf.delete(id);
  }
  const mark = new Uint8Array(graph.nodes.length);
  for (const id of touched) {
    const v = graph.nodeIndex.get(id);
    if (v !== undefined) mark[v] = 1;
  }
  const { from, to } = linkEndsOf(graph);
  const code = TYPE_CODE.PARTICIPATED_IN;
  // The participations with a touched end, found by a plain loop per range; then listed in link order.
  const found: number[] = [];
  yield* inRanges(from.length, (lo, hi) => participationsIn(graph.linkType, code, from, to, mark, lo, hi, found));
  for (const i of found) {
    const link = graph.links[i];
    if (mark[to[i]] === 1) {
      const list = participants.get(link.to) ?? [];
      if (!list.includes(link.from)) list.push(link.from);
      participants.set(link.to, list);
    }
    if (mark[from[i]] === 1) {
      const channels = channelsOf.get(link.from) ?? [];
      if (!channels.includes(link.to)) channels.push(link.to);
      channelsOf.set(link.from, channels);
    }
  }
  return { participants, channelsOf };
}

/** Id → node of a graph, read through its index: no per-version copy of a Map of every node. */
function nodesOf(graph: TemporalGraph): ReadonlyMap<string, GraphNode> {
  const get = (id: string) => {
    const i = graph.nodeIndex.get(id);
    return i === undefined ? undefined : graph.nodes[i];
  };
  function* entries(): MapIterator<[string, GraphNode]> {
    for (const node of graph.nodes) yield [node.id, node];
  }
  return {
    get, has: (id) => graph.nodeIndex.has(id), get size() { return graph.nodes.length; },
    entries, [Symbol.iterator]: entries,
    *keys(): MapIterator<string> { for (const node of graph.nodes) yield node.id; },
    *values(): MapIterator<GraphNode> { yield* graph.nodes; },
    forEach(fn) { for (const node of graph.nodes) fn(node, node.id, this); },
  };
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
