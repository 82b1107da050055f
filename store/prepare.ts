// Brings a Neo4j to a ready state: reachable, schema applied, curated dataset loaded as asked.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { loadQueries, schemaStatements } from './cypher.ts';
import { inSession } from './neo4j.ts';
import { formatProblem, validateDataset, datasetStats, type Dataset } from '../core/dataset.ts';
import { readSeedFiles } from './seed-files.ts';
import { applySchema, loadDataset, type LoadResult } from './load.ts';
import { formatStoryProblem, storyIndex, validateStories, type Story } from '../core/stories.ts';
import { loadStories, readStoryFiles } from './stories.ts';

export const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../seed');

export class SeedInvalidError extends Error {}

/** Reads and validates seed/ (the dataset, then the stories against it); throws one error listing every problem. */
export async function readDataset(dir = SEED_DIR): Promise<Dataset> {
  return (await readSeed(dir)).dataset;
}

/** The dataset and the guided stories of seed/stories, each story checked against the dataset. */
export async function readSeed(dir = SEED_DIR): Promise<{ dataset: Dataset; stories: Story[] }> {
  const { dataset, problems } = validateDataset(await readSeedFiles(dir));
  if (!dataset) {
    throw new SeedInvalidError(`The dataset has ${problems.length} problem(s); nothing was written:\n${problems.map(formatProblem).join('\n')}`);
  }
  const checked = validateStories(await readStoryFiles(path.join(dir, 'stories')), storyIndex(dataset));
  if (checked.problems.length) {
    throw new SeedInvalidError(`The stories have ${checked.problems.length} problem(s); nothing was written:\n${checked.problems.map(formatStoryProblem).join('\n')}`);
  }
  return { dataset, stories: checked.stories };
}

/** Retries until Neo4j answers, logging each wait, so a slow or restarting database is not a crash. */
export async function waitForNeo4j(driver: Driver, opts: { timeoutMs?: number; log?: (m: string) => void; database?: string } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  let attempt = 0;
  for (;;) {
    attempt++;
    try {
      // The driver's own error, not DATABASE_UNAVAILABLE: each wait is logged with what it says.
      await inSession(driver, opts.database ?? 'neo4j', (session) => session.run('RETURN 1'), { mode: 'READ', rawErrors: true });
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`Neo4j did not answer within ${Math.round((opts.timeoutMs ?? 120_000) / 1000)} s: ${(err as Error).message}. Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, or leave NEO4J_URI empty to use the embedded database.`);
      }
      const wait = Math.min(5_000, 250 * 2 ** Math.min(attempt, 5));
      opts.log?.(`Waiting for Neo4j (attempt ${attempt}, retrying in ${(wait / 1000).toFixed(1)} s): ${(err as Error).message.split('\n')[0]}`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

export type SeedMode = 'if-empty' | 'sync' | 'force';

export interface PrepareResult { load: LoadResult | null; dataset: Dataset; loadedVersion: string | null }

/**
 * if-empty: load only into a database without a dataset (npm start keeps what is there);
 * sync: load when the stored version differs from seed/; force: always reload.
 */
export async function prepareDatabase(driver: Driver, mode: SeedMode, opts: { database?: string; log?: (m: string) => void; seedDir?: string } = {}): Promise<PrepareResult> {
  const log = opts.log ?? (() => {});
  await applySchema(driver, schemaStatements(), opts.database);
  const { dataset, stories } = await readSeed(opts.seedDir);
  const meta = await inSession(driver, opts.database ?? 'neo4j', (session) => session.executeRead((tx) => tx.run(loadQueries()['dataset-meta'])), { mode: 'READ' });
  const loadedVersion = (meta.records[0]?.get('version') as string | undefined) ?? null;
  if (mode === 'if-empty' && loadedVersion !== null) {
    await loadStories(driver, stories, { database: opts.database });
    if (loadedVersion !== dataset.version) log(`The database holds dataset ${loadedVersion.slice(0, 12)}; seed/ is ${dataset.version.slice(0, 12)}. Run \`npm run seed\` to reload it.`);
    return { load: null, dataset, loadedVersion };
  }
  const stats = datasetStats(dataset);
  let lastShown = 0;
  const load = await loadDataset(driver, dataset, {
    database: opts.database,
    force: mode === 'force',
    progress: (done, total) => {
      const pct = Math.floor((done / total) * 100);
      if (pct - lastShown >= 25 || done === total) {
        lastShown = pct;
        log(`Loading dataset: ${done}/${total} (${pct}%)`);
      }
    },
  });
  const storyCount = await loadStories(driver, stories, { database: opts.database });
  log(`Loaded ${storyCount} guided ${storyCount === 1 ? 'story' : 'stories'} from seed/stories.`);
  if (load.changed) {
    log(`Loaded dataset ${dataset.version.slice(0, 12)}: ${stats.people} people, ${stats.channels} channels, ${stats.institutions} institutions, ${stats.governments} governments, ${stats.links} links (${Math.round(stats.citedShare * 100)}% cited, ${Math.round(stats.datedShare * 100)}% dated) in ${Math.round(load.ms)} ms`);
  }
  return { load, dataset, loadedVersion: dataset.version };
}
