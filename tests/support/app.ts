// A real API on the real test Neo4j, for app.inject tests and browser tests.
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.ts';
import { readConfig } from '../../store/config.ts';

export function testConfig(overrides: Record<string, string> = {}) {
  return readConfig({
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: inject('neo4jUser'),
    NEO4J_PASSWORD: inject('neo4jPassword'),
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export async function buildTestApp(overrides: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = testConfig(overrides);
  return buildApp(config, { neo4jUri: config.neo4jUri!, logger: false });
}

/** The app listening on a free loopback port, serving web/dist: for HTTP clients and browsers. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<{ url: string; app: FastifyInstance; close(): Promise<void> }> {
  const app = await buildTestApp(overrides);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

/** Runs a GraphQL operation through app.inject and returns status and body. */
export async function gql(app: FastifyInstance, query: string, variables: Record<string, unknown> = {}) {
  const res = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } });
  return { status: res.statusCode, body: res.json() as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}
