// The timeline's pure core: months on the brush, a from–to range in words, the span of the data in view, playback
// steps, and a path's hops as bars with their uncertainty. No state, no DOM.
import { dayRange } from './graph-model.ts';
import type { Interval, Link, NodeBrief, Path } from './types.ts';

export const FIRST_MONTH = '1967-01';
export const LAST_MONTH = '2009-12';

export function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return (y - 1967) * 12 + (m - 1);
}

export function monthAt(index: number): string {
  const i = Math.max(0, Math.min(MONTHS - 1, Math.round(index)));
  const y = 1967 + Math.floor(i / 12);
  return `${y}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export const MONTHS = monthIndex(LAST_MONTH) + 1;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1993-03" → "March 1993" (what a screen reader says for a handle). */
export function monthWords(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1]} ${y}`;
}

/** "1993-03" → "Mar 1993". */
export function monthShort(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1].slice(0, 3)} ${y}`;
}

/** The months the canvas shows, both ends included (from ≤ to). */
export interface MonthRange {
  from: string;
  to: string;
}

/** The range as the date the canvas filters by: one month (YYYY-MM) or an interval of months (YYYY-MM/YYYY-MM). */
export function rangeDate(range: MonthRange | null): string | null {
  if (!range) return null;
  return range.from === range.to ? range.from : `${range.from}/${range.to}`;
}

/** "All time", "Jan 1993" or "Dec 1992 – Sep 1993". */
export function rangeLabel(range: MonthRange | null): string {
  if (!range) return 'All time';
  return range.from === range.to ? monthShort(range.from) : `${monthShort(range.from)} – ${monthShort(range.to)}`;
}

/** The range in a permalink: "1993-01" or "1992-12..1993-09"; null for all time. */
export function rangeParam(range: MonthRange | null): string | null {
  if (!range) return null;
  return range.from === range.to ? range.from : `${range.from}..${range.to}`;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A permalink's range back ("1993-01" or "1992-12..1993-09"); anything else is all time. */
export function parseRangeParam(value: string | null): MonthRange | null {
  if (!value) return null;
  const [from, to = from, extra] = value.split('..');
  if (extra !== undefined || !MONTH.test(from) || !MONTH.test(to)) return null;
  const clamp = (m: string) => monthAt(monthIndex(m));
  return from <= to ? { from: clamp(from), to: clamp(to) } : { from: clamp(to), to: clamp(from) };
}

/** One handle moved to a month: the other handle is pushed along rather than crossed, so from ≤ to always. */
export function moveHandle(range: MonthRange | null, handle: 'from' | 'to', month: string): MonthRange {
  const current = range ?? { from: FIRST_MONTH, to: LAST_MONTH };
  if (handle === 'from') return { from: month, to: month > current.to ? month : current.to };
  return { from: month < current.from ? month : current.from, to: month };
}

/** Where a key moves a handle (a month index): arrows by a month, Page Up/Down by a year, Home/End to the ends. */
export function keyedIndex(index: number, key: string): number | null {
  const step: Record<string, number> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 12, PageDown: -12 };
  if (key === 'Home') return 0;
  if (key === 'End') return MONTHS - 1;
  if (!(key in step)) return null;
  return Math.max(0, Math.min(MONTHS - 1, index + step[key]));
}

/** The earliest and latest month that the links and dated nodes in view mention (offices are left out: a long
 *  term of office would start playback decades before the talks on screen). Null when nothing in view is dated. */
export function dataSpan(nodes: Iterable<Pick<NodeBrief, 'when'>>, links: Iterable<Pick<Link, 'when'>>): MonthRange | null {
  let lo: string | null = null;
  let hi: string | null = null;
  const add = (when: Pick<Interval, 'from' | 'to'> | null | undefined) => {
    if (!when) return;
    const first = when.from ?? when.to;
    const last = when.to ?? when.from;
    if (first && (lo === null || first < lo)) lo = first;
    if (last && (hi === null || last > hi)) hi = last;
  };
  for (const n of nodes) add(n.when);
  for (const l of links) add(l.when);
  if (lo === null || hi === null) return null;
  const clamp = (day: string) => monthAt(monthIndex((day as string).slice(0, 7)));
  return { from: clamp(lo), to: clamp(hi) };
}

/** Playback speeds, in months per second. */
export const SPEEDS = [
  { months: 1, label: '1 month a second' },
  { months: 12, label: '1 year a second' },
  { months: 60, label: '5 years a second' },
] as const;

/** Where playback starts: the range's width kept (one month when all time is shown), moved to the data's start. */
export function playStart(range: MonthRange | null, span: MonthRange): MonthRange {
  const width = range ? monthIndex(range.to) - monthIndex(range.from) : 0;
  const from = monthIndex(span.from);
  const to = Math.min(from + width, Math.max(monthIndex(span.to), from));
  return { from: monthAt(from), to: monthAt(to) };
}

/** Whether a range already sits at (or past) the end of the data, so a resume would show nothing new. */
export function atEnd(range: MonthRange, span: MonthRange): boolean {
  return range.to >= span.to;
}

/** The range slid forward by some months (its width kept), stopping with its end on the data's end. */
export function playStep(range: MonthRange, months: number, span: MonthRange): { range: MonthRange; done: boolean } {
  const width = monthIndex(range.to) - monthIndex(range.from);
  const end = monthIndex(span.to);
  const to = Math.min(monthIndex(range.to) + months, end);
  return { range: { from: monthAt(Math.max(to - width, 0)), to: monthAt(to) }, done: to >= end };
}

/** One hop of a path as a bar: where it may have happened (band), what the dates fix for certain (solid), and words. */
export interface HopBar {
  index: number;
  sentence: string;
  linkId: string;
  /** Earliest and latest possible day (open ends take the axis end). */
  band: [string, string];
  /** The part the dates fix: a day for an event with an exact date, the certain span of a standing relation. */
  solid: [string, string] | null;
  openStart: boolean;
  openEnd: boolean;
  /** The instant the path takes the hop. */
  instant: string | null;
  /** The dates in words, e.g. "some time in Feb 1993 (the day is not recorded)". */
  words: string;
}


/** First and last day of a plain EDTF date side ("1993", "1993-02", "1993-02-04"); null for open or qualified. */
function sideDays(side: string): [string, string] | null {
  return /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(side) ? dayRange(side) : null;
}

/** The days an interval certainly covers: an exact day for an event; from the start's last possible day to the end's
 *  first possible day for a standing relation. Null when the dates fix nothing (month- or year-only events, circa). */
export function certainSpan(when: Interval): [string, string] | null {
  if (when.approximate) return null;
  if (when.point) return when.from !== null && when.from === when.to ? [when.from, when.to] : null;
  const [start, end] = when.text.split('/');
  const s = sideDays(start ?? '');
  const e = sideDays(end ?? '');
  if (!s || !e || s[1] > e[0]) return null;
  return [s[1], e[0]];
}

function dateWords(when: Interval | null): string {
  if (!when) return 'undated';
  const open = when.from === null ? 'start not recorded' : when.to === null ? 'end not recorded' : null;
  if (when.point) {
    if (when.approximate) return `${when.label} (approximate)`;
    if (when.from !== null && when.from === when.to) return `on ${when.label}`;
    if (open) return `${when.label}`;
    return `some time in ${when.label}, day not recorded`;
  }
  return `${when.label}${open ? ` (${open})` : ''}${when.approximate ? ' (approximate)' : ''}`;
}

/** The selected path's hops as bars on one axis, with the axis ends (null when no hop is dated). */
export function hopBars(path: Path | null): { bars: HopBar[]; start: string; end: string } | null {
  if (!path) return null;
  // The axis covers the instants and the events; a standing relation (a term of office) is clipped to it, so that years
  // of office do not squeeze the weeks in which the talks moved.
  const days = (events: boolean) => path.hops.flatMap((h) => [...(!events || h.link.when?.point ? [h.link.when?.from, h.link.when?.to] : []), h.instant]).filter((d): d is string => Boolean(d)).sort();
  const known = days(true).length ? days(true) : days(false);
  if (!known.length) return null;
  const start = known[0];
  const end = known[known.length - 1];
  const clip = (d: string) => (d < start ? start : d > end ? end : d);
  const bars = path.hops.map((hop, index): HopBar => {
    const when = hop.link.when;
    const from = when?.from ?? null;
    const to = when?.to ?? null;
    return {
      index,
      // The sentence ends with the date in brackets, which the words below say anyway.
      sentence: when && hop.sentence.endsWith(` (${when.label})`) ? hop.sentence.slice(0, -(when.label.length + 3)) : hop.sentence,
      linkId: hop.link.id,
      band: [clip(from ?? start), clip(to ?? end)],
      solid: when && certainSpan(when) ? (certainSpan(when)!.map(clip) as [string, string]) : null,
      openStart: !when || from === null || from < start,
      openEnd: !when || to === null || to > end,
      instant: hop.instant,
      words: `${dateWords(when)}${hop.instant ? `; taken ${dayWords(hop.instant)}` : ''}`,
    };
  });
  return { bars, start, end };
}

/** "1993-02-04" → "4 Feb 1993". */
export function dayWords(day: string): string {
  const [y, m, d] = day.split('-');
  return d ? `${Number(d)} ${MONTH_NAMES[Number(m) - 1].slice(0, 3)} ${y}` : m ? monthShort(`${y}-${m}`) : y;
}

/** A day's position on an axis from start to end, in percent (a one-day axis is widened so that bars show). */
export function axisPercent(day: string, start: string, end: string): number {
  const t = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const lo = t(start) - 15;
  const hi = t(end) + 15;
  return Math.max(0, Math.min(100, ((t(day) - lo) / (hi - lo)) * 100));
}
