// Faults injected on purpose: Neo4j stopped under concurrent queries, Neo4j killed in the middle of a dataset load,
// the API process killed with SIGKILL, and the API started while Neo4j is down. Nothing is lost and everything recovers.
// Uses its own embedded Neo4j so that stopping it does not disturb the other test files.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { buildApp } from '../../api/app.ts';
import { readConfig } from '../../store/config.ts';
import { createDriver } from '../../store/neo4j.ts';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../neo4j/embedded.ts';
import { prepareDatabase, readDataset, waitForNeo4j } from '../../store/prepare.ts';
import { loadDataset } from '../../store/load.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const faults = { injected: 0, recovered: 0 };

let server: EmbeddedNeo4j;
let dataDir: string;
let port: number;
let seedVersion: string;
const children: ChildProcess[] = [];

async function withDriver<T>(fn: (driver: Driver) => Promise<T>): Promise<T> {
  const driver = createDriver(server.uri, { neo4jUser: server.user, neo4jPassword: server.password });
  try {
    await waitForNeo4j(driver, { timeoutMs: 60_000 });
    return await fn(driver);
  } finally {
    await driver.close();
  }
}

/** What "the data as it was" means: the stored dataset version and counts, and every dataset node (:Entity) and link counted. */
async function state() {
  return withDriver(async (driver) => {
    const session = driver.session();
    try {
      const meta = (await session.run("MATCH (d:Dataset {id: 'current'}) RETURN d.version AS version, d.counts AS counts")).records[0];
      const nodes = (await session.run('MATCH (n:Entity) RETURN count(n) AS c')).records[0]!.get('c').toNumber();
      const rels = (await session.run('MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS c')).records[0]!.get('c').toNumber();
      return { version: meta?.get('version') as string, counts: meta?.get('counts') as string, nodes, rels };
    } finally {
      await session.close();
    }
  });
}

const restart = async () => {
  server = await startEmbeddedNeo4j({ dataDir, port });
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-faults-'));
  port = await freePort();
  server = await startEmbeddedNeo4j({ dataDir, port });
  seedVersion = await withDriver(async (driver) => (await prepareDatabase(driver, 'force')).dataset.version);
}, 600_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`[faults] ${faults.injected} faults injected, ${faults.recovered} recovered from`);
});

describe('Neo4j stopped while queries are in flight', () => {
  let app: FastifyInstance;
  afterAll(async () => {
    await sleep(200);
    await app?.close();
  });

  it('answers every request 200 or 503 DATABASE_UNAVAILABLE, never another error, then recovers by itself', async () => {
    app = await buildApp(readConfig({ NEO4J_URI: server.uri, NEO4J_PASSWORD: server.password, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0' }), { neo4jUri: server.uri, logger: false });
    const queries = [
      '{ dataset { version } }',
      '{ search(text: "Beilin", limit: 5) { node { id name } } }',
      '{ node(id: "channel/oslo-1992") { id name links { id sentence from { name } to { name } } } }',
      '{ neighbourhood(id: "person/yossi-beilin", depth: 3, limit: 2000) { truncated nodes { id } } }',
      '{ influencePaths(from: "channel/oslo-1992", maxHops: 6, k: 10) { stopReason paths { hopCount nodes { id name } } } }',
      '{ channels { id roles { sentence } } }',
    ];
    const version = (await app.inject({ method: 'POST', url: '/graphql', payload: { query: queries[0] } })).json().data.dataset.version;
    expect(version).toBe(seedVersion);

    // Keep 12 clients busy; stop Neo4j under them; keep them going through the outage.
    const outcomes: { status: number; code?: string; body: string }[] = [];
    let running = true;
    const client = async (i: number) => {
      for (let n = 0; running; n++) {
        const res = await app.inject({ method: 'POST', url: '/graphql', payload: { query: queries[(i + n) % queries.length] } });
        const body = res.json();
        outcomes.push({ status: res.statusCode, code: body.errors?.[0]?.extensions?.code, body: res.body.slice(0, 300) });
        if (res.statusCode !== 200) await sleep(50);
      }
    };
    const clients = Array.from({ length: 12 }, (_, i) => client(i));
    await sleep(1_500);
    faults.injected++;
    await server.stop();
    await sleep(2_000);
    running = false;
    await Promise.all(clients);

    const unavailable = outcomes.filter((o) => o.status === 503);
    expect(outcomes.filter((o) => o.status === 200).length).toBeGreaterThan(0);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const o of outcomes) {
      expect([200, 503], o.body).toContain(o.status);
      if (o.status === 503) expect(o.code, o.body).toBe('DATABASE_UNAVAILABLE');
      expect(o.body).not.toMatch(/stack|neo4j-driver|ServiceUnavailable|Pool is closed|Cypher|INTERNAL/i);
    }
    console.log(`[faults] Neo4j stopped under 12 clients: ${outcomes.length} answers, ${outcomes.length - unavailable.length} 200, ${unavailable.length} 503 DATABASE_UNAVAILABLE`);

    await restart();
    let after = await app.inject({ method: 'POST', url: '/graphql', payload: { query: queries[4] } });
    for (let i = 0; i < 60 && after.statusCode !== 200; i++) {
      await sleep(500);
      after = await app.inject({ method: 'POST', url: '/graphql', payload: { query: queries[4] } });
    }
    expect(after.statusCode).toBe(200);
    const results = await Promise.all(queries.map((query) => app.inject({ method: 'POST', url: '/graphql', payload: { query } })));
    expect(results.map((r) => r.statusCode)).toEqual(queries.map(() => 200));
    expect(results[0]!.json().data.dataset.version).toBe(version);
    faults.recovered++;
  }, 300_000);
});

describe('Neo4j killed in the middle of a dataset load', () => {
  it('leaves the database exactly as it was: the load is one transaction, all or nothing', async () => {
    const before = await state();
    expect(before.version).toBe(seedVersion);
    const dataset = await readDataset();
    // A different dataset, so that a partial write could not pass for the old one.
    const next = { ...dataset, version: 'f'.repeat(64), nodes: dataset.nodes.slice(0, dataset.nodes.length - 5) };
    next.links = dataset.links.filter((l) => next.nodes.some((n) => n.id === l.from) && next.nodes.some((n) => n.id === l.to));
    const driver = createDriver(server.uri, { neo4jUser: server.user, neo4jPassword: server.password });
    let killedAt = 0;
    const load = loadDataset(driver, next, {
      force: true,
      progress: (done) => {
        if (killedAt) return;
        killedAt = done;
        faults.injected++;
        process.kill(server.pid, 'SIGKILL');
      },
    });
    await expect(load).rejects.toThrow();
    await driver.close().catch(() => {});
    expect(killedAt).toBeGreaterThan(0);

    await sleep(500);
    await restart();
    const after = await state();
    expect(after).toEqual(before);
    console.log(`[faults] Neo4j SIGKILLed after ${killedAt} of ${next.nodes.length + next.links.length} rows of a load: still dataset ${after.version.slice(0, 12)}, ${after.nodes} nodes, ${after.rels} relationships`);
    faults.recovered++;
  }, 300_000);
});

/** Runs the real server entry (api/server.ts) as a child; resolves with its URL once it listens. */
function startServer(env: Record<string, string>, onLine: (line: string) => void = () => {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '0', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  const url = new Promise<string>((resolve, reject) => {
    const read = (line: string) => {
      lines.push(line);
      onLine(line);
      const m = /Backchannel is running at (http:\/\/\S+)/.exec(line);
      if (m) resolve(m[1]!);
    };
    createInterface({ input: child.stdout! }).on('line', read);
    createInterface({ input: child.stderr! }).on('line', read);
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${lines.join('\n')}`)));
  });
  url.catch(() => {});
  return { child, url, lines };
}

const post = async (url: string, query: string) => {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: res.status, body: await res.json() };
};

describe('the API process killed and restarted', () => {
  it('loses nothing: after SIGKILL a new process serves the same dataset version and the same answers', async () => {
    const before = await state();
    const first = startServer({ NEO4J_URI: server.uri, NEO4J_PASSWORD: server.password });
    const url = await first.url;
    const query = '{ dataset { version counts { people links } } search(text: "Beilin", limit: 3) { node { id } } }';
    const answer = await post(url, query);
    expect(answer.status).toBe(200);
    // Requests in flight when it dies.
    const inFlight = Array.from({ length: 8 }, () => post(url, '{ influencePaths(from: "channel/oslo-1992", k: 10) { paths { hopCount } } }').catch(() => null));
    faults.injected++;
    first.child.kill('SIGKILL');
    await Promise.all(inFlight);
    await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode !== null ? r(null) : first.child.once('exit', r)));
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = startServer({ NEO4J_URI: server.uri, NEO4J_PASSWORD: server.password });
    const again = await post(await second.url, query);
    expect(again).toEqual(answer);
    expect(again.body.data.dataset.version).toBe(seedVersion);
    expect(await state()).toEqual(before);
    second.child.kill('SIGTERM');
    faults.recovered++;
  }, 300_000);
});

describe('startup while Neo4j is down', () => {
  it('waits and retries with a clear log line instead of crashing, then serves once Neo4j is up', async () => {
    faults.injected++;
    await server.stop();
    const waiting: string[] = [];
    const starting = startServer({ NEO4J_URI: server.uri, NEO4J_PASSWORD: server.password }, (line) => {
      if (/Waiting for Neo4j/.test(line)) waiting.push(line);
    });
    for (let i = 0; i < 100 && waiting.length < 2; i++) await sleep(200);
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(waiting[0]).toMatch(/^\[backchannel\] Waiting for Neo4j \(attempt 1, retrying in \d+\.\d s\): /);
    expect(starting.child.exitCode).toBeNull();

    await restart();
    const url = await starting.url;
    const res = await post(url, '{ dataset { version } }');
    expect(res.status).toBe(200);
    expect(res.body.data.dataset.version).toBe(seedVersion);
    console.log(`[faults] API started with Neo4j down: ${waiting.length} retry lines, e.g. "${waiting[0]}"; served once Neo4j was up`);
    starting.child.kill('SIGTERM');
    faults.recovered++;
  }, 300_000);
});
