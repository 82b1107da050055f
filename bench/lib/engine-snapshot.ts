// Issue 20, engine only (no Neo4j: at 1M and 10M links the database would not fit this machine beside the others).
// Run by bench/run.ts as a child process with its own heap cap, one phase per process:
//   write: a bench/synthetic.ts graph as the API's snapshot (assemble: participants, channels, buildGraph), its
//          memory, then the snapshot file written as the API writes it after a full build;
//   read:  a fresh process, as an API start: the file read and checked, the snapshot assembled, the first
//          influencePaths answered; the time from the process's start and its memory afterwards.
// Prints one JSON line (the last line of stdout).
import { seededRandom } from '../../web/seeded-random.ts';
import { DEFAULT_RANK_BY } from '../../api/analyses.ts';
import { influencePaths } from '../../engine/influence-paths.ts';
import { buildGraph } from '../../engine/graph.ts';
import { assemble } from '../../store/snapshot.ts';
import { readSnapshotFile, writeSnapshotFile, type SnapshotKey } from '../../store/snapshot-file.ts';
import { syntheticGraph } from '../synthetic.ts';

export interface EngineSnapshotInput {
  phase: 'write' | 'read';
  links: number;
  seed: number;
  dir: string;
}

export interface Memory {
  rssMb: number;
  heapUsedMb: number;
  /** ArrayBuffers (the engine's typed arrays) outside the JS heap. */
  arrayBuffersMb: number;
}

export interface EngineSnapshotOutput {
  phase: 'write' | 'read';
  links: number;
  nodes: number;
  /** write: the snapshot from the generated objects (participants, channels, buildGraph). */
  assembleMs?: number;
  /** buildGraph alone at this size (write: a second call on the same arrays). */
  buildGraphMs?: number;
  writeMs?: number;
  fileBytes?: number;
  /** read: the file read, checked (SHA-256) and decoded into nodes, links and sessions. */
  readMs?: number;
  /** read: from the process's start (node and module loading included) to the first answered path. */
  toFirstAnswerMs?: number;
  firstAnswerMs?: number;
  firstAnswerPaths?: number;
  /** CPU time (user + system) the process had used by then: steadier than wall time on a loaded machine. */
  cpuMs: number;
  /** Memory when the process began its work (node, tsx and the modules) and with the snapshot built (after a GC). */
  baseline: Memory;
  withSnapshot: Memory;
}

const KEY = (links: number): SnapshotKey => ({ identity: `bench/synthetic/${links}`, version: `synthetic-${links}`, sequence: 1 });
const mb = (b: number) => Math.round(b / 2 ** 20);

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function memory(): Memory {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), arrayBuffersMb: mb(m.arrayBuffers) };
}

async function write(input: EngineSnapshotInput): Promise<EngineSnapshotOutput> {
  const baseline = memory();
  const g = syntheticGraph(input.links, input.seed);
  // Element ids as Neo4j 5 writes them: "<kind>:<database id>:<number>".
  const elementIds = g.links.map((_, i) => `5:7f3c2a1e-0b9d-4e6f-8a5c-2d1e0f9a8b7c:${i}`);
  const nodes = new Map(g.nodes.map((n) => [n.id, n]));
  let t = performance.now();
  const snap = assemble(KEY(input.links).version, nodes, g.links, elementIds, g.sessions, t);
  const assembleMs = performance.now() - t;
  t = performance.now();
  buildGraph(g.nodes, g.links);
  const buildGraphMs = performance.now() - t;
  const withSnapshot = memory();
  t = performance.now();
  const fileBytes = await writeSnapshotFile(input.dir, KEY(input.links), snap);
  const writeMs = performance.now() - t;
  return { phase: 'write', links: snap.links.length, nodes: snap.nodes.size, assembleMs, buildGraphMs, writeMs, fileBytes, cpuMs: cpuMs(), baseline, withSnapshot };
}

async function read(input: EngineSnapshotInput): Promise<EngineSnapshotOutput> {
  const baseline = memory();
  const started = performance.now();
  const parts = await readSnapshotFile(input.dir, KEY(input.links));
  const readMs = performance.now() - started;
  let t = performance.now();
  const snap = assemble(KEY(input.links).version, parts.nodes, parts.links, parts.elementIds, parts.sessions, t, parts.built);
  const assembleMs = performance.now() - t;
  // The first question: a path from a channel's participant to a government, as the bench's workload asks.
  const random = seededRandom(input.seed * 1000 + 1);
  const channels = [...snap.participants.values()].filter((m) => m.length > 0);
  const members = channels[Math.floor(random() * channels.length)];
  const from = members[Math.floor(random() * members.length)];
  t = performance.now();
  const answer = influencePaths(snap.graph, { from: [from], to: { kind: 'government', id: 'government/israeli' }, time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 5, rankBy: DEFAULT_RANK_BY, deadline: performance.now() + 2000 });
  const firstAnswerMs = performance.now() - t;
  // performance.now() counts from the process's start: node, tsx and the modules are in it.
  const toFirstAnswerMs = performance.now();
  const cpu = cpuMs();
  return {
    phase: 'read', links: snap.links.length, nodes: snap.nodes.size, readMs, assembleMs, firstAnswerMs, toFirstAnswerMs,
    firstAnswerPaths: answer.paths.length, cpuMs: cpu, baseline, withSnapshot: memory(),
  };
}

const input = JSON.parse(process.argv[2]) as EngineSnapshotInput;
const output = input.phase === 'write' ? await write(input) : await read(input);
console.log(JSON.stringify(output));
