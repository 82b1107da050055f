// The alternatives measured on the same data and endpoints: (a) the naive Cypher a user writes first,
// (b) Neo4j's SHORTEST k selector (static paths), (c) the engine in-process on plain arrays, (d) (c) with the answer's
// evidence serialised.
import neo4j, { type Driver } from 'neo4j-driver';
import { buildGraph, type TemporalGraph } from '../../engine/graph.ts';
import { DEFAULT_RANK_BY } from '../../api/analyses.ts';
import { influencePaths, type PathQuery, type PathTarget } from '../../engine/influence-paths.ts';
import { steppableTypes } from '../../engine/rules.ts';
import type { SyntheticGraph } from '../synthetic.ts';
import type { Dataset, DatasetLink, DatasetNode } from '../../core/dataset.ts';
import { summarize, type Summary } from './stats.ts';

/** The link types the product steps along in POTENTIAL mode (office hops aside), as a Cypher type union. */
export const STEP_TYPES = [...steppableTypes('POTENTIAL')].join('|');

const CONFIDENCE = `CASE r.confidence WHEN 'high' THEN 1.0 WHEN 'medium' THEN 0.7 ELSE 0.4 END`;

/**
 * (a) What a user writes first: one variable-length match over the same link types (direction ignored),
 * a decision-rank office at the end, dates filtered pairwise, then sorted by hops and evidence.
 */
export function naiveCypher(toGovernment: boolean): string {
  return `
MATCH p = (s:Entity {id: $from})-[rels:${STEP_TYPES}*1..5]-(dm:Person)-[o:HELD_OFFICE]->(g:Government${toGovernment ? ' {id: $to}' : ''})
WHERE o.rank IN ['head', 'leader']
  AND all(i IN range(0, size(rels) - 2) WHERE coalesce(rels[i].fromDay, -10000000) <= coalesce(rels[i + 1].toDay, 10000000))
  AND coalesce(last(rels).fromDay, -10000000) <= coalesce(o.toDay, 10000000)
  AND all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
WITH p, reduce(e = 1.0, r IN relationships(p) | e * ${CONFIDENCE}) AS evidence
RETURN [n IN nodes(p) | n.id] AS nodes, length(p) AS hops, evidence
ORDER BY hops ASC, evidence DESC
LIMIT 5`;
}

/** (b) Neo4j's own selector: the 5 shortest static paths; undirected, since one pattern cannot mix directions per type. */
export function shortestCypher(toGovernment: boolean): string {
  return `
MATCH p = SHORTEST 5 (s:Entity {id: $from})-[:${STEP_TYPES}]-{1,5}(dm:Person)-[o:HELD_OFFICE WHERE o.rank IN ['head', 'leader']]->(g:Government${toGovernment ? ' {id: $to}' : ''})
WITH p ORDER BY length(p) ASC LIMIT 5
RETURN [n IN nodes(p) | n.id] AS nodes, length(p) AS hops`;
}

export interface CypherBaselineResult {
  name: string;
  query: string;
  timeoutMs: number;
  planned: number;
  done: number;
  timeouts: number;
  errors: number;
  firstError?: string;
  /** Over every query, a timed-out one counted at the timeout (so a lower bound on the real latency). */
  summary?: Summary;
  /** Over the queries that finished only. */
  finished?: Summary;
  nonEmpty: number;
  samplesMs: number[];
}

export async function runCypherBaseline(
  driver: Driver,
  opts: { name: string; query: string; params: Record<string, unknown>[]; warmup: number; timeoutMs: number; capSeconds: number; log?: (l: string) => void },
): Promise<CypherBaselineResult> {
  const measured = opts.params.slice(opts.warmup);
  const out: CypherBaselineResult = {
    name: opts.name, query: opts.query.trim(), timeoutMs: opts.timeoutMs, planned: measured.length, done: 0, timeouts: 0, errors: 0, nonEmpty: 0, samplesMs: [],
  };
  const finished: number[] = [];
  // The raw driver on purpose (not store/neo4j.ts inSession): this is the baseline of Neo4j itself, timed without our layer.
  const runOne = async (params: Record<string, unknown>) => {
    const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
    const t0 = performance.now();
    try {
      const res = await session.executeRead((tx) => tx.run(opts.query, params), { timeout: opts.timeoutMs });
      return { ms: performance.now() - t0, rows: res.records.length, error: null as unknown };
    } catch (error) {
      return { ms: performance.now() - t0, rows: 0, error };
    } finally {
      await session.close();
    }
  };
  for (const params of opts.params.slice(0, opts.warmup)) await runOne(params);
  const deadline = performance.now() + opts.capSeconds * 1000;
  for (const params of measured) {
    if (performance.now() > deadline) break;
    const r = await runOne(params);
    out.done++;
    if (r.error) {
      const text = String((r.error as { code?: string }).code ?? '') + ' ' + String((r.error as Error).message ?? r.error);
      if (/timed? ?out|Terminated|TransactionTimedOut/i.test(text)) {
        out.timeouts++;
        out.samplesMs.push(Math.max(r.ms, opts.timeoutMs));
      } else {
        out.errors++;
        out.firstError ??= text.slice(0, 300);
      }
      continue;
    }
    out.samplesMs.push(r.ms);
    finished.push(r.ms);
    if (r.rows > 0) out.nonEmpty++;
  }
  if (out.samplesMs.length) out.summary = summarize(out.samplesMs);
  if (finished.length) out.finished = summarize(finished);
  out.samplesMs = out.samplesMs.map((x) => Math.round(x * 100) / 100);
  opts.log?.(`  ${opts.name.padEnd(34)} n=${out.done} median ${out.summary?.median ?? '–'} ms p95 ${out.summary?.p95 ?? '–'} ms timeouts ${out.timeouts}/${out.done} (at ${opts.timeoutMs} ms) errors ${out.errors}${out.firstError ? ` (${out.firstError.slice(0, 120)})` : ''}`);
  return out;
}

export interface InProcessResult {
  name: string;
  buildMs: number;
  summary: Summary;
  nonEmpty: number;
  samplesMs: number[];
}

export function buildInProcess(data: SyntheticGraph): { graph: TemporalGraph; buildMs: number } {
  const t0 = performance.now();
  const graph = buildGraph(data.nodes, data.links);
  return { graph, buildMs: performance.now() - t0 };
}

/**
 * The engine call the API makes for the workload's GraphQL query (api/analyses.ts searchPaths): its default rank order
 * (the strongest evidence, re-ranking a pool of the fewest-hop paths), the channels a person took part in as the
 * product carried, and the API's 2 s budget. A bound that left out the re-ranking would time a cheaper query than
 * the one answered.
 */
function productQuery(from: string, opts: { to: PathTarget; time: 'RESPECTING' | 'IGNORE'; carrying?: (from: string) => string[] }): PathQuery {
  return {
    from: [from], to: opts.to, time: opts.time, mode: 'POTENTIAL', maxHops: 6, k: 5, rankBy: DEFAULT_RANK_BY,
    carrying: opts.carrying?.(from) ?? [], deadline: performance.now() + 2000,
  };
}

/** (c) The lower bound: the same engine call the API makes, on plain arrays, nothing else. */
export function runInProcess(
  graph: TemporalGraph,
  buildMs: number,
  opts: { name: string; sources: string[]; to: PathTarget; time: 'RESPECTING' | 'IGNORE'; warmup: number; carrying?: (from: string) => string[] },
): InProcessResult {
  const run = (from: string) =>
    influencePaths(graph, productQuery(from, opts));
  for (const s of opts.sources.slice(0, opts.warmup)) run(s);
  const samples: number[] = [];
  let nonEmpty = 0;
  for (const s of opts.sources.slice(opts.warmup)) {
    const t0 = performance.now();
    const r = run(s);
    samples.push(performance.now() - t0);
    if (r.paths.length > 0) nonEmpty++;
  }
  return { name: opts.name, buildMs, summary: summarize(samples), nonEmpty: nonEmpty / Math.max(1, samples.length), samplesMs: samples.map((x) => Math.round(x * 1000) / 1000) };
}

/**
 * (d) Issue 20's lower bound for a whole answer: the engine call of (c), then the answer's evidence (every node of the
 * paths, every hop's link with its ends, and the sources its citations name) taken from in-memory maps of the same
 * dataset and serialised with JSON.stringify. Nothing else of the API (GraphQL, arguments, the version check).
 */
export function runInProcessWithAnswer(
  graph: TemporalGraph,
  buildMs: number,
  dataset: Dataset,
  opts: { name: string; sources: string[]; to: PathTarget; time: 'RESPECTING' | 'IGNORE'; warmup: number; carrying?: (from: string) => string[] },
): InProcessResult {
  const nodes = new Map<string, DatasetNode>(dataset.nodes.map((n) => [n.id, n]));
  const links = new Map<string, DatasetLink>(dataset.links.map((l) => [l.id, l]));
  const brief = (id: string) => {
    const n = nodes.get(id);
    return n ? { id: n.id, name: n.name } : null;
  };
  const answer = (from: string): { bytes: number; paths: number } => {
    const r = influencePaths(graph, productQuery(from, opts));
    const cited = new Set<string>();
    const paths = r.paths.map((p, i) => ({
      rank: i + 1, hopCount: p.hops.length, arrival: p.arrival, certain: p.certain, evidence: p.evidence,
      source: brief(p.source), decisionMaker: p.target.personId ? brief(p.target.personId) : null,
      nodes: p.nodes.map((id) => nodes.get(id) ?? null),
      hops: p.hops.map((h) => {
        const link = links.get(h.link.id) ?? null;
        for (const c of link?.citations ?? []) cited.add(c.source);
        return { against: h.against, instant: h.instant ?? null, from: brief(h.fromId), to: brief(h.toId), link };
      }),
    }));
    for (const n of paths.flatMap((p) => p.nodes)) for (const c of n?.citations ?? []) cited.add(c.source);
    const text = JSON.stringify({ data: { influencePaths: { static: r.static, stopReason: r.stopReason, paths, sources: [...cited].map((id) => nodes.get(id) ?? null) } } });
    return { bytes: text.length, paths: r.paths.length };
  };
  for (const s of opts.sources.slice(0, opts.warmup)) answer(s);
  const samples: number[] = [];
  let nonEmpty = 0;
  for (const s of opts.sources.slice(opts.warmup)) {
    const t0 = performance.now();
    const r = answer(s);
    samples.push(performance.now() - t0);
    if (r.paths > 0) nonEmpty++;
  }
  return { name: opts.name, buildMs, summary: summarize(samples), nonEmpty: nonEmpty / Math.max(1, samples.length), samplesMs: samples.map((x) => Math.round(x * 1000) / 1000) };
}
