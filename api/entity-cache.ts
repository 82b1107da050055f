// Nodes and links read from Neo4j, kept across requests for one dataset version. Every write changes the version
// (store/load.ts, api/editing.ts), so an entry can never outlive the data it was read from: the cache empties itself
// the first time a request sees a new version, and at once after a write made in this process.
import { LRUCache } from 'lru-cache';

/** A bounded map that forgets the least recently used entries first (lru-cache). */
type Bounded<V> = LRUCache<string, V & {}>;

/** One family of cached values (nodes, links, the links of a node), seen through the generation it was read in. */
export interface SharedStore<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

export class EntityCache {
  private version: string | null = null;
  /** Bumped on every clear: a read that began before a write must not store what it read after the clear. */
  private generation = 0;
  private readonly stores = new Map<string, Bounded<unknown>>();

  constructor(private readonly capacity = 200_000) {}

  /** Called once per request with the dataset version it will be answered from; a new version empties the cache. */
  sync(version: string): void {
    if (version !== this.version) {
      this.clear();
      this.version = version;
    }
  }

  /** The version the cached entries belong to (null right after a clear). */
  get currentVersion(): string | null {
    return this.version;
  }

  /** After a write in this process. */
  clear(): void {
    for (const store of this.stores.values()) store.clear();
    this.version = null;
    this.generation++;
  }

  /** A view of one family for one request: reads see the cache, writes land only if no clear happened since. */
  view<V>(family: string): SharedStore<V> {
    let store = this.stores.get(family) as Bounded<V> | undefined;
    if (!store) {
      store = new LRUCache<string, V & {}>({ max: this.capacity });
      this.stores.set(family, store as unknown as Bounded<unknown>);
    }
    return new GenerationView(this, store, this.generation);
  }

  /** Whether no clear happened since `generation`, and (for writes) a version is known. */
  isCurrent(generation: number, writing: boolean): boolean {
    return generation === this.generation && (!writing || this.version !== null);
  }
}

/** One request's view of one family (a class, not closures: one is made per family on every request that reads). */
class GenerationView<V> implements SharedStore<V> {
  constructor(private readonly cache: EntityCache, private readonly store: Bounded<V>, private readonly generation: number) {}

  get(key: string): V | undefined {
    return this.cache.isCurrent(this.generation, false) ? this.store.get(key) : undefined;
  }

  set(key: string, value: V): void {
    if (this.cache.isCurrent(this.generation, true) && value !== null && value !== undefined) this.store.set(key, value);
  }
}
