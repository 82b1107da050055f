// The initial import (`npm run import -- --initial`): a large dataset into an empty database through Neo4j's offline
// importer. It is planned exactly as the transactional import plans a change against an empty database (the same
// parsing, merge and validation, store/apply.ts planChange), and finished with the same queries that record a
// change, so the database ends as `npm run import` would leave it: the same nodes, links, properties, dataset
// version, history and audit entry. Only the writing of nodes and links differs.
import type { Driver } from 'neo4j-driver';
import { BULK_TRANSACTION_MS, planChange, recordChange, type Plan } from '../store/apply.ts';
import type { BulkFiles } from '../store/bulk-csv.ts';
import { loadQueries, schemaStatements } from '../store/cypher.ts';
import { applySchema } from '../store/load.ts';
import { inSession } from '../store/neo4j.ts';
import { toPlain } from '../store/records.ts';
import { readStoredDataset, storedEntries, type StoredDataset } from '../store/stored-dataset.ts';
import { validateEntries, type Problem } from '../core/dataset.ts';
import { checkStories, readImportFiles, restoreStories, type ImportFile } from './import.ts';
import type { StoryEntry } from '../formats/json-in.ts';
import { rewriteCsvProblem } from '../formats/csv-in.ts';

const EMPTY: StoredDataset = { nodes: new Map(), links: new Map(), attendees: new Map(), version: null, sequence: null };

export interface InitialPlan {
  problems: Problem[];
  plan?: Plan;
  stories: StoryEntry[];
}

/** Parses and validates the files as one change to an empty database; problems mean nothing may be written. */
export function planInitialImport(files: ImportFile[]): InitialPlan {
  const { entries, problems, stories } = readImportFiles(files);
  // CSV problems name the row and column, as the transactional import's do.
  const csv = new Set(files.filter((f) => f.file.toLowerCase().endsWith('.csv')).map((f) => f.file));
  const located = (list: Problem[]) => list.map((p) => (csv.has(p.file) ? rewriteCsvProblem(p) : p));
  if (problems.length > 0) return { problems: located(problems), stories };
  const plan = planChange(EMPTY, { entries });
  if (plan.problems.length > 0 || !plan.dataset) return { problems: located(plan.problems), stories };
  const storyProblems = checkStories(stories, plan.dataset);
  if (storyProblems.length > 0) return { problems: storyProblems, stories };
  return { problems: [], plan, stories };
}

/** What the database holds, to refuse an initial import into one that is not empty (its files are replaced). */
export async function countEverything(driver: Driver, database: string): Promise<number> {
  return inSession(driver, database, async (session) => {
    const res = await session.run(loadQueries()['bulk-node-count']);
    return Number(toPlain(res.records[0]?.get('nodes')) ?? 0);
  }, { mode: 'READ' });
}

export interface InitialFinish {
  version: string;
  sequence: number;
  /** Milliseconds of each step after the importer: schema and indexes, lists and stories, record, verification. */
  steps: Record<'schema' | 'fixes' | 'record' | 'verify', number>;
}

/**
 * After the importer has written the nodes and links: the schema and its indexes, the empty lists the importer
 * cannot write, the stories of a JSON export, the dataset version with its history and audit entry (the queries
 * every change records itself with), then a read of the whole stored dataset whose content hash must be the plan's.
 */
export async function finishInitialImport(
  driver: Driver, database: string, plan: Plan, bulk: BulkFiles, stories: StoryEntry[], opts: { actor: string; summary: string },
): Promise<InitialFinish> {
  const queries = loadQueries();
  const dataset = plan.dataset!;
  const steps = { schema: 0, fixes: 0, record: 0, verify: 0 };
  let t = performance.now();
  const lap = (step: keyof typeof steps) => {
    const now = performance.now();
    steps[step] = Math.round(now - t);
    t = now;
  };
  await applySchema(driver, schemaStatements(), database);
  await inSession(driver, database, (session) => session.run(queries['bulk-await-indexes'], { seconds: 3600 }, { timeout: BULK_TRANSACTION_MS }));
  lap('schema');
  const sequence = await inSession(driver, database, async (session) => {
    const tx = session.beginTransaction({ timeout: BULK_TRANSACTION_MS });
    try {
      for (const { key, ids } of bulk.emptyLists.nodes) await tx.run(queries['bulk-empty-node-lists'], { key, ids });
      for (const { type, key, ids } of bulk.emptyLists.links) await tx.run(queries['bulk-empty-link-lists'], { type, key, ids });
      if (stories.length > 0) await restoreStories(tx, stories);
      lap('fixes');
      const at = new Date().toISOString();
      await tx.run(queries['edit-lock'], { at });
      const recorded = await recordChange(tx, plan, { at, actor: opts.actor, action: 'import', summary: opts.summary });
      await tx.commit();
      return recorded;
    } catch (err) {
      await tx.rollback().catch(() => {});
      throw err;
    }
  });
  lap('record');
  const stored = await inSession(driver, database, (session) => session.executeRead((tx) => readStoredDataset(tx), { timeout: BULK_TRANSACTION_MS }));
  const reread = validateEntries(storedEntries(stored));
  lap('verify');
  if (!reread.dataset || reread.dataset.version !== dataset.version) {
    const why = reread.dataset ? `its content hash is ${reread.dataset.version.slice(0, 12)}, not ${dataset.version.slice(0, 12)}` : `it no longer validates: ${reread.problems.slice(0, 3).map((p) => p.message).join('; ')}`;
    throw new Error(`The offline import wrote a graph that differs from the files (${why}). Report this as a bug; the transactional import (npm run import without --initial) writes the same files correctly.`);
  }
  return { version: dataset.version, sequence, steps };
}
