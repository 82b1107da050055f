// `npm run bench` — the performance benchmark of issue 8. Per scale (10k, 100k, 1M links): a seeded synthetic
// graph → a fresh embedded Neo4j → schema → the product's bulk loader → the API (buildApp) → the query workload,
// the baselines (naive Cypher, SHORTEST k, the engine in-process) and HTTP load (autocannon); then the UI render
// timing in headless chromium. Writes bench/out/run-<time>.json and bench/RESULTS.md.
//
//   npm run bench                      all three scales (≤ 30 min on 2 cores)
//   npm run bench -- --quick           10k only, fewer HTTP seconds and UI runs (< 3 min)
//   options: --scales=10000,100000  --skip=whoMetWhom,brokers,offline-import  --skip-http  --skip-ui  --ui-only[=run.json]
//            --no-results (do not rewrite RESULTS.md)  --report[=run.json] [--note="…"] (RESULTS.md from a saved run)
//   npm run bench -- --engine-patch --scales=1000000   issue 20's engine part alone, in process, no Neo4j: patchGraph
//            vs buildGraph after one edit, and influencePaths p99 with and without a stream of edits (--stream-seconds=20)
//            --engine-scales=1000000,10000000 (issue 20's engine-only snapshot, cold start and memory; default 1M in a
//            full run; --skip=engineSnapshot,coldStart skips either part; --skip=stream leaves out the edit stream that a
//            full run measures at its largest scale)  --section-only (rewrite only that section
//            of RESULTS.md, e.g. after `--scales=100000 --engine-scales=1000000 --skip-http --skip-ui --skip=…`)
//   npm run bench -- --engine-only [--scales=1000000 --queries=50 …]   channelReach, brokers, whoMetWhom in the engine
//            alone, no Neo4j (bench/engine.ts; also `npm run bench:engine`)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app.ts';
import { Snapshots } from '../store/snapshot.ts';
import { readConfig } from '../store/config.ts';
import { schemaStatements } from '../store/cypher.ts';
import { createDriver } from '../store/neo4j.ts';
import { seededRandom } from '../web/seeded-random.ts';
import type { PathTarget } from '../engine/influence-paths.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../neo4j/embedded.ts';
import { applySchema, loadDataset } from '../store/load.ts';
import { measureOfflineImport } from './lib/offline-import.ts';
import { runEngineBench } from './engine.ts';
import { buildInProcess, naiveCypher, runCypherBaseline, runInProcess, runInProcessWithAnswer, shortestCypher, type CypherBaselineResult, type InProcessResult } from './lib/baselines.ts';
import { generate } from './lib/dataset.ts';
import { measureEnginePatch, type EnginePatchResult } from './lib/patch.ts';
import { syntheticGraph } from './synthetic.ts';
import { cpuProfile, instrumentDb, type CpuHotspot, type DbTimes } from './lib/profile.ts';
import * as Q from './lib/queries.ts';
import { writeColdStartSection, writeResults } from './lib/report.ts';
import { engineSnapshots, measureColdStart } from './lib/cold-start.ts';
import type { HttpRun, RunResult, ScaleResult } from './lib/results.ts';
import { ratio } from './lib/stats.ts';
import { runUi, type UiResult } from './lib/ui.ts';
import { gql, runWorkload, type Call, type WorkloadResult } from './lib/workload.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const OUT = path.join(HERE, 'out');

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const QUICK = flag('quick');
const SCALES = (option('scales') ?? (QUICK ? '10000' : '10000,100000,1000000')).split(',').map(Number).filter((n) => n > 0);
const SEED = Number(option('seed') ?? 7);
const PROFILE = flag('profile') || !QUICK;
const SKIP = (option('skip') ?? '').split(',').filter(Boolean);
const ENGINE_SCALES = (option('engine-scales') ?? (QUICK ? '' : '1000000')).split(',').map(Number).filter((n) => n > 0);
const SECTION_ONLY = flag('section-only');

const ENGINE_PATCH_ONLY = flag('engine-patch');
const STREAM_SECONDS = Number(option('stream-seconds') ?? 20);
// The 1M scale holds the generated graph, the loader's rows, the API's snapshot and the in-process graph at once;
// the engine-only parts (--engine-patch, --engine-only) hold the synthetic graph and the engine's graph (a few
// versions of it): 6 GB at 1M (issue 20's memory rule).
const ENGINE_ALONE = ENGINE_PATCH_ONLY || flag('engine-only');
const wantHeapMb = ENGINE_ALONE ? (Math.max(...SCALES) >= 1_000_000 ? 6_144 : 4_096) : Math.max(...SCALES) >= 1_000_000 ? 10_240 : 4_096;

interface ScalePlan {
  links: number;
  label: string;
  heap: string;
  pagecache: string;
  queries: number;
  warmup: number;
  capSeconds: number;
  baselineQueries: number;
  baselineTimeoutMs: number;
  baselineCapSeconds: number;
  httpSeconds: number;
  httpWarmupSeconds: number;
}

function plan(links: number): ScalePlan {
  const label = links >= 1_000_000 ? `${links / 1_000_000}M` : `${Math.round(links / 1000)}k`;
  const big = links >= 1_000_000;
  return {
    links, label,
    // The loader writes a scale in one transaction, which Neo4j caps at 70% of the heap: 1M links need about 5 GB
    // of transaction state (a 6g heap failed at 97% of the links).
    heap: big ? '9g' : '2g',
    pagecache: big ? '2g' : '1g',
    queries: 200,
    warmup: 20,
    capSeconds: QUICK ? 15 : big ? 60 : 40,
    baselineQueries: QUICK ? 40 : 30,
    baselineTimeoutMs: QUICK ? 2_000 : 5_000,
    baselineCapSeconds: QUICK ? 12 : 45,
    httpSeconds: QUICK ? 2 : 6,
    httpWarmupSeconds: QUICK ? 1 : 2,
  };
}

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  const lscpu = spawnSync('lscpu', [], { encoding: 'utf8' }).stdout ?? '';
  const model = /Model name:\s*(.+)/.exec(lscpu)?.[1]?.trim() ?? cpus[0]?.model ?? 'unknown';
  return {
    cores: cpus.length,
    cpu: model,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** --report[=run.json]: rewrite RESULTS.md from a saved run (newest full run by default), adding any --note="…". */
function reportOnly(): void {
  const arg = args.find((a) => a === '--report' || a.startsWith('--report='))!;
  const name = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : readdirSync(OUT).filter((f) => /^run-.*\.json$/.test(f) && !f.includes('quick')).sort().pop();
  if (!name) throw new Error('no saved run in bench/out');
  const file = path.isAbsolute(name) ? name : path.join(OUT, path.basename(name));
  const run = JSON.parse(readFileSync(file, 'utf8')) as RunResult;
  const notes = args.filter((a) => a.startsWith('--note=')).map((a) => a.slice('--note='.length));
  if (notes.length) {
    run.notes = [...new Set([...(run.notes ?? []), ...notes])];
    writeFileSync(file, JSON.stringify(run, null, 1));
  }
  writeResults(path.join(HERE, 'RESULTS.md'), run);
  log(`[bench] bench/RESULTS.md rewritten from ${path.relative(ROOT, file)}`);
}

/** --engine-patch: issue 20's engine part per scale, no Neo4j; written to bench/out/engine-patch-<time>.json. */
async function enginePatchOnly(): Promise<void> {
  const results: { links: number; nodes: number; result: EnginePatchResult }[] = [];
  log(`[bench] engine patch only, scales ${SCALES.join(', ')} links, seed ${SEED}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores`);
  for (const links of SCALES) {
    const synthetic = syntheticGraph(links, SEED);
    log(`\n[bench] === ${synthetic.links.length} links, ${synthetic.nodes.length} nodes ===`);
    results.push({ links: synthetic.links.length, nodes: synthetic.nodes.length, result: await measureEnginePatch(synthetic, { seed: SEED, streamSeconds: STREAM_SECONDS, log }) });
  }
  const file = path.join(OUT, `engine-patch-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ machine: machine(), loadAverage: os.loadavg(), results }, null, 1));
  log(`[bench] → ${path.relative(ROOT, file)}`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  if (args.some((a) => a === '--report' || a.startsWith('--report='))) return reportOnly();
  if (ENGINE_PATCH_ONLY) return enginePatchOnly();
  if (flag('engine-only')) {
    runEngineBench(args);
    return;
  }
  const started = performance.now();
  const result: RunResult = { startedAt: new Date().toISOString(), quick: QUICK, seed: SEED, machine: machine(), scales: [], ui: null };
  log(`[bench] ${QUICK ? 'quick' : 'full'} run, scales ${SCALES.join(', ')} links, seed ${SEED}; ${result.machine.cores} cores, ${result.machine.memoryGb} GB, ${result.machine.cpu}`);
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const file = path.join(OUT, `run-${stamp}${QUICK ? '-quick' : ''}.json`);
  result.file = path.relative(ROOT, file);
  const save = () => writeFileSync(file, JSON.stringify(result, null, 1));

  let uiData: ReturnType<typeof generate>['synthetic'] | null = null;
  // --ui-only[=run.json]: the UI part alone, reported together with the scales of an earlier run (the newest
  // full run in bench/out by default), e.g. when the scales ran in a separate invocation.
  const uiOnly = args.find((a) => a === '--ui-only' || a.startsWith('--ui-only='));
  if (uiOnly) {
    const named = uiOnly.includes('=') ? uiOnly.split('=')[1] : null;
    const earlier = named ?? readdirSync(OUT).filter((f) => /^run-.*\.json$/.test(f) && !f.includes('quick')).sort().pop();
    if (earlier) {
      const previous = JSON.parse(readFileSync(path.isAbsolute(earlier) ? earlier : path.join(OUT, path.basename(earlier)), 'utf8')) as RunResult;
      result.scales = previous.scales;
      result.machine = { ...previous.machine, ...result.machine, neo4j: previous.machine.neo4j };
      result.combinedFrom = previous.file;
      log(`[bench] UI only; scales reported from ${previous.file} (started ${previous.startedAt})`);
    }
  }
  for (const links of uiOnly ? [] : SCALES) {
    const scale = await runScale(plan(links), result);
    result.scales.push(scale.result);
    if (!uiData) uiData = scale.synthetic;
    save();
    if (!flag('no-results') && !SECTION_ONLY) writeResults(path.join(HERE, 'RESULTS.md'), result);
  }

  if (ENGINE_SCALES.length && !SKIP.includes('engineSnapshot') && !uiOnly) {
    result.engineSnapshots = await engineSnapshots(ENGINE_SCALES, { seed: SEED, reads: 3, log });
    save();
  }

  if (!flag('skip-ui')) {
    log('[bench] UI: render + layout in headless chromium (the web app\'s GraphCanvas, the app\'s own layout: fCoSE below 1,500 elements, d3-force above)');
    const data = uiData ?? generate(10_000, SEED).synthetic;
    try {
      result.ui = await runUi(data, {
        outDir: OUT,
        sizes: QUICK ? [500, 2000] : [500, 2000, 5000],
        runs: QUICK ? 1 : 2,
        layouts: ['fcose'],
        log,
        profileSize: PROFILE ? 5000 : undefined,
      });
      if (!QUICK && result.ui.results.length) {
        // dagre stops at 2,000 elements: at 5,000 it took 110 s here (2026-11-22), which alone would break the 30-minute budget.
        const dagre = await runUi(data, { outDir: OUT, sizes: [500, 2000], runs: 1, layouts: ['dagre'], log });
        result.ui.results.push(...dagre.results);
      }
    } catch (err) {
      result.ui = { results: [], error: (err as Error).message };
      log(`[bench] UI failed: ${(err as Error).message}`);
    }
  }
  result.finishedAt = new Date().toISOString();
  result.totalSeconds = Math.round((performance.now() - started) / 1000);
  mergeEarlier(result);
  save();
  if (!flag('no-results')) (SECTION_ONLY ? writeColdStartSection : writeResults)(path.join(HERE, 'RESULTS.md'), result);
  log(`[bench] done in ${result.totalSeconds} s → ${path.relative(ROOT, file)}${flag('no-results') ? '' : ' and bench/RESULTS.md'}`);
}

/**
 * --merge=run.json[,run2.json…]: adds earlier runs' scales and engine-only sizes that this run did not measure (e.g. the 10M
 * engine-only part run alone, late, beside the 1M and 100k numbers of an earlier run), saying so in the notes.
 */
function mergeEarlier(result: RunResult): void {
  for (const name of (option('merge') ?? '').split(',').filter(Boolean)) mergeOne(result, name);
}

function mergeOne(result: RunResult, name: string): void {
  const earlier = JSON.parse(readFileSync(path.isAbsolute(name) ? name : path.join(OUT, path.basename(name)), 'utf8')) as RunResult;
  const scales = earlier.scales.filter((s) => !result.scales.some((x) => x.links === s.links));
  const engine = (earlier.engineSnapshots ?? []).filter((e) => !(result.engineSnapshots ?? []).some((x) => x.links === e.links));
  result.scales = [...scales, ...result.scales].sort((a, b) => a.links - b.links);
  result.engineSnapshots = [...engine, ...(result.engineSnapshots ?? [])].sort((a, b) => a.links - b.links);
  // The browser part too, when this run left it out (--skip-ui).
  const ui = !result.ui && earlier.ui ? earlier.ui : null;
  if (ui) result.ui = ui;
  const what = [...scales.map((s) => s.label), ...engine.map((e) => `engine-only ${e.links}`), ...(ui ? ['the browser part'] : [])].join(', ');
  if (what) result.notes = [...(result.notes ?? []), `Merged from ${earlier.file ?? name} (started ${earlier.startedAt}): ${what}.`];
}

async function runScale(p: ScalePlan, run: RunResult): Promise<{ result: ScaleResult; synthetic: ReturnType<typeof generate>['synthetic'] }> {
  log(`\n[bench] === ${p.label} links ===`);
  const data = generate(p.links, SEED);
  const { synthetic, dataset } = data;
  log(`[bench] generated ${dataset.nodes.length} nodes, ${dataset.links.length} links in ${data.generateMs.toFixed(0)} ms`);
  const out: ScaleResult = {
    label: p.label, links: dataset.links.length, nodes: dataset.nodes.length, generateMs: Math.round(data.generateMs),
    neo4jStartMs: 0, schemaMs: 0, load: { ms: 0, links: 0, nodes: 0, linksPerSec: 0 }, snapshotMs: null,
    workloads: [], dbTimes: {}, baselines: { naive: [], shortest: [], inProcess: [] }, http: [], profiles: {}, notes: [],
  };

  const dataDir = mkdtempSync(path.join(os.tmpdir(), `backchannel-bench-${p.label}-`));
  process.env.NEO4J_PAGECACHE = p.pagecache;
  let neo: EmbeddedNeo4j | null = null;
  out.notes.push(`Load average (1/5/15 min) at the start of this scale: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores.`);
  const alive = (phase: string) => {
    if (!neo) return;
    try {
      process.kill(neo.pid, 0);
    } catch {
      out.notes.push(`Neo4j (pid ${neo.pid}) was no longer running after: ${phase}.`);
      log(`[bench] Neo4j is gone after ${phase}`);
    }
  };
  let app: FastifyInstance | null = null;
  const driver = { current: null as ReturnType<typeof createDriver> | null };
  try {
    let t0 = performance.now();
    neo = await startEmbeddedNeo4j({ dataDir, heap: p.heap, log: (l) => { if (/error|exception/i.test(l) && !/neo4j: WARN/.test(l)) log(`  ${l}`); } });
    out.neo4jStartMs = Math.round(performance.now() - t0);
    log(`[bench] Neo4j (heap ${p.heap}, page cache ${p.pagecache}) ready at ${neo.uri} in ${out.neo4jStartMs} ms`);
    driver.current = createDriver(neo.uri, { neo4jUser: neo.user, neo4jPassword: neo.password });
    if (!run.machine.neo4j) {
      const res = await driver.current.executeQuery('CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition');
      const r = res.records[0];
      run.machine.neo4j = r ? `${r.get('name')} ${r.get('version')} ${r.get('edition')} (embedded, heap ${p.heap} at 1M: ${plan(1_000_000).heap}, page cache ${plan(1_000_000).pagecache})` : 'unknown';
    }

    t0 = performance.now();
    await applySchema(driver.current, schemaStatements());
    await driver.current.executeQuery('CALL db.awaitIndexes(300)');
    out.schemaMs = Math.round(performance.now() - t0);

    // Bulk load through the product's import path (store/load.ts loadDataset: batched UNWIND, one transaction).
    t0 = performance.now();
    let lastReport = 0;
    try {
      const loaded = await loadDataset(driver.current, dataset, {
        force: true,
        progress: (done, total) => {
          if (performance.now() - lastReport > 15_000) {
            lastReport = performance.now();
            log(`  loading ${done}/${total} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
          }
        },
      });
      const ms = performance.now() - t0;
      out.load = { ms: Math.round(ms), links: loaded.links, nodes: loaded.nodes, linksPerSec: Math.round(loaded.links / (ms / 1000)) };
      log(`[bench] loaded ${loaded.nodes} nodes and ${loaded.links} links in ${(ms / 1000).toFixed(1)} s: ${out.load.linksPerSec} links/s`);
    } catch (err) {
      out.load.error = (err as Error).message;
      log(`[bench] load FAILED: ${out.load.error}`);
      return { result: out, synthetic };
    }
    await driver.current.executeQuery('CALL db.awaitIndexes(600)');

    // The API on this database, as server.ts builds it (no web UI, no logs).
    // The per-client rate limit (default 1000 requests/min) would answer 429 to a load generator on loopback;
    // raised so the plugin still runs on every request but never limits.
    const config = readConfig({ NEO4J_URI: neo.uri, NEO4J_PASSWORD: neo.password, LOG_LEVEL: 'silent', QUERY_TIMEOUT_MS: '120000', RATE_LIMIT_MAX: '1000000', SNAPSHOT_CACHE_DIR: 'off' });
    out.notes.push('API run with QUERY_TIMEOUT_MS=120000 (default 10000) so that the snapshot projection can finish at every scale, and RATE_LIMIT_MAX=1000000 (default 1000 per minute per client) so that the load generator is not answered 429; PATH_BUDGET_MS left at its default (2000).');
    app = await buildApp(config, { neo4jUri: neo.uri, logger: false, serveWeb: false });
    await app.ready();
    const timer = instrumentDb(app.db);

    t0 = performance.now();
    try {
      const snap = await app.snapshots.current();
      out.snapshotMs = Math.round(performance.now() - t0);
      log(`[bench] engine snapshot (projection of ${snap.links.length} links from Neo4j + buildGraph) in ${out.snapshotMs} ms`);
      if (out.snapshotMs > 10_000) out.notes.push(`The snapshot projection took ${(out.snapshotMs / 1000).toFixed(1)} s: over the default QUERY_TIMEOUT_MS of 10 s.`);
    } catch (err) {
      out.snapshotError = (err as Error).message;
      log(`[bench] snapshot FAILED: ${out.snapshotError}`);
    }
    if (out.snapshotError === undefined) out.snapshotUpdate = await measureSnapshotUpdate(app);
    // The same edit's engine part alone, in process: patchGraph beside buildGraph on the synthetic graph.
    // At the run's largest scale also issue 20's stream: influencePaths p99 with and without an edit every 100 ms.
    const streamSeconds = p.links === Math.max(...SCALES) && !SKIP.includes('stream') ? STREAM_SECONDS : 0;
    if (out.snapshotUpdate) out.snapshotUpdate.engine = await measureEnginePatch(synthetic, { seed: SEED, log, streamSeconds });
    if (out.snapshotError === undefined && !SKIP.includes('coldStart')) {
      const from = [...synthetic.participants.values()].find((m) => m.length > 0)![0];
      out.coldStart = await measureColdStart({ uri: neo.uri, password: neo.password }, { from, to: synthetic.governments[0] }, { links: p.links, log });
    }

    // Seeded endpoints: sources are channel participants (as the engine's own benchmark), others uniform.
    const random = seededRandom(SEED * 1000 + 1);
    const int = (n: number) => Math.floor(random() * n);
    const n = p.queries + p.warmup;
    const channels = [...synthetic.participants.entries()].filter(([, m]) => m.length > 0);
    const sources = Array.from({ length: n }, () => {
      const [, members] = channels[int(channels.length)];
      return members[int(members.length)];
    });
    const people = synthetic.nodes.filter((x) => x.kind === 'Person').map((x) => x.id);
    const personAt = () => people[int(people.length)];
    const government = synthetic.governments[0];
    const influence = (from: string, to: string | null, time = 'RESPECTING'): Call => ({
      query: Q.INFLUENCE_PATHS, variables: { from, to, time, mode: 'POTENTIAL', maxHops: 6, k: 5 },
    });
    const hasPaths = (d: Record<string, unknown>) => ((d.influencePaths as { paths: unknown[] } | null)?.paths.length ?? 0) > 0;
    const specs: { name: string; calls: Call[]; nonEmpty?: (d: Record<string, unknown>) => boolean }[] = [
      { name: 'influencePaths → any decision-maker', calls: sources.map((s) => influence(s, null)), nonEmpty: hasPaths },
      { name: `influencePaths → ${government}`, calls: sources.map((s) => influence(s, government)), nonEmpty: hasPaths },
      { name: `influencePaths static → ${government}`, calls: sources.map((s) => influence(s, government, 'IGNORE')), nonEmpty: hasPaths },
      { name: 'whoMetWhom', calls: Array.from({ length: n }, () => ({ query: Q.WHO_MET_WHOM, variables: { a: personAt(), b: personAt(), window: null, k: 5 } })), nonEmpty: (d) => ((d.whoMetWhom as { chains: unknown[] } | null)?.chains.length ?? 0) > 0 },
      { name: 'neighbourhood (depth 2)', calls: Array.from({ length: n }, () => ({ query: Q.NEIGHBOURHOOD, variables: { id: personAt(), depth: 2, linkTypes: null, limit: 500 } })), nonEmpty: (d) => ((d.neighbourhood as { links: unknown[] } | null)?.links.length ?? 0) > 0 },
      { name: 'search', calls: Array.from({ length: n }, () => ({ query: Q.SEARCH, variables: { text: searchText(int, people.length), kinds: null, limit: 8 } })), nonEmpty: (d) => ((d.search as unknown[] | null)?.length ?? 0) > 0 },
      { name: 'channelReach', calls: Array.from({ length: n }, () => ({ query: Q.CHANNEL_REACH, variables: { channel: channels[int(channels.length)][0], maxHops: 6 } })), nonEmpty: (d) => ((d.channelReach as { sides: unknown[] } | null)?.sides.length ?? 0) > 0 },
      { name: 'brokers', calls: Array.from({ length: n }, () => ({ query: Q.BROKERS, variables: { channel: channels[int(channels.length)][0], maxHops: 6, limit: 20 } })), nonEmpty: (d) => ((d.brokers as unknown[] | null)?.length ?? 0) > 0 },
    ];
    log(`[bench] workload: ${p.queries} measured queries each after ${p.warmup} warm-up (cap ${p.capSeconds} s per query type), through app.inject`);
    const skip = (option('skip') ?? '').split(',').filter(Boolean);
    for (const spec of specs) {
      if (skip.some((x) => spec.name.startsWith(x))) {
        out.workloads.push({ name: spec.name, status: 'failed', note: `skipped (--skip=${skip.join(',')})${process.env.BENCH_SKIP_REASON ? `: ${process.env.BENCH_SKIP_REASON}` : ''}`, errors: 0, planned: p.queries, done: 0 });
        log(`  ${spec.name.padEnd(34)} skipped`);
        continue;
      }
      timer.start();
      const r = await runWorkload(app, { ...spec, warmup: p.warmup, capSeconds: p.capSeconds, log });
      out.dbTimes[spec.name] = timer.stop();
      if (r.status === 'not available' || r.status === 'failed') log(`  ${spec.name.padEnd(34)} ${r.status}: ${r.note ?? ''}`);
      out.workloads.push(r);
      const top = Object.entries(out.dbTimes[spec.name].byQuery).sort((a, b) => b[1].ms - a[1].ms).slice(0, 3);
      if (top.length) log(`    Neo4j time per query: ${top.map(([q, v]) => `${q} ${(v.ms / Math.max(1, r.done + p.warmup)).toFixed(1)} ms`).join(', ')}`);
    }
    alive('workload');

    // Profiles of the main query types (in-process CPU; Neo4j time shows up as idle and in dbTimes).
    if (PROFILE) {
      for (const [key, spec] of [['influencePaths', specs[1]], ['neighbourhood', specs[4]]] as const) {
        const calls = spec.calls.slice(p.warmup, p.warmup + 25);
        const prof = await cpuProfile(path.join(OUT, `profile-${p.label}-${key}.cpuprofile`), async () => {
          for (const c of calls) await gql(app!, c);
        });
        out.profiles[key] = { ...prof, file: path.relative(ROOT, prof.file) };
        log(`  profile ${key}: ${prof.hotspots.slice(0, 4).map((h) => `${h.fn} ${Math.round(h.share * 100)}%`).join(', ')}`);
      }
    }

    // (c) the lower bound: the engine in-process on plain arrays, same sources and targets.
    log('[bench] baselines');
    const { graph, buildMs } = buildInProcess(synthetic);
    // As the API's snapshot (store/snapshot.ts channelsOf): the channels a person took part in are the product carried.
    const channelsOf = new Map<string, string[]>();
    for (const [channel, members] of synthetic.participants) for (const m of new Set(members)) channelsOf.set(m, [...(channelsOf.get(m) ?? []), channel]);
    const carrying = (from: string) => channelsOf.get(from) ?? [];
    const targets: [string, PathTarget, 'RESPECTING' | 'IGNORE'][] = [
      ['in-process → any decision-maker', { kind: 'decisionMaker' }, 'RESPECTING'],
      [`in-process → ${government}`, { kind: 'government', id: government }, 'RESPECTING'],
      [`in-process static → ${government}`, { kind: 'government', id: government }, 'IGNORE'],
    ];
    for (const [name, to, time] of targets) {
      const r = runInProcess(graph, buildMs, { name, sources, to, time, warmup: p.warmup, carrying });
      out.baselines.inProcess.push(r);
      log(`  ${name.padEnd(34)} n=${r.summary.n} median ${r.summary.median} ms p95 ${r.summary.p95} ms p99 ${r.summary.p99} ms (buildGraph ${Math.round(buildMs)} ms)`);
    }
    // (d) issue 20's lower bound: the same search plus serialising the answer's nodes, links and citations.
    for (const [name, to, time] of targets.slice(0, 2)) {
      const r = runInProcessWithAnswer(graph, buildMs, dataset, { name: name.replace('in-process', 'in-process + answer'), sources, to, time, warmup: p.warmup, carrying });
      out.baselines.inProcess.push(r);
      log(`  ${r.name.padEnd(34)} n=${r.summary.n} median ${r.summary.median} ms p95 ${r.summary.p95} ms p99 ${r.summary.p99} ms`);
    }

    // (a) naive Cypher and (b) SHORTEST k, on the first sources of the same list (--skip=cypherBaselines: not run).
    if (!SKIP.includes('cypherBaselines')) {
          const bn = p.baselineQueries + 3;
      const baseParams = sources.slice(p.warmup - 3, p.warmup - 3 + bn).map((from) => ({ from, to: government }));
      for (const toGov of [false, true]) {
        const target = toGov ? government : 'any decision-maker';
        out.baselines.naive.push(await runCypherBaseline(driver.current, {
          name: `naive Cypher → ${target}`, query: naiveCypher(toGov), params: baseParams, warmup: 3, timeoutMs: p.baselineTimeoutMs, capSeconds: p.baselineCapSeconds, log,
        }));
        // SHORTEST k partitions by (start, end) pair: with any government as the end it is not the same question, and
        // Neo4j does not honour the transaction timeout inside it (one query ran 108 s at 10k), so only the one-government form.
        if (toGov) {
          out.baselines.shortest.push(await runCypherBaseline(driver.current, {
            name: `SHORTEST 5 (static) → ${target}`, query: shortestCypher(toGov), params: baseParams, warmup: 3, timeoutMs: p.baselineTimeoutMs, capSeconds: p.baselineCapSeconds, log,
          }));
        }
        alive('baselines');
      }
    }
    out.notes.push(`Baselines (a) and (b) ran ${p.baselineQueries} queries each (after 3 warm-up) on the first sources of the product's list, with a ${p.baselineTimeoutMs} ms transaction timeout.`);

    if (!flag('skip-http')) out.http = await runHttp(app, p, sources, government);
    alive('HTTP');
    out.notes.push(`Load average at the end of this scale: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}.`);
    const main = out.workloads[1]?.summary;
    const lower = out.baselines.inProcess[1]?.summary;
    if (main && lower) log(`[bench] influencePaths → government: product/in-process p95 ${ratio(main.p95, lower.p95)}×`);
    const withAnswer = out.baselines.inProcess.find((b) => b.name.startsWith('in-process + answer →') && b.name.includes('→ government'))?.summary;
    if (main && withAnswer) log(`[bench] influencePaths → government: product/(in-process + answer) p95 ${ratio(main.p95, withAnswer.p95)}× (issue 20: ≤ 10×)`);
  } finally {
    if (app) await app.close().catch(() => {});
    if (driver.current) await driver.current.close().catch(() => {});
    if (neo) await neo.stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Neo4j's offline importer through `npm run import -- --initial`, once this scale's database is stopped.
  if (!(option('skip') ?? '').split(',').includes('offline-import')) out.offlineImport = await measureOfflineImport(dataset, { heap: p.heap, log });
  return { result: out, synthetic };
}

function searchText(int: (n: number) => number, people: number): string {
  const k = int(people);
  const r = int(4);
  // Exact names, lower case, a prefix and a typo: what people type into the search box.
  return r === 0 ? `Person ${k}` : r === 1 ? `person ${k}` : r === 2 ? `pers ${String(k).slice(0, 3)}` : `Persn ${k}`;
}

async function runHttp(app: FastifyInstance, p: ScalePlan, sources: string[], government: string): Promise<HttpRun[]> {
  log(`[bench] HTTP: autocannon (separate process) ${p.httpSeconds} s per run after ${p.httpWarmupSeconds} s warm-up`);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
  const cheapBody = JSON.stringify({ query: Q.DATASET, variables: {} });
  const influenceBodies = sources.slice(p.warmup, p.warmup + 50).map((from) => JSON.stringify({ query: Q.INFLUENCE_PATHS, variables: { from, to: government, time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 5 } }));
  // The ceiling: a bare Fastify route answering the same bytes as the cheap query.
  const cheapReply = await app.inject({ method: 'POST', url: '/graphql', payload: cheapBody });
  const bare = Fastify({ logger: false });
  const cheapBytes = cheapReply.body;
  bare.post('/graphql', async (_req, reply) => reply.type('application/json; charset=utf-8').send(cheapBytes));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareAddress = bare.server.address();
  const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}/graphql`;
  const runs: HttpRun[] = [];
  try {
    for (const [target, targetUrl, bodies] of [
      ['bare Fastify (same bytes)', bareUrl, [cheapBody]],
      ['/graphql { dataset { version } }', url, [cheapBody]],
      [`/graphql influencePaths → ${government}`, url, influenceBodies],
    ] as const) {
      for (const connections of [1, 10, 50]) {
        const r = await loadWorker({ url: targetUrl, bodies: [...bodies], connections, duration: p.httpSeconds, warmupSeconds: p.httpWarmupSeconds });
        const run: HttpRun = { target, connections, ...r };
        runs.push(run);
        if (run.non2xx > 0) {
          const res = await fetch(targetUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[0] }).catch((e: Error) => ({ status: 0, text: async () => e.message }));
          run.sample = `${res.status} ${(await res.text()).slice(0, 300)}`;
        }
        log(`  ${target.padEnd(44)} c=${String(connections).padStart(2)}: ${Math.round(run.requestsPerSec)} req/s, median ${run.latency.median} ms, p99 ${run.latency.p99} ms${run.non2xx ? `, non-2xx ${run.non2xx} ${JSON.stringify(run.statusCodes ?? {})} e.g. ${run.sample ?? ''}` : ''}${run.errors ? `, errors ${run.errors}` : ''}`);
        await sleep(300);
      }
    }
  } finally {
    await bare.close();
  }
  return runs;
}

function loadWorker(input: { url: string; bodies: string[]; connections: number; duration: number; warmupSeconds: number }): Promise<Omit<HttpRun, 'target' | 'connections'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'lib', 'load-worker.ts'), JSON.stringify(input)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.once('error', reject);
    child.once('close', (code) => {
      try {
        const r = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
        resolve({ requestsPerSec: r.requestsPerSec, latency: r.latency, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, bytes: r.throughputBytesPerSec, statusCodes: r.statusCodes });
      } catch {
        reject(new Error(`load worker exited ${code} without a result: ${stdout.slice(0, 300)}`));
      }
    });
  });
}

// Entry (at the end: main() uses the constants above).
if (v8.getHeapStatistics().heap_size_limit / 2 ** 20 < wantHeapMb - 64 && !process.env.BENCH_RESPAWNED) {
  const child = spawn(process.execPath, [`--max-old-space-size=${wantHeapMb}`, '--import', 'tsx', fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit', env: { ...process.env, BENCH_RESPAWNED: '1' }, cwd: ROOT,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await main();
}

/**
 * Issue 20: what one edit costs the engine's snapshot, side by side. The incremental update (Snapshots.updated: the
 * changed node and link read by id, plus the node's links, applied to the previous snapshot, then buildGraph) is run
 * on an unchanged database with one link and one end of it named as changed, so it reads and rebuilds exactly what an
 * edit of them would; the full rebuild is a fresh Snapshots reading the whole projection, as a second API process does.
 */
async function measureSnapshotUpdate(app: FastifyInstance): Promise<NonNullable<ScaleResult['snapshotUpdate']>> {
  const runs = 5;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const snap = await app.snapshots.current();
  const link = snap.links[Math.floor(snap.links.length / 2)];
  const incremental: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const updated = await app.snapshots.updated({
      previousVersion: snap.version, version: snap.version,
      changes: [
        { kind: 'link', id: link.id, op: 'updated', after: { from: link.from, to: link.to } },
        { kind: 'node', id: link.from, op: 'updated', after: {} },
      ],
    });
    incremental.push(performance.now() - t);
    if (!updated || updated.links.length !== snap.links.length) throw new Error('bench: the incremental update fell back or lost links');
  }
  const full: number[] = [];
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    await new Snapshots(app.db).current();
    full.push(performance.now() - t);
  }
  const result = { incrementalMs: Math.round(median(incremental) * 10) / 10, fullMs: Math.round(median(full)), runs: { incremental: incremental.map(Math.round), full: full.map(Math.round) } };
  log(`[bench] snapshot after one edit: incremental update ${result.incrementalMs} ms (median of ${runs}: ${result.runs.incremental.join(', ')}) · full rebuild ${result.fullMs} ms (${result.runs.full.join(', ')})`);
  return result;
}
