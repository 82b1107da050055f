// Starts the real embedded Neo4j on a free port, talks Bolt to it, and checks stop() leaves no JVM behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../neo4j/embedded.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded Neo4j', () => {
  let dataDir: string;
  let server: EmbeddedNeo4j;
  let driver: Driver;

  // The first run may build the launcher with Maven and download Neo4j, hence the long timeout.
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'backchannel-neo4j-'));
    server = await startEmbeddedNeo4j({ dataDir, heap: '512m', log: (l) => process.stderr.write(`${l}\n`) });
    driver = neo4j.driver(server.uri);
  }, 600_000);

  afterAll(async () => {
    await driver?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('listens on loopback at the port it reports', () => {
    expect(server.uri).toBe(`bolt://127.0.0.1:${server.port}`);
    expect(alive(server.pid)).toBe(true);
  });

  // The first query warms up Cypher in a cold JVM: seconds on a busy 2-core box, hence the timeout.
  it('answers RETURN 1 without credentials', async () => {
    const { records } = await driver.executeQuery('RETURN 1 AS one');
    expect(records[0]?.get('one').toNumber()).toBe(1);
  }, 60_000);

  it('creates and reads a node', async () => {
    await driver.executeQuery('CREATE (:Probe {name: $name})', { name: 'embedded' });
    const { records } = await driver.executeQuery('MATCH (p:Probe) RETURN p.name AS name');
    expect(records.map((r) => r.get('name'))).toEqual(['embedded']);
  }, 60_000);

  it('stops cleanly, idempotently, and the JVM is gone', async () => {
    await driver.close();
    const pid = server.pid;
    await Promise.all([server.stop(), server.stop()]);
    await server.stop();
    expect(alive(pid)).toBe(false);
  }, 60_000);
});
