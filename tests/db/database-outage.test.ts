// When Neo4j goes away the API answers 503 DATABASE_UNAVAILABLE, and recovers by itself when it returns.
// Uses its own embedded Neo4j so that stopping it does not disturb the other test files.
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
let port: number;

const query = () => app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ dataset { version } search(text: "Beilin", limit: 1) { node { id } } }' } });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-outage-'));
  port = await freePort();
  server = await startEmbeddedNeo4j({ dataDir, port });
  const driver = createDriver(server.uri, { neo4jUser: server.user, neo4jPassword: server.password });
  await waitForNeo4j(driver);
  await prepareDatabase(driver, 'force');
  await driver.close();
  app = await buildApp(readConfig({ NEO4J_URI: server.uri, NEO4J_PASSWORD: server.password, LOG_LEVEL: 'silent' }), { neo4jUri: server.uri, logger: false });
});

afterAll(async () => {
  await app?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a database outage', () => {
  it('answers, then 503 while Neo4j is down, then answers again once it is back', async () => {
    const before = await query();
    expect(before.statusCode).toBe(200);
    const version = before.json().data.dataset.version;

    await server.stop();
    const during = await query();
    expect(during.statusCode).toBe(503);
    const body = during.json();
    expect(body.errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
    expect(body.errors[0].message).toContain('not reachable');
    expect(JSON.stringify(body)).not.toMatch(/stack|neo4j-driver|ServiceUnavailable|Cypher/i);
    const health = await app.inject({ url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ neo4j: 'down', code: 'DATABASE_UNAVAILABLE' });

    server = await startEmbeddedNeo4j({ dataDir, port });
    let after = await query();
    for (let i = 0; i < 40 && after.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 500));
      after = await query();
    }
    expect(after.statusCode).toBe(200);
    expect(after.json().data.dataset.version).toBe(version);
  }, 240_000);
});
