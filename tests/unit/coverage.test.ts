// seed/COVERAGE.md's case-study table and evidence report are computed from the dataset (core/coverage.ts): the
// committed file must say what the data says, so the report cannot drift from it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  caseStudyGaps, caseStudyRow, caseStudyTable, COVERAGE_BEGIN, COVERAGE_END, deadEndChannels, deadEndReason, EVIDENCE_BEGIN, EVIDENCE_END, evidenceReport,
  evidenceStats, participantGapReason, withCaseStudyTable,
} from '../../core/coverage.ts';
import type { DatasetLink } from '../../core/dataset.ts';
import { readDataset, SEED_DIR } from '../../store/prepare.ts';

describe('the coverage report of the six case studies', () => {
  it('is the table the current dataset gives (regenerate with npm run seed -- --coverage)', async () => {
    const dataset = await readDataset();
    const committed = readFileSync(path.join(SEED_DIR, 'COVERAGE.md'), 'utf8');
    const table = committed.slice(committed.indexOf(COVERAGE_BEGIN), committed.indexOf(COVERAGE_END) + COVERAGE_END.length);
    expect(table).toBe(caseStudyTable(dataset));
    expect(withCaseStudyTable(committed, dataset)).toBe(committed);
  });

  it('counts Oslo as the documented case: named people on three sides, dated sessions, transfers that reach leaders', async () => {
    const oslo = caseStudyRow(await readDataset(), 'channel/oslo-1992');
    expect(oslo.sides).toEqual(['israeli', 'norwegian', 'palestinian']);
    expect(oslo.participants).toBeGreaterThanOrEqual(16);
    expect(oslo.datedSessions).toBe(oslo.sessions);
    expect(oslo.furthest).toMatch(/^reaches leaders: /);
  });

  it('would notice a participant added to a case study', async () => {
    const dataset = await readDataset();
    const before = caseStudyTable(dataset);
    const person = dataset.nodes.find((n) => n.kind === 'Person' && !n.props.anonymous)!;
    const extra = { ...dataset, links: [...dataset.links, { ...dataset.links.find((l) => l.type === 'PARTICIPATED_IN')!, from: person.id, to: 'channel/israel-syria-sfcg', side: 'syrian' }] };
    expect(caseStudyTable(extra)).not.toBe(before);
    expect(caseStudyRow(extra, 'channel/israel-syria-sfcg').participants).toBe(1);
  });

  it('states each case study below the bar with the reason its own description gives', async () => {
    const dataset = await readDataset();
    const gaps = caseStudyGaps(dataset);
    expect(gaps.filter((g) => !g.reason)).toEqual([]);
    expect(gaps.map((g) => g.id)).toContain('channel/israel-syria-sfcg');
    expect(caseStudyTable(dataset)).toContain(`\`channel/israel-syria-sfcg\` — 0 named participants (the bar is 4): ${gaps.find((g) => g.id === 'channel/israel-syria-sfcg')!.reason}`);
    // Two more named members would lift the AAAS study group to the bar, and its line would go.
    const aaas = dataset.links.find((l) => l.type === 'PARTICIPATED_IN' && l.to === 'channel/aaas-talks')!;
    const people = dataset.nodes.filter((n) => n.kind === 'Person' && !n.props.anonymous).slice(0, 2);
    const lifted = { ...dataset, links: [...dataset.links, ...people.map((p) => ({ ...aaas, id: `${aaas.id}#${p.id}`, from: p.id }))] };
    expect(caseStudyGaps(lifted).map((g) => g.id)).not.toContain('channel/aaas-talks');
    // A gap whose description gives no reason is reported as such, never silently dropped.
    const mute = { ...dataset, nodes: dataset.nodes.map((n) => (n.id === 'channel/israel-syria-sfcg' ? { ...n, description: 'Meetings in 1992–94.' } : n)) };
    expect(caseStudyGaps(mute).find((g) => g.id === 'channel/israel-syria-sfcg')?.reason).toBeUndefined();
    expect(caseStudyTable(mute)).toContain('(the description gives no reason: add one, with its source)');
  });

  it('finds the sentence that says why participants are not named', () => {
    expect(participantGapReason({ description: 'Met in 1993. Apart from the co-chairs, the page names no member. Places are not given.' })).toBe('Apart from the co-chairs, the page names no member.');
    expect(participantGapReason({ description: 'Met in 1993. The participants are not named in the sources used.' })).toBe('The participants are not named in the sources used.');
    expect(participantGapReason({ description: 'Hirschfeld and Qurei met in London.' })).toBeUndefined();
  });
});

describe('the evidence report: independent sources, page locators, dead ends', () => {
  it('is the report the current dataset gives (regenerate with npm run seed -- --coverage)', async () => {
    const dataset = await readDataset();
    const committed = readFileSync(path.join(SEED_DIR, 'COVERAGE.md'), 'utf8');
    expect(committed.slice(committed.indexOf(EVIDENCE_BEGIN), committed.indexOf(EVIDENCE_END) + EVIDENCE_END.length)).toBe(evidenceReport(dataset));
  });

  it('counts a link as two-source only when its sources are independent, and as page-located only for a page', async () => {
    const dataset = await readDataset();
    const before = evidenceStats(dataset);
    const base = dataset.links.find((l) => l.type === 'SPONSORED' && l.to === 'channel/israel-syria-sfcg')!;
    const variant = (citations: DatasetLink['citations']) => ({ ...base, id: `${base.id}#test`, citations });
    const plus = (l: DatasetLink) => evidenceStats({ ...dataset, links: [...dataset.links, l] });
    // The MIT Press page and chapter 1 are one work (Agha et al.); the Los Angeles Times is another outlet and author.
    expect(plus(variant([{ source: 'source/f000-mit-press-page-track' }, { source: 'source/f001-chapter-track-ii-talks', locator: 'ch. 1' }])).twoSources).toBe(before.twoSources);
    expect(plus(variant([{ source: 'source/f001-chapter-track-ii-talks' }, { source: 'source/latimes-1996-04-08-settlers-palestinians-met' }])).twoSources).toBe(before.twoSources + 1);
    expect(plus(variant([{ source: 'source/f001-chapter-track-ii-talks', locator: 'Section Two' }])).withPage).toBe(before.withPage);
    expect(plus(variant([{ source: 'source/f001-chapter-track-ii-talks', locator: 'pp. 20–22' }])).withPage).toBe(before.withPage + 1);
    expect(before.links).toBeGreaterThan(before.twoSources);
  });

  it('gives every channel that never reaches a decision-maker a reason from its own description', async () => {
    const ends = deadEndChannels(await readDataset());
    expect(ends.filter((d) => !d.reason).map((d) => d.id)).toEqual([]);
    expect(ends.map((d) => d.id)).not.toContain('channel/oslo-1992');
    expect(ends.find((d) => d.id === 'channel/stockholm-1994')?.kind).toBe('blocked');
  });

  it('takes a channel off the dead-end list once a transfer to a leader in office is recorded', async () => {
    const dataset = await readDataset();
    expect(deadEndChannels(dataset).map((d) => d.id)).toContain('channel/settler-pa-talks');
    const briefing = { ...dataset.links.find((l) => l.type === 'BRIEFED')!, id: 'link/test', from: 'person/yossi-alpher', to: 'person/shimon-peres', when: '1995-12', outcome: 'accepted', about: 'channel/settler-pa-talks' } as DatasetLink;
    expect(deadEndChannels({ ...dataset, links: [...dataset.links, briefing] }).map((d) => d.id)).not.toContain('channel/settler-pa-talks');
  });

  it('prefers the sentence that denies a transfer outright', () => {
    expect(deadEndReason({ description: 'Transfer: Gur praised it (not named). No source names who carried it to a decision-maker. Places are not given.' }))
      .toBe('No source names who carried it to a decision-maker.');
    expect(deadEndReason({ description: 'Met twice. Transfer: unknown.' })).toBe('Transfer: unknown.');
    expect(deadEndReason({ description: 'Met twice in Rome.' })).toBeUndefined();
  });
});
