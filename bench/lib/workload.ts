// Runs GraphQL operations through app.inject (no network) and times them: warm-up first, then the measured set.
import type { FastifyInstance } from 'fastify';
import { summarize, type Summary } from './stats.ts';

export interface Call {
  query: string;
  variables: Record<string, unknown>;
}

export interface WorkloadResult {
  name: string;
  status: 'ok' | 'not available' | 'failed' | 'partial';
  note?: string;
  summary?: Summary;
  errors: number;
  /** Measured queries asked for and done (fewer when the wall-clock cap stopped the run). */
  planned: number;
  done: number;
  /** Share of answers with at least one result (paths, hits, links, chains …). */
  nonEmpty?: number;
  firstError?: string;
  samplesMs?: number[];
}

export interface GqlAnswer {
  status: number;
  ms: number;
  data: Record<string, unknown> | null;
  errors: { message: string; extensions?: { code?: string } }[];
}

export async function gql(app: FastifyInstance, call: Call): Promise<GqlAnswer> {
  const t0 = performance.now();
  const res = await app.inject({ method: 'POST', url: '/graphql', payload: { query: call.query, variables: call.variables } });
  const ms = performance.now() - t0;
  let body: { data?: Record<string, unknown> | null; errors?: GqlAnswer['errors'] } = {};
  try {
    body = res.json();
  } catch {
    body = { errors: [{ message: `HTTP ${res.statusCode}: ${res.body.slice(0, 200)}` }] };
  }
  return { status: res.statusCode, ms, data: body.data ?? null, errors: body.errors ?? [] };
}

export interface WorkloadSpec {
  name: string;
  /** The first `warmup` calls warm up; the rest are measured. */
  calls: Call[];
  warmup: number;
  /** Stop measuring after this many seconds (the result says how many queries were done). */
  capSeconds: number;
  /** Whether an answer counts as non-empty. */
  nonEmpty?: (data: Record<string, unknown>) => boolean;
  log?: (line: string) => void;
}

const NOT_AVAILABLE = /not available|not implemented/i;

export async function runWorkload(app: FastifyInstance, spec: WorkloadSpec): Promise<WorkloadResult> {
  const { name, calls, warmup } = spec;
  const measured = calls.slice(warmup);
  const result: WorkloadResult = { name, status: 'ok', errors: 0, planned: measured.length, done: 0 };
  // Warm-up: the same kind of query on other endpoints (JIT, Neo4j plan cache, page cache, the engine snapshot).
  const warmupDeadline = performance.now() + Math.min(10, spec.capSeconds / 3) * 1000;
  for (let i = 0; i < warmup && performance.now() < warmupDeadline; i++) {
    const answer = await gql(app, calls[i]);
    if (answer.errors.length > 0 && NOT_AVAILABLE.test(answer.errors[0].message)) {
      return { ...result, status: 'not available', note: answer.errors[0].message, firstError: answer.errors[0].message };
    }
  }
  const samples: number[] = [];
  let nonEmpty = 0;
  const deadline = performance.now() + spec.capSeconds * 1000;
  for (const call of measured) {
    if (performance.now() > deadline) break;
    const answer = await gql(app, call);
    samples.push(answer.ms);
    result.done++;
    if (answer.errors.length > 0 || answer.status >= 400) {
      result.errors++;
      result.firstError ??= answer.errors[0]?.message ?? `HTTP ${answer.status}`;
    } else if (answer.data && spec.nonEmpty?.(answer.data)) {
      nonEmpty++;
    }
  }
  if (result.errors === result.done && result.done > 0) {
    const na = NOT_AVAILABLE.test(result.firstError ?? '');
    return { ...result, status: na ? 'not available' : 'failed', note: result.firstError };
  }
  result.summary = summarize(samples);
  result.samplesMs = samples.map((x) => Math.round(x * 100) / 100);
  if (spec.nonEmpty) result.nonEmpty = Math.round((nonEmpty / Math.max(1, result.done)) * 1000) / 1000;
  if (result.done < result.planned) {
    result.status = 'partial';
    result.note = `stopped by the ${spec.capSeconds} s cap after ${result.done} of ${result.planned} queries`;
  }
  spec.log?.(`  ${name.padEnd(34)} n=${result.done} median ${result.summary.median} ms p95 ${result.summary.p95} ms p99 ${result.summary.p99} ms errors ${result.errors}${result.nonEmpty !== undefined ? ` non-empty ${(result.nonEmpty * 100).toFixed(0)}%` : ''}`);
  return result;
}
