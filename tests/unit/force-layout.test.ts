// The large-scene layout's pure core: breadth-first seeding and d3-force positions without a renderer.
import { describe, expect, it } from 'vitest';
import { forcePositions, seedOrder } from '../../web/force-layout.ts';

/** Two hubs, each with a ring of 30 leaves, joined by one bridge; plus one isolated node. */
function twoStars() {
  const nodes = [{ id: 'hub/a', radius: 13 }, { id: 'hub/b', radius: 13 }, { id: 'alone', radius: 13 }];
  const edges = [{ source: 'hub/a', target: 'hub/b' }];
  for (const hub of ['a', 'b']) {
    for (let i = 0; i < 30; i++) {
      nodes.push({ id: `leaf/${hub}${i}`, radius: 13 });
      edges.push({ source: `hub/${hub}`, target: `leaf/${hub}${i}` });
    }
  }
  return { nodes, edges };
}

describe('large-scene force layout', () => {
  it('seeds breadth-first from the best-connected node, the largest component first', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    const edges = [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'b', target: 'd' }];
    expect(seedOrder(nodes, edges).map((n) => n.id)).toEqual(['b', 'a', 'c', 'd', 'e']);
  });

  it('places every node, with no two nodes overlapping', () => {
    const { nodes, edges } = twoStars();
    const positions = forcePositions(nodes, edges);
    expect([...positions.keys()].sort()).toEqual(nodes.map((n) => n.id).sort());
    const points = nodes.map((n) => positions.get(n.id)!);
    let overlapping = 0;
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        if (Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y) < nodes[i].radius + nodes[j].radius) overlapping++;
      }
    }
    expect(overlapping).toBe(0);
  });

  it('keeps each leaf nearer its own hub than the other hub', () => {
    const { nodes, edges } = twoStars();
    const p = forcePositions(nodes, edges);
    const distance = (a: string, b: string) => Math.hypot(p.get(a)!.x - p.get(b)!.x, p.get(a)!.y - p.get(b)!.y);
    const misplaced = nodes.filter((n) => n.id.startsWith('leaf/')).filter((n) => {
      const own = `hub/${n.id[5]}`;
      const other = own === 'hub/a' ? 'hub/b' : 'hub/a';
      return distance(n.id, own) >= distance(n.id, other);
    });
    expect(misplaced.map((n) => n.id)).toEqual([]);
  });

  it('gives the same drawing for the same scene', () => {
    const { nodes, edges } = twoStars();
    expect([...forcePositions(nodes, edges)]).toEqual([...forcePositions(nodes, edges)]);
  });
});
