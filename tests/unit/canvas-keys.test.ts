// Keyboard moves on the canvas and the seeded randomness of layouts: pure functions, no browser.
import { describe, expect, it } from 'vitest';
import { nearestInDirection, readingOrder } from '../../web/canvas-keys.ts';
import { viewSeed, withSeededRandom } from '../../web/force-layout.ts';
import { seededRandom } from '../../web/seeded-random.ts';

const spots = [
  { id: 'centre', x: 0, y: 0 },
  { id: 'right-near-off-axis', x: 40, y: 60 },
  { id: 'right-far-on-axis', x: 90, y: 5 },
  { id: 'left', x: -50, y: 0 },
  { id: 'up', x: 0, y: -70 },
];

describe('moving between nodes with the arrow keys', () => {
  it('goes to the node straight ahead before a nearer one off to the side, and nowhere when nothing lies that way', () => {
    expect(nearestInDirection(spots[0], spots, 'right')).toBe('right-far-on-axis');
    expect(nearestInDirection(spots[0], spots, 'left')).toBe('left');
    expect(nearestInDirection(spots[0], spots, 'up')).toBe('up');
    expect(nearestInDirection(spots[0], spots, 'down')).toBe('right-near-off-axis');
    expect(nearestInDirection(spots[3], spots, 'left')).toBeNull();
  });

  it('orders nodes in rows from the top, each row from the left', () => {
    expect(readingOrder(spots).map((s) => s.id)).toEqual(['up', 'left', 'centre', 'right-far-on-axis', 'right-near-off-axis']);
  });
});

describe('seeded layouts', () => {
  it('gives the same view the same seed whatever the order of its ids, and another view another seed', () => {
    expect(viewSeed(['a', 'b', 'c'])).toBe(viewSeed(['c', 'a', 'b']));
    expect(viewSeed(['a', 'b', 'c'])).not.toBe(viewSeed(['a', 'b', 'd']));
  });

  it('replays the same numbers for the same seed, and puts Math.random back afterwards', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    const original = Math.random;
    expect(withSeededRandom(42, () => Array.from({ length: 5 }, () => Math.random()))).toEqual(first);
    expect(Math.random).toBe(original);
  });
});
