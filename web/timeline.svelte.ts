// The timeline: the month the canvas shows (links valid then), and playback through 1967–2009.
export const FIRST_MONTH = '1967-01';
export const LAST_MONTH = '2009-12';

export function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return (y - 1967) * 12 + (m - 1);
}

export function monthAt(index: number): string {
  const y = 1967 + Math.floor(index / 12);
  return `${y}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const MONTHS = monthIndex(LAST_MONTH) + 1;

export class TimelineState {
  /** The month shown (YYYY-MM), or null for all time. */
  date = $state<string | null>(null);
  /** True while playing forward. */
  playing = $state(false);
  #timer: ReturnType<typeof setInterval> | null = null;

  set(month: string | null): void {
    this.date = month;
  }

  play(): void {
    if (this.playing) return;
    if (this.date === null || this.date === LAST_MONTH) this.date = FIRST_MONTH;
    this.playing = true;
    this.#timer = setInterval(() => {
      const next = monthIndex(this.date ?? FIRST_MONTH) + 3;
      if (next >= MONTHS) {
        this.date = LAST_MONTH;
        this.stop();
      } else {
        this.date = monthAt(next);
      }
    }, 250);
  }

  stop(): void {
    this.playing = false;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

export const timeline = new TimelineState();
