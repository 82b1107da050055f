// Time limits that reach the work itself: Neo4j's transaction timeout (QUERY_TIMEOUT_MS) and the path engine's budget
// (PATH_BUDGET_MS). Each is forced with a tiny app whose limit no real query can meet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.ts';
import { toAppError } from '../../store/errors.ts';
import type { Snapshot } from '../../store/snapshot.ts';
import { buildGraph, type GraphLink, type GraphNode } from '../../engine/graph.ts';
import { gql, testConfig } from '../support/app.ts';

const apps: FastifyInstance[] = [];
/** Config objects are plain data: a test may set a limit below what readConfig would accept. */
async function appWith(overrides: { queryTimeoutMs?: number; pathBudgetMs?: number }) {
  const config = { ...testConfig({ RATE_LIMIT_MAX: '0' }), ...overrides };
  const app = await buildApp(config, { neo4jUri: config.neo4jUri!, logger: false });
  apps.push(app);
  return app;
}
let normal: FastifyInstance;
beforeAll(async () => {
  normal = await appWith({});
});
afterAll(async () => {
  await new Promise((r) => setTimeout(r, 200)); // let lookups a response did not need finish before the drivers close
  for (const app of apps) await app.close();
});

describe('the query timeout', () => {
  it('is enforced by Neo4j itself: a slow transaction is ended and becomes LIMIT_EXCEEDED', async () => {
    const session = normal.db.driver.session({ database: normal.db.database });
    const started = performance.now();
    let caught: unknown;
    try {
      await session.executeRead((tx) => tx.run('UNWIND range(1, 200000000) AS x RETURN sum(x * x) AS s'), { timeout: 50 });
    } catch (err) {
      caught = err;
    } finally {
      await session.close();
    }
    expect((caught as { code?: string }).code).toMatch(/^Neo\.ClientError\.Transaction\.TransactionTimedOut/);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(toAppError(caught).extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'queryTimeoutMs' });
  });

  it('reaches Neo4j from the API: a slow statement in the API\'s own transaction is ended at QUERY_TIMEOUT_MS, LIMIT_EXCEEDED', async () => {
    const app = await appWith({ queryTimeoutMs: 100 });
    // The test-only slowness: every read transaction of this app first runs a statement that takes seconds.
    const driver = app.db.driver;
    const openSession = driver.session.bind(driver);
    let slowRuns = 0;
    driver.session = ((cfg?: Parameters<typeof driver.session>[0]) => {
      const session = openSession(cfg);
      const executeRead = session.executeRead.bind(session);
      session.executeRead = ((work: (tx: unknown) => Promise<unknown>, txConfig?: { timeout?: number }) =>
        executeRead(async (tx) => {
          slowRuns++;
          await tx.run('UNWIND range(1, 200000000) AS x RETURN sum(x * x) AS s');
          return work(tx);
        }, txConfig)) as typeof session.executeRead;
      return session;
    }) as typeof driver.session;
    const started = performance.now();
    const { status, body } = await gql(app, '{ neighbourhood(id: "person/yossi-beilin", depth: 2) { truncated } }');
    expect(slowRuns).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(body.errors![0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'queryTimeoutMs' });
    expect(body.errors![0].message).toContain('took longer than the time limit');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).not.toMatch(/Neo\.|TransactionTimedOut|UNWIND|stack/);
    // The same query on an app without the slow statement answers.
    const fine = await gql(normal, '{ neighbourhood(id: "person/yossi-beilin", depth: 2) { truncated nodes { id } } }');
    expect(fine.body.errors).toBeUndefined();
    expect(fine.body.data.neighbourhood.nodes.length).toBeGreaterThan(10);
  });
});

describe('the path engine budget', () => {
  it('reaches the client as stopReason BUDGET with an explanation, when the budget is spent', async () => {
    // The seed graph is too small to outlast any budget, so this app's engine gets a graph of 20 000 briefers of one
    // leader (the engine checks its clock every 16 384 steps) and a budget that is already spent.
    const app = await appWith({ pathBudgetMs: 0 });
    const target = 'person/ahmed-qurei';
    const nodes: GraphNode[] = [{ id: 'person/yossi-beilin', kind: 'Person', name: 'Yossi Beilin' }, { id: target, kind: 'Person', name: 'Ahmed Qurei' }];
    const links: GraphLink[] = [];
    for (let i = 0; i < 20_000; i++) {
      nodes.push({ id: `person/briefer-${i}`, kind: 'Person', name: `Briefer ${i}` });
      links.push({ id: `link/briefed-${i}`, type: 'BRIEFED', from: `person/briefer-${i}`, to: target, confidence: 'high', citations: [] });
    }
    const snapshot: Snapshot = { version: 'synthetic', graph: buildGraph(nodes, links), nodes: new Map(nodes.map((n) => [n.id, n])), links, elementIds: [], sessions: [], participants: new Map(), channelsOf: new Map(), builtMs: 0 };
    app.snapshots.current = async () => snapshot;
    const { status, body } = await gql(app, `{ influencePaths(from: "person/yossi-beilin", to: "${target}", time: IGNORE) { stopReason explanation paths { hopCount } } }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.influencePaths).toMatchObject({ stopReason: 'BUDGET', paths: [] });
    expect(body.data.influencePaths.explanation).toContain('the time budget for one query ran out');
    // The real graph under the normal budget finishes well inside it.
    const fine = await gql(normal, '{ influencePaths(from: "channel/oslo-1992", maxHops: 8, k: 25, time: WITHIN_WINDOW) { stopReason paths { hopCount } } }');
    expect(fine.body.data.influencePaths.stopReason).not.toBe('BUDGET');
  });
});
