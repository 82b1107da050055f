// The CSV for spreadsheets, opened by LibreOffice Calc (headless, as a user's double-click would): names with
// en dashes and Hebrew survive, and dates stay text instead of turning into serial numbers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { createDriver } from '../../store/neo4j.ts';
import { readExportData, writeExport, type ExportData } from '../../api/export.ts';
import { readImportFiles } from '../../api/import.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-spreadsheet-'));
let data: ExportData;

beforeAll(async () => {
  const driver = createDriver(inject('neo4jUri'), { neo4jUser: inject('neo4jUser'), neo4jPassword: inject('neo4jPassword') });
  const session = driver.session();
  try {
    data = await session.executeRead((tx) => readExportData(tx, null));
  } finally {
    await session.close();
    await driver.close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Cell = { '@_table:number-columns-repeated'?: string; '@_office:value-type'?: string; '@_office:string-value'?: string; '@_office:date-value'?: string; 'text:p'?: unknown };

/** Opens a CSV in LibreOffice Calc with its default CSV import and returns every row's cells. */
function openInCalc(file: string): Cell[][] {
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--infilter=CSV:44,34', '--convert-to', 'fods', '--outdir', dir, file], { stdio: 'ignore', timeout: 180_000 });
  const xml = readFileSync(file.replace(/\.csv$/, '.fods'), 'utf8');
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['table:table-row', 'table:table-cell'].includes(name) }).parse(xml);
  const table = doc['office:document']['office:body']['office:spreadsheet']['table:table'];
  // Calc writes a run of equal (e.g. empty) cells once, with how many columns it stands for.
  const expand = (cells: Cell[]) => cells.flatMap((c) => Array<Cell>(Number(c['@_table:number-columns-repeated'] ?? 1)).fill(c));
  return (table['table:table-row'] as { 'table:table-cell': Cell[] }[]).map((r) => expand(r['table:table-cell']));
}

/** All the text under a parsed element (Calc splits a paragraph with runs of spaces into child elements). */
const textOf = (x: unknown): string =>
  x === null || x === undefined ? '' : typeof x === 'object' ? Object.entries(x).filter(([k]) => !k.startsWith('@_')).map(([, v]) => textOf(v)).join(' ') : String(x);
const text = (c: Cell | undefined) => c?.['@_office:string-value'] ?? textOf(c?.['text:p']);

describe('the CSV export for spreadsheets', () => {
  it('opens in LibreOffice with the text intact and dates as text, and imports back as it was', () => {
    const files = writeExport('csv_spreadsheet', data);
    const nodes = files.find((f) => f.name === 'nodes.csv')!;
    const file = path.join(dir, 'nodes.csv');
    writeFileSync(file, nodes.text, 'utf8');
    expect([...readFileSync(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte order mark Excel needs

    const rows = openInCalc(file);
    const header = rows[0]!.map(text);
    const col = (name: string) => header.indexOf(name);
    const byId = new Map(rows.slice(1).map((r) => [text(r[col('id')]), r]));
    const sweden = byId.get('government/sweden')!;
    expect(text(sweden[col('description')])).toContain('the Stockholm talks of 1994–95');
    // Every date cell LibreOffice made is text, none a date or a number.
    const dateCells = rows.slice(1).flatMap((r) => ['when', 'born', 'died', 'founded'].map((c) => r[col(c)])).filter((c) => text(c) !== '');
    expect(dateCells.length).toBeGreaterThan(50);
    expect(new Set(dateCells.map((c) => c!['@_office:value-type']))).toEqual(new Set(['string']));
    expect(text(byId.get('person/said-hammami')![col('born')])).toBe('1941');

    // The spreadsheet form is importable as is: the same entries as the plain CSV export.
    const plain = readImportFiles(writeExport('csv', data).filter((f) => f.name.endsWith('.csv')).map((f) => ({ file: f.name, text: f.text })));
    const sheet = readImportFiles(files.filter((f) => f.name.endsWith('.csv')).map((f) => ({ file: f.name, bytes: Buffer.from(f.text) })));
    expect(sheet.problems).toEqual([]);
    expect(sheet.entries.map((e) => e.value)).toEqual(plain.entries.map((e) => e.value));
  }, 300_000);
});
