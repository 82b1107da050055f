// The details panel: which node or link is selected and its full record.
import * as api from './api.ts';
import type { Link, NodeDetails } from './types.ts';
import { ui } from './ui.svelte.ts';

export type Selection = { type: 'node'; id: string } | { type: 'link'; link: Link };

export class DetailsState {
  /** What the panel describes. */
  selection = $state.raw<Selection | null>(null);
  /** The selected node's record (server data). */
  node = $state.raw<NodeDetails | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #request = 0;

  async showNode(id: string, openTab = true): Promise<void> {
    const request = ++this.#request;
    this.selection = { type: 'node', id };
    if (openTab) ui.tab = 'details';
    this.loading = true;
    this.error = null;
    try {
      const node = await api.node(id);
      if (request !== this.#request) return;
      this.node = node;
      if (!node) this.error = `Nothing with the id ${id} is in the dataset.`;
      else ui.announce(`Details: ${node.name}.`);
    } catch (error) {
      if (request !== this.#request) return;
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  showLink(link: Link, openTab = true): void {
    this.#request++;
    this.selection = { type: 'link', link };
    this.node = null;
    this.loading = false;
    this.error = null;
    if (openTab) ui.tab = 'details';
    ui.announce(`Details: ${link.sentence}.`);
  }

  /** The selected element's id (a node id or a link id). */
  get selectedId(): string | null {
    const s = this.selection;
    return s === null ? null : s.type === 'node' ? s.id : s.link.id;
  }
}

export const details = new DetailsState();
