// The timeline's pure core: the from–to brush, playback through the data in view, and a path's hops as bars.
import { describe, expect, it } from 'vitest';
import { sceneElements, validAt, type SceneEdge } from '../../web/graph-model.ts';
import { decodeView, encodeView, DEFAULT_VIEW } from '../../web/permalink.ts';
import {
  atEnd, certainSpan, dataSpan, hopBars, keyedIndex, MONTHS, monthIndex, monthWords, moveHandle, parseRangeParam, playStart, playStep,
  rangeDate, rangeLabel, rangeParam,
} from '../../web/time-model.ts';
import type { Interval, Link, NodeBrief, Path } from '../../web/types.ts';

const interval = (text: string, from: string | null, to: string | null, point: boolean, approximate = false, label = text): Interval => ({ text, label, from, to, point, approximate });
const node = (id: string, extra: Partial<NodeBrief> = {}): NodeBrief => ({ __typename: 'Person', id, kind: 'PERSON', name: id, ...extra });
const link = (id: string, from: string, to: string, when: Interval | null): Link => ({
  id, type: 'BRIEFED', family: 'TRANSMISSION', from: { id: from, name: from }, to: { id: to, name: to }, when, confidence: 'HIGH', outcome: null,
  role: null, side: null, title: null, rank: null, place: null, note: null, sentence: `${from} briefed ${to}`, citations: [], disputes: [],
});

describe('the range brush', () => {
  it('says a month in words for screen readers and the range as the canvas filters by it', () => {
    expect(monthWords('1993-03')).toBe('March 1993');
    expect(rangeLabel(null)).toBe('All time');
    expect(rangeLabel({ from: '1993-01', to: '1993-01' })).toBe('Jan 1993');
    expect(rangeLabel({ from: '1992-12', to: '1993-09' })).toBe('Dec 1992 – Sep 1993');
    expect(rangeDate({ from: '1992-12', to: '1993-09' })).toBe('1992-12/1993-09');
    expect(rangeDate({ from: '1993-01', to: '1993-01' })).toBe('1993-01');
  });

  it('pushes the other handle along instead of crossing it', () => {
    expect(moveHandle(null, 'from', '1992-12')).toEqual({ from: '1992-12', to: '2009-12' });
    expect(moveHandle({ from: '1992-12', to: '1993-09' }, 'to', '1991-05')).toEqual({ from: '1991-05', to: '1991-05' });
    expect(moveHandle({ from: '1992-12', to: '1993-09' }, 'from', '1994-01')).toEqual({ from: '1994-01', to: '1994-01' });
    expect(moveHandle({ from: '1992-12', to: '1993-09' }, 'to', '1995-01')).toEqual({ from: '1992-12', to: '1995-01' });
  });

  it('moves a handle by a month with the arrows, a year with Page Up/Down, to the ends with Home/End', () => {
    const i = monthIndex('1993-03');
    expect(keyedIndex(i, 'ArrowRight')).toBe(i + 1);
    expect(keyedIndex(i, 'ArrowLeft')).toBe(i - 1);
    expect(keyedIndex(i, 'PageUp')).toBe(i + 12);
    expect(keyedIndex(0, 'ArrowLeft')).toBe(0);
    expect(keyedIndex(i, 'End')).toBe(MONTHS - 1);
    expect(keyedIndex(i, 'a')).toBeNull();
  });

  it('round-trips a range through the permalink, and reads an old single-month link as that month', () => {
    expect(rangeParam({ from: '1992-12', to: '1993-09' })).toBe('1992-12..1993-09');
    expect(parseRangeParam('1992-12..1993-09')).toEqual({ from: '1992-12', to: '1993-09' });
    expect(parseRangeParam('1993-01')).toEqual({ from: '1993-01', to: '1993-01' });
    expect(parseRangeParam('1993-09..1992-12')).toEqual({ from: '1992-12', to: '1993-09' });
    expect(parseRangeParam('1993-13')).toBeNull();
    expect(parseRangeParam('1993-01..1993-02..1993-03')).toBeNull();
    const view = { ...DEFAULT_VIEW, at: '1992-12..1993-09' };
    expect(decodeView(encodeView(view)).at).toBe('1992-12..1993-09');
  });

  it('lets a link through when it holds on some day of the range', () => {
    const feb = { from: '1993-02-01', to: '1993-02-28' };
    expect(validAt(feb, '1992-12/1993-09')).toBe(true);
    expect(validAt(feb, '1993-03/1993-09')).toBe(false);
    expect(validAt(feb, '1992-01/1993-01')).toBe(false);
    expect(validAt(feb, '1993-02')).toBe(true);
  });
});

describe('nodes on the timeline', () => {
  const scene = (nodes: NodeBrief[], edges: SceneEdge[], date: string | null, highlight: string[] = []) => {
    const els = sceneElements({
      nodes: new Map(nodes.map((n) => [n.id, n])), edges, hiddenTypes: new Set(), date, highlightA: new Set(highlight), highlightB: new Set(),
      focus: null, selected: null, leaders: new Set(), excluded: new Set(),
    });
    return new Set(els.filter((e) => !e.classes.includes('hidden')).map((e) => e.data.id));
  };
  const oslo = node('channel/oslo', { __typename: 'Channel', kind: 'CHANNEL', when: interval('1992-12/1993-09', '1992-12-01', '1993-09-30', false) });
  const hirschfeld = node('person/hirschfeld');
  const rabin = node('person/rabin', { offices: [{ id: 'o', rank: 'head', title: 'Prime Minister', when: interval('1992-07-13/1995-11-04', '1992-07-13', '1995-11-04', false), to: { id: 'government/israel', name: 'Israel' } }] });
  const undated: SceneEdge = { id: 'e1', source: 'person/hirschfeld', target: 'channel/oslo', link: link('e1', 'person/hirschfeld', 'channel/oslo', null) };

  it('hides a channel whose own dates fall outside the range, with its links, even an undated one', () => {
    expect(scene([oslo, hirschfeld], [undated], '1993-01/1993-03')).toEqual(new Set(['channel/oslo', 'person/hirschfeld', 'e1']));
    const shown = scene([oslo, hirschfeld], [undated], '1980-01/1985-12');
    expect(shown.has('channel/oslo')).toBe(false);
    expect(shown.has('e1')).toBe(false);
    expect(shown.has('person/hirschfeld')).toBe(false);
  });

  it('shows a person holding an office in the range without a link, and hides one whose offices and links are all outside', () => {
    expect(scene([rabin], [], '1994-01/1994-12').has('person/rabin')).toBe(true);
    expect(scene([rabin], [], '1980-01/1985-12').has('person/rabin')).toBe(false);
    expect(scene([hirschfeld], [], '1980-01/1985-12').has('person/hirschfeld')).toBe(true);
  });

  it('never hides a node or hop of the selected path', () => {
    const shown = scene([oslo, hirschfeld], [undated], '1980-01/1985-12', ['channel/oslo', 'person/hirschfeld', 'e1']);
    expect(shown).toEqual(new Set(['channel/oslo', 'person/hirschfeld', 'e1']));
  });
});

describe('playback', () => {
  const span = dataSpan(
    [node('channel/oslo', { when: interval('1992-12/1993-09', '1992-12-01', '1993-09-30', false) })],
    [link('a', 'x', 'y', interval('1993-08-20', '1993-08-20', '1993-08-20', true)), link('b', 'x', 'y', interval('..1994-05', null, '1994-05-31', true)), link('c', 'x', 'y', null)],
  );

  it('spans the dates of what is in view, not 1967', () => {
    expect(span).toEqual({ from: '1992-12', to: '1994-05' });
    expect(dataSpan([], [link('c', 'x', 'y', null)])).toBeNull();
  });

  it('starts at the start of the data, keeps the range width, slides by the speed and stops at the end', () => {
    const start = playStart(null, span!);
    expect(start).toEqual({ from: '1992-12', to: '1992-12' });
    expect(playStart({ from: '1970-01', to: '1970-06' }, span!)).toEqual({ from: '1992-12', to: '1993-05' });
    expect(playStep(start, 1, span!)).toEqual({ range: { from: '1993-01', to: '1993-01' }, done: false });
    expect(playStep({ from: '1992-12', to: '1993-05' }, 12, span!)).toEqual({ range: { from: '1993-12', to: '1994-05' }, done: true });
    expect(atEnd({ from: '1994-05', to: '1994-05' }, span!)).toBe(true);
  });
});

describe('the hop strip', () => {
  const hop = (when: Interval | null, instant: string | null) => {
    const l = link(`l${Math.random()}`, 'a', 'b', when);
    return { against: false, instant, sentence: l.sentence, from: l.from, to: l.to, link: l };
  };
  const path = (hops: ReturnType<typeof hop>[]): Path => ({
    rank: 1, hopCount: hops.length, arrival: null, arrivalLabel: null, earliestArrival: null, latestArrival: null, arrivalRangeLabel: null, certain: false,
    evidence: 1, weakestHop: 0, source: { id: 'a', name: 'a' }, decisionMaker: null, government: null, nodes: [], hops,
  });

  it('fixes a day for an exact event, nothing for a month-only or circa one, and the certain middle of a standing relation', () => {
    expect(certainSpan(interval('1992-12-04', '1992-12-04', '1992-12-04', true))).toEqual(['1992-12-04', '1992-12-04']);
    expect(certainSpan(interval('1993-02', '1993-02-01', '1993-02-28', true))).toBeNull();
    expect(certainSpan(interval('1987-08~', '1987-07-01', '1987-09-30', true, true))).toBeNull();
    expect(certainSpan(interval('1992-07/1995-11-04', '1992-07-01', '1995-11-04', false))).toEqual(['1992-07-31', '1995-11-04']);
    expect(certainSpan(interval('1992/..', '1992-01-01', null, false))).toBeNull();
  });

  it('draws one bar per hop from its earliest to its latest possible day, in words', () => {
    const strip = hopBars(path([
      hop(interval('1992-12-04', '1992-12-04', '1992-12-04', true, false, '4 Dec 1992'), '1992-12-04'),
      hop(interval('1993-02', '1993-02-01', '1993-02-28', true, false, 'Feb 1993'), '1993-02-01'),
      hop(interval('1992-07-13/..', '1992-07-13', null, false, false, 'from 13 Jul 1992'), '1993-03-01'),
    ]))!;
    // The axis covers the events and instants; the open-ended office is clipped to it (and drawn as continuing).
    expect(strip.start).toBe('1992-12-04');
    expect(strip.end).toBe('1993-03-01');
    expect(strip.bars.map((b) => b.band)).toEqual([['1992-12-04', '1992-12-04'], ['1993-02-01', '1993-02-28'], ['1992-12-04', '1993-03-01']]);
    expect(strip.bars.map((b) => b.solid)).toEqual([['1992-12-04', '1992-12-04'], null, null]);
    expect(strip.bars[2].openStart).toBe(true);
    expect(strip.bars[2].openEnd).toBe(true);
    expect(strip.bars[0].words).toBe('on 4 Dec 1992; taken 4 Dec 1992');
    expect(strip.bars[1].words).toBe('some time in Feb 1993, day not recorded; taken 1 Feb 1993');
    expect(strip.bars[2].words).toMatch(/end not recorded/);
    expect(hopBars(path([hop(null, null)]))).toBeNull();
    const dated = link('x', 'a', 'b', interval('1992-12', '1992-12-01', '1992-12-31', true, false, 'Dec 1992'));
    const bare = hopBars(path([{ against: false, instant: null, sentence: 'a briefed b (Dec 1992)', from: dated.from, to: dated.to, link: dated }]))!;
    expect(bare.bars[0].sentence).toBe('a briefed b');
  });
});

describe('lesson headings', () => {
  it('renumber "Step N" headings after a reorder and leave headings written without a number alone', async () => {
    const { moveStep, renumberHeadings } = await import('../../web/story-model.ts');
    const steps = [{ heading: 'Step 1: Hirschfeld → Beilin' }, { heading: 'Step 2: Beilin → Peres' }, { heading: 'London, 4 December' }];
    expect(renumberHeadings(moveStep(steps, 0, 1)).map((s) => s.heading)).toEqual(['Step 1: Beilin → Peres', 'Step 2: Hirschfeld → Beilin', 'London, 4 December']);
    expect(renumberHeadings([{ heading: 'Stepping stones' }, { heading: 'Step 9' }]).map((s) => s.heading)).toEqual(['Stepping stones', 'Step 2']);
  });
});
