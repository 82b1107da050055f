// Issue 20: cold start and memory. Two parts, each runnable alone:
//   engineSnapshots: engine only, in child processes with their own heap cap (bench/lib/engine-snapshot.ts), at 1M
//     and (asked for explicitly) 10M links: snapshot build time, the snapshot file written and read back, the time from
//     a process's start to its first answered path from the file, and RSS and heap per million links;
//   measureColdStart: end to end on a scale's real Neo4j: buildApp → first answered influencePaths, with the snapshot
//     file (a previous start wrote it) and without (SNAPSHOT_CACHE_DIR=off: the three whole-graph Cypher reads).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../api/app.ts';
import { readConfig } from '../../store/config.ts';
import type { EngineSnapshotInput, EngineSnapshotOutput } from './engine-snapshot.ts';
import * as Q from './queries.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

export interface EngineSnapshotResult {
  links: number;
  heapCapMb: number;
  write: EngineSnapshotOutput | null;
  /** Each fresh-process start from the file; the report shows their medians. */
  reads: EngineSnapshotOutput[];
  /** 1/5/15-minute load average when this size began: the machine is shared. */
  loadAverage: number[];
  error?: string;
}

export interface ColdStartResult {
  /** buildApp → first answered influencePaths, per start (ms). */
  withoutFile: number[];
  withFile: number[];
  /** The same start in a fresh process (as `npm start`), from the process's own start, module loading included (ms). */
  withFileProcess?: number[];
  /** The file's write after the full build (ms, bytes). */
  writeMs: number;
  error?: string;
}

/** Runs a bench script in a child process and returns the JSON of the last line it prints. */
function lastJsonLine<T>(args: string[], what: string, env: NodeJS.ProcessEnv = process.env): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.once('error', reject);
    proc.once('close', (code) => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as T);
      } catch {
        reject(new Error(`${what} exited ${code} without a result`));
      }
    });
  });
}

function child(input: EngineSnapshotInput, heapMb: number): Promise<EngineSnapshotOutput> {
  return lastJsonLine(['--expose-gc', `--max-old-space-size=${heapMb}`, '--import', 'tsx', path.join(HERE, 'engine-snapshot.ts'), JSON.stringify(input)], `engine-snapshot ${input.phase} at ${input.links} links`);
}

/** Engine only at each size: one process builds the snapshot and writes its file, then `reads` fresh processes start from it. */
export async function engineSnapshots(sizes: number[], opts: { seed: number; reads: number; log: (l: string) => void }): Promise<EngineSnapshotResult[]> {
  const results: EngineSnapshotResult[] = [];
  for (const links of sizes) {
    // 1M fits in 6 GB of heap; 10M (the generator's objects, the snapshot and the file's columns) needs 10 GB.
    const heapCapMb = links > 1_000_000 ? 10_240 : 6_144;
    const dir = mkdtempSync(path.join(os.tmpdir(), `backchannel-engine-snapshot-${links}-`));
    const result: EngineSnapshotResult = { links, heapCapMb, write: null, reads: [], loadAverage: os.loadavg() };
    try {
      opts.log(`[bench] engine-only snapshot at ${links} links (heap cap ${heapCapMb} MB): build and write the file …`);
      result.write = await child({ phase: 'write', links, seed: opts.seed, dir }, heapCapMb);
      const w = result.write;
      opts.log(`  built in ${Math.round(w.assembleMs!)} ms (buildGraph ${Math.round(w.buildGraphMs!)} ms), RSS ${w.withSnapshot.rssMb} MB, file ${(w.fileBytes! / 2 ** 20).toFixed(0)} MiB written in ${Math.round(w.writeMs!)} ms`);
      // One start at 10M: each takes minutes on this machine.
      const reads = links > 1_000_000 ? 1 : opts.reads;
      for (let i = 0; i < reads; i++) {
        const r = await child({ phase: 'read', links, seed: opts.seed, dir }, heapCapMb);
        result.reads.push(r);
        opts.log(`  start ${i + 1}: first answer ${Math.round(r.toFirstAnswerMs!)} ms after the process started (file read ${Math.round(r.readMs!)} ms, assemble ${Math.round(r.assembleMs!)} ms, first query ${Math.round(r.firstAnswerMs!)} ms; CPU ${Math.round(r.cpuMs)} ms), RSS ${r.withSnapshot.rssMb} MB`);
      }
    } catch (err) {
      result.error = (err as Error).message;
      opts.log(`[bench] engine-only snapshot at ${links} links FAILED: ${result.error}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    results.push(result);
  }
  return results;
}

/** One fresh API process (bench/lib/api-start.ts) from its start to its first answer, which must come from the file. */
async function freshStart(input: ApiStartInput): Promise<number> {
  const r = await lastJsonLine<{ ms: number; source: string | undefined }>(['--import', 'tsx', path.join(HERE, 'api-start.ts'), JSON.stringify(input)], 'a fresh API process', { ...process.env, NODE_ENV: 'production' });
  if (r.source !== 'file') throw new Error(`a fresh API process built its snapshot from ${r.source}, not the file`);
  return r.ms;
}

export interface ApiStartInput { uri: string; password: string; cacheDir: string; from: string; to: string }

/** buildApp as the API starts, and its first influencePaths; the caller closes the app. */
export async function startAndAnswer(input: ApiStartInput) {
  const config = readConfig({ NEO4J_URI: input.uri, NEO4J_PASSWORD: input.password, LOG_LEVEL: 'silent', QUERY_TIMEOUT_MS: '120000', RATE_LIMIT_MAX: '1000000', SNAPSHOT_CACHE_DIR: input.cacheDir });
  const app = await buildApp(config, { neo4jUri: input.uri, logger: false, serveWeb: false });
  const variables = { from: input.from, to: input.to, time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 5 };
  const res = await app.inject({ method: 'POST', url: '/graphql', payload: { query: Q.INFLUENCE_PATHS, variables } });
  const answeredAt = performance.now();
  const body = res.json() as { errors?: { message: string }[] };
  if (body.errors) {
    await app.close();
    throw new Error(`influencePaths failed: ${body.errors[0].message}`);
  }
  return { app, answeredAt, source: app.snapshots.lastFullBuild?.source };
}

/**
 * End to end on a loaded database: each start is a new buildApp (as `npm start` makes it once Neo4j is up) and its
 * first influencePaths, timed from before buildApp to the answer. Without the file: SNAPSHOT_CACHE_DIR=off.
 */
export async function measureColdStart(
  neo: { uri: string; password: string },
  query: { from: string; to: string },
  opts: { links: number; log: (l: string) => void },
): Promise<ColdStartResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backchannel-cold-start-'));
  const result: ColdStartResult = { withoutFile: [], withFile: [], writeMs: 0 };
  const startOnce = async (cacheDir: string, expectFile: boolean | null) => {
    const t0 = performance.now();
    const { app, answeredAt, source } = await startAndAnswer({ uri: neo.uri, password: neo.password, cacheDir, ...query });
    try {
      const ms = answeredAt - t0;
      if (expectFile !== null && (source === 'file') !== expectFile) throw new Error(`the snapshot came from ${source}, expected ${expectFile ? 'the file' : 'Neo4j'}`);
      const w = performance.now();
      await app.snapshots.persisting;
      return { ms, writeMs: performance.now() - w };
    } finally {
      await app.close();
    }
  };
  try {
    const runsWithout = opts.links >= 1_000_000 ? 1 : 2;
    for (let i = 0; i < runsWithout; i++) result.withoutFile.push((await startOnce('off', false)).ms);
    // The start that writes the file (a full build), then starts that read it.
    result.writeMs = (await startOnce(dir, false)).writeMs;
    for (let i = 0; i < 3; i++) result.withFile.push((await startOnce(dir, true)).ms);
    result.withFileProcess = [];
    for (let i = 0; i < 3; i++) result.withFileProcess.push(await freshStart({ uri: neo.uri, password: neo.password, cacheDir: dir, ...query }));
    opts.log(`[bench] cold start (buildApp → first influencePaths): without the snapshot file ${result.withoutFile.map(Math.round).join(', ')} ms · with it ${result.withFile.map(Math.round).join(', ')} ms in this process, ${result.withFileProcess.map(Math.round).join(', ')} ms as a fresh API process (file written in ${Math.round(result.writeMs)} ms after the full build)`);
  } catch (err) {
    result.error = (err as Error).message;
    opts.log(`[bench] cold start FAILED: ${result.error}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
