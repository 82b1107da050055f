// `npm run test:load`: 60 s of mixed GraphQL queries at 50 connections (autocannon) against a real listening API on
// the seeded test database. Passes when no answer is a 5xx or a GraphQL error, p99 stays under its bound and the memory
// the API still holds after a full garbage collection grows by at most 20 % over the run. Exits non-zero otherwise.
// (Resident memory is logged too, but not bounded: it saws up and down with when the collector last ran, so a bound on
// it fails or passes by timing. CI once failed on RSS +21.7 % with no leak behind it.)
// Settings: NEO4J_URI (else an embedded Neo4j in a temporary folder), LOAD_SECONDS (60), LOAD_CONNECTIONS (50),
// LOAD_P99_MAX_MS (10000: 2 cores run Neo4j, the API and the load), LOAD_WARMUP_SECONDS (30: the heap and the
// driver's connection pool grow to their working size first; growth after that is what a leak would show).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createDriver } from '../../store/neo4j.ts';
import { ensureLauncherBuilt, startEmbeddedNeo4j } from '../../neo4j/embedded.ts';
import { prepareDatabase, waitForNeo4j } from '../../store/prepare.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const num = (key: string, fallback: number) => (process.env[key] ? Number(process.env[key]) : fallback);
const SECONDS = num('LOAD_SECONDS', 60);
const CONNECTIONS = num('LOAD_CONNECTIONS', 50);
const P99_MAX_MS = num('LOAD_P99_MAX_MS', 10_000);
const WARMUP_SECONDS = num('LOAD_WARMUP_SECONDS', 30);
const RETAINED_GROWTH_MAX = 0.2;
const log = (m: string) => console.log(`[load] ${m}`);

/** The mix: what the explorer asks most, with varied arguments. */
const QUERIES: { query: string; variables?: Record<string, unknown> }[] = [
  ...['beilin', 'abu ala', 'peres', 'oslo', 'rabin', 'hirschfeld', 'arafat', 'norway'].map((text) => ({
    query: 'query($t: String!) { search(text: $t, limit: 8) { score matched node { id name kind } } }', variables: { t: text },
  })),
  ...['person/yossi-beilin', 'channel/oslo-1992', 'person/ahmed-qurei', 'government/israel'].map((id) => ({
    query: 'query($id: ID!) { node(id: $id) { id name kind description links { id type sentence when { label } citations { source { id name } } } } }', variables: { id },
  })),
  ...[['person/yossi-beilin', 2], ['channel/oslo-1992', 1], ['person/ahmed-qurei', 2]].map(([id, depth]) => ({
    query: 'query($id: ID!, $d: Int) { neighbourhood(id: $id, depth: $d, limit: 500) { truncated nodes { id name } links { id type from { id } to { id } } } }', variables: { id, d: depth },
  })),
  ...[['channel/oslo-1992', 'government/israel'], ['person/yossi-beilin', null], ['channel/oslo-1992', null]].map(([from, to]) => ({
    query: 'query($f: ID!, $to: ID) { influencePaths(from: $f, to: $to, k: 5) { stopReason explanation paths { rank hopCount arrival evidence hops { sentence } } } }', variables: { f: from, to },
  })),
  { query: '{ dataset { version counts { people channels links } citedShare datedShare } }' },
];

async function acquireNeo4j(): Promise<{ uri: string; user: string; password: string; stop: () => Promise<void> }> {
  if (process.env.NEO4J_URI) {
    log(`using NEO4J_URI=${process.env.NEO4J_URI} (its data is replaced by the seed dataset)`);
    return { uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', stop: async () => {} };
  }
  await ensureLauncherBuilt(log);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-load-neo4j-'));
  const server = await startEmbeddedNeo4j({ dataDir });
  log(`embedded Neo4j at ${server.uri}`);
  return { uri: server.uri, user: server.user, password: server.password, stop: async () => { await server.stop(); rmSync(dataDir, { recursive: true, force: true }); } };
}

function run(url: string, seconds: number, onResponse?: (status: number, body: string) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: 30,
        requests: QUERIES.map(({ query, variables }) => ({
          method: 'POST' as const,
          path: '/graphql',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query, variables }),
          onResponse: onResponse ? (status: number, body: string) => onResponse(status, body) : undefined,
        })),
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    process.once('SIGINT', () => instance.stop());
  });
}

async function main() {
  const neo4j = await acquireNeo4j();
  const driver = createDriver(neo4j.uri, { neo4jUser: neo4j.user, neo4jPassword: neo4j.password });
  const api = { child: undefined as ReturnType<typeof fork> | undefined };
  try {
    await waitForNeo4j(driver, { timeoutMs: 180_000, log });
    const { dataset } = await prepareDatabase(driver, 'force', { log });
    await driver.close();

    api.child = fork(path.join(HERE, 'api-process.ts'), [], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const rss: { rss: number; at: number }[] = [];
    type Retained = { retained?: number; heapUsed?: number; external?: number; retainedError?: string };
    const retainedWaiters: ((m: Retained) => void)[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      api.child!.on('message', (m: { url?: string; rss?: number; at?: number } & Retained) => {
        if (m.url) resolve(m.url);
        if (m.rss) rss.push({ rss: m.rss, at: m.at! });
        if (m.retained || m.retainedError) retainedWaiters.shift()?.(m);
      });
      api.child!.once('exit', (code) => reject(new Error(`the API process exited (${code}) before listening`)));
    });
    log(`API at ${url} on dataset ${dataset.version.slice(0, 12)}; warming up for ${WARMUP_SECONDS} s …`);
    await run(url, WARMUP_SECONDS);
    /** What the API holds after a full collection (heap in use + buffers outside it). */
    const retained = async (): Promise<Retained & { retained: number }> => {
      const answer = await new Promise<Retained>((resolve) => {
        retainedWaiters.push(resolve);
        api.child!.send({ measure: true });
      });
      if (answer.retainedError) throw new Error(answer.retainedError);
      return answer as Retained & { retained: number };
    };
    const retainedBefore = await retained();

    const tally = { graphqlErrors: 0, sample: '' };
    const startedAt = Date.now();
    log(`${SECONDS} s of mixed queries (search, node, neighbourhood, influencePaths, dataset) at ${CONNECTIONS} connections …`);
    const result = await run(url, SECONDS, (status, body) => {
      if (status === 200 && body.includes('"errors"')) {
        tally.graphqlErrors++;
        tally.sample ||= body.slice(0, 300);
      }
    });
    const retainedAfter = await retained();
    const growth = (retainedAfter.retained - retainedBefore.retained) / retainedBefore.retained;
    // RSS saws up and down with garbage collection; it is logged (median of the first and of the last 10 s), not bounded.
    const during = rss.filter((s) => s.at >= startedAt);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const rssStart = median(during.slice(0, 10).map((s) => s.rss));
    const rssEnd = median(during.slice(-10).map((s) => s.rss));
    const rssMax = Math.max(...during.map((s) => s.rss));
    const codes = (result as autocannon.Result & { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
    const count5xx = result['5xx'];
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
    log(`requests: ${result.requests.total} in ${result.duration} s = ${result.requests.average.toFixed(1)} req/s (min ${result.requests.min}, max ${result.requests.max})`);
    log(`latency: p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms (bound: p99 ≤ ${P99_MAX_MS} ms)`);
    log(`status codes: ${JSON.stringify(Object.fromEntries(Object.entries(codes).map(([k, v]) => [k, v.count])))}; 5xx: ${count5xx}; non-2xx: ${result.non2xx}; errors: ${result.errors}; timeouts: ${result.timeouts}; GraphQL errors: ${tally.graphqlErrors}`);
    log(`API RSS every 10 s: ${during.filter((_, i) => i % 10 === 0).map((s) => mb(s.rss)).join(', ')}`);
    log(`API RSS (median of the first and last 10 s): start ${mb(rssStart)}, end ${mb(rssEnd)}, max ${mb(rssMax)} (${during.length} samples; not bounded)`);
    const held = (r: Retained) => `${mb(r.retained!)} (heap ${mb(r.heapUsed!)} + outside it ${mb(r.external!)})`;
    log(`API memory held after a full collection: before the run ${held(retainedBefore)}, after ${held(retainedAfter)} (growth ${(growth * 100).toFixed(1)} %, bound ${RETAINED_GROWTH_MAX * 100} %)`);

    const failures: string[] = [];
    if (count5xx > 0) failures.push(`${count5xx} answers were 5xx`);
    if (result.non2xx > 0) failures.push(`${result.non2xx} answers were not 2xx`);
    if (result.errors > 0 || result.timeouts > 0) failures.push(`${result.errors} connection errors, ${result.timeouts} timeouts`);
    if (tally.graphqlErrors > 0) failures.push(`${tally.graphqlErrors} answers carried GraphQL errors, e.g. ${tally.sample}`);
    if (result.latency.p99 > P99_MAX_MS) failures.push(`p99 ${result.latency.p99} ms is over ${P99_MAX_MS} ms`);
    if (!(growth <= RETAINED_GROWTH_MAX)) failures.push(`the memory held after a full collection grew ${(growth * 100).toFixed(1)} % (over ${RETAINED_GROWTH_MAX * 100} %)`);
    if (result.requests.total < SECONDS * 10) failures.push(`only ${result.requests.total} requests in ${SECONDS} s`);
    if (failures.length > 0) {
      log(`FAILED:\n  - ${failures.join('\n  - ')}`);
      process.exitCode = 1;
    } else {
      log('load held: no 5xx, no errors, p99 and memory within bounds');
    }
  } finally {
    await new Promise((r) => setTimeout(r, 2_000)); // let the requests autocannon left in flight finish
    api.child?.disconnect();
    await new Promise((r) => (api.child && api.child.exitCode === null ? api.child.once('exit', r) : r(null)));
    await driver.close().catch(() => {});
    await neo4j.stop();
  }
}

main().catch((err) => {
  console.error(`[load] failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
