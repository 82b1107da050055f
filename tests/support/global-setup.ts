// Prepares one real Neo4j for the whole run: NEO4J_URI if set, else a testcontainer when Docker answers,
// else the embedded launcher. Resets it to the curated dataset so every run starts from a known state.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDriver } from '../../store/neo4j.ts';
import { ensureWebBuilt } from '../../api/web-build.ts';
import { ensureLauncherBuilt, startEmbeddedNeo4j } from '../../neo4j/embedded.ts';
import { prepareDatabase, waitForNeo4j } from '../../store/prepare.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
    neo4jSource: string;
    datasetVersion: string;
  }
}

interface Acquired { uri: string; user: string; password: string; source: string; stop: () => Promise<void> }

async function dockerAnswers(): Promise<boolean> {
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([getContainerRuntimeClient(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 10_000))]);
    return true;
  } catch {
    return false;
  }
}

async function acquireNeo4j(): Promise<Acquired> {
  const log = (m: string) => console.log(`[test neo4j] ${m}`);
  if (process.env.NEO4J_URI) {
    log(`Using NEO4J_URI=${process.env.NEO4J_URI} (its data will be replaced by the test dataset)`);
    return { uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', source: 'NEO4J_URI', stop: async () => {} };
  }
  if (await dockerAnswers()) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    log('Starting neo4j:2026.08-community in Docker (testcontainers) …');
    const container = await new Neo4jContainer('neo4j:2026.08-community').withPassword('backchannel-test').start();
    return { uri: container.getBoltUri(), user: 'neo4j', password: 'backchannel-test', source: 'testcontainers', stop: async () => void (await container.stop()) };
  }
  log('No NEO4J_URI and no Docker engine: starting the embedded Neo4j launcher …');
  try {
    await ensureLauncherBuilt(log);
  } catch (err) {
    throw new Error(`No Neo4j for the tests. Set NEO4J_URI to a scratch database, start Docker, or install a JDK 21+ and Maven for the embedded launcher.\n${(err as Error).message}`);
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-test-neo4j-'));
  const server = await startEmbeddedNeo4j({ dataDir, log });
  return {
    uri: server.uri, user: server.user, password: server.password, source: 'embedded',
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  // The unit tier needs neither a database nor a JDK: a run of that tier alone starts nothing.
  if (project.vitest.projects.every((p) => p.name === 'unit')) return;
  const started = performance.now();
  const neo4j = await acquireNeo4j();
  const driver = createDriver(neo4j.uri, { neo4jUser: neo4j.user, neo4jPassword: neo4j.password });
  try {
    await waitForNeo4j(driver, { timeoutMs: 180_000 });
    const { dataset } = await prepareDatabase(driver, 'force');
    project.provide('datasetVersion', dataset.version);
  } catch (err) {
    await driver.close();
    await neo4j.stop();
    throw err;
  }
  await driver.close();
  await ensureWebBuilt();
  project.provide('neo4jUri', neo4j.uri);
  project.provide('neo4jUser', neo4j.user);
  project.provide('neo4jPassword', neo4j.password);
  project.provide('neo4jSource', neo4j.source);
  console.log(`[test neo4j] ${neo4j.source} Neo4j ready at ${neo4j.uri} with the seed dataset (${Math.round(performance.now() - started)} ms)`);
  return async () => {
    await neo4j.stop();
  };
}
