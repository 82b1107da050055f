// Pure geometry for drawing edges around nodes: the curve Cytoscape draws through its control points, whether a
// drawn edge passes through a box, the bends to try when it does, and pushing overlapping nodes apart.
export interface Point { x: number; y: number }
export interface Box { x1: number; y1: number; x2: number; y2: number }

/** Points along a drawn edge; `controls` are a bezier's control points (Cytoscape draws quadratic pieces through them). */
export function curvePoints(start: Point, controls: Point[], end: Point, samples = 16): Point[] {
  if (!controls.length) return [start, end];
  const out: Point[] = [start];
  let from = start;
  for (let i = 0; i < controls.length; i++) {
    const c = controls[i];
    const to = i === controls.length - 1 ? end : { x: (c.x + controls[i + 1].x) / 2, y: (c.y + controls[i + 1].y) / 2 };
    for (let s = 1; s <= samples; s++) {
      const t = s / samples;
      out.push({ x: (1 - t) * (1 - t) * from.x + 2 * (1 - t) * t * c.x + t * t * to.x, y: (1 - t) * (1 - t) * from.y + 2 * (1 - t) * t * c.y + t * t * to.y });
    }
    from = to;
  }
  return out;
}

/** Whether the segment a–b passes through the box (Liang–Barsky clipping). */
export function segmentHitsBox(a: Point, b: Point, box: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [[-dx, a.x - box.x1], [dx, box.x2 - a.x], [-dy, a.y - box.y1], [dy, box.y2 - a.y]] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** How many of the boxes a polyline passes through. */
export function boxesHit(line: Point[], boxes: Box[]): number {
  let hits = 0;
  for (const box of boxes) {
    for (let i = 1; i < line.length; i++) {
      if (segmentHitsBox(line[i - 1], line[i], box)) {
        hits++;
        break;
      }
    }
  }
  return hits;
}

export function inflate(box: Box, by: number): Box {
  return { x1: box.x1 - by, y1: box.y1 - by, x2: box.x2 + by, y2: box.y2 + by };
}

/** Bends to try, gentlest first: one control point at the middle (either side), then two that keep the curve flatter,
 *  then bends nearer one end, then an S-bend. Distances are perpendicular to the line between the ends, in model pixels. */
export function bendCandidates(): { distances: number[]; weights: number[] }[] {
  const out: { distances: number[]; weights: number[] }[] = [];
  for (const d of [40, 60, 80, 110, 140, 180, 230, 290, 360]) {
    for (const sign of [1, -1]) {
      out.push({ distances: [sign * d], weights: [0.5] });
      out.push({ distances: [sign * d * 0.75, sign * d * 0.75], weights: [0.3, 0.7] });
      out.push({ distances: [sign * d], weights: [0.3] });
      out.push({ distances: [sign * d], weights: [0.7] });
      // An S-bend: out one side near the start and the other near the end, between two nodes in its way.
      out.push({ distances: [sign * d * 0.6, -sign * d * 0.6], weights: [0.25, 0.75] });
    }
  }
  return out;
}

/** Moves nodes (centre positions and sizes) apart until no two boxes overlap (or the rounds run out). */
export function separate(nodes: { id: string; x: number; y: number; w: number; h: number }[], gap = 6, rounds = 60): Map<string, Point> {
  const pos = nodes.map((n) => ({ ...n }));
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    const order = [...pos].sort((a, b) => a.x - b.x);
    for (let i = 0; i < order.length; i++) {
      const a = order[i];
      for (let j = i + 1; j < order.length; j++) {
        const b = order[j];
        if (b.x - a.x >= (a.w + b.w) / 2 + gap) break;
        const ox = (a.w + b.w) / 2 + gap - Math.abs(b.x - a.x);
        const oy = (a.h + b.h) / 2 + gap - Math.abs(b.y - a.y);
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        // Push along the axis that needs less movement; nodes on the same spot go apart sideways.
        if (ox < oy) {
          const dir = b.x > a.x || (b.x === a.x && b.id > a.id) ? 1 : -1;
          a.x -= (dir * ox) / 2;
          b.x += (dir * ox) / 2;
        } else {
          const dir = b.y > a.y || (b.y === a.y && b.id > a.id) ? 1 : -1;
          a.y -= (dir * oy) / 2;
          b.y += (dir * oy) / 2;
        }
      }
    }
    if (!moved) break;
  }
  return new Map(pos.map((n) => [n.id, { x: n.x, y: n.y }]));
}

/** Each parallel edge's own sideways offset from the line between its ends (model pixels, along its own direction),
 *  spread `step` apart around the middle; lone edges and loops get none. Drawn as unbundled curves with these offsets,
 *  parallel edges no longer move each other: Cytoscape re-spreads a bundle whenever one of its edges is bent. */
export function bundleOffsets(edges: { id: string; source: string; target: string }[], step = 40): Map<string, number> {
  const bundles = new Map<string, { id: string; reversed: boolean }[]>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    const reversed = e.source > e.target;
    const key = reversed ? `${e.target}\u0000${e.source}` : `${e.source}\u0000${e.target}`;
    const list = bundles.get(key) ?? [];
    list.push({ id: e.id, reversed });
    bundles.set(key, list);
  }
  const out = new Map<string, number>();
  for (const list of bundles.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => (a.id < b.id ? -1 : 1));
    list.forEach((e, i) => {
      const offset = (i - (list.length - 1) / 2) * step;
      // The offset is perpendicular to the edge's own direction: an edge drawn the other way mirrors it.
      out.set(e.id, e.reversed ? -offset : offset);
    });
  }
  return out;
}
