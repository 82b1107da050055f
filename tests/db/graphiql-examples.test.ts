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
    // The web build's GraphiQL entry: one module script and one stylesheet, hashed, from this server's /assets/.
    expect(page.body).toMatch(/<script type="module" crossorigin src="\/assets\/graphiql-[\w-]+\.js"><\/script>/);
    // Offline and under a same-origin policy: every script and style comes from this server.
    expect(page.body).not.toMatch(/https?:\/\//);
    expect(page.headers['content-security-policy']).not.toMatch(/https?:/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
    // Everything the page refers to, but the loading line's link to the examples.
    const assets = [...page.body.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!).filter((a) => a !== '/graphiql/examples.json');
    expect(assets.filter((a) => /\.js$/.test(a)).length).toBeGreaterThan(1);
    expect(assets.filter((a) => /\.css$/.test(a))).toHaveLength(1);
    for (const src of assets) {
      expect(src, src).toMatch(/^\/assets\//);
      const asset = await app.inject({ url: src });
      expect(asset.statusCode, src).toBe(200);
      expect(asset.body.length, src).toBeGreaterThan(100);
    }
    const entry = await app.inject({ url: assets[0]! });
    expect(entry.body.length).toBeGreaterThan(100_000);
    expect(entry.body).toContain('graphiql-container');
    // The page is served at /graphiql only, with its policy, never as a plain static file.
    expect((await app.inject({ url: '/graphiql.html', headers: { accept: 'application/json' } })).statusCode).toBe(404);
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
