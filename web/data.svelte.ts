// Dataset downloads and "what changed since" a pinned version: the requests, their loading and error states.
import * as api from './api.ts';
import { ApiError } from './api.ts';
import { download } from './exports.ts';
import type { DatasetDiff, DatasetExport, ExportFormat } from './types.ts';
import { ui } from './ui.svelte.ts';

export class DataState {
  /** Whole dataset, or the nodes on the canvas. */
  scope = $state<'view' | 'all'>('view');
  /** The chosen export format. */
  format = $state<ExportFormat>('GRAPHML');
  /** True while an export is being prepared. */
  exporting = $state(false);
  /** Why the last export failed. */
  exportError = $state<string | null>(null);
  /** The last export (files and the dataset version they carry). */
  lastExport = $state.raw<DatasetExport | null>(null);

  /** True while the changes since the pinned version load. */
  changesLoading = $state(false);
  /** Why the changes could not be listed (plain words; also for an unknown version). */
  changesError = $state<string | null>(null);
  /** The difference from the pinned version to the current one. */
  diff = $state.raw<DatasetDiff | null>(null);

  /** Exports the whole dataset or the given nodes and downloads every file it returns, under its own name. */
  async exportData(nodeIds: string[]): Promise<void> {
    if (this.exporting) return;
    const ids = this.scope === 'view' ? nodeIds : null;
    if (ids && !ids.length) {
      this.exportError = 'The canvas is empty: open a neighbourhood or trace paths first, or download the whole dataset.';
      return;
    }
    this.exporting = true;
    this.exportError = null;
    try {
      const result = await api.datasetExport(this.format, ids);
      for (const [i, file] of result.files.entries()) {
        // Spaced out so the browser does not drop the second of two quick downloads.
        if (i) await new Promise((resolve) => setTimeout(resolve, 250));
        download(file.name, file.text, file.mediaType);
      }
      this.lastExport = result;
      ui.announce(`Downloaded ${result.files.map((f) => f.name).join(', ')}.`);
    } catch (error) {
      this.exportError = `The export failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.exporting = false;
    }
  }

  /** Loads what changed between a version and the current one; an unknown version is said plainly. */
  async loadChanges(from: string): Promise<void> {
    this.changesLoading = true;
    this.changesError = null;
    this.diff = null;
    try {
      this.diff = await api.datasetChanges(from);
    } catch (error) {
      this.changesError = error instanceof ApiError && error.code === 'NOT_FOUND'
        ? `This server does not know dataset version ${from.slice(0, 10)}, so it cannot list what changed. The link may come from another copy of Backchannel or from data loaded afresh since.`
        : `The changes could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.changesLoading = false;
    }
  }
}

export const data = new DataState();
