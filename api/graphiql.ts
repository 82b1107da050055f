// GraphiQL at /graphiql, opening with the saved examples as tabs (replaces Mercurius' own IDE page).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { EXAMPLES } from './examples.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'graphiql');

export const graphiqlPlugin = fp(
  async (app: FastifyInstance) => {
    const page = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const script = readFileSync(path.join(dir, 'main.js'), 'utf8');
    app.get('/graphiql', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        // This page alone loads GraphiQL from unpkg, as Mercurius' IDE does; everything else stays 'self'.
        .header('content-security-policy', "default-src 'self'; script-src 'self' https://unpkg.com; style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data:; font-src 'self' data: https://unpkg.com; connect-src 'self'")
        .send(page));
    app.get('/graphiql/main.js', async (_req, reply) => reply.type('application/javascript; charset=utf-8').send(script));
    app.get('/graphiql/examples.json', async () => EXAMPLES);
  },
  { name: 'graphiql' },
);
