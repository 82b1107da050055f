// Per-request batching: every node or link lookup made while resolving one GraphQL response is
// gathered into one Cypher round trip per kind (no 1 + N queries), and cached for that request, by DataLoader.
// Behind the request's own cache sits the shared one (entity-cache.ts): what an earlier request of the same dataset
// version read is not read again. In front of both sits the engine's snapshot when it is of the request's version:
// it holds the nodes and links of that version as Neo4j does, so an answer's evidence is not read at all.
import DataLoader from 'dataloader';
import type { Db } from '../store/neo4j.ts';
import { linkFromRow, type StoredLink, type StoredNode } from '../store/records.ts';
import type { EntityCache, SharedStore } from './entity-cache.ts';
import type { KnownLinks } from '../store/snapshot.ts';

export type { KnownLinks };

/** After I/O callbacks, not at the next tick: resolvers that awaited a Neo4j answer still join the batch. */
const afterPendingIo = (dispatch: () => void): void => queueMicrotask(() => setImmediate(dispatch));

/**
 * One request's DataLoader for one kind, with what DataLoader leaves to its user: the shared cache in front of it,
 * answers that need no batch (a node's links from the snapshot), and `peek`, the value without a promise when the
 * request already holds it (graphql-js completes a plain value far more cheaply than a pending one).
 */
export class RequestLoader<V> {
  /** The request's promises by key: DataLoader's cache map, read directly so peek and direct answers share it. */
  private readonly cache = new Map<string, Promise<V>>();
  /** Values already known in this request (read, primed or from the shared cache), for resolvers that can answer at once. */
  private readonly known = new Map<string, V>();
  private readonly loader: DataLoader<string, V>;

  constructor(
    fetch: (keys: string[]) => Promise<Map<string, V>>,
    fallback: V,
    private readonly shared?: SharedStore<V>,
    /** Answers a key without a batch of its own when it can (e.g. from other loaders); undefined to batch it. */
    private readonly direct?: (key: string) => Promise<V> | undefined,
    /** The value at once when it is held in memory as Neo4j holds it (the snapshot of this version); undefined to read it. */
    private readonly local?: (key: string) => V | undefined,
  ) {
    this.loader = new DataLoader<string, V>(async (keys) => {
      const found = await fetch([...keys]);
      if (shared) {
        // Misses are not remembered: an id that is not there now may be created by the next write.
        for (const [key, value] of found) if (value !== null && value !== undefined) shared.set(key, value);
      }
      return keys.map((key) => {
        const value = found.has(key) ? (found.get(key) as V) : fallback;
        this.known.set(key, value);
        return value;
      });
    }, { cacheMap: this.cache, batchScheduleFn: afterPendingIo });
  }

  load(key: string): Promise<V> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const held = this.local?.(key);
    if (held !== undefined) {
      this.prime(key, held);
      return this.cache.get(key)!;
    }
    const answered = this.direct?.(key);
    if (answered) {
      answered.catch(() => {});
      this.cache.set(key, answered);
      return answered;
    }
    const shared = this.shared?.get(key);
    if (shared !== undefined) {
      this.prime(key, shared);
      return this.cache.get(key)!;
    }
    const promise = this.loader.load(key);
    // A lookup nobody ends up reading must not become an unhandled rejection when Neo4j goes away.
    promise.catch(() => {});
    return promise;
  }

  /** Rejects when any lookup fails (DataLoader's own loadMany answers an Error in place instead). */
  loadMany(keys: string[]): Promise<V[]> {
    return Promise.all(keys.map((k) => this.load(k)));
  }

  /** Seeds the cache with values fetched another way (a search hit, a neighbourhood). */
  prime(key: string, value: V): void {
    if (!this.cache.has(key)) {
      this.loader.prime(key, value);
      this.known.set(key, value);
    }
  }

  /**
   * The value if it is already known (a read of this request that has finished, or the shared cache), else undefined.
   * Lets a resolver answer without a promise: graphql-js completes a plain value far more cheaply than a pending one.
   */
  peek(key: string): V | undefined {
    const value = this.known.get(key);
    if (value !== undefined || this.known.has(key)) return value;
    if (this.cache.has(key)) return undefined;
    const held = this.local?.(key);
    if (held !== undefined) {
      this.prime(key, held);
      return held;
    }
    const shared = this.shared?.get(key);
    if (shared !== undefined) this.prime(key, shared);
    return shared;
  }
}

export interface Loaders {
  node: RequestLoader<StoredNode | null>;
  linksOf: RequestLoader<StoredLink[]>;
  /** Keyed `TYPE,TYPE|node-id`: only links of those types, so a hub's offices do not pull all its links. */
  typedLinksOf: RequestLoader<StoredLink[]>;
  link: RequestLoader<StoredLink | null>;
}

/** The loaders of one request; with a cache, values read by earlier requests of the same version are reused. */
export function createLoaders(db: Db, cache?: EntityCache, known?: KnownLinks): Loaders {
  const link = new RequestLoader<StoredLink | null>(async (ids) => {
    const out = new Map<string, StoredLink>();
    let rest = ids;
    if (known) {
      rest = [];
      const eids: string[] = [];
      const wanted: string[] = [];
      for (const id of ids) {
        const eid = known.elementId(id);
        if (eid === undefined) rest.push(id);
        else { eids.push(eid); wanted.push(id); }
      }
      if (eids.length > 0) {
        for (const r of await db.read('links-by-element-ids', { eids })) {
          const l = linkFromRow(r);
          out.set(l.id, l);
        }
        // An element id that no longer holds the same link (a write after the snapshot) is looked up by id.
        for (const id of wanted) if (!out.has(id)) rest.push(id);
      }
    }
    if (rest.length > 0) {
      for (const r of await db.read('links-by-ids', { ids: rest })) {
        const l = linkFromRow(r);
        out.set(l.id, l);
      }
    }
    return out;
  }, null, cache?.view('link'), undefined, known ? (id) => known.link(id) : undefined);

  /** The links of a node when the snapshot holds every one of them as Neo4j does (no promise, no read). */
  const heldLinksOf = (types: readonly string[] | null, id: string): StoredLink[] | undefined => {
    const linkIds = known?.linkIdsOf(id, types);
    if (linkIds === undefined) return undefined;
    const links: StoredLink[] = [];
    for (const linkId of linkIds) {
      const l = known!.link(linkId);
      if (l === undefined) return undefined;
      links.push(l);
    }
    return links;
  };

  /** The links of a node the snapshot holds, straight through the link loader (joining its current batch). */
  const viaSnapshot = (types: string[] | null, id: string): Promise<StoredLink[]> | undefined => {
    const linkIds = known?.linkIdsOf(id, types);
    if (linkIds === undefined) return undefined;
    return link.loadMany(linkIds).then((links) => links.filter((l): l is StoredLink => l !== null));
  };

  return {
    node: new RequestLoader(async (ids) => {
      const rows = await db.read('nodes-by-ids', { ids });
      return new Map(rows.map((r) => [(r.node as { id: string }).id, r.node as unknown as StoredNode]));
    }, null, cache?.view('node'), undefined, known ? (id) => known.node(id) : undefined),
    linksOf: new RequestLoader(async (ids) => {
      const out = new Map<string, StoredLink[]>(ids.map((id) => [id, []]));
      const rows = await db.read('links-of-nodes', { ids });
      for (const r of rows) out.get(r.owner as string)?.push(linkFromRow(r));
      return out;
    }, [], cache?.view('linksOf'), (id) => viaSnapshot(null, id), known ? (id) => heldLinksOf(null, id) : undefined),
    typedLinksOf: new RequestLoader(async (keys) => {
      const byTypes = new Map<string, string[]>();
      for (const key of keys) {
        const [types, id] = splitTypedKey(key);
        byTypes.set(types, [...(byTypes.get(types) ?? []), id]);
      }
      const out = new Map<string, StoredLink[]>(keys.map((k) => [k, []]));
      for (const [types, ids] of byTypes) {
        if (types === '') continue;
        const rows = await db.read('links-of-nodes-typed', { ids, types: types.split(',') });
        for (const r of rows) out.get(`${types}|${r.owner as string}`)?.push(linkFromRow(r));
      }
      return out;
    }, [], cache?.view('typedLinksOf'), (key) => {
      const [types, id] = splitTypedKey(key);
      return types === '' ? undefined : viaSnapshot(types.split(','), id);
    }, known ? (key) => {
      const [types, id] = splitTypedKey(key);
      return types === '' ? undefined : heldLinksOf(types.split(','), id);
    } : undefined),
    link,
  };
}

export function typedKey(types: readonly string[], id: string): string {
  return `${[...types].sort().join(',')}|${id}`;
}

function splitTypedKey(key: string): [string, string] {
  const i = key.indexOf('|');
  return [key.slice(0, i), key.slice(i + 1)];
}
