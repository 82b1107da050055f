// HTTP hardening on the real app: security headers, the CORS allow-list, rate limits with a clear 429, request ids in
// responses and logs, logs without tokens or client addresses, production switches, and the settings that drive them.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.ts';
import { ConfigError, readConfig } from '../../store/config.ts';
import { buildTestApp, gql, testConfig } from '../support/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ CORS_ORIGINS: 'https://research.example.org,http://localhost:5173' });
});
afterAll(async () => {
  await app?.close();
});

const post = (target: FastifyInstance, query: string, headers: Record<string, string> = {}) =>
  target.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ query }) });

describe('security headers (helmet)', () => {
  it('sends a content security policy and the usual protections on the API and the web UI', async () => {
    for (const res of [await post(app, '{ dataset { version } }'), await app.inject({ url: '/', headers: { accept: 'text/html' } })]) {
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("object-src 'none'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('adds HSTS and upgrade-insecure-requests only when configured for production', async () => {
    const local = await post(app, '{ dataset { version } }');
    expect(local.headers['strict-transport-security']).toBeUndefined();
    expect(local.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const prod = await buildTestApp({ DEPLOYMENT: 'production' });
    try {
      const res = await post(prod, '{ dataset { version } }');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(res.headers['content-security-policy']).not.toContain('unpkg.com');
    } finally {
      await prod.close();
    }
  });
});

describe('CORS allow-list', () => {
  it('answers a preflight from an allowed origin, naming it', async () => {
    const res = await app.inject({ method: 'OPTIONS', url: '/graphql', headers: { origin: 'https://research.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://research.example.org');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    const simple = await post(app, '{ dataset { version } }', { origin: 'http://localhost:5173' });
    expect(simple.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(simple.headers['access-control-expose-headers']).toContain('x-request-id');
  });

  it('gives no CORS grant to an origin that is not on the list, nor to any origin by default', async () => {
    const evil = await app.inject({ method: 'OPTIONS', url: '/graphql', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const evilPost = await post(app, '{ dataset { version } }', { origin: 'https://evil.example' });
    expect(evilPost.headers['access-control-allow-origin']).toBeUndefined();
    const plain = await buildTestApp();
    try {
      const res = await post(plain, '{ dataset { version } }', { origin: 'https://research.example.org' });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED with a clear message and Retry-After once a client is over its limit, per client', async () => {
    const limited = await buildTestApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(limited, '{ dataset { version } }')).statusCode);
      expect(statuses).toEqual([200, 200, 200]);
      const over = await post(limited, '{ dataset { version } }');
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      const body = over.json();
      expect(body.code).toBe('RATE_LIMITED');
      expect(body.message).toMatch(/^Too many requests from this client: wait \d+ s, then try again\.$/);
      expect(body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
      // Another client (address) still gets through.
      const other = await limited.inject({ method: 'POST', url: '/graphql', remoteAddress: '192.0.2.7', payload: { query: '{ dataset { version } }' } });
      expect(other.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('request ids and logs', () => {
  it('echoes a request id on every response, keeps a plain one given by the caller and replaces a forged one', async () => {
    const fresh = await post(app, '{ dataset { version } }');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await post(app, '{ dataset { version } }', { 'x-request-id': 'trace-42.abc' });
    expect(given.headers['x-request-id']).toBe('trace-42.abc');
    const forged = await post(app, '{ dataset { version } }', { 'x-request-id': 'x\n{"level":60,"msg":"forged"}' });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{broken' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs structured lines with the request id, and never a token, a cookie, a client address or a query string', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
    const config = testConfig({ LOG_LEVEL: 'info' });
    const logged = await buildApp(config, { neo4jUri: config.neo4jUri!, logger: { stream } });
    try {
      const secret = 'bc_live_7f3a9e0c2d1b4a5968776655443322110';
      await logged.inject({
        method: 'POST', url: '/graphql?token=' + secret, remoteAddress: '203.0.113.9',
        headers: { authorization: `Bearer ${secret}`, cookie: `session=${secret}`, 'x-request-id': 'log-check-1' },
        payload: { query: '{ node(id: "person/nobody-at-all") { id } }', variables: { token: secret } },
      });
      await logged.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, payload: '{broken' });
      logged.log.info({ req: { headers: { authorization: `Bearer ${secret}`, cookie: secret } }, token: secret, user: { password: secret } }, 'a careless log line');
      const text = lines.join('\n');
      expect(lines.length).toBeGreaterThanOrEqual(4);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      expect(text).not.toContain(secret);
      expect(text).not.toContain('203.0.113.9');
      expect(text).toContain('[redacted]');
      const request = lines.map((l) => JSON.parse(l)).find((l) => l.req?.id === 'log-check-1' || l.reqId === 'log-check-1');
      expect(request).toBeDefined();
      expect(request.req?.path ?? '/graphql').toBe('/graphql');
    } finally {
      await logged.close();
    }
  });
});

describe('GraphQL limits and production switches', () => {
  it('lets every query of the web explorer through the limits', async () => {
    const api = await import('../../web/api.ts');
    const realFetch = globalThis.fetch;
    const seen: { query: string; codes: string[] }[] = [];
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      const res = await app.inject({ method: 'POST', url, headers: init.headers as Record<string, string>, payload: init.body as string });
      seen.push({ query: JSON.parse(init.body as string).query, codes: (res.json().errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code) });
      return new Response(res.body, { status: res.statusCode, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    try {
      const ids = (await gql(app, '{ channels { id } governments { id } }')).body.data;
      const calls = [
        () => api.dataset(),
        () => api.search('beilin', null),
        () => api.neighbourhood('person/yossi-beilin' as never, 3 as never),
        () => api.influencePaths({ from: 'channel/oslo-1992', to: 'government/israel' } as never),
        () => api.node('channel/oslo-1992'),
        () => api.node('person/yossi-beilin'),
        () => api.names([...ids.channels, ...ids.governments].map((n: { id: string }) => n.id)), // a permalink: one alias per id
        () => api.whoMetWhom('person/yossi-beilin', 'person/ahmed-qurei', null),
      ];
      // Only the limits are under test here: a resolver's own answer (e.g. one not built yet) does not matter.
      for (const call of calls) await call().catch(() => {});
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(seen.length).toBe(8);
    expect(seen.find((s) => s.query.startsWith('query Names'))!.query.match(/: node\(/g)!.length).toBeGreaterThanOrEqual(30);
    for (const s of seen) {
      for (const code of ['LIMIT_EXCEEDED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']) expect(s.codes, s.query.slice(0, 80)).not.toContain(code);
    }
  });

  it('answers introspection and suggests field names locally; refuses both when configured for production', async () => {
    const intro = await gql(app, '{ __schema { queryType { name } } }');
    expect(intro.body.data.__schema.queryType.name).toBe('Query');
    const typo = await gql(app, '{ datset { version } }');
    expect(typo.body.errors![0].message).toContain('Did you mean "dataset"?');

    const prod = await buildTestApp({ DEPLOYMENT: 'production' });
    try {
      const refused = await gql(prod, '{ __schema { queryType { name } } }');
      expect(refused.status).toBe(400);
      expect(refused.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(refused.body.errors![0].message).toContain('introspection');
      const typeName = await gql(prod, '{ __type(name: "Person") { fields { name } } }');
      expect(typeName.status).toBe(400);
      const noHint = await gql(prod, '{ datset { version } }');
      expect(noHint.body.errors![0].message).toBe('Cannot query field "datset" on type "Query".');
      expect((await prod.inject({ url: '/graphiql' })).statusCode).toBe(404);
      const ok = await gql(prod, '{ dataset { version } }');
      expect(ok.status).toBe(200);
    } finally {
      await prod.close();
    }
  });

  it('takes its limits from the configuration', async () => {
    const tight = await buildTestApp({ GRAPHQL_MAX_DEPTH: '2', GRAPHQL_MAX_ALIASES: '1', BODY_LIMIT_BYTES: '2048' });
    try {
      const deep = await gql(tight, '{ dataset { counts { people } } }');
      expect(deep.body.errors![0].extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'depth', max: 2 });
      const aliases = await gql(tight, '{ a: dataset { version } b: dataset { version } }');
      expect(aliases.body.errors![0].extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'aliases', max: 1 });
      const big = await tight.inject({ method: 'POST', url: '/graphql', payload: { query: `{ search(text: "${'a'.repeat(3000)}") { score } }` } });
      expect(big.statusCode).toBe(413);
      expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await tight.close();
    }
  });

  it('refuses batched operations and cross-site form posts', async () => {
    const batch = await app.inject({ method: 'POST', url: '/graphql', payload: [{ query: '{ dataset { version } }' }] });
    expect(batch.statusCode).toBe(400);
    const form = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'query={dataset{version}}' });
    expect(form.statusCode).toBe(400);
    expect(form.json().message).toContain('cross-site request forgery');
  });
});

describe('configuration of the hardening', () => {
  it('reads every new setting, with production turning the discovery aids off', () => {
    const local = readConfig({});
    expect(local).toMatchObject({ deployment: 'local', graphiql: true, introspection: true, fieldSuggestions: true, corsOrigins: [], rateLimitMax: 1000, bodyLimitBytes: 262144 });
    const prod = readConfig({ DEPLOYMENT: 'production' });
    expect(prod).toMatchObject({ deployment: 'production', graphiql: false, introspection: false, fieldSuggestions: false });
    expect(readConfig({ DEPLOYMENT: 'production', INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(readConfig({ CORS_ORIGINS: ' https://a.example , http://localhost:5173 ' }).corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
  });

  it('lists every bad setting in one message', () => {
    try {
      readConfig({ DEPLOYMENT: 'prod', CORS_ORIGINS: 'https://a.example/path,*', RATE_LIMIT_MAX: '-1', GRAPHQL_MAX_DEPTH: '0', BODY_LIMIT_BYTES: 'lots', FIELD_SUGGESTIONS: 'maybe' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(7);
      expect(problems.join('\n')).toMatch(/DEPLOYMENT=prod[\s\S]*CORS_ORIGINS entry https:\/\/a.example\/path[\s\S]*CORS_ORIGINS entry \*/);
    }
  });
});
