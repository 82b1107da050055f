// Every typed array of an engine graph (its columns, arcs, node kinds, governments and link ends), by name: what two
// graphs must share to answer alike, for tests that compare a graph made one way with one made another.
import { linkEndsOf, type TemporalGraph } from '../../engine/graph.ts';

export function graphArrays(graph: TemporalGraph): Record<string, unknown> {
  const { from, to } = linkEndsOf(graph);
  return { ...Object.fromEntries(Object.entries(graph).filter(([, v]) => ArrayBuffer.isView(v))), linkFrom: from, linkTo: to };
}
