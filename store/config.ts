// The only reader of process.env: validates every setting once and returns a frozen object.
import os from 'node:os';
import path from 'node:path';

export interface Config {
  host: string;
  port: number;
  neo4jUri: string | null;
  neo4jUser: string;
  neo4jPassword: string;
  neo4jDatabase: string;
  embeddedBoltPort: number;
  embeddedDataDir: string;
  embeddedHeap: string;
  /** Serve Neo4j Browser from the embedded Neo4j (off by default: it needs Bolt over WebSocket). */
  embeddedBrowser: boolean;
  embeddedBrowserPort: number;
  queryTimeoutMs: number;
  pathBudgetMs: number;
  graphiql: boolean;
  introspection: boolean;
  logLevel: string;
  /** 'production' turns GraphiQL, introspection and field suggestions off unless set explicitly. */
  deployment: 'local' | 'production';
  fieldSuggestions: boolean;
  /** Origins allowed to call the API from a browser on another origin; empty: same origin only. */
  corsOrigins: string[];
  /** Requests per client per window; 0 turns rate limiting off. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Trust X-Forwarded-For from a reverse proxy (rate limits then count the real client). */
  trustProxy: boolean;
  bodyLimitBytes: number;
  graphqlMaxDepth: number;
  graphqlMaxCost: number;
  graphqlMaxAliases: number;
  graphqlMaxDirectives: number;
  graphqlMaxTokens: number;
  /** The largest GraphQL answer (UTF-8 bytes of its JSON) the API sends; a bigger one is refused with LIMIT_EXCEEDED. */
  responseMaxBytes: number;
  /** Folder for the engine's snapshot file (read at start instead of the whole graph); null: no file. */
  snapshotCacheDir: string | null;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every setting and its default.`);
  }
}

export function readConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const problems: string[] = [];
  const str = (key: string, fallback: string) => {
    const value = env[key];
    return value === undefined || value.trim() === '' ? fallback : value.trim();
  };
  const int = (key: string, fallback: number, min: number, max: number) => {
    const raw = str(key, String(fallback));
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key}=${raw} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const bool = (key: string, fallback: boolean) => {
    const raw = str(key, String(fallback)).toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(raw)) return true;
    if (['false', '0', 'no', 'off'].includes(raw)) return false;
    problems.push(`${key}=${raw} must be true or false`);
    return fallback;
  };

  const neo4jUri = str('NEO4J_URI', '') || null;
  if (neo4jUri && !/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/.test(neo4jUri)) {
    problems.push(`NEO4J_URI=${neo4jUri} must start with bolt://, neo4j://, bolt+s:// or neo4j+s://`);
  }
  const logLevel = str('LOG_LEVEL', 'info');
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel} must be one of ${LOG_LEVELS.join(', ')}`);
  const heap = str('NEO4J_HEAP', '1g');
  const deployment = str('DEPLOYMENT', 'local');
  if (deployment !== 'local' && deployment !== 'production') problems.push(`DEPLOYMENT=${deployment} must be local or production`);
  const local = deployment !== 'production';
  const corsOrigins = str('CORS_ORIGINS', '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^\s/]+$/.test(origin)) problems.push(`CORS_ORIGINS entry ${origin} must be an origin like https://example.org (scheme and host, no path)`);
  }
  const embeddedDataDir = str('NEO4J_DATA_DIR', './data/neo4j');
  // Beside the embedded database's data; for a Neo4j elsewhere (NEO4J_URI), the user's cache folder.
  const userCache = str('XDG_CACHE_HOME', '') || path.join(os.homedir(), '.cache');
  const cacheSetting = str('SNAPSHOT_CACHE_DIR', neo4jUri ? path.join(userCache, 'backchannel', 'snapshots') : path.join(embeddedDataDir, 'snapshot-cache'));
  const snapshotCacheDir = cacheSetting.toLowerCase() === 'off' ? null : cacheSetting;
  if (!/^\d+[mMgG]$/.test(heap)) problems.push(`NEO4J_HEAP=${heap} must look like 512m or 1g`);

  const config: Config = {
    host: str('HOST', '127.0.0.1'),
    port: int('PORT', 4000, 0, 65535),
    neo4jUri,
    neo4jUser: str('NEO4J_USER', 'neo4j'),
    neo4jPassword: str('NEO4J_PASSWORD', ''),
    neo4jDatabase: str('NEO4J_DATABASE', 'neo4j'),
    embeddedBoltPort: int('NEO4J_BOLT_PORT', 7687, 1, 65535),
    embeddedDataDir,
    embeddedHeap: heap,
    embeddedBrowser: bool('NEO4J_BROWSER', false),
    embeddedBrowserPort: int('NEO4J_BROWSER_PORT', 7474, 1, 65535),
    queryTimeoutMs: int('QUERY_TIMEOUT_MS', 10_000, 100, 600_000),
    pathBudgetMs: int('PATH_BUDGET_MS', 2_000, 10, 60_000),
    graphiql: bool('GRAPHIQL', local),
    introspection: bool('INTROSPECTION', local),
    logLevel,
    deployment: local ? 'local' : 'production',
    fieldSuggestions: bool('FIELD_SUGGESTIONS', local),
    corsOrigins,
    rateLimitMax: int('RATE_LIMIT_MAX', 1_000, 0, 1_000_000),
    rateLimitWindowMs: int('RATE_LIMIT_WINDOW_MS', 60_000, 1_000, 3_600_000),
    trustProxy: bool('TRUST_PROXY', false),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 256 * 1024, 1_024, 10 * 1024 * 1024),
    graphqlMaxDepth: int('GRAPHQL_MAX_DEPTH', 10, 1, 100),
    graphqlMaxCost: int('GRAPHQL_MAX_COST', 20_000, 1, 10_000_000),
    graphqlMaxAliases: int('GRAPHQL_MAX_ALIASES', 50, 0, 1_000),
    graphqlMaxDirectives: int('GRAPHQL_MAX_DIRECTIVES', 20, 0, 1_000),
    graphqlMaxTokens: int('GRAPHQL_MAX_TOKENS', 2_000, 100, 100_000),
    responseMaxBytes: int('RESPONSE_MAX_BYTES', 8_000_000, 10_000, 1_000_000_000),
    snapshotCacheDir,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
