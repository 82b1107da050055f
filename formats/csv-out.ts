// CSV export in the import templates: nodes.csv, links.csv, sources.csv, and the version beside them.
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, encodeCell, type CsvKind } from './csv-in.ts';
import { META_KEY } from './json-in.ts';
import type { ExportData, ExportedFile } from './export-data.ts';
import type { RawValue } from '../store/stored-dataset.ts';

function table(kind: CsvKind, rows: RawValue[]): string {
  const columns = CSV_COLUMNS[kind];
  return stringify([columns as string[], ...rows.map((r) => columns.map((c) => encodeCell(c, r[c])))], { record_delimiter: '\n' });
}

export function toCsvFiles(data: ExportData): ExportedFile[] {
  const { raw } = data;
  const nodes = [...raw.governments, ...raw.institutions, ...raw.people, ...raw.channels, ...raw.sessions, ...raw.documents];
  return [
    { name: 'nodes.csv', mediaType: 'text/csv', text: table('nodes', nodes) },
    { name: 'links.csv', mediaType: 'text/csv', text: table('links', raw.links) },
    { name: 'sources.csv', mediaType: 'text/csv', text: table('sources', raw.sources) },
    { name: 'dataset-version.json', mediaType: 'application/json', text: `${JSON.stringify({ [META_KEY]: data.meta }, null, 2)}\n` },
  ];
}
