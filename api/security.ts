// HTTP hardening in one plugin: security headers, the CORS allow-list, per-client rate limits, request ids; and the
// logger settings that keep tokens and personal data (addresses, bodies, query strings) out of the logs.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from '../store/config.ts';
import { rateLimited } from '../store/errors.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A caller's own request id is kept when it is short and plain (so it cannot forge log lines); otherwise a new UUID. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Paths pino blanks wherever they appear in a log line: credentials in headers, tokens and passwords in objects. */
export const REDACTED_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]',
  'headers.authorization', 'headers.cookie', 'headers["x-api-key"]', 'authorization', 'cookie',
  'token', 'password', 'secret', '*.token', '*.password', '*.secret', '*.authorization',
  'variables.token', 'variables.password', 'variables.input.token', 'variables.input.password',
];

/** The logger: request lines carry the id, method and path only (no client address, query string or headers). */
export function loggerOptions(config: Pick<Config, 'logLevel'>, overrides: object = {}): Record<string, unknown> {
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { id?: string; method?: string; url?: string; routeOptions?: { url?: string } }) => ({
        id: req.id,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    ...overrides,
  };
}

/** Fastify's own options that belong to hardening: logger, request ids, body limit, proxy trust. */
export function serverOptions(config: Readonly<Config>, logger: boolean | object | undefined): FastifyServerOptions {
  return {
    logger: logger === false ? false : loggerOptions(config, typeof logger === 'object' ? logger : {}),
    genReqId: requestId,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
  };
}

/**
 * Helmet's headers for these options, worked out once. (@fastify/helmet builds a new Helmet middleware, CSP parsing
 * included, on every request; with no per-request nonces the headers never change, so they are computed here once.)
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => { headers[name.toLowerCase()] = String(value); },
    removeHeader: (name: string) => { delete headers[name.toLowerCase()]; },
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

export const securityPlugin = fp(
  async (app: FastifyInstance, opts: { config: Readonly<Config> }) => {
    const { config } = opts;
    // Same origin only; the GraphiQL page (api/graphiql.ts) sets its own, also same-origin, policy.
    const headers = helmetHeaders({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'"],
          // Local http://127.0.0.1 has no TLS to upgrade to.
          'upgrade-insecure-requests': config.deployment === 'production' ? [] : null,
        },
      },
      hsts: config.deployment === 'production',
    });
    app.addHook('onRequest', (req, reply, done) => {
      reply.headers(headers);
      reply.header(REQUEST_ID_HEADER, req.id);
      done();
    });

    await app.register(cors, {
      origin: config.corsOrigins.length > 0 ? [...config.corsOrigins] : false,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'accept', 'authorization', 'mercurius-require-preflight', REQUEST_ID_HEADER],
      exposedHeaders: [REQUEST_ID_HEADER, 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
      maxAge: 600,
    });

    if (config.rateLimitMax > 0) {
      await app.register(rateLimit, {
        global: true,
        max: config.rateLimitMax,
        timeWindow: config.rateLimitWindowMs,
        // A database outage must not also lock clients out; the limiter's store is in memory anyway.
        skipOnError: true,
        errorResponseBuilder: (_req, context) => rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
      });
    }
  },
  { name: 'security' },
);
