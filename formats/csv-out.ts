// CSV export in the import templates: nodes.csv, links.csv, sources.csv, and the version beside them.
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, encodeCell, type CsvKind } from './csv-in.ts';
import { META_KEY } from './json-in.ts';
import type { ExportData, ExportedFile } from './export-data.ts';
import type { RawValue } from '../store/stored-dataset.ts';

function table(kind: CsvKind, rows: RawValue[], spreadsheet: boolean): string {
  const columns = CSV_COLUMNS[kind];
  const cell = spreadsheet ? spreadsheetCell : encodeCell;
  const text = stringify([columns as string[], ...rows.map((r) => columns.map((c) => cell(c, r[c])))], { record_delimiter: spreadsheet ? '\r\n' : '\n' });
  // Excel reads a CSV as the machine's legacy code page unless it starts with a UTF-8 byte order mark.
  return spreadsheet ? `\uFEFF${text}` : text;
}

const DATE_COLUMNS = new Set(['when', 'born', 'died', 'founded', 'date']);

/**
 * A cell for Excel and LibreOffice: dates ("1993-05-12", "1993", "1992/1993-05") become ="…", a formula that only
 * yields its text, because both programs turn a bare date into a serial number and a bare year into a number.
 */
function spreadsheetCell(column: string, value: unknown): string {
  const cell = encodeCell(column, value);
  return DATE_COLUMNS.has(column) && /^[0-9X~?%./-]+$/.test(cell) ? `="${cell}"` : cell;
}

/** nodes.csv, links.csv and sources.csv; `spreadsheet` writes them for Excel and LibreOffice (BOM, CRLF, dates as text). */
export function toCsvFiles(data: ExportData, opts: { spreadsheet?: boolean } = {}): ExportedFile[] {
  const { raw } = data;
  const nodes = [...raw.governments, ...raw.institutions, ...raw.people, ...raw.channels, ...raw.sessions, ...raw.documents];
  const spreadsheet = opts.spreadsheet === true;
  const mediaType = 'text/csv; charset=utf-8';
  return [
    { name: 'nodes.csv', mediaType, text: table('nodes', nodes, spreadsheet) },
    { name: 'links.csv', mediaType, text: table('links', raw.links, spreadsheet) },
    { name: 'sources.csv', mediaType, text: table('sources', raw.sources, spreadsheet) },
    { name: 'dataset-version.json', mediaType: 'application/json', text: `${JSON.stringify({ [META_KEY]: data.meta }, null, 2)}\n` },
  ];
}
