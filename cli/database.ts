// The Neo4j a command-line tool talks to: NEO4J_URI; else the embedded one `npm start` runs, if it answers;
// else an embedded Neo4j started for this command on the configured data folder.
import type { Driver } from 'neo4j-driver';
import { readConfig, type Config } from '../store/config.ts';
import { createDriver } from '../store/neo4j.ts';
import { ensureLauncherBuilt, readEmbeddedPassword, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../neo4j/embedded.ts';
import { waitForNeo4j } from '../store/prepare.ts';

async function answers(driver: Driver, database: string): Promise<boolean> {
  const session = driver.session({ database });
  try {
    await session.run('RETURN 1');
    return true;
  } catch {
    return false;
  } finally {
    await session.close().catch(() => {});
  }
}

export async function withDatabase<T>(work: (driver: Driver, config: Readonly<Config>) => Promise<T>, log: (m: string) => void = () => {}): Promise<T> {
  const config = readConfig();
  let embedded: EmbeddedNeo4j | undefined;
  let driver: Driver;
  if (config.neo4jUri) {
    driver = createDriver(config.neo4jUri, config);
  } else {
    // A running `npm start` has written the embedded database's password beside its files.
    const password = readEmbeddedPassword(config.embeddedDataDir);
    driver = createDriver(`bolt://127.0.0.1:${config.embeddedBoltPort}`, { neo4jUser: 'neo4j', neo4jPassword: password ?? '' });
    if (!password || !(await answers(driver, config.neo4jDatabase))) {
      await driver.close();
      await ensureLauncherBuilt(log);
      embedded = await startEmbeddedNeo4j({ dataDir: config.embeddedDataDir, port: config.embeddedBoltPort, heap: config.embeddedHeap, log });
      driver = createDriver(embedded.uri, { neo4jUser: embedded.user, neo4jPassword: embedded.password });
    }
  }
  try {
    await waitForNeo4j(driver, { log, database: config.neo4jDatabase });
    return await work(driver, config);
  } finally {
    await driver.close();
    await embedded?.stop();
  }
}
