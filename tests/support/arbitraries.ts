// fast-check arbitraries shared by the engine's property tests: partial, uncertain and open dates as the seed writes them,
// and the random graphs they are placed in.
import fc from 'fast-check';
import { parseWhen, type When } from '../../core/dates.ts';
import { LINK_TYPES, type Confidence, type LinkType, type NodeKind, type Outcome } from '../../core/model.ts';
import type { GraphLink, GraphNode } from '../../engine/graph.ts';

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

/** One random link before it is placed: endpoints are indexes, taken modulo the nodes of an allowed kind. */
export interface LinkSeed {
  type: LinkType;
  from: number;
  to: number;
  when: string | null;
  confidence: Confidence;
  outcome: Outcome | null;
  rank: string;
  /** For a transmission: the channel whose product it carried, by index among the channels. */
  about: number | null;
}

/** A head- or leader-rank office on top of the random links, so that governments have leaders. */
export interface OfficeSeed { person: number; government: number; when: string | null; rank: string; confidence?: Confidence }

/**
 * The random graph a seed describes, honouring core/model.ts: an endpoint index is taken modulo the nodes of an
 * allowed kind, and a link no pair of nodes can carry is dropped. `sides` gives governments a side (channelReach).
 */
export function materializeGraph(seed: { kinds: NodeKind[]; links: LinkSeed[]; offices: OfficeSeed[] }, opts: { sides?: boolean } = {}): { nodes: GraphNode[]; links: GraphLink[] } {
  const nodes: GraphNode[] = seed.kinds.map((kind, i) => ({
    id: `${kind.toLowerCase()}/n${i}`, kind, name: `${kind} ${i}`,
    ...(opts.sides && kind === 'Government' ? { side: i % 3 === 0 ? 'israeli' : 'palestinian' } : {}),
  }));
  const seeds: LinkSeed[] = [
    ...seed.links,
    ...seed.offices.map((o): LinkSeed => ({ type: 'HELD_OFFICE', from: o.person, to: o.government, when: o.when, confidence: o.confidence ?? 'high', outcome: null, rank: o.rank, about: null })),
  ];
  const channels = nodes.filter((n) => n.kind === 'Channel');
  const links: GraphLink[] = [];
  seeds.forEach((s, i) => {
    const spec = LINK_TYPES[s.type];
    const froms = nodes.filter((n) => (spec.from as readonly string[]).includes(n.kind));
    const tos = nodes.filter((n) => (spec.to as readonly string[]).includes(n.kind));
    if (froms.length === 0 || tos.length === 0) return;
    const link: GraphLink = {
      id: `link/${String.fromCharCode(97 + (i % 26))}${i}`, type: s.type, from: froms[s.from % froms.length].id, to: tos[s.to % tos.length].id,
      confidence: s.confidence, citations: [{ source: 'source/test' }],
    };
    const when = tryParse(s.when);
    if (when) link.when = when;
    if (spec.family === 'transmission' && s.outcome) link.outcome = s.outcome;
    if (spec.family === 'transmission' && s.about !== null && channels.length > 0) link.about = channels[s.about % channels.length].id;
    if (s.type === 'HELD_OFFICE') link.rank = s.rank as GraphLink['rank'];
    links.push(link);
  });
  return { nodes, links };
}
