// Issue 20, engine only and in process (no Neo4j): what one edit costs the engine's graph when patched
// (engine/patch.ts patchGraph) beside a full buildGraph, and whether influencePaths keeps its p99 while edits
// stream in on the same event loop as the queries: patched in slices as the API patches (Snapshots.updated), and, for
// comparison, in one piece.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { buildGraph, linkEndsOf, type GraphLink, type TemporalGraph } from '../../engine/graph.ts';
import { DEFAULT_RANK_BY } from '../../api/analyses.ts';
import { influencePaths } from '../../engine/influence-paths.ts';
import { patchGraph, patchSteps, type GraphDelta } from '../../engine/patch.ts';
import { runStepsSliced } from '../../engine/steps.ts';
import { seededRandom } from '../../web/seeded-random.ts';
import type { SyntheticGraph } from '../synthetic.ts';
import { summarize, type Summary } from './stats.ts';

export type EditKind = 'change a link' | 'add a link' | 'retire a link' | 'add a node and its link' | 'retire a node and its links';
const KINDS: EditKind[] = ['change a link', 'add a link', 'retire a link', 'add a node and its link', 'retire a node and its links'];

export interface EnginePatchResult {
  /** buildGraph of the whole synthetic graph (median ms, and every run). */
  buildMs: number;
  buildRuns: number[];
  /** patchGraph per kind of edit (median ms over `runs` edits each, and every run). */
  patch: { kind: EditKind; medianMs: number; runs: number[] }[];
  /** Median over every edit of every kind. */
  patchMs: number;
  /** influencePaths in process, latency from when the query was issued (so time spent behind a patch counts). */
  stream?: StreamResult;
  /** The same stream with every patch run in one piece, blocking the loop (how edits were applied before slicing). */
  streamBlocking?: StreamResult;
}

export interface StreamResult {
  withoutEdits: Summary;
  withEdits: Summary;
  edits: number;
  /** Per edit: from its first step to the new graph (in slices: turns given to queries included). */
  editMs: Summary;
  /** In slices: the longest slice of any patch, the time a query may wait behind one. */
  longestSliceMs?: number;
  p99Ratio: number;
  seconds: number;
  /** Patches in slices (absent in runs from before slicing: those patched in one piece). */
  sliced?: boolean;
}

/** The next edit of a kind against the current graph: seeded, so two runs make the same edits. */
function editOf(kind: EditKind, g: TemporalGraph, random: () => number, serial: number): GraphDelta {
  const int = (n: number) => Math.floor(random() * n);
  const person = () => {
    for (;;) {
      const v = int(g.nodes.length);
      if (g.nodes[v].kind === 'Person') return g.nodes[v].id;
    }
  };
  const link = (): GraphLink => g.links[int(g.links.length)];
  const met = (id: string, from: string, to: string): GraphLink => ({ id, type: 'MET', from, to, confidence: 'medium', citations: [{ source: 'source/synthetic' }] });
  switch (kind) {
    case 'change a link': {
      const old = link();
      return { putLinks: [{ ...old, confidence: old.confidence === 'low' ? 'high' : 'low' }] };
    }
    case 'add a link':
      return { putLinks: [met(`link/bench-edit-${serial}`, person(), person())] };
    case 'retire a link':
      return { retireLinks: [link().id] };
    case 'add a node and its link': {
      const id = `person/bench-edit-${serial}`;
      return { putNodes: [{ id, kind: 'Person', name: `Edited ${serial}` }], putLinks: [met(`link/bench-node-${serial}`, id, person())] };
    }
    case 'retire a node and its links': {
      const id = person();
      const v = g.nodeIndex.get(id)!;
      const { from, to } = linkEndsOf(g);
      const links: string[] = [];
      for (let i = 0; i < from.length; i++) if (from[i] === v || to[i] === v) links.push(g.links[i].id);
      return { retireNodes: [id], retireLinks: links };
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

/** buildGraph vs patchGraph at this scale; with streamSeconds > 0 also the p99 of influencePaths with and without edits. */
export async function measureEnginePatch(synthetic: SyntheticGraph, opts: { seed: number; runs?: number; streamSeconds?: number; log: (line: string) => void }): Promise<EnginePatchResult> {
  const runs = Math.max(5, opts.runs ?? 5);
  const buildRuns: number[] = [];
  let graph!: TemporalGraph;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    graph = buildGraph(synthetic.nodes, synthetic.links);
    buildRuns.push(performance.now() - t);
  }
  const random = seededRandom(opts.seed * 7919 + 20);
  let serial = 0;
  const patch: EnginePatchResult['patch'] = [];
  for (const kind of KINDS) {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const delta = editOf(kind, graph, random, serial++);
      const t = performance.now();
      graph = patchGraph(graph, delta);
      times.push(performance.now() - t);
    }
    patch.push({ kind, medianMs: round(median(times)), runs: times.map(round) });
  }
  const result: EnginePatchResult = {
    buildMs: Math.round(median(buildRuns)), buildRuns: buildRuns.map(Math.round), patch,
    patchMs: round(median(patch.flatMap((p) => p.runs))),
  };
  opts.log(`[bench] engine graph after one edit (in process, ${synthetic.links.length} links): buildGraph ${result.buildMs} ms (${result.buildRuns.join(', ')}) · patchGraph median ${result.patchMs} ms: ${patch.map((p) => `${p.kind} ${p.medianMs} (${p.runs.join(', ')})`).join(' · ')}`);
  if (opts.streamSeconds) {
    result.stream = await measureStream(graph, synthetic, opts.seed, opts.streamSeconds, true, opts.log);
    result.streamBlocking = await measureStream(graph, synthetic, opts.seed, opts.streamSeconds, false, opts.log);
  }
  return result;
}

/**
 * influencePaths (participant → any decision-maker, RESPECTING, ≤ 6 hops, k 5, ranked as the API ranks) back to back for `seconds`, first
 * alone, then while a timer starts an edit every 100 ms; each query runs on the newest graph when it starts. Sliced, a
 * patch runs as Snapshots.updated runs it (engine/steps.ts, slices of about 4 ms), one at a time: a tick that comes
 * while one is under way starts none, as the API's updates queue one behind another. Blocking, the patch runs at once.
 */
async function measureStream(start: TemporalGraph, synthetic: SyntheticGraph, seed: number, seconds: number, sliced: boolean, log: (line: string) => void): Promise<StreamResult> {
  const members = [...synthetic.participants.values()].flat();
  const random = seededRandom(seed * 31 + 7);
  let current = start;
  const ask = () => influencePaths(current, {
    from: [members[Math.floor(random() * members.length)]], to: { kind: 'decisionMaker' },
    time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 5, rankBy: DEFAULT_RANK_BY,
  });
  const run = async (withEdits: boolean) => {
    const latencies: number[] = [];
    const editTimes: number[] = [];
    let longestSliceMs = 0;
    let serial = 1_000_000;
    const editRandom = seededRandom(seed * 131 + 3);
    let patching: Promise<void> | null = null;
    // Warm up on the graph as it stands (JIT, the target's bounds), before any edit: an edit's own cost is what is measured.
    for (let i = 0; i < 50; i++) ask();
    const timer = withEdits
      ? setInterval(() => {
          if (patching) return;
          const delta = editOf(KINDS[serial % KINDS.length], current, editRandom, serial++);
          const t = performance.now();
          if (!sliced) {
            current = patchGraph(current, delta);
            editTimes.push(performance.now() - t);
            return;
          }
          patching = runStepsSliced(patchSteps(current, delta)).then((run) => {
            current = run.value;
            editTimes.push(performance.now() - t);
            longestSliceMs = Math.max(longestSliceMs, run.longestSliceMs);
            patching = null;
          });
        }, 100)
      : null;
    const until = performance.now() + seconds * 1000;
    while (performance.now() < until) {
      const issued = performance.now();
      // A request arrives, then waits its turn on the event loop: a patch due now runs first.
      await yieldToLoop();
      ask();
      latencies.push(performance.now() - issued);
    }
    if (timer) clearInterval(timer);
    await patching;
    return { latencies, editTimes, longestSliceMs };
  };
  const without = await run(false);
  const withEdits = await run(true);
  const a = summarize(without.latencies);
  const b = summarize(withEdits.latencies);
  const result: StreamResult = {
    withoutEdits: a, withEdits: b, edits: withEdits.editTimes.length, editMs: summarize(withEdits.editTimes),
    ...(sliced ? { longestSliceMs: Math.round(withEdits.longestSliceMs * 10) / 10 } : {}),
    p99Ratio: Math.round((b.p99 / a.p99) * 100) / 100, seconds, sliced,
  };
  log(`[bench] influencePaths in process for ${seconds} s, patches ${sliced ? `in slices (longest ${result.longestSliceMs} ms)` : 'in one piece'}: without edits p50 ${a.median} / p99 ${a.p99} / max ${a.max} ms (${a.n} queries) · with an edit every 100 ms p50 ${b.median} / p99 ${b.p99} / max ${b.max} ms (${b.n} queries, ${result.edits} edits, patch p50 ${result.editMs.median} / max ${result.editMs.max} ms) · p99 ratio ${result.p99Ratio}`);
  return result;
}
