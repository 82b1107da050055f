// `npm start`: Neo4j (embedded unless NEO4J_URI is set), schema, seed when empty, web build, then the API.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../store/config.ts';
import { buildApp } from './app.ts';
import { ensureWebBuilt } from './web-build.ts';
import { createDriver } from '../store/neo4j.ts';
import { ensureLauncherBuilt, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../neo4j/embedded.ts';
import { prepareDatabase, waitForNeo4j } from '../store/prepare.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (m: string) => console.log(`[backchannel] ${m}`);

async function main() {
  if (existsSync(path.join(ROOT, '.env'))) process.loadEnvFile(path.join(ROOT, '.env'));
  const config = readConfig();
  let embedded: EmbeddedNeo4j | undefined;
  let stopping = false;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping …`);
    await app?.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (!config.neo4jUri) {
    log('Preparing the embedded Neo4j (first run builds it with Maven) …');
    await ensureLauncherBuilt(log);
    embedded = await startEmbeddedNeo4j({
      dataDir: path.resolve(ROOT, config.embeddedDataDir),
      port: config.embeddedBoltPort,
      heap: config.embeddedHeap,
      browser: config.embeddedBrowser,
      browserPort: config.embeddedBrowserPort,
      supervise: true,
      log: (m) => log(`neo4j: ${m}`),
    });
    log(`Neo4j is up at ${embedded.uri}`);
    if (embedded.browserUrl) {
      log(`Neo4j Browser: ${embedded.browserUrl} (user neo4j, the password in ${path.join(embedded.dataDir, 'neo4j-password')}); Bolt over WebSocket is on while NEO4J_BROWSER=1`);
    }
  }
  const uri = config.neo4jUri ?? embedded!.uri;
  // The embedded database has its own password, made at its first start; NEO4J_PASSWORD is for NEO4J_URI.
  const dbConfig = embedded ? { ...config, neo4jUser: embedded.user, neo4jPassword: embedded.password } : config;
  const driver = createDriver(uri, dbConfig);
  try {
    await waitForNeo4j(driver, { log, database: config.neo4jDatabase, timeoutMs: 300_000 });
    await prepareDatabase(driver, 'if-empty', { log, database: config.neo4jDatabase });
  } finally {
    await driver.close();
  }
  await ensureWebBuilt();
  if (stopping) return;
  app = await buildApp(dbConfig, { neo4jUri: uri, ...(embedded && { supervision: () => embedded!.supervision() }) });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  console.log(`\n  Backchannel is running at ${url}\n  GraphQL: ${url}/graphql   GraphiQL: ${url}/graphiql   Health: ${url}/health\n  Press Ctrl-C to stop.\n`);
}

main().catch((err) => {
  console.error(`[backchannel] npm start failed: ${(err as Error).message}`);
  process.exit(1);
});
