// Partial, uncertain historical dates (the EDTF subset of seed/README.md) as ranges of integer day numbers.
// Hand-written, not an EDTF library or a JSON Schema format: the subset is narrower (it refuses what the dataset must
// not hold) and tests/unit/dates.test.ts proves its ranges by property tests.

/** A parsed `when`: day numbers since 1970-01-01 (UTC), ±Infinity where open or unknown. */
export interface When {
  text: string;
  /** One instant (an event) rather than a standing relation valid over a span. */
  point: boolean;
  /** Earliest and latest possible start; for a point, the range of the unknown instant. */
  startMin: number;
  startMax: number;
  /** Earliest and latest possible end; for a point, the same range as the start. */
  endMin: number;
  endMax: number;
  /** The source hedges (circa `~`, uncertain `?`, or both `%`) on at least one side. */
  approximate: boolean;
}

export class DateError extends Error {
  override name = 'DateError';
}

type Precision = 'year' | 'month' | 'day';
type Qualifier = '' | '~' | '?' | '%';

interface SimpleDate {
  year: number;
  month?: number;
  day?: number;
  precision: Precision;
  qualifier: Qualifier;
  /** Possible range after widening for circa/uncertain. */
  lo: number;
  hi: number;
}

const MS_PER_DAY = 86_400_000;
const MIN_YEAR = 1000;
const MAX_YEAR = 2100;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SIMPLE_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%])?$/;
const PLAIN_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const ACCEPTED_FORMS =
  'accepted forms: YYYY, YYYY-MM, YYYY-MM-DD, each optionally followed by ~ (circa), ? (uncertain) or % (both); ' +
  'an interval A/B where either side may be .. (open) or empty (unknown); [..X] (at or before X); [X..] (at or after X); ' +
  `years ${MIN_YEAR}–${MAX_YEAR}`;

function fail(text: string, problem: string): never {
  throw new DateError(`Cannot read the date "${text}": ${problem}. ${ACCEPTED_FORMS}.`);
}

function dayFromParts(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day number of an ISO calendar date `YYYY-MM-DD`. */
export function dayOf(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) fail(iso, 'expected a full day YYYY-MM-DD');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) fail(iso, `month ${match[2]} is not between 01 and 12`);
  if (day < 1 || day > daysInMonth(year, month)) fail(iso, `${match[1]}-${match[2]} has no day ${match[3]}`);
  return dayFromParts(year, month, day);
}

/** ISO `YYYY-MM-DD` of a day number; `..` for an open (infinite) bound. */
export function isoOf(day: number): string {
  if (day === Infinity || day === -Infinity) return '..';
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function parseSimple(part: string, whole: string, pattern: RegExp = SIMPLE_DATE): SimpleDate {
  const match = pattern.exec(part);
  if (!match) fail(whole, `"${part}" is not a date`);
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  const qualifier = (match[4] ?? '') as Qualifier;
  if (year < MIN_YEAR || year > MAX_YEAR) fail(whole, `year ${match[1]} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  if (month !== undefined && (month < 1 || month > 12)) fail(whole, `month ${match[2]} is not between 01 and 12`);
  if (month !== undefined && day !== undefined && (day < 1 || day > daysInMonth(year, month))) {
    fail(whole, `${match[1]}-${match[2]} has no day ${match[3]}`);
  }
  const precision: Precision = day !== undefined ? 'day' : month !== undefined ? 'month' : 'year';
  // Circa/uncertain widen by one unit of the stated precision on each side.
  const widen = qualifier === '' ? 0 : 1;
  let lo: number;
  let hi: number;
  if (precision === 'year') {
    lo = dayFromParts(year - widen, 1, 1);
    hi = dayFromParts(year + widen, 12, 31);
  } else if (precision === 'month') {
    lo = dayFromParts(year, month! - widen, 1);
    hi = dayFromParts(year, month! + widen + 1, 0);
  } else {
    lo = dayFromParts(year, month!, day!) - 3 * widen;
    hi = dayFromParts(year, month!, day!) + 3 * widen;
  }
  return { year, month, day, precision, qualifier, lo, hi };
}

type Side = { kind: 'date'; date: SimpleDate } | { kind: 'open' } | { kind: 'unknown' };

function parseSide(part: string, whole: string): Side {
  if (part === '..') return { kind: 'open' };
  if (part === '') return { kind: 'unknown' };
  return { kind: 'date', date: parseSimple(part, whole) };
}

interface Parsed {
  shape: 'point' | 'before' | 'after' | 'interval';
  start: Side;
  end: Side;
}

function parseShape(text: string): Parsed {
  if (text === '') fail(text, 'the text is empty');
  if (text.startsWith('[') || text.endsWith(']')) {
    if (!(text.startsWith('[') && text.endsWith(']'))) fail(text, 'a one-instant set needs both [ and ]');
    const inner = text.slice(1, -1);
    if (inner.startsWith('..') && !inner.endsWith('..')) {
      return { shape: 'before', start: { kind: 'open' }, end: { kind: 'date', date: parseSimple(inner.slice(2), text) } };
    }
    if (inner.endsWith('..') && !inner.startsWith('..')) {
      return { shape: 'after', start: { kind: 'date', date: parseSimple(inner.slice(0, -2), text) }, end: { kind: 'open' } };
    }
    fail(text, 'a one-instant set is written [..X] or [X..]');
  }
  const parts = text.split('/');
  if (parts.length > 2) fail(text, 'an interval has exactly one /');
  if (parts.length === 1) {
    const date = parseSimple(text, text);
    return { shape: 'point', start: { kind: 'date', date }, end: { kind: 'date', date } };
  }
  const start = parseSide(parts[0], text);
  const end = parseSide(parts[1], text);
  if (start.kind !== 'date' && end.kind !== 'date') fail(text, 'an interval needs a date on at least one side');
  return { shape: 'interval', start, end };
}

/** Parse a `when`; throws DateError naming what was wrong and listing the accepted forms. */
export function parseWhen(text: string): When {
  const trimmed = text.trim();
  const parsed = parseShape(trimmed);
  const { start, end } = parsed;
  const approximate = [start, end].some((side) => side.kind === 'date' && side.date.qualifier !== '');
  if (parsed.shape === 'point') {
    const date = (start as { date: SimpleDate }).date;
    return { text: trimmed, point: true, startMin: date.lo, startMax: date.hi, endMin: date.lo, endMax: date.hi, approximate };
  }
  if (parsed.shape === 'before') {
    const date = (end as { date: SimpleDate }).date;
    return { text: trimmed, point: true, startMin: -Infinity, startMax: date.hi, endMin: -Infinity, endMax: date.hi, approximate };
  }
  if (parsed.shape === 'after') {
    const date = (start as { date: SimpleDate }).date;
    return { text: trimmed, point: true, startMin: date.lo, startMax: Infinity, endMin: date.lo, endMax: Infinity, approximate };
  }
  let startMin = start.kind === 'date' ? start.date.lo : -Infinity;
  let startMax = start.kind === 'date' ? start.date.hi : -Infinity;
  let endMin = end.kind === 'date' ? end.date.lo : Infinity;
  let endMax = end.kind === 'date' ? end.date.hi : Infinity;
  // An unknown side leaves the possible range open; the start may be as late as the end (and vice versa).
  if (start.kind === 'unknown') startMax = endMax;
  if (end.kind === 'unknown') endMin = startMin;
  if (startMin > endMax) fail(trimmed, 'the interval ends before it starts');
  // The end cannot precede the start, so each side narrows the other's certain bound.
  endMin = Math.max(endMin, startMin);
  startMax = Math.min(startMax, endMax);
  return { text: trimmed, point: false, startMin, startMax, endMin, endMax, approximate };
}

/** A window bound typed by a user: a plain date, `..` or empty for open; `from` takes its first day, `to` its last. */
export function parseWindowBound(text: string, side: 'from' | 'to'): number {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '..') return side === 'from' ? -Infinity : Infinity;
  const date = parseSimple(trimmed, trimmed, PLAIN_DATE);
  return side === 'from' ? date.lo : date.hi;
}

function formatSimple(date: SimpleDate): string {
  let plain = String(date.year);
  if (date.month !== undefined) plain = `${MONTH_NAMES[date.month - 1]} ${plain}`;
  if (date.day !== undefined) plain = `${date.day} ${plain}`;
  if (date.qualifier === '~') return `c. ${plain}`;
  if (date.qualifier === '?') return `${plain}?`;
  if (date.qualifier === '%') return `c. ${plain}?`;
  return plain;
}

/** Human reading: "4 Dec 1992", "Dec 1992", "1992–1995", "c. 1987", "before May 1993". */
export function formatWhen(w: When): string {
  const parsed = parseShape(w.text);
  const { start, end } = parsed;
  if (parsed.shape === 'point' && start.kind === 'date') return formatSimple(start.date);
  if (parsed.shape === 'before' && end.kind === 'date') return `before ${formatSimple(end.date)}`;
  if (parsed.shape === 'after' && start.kind === 'date') return `after ${formatSimple(start.date)}`;
  if (start.kind === 'open' && end.kind === 'date') return `until ${formatSimple(end.date)}`;
  if (start.kind === 'date' && end.kind === 'open') return `${formatSimple(start.date)} onwards`;
  const left = start.kind === 'date' ? formatSimple(start.date) : '?';
  const right = end.kind === 'date' ? formatSimple(end.date) : '?';
  // Thin dash between bare years, spaced dash once either side has words in it.
  return left.includes(' ') || right.includes(' ') ? `${left} – ${right}` : `${left}–${right}`;
}

/** The calendar parts of one side of a date, as written (no widening): what citation formats carry. */
export interface DateParts {
  year: number;
  month?: number;
  day?: number;
  /** Written with ~ (circa), ? (uncertain) or % (both). */
  approximate: boolean;
}

/**
 * Each side of a `when` as calendar parts, null where open or unknown: "1993-05" gives one point, "1992/1993-05"
 * a start and an end. Throws DateError like parseWhen.
 */
export function whenParts(text: string): { start: DateParts | null; end: DateParts | null; point: boolean } {
  const parsed = parseShape(text.trim());
  const parts = (side: Side): DateParts | null => {
    if (side.kind !== 'date') return null;
    const { year, month, day, qualifier } = side.date;
    return { year, ...(month !== undefined ? { month } : {}), ...(day !== undefined ? { day } : {}), approximate: qualifier !== '' };
  };
  return { start: parts(parsed.start), end: parts(parsed.end), point: parsed.shape !== 'interval' };
}
