// Driving the explorer in a browser test: pick from a combobox, run a trace, ask the API directly, and read the
// canvas's drawn geometry (node boxes and edge curves) from the page.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { settle } from './browser.ts';

/** Types into a combobox and picks the suggestion that contains `option`, with the keyboard. */
export async function pick(page: Page, inputId: string, text: string, option: string): Promise<void> {
  const input = page.locator(`#${inputId}`);
  await input.fill('');
  await input.pressSequentially(text, { delay: 20 });
  const list = page.locator(`#${inputId}-list`);
  await list.getByRole('option', { name: new RegExp(option) }).first().waitFor({ state: 'visible' });
  const names = await list.getByRole('option').allTextContents();
  const index = names.findIndex((n) => n.includes(option));
  for (let i = 0; i < index; i++) await input.press('ArrowDown');
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toMatch(new RegExp(option));
}

/** Waits for the answer of a trace (paths, no path or an error) and for the canvas to settle. */
export async function traceAnswer(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-testid="run-trace"]')?.hasAttribute('disabled')
    && document.querySelector('[data-testid="path"], [data-testid="no-path"], [data-testid="trace-error"]'));
  await settle(page);
}

/** Posts a GraphQL query to the app under test and returns its data (throws on errors). */
export async function apiQuery<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!;
}

export interface Box { x1: number; y1: number; x2: number; y2: number }
export interface DrawnNode { id: string; box: Box }
/** An edge as drawn: its end points on the node borders, and the curve between them. */
export interface DrawnEdge { id: string; source: string; target: string; curve: 'straight' | 'bezier' | 'segments'; points: { x: number; y: number }[] }

/** The visible nodes' boxes and edges' drawn points, read from Cytoscape in the page. */
export async function drawing(page: Page): Promise<{ nodes: DrawnNode[]; edges: DrawnEdge[] }> {
  return page.evaluate(() => (window as unknown as { __bc: { geometry(): { nodes: DrawnNode[]; edges: DrawnEdge[] } } }).__bc.geometry());
}

/** Points along a drawn edge: the control polygon's quadratic pieces sampled finely (as Cytoscape draws them). */
export function edgePolyline(edge: DrawnEdge, samples = 24): { x: number; y: number }[] {
  const p = edge.points;
  if (edge.curve !== 'bezier' || p.length < 3) return p;
  // Cytoscape draws [start, c1, mid(c1,c2), c2, …, end] as quadratic curves through each control point.
  const anchors: { x: number; y: number }[] = [p[0]];
  const controls = p.slice(1, -1);
  const out: { x: number; y: number }[] = [p[0]];
  for (let i = 0; i < controls.length; i++) {
    const from = anchors[anchors.length - 1];
    const to = i === controls.length - 1 ? p[p.length - 1] : { x: (controls[i].x + controls[i + 1].x) / 2, y: (controls[i].y + controls[i + 1].y) / 2 };
    for (let s = 1; s <= samples; s++) {
      const t = s / samples;
      out.push({
        x: (1 - t) * (1 - t) * from.x + 2 * (1 - t) * t * controls[i].x + t * t * to.x,
        y: (1 - t) * (1 - t) * from.y + 2 * (1 - t) * t * controls[i].y + t * t * to.y,
      });
    }
    anchors.push(to);
  }
  return out;
}

/**
 * Whether the segment a–b passes through the box (Liang–Barsky clipping). Written again here on purpose, not imported
 * from web/edge-routing.ts: the test's judge of a crossing must not share a bug with the router it judges.
 */
export function segmentCrossesBox(a: { x: number; y: number }, b: { x: number; y: number }, box: Box): boolean {
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

/** Every drawn edge that passes through the box of a node other than its two ends, in words. */
export function edgesThroughNodes(geometry: { nodes: DrawnNode[]; edges: DrawnEdge[] }): string[] {
  const crossings: string[] = [];
  for (const edge of geometry.edges) {
    const line = edgePolyline(edge);
    for (const node of geometry.nodes) {
      if (node.id === edge.source || node.id === edge.target) continue;
      for (let i = 1; i < line.length; i++) {
        if (segmentCrossesBox(line[i - 1], line[i], node.box)) {
          crossings.push(`${edge.id} crosses ${node.id}`);
          break;
        }
      }
    }
  }
  return crossings;
}

/** Pairs of visible nodes whose boxes overlap. */
export function overlappingNodes(nodes: DrawnNode[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i].box;
      const b = nodes[j].box;
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs.push(`${nodes[i].id} overlaps ${nodes[j].id}`);
    }
  }
  return pairs;
}
