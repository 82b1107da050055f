// Per-request batching: every node or link lookup made while resolving one GraphQL response is
// gathered into one Cypher round trip per kind (no 1 + N queries), and cached for that request.
import type { Db } from './neo4j.ts';
import { linkFromRow, type StoredLink, type StoredNode } from './entities.ts';

export class Batcher<K, V> {
  private cache = new Map<K, Promise<V>>();
  private queue: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly fetch: (keys: K[]) => Promise<Map<K, V>>, private readonly fallback: V) {}

  load(key: K): Promise<V> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      if (this.queue.length === 1) queueMicrotask(() => setImmediate(() => void this.flush()));
    });
    // A lookup nobody ends up reading must not become an unhandled rejection when Neo4j goes away.
    promise.catch(() => {});
    this.cache.set(key, promise);
    return promise;
  }

  loadMany(keys: K[]): Promise<V[]> {
    return Promise.all(keys.map((k) => this.load(k)));
  }

  /** Seeds the cache with values fetched another way (a search hit, a neighbourhood). */
  prime(key: K, value: V): void {
    if (!this.cache.has(key)) this.cache.set(key, Promise.resolve(value));
  }

  private async flush() {
    const batch = this.queue;
    this.queue = [];
    try {
      const found = await this.fetch([...new Set(batch.map((b) => b.key))]);
      for (const b of batch) b.resolve(found.has(b.key) ? (found.get(b.key) as V) : this.fallback);
    } catch (err) {
      for (const b of batch) {
        this.cache.delete(b.key);
        b.reject(err);
      }
    }
  }
}

export interface Loaders {
  node: Batcher<string, StoredNode | null>;
  linksOf: Batcher<string, StoredLink[]>;
  /** Keyed `TYPE,TYPE|node-id`: only links of those types, so a hub's offices do not pull all its links. */
  typedLinksOf: Batcher<string, StoredLink[]>;
  link: Batcher<string, StoredLink | null>;
}

export function createLoaders(db: Db): Loaders {
  return {
    node: new Batcher(async (ids) => {
      const rows = await db.read('nodes-by-ids', { ids });
      return new Map(rows.map((r) => [(r.node as { id: string }).id, r.node as unknown as StoredNode]));
    }, null),
    linksOf: new Batcher(async (ids) => {
      const rows = await db.read('links-of-nodes', { ids });
      const out = new Map<string, StoredLink[]>(ids.map((id) => [id, []]));
      for (const r of rows) out.get(r.owner as string)?.push(linkFromRow(r));
      return out;
    }, []),
    typedLinksOf: new Batcher(async (keys) => {
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
    }, []),
    link: new Batcher(async (ids) => {
      const rows = await db.read('links-by-ids', { ids });
      return new Map(rows.map((r) => {
        const l = linkFromRow(r);
        return [l.id, l];
      }));
    }, null),
  };
}

export function typedKey(types: readonly string[], id: string): string {
  return `${[...types].sort().join(',')}|${id}`;
}

function splitTypedKey(key: string): [string, string] {
  const i = key.indexOf('|');
  return [key.slice(0, i), key.slice(i + 1)];
}
