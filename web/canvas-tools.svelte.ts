// What the analyst did to the drawing itself: nodes hidden or pinned, the selection, the open node menu, the legend.
export interface NodeMenu {
  /** The node the menu is about. */
  id: string;
  /** Where it opens on the canvas, in rendered pixels. */
  x: number;
  y: number;
}

const LEGEND_KEY = 'backchannel.legend-open';

function storedLegend(): boolean | null {
  try {
    const value = globalThis.localStorage?.getItem(LEGEND_KEY);
    return value === null || value === undefined ? null : value === 'true';
  } catch {
    return null;
  }
}

export class CanvasTools {
  /** Nodes the user hid from the drawing (until "Show all"). */
  hidden = $state.raw<ReadonlySet<string>>(new Set());
  /** Nodes pinned where they are: layouts leave them in place. */
  pinned = $state.raw<ReadonlySet<string>>(new Set());
  /** Nodes selected on the canvas (click, Ctrl-click, Shift-drag lasso, Space). */
  selection = $state.raw<string[]>([]);
  /** The node menu, when open. */
  menu = $state.raw<NodeMenu | null>(null);
  /** Whether the legend is shown; remembered between visits once the user chose (null: not chosen yet). */
  legendChoice = $state<boolean | null>(storedLegend());

  /** The nodes an action from a node's menu applies to: the whole selection when the node is part of it. */
  targets(id: string): string[] {
    return this.selection.includes(id) && this.selection.length > 1 ? this.selection : [id];
  }

  hide(ids: string[]): void {
    this.hidden = new Set([...this.hidden, ...ids]);
    this.selection = this.selection.filter((id) => !this.hidden.has(id));
  }

  showAll(): void {
    this.hidden = new Set();
  }

  /** Pins the nodes, or unpins them when all of them are pinned already. */
  togglePin(ids: string[]): boolean {
    const pin = !ids.every((id) => this.pinned.has(id));
    const next = new Set(this.pinned);
    for (const id of ids) {
      if (pin) next.add(id);
      else next.delete(id);
    }
    this.pinned = next;
    return pin;
  }

  setLegend(open: boolean): void {
    this.legendChoice = open;
    try {
      globalThis.localStorage?.setItem(LEGEND_KEY, String(open));
    } catch {
      // Private browsing without storage: the choice holds for this visit only.
    }
  }
}

export const canvasTools = new CanvasTools();
