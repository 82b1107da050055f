// The curated seed/ data as the engine's graph, as the golden suites ask it (tests/unit/golden-*.test.ts): every node
// but the sources, every link whose two ends are such nodes, dates parsed.
import { validateDataset, type Dataset } from '../../core/dataset.ts';
import { parseWhen } from '../../core/dates.ts';
import type { NodeKind } from '../../core/model.ts';
import { buildGraph, type GraphLink, type GraphNode, type TemporalGraph } from '../../engine/graph.ts';
import { readSeedFiles } from '../../store/seed-files.ts';

export interface SeedGraph { dataset: Dataset; nodes: GraphNode[]; links: GraphLink[]; graph: TemporalGraph }

export async function seedGraph(dir = 'seed'): Promise<SeedGraph> {
  const { dataset } = validateDataset(await readSeedFiles(dir));
  if (!dataset) throw new Error(`seed/ does not validate: run npm run seed -- --check to see why`);
  const nodes: GraphNode[] = dataset.nodes.filter((n) => n.kind !== 'Source').map((n) => ({ id: n.id, kind: n.kind as NodeKind, name: n.name }));
  const known = new Set(nodes.map((n) => n.id));
  const links: GraphLink[] = dataset.links.filter((l) => known.has(l.from) && known.has(l.to))
    .map((l) => ({ ...l, when: l.when ? parseWhen(l.when) : undefined }) as GraphLink);
  return { dataset, nodes, links, graph: buildGraph(nodes, links) };
}
