// `npm run import -- --initial <files>`: a large dataset into an empty embedded database through Neo4j's offline
// importer, at the importer's speed instead of the transactional write path's. Validated exactly as the
// transactional import validates (api/initial-import.ts); on any problem nothing is touched. The transactional import
// stays the way into a database that holds data, and into a Neo4j server (NEO4J_URI), whose files we do not own.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { countEverything, finishInitialImport, planInitialImport } from '../api/initial-import.ts';
import type { ImportFile } from '../api/import.ts';
import { formatProblem } from '../core/dataset.ts';
import { runOfflineImport } from '../neo4j/embedded.ts';
import { ARRAY_DELIMITER_OPTION, writeBulkCsv } from '../store/bulk-csv.ts';
import { readConfig } from '../store/config.ts';
import { CliError, withDatabase } from './database.ts';

const EXCLUSIVE = 'the offline importer (--initial) writes the database\'s files, which a running Neo4j holds.';

export interface InitialImportReport {
  nodes: number;
  links: number;
  version: string;
  /** Milliseconds per step, in order. */
  steps: [string, number][];
  /** Links per second through the importer alone, and end to end (from reading the files to the verified result). */
  importerLinksPerSecond: number;
  overallLinksPerSecond: number;
}

/**
 * The whole initial import on the configured embedded data folder. Returns the exit code; prints what it did.
 * `onReport` receives the figures (the benchmark reads them).
 */
export async function initialImport(
  files: ImportFile[], opts: { actor: string; dryRun?: boolean; log?: (m: string) => void; onReport?: (r: InitialImportReport) => void },
): Promise<number> {
  const log = opts.log ?? (() => {});
  const config = readConfig();
  if (config.neo4jUri) {
    throw new CliError(`--initial loads through Neo4j's offline importer, which writes the database's files; it works on the embedded database, not on the Neo4j at ${config.neo4jUri} (NEO4J_URI). For that server, run npm run import without --initial, or stop it and use its own neo4j-admin database import.`);
  }
  const started = performance.now();
  const steps: [string, number][] = [];
  let t = started;
  const lap = (name: string) => {
    const now = performance.now();
    steps.push([name, Math.round(now - t)]);
    t = now;
  };

  const planned = planInitialImport(files);
  lap('read and validate');
  if (!planned.plan) {
    console.error(`${planned.problems.length} problem(s); nothing was written:`);
    for (const p of planned.problems) console.error(`  ${formatProblem(p)}`);
    return 1;
  }
  const plan = planned.plan;
  const nodes = plan.createNodes.length;
  const links = plan.createLinks.length;
  if (opts.dryRun) {
    console.log(`Dry run (nothing written): ${files.length} file(s) are valid; an initial import would write ${nodes} nodes and ${links} links, dataset version ${plan.dataset!.version.slice(0, 12)}.`);
    return 0;
  }

  const dataDir = path.resolve(config.embeddedDataDir);
  // A folder that has never held a database is empty without asking; any other is asked (its Neo4j started once).
  const fresh = !existsSync(path.join(dataDir, 'data', 'databases', config.neo4jDatabase));
  const held = fresh ? 0 : await withDatabase((driver) => countEverything(driver, config.neo4jDatabase), log, { exclusive: EXCLUSIVE });
  if (held > 0) {
    throw new CliError(`The database in ${dataDir} is not empty (${held} nodes): --initial replaces the database's files, so it only loads into an empty one. Use npm run import without --initial to merge into it, or set NEO4J_DATA_DIR to a new folder.`);
  }
  lap('check empty');

  const csvDir = path.join(dataDir, 'import-csv');
  rmSync(csvDir, { recursive: true, force: true });
  try {
    const bulk = await writeBulkCsv(csvDir, plan.createNodes, plan.createLinks);
    lap('write CSV');
    log(`Wrote ${(bulk.bytes / 2 ** 20).toFixed(1)} MB of CSV for Neo4j's offline importer in ${csvDir}.`);
    const imported = await runOfflineImport({
      dataDir, nodes: bulk.nodes, relationships: bulk.relationships, multilineFiles: bulk.multiline, arrayDelimiter: ARRAY_DELIMITER_OPTION,
      heap: config.embeddedHeap, log: process.env.BACKCHANNEL_IMPORT_VERBOSE ? log : undefined,
    }).catch((err: Error) => {
      // The database was empty, so nothing is lost; but Neo4j says its half-written files are not to be trusted.
      throw new CliError(`${err.message}\nThe database in ${dataDir} was empty and may now be unusable: delete that folder (or set NEO4J_DATA_DIR to a new one) before trying again.`);
    });
    lap('offline importer');
    const importerMs = steps.at(-1)![1];
    const finish = await withDatabase(
      (driver) => finishInitialImport(driver, config.neo4jDatabase, plan, bulk, planned.stories, { actor: opts.actor, summary: `initial import (offline) of ${files.map((f) => path.basename(f.file)).join(', ')}`.slice(0, 300) }),
      log, { exclusive: EXCLUSIVE },
    );
    lap('start, schema, record and verify');
    const total = performance.now() - started;
    const report: InitialImportReport = {
      nodes, links, version: finish.version, steps,
      importerLinksPerSecond: Math.round(links / (importerMs / 1000)),
      overallLinksPerSecond: Math.round(links / (total / 1000)),
    };
    opts.onReport?.(report);
    console.log(`Imported (offline): ${nodes} nodes and ${links} links into ${dataDir}; dataset version ${finish.version.slice(0, 12)} (sequence ${finish.sequence}), the same content hash as the files.`);
    console.log(`Neo4j's importer: ${imported.summary.join('; ')}`);
    console.log(`Time by step: ${steps.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ')}; after the importer: schema ${(finish.steps.schema / 1000).toFixed(1)} s, lists and stories ${(finish.steps.fixes / 1000).toFixed(1)} s, record ${(finish.steps.record / 1000).toFixed(1)} s, verify ${(finish.steps.verify / 1000).toFixed(1)} s.`);
    console.log(`${report.importerLinksPerSecond} links/s through the importer; ${report.overallLinksPerSecond} links/s from reading the files to the verified result.`);
    return 0;
  } finally {
    rmSync(csvDir, { recursive: true, force: true });
  }
}
