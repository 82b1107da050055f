// GraphiQL opens with saved examples for each kind of user, and every example runs cleanly on the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, gql } from '../support/app.ts';
import { EXAMPLES } from '../../api/examples.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ GRAPHIQL: 'true' });
});
afterAll(async () => {
  await app?.close();
});

describe('GraphiQL', () => {
  it('serves the IDE page and the saved examples', async () => {
    const page = await app.inject({ url: '/graphiql' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/graphiql/main.js');
    // Offline and under a same-origin policy: every script and style comes from this server.
    expect(page.body).not.toMatch(/https?:\/\//);
    expect(page.headers['content-security-policy']).not.toMatch(/https?:/);
    for (const src of page.body.matchAll(/(?:src|href)="(\/graphiql\/vendor\/[^"]+)"/g)) {
      const asset = await app.inject({ url: src[1] });
      expect(asset.statusCode, src[1]).toBe(200);
      expect(asset.body.length, src[1]).toBeGreaterThan(10_000);
    }
    expect([...page.body.matchAll(/\/graphiql\/vendor\//g)]).toHaveLength(4);
    const examples = await app.inject({ url: '/graphiql/examples.json' });
    expect(examples.json().map((e: { title: string }) => e.title)).toEqual(EXAMPLES.map((e) => e.title));
  });

  for (const example of EXAMPLES) {
    it(`example "${example.title}" runs without errors and returns data`, async () => {
      const { status, body } = await gql(app, example.query, example.variables ?? {});
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(status).toBe(200);
      expect(JSON.stringify(body.data).length).toBeGreaterThan(50);
    });
  }

  it('is absent when GRAPHIQL=false', async () => {
    const closed = await buildTestApp({ GRAPHIQL: 'false' });
    try {
      expect((await closed.inject({ url: '/graphiql', headers: { accept: 'application/json' } })).statusCode).toBe(404);
    } finally {
      await closed.close();
    }
  });
});
