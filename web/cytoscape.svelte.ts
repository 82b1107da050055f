// The only module that imports Cytoscape: owns one renderer instance, its stylesheet, layouts and image export.
import cytoscape from 'cytoscape';
import type { Collection, Core, EdgeSingular, ElementDefinition, NodeSingular, Position, StylesheetJson } from 'cytoscape';
import dagre from 'cytoscape-dagre';
// @ts-expect-error cytoscape-fcose ships no type declarations
import fcose from 'cytoscape-fcose';
import { bendCandidates, boxesHit, bundleOffsets, curvePoints, inflate, separate, type Box } from './edge-routing.ts';
import { forcePositions, viewSeed, withSeededRandom } from './force-layout.ts';
import type { ElementJson } from './graph-model.ts';
import type { SvgShape } from './exports.ts';

cytoscape.use(dagre);
cytoscape.use(fcose);

/** From this many visible elements on, the force-directed layout is d3-force's Barnes–Hut simulation instead of fCoSE,
 *  whose repulsion takes seconds there (issue 8: 5,000 elements laid out and drawn within 2 s). */
export const LARGE_SCENE = 1500;

export type LayoutKind = 'fcose' | 'dagre' | 'breadthfirst' | 'circle' | 'concentric';
export type LayoutDirection = 'LR' | 'TB' | 'RL' | 'BT';

export interface CanvasHandlers {
  tapNode(id: string): void;
  tapEdge(id: string): void;
  expandNode(id: string): void;
  tapBackground(): void;
  /** Right-click or long-press on a node: its menu, at that point of the canvas (rendered pixels). */
  openMenu(id: string, at: { x: number; y: number }): void;
  /** The nodes selected by click, modifier-click or a lasso (Shift-drag) changed. */
  selectionChanged(ids: string[]): void;
}

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'data(shape)' as never,
      'background-color': 'data(colour)',
      label: 'data(label)',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#1a1a1a',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '110px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
      width: 26,
      height: 26,
      'border-width': 1,
      'border-color': '#333333',
    },
  },
  { selector: 'node.kind-government', style: { width: 36, height: 32 } },
  { selector: 'node.kind-channel', style: { width: 34, height: 34 } },
  { selector: 'node.kind-institution', style: { width: 34, height: 22 } },
  { selector: 'node.kind-document', style: { width: 20, height: 26, 'background-color': '#f5f5f5' } },
  { selector: 'node.kind-session', style: { width: 10, height: 10, 'font-size': 8, 'background-color': '#666666' } },
  { selector: 'node[size]', style: { width: 'data(size)', height: 'data(size)' } },
  { selector: 'node.leader', style: { 'border-width': 5, 'border-style': 'double', 'border-color': '#000000' } },
  { selector: 'node.focus', style: { 'underlay-color': '#E69F00', 'underlay-opacity': 0.35, 'underlay-padding': 6 } as never },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#777777',
      'target-arrow-color': '#777777',
      'curve-style': 'bezier',
      'arrow-scale': 0.9,
    },
  },
  { selector: 'edge.fam-access', style: { 'line-style': 'dashed', 'line-color': '#9a9a9a', width: 1.2, 'line-dash-pattern': [6, 3] } },
  { selector: 'edge.fam-transmission', style: { 'line-color': '#1f1f1f', 'target-arrow-color': '#1f1f1f', 'target-arrow-shape': 'triangle', width: 3 } },
  { selector: 'edge.fam-participation', style: { width: 1, 'line-color': '#5a5a5a', 'target-arrow-color': '#5a5a5a', 'target-arrow-shape': 'vee' } },
  { selector: 'edge.fam-office', style: { width: 2, 'line-color': '#CC79A7', 'target-arrow-color': '#CC79A7', 'target-arrow-shape': 'square' } },
  { selector: 'edge.fam-structure', style: { width: 1, 'line-style': 'dotted', 'line-color': '#b5b5b5' } },
  { selector: 'edge.uncertain', style: { 'line-style': 'dashed', 'line-dash-pattern': [2, 4], opacity: 0.6 } },
  { selector: 'edge.blocked', style: { 'target-arrow-shape': 'tee', 'line-color': '#D55E00', 'target-arrow-color': '#D55E00' } },
  { selector: 'edge.hl-a, edge.hl-b', style: { label: 'data(label)', 'font-size': 9, 'text-rotation': 'autorotate', 'text-background-color': '#ffffff', 'text-background-opacity': 0.9, opacity: 1 } },
  { selector: '.hl-a', style: { 'z-index': 20 } },
  { selector: 'edge.hl-a', style: { 'line-color': '#0072B2', 'target-arrow-color': '#0072B2', width: 5 } },
  { selector: 'node.hl-a', style: { 'border-color': '#0072B2', 'border-width': 4 } },
  { selector: 'edge.hl-b', style: { 'line-color': '#E69F00', 'target-arrow-color': '#E69F00', width: 5 } },
  { selector: 'node.hl-b', style: { 'border-color': '#E69F00', 'border-width': 4 } },
  { selector: 'edge.hl-a.hl-b', style: { 'line-color': '#000000', 'target-arrow-color': '#000000', 'line-style': 'solid' } },
  { selector: '.faded', style: { opacity: 0.18 } },
  // A hop of the shown path that is not valid in the timeline's month: drawn thin and dotted, still there.
  { selector: 'edge.off-date', style: { 'line-style': 'dotted', width: 2.5, opacity: 0.7 } },
  { selector: 'edge.lost', style: { 'line-color': '#D55E00', 'target-arrow-color': '#D55E00', 'line-style': 'dashed', opacity: 0.45 } },
  { selector: 'node.lost', style: { opacity: 0.35, 'border-style': 'dashed', 'border-color': '#D55E00' } },
  // The hop a no-path answer could not take: red, dashed, ending in a bar, labelled.
  { selector: 'edge.broken', style: { 'line-color': '#D55E00', 'target-arrow-color': '#D55E00', 'target-arrow-shape': 'tee', 'line-style': 'dashed', width: 3.5, label: 'data(label)', 'font-size': 9, 'text-rotation': 'autorotate', 'text-background-color': '#ffffff', 'text-background-opacity': 0.9, opacity: 1, 'z-index': 20 } as never },
  { selector: 'node.excluded', style: { 'background-blacken': 0.6, 'border-style': 'dashed' } as never },
  { selector: 'edge.excluded', style: { 'line-color': '#D55E00', opacity: 0.4 } },
  { selector: '.selected', style: { 'overlay-color': '#56B4E9', 'overlay-opacity': 0.3, 'overlay-padding': 6 } as never },
  { selector: '.hidden', style: { display: 'none' } },
  { selector: 'node:selected', style: { 'overlay-color': '#0072B2', 'overlay-opacity': 0.25, 'overlay-padding': 7 } as never },
  { selector: 'node.pinned', style: { 'outline-width': 3, 'outline-color': '#5b6570', 'outline-style': 'dotted', 'outline-offset': 3 } as never },
  // Labels moved or left out so that no two collide (declutterLabels); the keyboard focus always shows its label.
  { selector: 'node.label-above', style: { 'text-valign': 'top', 'text-margin-y': -4 } },
  { selector: 'node.label-right', style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-y': 0, 'text-margin-x': 4 } },
  { selector: 'node.label-left', style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-y': 0, 'text-margin-x': -4 } },
  // Left out by opacity, not by an empty label: Cytoscape's cached label images stay whole.
  { selector: '.label-hidden', style: { 'text-opacity': 0, 'text-background-opacity': 0 } },
  { selector: 'node.kbd-focus', style: { 'text-opacity': 1, 'text-background-opacity': 0.8, 'underlay-color': '#b34700', 'underlay-opacity': 0.55, 'underlay-padding': 9, 'z-index': 30 } as never },
  { selector: 'node.story-focus', style: { 'border-color': '#0072B2', 'border-width': 4, 'z-index': 20 } as never },
  { selector: 'edge.story-focus', style: { 'line-color': '#0072B2', 'target-arrow-color': '#0072B2', 'target-arrow-shape': 'triangle', width: 4, label: 'data(label)', 'font-size': 10, 'text-rotation': 'autorotate', 'text-background-color': '#ffffff', 'text-background-opacity': 0.9, 'z-index': 20 } as never },
  { selector: 'node.predict-hidden', style: { 'background-color': '#eeeeee', 'border-style': 'dashed', 'border-color': '#0072B2', 'font-size': 22, 'text-valign': 'center', 'text-margin-y': 0 } as never },
  { selector: 'edge.predict-hidden', style: { 'line-style': 'dashed', label: '' } },
  // Large scenes: labels appear once zoomed in far enough to read them, and edges are drawn without curve fitting.
  { selector: 'node.dense', style: { 'min-zoomed-font-size': 9 } },
  { selector: 'edge.dense', style: { 'curve-style': 'straight', 'min-zoomed-font-size': 9 } },
];

/** A drawn label's box in model coordinates, or null when the element shows no label. */
function labelBox(ele: NodeSingular | EdgeSingular): Box | null {
  if (ele.style('label') === '' || ele.hasClass('label-hidden') || !ele.visible()) return null;
  const b = ele.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false, includeUnderlays: false } as never);
  return b.w > 0 && b.h > 0 ? { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 } : null;
}

/** Force-directed positions of some visible elements' nodes, for a preset layout (other nodes stay where they are). */
function forcePositionsOf(visible: Collection): (node: NodeSingular) => Position {
  const nodes = visible.nodes().map((n) => ({ id: n.id(), radius: Math.max(n.width(), n.height()) / 2 }));
  const edges = visible.edges().map((e) => ({ source: e.data('source') as string, target: e.data('target') as string }));
  const positions = forcePositions(nodes, edges);
  return (node) => positions.get(node.id()) ?? node.position();
}

export interface DrawnNode { id: string; box: { x1: number; y1: number; x2: number; y2: number } }
export interface DrawnEdge { id: string; source: string; target: string; curve: 'straight' | 'bezier' | 'segments'; points: Position[] }

/** One Cytoscape instance bound to a DOM node; the canvas state other modules may read. */
export class GraphCanvas {
  /** True while a layout is computing (the canvas shows a spinner). */
  busy = $state(false);
  #cy: Core;
  #ids = new Set<string>();
  #layoutKind: LayoutKind = 'fcose';
  #direction: LayoutDirection = 'LR';
  #runs = 0;
  #idle: (() => void)[] = [];
  /** Drawing is held (a Cytoscape batch left open) from a relayout's start to its end: no frame of unplaced nodes is drawn. */
  #held = false;
  /** The node the keyboard is on (drawn with a ring; its label always shows). */
  #keyFocus: string | null = null;

  constructor(container: HTMLElement, handlers: CanvasHandlers) {
    this.#cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.15,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      // Shift-drag (or Ctrl/⌘-drag) on the background draws a lasso box; a plain drag still pans.
      boxSelectionEnabled: true,
      selectionType: 'single',
    });
    this.#cy.on('cxttap taphold', 'node', (e) => {
      const at = e.renderedPosition ?? e.target.renderedPosition();
      handlers.openMenu(e.target.id(), { x: at.x, y: at.y });
    });
    // One report per burst of select/unselect events (a lasso selects many nodes one by one).
    let pending = false;
    this.#cy.on('select unselect', 'node', () => {
      if (pending) return;
      pending = true;
      queueMicrotask(() => {
        pending = false;
        if (!this.#cy.destroyed()) handlers.selectionChanged(this.#cy.nodes(':selected').map((n) => n.id()));
      });
    });
    this.#cy.on('tap', 'node', (e) => handlers.tapNode(e.target.id()));
    this.#cy.on('tap', 'edge', (e) => handlers.tapEdge(e.target.id()));
    this.#cy.on('dbltap', 'node', (e) => handlers.expandNode(e.target.id()));
    this.#cy.on('tap', (e) => {
      if (e.target === this.#cy) handlers.tapBackground();
    });
  }

  /** Replace the content declaratively; lays out again only when the set of elements changed. */
  apply(elements: ElementJson[], layout: LayoutKind, direction: LayoutDirection = 'LR'): void {
    const ids = new Set(elements.map((e) => e.data.id));
    const changed = layout !== this.#layoutKind || direction !== this.#direction || ids.size !== this.#ids.size || [...ids].some((id) => !this.#ids.has(id));
    // Styles of new elements are computed when a batch ends, and the layout needs them.
    const held = this.#held;
    this.#release();
    this.#cy.batch(() => {
      // Edges whose ends changed must be removed first: cy.json never rewires an existing edge.
      const byId = new Map(elements.map((e) => [e.data.id, e]));
      this.#cy.edges().forEach((edge) => {
        const next = byId.get(edge.id());
        if (next && (next.data.source !== edge.data('source') || next.data.target !== edge.data('target'))) edge.remove();
      });
      const dense = elements.length >= LARGE_SCENE;
      const json = dense ? elements.map((e) => ({ ...e, classes: `${e.classes} dense` })) : elements;
      this.#cy.json({ elements: json as unknown as ElementDefinition[] });
      // Only nodes take part in a selection (a lasso would otherwise pick up every edge inside it).
      this.#cy.edges().unselectify();
      // cy.json replaced the classes: the keyboard focus is the canvas's own and is put back.
      if (this.#keyFocus) this.#cy.getElementById(this.#keyFocus).addClass('kbd-focus');
    });
    if (held) this.#hold();
    this.#ids = ids;
    this.#layoutKind = layout;
    this.#direction = direction;
    if (changed) this.relayout();
    // Other nodes may have become visible (the timeline): edges are routed around them again.
    else if (!this.#held) this.#untangle(false);
  }

  /** Runs the current layout without animation, after the spinner had a frame to show. */
  relayout(): void {
    const run = ++this.#runs;
    this.busy = true;
    this.#hold();
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (run !== this.#runs || this.#cy.destroyed()) return;
        const visible = this.#cy.elements(':visible');
        const eles = visible.length ? this.#cy.elements() : this.#cy.collection();
        const common = { animate: false, fit: true, padding: 30 };
        const options =
          this.#layoutKind === 'dagre'
            ? { name: 'dagre', rankDir: this.#direction, nodeSep: 28, rankSep: 90, edgeSep: 10, nodeDimensionsIncludeLabels: true, ...common }
            : this.#layoutKind === 'breadthfirst' || this.#layoutKind === 'circle' || this.#layoutKind === 'concentric'
            ? { name: this.#layoutKind, spacingFactor: 1.1, ...common }
            : visible.length >= LARGE_SCENE
            ? { name: 'preset', positions: forcePositionsOf(visible), ...common }
            : { name: 'fcose', quality: 'default', randomize: true, animate: false, fit: true, padding: 30, nodeRepulsion: 9000, idealEdgeLength: 90, numIter: 1500, fixedNodeConstraint: this.#pinnedConstraint(visible) };
        try {
          // Seeded from the view's content: the same view lays out the same way each time it opens.
          withSeededRandom(viewSeed(visible.map((e) => e.id())), () => eles.layout(options as never).run());
          // fCoSE centres its drawing where the nodes were before: centred on the origin instead, it is the same each time.
          if (options.name === 'fcose' && !('fixedNodeConstraint' in options && options.fixedNodeConstraint)) this.#centreOnOrigin(visible);
          this.#untangle(true);
          this.#cy.fit(undefined, 30);
          // A handful of nodes would otherwise be fitted at a giant zoom.
          if (this.#cy.zoom() > 1.3) {
            this.#cy.zoom(1.3);
            this.#cy.center();
          }
        } finally {
          if (run === this.#runs) {
            this.#release();
            this.busy = false;
            for (const resolve of this.#idle.splice(0)) resolve();
          }
        }
      }, 0),
    );
  }

  /** After a layout: nodes that landed on each other are pushed apart (separateNodes), then every edge that would be drawn
   *  through a node other than its ends is bent around it, trying gentle bends first and reading back the curve
   *  Cytoscape draws. Large scenes are left as laid out (their edges are drawn straight, for speed). */
  #untangle(separateNodes: boolean): void {
    const cy = this.#cy;
    const visible = cy.elements(':visible');
    if (visible.length >= LARGE_SCENE) return;
    const held = this.#held;
    this.#release();
    if (separateNodes) {
      const nodes = visible.nodes().map((n) => ({ id: n.id(), x: n.position('x'), y: n.position('y'), w: n.outerWidth(), h: n.outerHeight() }));
      const moved = separate(nodes);
      cy.batch(() => visible.nodes().forEach((n) => {
        const p = moved.get(n.id());
        if (p && (p.x !== n.position('x') || p.y !== n.position('y'))) n.position(p);
      }));
    }
    let crossing = this.#routeEdges(visible);
    // A crowded drawing may leave no way around: it is spread out (lines lengthen, nodes keep their size) and routed again.
    for (let spread = 0; separateNodes && crossing > 0 && spread < 6; spread++) {
      this.#spread(visible, 1.3);
      crossing = this.#routeEdges(visible);
    }
    this.#declutterLabels(visible);
    if (held) this.#hold();
  }

  /** Scales the drawing about its centre (pinned nodes stay put). */
  #spread(visible: Collection, factor: number): void {
    const nodes = visible.nodes();
    const cx = nodes.reduce((sum, n) => sum + n.position('x'), 0) / nodes.length;
    const cy = nodes.reduce((sum, n) => sum + n.position('y'), 0) / nodes.length;
    this.#cy.batch(() => nodes.forEach((n) => {
      n.position({ x: cx + (n.position('x') - cx) * factor, y: cy + (n.position('y') - cy) * factor });
    }));
  }

  /** Bends every edge that would be drawn through a node other than its ends; returns how many still cross one, counted
   *  on the drawing as it is left (not during the pass, when a later edge's bend could still move an earlier one). */
  #routeEdges(visible: Collection): number {
    const edges = visible.edges();
    const boxes = new Map<string, Box>(visible.nodes().map((n) => {
      const b = n.boundingBox({ includeLabels: false, includeOverlays: false } as never);
      return [n.id(), inflate({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 }, 3)];
    }));
    // Parallel edges each keep an offset of their own, so that bending one leaves the others where they are.
    const offsets = bundleOffsets(edges.map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() })));
    const candidates = bendCandidates();
    type Bend = (typeof candidates)[number];
    const draw = (edge: EdgeSingular, bend: Bend | undefined) => {
      const offset = offsets.get(edge.id());
      if (bend) edge.style({ 'curve-style': 'unbundled-bezier', 'control-point-distances': bend.distances.map((d) => d + (offset ?? 0)), 'control-point-weights': bend.weights } as never);
      else if (offset !== undefined) edge.style({ 'curve-style': 'unbundled-bezier', 'control-point-distances': [offset], 'control-point-weights': [0.5] } as never);
      else edge.removeStyle('curve-style control-point-distances control-point-weights');
    };
    const hitsOf = (edge: EdgeSingular) => {
      if (edge.isLoop()) return 0;
      const ends = new Set([edge.source().id(), edge.target().id()]);
      const others = [...boxes].filter(([id]) => !ends.has(id)).map(([, box]) => box);
      // An edge whose ends Cytoscape cannot place yet (e.g. just shown) reads as no hit and is left alone.
      const points = [edge.sourceEndpoint(), ...(((edge.controlPoints() as Position[] | undefined) ?? [])), edge.targetEndpoint()];
      if (!points.every((p) => p && Number.isFinite(p.x) && Number.isFinite(p.y))) return 0;
      return boxesHit(curvePoints(points[0], points.slice(1, -1), points[points.length - 1]), others);
    };
    edges.forEach((edge) => draw(edge, undefined));
    edges.forEach((edge) => {
      let best = hitsOf(edge);
      if (best === 0) return;
      let bestBend: Bend | undefined;
      for (const bend of candidates) {
        draw(edge, bend);
        const n = hitsOf(edge);
        if (n < best) {
          best = n;
          bestBend = bend;
          if (n === 0) break;
        }
      }
      draw(edge, bestBend);
    });
    return edges.filter((edge) => hitsOf(edge) > 0).length;
  }

  #centreOnOrigin(visible: Collection): void {
    const xs = visible.nodes().map((n) => n.position('x'));
    const ys = visible.nodes().map((n) => n.position('y'));
    if (!xs.length) return;
    const dx = (Math.min(...xs) + Math.max(...xs)) / 2;
    const dy = (Math.min(...ys) + Math.max(...ys)) / 2;
    this.#cy.batch(() => visible.nodes().forEach((n) => {
      n.position({ x: n.position('x') - dx, y: n.position('y') - dy });
    }));
  }

    /** Pinned nodes that fCoSE must leave where they are (it would otherwise lay the others out around a wrong spot). */
  #pinnedConstraint(visible: Collection): { nodeId: string; position: Position }[] | undefined {
    const pinned = visible.nodes().filter((n) => n.locked()).map((n: NodeSingular) => ({ nodeId: n.id(), position: { x: n.position('x'), y: n.position('y') } }));
    return pinned.length ? pinned : undefined;
  }

  /** Labels placed greedily, most important first: each keeps its place below its node if that is free, else tries
   *  above, right and left, else is left out (it shows again on keyboard focus, and the details panel names it).
   *  Label boxes scale with the zoom like everything else, so one placement holds at every zoom level. */
  #declutterLabels(visible: Collection): void {
    const cy = this.#cy;
    const placed: Box[] = [];
    const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
    // Other nodes' bodies are obstacles too: a label drawn over a node hides it.
    const bodies = visible.nodes().map((n) => {
      const b = n.boundingBox({ includeLabels: false, includeOverlays: false } as never);
      return { id: n.id(), box: { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 } };
    });
    let owner = '';
    const free = (box: Box | null) => box !== null && !placed.some((p) => overlaps(box, p)) && !bodies.some((b) => b.id !== owner && overlaps(box, b.box));
    visible.edges().removeClass('label-hidden');
    const edges = visible.edges().filter((e) => e.style('label') !== '' && String(e.data('label') ?? '') !== '');
    edges.forEach((edge) => {
      owner = '';
      const box = labelBox(edge);
      if (!box) return;
      if (free(box)) placed.push(box);
      else edge.addClass('label-hidden');
    });
    const rank = (n: NodeSingular) => (n.hasClass('kbd-focus') ? 64 : 0) + (n.hasClass('hl-a') || n.hasClass('hl-b') ? 32 : 0) + (n.hasClass('focus') ? 16 : 0)
      + (n.selected() ? 8 : 0) + (n.hasClass('leader') ? 4 : 0) + (n.hasClass('faded') ? -64 : 0);
    const nodes = visible.nodes().toArray().sort((a, b) => rank(b) - rank(a) || b.degree(false) - a.degree(false) || (a.id() < b.id() ? -1 : 1));
    for (const node of nodes) {
      owner = node.id();
      node.removeClass('label-hidden label-above label-right label-left');
      if (!String(node.data('label') ?? '')) continue;
      let box = labelBox(node);
      for (const place of ['label-above', 'label-right', 'label-left', 'label-hidden']) {
        if (free(box)) break;
        node.removeClass('label-above label-right label-left').addClass(place);
        box = place === 'label-hidden' ? null : labelBox(node);
      }
      if (box) placed.push(box);
    }
    // The classes above moved labels, but Cytoscape recomputes where a label is drawn only for elements it sees move:
    // without this, a moved label is drawn from its old place (cut off, or a fragment beside its node; issue 18).
    visible.nodes().forEach((n) => {
      n.position({ ...n.position() });
    });
  }

  #hold(): void {
    if (this.#held) return;
    this.#held = true;
    this.#cy.startBatch();
  }

  #release(): void {
    if (!this.#held) return;
    this.#held = false;
    this.#cy.endBatch();
  }

  fit(): void {
    this.#cy.fit(undefined, 30);
  }

  /** The container changed size (the legend opened or closed): redraw, and fit again if part of the graph went out of view. */
  resize(): void {
    // Mid-layout the nodes are not placed yet: the layout measures the container and fits when it runs.
    if (this.#cy.destroyed() || this.busy) return;
    this.#cy.resize();
    const box = this.#cy.elements(':visible').renderedBoundingBox();
    if (box.w > 0 && (box.x1 < 0 || box.y1 < 0 || box.x2 > this.#cy.width() || box.y2 > this.#cy.height())) {
      this.#cy.fit(undefined, 30);
      if (this.#cy.zoom() > 1.3) {
        this.#cy.zoom(1.3);
        this.#cy.center();
      }
    }
  }

  /** Resolves once no layout is running (at once when none is). */
  whenIdle(): Promise<void> {
    return this.busy ? new Promise((resolve) => this.#idle.push(resolve)) : Promise.resolve();
  }

  /** Moves the camera onto some elements (all when none is given), animated unless the user prefers reduced motion. */
  /** The smallest label on screen, in CSS pixels (a projector or a printed page needs it large); null: no labels. */
  minLabelPx: number | null = null;

  /** Labels smaller on screen than minLabelPx (their font size times the zoom) are enlarged to it; faded context
   *  keeps its size, so that it stays in the background instead of crowding the labels that matter. */
  #fitLabels(): void {
    const min = this.minLabelPx;
    if (min === null) return;
    const zoom = this.#cy.zoom();
    this.#cy.batch(() => {
      this.#cy.elements().forEach((e) => {
        e.removeStyle('font-size');
        if (e.hasClass('faded')) return;
        const size = parseFloat(e.style('font-size'));
        if (size * zoom < min) e.style('font-size', min / zoom);
      });
    });
  }

  /** The smallest font size, in CSS pixels at the current zoom, of the visible labels that are not faded context. */
  smallestLabelPx(): number | null {
    const zoom = this.#cy.zoom();
    const sizes = this.#cy.elements(':visible').filter((e) => !e.hasClass('faded') && String(e.style('label') ?? '') !== '').map((e) => parseFloat(e.style('font-size')) * zoom);
    return sizes.length ? Math.min(...sizes) : null;
  }

  focusOn(ids: string[], padding = 60, animate = true): void {
    let eles = this.#cy.collection();
    for (const id of ids) eles = eles.union(this.#cy.getElementById(id));
    const target = eles.nonempty() ? eles : this.#cy.elements();
    const clamp = () => {
      if (this.#cy.zoom() > 1.6) {
        this.#cy.zoom(1.6);
        this.#cy.center(target);
      }
      this.#fitLabels();
    };
    this.#cy.stop(true, true);
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (animate && !reduced) {
      this.#cy.animate({ fit: { eles: target, padding } } as never, { duration: 600, easing: 'ease-in-out-cubic', complete: clamp } as never);
    } else {
      this.#cy.fit(target, padding);
      clamp();
    }
  }

  /** The current view framed on some elements, as a PNG data URI (a handout diagram). */
  snapshot(ids: string[], padding = 24): string {
    this.focusOn(ids, padding, false);
    return this.#cy.png({ output: 'base64uri', full: false, scale: 1.5, bg: '#ffffff' }) as unknown as string;
  }

  zoom(factor: number): void {
    const { width, height } = { width: this.#cy.width(), height: this.#cy.height() };
    this.#cy.zoom({ level: this.#cy.zoom() * factor, renderedPosition: { x: width / 2, y: height / 2 } });
  }

  /** Ids carrying a class, e.g. the highlighted path ('hl-a'). */
  idsWithClass(className: string): string[] {
    return this.#cy.elements(`.${className}`).map((e) => e.id());
  }

  /** What is drawn, in model coordinates: each visible node's box, and each visible edge's end points with the
   *  control points (curves) or bend points (segments) between them. */
  geometry(): { nodes: DrawnNode[]; edges: DrawnEdge[]; labels: DrawnNode[] } {
    const nodes = this.#cy.nodes(':visible').map((n) => {
      const b = n.boundingBox({ includeLabels: false, includeOverlays: false } as never);
      return { id: n.id(), box: { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 } };
    });
    const edges = this.#cy.edges(':visible').map((e) => {
      const controls = e.controlPoints() as Position[] | undefined;
      const segments = e.segmentPoints() as Position[] | undefined;
      const middle = controls?.length ? controls : segments?.length ? segments : [];
      const curve: DrawnEdge['curve'] = controls?.length ? 'bezier' : segments?.length ? 'segments' : 'straight';
      return { id: e.id(), source: e.source().id(), target: e.target().id(), curve, points: [e.sourceEndpoint(), ...middle, e.targetEndpoint()].map((p) => ({ x: p.x, y: p.y })) };
    });
    const labels = this.#cy.elements(':visible').map((e) => ({ id: e.id(), box: labelBox(e) })).filter((l): l is DrawnNode => l.box !== null);
    return { nodes, edges, labels };
  }

  /** Moves the keyboard focus ring to a node (null: none), scrolling it into view; returns its name. */
  focusNode(id: string | null): string | null {
    if (this.#keyFocus) this.#cy.getElementById(this.#keyFocus).removeClass('kbd-focus');
    this.#keyFocus = id;
    const node = id ? this.#cy.getElementById(id) : null;
    if (!node || node.empty()) {
      this.#keyFocus = null;
      return null;
    }
    node.addClass('kbd-focus');
    const p = node.renderedPosition();
    if (p.x < 20 || p.y < 20 || p.x > this.#cy.width() - 20 || p.y > this.#cy.height() - 20) this.#cy.center(node);
    return String(node.data('label') ?? id);
  }

  /** The node with the keyboard focus, if it is still drawn. */
  get keyFocus(): string | null {
    return this.#keyFocus && this.#cy.getElementById(this.#keyFocus).visible() ? this.#keyFocus : null;
  }

  /** Visible nodes where they are drawn (rendered pixels), with their names and link counts, for keyboard moves. */
  drawnNodes(): { id: string; label: string; kind: string; x: number; y: number; links: number }[] {
    return this.#cy.nodes(':visible').map((n) => {
      const p = n.renderedPosition();
      return { id: n.id(), label: String(n.data('label') ?? n.id()), kind: String(n.data('kind') ?? ''), x: p.x, y: p.y, links: n.connectedEdges(':visible').length };
    });
  }

  /** Where a node is drawn on the canvas (rendered pixels), to open its menu there. */
  renderedPosition(id: string): { x: number; y: number } | null {
    const node = this.#cy.getElementById(id);
    return node.nonempty() ? { ...node.renderedPosition() } : null;
  }

  /** Sets which nodes are selected (from the keyboard or the selection bar). */
  select(ids: string[]): void {
    const keep = new Set(ids);
    this.#cy.batch(() => this.#cy.nodes().forEach((n) => {
      if (keep.has(n.id())) n.select();
      else n.unselect();
    }));
  }

  /** Model positions of the visible nodes (for tests: the same view must get the same positions). */
  positions(): Record<string, { x: number; y: number }> {
    return Object.fromEntries(this.#cy.nodes(':visible').map((n) => [n.id(), { x: n.position('x'), y: n.position('y') }]));
  }

  visibleIds(): string[] {
    return this.#cy.elements(':visible').map((e) => e.id());
  }

  png(): Blob {
    return this.#cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }) as unknown as Blob;
  }

  /** The visible drawing as plain shapes for the SVG writer in exports.ts. */
  shapes(): SvgShape[] {
    const shapes: SvgShape[] = [];
    this.#cy.edges(':visible').forEach((edge) => {
      const s = edge.sourceEndpoint();
      const t = edge.targetEndpoint();
      shapes.push({
        type: 'edge',
        id: edge.id(),
        x1: s.x, y1: s.y, x2: t.x, y2: t.y,
        colour: edge.style('line-color'),
        width: parseFloat(edge.style('width')),
        dashed: edge.style('line-style') !== 'solid',
        arrow: edge.style('target-arrow-shape') !== 'none',
        opacity: parseFloat(edge.style('opacity')),
        label: edge.hasClass('hl-a') || edge.hasClass('hl-b') ? String(edge.data('label') ?? '') : '',
        controls: ((edge.controlPoints() as Position[] | undefined) ?? []).map((p) => ({ x: p.x, y: p.y })),
      });
    });
    this.#cy.nodes(':visible').forEach((node) => {
      const p = node.position();
      shapes.push({
        type: 'node',
        id: node.id(),
        x: p.x, y: p.y,
        w: node.width(), h: node.height(),
        shape: String(node.data('shape')),
        colour: node.style('background-color'),
        border: node.style('border-color'),
        borderWidth: parseFloat(node.style('border-width')),
        opacity: parseFloat(node.style('opacity')),
        label: String(node.data('label') ?? ''),
      });
    });
    return shapes;
  }

  /** Draws the canvas again with a new renderer (no cached label images or positions), for tests that compare a
   *  redraw with a fresh render of the same elements; resolves once the new renderer has drawn a frame. */
  redrawFresh(): Promise<void> {
    const container = this.#cy.container();
    if (!container) return Promise.resolve();
    this.#cy.unmount();
    this.#cy.mount(container);
    return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  }

  destroy(): void {
    this.#runs++;
    this.#cy.destroy();
  }
}
