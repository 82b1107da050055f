// Evidence for bottlenecks: time spent in each named Cypher query during a workload, and an in-process CPU profile.
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import type { Db } from '../../store/neo4j.ts';

export interface DbTimes {
  /** Per query name: calls and total ms (overlapping calls each count their own wall time). */
  byQuery: Record<string, { calls: number; ms: number }>;
}

/** Wraps db.read so every named query's wall time is recorded while `active` is set. */
export function instrumentDb(db: Db): { start(): void; stop(): DbTimes } {
  const original = db.read.bind(db);
  let current: DbTimes | null = null;
  db.read = async (name, params) => {
    const t0 = performance.now();
    try {
      return await original(name, params);
    } finally {
      if (current) {
        const slot = (current.byQuery[name] ??= { calls: 0, ms: 0 });
        slot.calls++;
        slot.ms += performance.now() - t0;
      }
    }
  };
  return {
    start() {
      current = { byQuery: {} };
    },
    stop() {
      const out = current ?? { byQuery: {} };
      current = null;
      for (const v of Object.values(out.byQuery)) v.ms = Math.round(v.ms * 10) / 10;
      return out;
    },
  };
}

export interface CpuHotspot {
  fn: string;
  where: string;
  selfMs: number;
  share: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Runs fn under the V8 sampling profiler; writes the .cpuprofile and returns the top self-time functions. */
export async function cpuProfile(file: string, fn: () => Promise<void>, top = 12): Promise<{ hotspots: CpuHotspot[]; totalMs: number; file: string }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    await fn();
  } finally {
    // stop below
  }
  const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number } };
  session.disconnect();
  await writeFile(file, JSON.stringify(profile));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, { fn: string; where: string; us: number }>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (!us) continue;
    const url = node.callFrame.url.replace(/^file:\/\//, '').replace(/^.*?\/(node_modules|api|bench|seed)\//, '$1/');
    const key = `${node.callFrame.functionName || '(anonymous)'}@${url}:${node.callFrame.lineNumber + 1}`;
    const slot = byFn.get(key) ?? { fn: node.callFrame.functionName || '(anonymous)', where: url ? `${url}:${node.callFrame.lineNumber + 1}` : '', us: 0 };
    slot.us += us;
    byFn.set(key, slot);
  }
  const totalUs = profile.endTime - profile.startTime;
  const hotspots = [...byFn.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((h) => ({ fn: h.fn, where: h.where, selfMs: Math.round(h.us / 100) / 10, share: Math.round((h.us / totalUs) * 1000) / 1000 }));
  return { hotspots, totalMs: Math.round(totalUs / 1000), file };
}
