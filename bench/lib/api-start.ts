// Issue 20's cold start as a user meets it: a fresh Node process (as `npm start` runs the API: tsx, NODE_ENV
// production) builds the app on a loaded Neo4j and answers one influencePaths; the time is from the process's own
// start (performance.now() counts from it), so module loading counts too. Run by bench/lib/cold-start.ts.
// Input: one JSON argument {uri, password, cacheDir, from, to}. Prints one JSON line {ms, source}.
import { buildApp } from '../../api/app.ts';
import { readConfig } from '../../store/config.ts';
import * as Q from './queries.ts';

const input = JSON.parse(process.argv[2]) as { uri: string; password: string; cacheDir: string; from: string; to: string };
const config = readConfig({ NEO4J_URI: input.uri, NEO4J_PASSWORD: input.password, LOG_LEVEL: 'silent', QUERY_TIMEOUT_MS: '120000', RATE_LIMIT_MAX: '1000000', SNAPSHOT_CACHE_DIR: input.cacheDir });
const app = await buildApp(config, { neo4jUri: input.uri, logger: false, serveWeb: false });
const variables = { from: input.from, to: input.to, time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 5 };
const res = await app.inject({ method: 'POST', url: '/graphql', payload: { query: Q.INFLUENCE_PATHS, variables } });
const ms = performance.now();
const body = res.json() as { errors?: { message: string }[] };
await app.close();
if (body.errors) throw new Error(`influencePaths failed: ${body.errors[0].message}`);
console.log(JSON.stringify({ ms, source: app.snapshots.lastFullBuild?.source ?? null }));
