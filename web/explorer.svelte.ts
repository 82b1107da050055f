// The explored graph: neighbourhoods fetched so far, the focus, hidden link types and which scene the canvas shows.
import * as api from './api.ts';
import type { Link, LinkType, NodeBrief } from './types.ts';
import { ui } from './ui.svelte.ts';

export type Scene = 'explore' | 'paths' | 'meet' | 'analysis';

export class ExplorerState {
  /** Nodes of every neighbourhood fetched, by id (server data). */
  nodes = $state.raw<ReadonlyMap<string, NodeBrief>>(new Map());
  /** Links of every neighbourhood fetched, by id (server data). */
  links = $state.raw<ReadonlyMap<string, Link>>(new Map());
  /** The node whose neighbourhood was opened last. */
  focus = $state<string | null>(null);
  /** What the canvas shows: explored neighbourhoods, the traced paths, who met whom or a channel analysis. */
  scene = $state<Scene>('explore');
  /** Link types the user hid on the canvas. */
  hiddenTypes = $state.raw<ReadonlySet<LinkType>>(new Set());
  /** Id of the node being fetched, if any. */
  loading = $state<string | null>(null);
  error = $state<string | null>(null);
  /** True when the server cut the last neighbourhood at its limit. */
  truncated = $state(false);

  /** Starts a fresh exploration around one node. */
  async open(id: string): Promise<void> {
    this.nodes = new Map();
    this.links = new Map();
    await this.expand(id);
  }

  /** Adds a node's neighbours to the canvas (only those reached by the given link types, when given). */
  async expand(id: string, linkTypes: LinkType[] | null = null): Promise<void> {
    this.loading = id;
    this.error = null;
    this.scene = 'explore';
    try {
      const sub = await api.neighbourhood(id, { depth: 1, limit: 500, linkTypes });
      const nodes = new Map(this.nodes);
      for (const n of sub.nodes) nodes.set(n.id, n);
      const links = new Map(this.links);
      for (const l of sub.links) links.set(l.id, l);
      this.nodes = nodes;
      this.links = links;
      this.focus = id;
      this.truncated = sub.truncated;
      const name = nodes.get(id)?.name ?? id;
      ui.announce(`${name}: ${sub.nodes.length} nodes and ${sub.links.length} links shown${sub.truncated ? ' (cut at the limit)' : ''}.`);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      ui.announce(`Could not load the neighbourhood: ${this.error}`);
    } finally {
      this.loading = null;
    }
  }

  toggleType(type: LinkType): void {
    const next = new Set(this.hiddenTypes);
    if (next.has(type)) next.delete(type);
    else next.add(type);
    this.hiddenTypes = next;
  }

  setHidden(types: LinkType[]): void {
    this.hiddenTypes = new Set(types);
  }
}

export const explorer = new ExplorerState();
