// The Neo4j driver as a Fastify plugin: one driver per app, closed on shutdown, queries by file name.
import fp from 'fastify-plugin';
import neo4j, { type Driver, type Session } from 'neo4j-driver';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { loadQueries, type QueryName } from './cypher.ts';
import { recordToObject, type Plain } from './records.ts';
import { databaseUnavailable, isUnavailable } from './errors.ts';

export type Row = Record<string, Plain>;

export interface Db {
  driver: Driver;
  database: string;
  /** Runs a named read query (cypher/<name>.cypher) with parameters; rows as plain objects. */
  read(name: QueryName, params?: Record<string, unknown>, opts?: { timeoutMs?: number }): Promise<Row[]>;
  /** Runs a named write query in its own transaction. */
  write(name: QueryName, params?: Record<string, unknown>): Promise<Row[]>;
  /** True when a trivial query succeeds. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export function createDriver(uri: string, config: Pick<Config, 'neo4jUser' | 'neo4jPassword'>): Driver {
  const auth = config.neo4jPassword ? neo4j.auth.basic(config.neo4jUser, config.neo4jPassword) : undefined;
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: false,
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 3_000,
    logging: { level: 'error', logger: () => {} },
  });
}

/**
 * The one way into Neo4j: a session on the database for `work`, always closed afterwards, and a driver error that
 * means the database cannot be reached turned into DATABASE_UNAVAILABLE (store/errors.ts). Every module that talks
 * to Neo4j (the API's Db below, loading, applying changes, stories, exports, the CLIs) comes through here.
 * `rawErrors` keeps the driver's own error, for the one caller that reports it while it waits (waitForNeo4j).
 */
export async function inSession<T>(
  driver: Driver, database: string, work: (session: Session) => Promise<T>,
  opts: { mode?: 'READ' | 'WRITE'; rawErrors?: boolean } = {},
): Promise<T> {
  const session = driver.session({ database, defaultAccessMode: opts.mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
  try {
    return await work(session);
  } catch (err) {
    if (!opts.rawErrors && isUnavailable(err)) throw databaseUnavailable();
    throw err;
  } finally {
    await session.close().catch(() => {});
  }
}

export function createDb(driver: Driver, database: string, queryTimeoutMs: number): Db {
  const queries = loadQueries();
  const run = (name: QueryName, params: Record<string, unknown>, mode: 'READ' | 'WRITE', timeoutMs = queryTimeoutMs) =>
    inSession(driver, database, (session) => {
      const work = async (tx: { run: (q: string, p: Record<string, unknown>) => Promise<{ records: import('neo4j-driver').Record[] }> }) =>
        (await tx.run(queries[name], params)).records.map(recordToObject);
      const txConfig = { timeout: timeoutMs };
      return mode === 'READ' ? session.executeRead(work, txConfig) : session.executeWrite(work, txConfig);
    }, { mode });
  return {
    driver,
    database,
    read: (name, params = {}, opts = {}) => run(name, params, 'READ', opts.timeoutMs),
    write: (name, params = {}) => run(name, params, 'WRITE'),
    async ping() {
      try {
        await inSession(driver, database, (session) => session.run('RETURN 1'), { mode: 'READ' });
        return true;
      } catch {
        return false;
      }
    },
    close: () => driver.close(),
  };
}

export const neo4jPlugin = fp(
  async (app: FastifyInstance, opts: { uri: string; config: Config }) => {
    const driver = createDriver(opts.uri, opts.config);
    app.decorate('db', createDb(driver, opts.config.neo4jDatabase, opts.config.queryTimeoutMs));
    app.addHook('onClose', async () => {
      await driver.close();
    });
  },
  { name: 'neo4j' },
);
