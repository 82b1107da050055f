// Export: the live graph (or the part around some nodes) as GraphML, GEXF, CSV, dataset-format JSON, a Cypher
// script or its bibliography. Every file carries the dataset version it was written from; JSON and Cypher of the
// whole graph carry the stories too, so that a restore gives back everything.
import { datasetStats, validateEntries, formatProblem, type Dataset } from '../core/dataset.ts';
import { toCsvFiles } from '../formats/csv-out.ts';
import { toCypherScript } from '../formats/cypher-script.ts';
import { toGexf } from '../formats/gexf.ts';
import { toGraphml } from '../formats/graphml.ts';
import { datasetBibliography, writeBibliography } from '../formats/bibliography.ts';
import {
  GENERATED_LINK_TYPES, readStoredDataset, rawSections, storedEntries, type RawValue, type Runner, type StoredDataset,
} from '../store/stored-dataset.ts';
import { META_KEY, STORIES_KEY } from '../formats/json-in.ts';
import type { ExportData, ExportedFile, ExportedStory, ExportMeta } from '../formats/export-data.ts';
import { loadQueries } from '../store/cypher.ts';
import { toPlain } from '../store/records.ts';

export type { ExportData, ExportedFile, ExportedStory, ExportMeta };

export const EXPORT_FORMATS = ['graphml', 'gexf', 'gexf12', 'csv', 'csv_spreadsheet', 'json', 'cypher', 'csl_json', 'bibtex', 'ris'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Keeps the given nodes plus everything they need to be a valid dataset (cited sources, channels, attendees, documents, the channels transmissions were about). */
export function subsetStored(stored: StoredDataset, nodeIds: readonly string[]): StoredDataset {
  const keep = new Set<string>();
  const queue = [...nodeIds];
  const addCited = (json: unknown) => {
    if (typeof json !== 'string') return;
    for (const m of json.matchAll(/"source":"(source\/[^"]+)"/g)) queue.push(m[1]);
  };
  const links = new Map<string, StoredDataset['links'] extends Map<string, infer L> ? L : never>();
  // Channels kept only because a transmission was about them: named, but their own links stay out.
  const referenceOnly = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (keep.has(id) || !stored.nodes.has(id)) continue;
      keep.add(id);
      changed = true;
      const p = stored.nodes.get(id)!;
      addCited(p.citationsJson);
      addCited(p.disputesJson);
      if (typeof p.channel === 'string') queue.push(p.channel);
      queue.push(...(stored.attendees.get(id) ?? []));
    }
    for (const l of stored.links.values()) {
      if (links.has(l.id) || !keep.has(l.from) || !keep.has(l.to) || referenceOnly.has(l.from) || referenceOnly.has(l.to)) continue;
      links.set(l.id, l);
      addCited(l.props.citationsJson);
      addCited(l.props.disputesJson);
      if (typeof l.props.document === 'string') queue.push(l.props.document);
      if (typeof l.props.about === 'string' && !keep.has(l.props.about)) {
        referenceOnly.add(l.props.about);
        queue.push(l.props.about);
      }
      changed = true;
    }
  }
  const nodes = new Map([...stored.nodes].filter(([id]) => keep.has(id)));
  const attendees = new Map([...stored.attendees].filter(([id]) => keep.has(id)));
  for (const l of stored.links.values()) if (GENERATED_LINK_TYPES.includes(l.type) && keep.has(l.from) && keep.has(l.to)) links.set(l.id, l);
  return { ...stored, nodes, links, attendees };
}

/** Reads the graph (or the part around nodeIds) and validates it into the shape every writer uses. */
export async function readExportData(runner: Runner, nodeIds: readonly string[] | null = null): Promise<ExportData> {
  const full = await readStoredDataset(runner);
  const unknown = (nodeIds ?? []).filter((id) => !full.nodes.has(id));
  if (unknown.length > 0) throw new UnknownNodesError(unknown);
  const stored = nodeIds ? subsetStored(full, nodeIds) : full;
  const { dataset, problems } = validateEntries(storedEntries(stored));
  if (!dataset) throw new Error(`The stored graph does not validate (${problems.length} problem(s)):\n${problems.slice(0, 20).map(formatProblem).join('\n')}`);
  const meta: ExportMeta = {
    contentHash: dataset.version, datasetVersion: full.version, sequence: full.sequence,
    exportedAt: new Date().toISOString(), nodeIds: nodeIds ? [...nodeIds] : null, counts: datasetStats(dataset),
  };
  return { dataset, raw: rawSections(stored), meta, stories: nodeIds ? [] : await readStories(runner) };
}

/** Every story and its revisions, as stored. */
async function readStories(runner: Runner): Promise<ExportedStory[]> {
  const res = await runner.run(loadQueries()['story-export']);
  return res.records.map((r) => ({
    story: toPlain(r.get('story')) as Record<string, unknown>,
    revisions: toPlain(r.get('revisions')) as Record<string, unknown>[],
  }));
}

export class UnknownNodesError extends Error {
  constructor(readonly ids: string[]) {
    super(`No live node with id ${ids.slice(0, 5).map((i) => `'${i}'`).join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`);
  }
}

/** The dataset-format JSON document, with the version under "meta" (ignored on import) and the stories under "stories". */
export function toDatasetJson(data: ExportData): string {
  const sections = Object.entries(data.raw).filter(([, list]) => list.length > 0);
  const lines = [`{`, `  ${JSON.stringify(META_KEY)}: ${JSON.stringify(data.meta)},`];
  sections.forEach(([key, list], i) => {
    lines.push(`  ${JSON.stringify(key)}: [`);
    list.forEach((v, j) => lines.push(`    ${JSON.stringify(v)}${j < list.length - 1 ? ',' : ''}`));
    lines.push(`  ]${i < sections.length - 1 || data.stories.length > 0 ? ',' : ''}`);
  });
  if (data.stories.length > 0) {
    lines.push(`  ${JSON.stringify(STORIES_KEY)}: [`);
    data.stories.forEach((s, j) => lines.push(`    ${JSON.stringify(s)}${j < data.stories.length - 1 ? ',' : ''}`));
    lines.push('  ]');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The first line of a bibliography file: what it is and the dataset version it was written from. */
export function bibliographyHeader(meta: Pick<ExportMeta, 'datasetVersion' | 'sequence' | 'exportedAt'>, sources: number, of = 'the dataset'): string {
  return `Backchannel bibliography of ${of}: ${sources} source(s), dataset version ${meta.datasetVersion ?? '(none)'} (sequence ${meta.sequence ?? '–'}), written ${meta.exportedAt}`;
}

const stem = (meta: ExportMeta) => `backchannel-${(meta.datasetVersion ?? meta.contentHash).slice(0, 12)}${meta.nodeIds ? '-view' : ''}`;

export function writeExport(format: ExportFormat, data: ExportData): ExportedFile[] {
  const base = stem(data.meta);
  switch (format) {
    case 'json':
      return [{ name: `${base}.json`, mediaType: 'application/json', text: toDatasetJson(data) }];
    case 'csv':
      return toCsvFiles(data);
    case 'csv_spreadsheet':
      return toCsvFiles(data, { spreadsheet: true });
    case 'graphml':
      return [{ name: `${base}.graphml`, mediaType: 'application/graphml+xml', text: toGraphml(data) }];
    case 'gexf':
      return [{ name: `${base}.gexf`, mediaType: 'application/gexf+xml', text: toGexf(data) }];
    case 'gexf12':
      return [{ name: `${base}-gexf12.gexf`, mediaType: 'application/gexf+xml', text: toGexf(data, '1.2draft') }];
    case 'cypher':
      return [{ name: `${base}.cypher`, mediaType: 'application/x-cypher-query', text: toCypherScript(data) }];
    case 'csl_json':
    case 'bibtex':
    case 'ris':
      return [writeBibliography(format, datasetBibliography(data.dataset), { stem: base, header: bibliographyHeader(data.meta, data.meta.counts.sources) })];
  }
}
