// seed/COVERAGE.md's case-study table is computed from the dataset (core/coverage.ts): the committed file must
// say what the data says, so the report cannot drift from it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseStudyRow, caseStudyTable, COVERAGE_BEGIN, COVERAGE_END, withCaseStudyTable } from '../../core/coverage.ts';
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
});
