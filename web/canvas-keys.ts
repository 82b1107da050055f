// Moving between drawn nodes with the keyboard: the nearest node in an arrow's direction, and a stable reading order.
export interface Spot { id: string; x: number; y: number }
export type Direction = 'left' | 'right' | 'up' | 'down';

const AXES: Record<Direction, { x: number; y: number }> = { left: { x: -1, y: 0 }, right: { x: 1, y: 0 }, up: { x: 0, y: -1 }, down: { x: 0, y: 1 } };

/** The node an arrow key goes to: among nodes ahead (within 60° either side of the arrow), the one nearest,
 *  sideways distance counting double so that a node straight ahead wins over a closer one off to the side. */
export function nearestInDirection(from: Spot, spots: readonly Spot[], direction: Direction): string | null {
  const axis = AXES[direction];
  let best: string | null = null;
  let bestScore = Infinity;
  for (const spot of spots) {
    if (spot.id === from.id) continue;
    const dx = spot.x - from.x;
    const dy = spot.y - from.y;
    const ahead = dx * axis.x + dy * axis.y;
    const aside = Math.abs(dx * axis.y - dy * axis.x);
    if (ahead <= 0 || aside > ahead * Math.tan(Math.PI / 3)) continue;
    const score = ahead + 2 * aside;
    if (score < bestScore || (score === bestScore && best !== null && spot.id < best)) {
      best = spot.id;
      bestScore = score;
    }
  }
  return best;
}

/** Nodes as one reads the drawing: in rows of `band` pixels from the top, each row left to right (ties by id). */
export function readingOrder<S extends Spot>(spots: readonly S[], band = 40): S[] {
  return [...spots].sort((a, b) => Math.floor(a.y / band) - Math.floor(b.y / band) || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
