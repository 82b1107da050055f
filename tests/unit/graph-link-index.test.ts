// A built graph's linkIndex (id → link index) is the same Map whether it is filled on first use or in slices in the
// background (engine/graph.ts linkIndexSteps, which the API runs after a full build); a patched graph, which finds
// links by binary search over the id order, gets no Map.
import { describe, expect, it } from 'vitest';
import { syntheticGraph } from '../../bench/synthetic.ts';
import { buildGraph, linkIndexFilled, linkIndexSteps } from '../../engine/graph.ts';
import { linkIndexOf, patchGraph } from '../../engine/patch.ts';
import { CHUNK, runSteps, runStepsSliced } from '../../engine/steps.ts';

const g = syntheticGraph(3 * CHUNK, 5);

describe('a graph\'s linkIndex', () => {
  it('filled in slices holds every link at its index, as one filled on first use', async () => {
    const sliced = buildGraph(g.nodes, g.links);
    expect(linkIndexFilled(sliced)).toBe(false);
    const { slices } = await runStepsSliced(linkIndexSteps(sliced), 0);
    expect(slices).toBeGreaterThan(2);
    expect(linkIndexFilled(sliced)).toBe(true);
    const lazy = buildGraph(g.nodes, g.links);
    expect(linkIndexFilled(lazy)).toBe(false);
    expect([...sliced.linkIndex]).toEqual([...lazy.linkIndex]);
    expect(linkIndexFilled(lazy)).toBe(true);
    expect(sliced.linkIndex.size).toBe(g.links.length);
    for (const i of [0, 1, CHUNK, g.links.length - 1]) expect(sliced.linkIndex.get(g.links[i].id)).toBe(i);
    // A second run, once filled, keeps the Map it has.
    const before = sliced.linkIndex;
    runSteps(linkIndexSteps(sliced));
    expect(sliced.linkIndex).toBe(before);
  });

  it('is not filled as a Map for a patched graph, whose look-ups by id agree with the built graph\'s', () => {
    const graph = buildGraph(g.nodes, g.links);
    const patched = patchGraph(graph, { putLinks: [{ ...g.links[0], id: 'link/zz-added' }] });
    runSteps(linkIndexSteps(patched));
    expect(linkIndexFilled(patched)).toBe(false);
    expect(linkIndexOf(patched, 'link/zz-added')).toBe(patched.links.length - 1);
    for (const i of [0, 7, CHUNK + 3]) expect(linkIndexOf(patched, g.links[i].id)).toBe(graph.linkIndex.get(g.links[i].id));
  });
});
