// GraphiQL at /graphiql: the web build's second entry (web/graphiql.html: npm `graphiql` and React, bundled by Vite),
// opening with the saved examples as tabs. Every file comes from web/dist on this server, so it works offline and
// under a same-origin content security policy.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { EXAMPLES } from './examples.ts';

/** The page's policy: this origin only (GraphiQL styles its editors inline). */
export const GRAPHIQL_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

/** The built page's name in web/dist; the static files plugin must not serve it under its own name. */
export const GRAPHIQL_PAGE = 'graphiql.html';

export const graphiqlPlugin = fp(
  async (app: FastifyInstance, opts: { webDist: string }) => {
    app.get('/graphiql', async (_req, reply) => {
      // Read per request, like the static files, so a rebuild while the server runs is served at once.
      const page = await readFile(path.join(opts.webDist, GRAPHIQL_PAGE), 'utf8').catch(() => null);
      if (page === null) {
        return reply.code(404).send({ code: 'NOT_FOUND', message: 'GraphiQL is part of the web build, which is missing: run `npm run build:web` (npm start builds it).' });
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', GRAPHIQL_CSP).send(page);
    });
    app.get('/graphiql/examples.json', async () => EXAMPLES);
  },
  { name: 'graphiql' },
);
