// The timeline: the from–to months the canvas shows (links and nodes valid then), and playback through the data in view.
import { atEnd, moveHandle, parseRangeParam, playStart, playStep, rangeDate, rangeParam, SPEEDS, type MonthRange } from './time-model.ts';

export { FIRST_MONTH, LAST_MONTH, MONTHS, monthAt, monthIndex } from './time-model.ts';

/** Playback ticks four times a second; slower speeds carry the fraction of a month over to the next tick. */
const TICK_MS = 250;

export class TimelineState {
  /** The months shown, both ends included, or null for all time. */
  range = $state.raw<MonthRange | null>(null);
  /** True while playing forward. */
  playing = $state(false);
  /** Playback speed in months per second. */
  speed = $state<number>(SPEEDS[1].months);
  /** The earliest and latest month of the data on the canvas (set by the canvas), where playback starts and stops. */
  span = $state.raw<MonthRange | null>(null);
  #timer: ReturnType<typeof setInterval> | null = null;
  #carry = 0;

  /** What the canvas filters by: a month, an interval of months (YYYY-MM/YYYY-MM), or null. */
  get date(): string | null {
    return rangeDate(this.range);
  }

  /** The range as a permalink writes it. */
  get param(): string | null {
    return rangeParam(this.range);
  }

  /** Restores a permalink's range ("1993-01" or "1992-12..1993-09"); null or anything else is all time. */
  set(param: string | null): void {
    this.range = parseRangeParam(param);
  }

  setRange(range: MonthRange | null): void {
    this.range = range;
  }

  move(handle: 'from' | 'to', month: string): void {
    this.range = moveHandle(this.range, handle, month);
  }

  /** Plays from the start of the data in view (or resumes where it paused) and stops at its end. */
  play(): void {
    const span = this.span;
    if (this.playing || !span) return;
    if (!this.range || atEnd(this.range, span) || this.range.to < span.from) this.range = playStart(this.range, span);
    this.playing = true;
    this.#carry = 0;
    this.#timer = setInterval(() => this.tick(), TICK_MS);
  }

  /** One playback tick: the range slides on by the speed's share of a second. */
  tick(): void {
    if (!this.range || !this.span) return this.stop();
    this.#carry += (this.speed * TICK_MS) / 1000;
    const months = Math.floor(this.#carry);
    if (months === 0) return;
    this.#carry -= months;
    const next = playStep(this.range, months, this.span);
    this.range = next.range;
    if (next.done) this.stop();
  }

  stop(): void {
    this.playing = false;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

export const timeline = new TimelineState();
