// Per-query scratch memory sized to the graph once and reused, so a query allocates only what it explores.
import type { TemporalGraph } from './graph.ts';

export interface Workspace {
  /** Stamps say "this slot belongs to the current query" and spare us clearing node-sized arrays. */
  generation: number;
  targetStamp: Int32Array;
  excludedNodeStamp: Int32Array;
  excludedLinkStamp: Int32Array;
  reachedStamp: Int32Array;
  reachedHops: Uint8Array;
  reachedArrival: Float64Array;
  pathMark: Int32Array;
  pathGeneration: number;
  queue: Int32Array;
  entries: EntryPool;
}

/** Partial and complete paths of the best-first search, as parallel growable arrays indexed by entry number. */
export class EntryPool {
  size = 0;
  parent = new Int32Array(1024);
  node = new Int32Array(1024);
  arc = new Int32Array(1024);
  nextSibling = new Int32Array(1024);
  origin = new Int32Array(1024);
  depth = new Uint8Array(1024);
  hopsBound = new Uint8Array(1024);
  medium = new Uint8Array(1024);
  low = new Uint8Array(1024);
  complete = new Uint8Array(1024);
  time = new Float64Array(1024);
  certainTime = new Float64Array(1024);
  evidence = new Float64Array(1024);
  arrivalKey = new Float64Array(1024);

  reset(): void {
    this.size = 0;
  }

  add(): number {
    if (this.size === this.parent.length) this.grow();
    return this.size++;
  }

  private grow(): void {
    const capacity = this.parent.length * 2;
    const growInt = (old: Int32Array) => { const next = new Int32Array(capacity); next.set(old); return next; };
    const growByte = (old: Uint8Array) => { const next = new Uint8Array(capacity); next.set(old); return next; };
    const growFloat = (old: Float64Array) => { const next = new Float64Array(capacity); next.set(old); return next; };
    this.parent = growInt(this.parent);
    this.node = growInt(this.node);
    this.arc = growInt(this.arc);
    this.nextSibling = growInt(this.nextSibling);
    this.origin = growInt(this.origin);
    this.depth = growByte(this.depth);
    this.hopsBound = growByte(this.hopsBound);
    this.medium = growByte(this.medium);
    this.low = growByte(this.low);
    this.complete = growByte(this.complete);
    this.time = growFloat(this.time);
    this.certainTime = growFloat(this.certainTime);
    this.evidence = growFloat(this.evidence);
    this.arrivalKey = growFloat(this.arrivalKey);
  }

  /** Drops the big buffers after an unusually large query so one outlier does not pin memory. */
  shrink(): void {
    if (this.parent.length > 1 << 20) Object.assign(this, new EntryPool());
  }
}

export function acquireWorkspace(graph: TemporalGraph): Workspace {
  const pooled = graph.workspaces.pop() as Workspace | undefined;
  if (pooled) {
    pooled.generation++;
    return pooled;
  }
  const n = graph.nodes.length;
  return {
    generation: 1,
    targetStamp: new Int32Array(n),
    excludedNodeStamp: new Int32Array(n),
    excludedLinkStamp: new Int32Array(graph.links.length),
    reachedStamp: new Int32Array(n),
    reachedHops: new Uint8Array(n),
    reachedArrival: new Float64Array(n),
    pathMark: new Int32Array(n),
    pathGeneration: 0,
    queue: new Int32Array(Math.max(1, n)),
    entries: new EntryPool(),
  };
}

export function releaseWorkspace(graph: TemporalGraph, workspace: Workspace): void {
  workspace.entries.shrink();
  graph.workspaces.push(workspace);
}
