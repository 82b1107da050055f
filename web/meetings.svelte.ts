// Who met whom: two people, an optional window, and the chains of documented co-presence between them.
import * as api from './api.ts';
import { explorer } from './explorer.svelte.ts';
import type { MeetingResult } from './types.ts';
import { ui } from './ui.svelte.ts';

export interface Pick {
  id: string;
  name: string;
}

export class MeetingsState {
  /** The two people. */
  a = $state.raw<Pick | null>(null);
  b = $state.raw<Pick | null>(null);
  windowFrom = $state('');
  windowTo = $state('');
  /** The last answer (server data). */
  result = $state.raw<MeetingResult | null>(null);
  /** Index of the chain the canvas highlights. */
  selected = $state(0);
  loading = $state(false);
  error = $state<string | null>(null);

  async run(): Promise<void> {
    if (!this.a || !this.b) {
      this.error = 'Pick two people first.';
      return;
    }
    this.loading = true;
    this.error = null;
    try {
      const window = this.windowFrom || this.windowTo ? { from: this.windowFrom || undefined, to: this.windowTo || undefined } : null;
      this.result = await api.whoMetWhom(this.a.id, this.b.id, window, 5);
      const n = this.result.chains.length;
      this.selected = 0;
      if (n) explorer.scene = 'meet';
      ui.announce(n ? `${n} chain${n === 1 ? '' : 's'} of meetings between ${this.a.name} and ${this.b.name}.` : `No chain of meetings found. ${this.result.explanation ?? ''}`);
    } catch (error) {
      this.result = null;
      this.error = error instanceof Error ? error.message : String(error);
      ui.announce(`Who met whom failed: ${this.error}`);
    } finally {
      this.loading = false;
    }
  }
}

export const meetings = new MeetingsState();
