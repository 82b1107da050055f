// CSV in the documented templates (seed/templates/*.csv) ↔ dataset-format entries. One header row,
// UTF-8; list cells are `a | b`, citations `source/id: locator | source/id`, or a JSON array in the cell.
import { parse } from 'csv-parse/sync';
import { kindOfId } from '../core/model.ts';
import type { Problem, RawEntry, Section } from '../core/dataset.ts';
import { NODE_SECTIONS, type RawValue } from '../store/stored-dataset.ts';

export const NODE_COLUMNS = [
  'id', 'name', 'aliases', 'kind', 'side', 'when', 'born', 'died', 'anonymous', 'polity', 'founded',
  'channel', 'place', 'attendees', 'confidence', 'tracks', 'approach', 'level', 'aim', 'venues', 'outcome',
  'description', 'citations', 'disputes',
] as const;
export const SOURCE_COLUMNS = ['id', 'key', 'kind', 'title', 'author', 'outlet', 'date', 'url', 'reliability', 'file', 'aliases', 'description', 'citations', 'disputes'] as const;
export const LINK_COLUMNS = ['id', 'type', 'from', 'to', 'when', 'confidence', 'citations', 'outcome', 'role', 'side', 'title', 'rank', 'place', 'document', 'note', 'disputes', 'about'] as const;

export type CsvKind = 'nodes' | 'sources' | 'links';
export const CSV_COLUMNS: Record<CsvKind, readonly string[]> = { nodes: NODE_COLUMNS, sources: SOURCE_COLUMNS, links: LINK_COLUMNS };

const LIST_COLUMNS = new Set(['aliases', 'attendees', 'venues']);
const JSON_ONLY_COLUMNS = new Set(['disputes']);

/** A file's kind from its header: links have from/to, sources have a title and no name, the rest are nodes. */
export function csvKindOf(header: readonly string[]): CsvKind {
  if (header.includes('from') || header.includes('type')) return 'links';
  if (header.includes('title') && !header.includes('name')) return 'sources';
  return 'nodes';
}

function splitList(cell: string): string[] {
  return cell.split('|').map((s) => s.trim()).filter((s) => s !== '');
}

// OWASP's CSV-injection guidance: a cell starting with = + - @ tab or CR is a formula to a spreadsheet, so the
// export puts a ' before it (and before any run of quotes already there), and the import takes one off again.
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A cell text as a spreadsheet will show it but never run it. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The inverse of neutraliseFormula, and of the ="1993-05" that the spreadsheet CSV writes to keep a date text. */
export function restoreFormula(cell: string): string {
  const text = /^="([^"]*)"$/.exec(cell);
  if (text) return text[1]!;
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** One cell → the dataset-format value of its column; throws a message for the problem list. */
export function decodeCell(column: string, cell: string): unknown {
  const text = restoreFormula(cell.trim());
  if (text === '') return undefined;
  const isJson = text.startsWith('[') || text.startsWith('{');
  if (JSON_ONLY_COLUMNS.has(column) || (isJson && (LIST_COLUMNS.has(column) || column === 'citations' || column === 'tracks'))) {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new Error(`is not valid JSON (${(err as Error).message.split('\n')[0]}); write a JSON array, e.g. [{"field":"when","value":"1993","citations":[{"source":"source/…"}]}]`);
    }
  }
  if (LIST_COLUMNS.has(column)) return splitList(text);
  if (column === 'citations') {
    return splitList(text).map((c) => {
      const colon = c.indexOf(':');
      return colon < 0 ? { source: c } : { source: c.slice(0, colon).trim(), locator: c.slice(colon + 1).trim() };
    });
  }
  if (column === 'tracks') {
    return splitList(text).map((t) => {
      const colon = t.indexOf(':');
      return colon < 0 ? { track: t } : { track: t.slice(0, colon).trim(), when: t.slice(colon + 1).trim() };
    });
  }
  if (column === 'anonymous') {
    if (/^(true|yes|1)$/i.test(text)) return true;
    if (/^(false|no|0)$/i.test(text)) return false;
    return text;
  }
  return text;
}

const needsJson = (items: string[]) => items.some((s) => s.includes('|') || s !== s.trim() || s === '' || s.startsWith('[') || s.startsWith('{'));

/** A dataset-format value → its cell (the inverse of decodeCell), safe to open in a spreadsheet. */
export function encodeCell(column: string, value: unknown): string {
  return neutraliseFormula(plainCell(column, value));
}

function plainCell(column: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (JSON_ONLY_COLUMNS.has(column)) return Array.isArray(value) && value.length === 0 ? '' : JSON.stringify(value);
  if (LIST_COLUMNS.has(column) && Array.isArray(value)) {
    const items = value.map(String);
    return needsJson(items) ? JSON.stringify(items) : items.join(' | ');
  }
  if (column === 'citations' && Array.isArray(value)) {
    const cites = value as { source: string; locator?: string }[];
    const simple = cites.every((c) => Object.keys(c).every((k) => k === 'source' || k === 'locator') && !needsJson([c.source, c.locator ?? 'x']) && (c.locator === undefined || c.locator !== ''));
    return simple ? cites.map((c) => (c.locator === undefined ? c.source : `${c.source}: ${c.locator}`)).join(' | ') : JSON.stringify(cites);
  }
  if (column === 'tracks' && Array.isArray(value)) {
    const tracks = value as { track: string; when?: string }[];
    const simple = tracks.every((t) => !needsJson([String(t.track), String(t.when ?? 'x')]) && !String(t.track).includes(':'));
    return simple ? tracks.map((t) => (t.when === undefined ? t.track : `${t.track}: ${t.when}`)).join(' | ') : JSON.stringify(tracks);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The line on which the quoted cell that runs to the end of the text opened (csv-parse names only the last line). */
function unclosedQuoteLine(text: string): number {
  let line = 1;
  let openedOn = 0;
  let quoted = false;
  let cellStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (i === 0 && c === '\uFEFF') continue; // the BOM: the first cell still starts after it
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      } else if (c === '\n') line++;
      continue;
    }
    if (c === '"' && cellStart) {
      quoted = true;
      openedOn = line;
    }
    if (c === '\n') line++;
    cellStart = c === ',' || c === '\n' || (c === '\r' && text[i + 1] === '\n');
  }
  return openedOn || line;
}

export interface ReadResult { entries: RawEntry[]; problems: Problem[] }

/**
 * Reads one CSV file into validator entries. Each entry's `line` is the line its row starts on, so the
 * validator's problems point at the row; rewriteCsvProblem turns its field path into a column.
 */
export function readCsv(file: string, text: string, firstIndex: Partial<Record<Section, number>> = {}): ReadResult {
  const problems: Problem[] = [];
  const entries: RawEntry[] = [];
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof rows;
  } catch (err) {
    const e = err as { code?: string; message: string; lines?: number };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      const line = unclosedQuoteLine(text);
      return { entries, problems: [{ file, line, entry: `row ${line}`, message: `a quoted cell opened on line ${line} is never closed; add the closing " (write "" for a quote inside a quoted cell)` }] };
    }
    return { entries, problems: [{ file, line: e.lines, entry: '(file)', message: `CSV syntax: ${e.message}` }] };
  }
  if (rows.length === 0) return { entries, problems: [{ file, line: 1, entry: '(file)', message: 'is empty: the first row must name the columns (see seed/templates/)' }] };
  const header = rows[0].record.map((h) => h.trim());
  const kind = csvKindOf(header);
  const allowed = CSV_COLUMNS[kind];
  header.forEach((h, i) => {
    if (!allowed.includes(h)) problems.push({ file, line: 1, entry: `header, column ${i + 1}`, message: `unknown column '${h}'; a ${kind} file has: ${allowed.join(', ')}` });
  });
  const seen = new Set<string>();
  header.forEach((h) => {
    if (seen.has(h)) problems.push({ file, line: 1, entry: `header, column '${h}'`, message: 'appears twice' });
    seen.add(h);
  });
  if (problems.length > 0) return { entries, problems };
  const index = { ...firstIndex };

  for (const { record, info } of rows.slice(1)) {
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== header.length) {
      problems.push({ file, line, entry: `row ${line}`, message: `has ${record.length} cells; the header has ${header.length} (quote cells that contain commas)` });
      continue;
    }
    const value: RawValue = {};
    let bad = false;
    record.forEach((cell, i) => {
      try {
        const v = decodeCell(header[i], cell);
        if (v !== undefined) value[header[i]] = v;
      } catch (err) {
        problems.push({ file, line, entry: `row ${line}, column ${header[i]}`, message: (err as Error).message });
        bad = true;
      }
    });
    if (bad) continue;
    let section: Section;
    if (kind === 'links') {
      section = 'links';
    } else {
      const id = typeof value.id === 'string' ? value.id : '';
      const nodeKind = kindOfId(id);
      if (!nodeKind) {
        problems.push({ file, line, entry: `row ${line}, column id`, message: id ? `'${id}' must start with a kind: person/, institution/, government/, channel/, session/, document/ or source/` : 'is required' });
        continue;
      }
      if (kind === 'sources' && nodeKind !== 'Source') {
        problems.push({ file, line, entry: `row ${line}, column id`, message: `'${id}' is not a source; put other nodes in a nodes file (seed/templates/nodes.csv)` });
        continue;
      }
      if (kind === 'nodes' && nodeKind === 'Source') {
        problems.push({ file, line, entry: `row ${line}, column id`, message: `'${id}' is a source; put sources in a sources file (seed/templates/sources.csv), which has a title column` });
        continue;
      }
      section = NODE_SECTIONS[nodeKind];
    }
    const i = index[section] ?? 0;
    index[section] = i + 1;
    entries.push({ file, section, index: i, value, line });
  }
  return { entries, problems };
}

/** `people[3] (person/x).citations[0].source` from a CSV file → `row 12 (person/x), column citations[0].source`. */
export function rewriteCsvProblem(p: Problem): Problem {
  const m = /^[a-z]+\[\d+\]( \([^)]*\))?(?:\.(.+))?$/.exec(p.entry);
  if (!m) return p;
  return { ...p, entry: `row ${p.line ?? '?'}${m[1] ?? ''}${m[2] ? `, column ${m[2]}` : ''}` };
}
