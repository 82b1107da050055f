// The small vocabulary of errors clients see, and the one place that maps driver failures onto it.
import mercurius from 'mercurius';

const { ErrorWithProps } = mercurius;

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'LIMIT_EXCEEDED'
  | 'DATABASE_UNAVAILABLE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'INTERNAL'
  | 'BAD_REQUEST'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  | 'CONFLICT';

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  LIMIT_EXCEEDED: 400,
  DATABASE_UNAVAILABLE: 503,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INTERNAL: 500,
  BAD_REQUEST: 400,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  // Apollo's link retries with the full query on this answer; Apollo Server sends it as 200 too.
  PERSISTED_QUERY_NOT_FOUND: 200,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  CONFLICT: 409,
};

/** An error whose message is safe to show and whose code a program can branch on. */
export class AppError extends ErrorWithProps {
  constructor(readonly code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { code, ...extra }, HTTP_STATUS[code]);
  }
}

export const badInput = (message: string, extra?: Record<string, unknown>) => new AppError('BAD_USER_INPUT', message, extra);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string, extra?: Record<string, unknown>) => new AppError('CONFLICT', message, extra);
export const limitExceeded = (limit: string, max: number, message: string) =>
  new AppError('LIMIT_EXCEEDED', message, { limit, max });

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'ECONNREFUSED',
  'ECONNRESET',
  'Neo.TransientError.General.DatabaseUnavailable',
]);

/** True when a neo4j-driver error means the database cannot be reached right now. */
export function isUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: string; message?: string; retriable?: boolean };
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  return /ECONNREFUSED|ECONNRESET|Could not perform discovery|Failed to connect|connection.*closed|Pool is closed/i.test(e.message ?? '');
}

export function databaseUnavailable(): AppError {
  return new AppError(
    'DATABASE_UNAVAILABLE',
    'The graph database is not reachable right now. Try again in a few seconds; if it persists, check that Neo4j is running (see /health).',
  );
}

/** Turns any error into one safe for clients: known errors pass, driver outages become 503, the rest become INTERNAL. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isUnavailable(error)) return databaseUnavailable();
  const code = (error as { code?: string })?.code ?? '';
  if (code === 'Neo.ClientError.Transaction.TransactionTimedOut' || code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration') {
    return new AppError('LIMIT_EXCEEDED', 'The query took longer than the time limit. Narrow it (fewer hops, a window, fewer results).', { limit: 'queryTimeoutMs' });
  }
  return new AppError('INTERNAL', 'Something went wrong on our side. The error has been logged.');
}

/** Safe messages for errors raised before GraphQL runs (body parsing, CSRF, rate limits, methods), keyed by Fastify/Mercurius code. */
const HTTP_MESSAGES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'The request body is larger than the limit (BODY_LIMIT_BYTES). Send a shorter query and use variables.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['BAD_REQUEST', 'Unsupported content type: send application/json.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['BAD_REQUEST', 'The JSON body is empty: send {"query": "…"}.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_REQUEST', 'The Content-Length header does not match the body.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['BAD_REQUEST', 'The body is not valid JSON.'],
  FST_ERR_VALIDATION: ['BAD_REQUEST', 'The request does not have the shape of a GraphQL request: {"query": string, "variables"?: object, "operationName"?: string, "extensions"?: object}.'],
  MER_ERR_GQL_CSRF_PREVENTION: ['BAD_REQUEST', 'This request was blocked as a possible cross-site request forgery: send it as application/json, or with a mercurius-require-preflight header.'],
  MER_ERR_METHOD_NOT_ALLOWED: ['BAD_REQUEST', 'Only queries may be sent with GET; send mutations with POST.'],
  MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND: ['BAD_REQUEST', 'The request has no query: send {"query": "…"}.'],
  MER_ERR_GQL_VALIDATION: ['BAD_REQUEST', 'The request could not be read: check the query, variables and extensions.'],
};

/**
 * Errors raised by the HTTP layer (not by a resolver) with a 4xx status: a safe, coded AppError, or null when the error
 * is not one of them. The detail (e.g. the JSON parser's message) stays in the server log.
 */
export function httpLayerError(error: unknown): AppError | null {
  if (!error || typeof error !== 'object' || error instanceof AppError) return null;
  const e = error as { code?: string; statusCode?: number; validation?: unknown };
  // With a query hash Apollo's link knows what to do on these exact messages (see persistedQueryDefaults.automatic).
  const message = (error as { message?: string }).message;
  if (e.code === 'MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND' && message === 'PersistedQueryNotFound') return new AppError('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
  if (e.code === 'MER_ERR_GQL_PERSISTED_QUERY_NOT_SUPPORTED') return new AppError('PERSISTED_QUERY_NOT_SUPPORTED', 'PersistedQueryNotSupported');
  if (e.code === 'MER_ERR_GQL_PERSISTED_QUERY_MISMATCH') return new AppError('BAD_REQUEST', 'The query does not match its sha256Hash: send the query and the hash of that exact text.');
  const known = e.code ? HTTP_MESSAGES[e.code] : undefined;
  if (e.validation && !known) return new AppError('BAD_REQUEST', HTTP_MESSAGES.FST_ERR_VALIDATION![1]);
  if (known) return new AppError(known[0], known[1]);
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 && e.code?.startsWith('FST_')) {
    return new AppError('BAD_REQUEST', 'The request could not be read. Send POST /graphql with a JSON body {"query": "…"}.');
  }
  return null;
}

export function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError('RATE_LIMITED', `Too many requests from this client: wait ${retryAfterSeconds} s, then try again.`, { retryAfterSeconds });
}
