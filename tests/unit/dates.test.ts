import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateError, dayOf, formatWhen, isoOf, parseWhen, parseWindowBound } from '../../core/dates.ts';

const d = dayOf;

describe('day numbers', () => {
  it('counts days from 1970-01-01, negative before', () => {
    expect(dayOf('1970-01-01')).toBe(0);
    expect(dayOf('1970-01-02')).toBe(1);
    expect(dayOf('1969-12-31')).toBe(-1);
    expect(dayOf('2000-03-01') - dayOf('2000-02-28')).toBe(2); // 2000 is a leap year
    expect(dayOf('1900-03-01') - dayOf('1900-02-28')).toBe(1); // 1900 is not
  });

  it('round-trips through isoOf for every day in 1000–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayOf('1000-01-01'), max: dayOf('2100-12-31') }), (day) => {
        expect(dayOf(isoOf(day))).toBe(day);
      }),
    );
  });

  it('writes open bounds as ..', () => {
    expect(isoOf(Infinity)).toBe('..');
    expect(isoOf(-Infinity)).toBe('..');
    expect(isoOf(dayOf('1993-09-13'))).toBe('1993-09-13');
  });

  it('rejects impossible calendar days', () => {
    expect(() => dayOf('1993-02-29')).toThrow(DateError);
    expect(() => dayOf('1993-13-01')).toThrow(DateError);
    expect(() => dayOf('1993-1-1')).toThrow(DateError);
  });
});

describe('parseWhen: single dates', () => {
  it('reads a day as one known instant', () => {
    expect(parseWhen('1992-12-04')).toEqual({
      text: '1992-12-04', point: true, approximate: false,
      startMin: d('1992-12-04'), startMax: d('1992-12-04'), endMin: d('1992-12-04'), endMax: d('1992-12-04'),
    });
  });

  it('reads a month as one unknown day of that month', () => {
    const w = parseWhen('1992-12');
    expect([w.startMin, w.startMax, w.endMin, w.endMax]).toEqual([d('1992-12-01'), d('1992-12-31'), d('1992-12-01'), d('1992-12-31')]);
    expect(w.point).toBe(true);
  });

  it('knows February lengths', () => {
    expect(parseWhen('1992-02').endMax).toBe(d('1992-02-29'));
    expect(parseWhen('1993-02').endMax).toBe(d('1993-02-28'));
  });

  it('reads a year as one unknown day of that year', () => {
    const w = parseWhen('1987');
    expect([w.startMin, w.endMax]).toEqual([d('1987-01-01'), d('1987-12-31')]);
  });

  it('widens circa by one unit of the stated precision', () => {
    const year = parseWhen('1987~');
    expect([year.startMin, year.endMax, year.approximate]).toEqual([d('1986-01-01'), d('1988-12-31'), true]);
    const month = parseWhen('1987-08~');
    expect([month.startMin, month.endMax]).toEqual([d('1987-07-01'), d('1987-09-30')]);
    const day = parseWhen('1993-09-10~');
    expect([day.startMin, day.endMax]).toEqual([d('1993-09-07'), d('1993-09-13')]);
  });

  it('widens uncertain and circa-uncertain the same way, across year ends', () => {
    const uncertain = parseWhen('1995-12?');
    expect([uncertain.startMin, uncertain.endMax, uncertain.approximate]).toEqual([d('1995-11-01'), d('1996-01-31'), true]);
    const both = parseWhen('1995-01%');
    expect([both.startMin, both.endMax]).toEqual([d('1994-12-01'), d('1995-02-28')]);
  });

  it('reads "at or before" and "at or after" as one instant with an open side', () => {
    const before = parseWhen('[..1993-05]');
    expect([before.point, before.startMin, before.endMax]).toEqual([true, -Infinity, d('1993-05-31')]);
    const after = parseWhen('[1993-05..]');
    expect([after.point, after.startMin, after.endMax]).toEqual([true, d('1993-05-01'), Infinity]);
  });
});

describe('parseWhen: intervals', () => {
  it('gives each end its own precision', () => {
    const w = parseWhen('1992-07/1995-11-04');
    expect(w).toEqual({
      text: '1992-07/1995-11-04', point: false, approximate: false,
      startMin: d('1992-07-01'), startMax: d('1992-07-31'), endMin: d('1995-11-04'), endMax: d('1995-11-04'),
    });
  });

  it('reads an open end as still true', () => {
    const w = parseWhen('1993-04-02/..');
    expect([w.startMin, w.startMax, w.endMin, w.endMax]).toEqual([d('1993-04-02'), d('1993-04-02'), Infinity, Infinity]);
  });

  it('reads an open start as true since forever', () => {
    const w = parseWhen('../1993-05');
    expect([w.startMin, w.startMax, w.endMin, w.endMax]).toEqual([-Infinity, -Infinity, d('1993-05-01'), d('1993-05-31')]);
  });

  it('reads an unknown start: possibly any time before, certainly only at the known end', () => {
    const w = parseWhen('/1993-05-04');
    expect([w.startMin, w.startMax, w.endMin, w.endMax]).toEqual([-Infinity, d('1993-05-04'), d('1993-05-04'), d('1993-05-04')]);
  });

  it('reads an unknown end: possibly forever, certainly only at the known start', () => {
    const w = parseWhen('1993-05-04/');
    expect([w.startMin, w.startMax, w.endMin, w.endMax]).toEqual([d('1993-05-04'), d('1993-05-04'), d('1993-05-04'), Infinity]);
  });

  it('marks an interval approximate when either side hedges', () => {
    const w = parseWhen('1992~/1995-06');
    expect(w.approximate).toBe(true);
    expect(w.startMin).toBe(d('1991-01-01'));
    expect(w.startMax).toBe(d('1993-12-31'));
  });

  it('keeps the certain bounds consistent when the two ends overlap', () => {
    const w = parseWhen('1992-05/1992');
    expect(w.endMin).toBe(d('1992-05-01'));
    expect(w.startMax).toBe(d('1992-05-31'));
  });

  it('accepts a same-day interval and trims spaces', () => {
    const w = parseWhen(' 1993-09-13/1993-09-13 ');
    expect(w.text).toBe('1993-09-13/1993-09-13');
    expect(w.startMin).toBe(w.endMax);
  });
});

describe('parseWhen: rejects with a message that says what was wrong', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['1993-02-30', /no day 30/],
    ['1993-13', /month 13/],
    ['1993-00', /month 00/],
    ['0999', /outside 1000–2100/],
    ['2101', /outside/],
    ['93', /not a date/],
    ['1993-5', /not a date/],
    ['1995/1992', /ends before it starts/],
    ['../..', /at least one side/],
    ['/', /at least one side/],
    ['1992/1993/1994', /exactly one/],
    ['[1993-05]', /\[\.\.X\] or \[X\.\.\]/],
    ['[..1993', /both \[ and \]/],
    ['1993-05~?', /not a date/],
    ['c. 1993', /not a date/],
  ];
  for (const [text, problem] of cases) {
    it(`rejects "${text}"`, () => {
      expect(() => parseWhen(text)).toThrow(DateError);
      expect(() => parseWhen(text)).toThrow(problem);
      expect(() => parseWhen(text)).toThrow(/accepted forms: YYYY, YYYY-MM, YYYY-MM-DD/);
    });
  }
});

describe('parseWhen: invariants over random valid dates', () => {
  const simple = fc
    .tuple(fc.integer({ min: 1000, max: 2100 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 28 }), fc.constantFrom('', '~', '?', '%'))
    .map(([year, month, day, q]) => {
      const y = String(year);
      if (month === 0) return y + q;
      const m = `${y}-${String(month).padStart(2, '0')}`;
      return (day === 0 ? m : `${m}-${String(day).padStart(2, '0')}`) + q;
    });
  const anyWhen = fc.oneof(
    simple,
    fc.tuple(simple, simple).map(([a, b]) => `${a}/${b}`),
    fc.tuple(fc.constantFrom('..', ''), simple).map(([a, b]) => `${a}/${b}`),
    fc.tuple(simple, fc.constantFrom('..', '')).map(([a, b]) => `${a}/${b}`),
    simple.map((x) => `[..${x}]`),
    simple.map((x) => `[${x}..]`),
  );

  it('orders the bounds: startMin ≤ startMax, endMin ≤ endMax, startMin ≤ endMax', () => {
    fc.assert(
      fc.property(anyWhen, (text) => {
        let w;
        try {
          w = parseWhen(text);
        } catch (error) {
          expect(error).toBeInstanceOf(DateError);
          expect(String(error)).toMatch(/ends before it starts/);
          return;
        }
        expect(w.startMin).toBeLessThanOrEqual(w.startMax);
        expect(w.endMin).toBeLessThanOrEqual(w.endMax);
        expect(w.startMin).toBeLessThanOrEqual(w.endMax);
        expect(w.startMin).toBeLessThanOrEqual(w.endMin);
        expect(w.approximate).toBe(/[~?%]/.test(text));
        expect(typeof formatWhen(w)).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatWhen', () => {
  const cases: [string, string][] = [
    ['1992-12-04', '4 Dec 1992'],
    ['1992-12', 'Dec 1992'],
    ['1992', '1992'],
    ['1992/1995', '1992–1995'],
    ['1987~', 'c. 1987'],
    ['1995-06?', 'Jun 1995?'],
    ['1995-06%', 'c. Jun 1995?'],
    ['[..1993-05]', 'before May 1993'],
    ['[1993-05..]', 'after May 1993'],
    ['1992-07/1995-11-04', 'Jul 1992 – 4 Nov 1995'],
    ['1993-04-02/..', '2 Apr 1993 onwards'],
    ['../1993-05', 'until May 1993'],
    ['/1993', '?–1993'],
    ['1993/', '1993–?'],
  ];
  for (const [text, human] of cases) {
    it(`writes ${text} as "${human}"`, () => expect(formatWhen(parseWhen(text))).toBe(human));
  }
});

describe('parseWindowBound', () => {
  it('takes the first day of a period as a window start and the last as a window end', () => {
    expect(parseWindowBound('1992-12', 'from')).toBe(d('1992-12-01'));
    expect(parseWindowBound('1992-12', 'to')).toBe(d('1992-12-31'));
    expect(parseWindowBound('1992', 'to')).toBe(d('1992-12-31'));
    expect(parseWindowBound('1992-12-04', 'from')).toBe(d('1992-12-04'));
  });

  it('reads empty or .. as open', () => {
    expect(parseWindowBound('', 'from')).toBe(-Infinity);
    expect(parseWindowBound('..', 'to')).toBe(Infinity);
  });

  it('rejects hedged or malformed bounds', () => {
    expect(() => parseWindowBound('1992~', 'from')).toThrow(DateError);
    expect(() => parseWindowBound('1992-02-30', 'to')).toThrow(/no day 30/);
  });
});
