// Import: CSV and dataset-format JSON files → one change, merged with the stored graph by id, validated
// as a whole, written in one transaction (or, with any problem or a dry run, not at all). A JSON export's stories
// are checked against the result and restored in the same transaction.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Dataset, Problem, RawEntry } from '../core/dataset.ts';
import { storyIndex, validateStory } from '../core/stories.ts';
import { loadQueries } from '../store/cypher.ts';
import { applyChange, type ChangeReport } from '../store/apply.ts';
import { readCsv, rewriteCsvProblem } from '../formats/csv-in.ts';
import { readDatasetJson, STORIES_KEY, type StoryEntry } from '../formats/json-in.ts';
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
export function readImportFiles(files: ImportFile[]): { entries: RawEntry[]; problems: Problem[]; stories: StoryEntry[] } {
  const entries: RawEntry[] = [];
  const problems: Problem[] = [];
  const stories: StoryEntry[] = [];
  for (const f of files) {
    const ext = path.extname(f.file).toLowerCase();
    const decoded = 'text' in f ? { text: f.text } : decodeUtf8(f.bytes);
    if ('problem' in decoded) {
      problems.push({ file: f.file, line: decoded.problem.line, entry: '(file)', message: decoded.problem.message });
      continue;
    }
    let read: { entries: RawEntry[]; problems: Problem[]; stories?: StoryEntry[] };
    if (ext === '.csv') read = readCsv(f.file, decoded.text);
    else if (ext === '.json') read = readDatasetJson(f.file, decoded.text);
    else read = { entries: [], problems: [{ file: f.file, entry: '(file)', message: `cannot import a ${ext || 'extensionless'} file: give .csv (seed/templates/) or .json (the dataset format)` }] };
    // One push per item: spreading a million-entry file into push() overflows the call stack.
    for (const e of read.entries) entries.push(e);
    for (const p of read.problems) problems.push(p);
    for (const s of read.stories ?? []) stories.push(s);
  }
  return { entries, problems, stories };
}

/** The stored properties a restored story may carry (what story-load and story-save write). */
const STORY_PROPERTIES = new Set([
  'id', 'title', 'audience', 'summary', 'origin', 'layoutJson', 'stepsJson', 'stepCount', 'citationCount', 'savedBy', 'savedAt',
  'datasetVersion', 'author', 'authorToken', 'version', 'createdAt',
]);
const REVISION_PROPERTIES = new Set(['story', 'version', 'at', 'actor', 'title', 'storyJson']);

const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Checks an export's stories against the dataset they are restored with: the story format, and every id it names. */
export function checkStories(stories: StoryEntry[], dataset: Dataset): Problem[] {
  const index = storyIndex(dataset);
  const problems: Problem[] = [];
  const ids = new Map<string, number>();
  for (const s of stories) {
    const entry = `${STORIES_KEY}[${s.index}]`;
    const report = (message: string) => problems.push({ file: s.file, line: s.line, entry, message });
    const value = s.value as { story?: Record<string, unknown>; revisions?: unknown };
    if (!value || typeof value !== 'object' || !value.story || typeof value.story !== 'object' || !Array.isArray(value.revisions ?? [])) {
      report('a story is written { "story": { stored properties }, "revisions": [ … ] }, as the JSON export writes it');
      continue;
    }
    const props = value.story;
    const unknown = Object.keys(props).filter((k) => !STORY_PROPERTIES.has(k) || !scalar(props[k]));
    if (unknown.length > 0) report(`unknown or non-scalar story field(s) ${unknown.join(', ')}; allowed: ${[...STORY_PROPERTIES].join(', ')}`);
    for (const [i, r] of ((value.revisions ?? []) as Record<string, unknown>[]).entries()) {
      if (!r || typeof r !== 'object' || r.story !== props.id || Object.keys(r).some((k) => !REVISION_PROPERTIES.has(k) || !scalar(r[k]))) {
        report(`revisions[${i}] must be a map of ${[...REVISION_PROPERTIES].join(', ')} whose story is ${String(props.id)}`);
      }
    }
    let steps: unknown;
    let layout: unknown;
    try {
      steps = JSON.parse(String(props.stepsJson ?? '[]'));
      layout = props.layoutJson ? JSON.parse(String(props.layoutJson)) : undefined;
    } catch {
      report('stepsJson and layoutJson must hold JSON, as the export writes them');
      continue;
    }
    const file = { id: props.id, title: props.title, audience: props.audience, summary: props.summary ?? undefined, layout, steps };
    const checked = validateStory(s.file, JSON.parse(JSON.stringify(file)), index);
    for (const p of checked.problems) report(`${p.where}: ${p.message}`);
    if (typeof props.id === 'string') {
      if (ids.has(props.id)) report(`the story ${props.id} appears twice (first at ${STORIES_KEY}[${ids.get(props.id)}])`);
      ids.set(props.id, s.index);
    }
  }
  return problems;
}

/** Writes an export's stories, with their revisions, as they were stored (checked first by checkStories). */
export async function restoreStories(tx: { run(query: string, params?: Record<string, unknown>): Promise<unknown> }, stories: StoryEntry[]): Promise<void> {
  const rows = stories.map((s) => s.value as { story: Record<string, unknown>; revisions?: Record<string, unknown>[] })
    .map((v) => ({ props: v.story, revisions: v.revisions ?? [] }));
  await tx.run(loadQueries()['story-restore'], { rows });
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
  const { entries, problems, stories } = readImportFiles(files);
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
    alongside: stories.length === 0 ? undefined : {
      check: (dataset) => checkStories(stories, dataset),
      write: (tx) => restoreStories(tx, stories),
    },
  });
  report.problems = report.problems.map((p) => (csv.has(p.file) ? rewriteCsvProblem(p) : p));
  return report;
}
