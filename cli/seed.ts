// `npm run seed`: validate seed/ and load it (`--check` validates only; `--force` reloads even when unchanged;
// `--coverage` rewrites the generated case-study table of seed/COVERAGE.md and writes nothing else).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withDatabase } from './database.ts';
import { withCaseStudyTable } from '../core/coverage.ts';
import { datasetStats } from '../core/dataset.ts';
import { prepareDatabase, readDataset, SeedInvalidError, SEED_DIR } from '../store/prepare.ts';
import { EditedSinceSeedError } from '../store/load.ts';

const args = new Set(process.argv.slice(2));
const log = (m: string) => console.log(m);

async function main(): Promise<number> {
  const started = performance.now();
  const dataset = await readDataset();
  const stats = datasetStats(dataset);
  log(`seed/ is valid: ${stats.people} people, ${stats.institutions} institutions, ${stats.governments} governments, ${stats.channels} channels, ${stats.sessions} sessions, ${stats.documents} documents, ${stats.sources} sources, ${stats.links} links (${(stats.citedShare * 100).toFixed(1)}% cited, ${(stats.datedShare * 100).toFixed(1)}% dated); version ${dataset.version.slice(0, 12)}`);
  if (args.has('--coverage')) {
    const file = path.join(SEED_DIR, 'COVERAGE.md');
    writeFileSync(file, withCaseStudyTable(readFileSync(file, 'utf8'), dataset));
    log(`Wrote the case-study table of ${path.relative(process.cwd(), file)}.`);
    return 0;
  }
  if (args.has('--check')) return 0;

  await withDatabase(async (driver, config) => {
    const result = await prepareDatabase(driver, args.has('--force') ? 'force' : 'sync', { log, database: config.neo4jDatabase });
    if (!result.load?.changed) log(`No change: the database already holds dataset ${dataset.version.slice(0, 12)}.`);
    log(`Done in ${Math.round(performance.now() - started)} ms.`);
  }, log);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof SeedInvalidError || err instanceof EditedSinceSeedError ? err.message : `npm run seed failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
