// Runs in headless chromium: the web app's own renderer (GraphCanvas) and scene builder (sceneElements) on a
// synthetic subgraph, timed from handing over the elements to a painted frame after the layout finished.
import { GraphCanvas, type LayoutKind } from '../../web/cytoscape.svelte.ts';
import { sceneElements } from '../../web/graph-model.ts';
import type { Link, NodeBrief } from '../../web/types.ts';

export interface UiNode { id: string; kind: string; name: string; side?: string }
export interface UiEdge { id: string; type: string; family: string; from: string; to: string; confidence: string }

let kept: GraphCanvas | null = null;
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Renders and lays out once; `keep` leaves the canvas on the page (for a screenshot) instead of destroying it. */
async function render(nodes: UiNode[], edges: UiEdge[], layout: LayoutKind, keep = false): Promise<{ totalMs: number; sceneMs: number; elements: number }> {
  const container = document.getElementById('graph')!;
  kept?.destroy();
  kept = null;
  container.innerHTML = '';
  const holder = document.createElement('div');
  holder.style.width = '100%';
  holder.style.height = '100%';
  container.appendChild(holder);
  await nextFrame();
  const t0 = performance.now();
  const briefs = new Map<string, NodeBrief>(
    nodes.map((n) => [n.id, { __typename: n.kind, id: n.id, kind: n.kind.toUpperCase() as NodeBrief['kind'], name: n.name, side: n.side ?? null, offices: [] }]),
  );
  const sceneEdges = edges.map((e) => ({
    id: e.id, source: e.from, target: e.to,
    link: {
      id: e.id, type: e.type, family: e.family.toUpperCase(), from: { id: e.from, name: e.from }, to: { id: e.to, name: e.to },
      when: null, confidence: e.confidence.toUpperCase(), outcome: null, role: null, side: null, title: null, rank: null, place: null, note: null,
      sentence: '', citations: [], disputes: [],
    } as unknown as Link,
  }));
  const empty = new Set<string>();
  const elements = sceneElements({
    nodes: briefs, edges: sceneEdges, hiddenTypes: new Set(), date: null, highlightA: empty, highlightB: empty,
    focus: nodes[0]?.id ?? null, selected: null, leaders: empty, excluded: empty,
  });
  const sceneMs = performance.now() - t0;
  const canvas = new GraphCanvas(holder, { tapNode() {}, tapEdge() {}, expandNode() {}, tapBackground() {}, openMenu() {}, selectionChanged() {} });
  canvas.apply(elements, layout);
  // relayout() sets busy, waits a frame and a task, lays out synchronously, then clears busy.
  await nextFrame();
  while (canvas.busy) await new Promise((r) => setTimeout(r, 5));
  await nextFrame();
  await nextFrame();
  const totalMs = performance.now() - t0;
  if (keep) kept = canvas;
  else canvas.destroy();
  return { totalMs, sceneMs, elements: elements.length };
}

(window as unknown as { benchRender: typeof render }).benchRender = render;
(window as unknown as { benchReady: boolean }).benchReady = true;
