// `npm run bench:engine` — channelReach, brokers and whoMetWhom timed in the engine alone, in process, on the seeded
// synthetic graphs (no Neo4j, no API): the part of issue 20 that must hold at 1M links on a machine that cannot load
// them into Neo4j. The queries are the HTTP workload's own (bench/run.ts draws them from the same seeded sequence).
//
//   npm run bench:engine                              1M links, 50 measured queries of each kind after 5 warm-up
//   options: --scales=10000,1000000  --queries=50  --warmup=5  --skip=whoMetWhom,brokers  --seed=7
//            --answers=file.json (write every answer, to compare two versions of the engine on the same queries)
// Also reachable as `npm run bench -- --engine-only [options]`. Run node with a capped heap at 1M (≤ 6 GB).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { buildGraph, type TemporalGraph } from '../engine/graph.ts';
import { brokers } from '../engine/brokers.ts';
import { channelReach } from '../engine/channel-reach.ts';
import { buildCoPresence, whoMetWhom } from '../engine/who-met-whom.ts';
import { seededRandom } from '../web/seeded-random.ts';
import { summarize, type Summary } from './lib/stats.ts';
import { syntheticGraph, type SyntheticGraph } from './synthetic.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface EngineQueryResult {
  name: string;
  summary: Summary;
  nonEmpty: number;
  samplesMs: number[];
}

export interface EngineScaleResult {
  label: string;
  links: number;
  buildGraphMs: number;
  coPresenceMs: number;
  queries: EngineQueryResult[];
}

interface EngineCalls {
  whoMetWhom: [string, string][];
  channelReach: string[];
  brokers: string[];
}

/**
 * The whoMetWhom, channelReach and brokers calls of bench/run.ts's workload, in its order: the same seeded generator,
 * drawn through the same sequence (sources, then whoMetWhom, neighbourhood, search, channelReach, brokers).
 */
export function workloadCalls(synthetic: SyntheticGraph, seed: number, n: number): EngineCalls {
  const random = seededRandom(seed * 1000 + 1);
  const int = (k: number) => Math.floor(random() * k);
  const channels = [...synthetic.participants.entries()].filter(([, m]) => m.length > 0);
  for (let i = 0; i < n; i++) {
    const [, members] = channels[int(channels.length)];
    int(members.length);
  }
  const people = synthetic.nodes.filter((x) => x.kind === 'Person').map((x) => x.id);
  const personAt = () => people[int(people.length)];
  const whoMetWhomCalls = Array.from({ length: n }, () => [personAt(), personAt()] as [string, string]);
  for (let i = 0; i < n; i++) personAt();
  for (let i = 0; i < n; i++) { int(people.length); int(4); }
  const channelReachCalls = Array.from({ length: n }, () => channels[int(channels.length)][0]);
  const brokersCalls = Array.from({ length: n }, () => channels[int(channels.length)][0]);
  return { whoMetWhom: whoMetWhomCalls, channelReach: channelReachCalls, brokers: brokersCalls };
}

function time<T>(run: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = run();
  return { ms: performance.now() - t0, value };
}

function measure<C, T>(name: string, calls: C[], warmup: number, run: (call: C) => T, nonEmpty: (value: T) => boolean, answers: unknown[] | null): EngineQueryResult {
  for (const call of calls.slice(0, warmup)) run(call);
  const samples: number[] = [];
  let found = 0;
  for (const call of calls.slice(warmup)) {
    const { ms, value } = time(() => run(call));
    samples.push(ms);
    if (nonEmpty(value)) found++;
    answers?.push({ name, call, value });
  }
  return { name, summary: summarize(samples), nonEmpty: found / Math.max(1, samples.length), samplesMs: samples.map((x) => Math.round(x * 1000) / 1000) };
}

export function runEngineScale(
  links: number,
  opts: { seed: number; queries: number; warmup: number; skip: string[]; log: (line: string) => void; answers?: unknown[] },
): EngineScaleResult {
  const label = links >= 1_000_000 ? `${links / 1_000_000}M` : `${Math.round(links / 1000)}k`;
  const synthetic = syntheticGraph(links, opts.seed);
  const built = time(() => buildGraph(synthetic.nodes, synthetic.links));
  const graph: TemporalGraph = built.value;
  const coPresence = time(() => buildCoPresence(graph, synthetic.sessions));
  opts.log(`[bench:engine] ${label}: ${synthetic.links.length} links, buildGraph ${built.ms.toFixed(0)} ms, co-presence ${coPresence.ms.toFixed(0)} ms`);
  const calls = workloadCalls(synthetic, opts.seed, opts.warmup + opts.queries);
  // As the API: a channel's participants deduplicated (store/snapshot.ts), POTENTIAL, 6 hops, the brokers' limit 20.
  const participantsOf = (channel: string) => [...new Set(synthetic.participants.get(channel) ?? [])];
  const answers = opts.answers ?? null;
  const out: EngineScaleResult = { label, links: synthetic.links.length, buildGraphMs: Math.round(built.ms), coPresenceMs: Math.round(coPresence.ms), queries: [] };
  const specs: (() => EngineQueryResult)[] = [
    () => measure('whoMetWhom', calls.whoMetWhom.filter(([a, b]) => a !== b), opts.warmup,
      ([a, b]) => whoMetWhom(coPresence.value, a, b, undefined, 5), (chains) => chains.length > 0, answers),
    () => measure('channelReach', calls.channelReach, opts.warmup,
      (channel) => channelReach(graph, channel, participantsOf(channel), { mode: 'POTENTIAL', maxHops: 6 }), (reach) => reach.bySide.length > 0, answers),
    () => measure('brokers', calls.brokers, opts.warmup,
      (channel) => brokers(graph, { sources: participantsOf(channel), target: { kind: 'decisionMaker' }, mode: 'POTENTIAL', maxHops: 6, candidates: 20, carrying: [channel] }),
      (ranked) => ranked.length > 0, answers),
  ];
  const names = ['whoMetWhom', 'channelReach', 'brokers'];
  specs.forEach((spec, i) => {
    if (opts.skip.some((x) => names[i].startsWith(x))) return;
    const r = spec();
    out.queries.push(r);
    opts.log(`  ${r.name.padEnd(14)} n=${r.summary.n} median ${r.summary.median} ms p95 ${r.summary.p95} ms p99 ${r.summary.p99} ms max ${r.summary.max} ms (non-empty ${Math.round(r.nonEmpty * 100)}%)`);
  });
  return out;
}

export function runEngineBench(args: string[]): EngineScaleResult[] {
  const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const scales = (option('scales') ?? '1000000').split(',').map(Number).filter((n) => n > 0);
  const seed = Number(option('seed') ?? 7);
  const queries = Number(option('queries') ?? 50);
  const warmup = Number(option('warmup') ?? 5);
  const skip = (option('skip') ?? '').split(',').filter(Boolean);
  const answersFile = option('answers');
  const log = (line: string) => console.log(line);
  log(`[bench:engine] scales ${scales.join(', ')}, ${queries} queries after ${warmup} warm-up, seed ${seed}, heap limit ${heapLimitMb()} MB`);
  const answers: unknown[] | undefined = answersFile ? [] : undefined;
  const results = scales.map((links) => runEngineScale(links, { seed, queries, warmup, skip, log, answers }));
  const outDir = path.join(HERE, 'out');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `engine-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ startedAt: new Date().toISOString(), seed, queries, warmup, scales: results }, null, 1));
  if (answersFile) writeFileSync(answersFile, JSON.stringify(answers));
  log(`[bench:engine] wrote ${path.relative(path.resolve(HERE, '..'), file)}${answersFile ? ` and ${answersFile}` : ''}`);
  return results;
}

function heapLimitMb(): number {
  return Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runEngineBench(process.argv.slice(2));
