// The GraphQL clients people use, at their defaults, against the real app: urql (short queries over GET), Apollo
// Client with automatic persisted queries, graphql-request; and HTTP caching of GET answers (ETag, 304).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, fetchExchange, gql as urqlGql } from '@urql/core';
import { ApolloClient, HttpLink, InMemoryCache, gql as apolloGql, type TypedDocumentNode } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { request as graphqlRequest } from 'graphql-request';
import { startTestApp } from '../support/app.ts';

let server: Awaited<ReturnType<typeof startTestApp>>;
let endpoint: string;

/** fetch that records what each client sent (method and body), to show what went over the wire. */
function recordingFetch() {
  const sent: { method: string; url: string; body: Record<string, unknown> | null; status?: number }[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const entry: (typeof sent)[number] = { method: init?.method ?? 'GET', url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null };
    sent.push(entry);
    const res = await fetch(input, init);
    entry.status = res.status;
    return res;
  };
  return { sent, fetchFn };
}

beforeAll(async () => {
  server = await startTestApp();
  endpoint = `${server.url}/graphql`;
});
afterAll(async () => {
  await server?.close();
});

describe('GraphQL clients at their defaults', () => {
  it('urql sends a short query as GET without a content type, and gets the answer', async () => {
    const { sent, fetchFn } = recordingFetch();
    const client = new Client({ url: endpoint, exchanges: [fetchExchange], fetch: fetchFn });
    const result = await client.query(urqlGql`{ dataset { version } }`, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data.dataset.version).toBe(inject('datasetVersion'));
    expect(sent.map((s) => [s.method, s.status])).toEqual([['GET', 200]]);
  });

  it('a mutation sent over GET is refused, and nothing is written', async () => {
    const url = `${endpoint}?query=${encodeURIComponent('mutation { revokeApiToken(id: "x") { id } }')}`;
    const res = await fetch(url);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.data).toBeUndefined();
    expect(body.errors.map((e: { message: string }) => e.message)).toEqual(['Operation cannot be performed via a GET request']);
  });

  it('Apollo Client with persisted queries sends the hash, is told PersistedQueryNotFound, retries with the query, then gets by with the hash alone', async () => {
    const { sent, fetchFn } = recordingFetch();
    const sha256 = (q: string) => createHash('sha256').update(q).digest('hex');
    const link = new PersistedQueryLink({ sha256 }).concat(new HttpLink({ uri: endpoint, fetch: fetchFn }));
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    const query = apolloGql`query Version { dataset { version citedShare } }` as TypedDocumentNode<{ dataset: { version: string; citedShare: number } }>;
    const first = await client.query({ query, fetchPolicy: 'network-only' });
    expect(first.data?.dataset.version).toBe(inject('datasetVersion'));
    const second = await client.query({ query, fetchPolicy: 'network-only' });
    expect(second.data?.dataset.version).toBe(inject('datasetVersion'));
    const shape = sent.map((s) => ({ method: s.method, status: s.status, query: typeof s.body?.query === 'string', hash: Boolean((s.body?.extensions as { persistedQuery?: unknown } | undefined)?.persistedQuery) }));
    expect(shape).toEqual([
      { method: 'POST', status: 200, query: false, hash: true },
      { method: 'POST', status: 200, query: true, hash: true },
      { method: 'POST', status: 200, query: false, hash: true },
    ]);
  });

  it('an unknown query hash is answered with the code Apollo clients look for', async () => {
    const res = await fetch(endpoint, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    });
    const body = await res.json();
    expect(body.errors).toEqual([{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);
  });

  it('graphql-request gets the answer', async () => {
    const data = await graphqlRequest<{ dataset: { version: string } }>(endpoint, '{ dataset { version } }');
    expect(data.dataset.version).toBe(inject('datasetVersion'));
  });
});

describe('HTTP caching of GET answers', () => {
  const url = () => `${endpoint}?query=${encodeURIComponent('{ dataset { version } }')}`;

  it('gives an anonymous GET answer an ETag, and answers 304 with no body when the client already has it', async () => {
    const first = await fetch(url());
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"\d+-[A-Za-z0-9_-]{27}"$/);
    expect(first.headers.get('vary')).toContain('Accept');
    const again = await fetch(url(), { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const other = await fetch(`${endpoint}?query=${encodeURIComponent('{ dataset { loadedAt } }')}`, { headers: { 'if-none-match': etag! } });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('keeps answers for a caller with a token out of shared caches, and errors out of every cache', async () => {
    const withToken = await fetch(url(), { headers: { authorization: 'Bearer bc_not-a-real-token' } });
    expect(withToken.headers.get('etag')).toBeNull();
    expect(withToken.headers.get('cache-control')).toBe('private, no-store');
    const broken = await fetch(`${endpoint}?query=${encodeURIComponent('{ nosuchfield }')}`);
    expect(broken.status).toBe(400);
    expect(broken.headers.get('etag')).toBeNull();
    expect(broken.headers.get('cache-control')).toBe('no-store');
    // Executed, answered 200, with an error in the answer: not cached either.
    const missing = await fetch(`${endpoint}?query=${encodeURIComponent('{ node(id: "person/nobody-by-this-id") { id } }')}`);
    expect(missing.status).toBe(200);
    expect(((await missing.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(missing.headers.get('etag')).toBeNull();
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });
});

describe('application/graphql-response+json', () => {
  it('is the media type of the answer when the client asks for it, with 400 for a query that does not parse', async () => {
    const ok = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: '{ dataset { version } }' }) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    const bad = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9' }, body: JSON.stringify({ query: '{ dataset {' }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect((await bad.json()).data).toBeUndefined();
    const plain = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ dataset { version } }' }) });
    expect(plain.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});
