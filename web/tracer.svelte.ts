// The path tracer: its inputs, the ranked paths, the selected and compared path, and what-if exclusions.
import * as api from './api.ts';
import { ApiError } from './api.ts';
import { explorer } from './explorer.svelte.ts';
import { boundedIntProblem, partialDateProblem } from './form-checks.ts';
import { pathDiff } from './graph-model.ts';
import type { LinkType, Path, PathMode, PathQuery, PathResult, TimeMode } from './types.ts';
import { ui } from './ui.svelte.ts';

export interface Endpoint {
  id: string;
  name: string;
}

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A name as typed, for an exact comparison: case, spacing and the kind of dash do not matter. */
export function normaliseName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\s+/g, ' ').trim();
}

export class TracerState {
  /** Start: a person or a channel. */
  from = $state.raw<Endpoint | null>(null);
  /** Target: a person or a government; null with anyDecisionMaker for any decision-maker. */
  to = $state.raw<Endpoint | null>(null);
  /** What is typed in the start and target fields when no suggestion was chosen ('' when one was). */
  fromText = $state('');
  toText = $state('');
  /** True when the target is "any decision-maker". */
  anyDecisionMaker = $state(false);
  /** Window bounds as partial dates (1992, 1992-12, 1992-12-04) or ''. */
  windowFrom = $state('');
  windowTo = $state('');
  time = $state<TimeMode>('RESPECTING');
  mode = $state<PathMode>('POTENTIAL');
  /** Link types to follow; empty for all that the mode allows. */
  linkTypes = $state.raw<LinkType[]>([]);
  k = $state(5);
  maxHops = $state(6);
  /** Nodes and links left out (what if they had not been there?). */
  exclude = $state.raw<Endpoint[]>([]);
  /** The last answer (server data) and the query that produced it. */
  result = $state.raw<PathResult | null>(null);
  query = $state.raw<PathQuery | null>(null);
  /** The answer before the last exclusion, for the what-if comparison. */
  before = $state.raw<PathResult | null>(null);
  /** When no path reaches the target: the best route to the closest approach, drawn with the hop that broke. */
  partial = $state.raw<Path | null>(null);
  /** Rank of the selected path and of the path compared with it. */
  selected = $state<number | null>(null);
  compare = $state<number | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #abort: AbortController | null = null;

  selectedPath: Path | null = $derived(this.result?.paths.find((p) => p.rank === this.selected) ?? null);
  comparedPath: Path | null = $derived(this.result?.paths.find((p) => p.rank === this.compare) ?? null);
  /** Paths lost and kept since the last exclusion; null when no what-if is active. */
  whatIf = $derived(this.before ? pathDiff(this.before, this.result) : null);

  /** The user typed in the start or target field instead of choosing: the chosen node no longer stands. */
  typed(field: 'from' | 'to', text: string): void {
    if (text === this[field]?.name) return;
    this[field] = null;
    if (field === 'from') this.fromText = text;
    else this.toText = text;
  }

  /** Chose a suggestion (or a restored id) for the start or target. */
  choose(field: 'from' | 'to', endpoint: Endpoint | null): void {
    this[field] = endpoint;
    if (field === 'from') this.fromText = '';
    else this.toText = '';
  }

  /** A typed start or target taken as the node whose name or alias it is exactly; an error in words otherwise. */
  async #resolveTyped(): Promise<string[]> {
    const problems: string[] = [];
    const fields = [
      ['from', this.fromText, ['PERSON', 'CHANNEL'], 'person or channel', 'start'],
      ['to', this.anyDecisionMaker ? '' : this.toText, ['PERSON', 'GOVERNMENT'], 'person or government', 'target'],
    ] as const;
    for (const [field, text, kinds, what, role] of fields) {
      if (this[field] || !text.trim()) continue;
      const hits = await api.search(text.trim(), [...kinds], undefined, 10);
      const wanted = normaliseName(text);
      const exact = [...new Map(hits.filter((h) => normaliseName(h.node.name) === wanted || normaliseName(h.matched ?? '') === wanted).map((h) => [h.node.id, h.node])).values()];
      if (exact.length === 1) this.choose(field, { id: exact[0].id, name: exact[0].name });
      else if (exact.length > 1) problems.push(`Several of the ${what}s are called “${text.trim()}” (${exact.map((n) => n.name).join('; ')}): choose the ${role} from the suggestions.`);
      else problems.push(`No ${what} is called “${text.trim()}”: choose the ${role} from the suggestions as you type.`);
    }
    return problems;
  }

  /** Checks the form; returns the problems in words. */
  problems(): string[] {
    const problems: string[] = [];
    if (!this.from) problems.push('Choose a start (a person or a channel).');
    if (!this.to && !this.anyDecisionMaker) problems.push('Choose a target, or "any decision-maker".');
    for (const [label, value] of [['From', this.windowFrom], ['To', this.windowTo]] as const) {
      const problem = value ? partialDateProblem(value, label) : null;
      if (problem) problems.push(problem);
    }
    for (const problem of [
      boundedIntProblem(this.maxHops, 'Max hops', 1, ui.limits?.maxHops ?? null),
      boundedIntProblem(this.k, 'Alternatives', 1, ui.limits?.k ?? null),
    ]) if (problem) problems.push(problem);
    if (this.windowFrom && this.windowTo && PARTIAL_DATE.test(this.windowFrom) && PARTIAL_DATE.test(this.windowTo) && this.windowFrom.slice(0, this.windowTo.length) > this.windowTo) {
      problems.push('The window ends before it starts.');
    }
    return problems;
  }

  currentQuery(): PathQuery | null {
    if (!this.from) return null;
    const window = this.windowFrom || this.windowTo ? { ...(this.windowFrom ? { from: this.windowFrom } : {}), ...(this.windowTo ? { to: this.windowTo } : {}) } : null;
    return {
      from: this.from.id,
      to: this.anyDecisionMaker ? null : (this.to?.id ?? null),
      window,
      time: this.time,
      mode: this.mode,
      linkTypes: this.linkTypes.length ? this.linkTypes : null,
      exclude: this.exclude.map((e) => e.id),
      maxHops: this.maxHops,
      k: this.k,
    };
  }

  /** Runs the trace; keepBefore keeps the previous answer for the what-if comparison. */
  async run(options: { keepBefore?: boolean; select?: number | null; compare?: number | null } = {}): Promise<void> {
    let problems: string[];
    this.loading = true;
    try {
      problems = await this.#resolveTyped();
    } catch (error) {
      problems = [`The typed name could not be looked up: ${error instanceof Error ? error.message : String(error)}`];
    }
    if (!problems.length) problems = this.problems();
    if (problems.length) {
      this.partial = null;
      // Whatever was on screen answered another question: it goes, so nothing stale stands under the form.
      this.#abort?.abort();
      this.loading = false;
      this.result = null;
      this.before = null;
      this.query = null;
      this.selected = null;
      this.compare = null;
      this.error = problems.join(' ');
      ui.announce(this.error);
      return;
    }
    const query = this.currentQuery()!;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const previous = this.result;
    this.loading = true;
    this.error = null;
    ui.announce('Tracing paths…');
    try {
      const result = await api.influencePaths(query, abort.signal);
      if (abort.signal.aborted) return;
      const partial = await this.#partialRoute(query, result, abort.signal);
      if (abort.signal.aborted) return;
      this.partial = partial;
      this.before = options.keepBefore ? (this.before ?? previous) : null;
      this.result = result;
      this.query = query;
      const ranks = result.paths.map((p) => p.rank);
      this.selected = options.select !== undefined && options.select !== null && ranks.includes(options.select) ? options.select : (ranks[0] ?? null);
      this.compare = options.compare !== undefined && options.compare !== null && ranks.includes(options.compare) && options.compare !== this.selected ? options.compare : null;
      if (result.paths.length || this.before?.paths.length || partial || result.closest?.brokenLink) explorer.scene = 'paths';
      ui.announce(
        result.paths.length
          ? `${result.paths.length} path${result.paths.length === 1 ? '' : 's'} found${result.static ? ' (static: dates ignored)' : ''}. Path 1: ${result.paths[0].hopCount} hops.`
          : (result.explanation ?? 'No path found.'),
      );
    } catch (error) {
      if (abort.signal.aborted) return;
      this.result = null;
      this.partial = null;
      // The server's message says what to fix; its machine code is for programs, not for the people reading this.
      this.error = error instanceof ApiError ? error.message : String(error);
      ui.announce(`Trace failed: ${this.error}`);
    } finally {
      if (!abort.signal.aborted) this.loading = false;
    }
  }

  /** The best route from the start to the closest approach of a no-path answer (the same settings, one path). */
  async #partialRoute(query: PathQuery, result: PathResult, signal: AbortSignal): Promise<Path | null> {
    const closest = result.closest?.node;
    if (result.paths.length || !closest || closest.id === query.from || !(closest.kind === 'PERSON' || closest.kind === 'GOVERNMENT')) return null;
    try {
      const route = await api.influencePaths({ ...query, to: closest.id, k: 1 }, signal);
      return route.paths[0] ?? null;
    } catch {
      // The answer stands without its drawing; the panel still says where the search stopped.
      return null;
    }
  }

  select(rank: number): void {
    this.selected = rank;
    if (this.compare === rank) this.compare = null;
    const path = this.selectedPath;
    if (path) ui.announce(`Path ${rank} selected: ${path.nodes.map((n) => n.name).join(', ')}.`);
  }

  toggleCompare(rank: number): void {
    this.compare = this.compare === rank || rank === this.selected ? null : rank;
    if (this.compare !== null) ui.announce(`Comparing path ${this.selected} with path ${rank}.`);
  }

  /** What if this node or link had not been there: re-run without it. */
  async excludeAndRerun(item: Endpoint): Promise<void> {
    if (this.exclude.some((e) => e.id === item.id)) return;
    this.exclude = [...this.exclude, item];
    ui.tab = 'trace';
    if (this.from) await this.run({ keepBefore: true });
  }

  async include(id: string): Promise<void> {
    this.exclude = this.exclude.filter((e) => e.id !== id);
    if (this.from) await this.run({ keepBefore: this.exclude.length > 0 });
  }

  clearWhatIf(): void {
    this.before = null;
  }
}

export const tracer = new TracerState();
