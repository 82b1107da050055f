// GraphiQL at /graphiql, opening with the saved examples as tabs (replaces Mercurius' own IDE page). GraphiQL and React
// are served from our own node_modules, so the page works offline and under a same-origin content security policy.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { EXAMPLES } from './examples.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'graphiql');
const require = createRequire(import.meta.url);

/** The browser builds the page loads, by the name it asks for (the same versions the lockfile pins). */
const VENDOR: Record<string, { file: string; type: string }> = {
  'react.js': { file: 'react/umd/react.production.min.js', type: 'application/javascript; charset=utf-8' },
  'react-dom.js': { file: 'react-dom/umd/react-dom.production.min.js', type: 'application/javascript; charset=utf-8' },
  'graphiql.js': { file: 'graphiql/graphiql.min.js', type: 'application/javascript; charset=utf-8' },
  'graphiql.css': { file: 'graphiql/graphiql.min.css', type: 'text/css; charset=utf-8' },
};

export const GRAPHIQL_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:";

export const graphiqlPlugin = fp(
  async (app: FastifyInstance) => {
    const page = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const script = readFileSync(path.join(dir, 'main.js'), 'utf8');
    // Through each package's own folder: React's exports map does not list its UMD builds.
    const fileOf = (spec: string) => {
      const [pkg, ...rest] = spec.split('/');
      return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), ...rest);
    };
    const vendor = new Map(Object.entries(VENDOR).map(([name, v]) => [name, { text: readFileSync(fileOf(v.file), 'utf8'), type: v.type }]));
    app.get('/graphiql', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        // GraphiQL styles its editors inline; nothing is loaded from another origin.
        .header('content-security-policy', GRAPHIQL_CSP)
        .send(page));
    app.get('/graphiql/main.js', async (_req, reply) => reply.type('application/javascript; charset=utf-8').send(script));
    app.get('/graphiql/examples.json', async () => EXAMPLES);
    app.get<{ Params: { name: string } }>('/graphiql/vendor/:name', async (req, reply) => {
      const v = vendor.get(req.params.name);
      if (!v) return reply.code(404).send({ code: 'NOT_FOUND', message: `No GraphiQL file ${req.params.name}` });
      return reply.type(v.type).header('cache-control', 'public, max-age=86400').send(v.text);
    });
  },
  { name: 'graphiql' },
);
