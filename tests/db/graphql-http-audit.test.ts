// GraphQL over HTTP compliance: graphql-http's server audits against /graphql of a real listening app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits, type AuditResult } from 'graphql-http';
import { startTestApp } from '../support/app.ts';

let server: Awaited<ReturnType<typeof startTestApp>>;
const results: AuditResult[] = [];

beforeAll(async () => {
  server = await startTestApp();
  for (const audit of serverAudits({ url: `${server.url}/graphql`, fetchFn: fetch })) results.push(await audit.fn());
});
afterAll(async () => {
  await server?.close();
});

describe('the GraphQL over HTTP audit suite (graphql-http)', () => {
  it('passes every MUST audit', () => {
    const must = results.filter((r) => r.name.startsWith('MUST'));
    const failed = must.filter((r) => r.status !== 'ok').map((r) => `${r.id} ${r.name}: ${(r as { reason?: string }).reason}`);
    expect(failed).toEqual([]);
    expect(must.length).toBeGreaterThanOrEqual(13);
    const counts = { must: must.length, should: results.filter((r) => r.name.startsWith('SHOULD')).length };
    const passed = { must: must.filter((r) => r.status === 'ok').length, should: results.filter((r) => r.name.startsWith('SHOULD') && r.status === 'ok').length };
    console.log(`[graphql-http] MUST ${passed.must}/${counts.must} passed, SHOULD ${passed.should}/${counts.should} passed`);
    for (const r of results) if (r.status !== 'ok') console.log(`[graphql-http] ${r.status} ${r.id} ${r.name}: ${r.reason}`);
  });

  it('passes every SHOULD audit, legacy application/json clients getting 200 for errors GraphQL could read', () => {
    const should = results.filter((r) => r.name.startsWith('SHOULD'));
    expect(should.filter((r) => r.status !== 'ok').map((r) => `${r.id} ${r.name}: ${(r as { reason?: string }).reason}`)).toEqual([]);
    expect(should.length).toBeGreaterThanOrEqual(20);
  });

  it('accepts a null extensions field (which Mercurius refuses out of the box)', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ dataset { version } }', variables: null, operationName: null, extensions: null }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).data.dataset.version).toMatch(/^[0-9a-f]{64}$/);
  });
});
