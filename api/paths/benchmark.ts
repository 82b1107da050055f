// In-process timing of the engine on synthetic graphs: `npx tsx api/paths/benchmark.ts [links…]`.
import { buildGraph } from './graph.ts';
import { influencePaths, type PathQuery } from './influence-paths.ts';
import { seededRandom, syntheticGraph } from './synthetic.ts';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Wall time in ms, and CPU time in ms (less sensitive to other processes sharing the machine). */
function timed<T>(work: () => T): { value: T; wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const value = work();
  const wall = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { value, wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function summarize(label: string, times: number[], cpuTimes: number[], found: number, reasons: Map<string, number>): void {
  const sorted = [...times].sort((a, b) => a - b);
  const cpuSorted = [...cpuTimes].sort((a, b) => a - b);
  const reasonText = [...reasons].map(([r, n]) => `${r}=${n}`).join(' ');
  console.log(
    `  ${label.padEnd(32)} wall median ${percentile(sorted, 0.5).toFixed(2)} p95 ${percentile(sorted, 0.95).toFixed(2)} max ${sorted[sorted.length - 1].toFixed(2)} ms | ` +
      `cpu median ${percentile(cpuSorted, 0.5).toFixed(2)} p95 ${percentile(cpuSorted, 0.95).toFixed(2)} max ${cpuSorted[cpuSorted.length - 1].toFixed(2)} ms | ` +
      `with paths ${found}/${times.length} ${reasonText}`,
  );
}

function run(size: number, queries: number): void {
  const { value: data, wall: generated } = timed(() => syntheticGraph(size, 7));
  const { value: graph, wall: built, cpu: builtCpu } = timed(() => buildGraph(data.nodes, data.links));
  console.log(
    `${size} links requested: ${data.nodes.length} nodes, ${data.links.length} links, ${graph.arcTo.length} arcs; ` +
      `generated in ${generated.toFixed(0)} ms; buildGraph wall ${built.toFixed(0)} ms, cpu ${builtCpu.toFixed(0)} ms`,
  );

  const random = seededRandom(99);
  const channels = [...data.participants.entries()].filter(([, members]) => members.length > 0);
  const sources = Array.from({ length: queries }, () => {
    const [, members] = channels[Math.floor(random() * channels.length)];
    return members[Math.floor(random() * members.length)];
  });
  const government = data.governments[0];
  const targets: [string, PathQuery['to']][] = [
    ['to any decision-maker', { kind: 'decisionMaker' }],
    [`to ${government}`, { kind: 'government', id: government }],
  ];
  for (const [label, to] of targets) {
    for (const source of sources.slice(0, 5)) {
      influencePaths(graph, { from: [source], to, time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 5 });
    }
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const reasons = new Map<string, number>();
    let found = 0;
    for (const source of sources) {
      const { value: result, wall, cpu } = timed(() => influencePaths(graph, { from: [source], to, time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 5 }));
      times.push(wall);
      cpuTimes.push(cpu);
      if (result.paths.length > 0) found++;
      if (result.stopReason) reasons.set(result.stopReason, (reasons.get(result.stopReason) ?? 0) + 1);
    }
    summarize(label, times, cpuTimes, found, reasons);

    // Cold: a target (or exclusion set) not asked before pays for its reverse bounds once.
    const coldTimes: number[] = [];
    const coldCpuTimes: number[] = [];
    let coldFound = 0;
    for (const source of sources.slice(0, 10)) {
      graph.boundsCache.clear();
      const { value: result, wall, cpu } = timed(() => influencePaths(graph, { from: [source], to, time: 'RESPECTING', mode: 'POTENTIAL', maxHops: 6, k: 5 }));
      coldTimes.push(wall);
      coldCpuTimes.push(cpu);
      if (result.paths.length > 0) coldFound++;
    }
    summarize(`${label} (cold, 10 sources)`, coldTimes, coldCpuTimes, coldFound, new Map());
  }
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const size of sizes.length > 0 ? sizes : [100_000, 1_000_000]) run(size, 200);
