// The files Neo4j's offline importer (neo4j-admin database import full) reads: one CSV of nodes per kind and one of
// relationships per link type, written from the same property maps the transactional loader sends, with a typed
// header, so that the imported graph holds exactly what `npm run import` would have written.
import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { StoredProps } from './stored-dataset.ts';

/**
 * Between the elements of a list (and the labels of a node): the unit separator, which no name or citation holds;
 * one that does is refused before anything is written. Passed to the importer as --array-delimiter=U+001F.
 */
export const ARRAY_DELIMITER = '\u001f';
export const ARRAY_DELIMITER_OPTION = 'U+001F';

/** A node or link row as the change plan holds it (store/apply.ts createNodes / createLinks). */
export interface BulkNodeRow { kind: string; props: StoredProps }
export interface BulkLinkRow { type: string; from: string; to: string; props: StoredProps }

/** Lists that are empty: the importer writes no property for an empty field, so they are set after the import. */
export interface EmptyLists { nodes: { key: string; ids: string[] }[]; links: { type: string; key: string; ids: string[] }[] }

export interface BulkFiles {
  nodes: string[];
  relationships: { type: string; file: string }[];
  emptyLists: EmptyLists;
  bytes: number;
  /** The files with a field that spans lines: only these need the importer's slower multi-line parsing. */
  multiline: string[];
}

/** A property the offline importer cannot carry as the transactional path stores it (the import then stops). */
export class BulkCsvError extends Error {}

type ColumnType = 'string' | 'double' | 'boolean' | 'string[]' | 'double[]';

/**
 * The importer's type for a property. Numbers are doubles: the JavaScript driver sends every number as a Float, so
 * that is what the transactional path stores, and the two paths must store the same values.
 */
function typeOf(value: unknown, where: string): ColumnType | null {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    if (value.every((v) => typeof v === 'string')) return 'string[]';
    if (value.every((v) => typeof v === 'number')) return 'double[]';
  }
  throw new BulkCsvError(`${where} is ${JSON.stringify(value).slice(0, 80)}, which the offline importer cannot store as the transactional import does; load this file with npm run import (without --initial)`);
}

/** Columns of one file: every property any of its rows has, with one type each. */
function columnsOf(rows: readonly { props: StoredProps }[], what: string): Map<string, ColumnType> {
  const columns = new Map<string, ColumnType>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row.props)) {
      const type = typeOf(value, `${what} ${String(row.props.id)}: property ${key}`);
      if (type === null) continue;
      const seen = columns.get(key);
      if (seen && seen !== type) throw new BulkCsvError(`${what} property ${key} is a ${seen} on some rows and a ${type} on others (${String(row.props.id)}); the offline importer needs one type per property: load with npm run import (without --initial)`);
      columns.set(key, type);
    }
  }
  return columns;
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function list(values: readonly unknown[], where: string): string {
  return quote(values.map((v) => {
    const text = String(v);
    if (text.includes(ARRAY_DELIMITER)) throw new BulkCsvError(`${where} holds the character U+001F, which the offline importer uses between list elements; remove it`);
    return text;
  }).join(ARRAY_DELIMITER));
}

/** One field: absent (and empty lists) as an empty field, which the importer stores as no property. */
function field(value: unknown, type: ColumnType, where: string): string {
  if (value === undefined || value === null) return '';
  if (type === 'string[]' || type === 'double[]') return (value as unknown[]).length === 0 ? '' : list(value as unknown[], where);
  if (type === 'double') return String(value);
  if (type === 'boolean') return value ? 'true' : 'false';
  return quote(String(value));
}

/** Writes through a buffer of about a megabyte: a million-link file never becomes one string. */
class Writer {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  /** Whether a line written held a line break inside a quoted field. */
  multiline = false;
  private constructor(private readonly handle: FileHandle) {}
  static async open(file: string): Promise<Writer> {
    return new Writer(await open(file, 'w'));
  }
  async line(text: string): Promise<void> {
    if (!this.multiline && (text.includes('\n') || text.includes('\r'))) this.multiline = true;
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    if (this.size > 1 << 20) await this.flush();
  }
  private async flush(): Promise<void> {
    const chunk = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.size = 0;
    this.bytes += chunk.length;
    await this.handle.write(chunk);
  }
  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
  }
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function emptyListKeys(props: StoredProps): string[] {
  return Object.entries(props).filter(([, v]) => Array.isArray(v) && v.length === 0).map(([k]) => k);
}

/** Writes the importer's files into dir (created if need be) and says which lists were empty. */
export async function writeBulkCsv(dir: string, nodes: readonly BulkNodeRow[], links: readonly BulkLinkRow[]): Promise<BulkFiles> {
  mkdirSync(dir, { recursive: true });
  const out: BulkFiles = { nodes: [], relationships: [], emptyLists: { nodes: [], links: [] }, bytes: 0, multiline: [] };
  const emptyNodeLists = new Map<string, string[]>();
  const emptyLinkLists = new Map<string, { type: string; key: string; ids: string[] }>();

  // The importer's own ids are integers (--id-type=INTEGER: no string id map to build and sort, which took most of
  // its node phase); the node's id stays a string property, as the transactional import stores it.
  const importId = new Map<string, number>();
  const byKind = groupBy(nodes, (n) => n.kind);
  for (const [kind, rows] of byKind) {
    const columns = columnsOf(rows, kind);
    columns.delete('id');
    const file = path.join(dir, `nodes-${kind}.csv`);
    const w = await Writer.open(file);
    await w.line([':ID', ':LABEL', 'id:string', ...[...columns].map(([k, t]) => `${k}:${t}`)].join(','));
    const labels = quote(['Entity', kind].join(ARRAY_DELIMITER));
    for (const row of rows) {
      const id = String(row.props.id);
      if (importId.has(id)) throw new BulkCsvError(`node ${id} is listed twice`);
      importId.set(id, importId.size);
      const fields = [String(importId.get(id)), labels, quote(id)];
      for (const [key, type] of columns) fields.push(field(row.props[key], type, `${kind} ${id}: property ${key}`));
      await w.line(fields.join(','));
      for (const key of emptyListKeys(row.props)) {
        const ids = emptyNodeLists.get(key);
        if (ids) ids.push(id);
        else emptyNodeLists.set(key, [id]);
      }
    }
    await w.close();
    out.nodes.push(file);
    out.bytes += w.bytes;
    if (w.multiline) out.multiline.push(file);
  }

  const byType = groupBy(links, (l) => l.type);
  for (const [type, rows] of byType) {
    const columns = columnsOf(rows, type);
    const file = path.join(dir, `links-${type}.csv`);
    const w = await Writer.open(file);
    await w.line([':START_ID', ':END_ID', ...[...columns].map(([k, t]) => `${k}:${t}`)].join(','));
    for (const row of rows) {
      const id = String(row.props.id);
      const from = importId.get(row.from);
      const to = importId.get(row.to);
      if (from === undefined || to === undefined) throw new BulkCsvError(`${type} ${id} names ${from === undefined ? row.from : row.to}, which is not a node of the import`);
      const fields = [String(from), String(to)];
      for (const [key, t] of columns) fields.push(field(row.props[key], t, `${type} ${id}: property ${key}`));
      await w.line(fields.join(','));
      for (const key of emptyListKeys(row.props)) {
        const entry = emptyLinkLists.get(`${type} ${key}`) ?? { type, key, ids: [] };
        entry.ids.push(id);
        emptyLinkLists.set(`${type} ${key}`, entry);
      }
    }
    await w.close();
    out.relationships.push({ type, file });
    out.bytes += w.bytes;
    if (w.multiline) out.multiline.push(file);
  }
  out.emptyLists.nodes = [...emptyNodeLists].map(([key, ids]) => ({ key, ids }));
  out.emptyLists.links = [...emptyLinkLists.values()];
  return out;
}
