// The Neo4j a command-line tool talks to: NEO4J_URI; else the embedded one `npm start` runs, if it answers;
// else an embedded Neo4j started for this command on the configured data folder. Every way it can fail ends
// in one line that says what to do, never a Java stack trace.
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { readConfig, type Config } from '../store/config.ts';
import { createDriver, inSession } from '../store/neo4j.ts';
import { ensureLauncherBuilt, readEmbeddedPassword, readEmbeddedUri, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../neo4j/embedded.ts';
import { waitForNeo4j } from '../store/prepare.ts';

/** An error whose message is the whole story for the user: the CLIs print it as it is. */
export class CliError extends Error {}

async function answers(driver: Driver, database: string): Promise<'yes' | 'no' | 'refused-password'> {
  try {
    await inSession(driver, database, (session) => session.run('RETURN 1'), { mode: 'READ', rawErrors: true });
    return 'yes';
  } catch (err) {
    return /Unauthorized|authentication/i.test(String((err as Error).message)) || (err as { code?: string }).code === 'Neo.ClientError.Security.Unauthorized' ? 'refused-password' : 'no';
  }
}

/** The launcher's failure in one line: a folder in use gets advice, anything else its first line and the log. */
function launchFailure(err: unknown, dataDir: string): CliError {
  const text = String((err as Error).message ?? err);
  if (/Lock file has been locked|FileLockException|already locked|store_lock/i.test(text)) {
    return new CliError(
      `The database folder ${dataDir} is in use by another Neo4j that does not answer on its Bolt port ` +
        '(an `npm start` that is still starting, or one stopped half-way): wait until `npm start` prints its URL and run this again, or stop that process first.',
    );
  }
  const logs = /Logs: (\S+)/.exec(text)?.[1];
  return new CliError(`could not start the embedded Neo4j on ${dataDir}: ${text.split('\n')[0].replace(/\. Logs: \S+$/, '')}${logs ? ` (details in ${logs})` : ''}`);
}

/**
 * `exclusive`: the command needs the database's files to itself (the offline importer replaces them), so a running
 * `npm start` is not used but refused, with what to do.
 */
export async function withDatabase<T>(work: (driver: Driver, config: Readonly<Config>) => Promise<T>, log: (m: string) => void = () => {}, opts: { exclusive?: string } = {}): Promise<T> {
  const config = readConfig();
  let embedded: EmbeddedNeo4j | undefined;
  let driver: Driver;
  if (config.neo4jUri) {
    driver = createDriver(config.neo4jUri, config);
    log(`Using the Neo4j at ${config.neo4jUri} (NEO4J_URI).`);
  } else {
    const dataDir = path.resolve(config.embeddedDataDir);
    // A running `npm start` has written the embedded database's password and Bolt address beside its files.
    const password = readEmbeddedPassword(dataDir);
    const uri = readEmbeddedUri(dataDir) ?? `bolt://127.0.0.1:${config.embeddedBoltPort}`;
    driver = createDriver(uri, { neo4jUser: 'neo4j', neo4jPassword: password ?? '' });
    const state = password ? await answers(driver, config.neo4jDatabase) : 'no';
    if (state === 'yes' && opts.exclusive) {
      await driver.close();
      throw new CliError(`\`npm start\` is running on ${dataDir} (at ${uri}); ${opts.exclusive} Stop it (Ctrl-C in its terminal), run this again, then start it again.`);
    }
    if (state === 'yes') {
      log(`Using the Neo4j that \`npm start\` runs at ${uri} (data in ${dataDir}).`);
    } else {
      await driver.close();
      if (state === 'refused-password') {
        throw new CliError(`The Neo4j at ${uri} refused the password in ${path.join(dataDir, 'neo4j-password')}: it is not the database of this folder. Set NEO4J_DATA_DIR to the folder that \`npm start\` uses, or NEO4J_URI and NEO4J_PASSWORD for another Neo4j.`);
      }
      log(`No running Neo4j for ${dataDir}; starting one for this command (it stops when the command ends).`);
      try {
        await ensureLauncherBuilt(log);
        embedded = await startEmbeddedNeo4j({ dataDir, port: config.embeddedBoltPort, heap: config.embeddedHeap, log: () => {} });
      } catch (err) {
        throw launchFailure(err, dataDir);
      }
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
