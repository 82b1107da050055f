// The engine's seeded synthetic graph (bench/synthetic.ts) as a Dataset for the product's loader.
import { createHash } from 'node:crypto';
import type { Dataset, DatasetLink, DatasetNode } from '../../core/dataset.ts';
import { syntheticGraph, type SyntheticGraph } from '../synthetic.ts';

export const SYNTHETIC_SOURCE = 'source/synthetic';

export interface BenchData {
  synthetic: SyntheticGraph;
  dataset: Dataset;
  generateMs: number;
}

export function generate(targetLinks: number, seed: number): BenchData {
  const started = performance.now();
  const synthetic = syntheticGraph(targetLinks, seed);
  const sessionById = new Map(synthetic.sessions.map((s) => [s.id, s]));
  const nodes: DatasetNode[] = [
    { id: SYNTHETIC_SOURCE, kind: 'Source', name: 'Synthetic benchmark data', aliases: [], props: { kind: 'reference' }, citations: [], disputes: [] },
  ];
  for (const n of synthetic.nodes) {
    const props: Record<string, unknown> = {};
    if (n.side !== undefined) props.side = n.side;
    const session = n.kind === 'Session' ? sessionById.get(n.id) : undefined;
    if (session) {
      props.channel = session.channelId;
      if (session.when) props.when = session.when.text;
      if (session.place) props.place = session.place;
    }
    nodes.push({ id: n.id, kind: n.kind, name: n.name, aliases: [], props, citations: [{ source: SYNTHETIC_SOURCE }], disputes: [] });
  }
  const links: DatasetLink[] = synthetic.links.map((l) => {
    const link: DatasetLink = {
      id: l.id, type: l.type, from: l.from, to: l.to, confidence: l.confidence,
      citations: l.citations.map((c) => ({ ...c })), disputes: [],
    };
    if (l.when) link.when = l.when.text;
    if (l.outcome) link.outcome = l.outcome;
    if (l.rank) link.rank = l.rank;
    if (l.title) link.title = l.title;
    if (l.place) link.place = l.place;
    return link;
  });
  const version = createHash('sha256').update(`synthetic:${targetLinks}:${seed}:${nodes.length}:${links.length}`).digest('hex').slice(0, 16);
  return { synthetic, dataset: { nodes, links, version }, generateMs: performance.now() - started };
}
