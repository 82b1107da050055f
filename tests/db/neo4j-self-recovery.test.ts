// `npm start` supervises its embedded Neo4j: when the JVM dies (kill -9), it is started again on the same
// folder, port and password, /health says what is being done, and the API answers again with nobody's help.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.ts';
import { readConfig } from '../../store/config.ts';
import { createDriver } from '../../store/neo4j.ts';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../neo4j/embedded.ts';
import { prepareDatabase, waitForNeo4j } from '../../store/prepare.ts';

let server: EmbeddedNeo4j;
let app: FastifyInstance;
let dataDir: string;
const logLines: string[] = [];
const keep = (line: string) => {
  logLines.push(line);
  if (!line.startsWith('neo4j: \tat')) console.log(`[recovery] ${line}`);
};

const query = () => app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ dataset { version } search(text: "Beilin", limit: 1) { node { id } } }' } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-recovery-'));
  server = await startEmbeddedNeo4j({ dataDir, port: await freePort(), heap: '768m', supervise: true, log: keep });
  const driver = createDriver(server.uri, { neo4jUser: server.user, neo4jPassword: server.password });
  await waitForNeo4j(driver);
  await prepareDatabase(driver, 'force');
  await driver.close();
  app = await buildApp(readConfig({ NEO4J_URI: server.uri, NEO4J_PASSWORD: server.password, LOG_LEVEL: 'silent' }), {
    neo4jUri: server.uri,
    logger: false,
    supervision: () => server.supervision(),
  });
}, 300_000);

afterAll(async () => {
  await app?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded Neo4j killed with SIGKILL', () => {
  it('is restarted by itself on the same port and password, /health says so meanwhile, and the API answers again', async () => {
    const before = await query();
    expect(before.statusCode).toBe(200);
    const version = before.json().data.dataset.version;
    const firstPid = server.pid;

    process.kill(firstPid, 'SIGKILL');
    // While the JVM is down, /health names what the supervisor is doing (once Node has seen the JVM exit).
    let health = await app.inject({ url: '/health' });
    for (let i = 0; i < 100 && health.json().supervisor?.state !== 'restarting'; i++) {
      await sleep(100);
      health = await app.inject({ url: '/health' });
    }
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({
      neo4j: 'down',
      code: 'DATABASE_UNAVAILABLE',
      supervisor: { state: 'restarting', attempt: 1, restarts: 0, lastExit: 'killed by SIGKILL' },
    });
    expect(health.json().message).toMatch(/^The embedded Neo4j stopped \(killed by SIGKILL\); restarting it: attempt 1, (next try in \d+ s|starting now)\.$/);

    let after = await query();
    for (let i = 0; i < 240 && after.statusCode !== 200; i++) {
      await sleep(500);
      after = await query();
    }
    expect(after.statusCode).toBe(200);
    expect(after.json().data.dataset.version).toBe(version);
    expect(server.pid).not.toBe(firstPid);
    const healthy = await app.inject({ url: '/health' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json().supervisor).toEqual({ state: 'running', restarts: 1, lastExit: 'killed by SIGKILL' });
    expect(logLines).toContain(`neo4j (pid ${firstPid}) died on its own (killed by SIGKILL); restarting it on ${server.dataDir}, port ${server.port}`);
    expect(logLines).toContain('restart attempt 1 in 1 s');
    expect(logLines).toContain(`neo4j is back after restart attempt 1 (pid ${server.pid})`);
  }, 300_000);

  it('is not restarted after stop(): the supervisor says stopped', async () => {
    const pid = server.pid;
    await server.stop();
    expect(server.supervision().state).toBe('stopped');
    await sleep(1_500); // longer than the first backoff: a restart would have begun
    expect(server.pid).toBe(pid);
    expect(logLines.filter((l) => l.startsWith('restart attempt'))).toEqual(['restart attempt 1 in 1 s']);
  }, 60_000);
});
