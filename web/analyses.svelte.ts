// The channel analyses: who brokers a channel's paths to the leaders, what the channel reached on each side, and two
// channels side by side. Inputs, the answers (server data) and what the canvas highlights.
import * as api from './api.ts';
import { brokersScene, compareScene, reachScene, type AnalysisScene } from './analysis-model.ts';
import { explorer } from './explorer.svelte.ts';
import { partialDateProblem } from './form-checks.ts';
import type { Broker, ChannelReach, Interval, PathMode, PathResult } from './types.ts';
import { ui } from './ui.svelte.ts';

export type AnalysisView = 'brokers' | 'reach' | 'compare';

export interface ChannelPick {
  id: string;
  name: string;
}

type Window = { from?: string; to?: string } | null;

const windowOf = (from: string, to: string): Window => (from || to ? { ...(from ? { from } : {}), ...(to ? { to } : {}) } : null);

/** A channel's own dates as window bounds ("while it ran"), for a channel just picked. */
export function channelDates(when: Interval | null | undefined): { from: string; to: string } {
  return { from: when?.from ?? '', to: when?.to ?? '' };
}

export class AnalysesState {
  /** Which of the three views the tab shows. */
  view = $state<AnalysisView>('brokers');
  /** The channel analysed (the left one in a comparison). */
  channel = $state.raw<ChannelPick | null>(null);
  /** Brokers only: paths to this government or person; null for any decision-maker. */
  target = $state.raw<ChannelPick | null>(null);
  /** Window of the channel, as partial dates or ''. */
  windowFrom = $state('');
  windowTo = $state('');
  /** The channel compared with it, and its own window. */
  other = $state.raw<ChannelPick | null>(null);
  otherFrom = $state('');
  otherTo = $state('');
  /** Which links may carry influence; documented by default, the record rather than what could have been. */
  mode = $state<PathMode>('DOCUMENTED');
  /** Answers (server data): the brokers and the paths they sit on; the reach of each channel. */
  brokers = $state.raw<Broker[] | null>(null);
  paths = $state.raw<PathResult | null>(null);
  reach = $state.raw<ChannelReach | null>(null);
  otherReach = $state.raw<ChannelReach | null>(null);
  /** The broker (person id) or the government (id) the canvas highlights. */
  selected = $state<string | null>(null);
  /** Which view the answers on screen belong to. */
  shown = $state<AnalysisView | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #abort: AbortController | null = null;

  /** What the canvas draws for the answer on screen. */
  scene: AnalysisScene = $derived(
    this.shown === 'brokers' ? brokersScene(this.paths, this.brokers, this.selected)
    : this.shown === 'compare' ? compareScene(this.reach, this.otherReach)
    : reachScene(this.shown === 'reach' ? this.reach : null, this.selected),
  );

  /** The form's problems in words; none when it can run. */
  problems(): string[] {
    const problems: string[] = [];
    if (!this.channel) problems.push(this.view === 'compare' ? 'Choose the first channel.' : 'Choose a channel.');
    if (this.view === 'compare' && !this.other) problems.push('Choose the channel to compare it with.');
    const bounds = [['From', this.windowFrom], ['To', this.windowTo], ...(this.view === 'compare' ? [['Second channel from', this.otherFrom], ['Second channel to', this.otherTo]] : [])];
    for (const [label, value] of bounds) {
      const problem = value ? partialDateProblem(value, label) : null;
      if (problem) problems.push(problem);
    }
    return problems;
  }

  /** Picks a channel and, if its window is empty, the channel's own dates. */
  pick(which: 'channel' | 'other', channel: ChannelPick, when?: Interval | null): void {
    const dates = channelDates(when);
    if (which === 'channel') {
      this.channel = channel;
      if (!this.windowFrom && !this.windowTo) ({ from: this.windowFrom, to: this.windowTo } = dates);
    } else {
      this.other = channel;
      if (!this.otherFrom && !this.otherTo) ({ from: this.otherFrom, to: this.otherTo } = dates);
    }
  }

  /** Runs the current view; `select` restores a highlighted broker or government (a permalink). */
  async run(options: { select?: string | null } = {}): Promise<void> {
    const problems = this.problems();
    if (problems.length) {
      this.error = problems.join(' ');
      ui.announce(this.error);
      return;
    }
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const view = this.view;
    const channel = this.channel!;
    this.loading = true;
    this.error = null;
    try {
      const window = windowOf(this.windowFrom, this.windowTo);
      if (view === 'brokers') {
        const to = this.target?.id ?? null;
        const [brokers, paths] = await Promise.all([
          api.brokers({ channel: channel.id, to, window, mode: this.mode }, abort.signal),
          api.influencePaths({ from: channel.id, to, window, mode: this.mode, k: ui.limits?.k ?? 25, maxHops: 6 }, abort.signal),
        ]);
        if (abort.signal.aborted) return;
        this.brokers = brokers;
        this.paths = paths;
        ui.announce(brokers.length ? `${brokers.length} broker${brokers.length === 1 ? '' : 's'} of ${channel.name}; the first is ${brokers[0].person.name}.` : `No one brokers the paths of ${channel.name} with these settings.`);
      } else {
        const [reach, otherReach] = await Promise.all([
          api.channelReach({ channel: channel.id, window, mode: this.mode }, abort.signal),
          view === 'compare' ? api.channelReach({ channel: this.other!.id, window: windowOf(this.otherFrom, this.otherTo), mode: this.mode }, abort.signal) : Promise.resolve(null),
        ]);
        if (abort.signal.aborted) return;
        this.reach = reach;
        this.otherReach = otherReach;
        const count = (r: ChannelReach) => r.sides.reduce((n, s) => n + s.governments.length, 0);
        ui.announce(view === 'compare' ? `${channel.name} reached ${count(reach)} governments' leaders; ${this.other!.name} ${count(otherReach!)}.` : `${channel.name} reached the leaders of ${count(reach)} governments.`);
      }
      this.shown = view;
      this.selected = options.select ?? null;
      explorer.scene = 'analysis';
    } catch (error) {
      if (abort.signal.aborted) return;
      this.error = error instanceof Error ? error.message : String(error);
      ui.announce(`The analysis failed: ${this.error}`);
    } finally {
      if (this.#abort === abort) this.loading = false;
    }
  }

  /** Highlights a broker or a government on the canvas (again: off). */
  select(id: string): void {
    this.selected = this.selected === id ? null : id;
    explorer.scene = 'analysis';
  }
}

export const analyses = new AnalysesState();
