// The curated dataset audited the way its users read it: the six case studies are complete enough to
// trace, offices end when terms end, "high" means two independent sources, living people keep their
// privacy, and every transmission happened inside a bounded range. No database: seed/ is read directly.
import { beforeAll, describe, expect, it } from 'vitest';
import { readSeed } from '../../store/prepare.ts';
import { parseWhen } from '../../core/dates.ts';
import type { Dataset, DatasetLink, DatasetNode } from '../../core/dataset.ts';
import { independentGroups as groupIndependent } from '../../core/sources.ts';
import { deadEndChannels } from '../../core/coverage.ts';

let dataset: Dataset;
let byId: Map<string, DatasetNode>;

beforeAll(async () => {
  ({ dataset } = await readSeed());
  byId = new Map(dataset.nodes.map((n) => [n.id, n]));
});

const TRANSMISSIONS = ['REPORTED_TO', 'BRIEFED', 'CARRIED_DOCUMENT_TO'];
const CONVENERS = ['SPONSORED', 'INITIATED', 'FACILITATED', 'HOSTED'];
const BLOCKING = ['rejected', 'disowned', 'ignored'];

// ---------------------------------------------------------------------------------------------
// The six case studies of Agha et al. (2003), ch. 1, "The Scope of the Study".
// Each expectation says how the record answers the question; an exception quotes the reason the
// channel's own description gives, so the test fails if the description stops saying so.
interface CaseStudy {
  id: string;
  /** Named participants with sides, or exactly those the sources name and the description's reason why no more. */
  participants: { atLeast: number } | { exception: string; named: string[] };
  /** Dated sessions, or the description's reason why none is known. */
  sessions: { atLeast: number } | { exception: string };
  /**
   * How the record answers "did it reach a decision-maker?": a transfer link from a participant or
   * mentor during or after the talks, a dead end (a blocked transmission), or the description's own
   * statement that no transfer can be recorded.
   */
  transfer: 'link' | 'dead end' | { exception: string };
}

const CASE_STUDIES: CaseStudy[] = [
  { id: 'channel/oslo-1992', participants: { atLeast: 4 }, sessions: { atLeast: 2 }, transfer: 'link' },
  {
    id: 'channel/aaas-talks',
    participants: {
      exception: "Apart from the two co-chairs, the Academy's page names no member of the group",
      named: ['person/ahmad-khalidi', 'person/yossi-alpher'],
    },
    sessions: { atLeast: 2 },
    transfer: { exception: 'No source names who carried the group\'s work to a decision-maker or when' },
  },
  {
    id: 'channel/israel-syria-sfcg',
    participants: { exception: 'The participants, venues and course of the talks are not named in the sources used', named: [] },
    sessions: { exception: 'No dated session is known' },
    transfer: { exception: 'no transfer to Israeli or Syrian decision-makers can be recorded' },
  },
  { id: 'channel/stockholm-1994', participants: { atLeast: 4 }, sessions: { atLeast: 2 }, transfer: 'dead end' },
  {
    id: 'channel/settler-pa-talks',
    participants: { atLeast: 4 },
    sessions: { atLeast: 2 },
    transfer: { exception: 'does not say who informed him or when, so no person-to-person link is drawn' },
  },
  // The Track II case (research centres' regional-security talks), not the official ACRS working group it fed.
  {
    id: 'channel/igcc-regional-security',
    participants: { atLeast: 4 },
    sessions: { atLeast: 2 },
    transfer: { exception: 'Transfer: none is documented to a named decision-maker' },
  },
];

function linksTo(channel: string, types: string[]): DatasetLink[] {
  return dataset.links.filter((l) => l.to === channel && types.includes(l.type));
}

function namedParticipantsWithSides(channel: string): string[] {
  const ids = linksTo(channel, ['PARTICIPATED_IN'])
    .filter((l) => l.side && byId.get(l.from)?.props.anonymous !== true)
    .map((l) => l.from);
  return [...new Set(ids)].sort();
}

function datedSessions(channel: string): DatasetNode[] {
  return dataset.nodes.filter((n) => n.kind === 'Session' && n.props.channel === channel && typeof n.props.when === 'string');
}

/** Transmissions from the channel's participants or mentors that can fall during the talks or within a year of their end. */
function transfersFrom(channel: string): DatasetLink[] {
  const span = parseWhen(String(byId.get(channel)!.props.when));
  const people = new Set(linksTo(channel, ['PARTICIPATED_IN', 'MENTORED']).map((l) => l.from));
  return dataset.links.filter((l) => {
    if (!TRANSMISSIONS.includes(l.type) || !people.has(l.from) || !l.when) return false;
    const w = parseWhen(l.when);
    return w.endMax >= span.startMin && w.startMin <= span.endMax + 366;
  });
}

function isDecisionMakerAt(person: string, when: string): boolean {
  const w = parseWhen(when);
  return dataset.links.some((o) => {
    if (o.type !== 'HELD_OFFICE' || o.from !== person || !o.when || !['head', 'leader'].includes(o.rank ?? '')) return false;
    const term = parseWhen(o.when);
    return term.startMin <= w.endMax && term.endMax >= w.startMin;
  });
}

describe('the six case studies can be traced', () => {
  it('finds all six case studies under their ids', () => {
    expect(CASE_STUDIES.map((c) => byId.get(c.id)?.kind)).toEqual(Array(6).fill('Channel'));
  });

  for (const cs of CASE_STUDIES) {
    describe(cs.id, () => {
      it('names its participants and their sides, or says why the sources do not', () => {
        const named = namedParticipantsWithSides(cs.id);
        if ('atLeast' in cs.participants) {
          expect(named.length).toBeGreaterThanOrEqual(cs.participants.atLeast);
        } else {
          expect(named).toEqual(cs.participants.named);
          expect(byId.get(cs.id)!.description).toContain(cs.participants.exception);
        }
      });

      it('has a sponsor or convener', () => {
        expect(linksTo(cs.id, CONVENERS).length).toBeGreaterThan(0);
      });

      it('has dated sessions, or says why none is known', () => {
        const sessions = datedSessions(cs.id);
        if ('atLeast' in cs.sessions) {
          expect(sessions.length).toBeGreaterThanOrEqual(cs.sessions.atLeast);
        } else {
          expect(sessions).toEqual([]);
          expect(byId.get(cs.id)!.description).toContain(cs.sessions.exception);
        }
      });

      it('shows how far its product got: a transfer to a decision-maker, a dead end, or why none can be recorded', () => {
        const transfers = transfersFrom(cs.id);
        const reachedLeader = transfers.filter((l) => !BLOCKING.includes(l.outcome ?? '') && isDecisionMakerAt(l.to, l.when!));
        const blocked = transfers.filter((l) => BLOCKING.includes(l.outcome ?? ''));
        if (cs.transfer === 'link') {
          expect(reachedLeader.length).toBeGreaterThan(0);
        } else if (cs.transfer === 'dead end') {
          expect(blocked.length).toBeGreaterThan(0);
          expect(reachedLeader).toEqual([]);
        } else {
          expect(reachedLeader).toEqual([]);
          expect(byId.get(cs.id)!.description).toContain(cs.transfer.exception);
        }
      });

      it('is listed as a dead end in the coverage report exactly when it reaches no decision-maker, with the reason it cites', () => {
        const end = deadEndChannels(dataset).find((d) => d.id === cs.id);
        if (cs.transfer === 'link') {
          expect(end).toBeUndefined();
        } else {
          expect(end?.reason).toBeTruthy();
          if (typeof cs.transfer === 'object') expect(end!.reason).toContain(cs.transfer.exception);
          expect(byId.get(cs.id)!.citations.length).toBeGreaterThan(0);
        }
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// People still in office on the latest source read; every other HELD_OFFICE must have an end.
const STILL_IN_OFFICE: Record<string, string> = {
  // King since 7 Feb 1999 (source/fanack-hussein-to-abdullah); no source reports an end.
  'HELD_OFFICE:person/king-abdullah-ii>government/jordan@1999-02-07/..': 'King of Jordan',
  // President of the PA since Jan 2005, still so in Nov 2025 (source/ynet-2025-11-abbas-90).
  'HELD_OFFICE:person/mahmoud-abbas>government/palestinian-authority@2005-01/..': 'President of the Palestinian Authority',
  // Chairman of the PLO Executive Committee since 11 Nov 2004 (source/sauress-wafa-plo-anniversary-2013), still heading the PLO in Nov 2025 (source/ynet-2025-11-abbas-90).
  'HELD_OFFICE:person/mahmoud-abbas>government/plo@2004-11-11/..': 'Chairman of the PLO Executive Committee',
  // A member of the Executive Committee since 1980; as its chairman he still sits on it (source/ynet-2025-11-abbas-90).
  'HELD_OFFICE:person/mahmoud-abbas>government/plo@1980/..': 'Member of the PLO Executive Committee',
  // Kept as foreign minister in the government of May 2024; no replacement reported since (source/rt-2024-lavrov-remains-foreign-minister).
  'HELD_OFFICE:person/sergey-lavrov>government/russia@2004-03-09/..': 'Minister of Foreign Affairs',
};

describe('offices end when terms end', () => {
  it('leaves an office open-ended only for the people the sources show still holding it', () => {
    const open = dataset.links
      .filter((l) => l.type === 'HELD_OFFICE' && (!l.when || parseWhen(l.when).endMax === Infinity))
      .map((l) => l.id)
      .sort();
    expect(open).toEqual(Object.keys(STILL_IN_OFFICE).sort());
  });

  it('closes every office of a person who has died', () => {
    const openAfterDeath = dataset.links.filter(
      (l) => l.type === 'HELD_OFFICE' && l.when && parseWhen(l.when).endMax === Infinity && byId.get(l.from)?.props.died,
    );
    expect(openAfterDeath.map((l) => l.id)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Independence of sources (core/sources.ts), from the sources' own fields (seed/README.md, "Confidence and disputes").
const independentGroups = (sourceIds: string[]) => groupIndependent(sourceIds, byId);

describe('"high" confidence means two independent sources', () => {
  it('counts the Agha et al. publisher page and its chapter 1 as one source', () => {
    expect(independentGroups(['source/f000-mit-press-page-track', 'source/f001-chapter-track-ii-talks'])).toHaveLength(1);
  });

  it('counts two pieces from the same newspaper, and Wikipedia with its copies, as one source each', () => {
    expect(independentGroups(['source/w24-haaretz-pmo-seeks-copy', 'source/w74-haaretz-corridors-power-genie'])).toHaveLength(1);
    expect(independentGroups(['source/w13-wikipedia-ron-pundak', 'source/w37-wikipedia-derived-bio-terje'])).toHaveLength(1);
    expect(independentGroups(['source/w24-haaretz-pmo-seeks-copy', 'source/w21-ipcri-beilin-abu-mazen'])).toHaveLength(2);
  });

  it("counts a participant's essay and an interview with him as one account, and a review of a book as the book", () => {
    expect(independentGroups(['source/w34-j-singer-twenty-five', 'source/w36-cohen-almagor-oslo-peace'])).toHaveLength(1);
    expect(independentGroups(['source/w126-foreign-affairs-capsule-review', 'source/f001-chapter-track-ii-talks'])).toHaveLength(1);
  });

  it('never counts a source flagged reliability: low', () => {
    expect(independentGroups(['source/prime-newsletter-2001-2004-rhizome'])).toEqual([]);
  });

  it('rates no link high on fewer than two independent sources', () => {
    const weak = dataset.links
      .filter((l) => l.confidence === 'high' && independentGroups(l.citations.map((c) => c.source)).length < 2)
      .map((l) => l.id);
    expect(weak).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
describe('care with living people', () => {
  it('gives a living person (no date of death) at most a year of birth', () => {
    const fullBirthDates = dataset.nodes
      .filter((n) => n.kind === 'Person' && !n.props.died && typeof n.props.born === 'string' && !/^\d{4}[~?%]?$/.test(n.props.born as string))
      .map((n) => `${n.id} ${String(n.props.born)}`);
    expect(fullBirthDates).toEqual([]);
  });
});

describe('every transmission happened inside a bounded range', () => {
  it('dates every report, briefing and carried document, bounded on both sides', () => {
    const unbounded = dataset.links
      .filter((l) => TRANSMISSIONS.includes(l.type))
      .filter((l) => {
        if (!l.when) return true;
        const w = parseWhen(l.when);
        return !Number.isFinite(w.startMin) || !Number.isFinite(w.endMax);
      })
      .map((l) => `${l.id} (${l.when ?? 'undated'})`);
    expect(unbounded).toEqual([]);
  });

  it('reads "[..X]", "[X..]", "X/.." and "../X" as open on one side', () => {
    for (const open of ['[..1995-11]', '[1995-11-04..]', '1995-11-04/..', '../1996-06-18']) {
      const w = parseWhen(open);
      expect(Number.isFinite(w.startMin) && Number.isFinite(w.endMax)).toBe(false);
    }
    const bounded = parseWhen('1995-11-04/1996-06-18');
    expect(Number.isFinite(bounded.startMin) && Number.isFinite(bounded.endMax)).toBe(true);
  });
});
