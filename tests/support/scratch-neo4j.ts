// An extra embedded Neo4j of a test file's own, for tests that write (imports, edits, outages): the shared
// test database must keep the curated dataset for the files running beside them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { schemaStatements } from '../../store/cypher.ts';
import { createDriver } from '../../store/neo4j.ts';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../neo4j/embedded.ts';
import { applySchema } from '../../store/load.ts';
import { prepareDatabase, waitForNeo4j } from '../../store/prepare.ts';

export interface ScratchNeo4j {
  uri: string;
  driver: Driver;
  server: EmbeddedNeo4j;
  /** Starts the same database again (after server.stop()), with a fresh driver. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts an embedded Neo4j on a free port and its own temp folder; `seed` loads the curated dataset. */
export async function startScratchNeo4j(opts: { seed: boolean; name: string; heap?: string }): Promise<ScratchNeo4j> {
  const heap = opts.heap ?? '768m';
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `backchannel-${opts.name}-`));
  const port = await freePort();
  let server = await startEmbeddedNeo4j({ dataDir, port, heap });
  const connect = async () => {
    const driver = createDriver(server.uri, { neo4jUser: server.user, neo4jPassword: server.password });
    await waitForNeo4j(driver, { timeoutMs: 120_000 });
    return driver;
  };
  const scratch: ScratchNeo4j = {
    uri: server.uri,
    driver: await connect(),
    server,
    async restart() {
      await scratch.driver.close().catch(() => {});
      server = await startEmbeddedNeo4j({ dataDir, port, heap });
      scratch.server = server;
      scratch.driver = await connect();
    },
    async stop() {
      await scratch.driver.close().catch(() => {});
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  if (opts.seed) await prepareDatabase(scratch.driver, 'force');
  else await applySchema(scratch.driver, schemaStatements());
  return scratch;
}
