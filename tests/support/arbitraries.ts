// fast-check arbitraries shared by the engine's property tests: partial, uncertain and open dates as the seed writes them.
import fc from 'fast-check';
import { parseWhen, type When } from '../../core/dates.ts';

/** A year, month or day in 1990–1993, with an optional EDTF qualifier from `qualifiers`. */
export function simpleDateArb(qualifiers: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 1990, max: 1993 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 28 }), fc.constantFrom(...qualifiers))
    .map(([year, month, day, q]) => {
      if (month === 0) return `${year}${q}`;
      const m = `${year}-${String(month).padStart(2, '0')}`;
      return (day === 0 || day % 3 === 0 ? m : `${m}-${String(day).padStart(2, '0')}`) + q;
    });
}

/** Points, spans, open spans and before/after dates, weighted; `after` adds "[x..]" (on or after x). */
export function whenTextArb(date: fc.Arbitrary<string>, weights: { point: number; span: number; after: boolean }): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: weights.point, arbitrary: date },
    { weight: weights.span, arbitrary: fc.tuple(date, date).map(([a, b]) => `${a}/${b}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('..', ''), date).map(([a, b]) => `${a}/${b}`) },
    { weight: 1, arbitrary: fc.tuple(date, fc.constantFrom('..', '')).map(([a, b]) => `${a}/${b}`) },
    { weight: 1, arbitrary: date.map((x) => `[..${x}]`) },
    ...(weights.after ? [{ weight: 1, arbitrary: date.map((x) => `[${x}..]`) }] : []),
  );
}

/** The parsed date, or undefined for none or a text the parser refuses. */
export function tryParse(text: string | null): When | undefined {
  if (text === null) return undefined;
  try {
    return parseWhen(text);
  } catch {
    return undefined;
  }
}
