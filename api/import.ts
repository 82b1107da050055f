// Import: CSV and dataset-format JSON files → one change, merged with the stored graph by id, validated
// as a whole, written in one transaction (or, with any problem or a dry run, not at all).
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Problem, RawEntry } from '../core/dataset.ts';
import { applyChange, type ChangeReport } from '../store/apply.ts';
import { readCsv, rewriteCsvProblem } from '../formats/csv-in.ts';
import { readDatasetJson } from '../formats/json-in.ts';
import { decodeUtf8 } from '../formats/text-in.ts';

/** A file to import: its text, or its bytes as read from disk (decoded here, UTF-8 only). */
export type ImportFile = { file: string; text: string } | { file: string; bytes: Uint8Array };

export const IMPORT_EXTENSIONS = ['.csv', '.json'];

/** The files named on the command line: a file, or every .csv and .json file below a folder (sorted). */
export async function collectImportFiles(target: string): Promise<ImportFile[]> {
  const info = await stat(target);
  const names: string[] = [];
  if (info.isDirectory()) {
    const walk = async (dir: string) => {
      for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) await walk(full);
        else if (IMPORT_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) names.push(full);
      }
    };
    await walk(target);
  } else {
    names.push(target);
  }
  return Promise.all(names.map(async (file) => ({ file, bytes: await readFile(file) })));
}

/** Parses every file; problems carry file, line (CSV: the row) and entry (CSV: the column). */
export function readImportFiles(files: ImportFile[]): { entries: RawEntry[]; problems: Problem[] } {
  const entries: RawEntry[] = [];
  const problems: Problem[] = [];
  for (const f of files) {
    const ext = path.extname(f.file).toLowerCase();
    const decoded = 'text' in f ? { text: f.text } : decodeUtf8(f.bytes);
    if ('problem' in decoded) {
      problems.push({ file: f.file, line: decoded.problem.line, entry: '(file)', message: decoded.problem.message });
      continue;
    }
    let read: { entries: RawEntry[]; problems: Problem[] };
    if (ext === '.csv') read = readCsv(f.file, decoded.text);
    else if (ext === '.json') read = readDatasetJson(f.file, decoded.text);
    else read = { entries: [], problems: [{ file: f.file, entry: '(file)', message: `cannot import a ${ext || 'extensionless'} file: give .csv (seed/templates/) or .json (the dataset format)` }] };
    entries.push(...read.entries);
    problems.push(...read.problems);
  }
  return { entries, problems };
}

export interface ImportOptions {
  actor: string;
  dryRun?: boolean;
  database?: string;
  progress?: (done: number, total: number) => void;
  phase?: (name: string) => void;
}

/** Imports the files into the stored graph: validated first, written all-or-nothing, idempotent by id. */
export async function importFiles(driver: Driver, files: ImportFile[], opts: ImportOptions): Promise<ChangeReport> {
  const started = performance.now();
  const { entries, problems } = readImportFiles(files);
  const csv = new Set(files.filter((f) => f.file.toLowerCase().endsWith('.csv')).map((f) => f.file));
  if (problems.length > 0) {
    return {
      ok: false, problems, dryRun: opts.dryRun === true, written: false, counts: {}, changes: [],
      previousVersion: null, previousSequence: null, version: null, sequence: null, linksWritten: 0, ms: performance.now() - started,
    };
  }
  const report = await applyChange(driver, () => ({ entries }), {
    actor: opts.actor, action: 'import', dryRun: opts.dryRun, database: opts.database, progress: opts.progress, phase: opts.phase,
    summary: `import of ${files.map((f) => path.basename(f.file)).join(', ')}`.slice(0, 300),
  });
  report.problems = report.problems.map((p) => (csv.has(p.file) ? rewriteCsvProblem(p) : p));
  return report;
}
