// Builds the Fastify app (hardening, GraphQL, health, the web UI); never listens — server.ts does.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { type GraphQLError, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { Config } from '../store/config.ts';
import { neo4jPlugin } from '../store/neo4j.ts';
import { resolvers, type Context } from './resolvers.ts';
import { createLoaders } from './loaders.ts';
import { AppError, httpLayerError, toAppError } from '../store/errors.ts';
import { securityPlugin, serverOptions } from './security.ts';
import { checkSource, isGraphQLError, validationRules, withoutSuggestions } from './graphql-limits.ts';
import { Analyses } from './analyses.ts';
import { Snapshots } from '../store/snapshot.ts';
import { GRAPHIQL_PAGE, graphiqlPlugin } from './graphiql.ts';
import { graphqlHttpPlugin, requestOf } from './graphql-http.ts';
import { EDITING_SCHEMA, withEditing } from './editing.ts';
import { STORIES_SCHEMA, withStories } from './stories.ts';
import type { Supervision } from '../neo4j/embedded.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCHEMA = readFileSync(path.join(here, 'schema.graphql'), 'utf8');
export const WEB_DIST = path.resolve(here, '../web/dist');

export interface AppOptions {
  /** The Bolt URI of the Neo4j to use (config.neo4jUri or the embedded server's). */
  neo4jUri: string;
  /** Serve the built web UI from web/dist (default: when it exists). */
  serveWeb?: boolean;
  /** false for no logs; an object is merged over the safe defaults (e.g. a stream for tests). */
  logger?: boolean | object;
  /** The embedded Neo4j's supervisor, when `npm start` runs one: /health says what it is doing. */
  supervision?: () => Supervision;
}

/** The one place that turns an execution's errors into what clients see: coded, safe, with the HTTP status to use. */
function formatErrors(config: Readonly<Config>, app: FastifyInstance, execution: ExecutionResult, ctx: { reply?: { log: FastifyInstance['log'] } }): { statusCode: number; response: FormattedExecutionResult } {
  const log = ctx.reply?.log ?? app.log;
  const message = (text: string) => (config.fieldSuggestions ? text : withoutSuggestions(text));
  let unavailable = false;
  let status = 0;
  let requestError: AppError | null = null;
  const errors = (execution.errors ?? []).flatMap((error: GraphQLError): GraphQLFormattedError[] => {
    const original = error.originalError as (Error & { errors?: GraphQLError[] }) | undefined;
    if (Array.isArray(original?.errors)) {
      status = Math.max(status, 400);
      return original.errors.map((e) => ({
        message: message(e.message),
        locations: e.locations,
        extensions: { code: /^Syntax Error/.test(e.message) ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED', ...e.extensions },
      }));
    }
    if (!original || isGraphQLError(original)) {
      status = Math.max(status, 400);
      return [{ message: message(error.message), locations: error.locations, path: error.path, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...error.extensions } }];
    }
    const http = original instanceof AppError && original.code === 'RATE_LIMITED' ? original : httpLayerError(original);
    if (http) {
      log.info({ err: original }, 'request refused');
      requestError ??= http;
      status = Math.max(status, http.statusCode ?? 400);
      return [{ message: http.message, extensions: http.extensions as Record<string, unknown> }];
    }
    const safe = toAppError(original);
    if (safe.code === 'DATABASE_UNAVAILABLE') unavailable = true;
    if (safe.code === 'INTERNAL' || safe.code === 'DATABASE_UNAVAILABLE') log.error({ err: original, path: error.path }, 'resolver failed');
    status = Math.max(status, safe.statusCode ?? 500);
    return [{ message: safe.message, locations: error.locations, path: error.path, extensions: safe.extensions as Record<string, unknown> }];
  });
  let statusCode = execution.data ? 200 : status || 400;
  if (unavailable) statusCode = 503;
  if (requestError) {
    const { code } = (requestError as AppError).extensions as { code: string };
    // Refused before GraphQL ran: a top-level code and message for plain HTTP clients, errors for GraphQL ones.
    return { statusCode, response: { code, message: (requestError as AppError).message, errors } as FormattedExecutionResult };
  }
  return { statusCode, response: execution.data === undefined ? { errors } : { data: execution.data, errors } };
}

export async function buildApp(config: Readonly<Config>, opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify(serverOptions(config, opts.logger));
  await app.register(securityPlugin, { config });

  await app.register(neo4jPlugin, { uri: opts.neo4jUri, config: config as Config });
  const snapshots = new Snapshots(app.db, {
    cacheDir: config.snapshotCacheDir === null ? null : path.resolve(config.snapshotCacheDir),
    log: (line) => app.log.info(line),
  });
  const analyses = new Analyses(snapshots, config.pathBudgetMs);
  app.decorate('snapshots', snapshots);
  // A snapshot file half written is left as a temporary file; finishing it lets the next start use it.
  app.addHook('onClose', async () => {
    await snapshots.persisting;
  });
  app.decorate('analyses', analyses);

  // GraphQL over HTTP allows "extensions": null (graphql-http audit 0224); Mercurius' body schema wants an object.
  app.addHook('preValidation', async (req) => {
    const body = req.body as Record<string, unknown> | null | undefined;
    if (body && typeof body === 'object' && !Array.isArray(body) && body.extensions === null) delete body.extensions;
  });

  if (config.graphiql) await app.register(graphiqlPlugin, { webDist: WEB_DIST });
  await app.register(graphqlHttpPlugin, { snapshots, responseMaxBytes: config.responseMaxBytes });
  await app.register(mercurius, {
    schema: [SCHEMA, EDITING_SCHEMA, STORIES_SCHEMA],
    resolvers: withStories(withEditing(resolvers)),
    path: '/graphql',
    graphiql: false,
    allowBatchedQueries: false,
    csrfPrevention: true,
    // Automatic persisted queries (Apollo's protocol): an unknown hash answers PersistedQueryNotFound, and the client
    // sends the query once with its hash. Bounded, so unknown hashes cannot grow memory.
    persistedQueryProvider: mercurius.persistedQueryDefaults.automatic(2000),
    validationRules: validationRules(config),
    // graphql-jit compiles a query from its second use (neighbourhood at 10k links: median 30 -> 19 ms).
    // It cannot resolve an interface-typed field whose value is a pending promise: path answers are settled first.
    jit: 1,
    context: async () => {
      const cache = await analyses.entityCache();
      // Loaders are made on first use: a request that reads no node or link (the dataset's version) never pays for them.
      let loaders: Context['loaders'] | undefined;
      return {
        db: app.db,
        analyses,
        snapshots,
        get loaders() {
          return (loaders ??= createLoaders(app.db, cache, snapshots.knownLinks(cache?.currentVersion ?? null)));
        },
      } as unknown as Context;
    },
    errorFormatter: (execution, ctx) => formatErrors(config, app, execution, ctx as { reply?: { log: FastifyInstance['log'] } }),
  });
  app.graphql.addHook('preParsing', async (_schema, source) => checkSource(source, config.graphqlMaxTokens));
  app.graphql.addHook('preExecution', async (_schema, document, context) => {
    const request = requestOf(context);
    if (request && document.definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'mutation')) request.graphqlMutation = true;
  });
  app.graphql.addHook('onResolution', async (execution, context) => {
    const request = requestOf(context);
    if (request) request.graphqlErrors = (execution.errors?.length ?? 0) > 0;
  });

  app.get('/health', async (_req, reply) => {
    const up = await app.db.ping();
    const supervisor = opts.supervision?.();
    if (!up) {
      return reply.code(503).send({ status: 'degraded', neo4j: 'down', code: 'DATABASE_UNAVAILABLE', message: outageMessage(supervisor), ...(supervisor && { supervisor }) });
    }
    try {
      const info = await snapshots.datasetInfo();
      return { status: 'ok', neo4j: 'up', dataset: info, ...(supervisor && { supervisor }) };
    } catch (err) {
      const safe = toAppError(err);
      return reply.code(safe.statusCode ?? 500).send({ status: 'degraded', neo4j: 'up', code: safe.code, message: safe.message });
    }
  });

  const serveWeb = opts.serveWeb ?? existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb) {
    // The web build's files go out compressed (brotli, else gzip) to clients that ask; compression is scoped to them.
    await app.register(async (web) => {
      await web.register(fastifyCompress, { encodings: ['br', 'gzip'], brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } } });
      await web.register(fastifyStatic, {
        root: WEB_DIST,
        prefix: '/',
        // Files are looked up per request, so a rebuild of web/dist while the server runs is served at once.
        wildcard: true,
        // GraphiQL's page is served at /graphiql (with its own policy), and only when GRAPHIQL is on.
        allowedPath: (pathName) => pathName !== `/${GRAPHIQL_PAGE}`,
        setHeaders(res, file) {
          // Hashed assets never change; the page itself must be revalidated to pick up a new build.
          res.header('cache-control', /[\\/]assets[\\/]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      web.setNotFoundHandler((req, reply) => {
        if (req.method === 'GET' && !req.url.startsWith('/graphql') && req.headers.accept?.includes('text/html')) {
          return reply.header('cache-control', 'no-cache').sendFile('index.html');
        }
        return reply.code(404).send({ code: 'NOT_FOUND', message: `No route ${req.method} ${req.url}` });
      });
    });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/html').send('<!doctype html><title>Backchannel</title><p>The web UI is not built. Run <code>npm start</code> (it builds it) or <code>npm run build:web</code>. GraphQL is at <a href="/graphiql">/graphiql</a>.</p>'));
  }
  return app;
}

/** What /health says while Neo4j is unreachable: what is being done about it, or what the operator must do. */
function outageMessage(s: Supervision | undefined): string {
  if (!s) return 'Neo4j is not reachable. The API reconnects as soon as it answers again: check that the Neo4j at NEO4J_URI is running.';
  if (s.state === 'restarting') {
    const next = s.nextTryInSeconds ? `next try in ${s.nextTryInSeconds} s` : 'starting now';
    const failed = s.lastError ? ` The last attempt failed: ${s.lastError}` : '';
    return `The embedded Neo4j stopped (${s.lastExit ?? 'unknown cause'}); restarting it: attempt ${s.attempt}, ${next}.${failed}`;
  }
  if (s.state === 'stopped') return 'The embedded Neo4j has been stopped (the server is shutting down).';
  return 'The embedded Neo4j is running but does not answer yet; see the server log.';
}

declare module 'fastify' {
  interface FastifyInstance {
    snapshots: Snapshots;
    analyses: Analyses;
  }
}
