// Historians' golden cases on the curated seed/ data, through the engine (the db tier's golden suite is still to come).
// Sources: shared/research/track-ii-facts.md (Oslo timeline; Stockholm 1988; ICIPP; the 1989 Goren contacts).
import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../core/dataset.ts';
import { dayOf, isoOf, parseWhen } from '../../core/dates.ts';
import type { NodeKind } from '../../core/model.ts';
import { buildGraph, type GraphLink, type GraphNode } from '../../engine/graph.ts';
import { influencePaths, type PathQuery } from '../../engine/influence-paths.ts';
import { readSeedFiles } from '../../store/seed-files.ts';

const { dataset } = validateDataset(await readSeedFiles('seed'));
const nodes: GraphNode[] = dataset!.nodes.filter((n) => n.kind !== 'Source').map((n) => ({ id: n.id, kind: n.kind as NodeKind, name: n.name }));
const known = new Set(nodes.map((n) => n.id));
const links: GraphLink[] = dataset!.links.filter((l) => known.has(l.from) && known.has(l.to))
  .map((l) => ({ ...l, when: l.when ? parseWhen(l.when) : undefined }) as GraphLink);
const graph = buildGraph(nodes, links);
/** As the API does: a person carries the product of the channels they took part in. */
const channelsOf = (person: string) => links.filter((l) => l.type === 'PARTICIPATED_IN' && l.from === person).map((l) => l.to);
const OSLO_TRACK_TWO = ['person/yair-hirschfeld', 'person/ron-pundak', 'person/ahmed-qurei', 'person/hassan-asfour', 'person/terje-rod-larsen', 'person/mona-juul'];

function ask(q: Partial<PathQuery> & Pick<PathQuery, 'from' | 'to'>) {
  return influencePaths(graph, { time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 3, rankBy: 'STRONGEST_EVIDENCE', ...q });
}
const window = (from: string, to: string) => ({ from: dayOf(from), to: dayOf(to) });
const names = (p: { nodes: string[] }) => p.nodes.map((id) => id.split('/')[1]);

describe('historians’ golden cases on the seeded record', () => {
  it('Oslo reached Israel first through its mentor: Hirschfeld reported to Beilin, who told Peres (Jan–Mar 1993)', () => {
    const [first] = ask({ from: OSLO_TRACK_TWO, to: { kind: 'government', id: 'government/israel' }, window: window('1992-12-04', '1993-09-30'), carrying: ['channel/oslo-1992'] }).paths;
    expect([names(first), isoOf(first.arrival!), isoOf(first.latestArrival!)]).toEqual([
      ['yair-hirschfeld', 'yossi-beilin', 'shimon-peres', 'israel'], '1993-01-01', '1993-03-31',
    ]);
  });

  it('Faisal Husseini reached Rabin in January 1989 only through Rabin’s emissary Goren, never through the 1993 Oslo briefing', () => {
    const result = ask({ from: ['person/faisal-husseini'], to: { kind: 'node', id: 'person/yitzhak-rabin' }, window: window('1989-01-01', '1989-01-31'), carrying: channelsOf('person/faisal-husseini') });
    expect(result.paths.map((p) => [names(p), isoOf(p.arrival!), isoOf(p.latestArrival!)])).toEqual([
      [['faisal-husseini', 'shmuel-goren', 'yitzhak-rabin'], '1989-01-22', '1989-01-31'],
    ]);
  });

  it('Matti Peled reached Arafat in 1977 through Sartawi, not through "Abbas briefed Arafat" about Oslo', () => {
    const result = ask({ from: ['person/matti-peled'], to: { kind: 'node', id: 'person/yasser-arafat' }, window: window('1977-01-01', '1977-12-31'), carrying: channelsOf('person/matti-peled') });
    expect(result.paths.flatMap((p) => p.hops.filter((h) => h.link.about === 'channel/oslo-1992').map((h) => h.link.id))).toEqual([]);
    expect(names(result.paths[0])).toContain('issam-sartawi');
  });

  it('Arafat, who sat with the American Jewish delegation in Stockholm (6–7 Dec 1988), is documented as reached by that channel', () => {
    const from = ['person/drora-kass', 'person/khaled-al-hassan', 'person/menachem-rosensaft', 'person/rita-hauser', 'person/stanley-sheinbaum', 'person/sten-andersson'];
    const [first] = ask({ from, to: { kind: 'node', id: 'person/yasser-arafat' }, mode: 'DOCUMENTED', window: window('1988-11-01', '1988-12-31'), carrying: ['channel/stockholm-1988'] }).paths;
    expect([names(first), isoOf(first.arrival!), isoOf(first.latestArrival!)]).toEqual([['drora-kass', 'stockholm-1988-12-06', 'yasser-arafat'], '1988-12-06', '1988-12-07']);
  });

  it('the 1994–95 Stockholm understandings reached the mentors, never Rabin, and the explanation names who was reached', () => {
    const result = ask({ from: ['person/yair-hirschfeld', 'person/ron-pundak', 'person/hussein-agha', 'person/ahmad-khalidi'], to: { kind: 'node', id: 'person/yitzhak-rabin' }, mode: 'DOCUMENTED', window: window('1994-08-01', '1995-11-04'), carrying: ['channel/stockholm-1994'] });
    expect([result.paths, result.stopReason, result.closest?.nodeId, result.closest?.hopsFromSource]).toEqual([[], 'OUT_OF_WINDOW', 'person/mahmoud-abbas', 1]);
  });
});
