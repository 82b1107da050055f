// GraphQL over HTTP the way clients expect it: queries over GET need no custom header (Mercurius refuses anything but
// a query over GET, and a query changes nothing, so there is nothing to forge); anonymous GET answers are cacheable,
// with an ETag tied to the dataset version and 304 on If-None-Match; `application/graphql-response+json` when asked.
import { createHash, randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Snapshots } from '../store/snapshot.ts';
import { overBudget } from './graphql-limits.ts';

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
const PATH = '/graphql';

/** The media type to answer with: graphql-response+json when the client ranks it above application/json, else JSON. */
export function responseMediaType(accept: string | undefined): string {
  if (!accept) return 'application/json';
  let best = { type: 'application/json', q: -1, order: Infinity };
  accept.split(',').forEach((part, order) => {
    const [range, ...params] = part.trim().split(';').map((s) => s.trim().toLowerCase());
    if (range !== GRAPHQL_RESPONSE_JSON && range !== 'application/json') return;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (q > best.q || (q === best.q && order < best.order)) best = { type: range, q, order };
  });
  return best.q > 0 ? best.type : 'application/json';
}

/** The client named application/json itself (no Accept, or only a wildcard, keeps the 4xx answers). */
const acceptsJsonExplicitly = (accept: string | undefined) => !!accept && /(^|,)\s*application\/json\s*(;|,|$)/i.test(accept);

const isGraphqlPath = (req: FastifyRequest) => (req.url.split('?')[0] ?? '') === PATH;

declare module 'fastify' {
  interface FastifyRequest {
    /** The ETag this GET answer gets when it succeeds (anonymous GETs only). */
    graphqlEtag?: string;
    /** Set when the operation is a mutation: cached answers are stale once it has run. */
    graphqlMutation?: boolean;
    /** Whether the executed operation's answer has errors (unset when nothing was executed: a refused request). */
    graphqlErrors?: boolean;
  }
}

/** The HTTP request a Mercurius hook's context belongs to (none for an operation run without one), to set the flags above. */
export const requestOf = (context: unknown): FastifyRequest | undefined => (context as { reply?: { request: FastifyRequest } }).reply?.request;

export const graphqlHttpPlugin = fp(
  async (app: FastifyInstance, opts: { snapshots: Snapshots; responseMaxBytes: number }) => {
    // Changes the dataset meta does not count (saved stories) bump this; a restart starts a new series of tags.
    const boot = randomUUID();
    let generation = 0;
    const etagOf = async (req: FastifyRequest) => {
      const info = await opts.snapshots.datasetInfo();
      const query = req.url.slice(req.url.indexOf('?') + 1);
      const digest = createHash('sha256').update(`${boot}\n${generation}\n${info.version}\n${info.sequence}\n${responseMediaType(req.headers.accept)}\n${query}`).digest('base64url');
      return `"${info.sequence ?? 0}-${digest.slice(0, 27)}"`;
    };

    // Mercurius runs its CSRF check on GET too; only POST can carry a mutation, so only POST keeps it.
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (route.url === PATH && methods.includes('GET') && !methods.includes('POST')) route.onRequest = undefined;
    });

    app.addHook('onRequest', async (req, reply) => {
      if (req.method !== 'GET' || !isGraphqlPath(req) || req.headers.authorization) return;
      let etag: string;
      try {
        etag = await etagOf(req);
      } catch {
        return; // Neo4j away: the request runs and reports the outage itself
      }
      req.graphqlEtag = etag;
      const given = req.headers['if-none-match'];
      if (given && given.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(etag)) {
        return reply.code(304).headers({ etag, 'cache-control': 'public, no-cache', vary: 'Accept, Authorization' }).send();
      }
    });

    app.addHook('onSend', async (req, reply, payload) => {
      if (!isGraphqlPath(req) || reply.statusCode === 304) return payload;
      const refused = typeof payload === 'string' ? overBudget(payload, opts.responseMaxBytes) : null;
      if (refused !== null) {
        payload = refused;
        req.graphqlErrors = true;
      }
      reply.header('vary', 'Accept, Authorization');
      const type = responseMediaType(req.headers.accept);
      if (type === GRAPHQL_RESPONSE_JSON && String(reply.getHeader('content-type') ?? '').startsWith('application/json')) {
        reply.type(`${GRAPHQL_RESPONSE_JSON}; charset=utf-8`);
      }
      // A client that asks for plain application/json is a legacy one: the spec says it SHOULD get 200 for a request
      // GraphQL could read but refused (parse, validation, variables), with the errors in the body; a body that is not
      // JSON at all (BAD_REQUEST) stays 400.
      if (type === 'application/json' && acceptsJsonExplicitly(req.headers.accept) && reply.statusCode === 400 && typeof payload === 'string' && payload.startsWith('{') && payload.includes('"errors":') && !/"code":"BAD_REQUEST"/.test(payload)) {
        reply.code(200);
      }
      // An executed operation says whether its answer has errors; a long answer is not searched for them.
      const errors = req.graphqlErrors ?? (typeof payload === 'string' && payload.includes('"errors":'));
      const ok = reply.statusCode === 200 && typeof payload === 'string' && !errors;
      if (req.method === 'GET' && req.graphqlEtag && ok) {
        reply.header('etag', req.graphqlEtag).header('cache-control', 'public, no-cache');
      } else if (req.method === 'GET') {
        reply.header('cache-control', req.headers.authorization ? 'private, no-store' : 'no-store');
      }
      return payload;
    });

    app.addHook('onResponse', async (req) => {
      if (req.graphqlMutation) generation++;
    });
  },
  { name: 'graphql-http' },
);
