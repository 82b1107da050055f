// What every export writer is given: the validated dataset, its dataset-format document and the version.
import type { Dataset, datasetStats } from '../core/dataset.ts';
import { linkProperties, nodeProperties } from '../store/load.ts';
import type { RawValue } from '../store/stored-dataset.ts';

export interface ExportedFile { name: string; mediaType: string; text: string }

export interface ExportMeta {
  /** Content hash of what this file holds (equals datasetVersion for a whole-graph export of a clean load). */
  contentHash: string;
  /** The database's dataset version and sequence number when the file was written. */
  datasetVersion: string | null;
  sequence: number | null;
  exportedAt: string;
  /** Null for the whole graph; else the node ids asked for (the file adds what they cite and reference). */
  nodeIds: string[] | null;
  counts: ReturnType<typeof datasetStats>;
}

/** A story as stored (curated or a saved lesson), with a saved lesson's revisions: what a restore writes back. */
export interface ExportedStory {
  story: Record<string, unknown>;
  revisions: Record<string, unknown>[];
}

/** What every writer gets: the validated dataset, its dataset-format document, the stories and the version. */
export interface ExportData {
  dataset: Dataset;
  raw: Record<string, RawValue[]>;
  meta: ExportMeta;
  /** Every story of a whole-graph export (none for the part around some nodes). */
  stories: ExportedStory[];
}

/** Stored node and link property maps, as the loader writes them (for GraphML, GEXF and Cypher). */
export function storedShapes(dataset: Dataset) {
  return {
    nodes: dataset.nodes.map((n) => ({ id: n.id, kind: n.kind, props: nodeProperties(n) })),
    links: dataset.links.map((l) => ({ id: l.id, type: l.type, from: l.from, to: l.to, props: linkProperties(l) })),
  };
}
