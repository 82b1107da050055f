// The canvas's edge geometry: the curve through control points, hits on node boxes, and pushing overlapping nodes apart.
import { describe, expect, it } from 'vitest';
import { bendCandidates, boxesHit, bundleOffsets, curvePoints, segmentHitsBox, separate } from '../../web/edge-routing.ts';

const box = { x1: -10, y1: -10, x2: 10, y2: 10 };

describe('edge routing', () => {
  it('finds a straight segment through a box and misses one beside it', () => {
    expect(segmentHitsBox({ x: -50, y: 0 }, { x: 50, y: 0 }, box)).toBe(true);
    expect(segmentHitsBox({ x: -50, y: 20 }, { x: 50, y: 20 }, box)).toBe(false);
    expect(segmentHitsBox({ x: -50, y: -50 }, { x: 50, y: 50 }, box)).toBe(true);
    expect(segmentHitsBox({ x: 20, y: -50 }, { x: 20, y: 50 }, box)).toBe(false);
  });

  it('samples a quadratic curve that bends halfway to its control point', () => {
    const points = curvePoints({ x: -100, y: 0 }, [{ x: 0, y: 80 }], { x: 100, y: 0 }, 16);
    const middle = points[8];
    expect(middle.x).toBeCloseTo(0);
    expect(middle.y).toBeCloseTo(40);
    expect(boxesHit(points, [box])).toBe(0);
    expect(boxesHit(curvePoints({ x: -100, y: 0 }, [], { x: 100, y: 0 }), [box])).toBe(1);
  });

  it('offers bends on both sides, gentlest first', () => {
    const candidates = bendCandidates();
    const single = candidates.filter((c) => c.distances.length === 1 && c.weights[0] === 0.5).map((c) => c.distances[0]);
    expect(single.map(Math.abs)).toEqual([...single.map(Math.abs)].sort((a, b) => a - b));
    expect(single.some((d) => d > 0) && single.some((d) => d < 0)).toBe(true);
  });

  it('pushes apart nodes that landed on one spot or overlap, and leaves separate ones alone', () => {
    const moved = separate([
      { id: 'a', x: 0, y: 0, w: 30, h: 30 },
      { id: 'b', x: 0, y: 0, w: 30, h: 30 },
      { id: 'c', x: 10, y: 5, w: 30, h: 30 },
      { id: 'far', x: 500, y: 500, w: 30, h: 30 },
    ]);
    const ids = ['a', 'b', 'c'];
    for (const i of ids) for (const j of ids) {
      if (i >= j) continue;
      const p = moved.get(i)!;
      const q = moved.get(j)!;
      expect(Math.abs(p.x - q.x) >= 30 || Math.abs(p.y - q.y) >= 30, `${i} and ${j}`).toBe(true);
    }
    expect(moved.get('far')).toEqual({ x: 500, y: 500 });
  });

  it('gives each parallel edge its own offset, mirrored for one drawn the other way, and none to a lone edge or a loop', () => {
    const offsets = bundleOffsets([
      { id: 'e1', source: 'a', target: 'b' },
      { id: 'e2', source: 'a', target: 'b' },
      { id: 'e3', source: 'b', target: 'a' },
      { id: 'lone', source: 'a', target: 'c' },
      { id: 'loop', source: 'a', target: 'a' },
    ], 40);
    // Along a → b, the three sit at −40, 0 and +40: e3 runs b → a, so its own offset is mirrored.
    expect(offsets.get('e1')).toBe(-40);
    expect(offsets.get('e2')).toBe(0);
    expect(offsets.get('e3')).toBe(-40);
    expect(offsets.has('lone')).toBe(false);
    expect(offsets.has('loop')).toBe(false);
    expect(bundleOffsets([{ id: 'x', source: 'p', target: 'q' }, { id: 'y', source: 'q', target: 'p' }], 30)).toEqual(new Map([['x', -15], ['y', -15]]));
  });
});
