// App-wide view state: the open tab, the live announcement, the dataset version and the canvas handle.
import type { GraphCanvas } from './cytoscape.svelte.ts';
import type { Tab } from './permalink.ts';
import type { Limits } from './types.ts';

export class UiState {
  /** The left panel's open tab. */
  tab = $state<Tab>('trace');
  /** Text of the aria-live region; changes are read out by screen readers. */
  announcement = $state('');
  /** Version (content hash) of the dataset the server has loaded. */
  datasetVersion = $state<string | null>(null);
  /** The server's upper bounds on query arguments (max hops, alternatives), once the dataset query answered. */
  limits = $state.raw<Limits | null>(null);
  /** What a permalink asked for that could not be given (an unknown id, a story that does not exist), in words. */
  linkNotice = $state<string | null>(null);
  /** Shown when a permalink was made on another dataset version. */
  versionNotice = $state<string | null>(null);
  /** The dataset version a restored permalink was made on, when it differs from the current one. */
  pinnedVersion = $state<string | null>(null);
  /** The renderer, once its chunk has loaded. */
  canvas = $state.raw<GraphCanvas | null>(null);
  /** On a phone: whether the tool panel is drawn up as a full-height sheet over the graph (else only its tabs show). */
  sheetOpen = $state(false);
  /** A failure not tied to one panel (e.g. the dataset query). */
  error = $state<string | null>(null);

  announce(text: string): void {
    this.announcement = '';
    queueMicrotask(() => (this.announcement = text));
  }
}

export const ui = new UiState();
