// A measured prototype for docs/SCALING.md: the engine's graph limited to the link types one path mode can use.
// DOCUMENTED mode steps only along participation, transmissions and documented contact (engine/rules.ts), plus the
// office hop it ends on; a replica that serves only that mode needs no other link in memory. This builds the full
// graph and the limited one from the same synthetic graph, in one process, and reports their heap and build time,
// then checks that DOCUMENTED influencePaths answer the same on both.
//
//   node --expose-gc --max-old-space-size=6144 --import tsx bench/projection-prototype.ts [links=1000000] [queries=200]
import { LINK_TYPE_NAMES, type LinkType } from '../core/model.ts';
import { buildGraph, type GraphLink, type TemporalGraph } from '../engine/graph.ts';
import { influencePaths, type PathQuery } from '../engine/influence-paths.ts';
import { steppableTypes } from '../engine/rules.ts';
import { seededRandom } from '../web/seeded-random.ts';
import { syntheticGraph } from './synthetic.ts';

const links = Number(process.argv[2] ?? 1_000_000);
const queries = Number(process.argv[3] ?? 200);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function heapMb(): number {
  gc!();
  gc!();
  const m = process.memoryUsage();
  // The engine graph's columns are typed arrays, held outside the JS heap (arrayBuffers), the rest in the heap.
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}

function build(label: string, list: GraphLink[], nodes: Parameters<typeof buildGraph>[0]): { graph: TemporalGraph; ms: number; heap: number } {
  const before = heapMb();
  const t = performance.now();
  const graph = buildGraph(nodes, list);
  const ms = performance.now() - t;
  const heap = heapMb() - before;
  console.log(`${label}: ${list.length} links, buildGraph ${Math.round(ms)} ms, engine graph ${heap.toFixed(0)} MB (heap and typed arrays; the link objects themselves not counted)`);
  return { graph, ms, heap };
}

const synthetic = syntheticGraph(links, 7);
const kept = new Set<LinkType>([...steppableTypes('DOCUMENTED'), 'HELD_OFFICE']);
const limited = synthetic.links.filter((l) => kept.has(l.type));
const byType = new Map<string, number>();
for (const l of synthetic.links) byType.set(l.type, (byType.get(l.type) ?? 0) + 1);
console.log(`synthetic graph: ${synthetic.nodes.length} nodes, ${synthetic.links.length} links; DOCUMENTED keeps ${[...kept].join(', ')}: ${limited.length} links (${((100 * limited.length) / synthetic.links.length).toFixed(1)} %)`);
console.log(`links by type: ${LINK_TYPE_NAMES.filter((t) => byType.has(t)).map((t) => `${t} ${byType.get(t)}`).join(', ')}`);

// Each projection's own link objects (as a snapshot holds them: one object per link, dates and citations shared).
let before = heapMb();
const fullObjects = synthetic.links.map((l) => ({ ...l }));
const fullObjectsMb = heapMb() - before;
before = heapMb();
const limitedObjects = limited.map((l) => ({ ...l }));
const limitedObjectsMb = heapMb() - before;
console.log(`link objects: full ${fullObjectsMb.toFixed(0)} MB, DOCUMENTED ${limitedObjectsMb.toFixed(0)} MB`);

const full = build('full projection', fullObjects, synthetic.nodes);
const part = build('DOCUMENTED projection', limitedObjects, synthetic.nodes);

// The same DOCUMENTED questions on both graphs: a channel participant to one government.
const random = seededRandom(7001);
const channels = [...synthetic.participants.values()].filter((m) => m.length > 0);
let same = 0;
let withPaths = 0;
for (let i = 0; i < queries; i++) {
  const members = channels[Math.floor(random() * channels.length)];
  const from = members[Math.floor(random() * members.length)];
  const query: PathQuery = { from: [from], to: { kind: 'government', id: synthetic.governments[i % synthetic.governments.length] }, mode: 'DOCUMENTED', time: 'RESPECTING', maxHops: 6, k: 5, deadline: performance.now() + 10_000 };
  const a = influencePaths(full.graph, query);
  const b = influencePaths(part.graph, query);
  const ids = (r: ReturnType<typeof influencePaths>) => JSON.stringify(r.paths.map((p) => p.hops.map((h) => h.link.id)));
  if (ids(a) === ids(b)) same++;
  if (a.paths.length > 0) withPaths++;
}
console.log(`DOCUMENTED influencePaths: ${same} of ${queries} answers the same on both graphs (${withPaths} with paths)`);
console.log(JSON.stringify({ links: synthetic.links.length, limitedLinks: limited.length, fullBuildMs: Math.round(full.ms), limitedBuildMs: Math.round(part.ms), fullGraphMb: Math.round(full.heap), limitedGraphMb: Math.round(part.heap), fullObjectsMb: Math.round(fullObjectsMb), limitedObjectsMb: Math.round(limitedObjectsMb), same, queries, withPaths }));
