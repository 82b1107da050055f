import type { OfflineImportResult } from './offline-import.ts';
// The shape of one benchmark run as written to bench/out/*.json and read back by the report.
import type { EnginePatchResult } from './patch.ts';
import type { CypherBaselineResult, InProcessResult } from './baselines.ts';
import type { ColdStartResult, EngineSnapshotResult } from './cold-start.ts';
import type { CpuHotspot, DbTimes } from './profile.ts';
import type { runUi, UiResult } from './ui.ts';
import type { WorkloadResult } from './workload.ts';

export interface HttpRun {
  target: string;
  connections: number;
  requestsPerSec: number;
  latency: { median: number; p90: number; p97_5: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  bytes: number;
  statusCodes?: Record<string, number>;
  /** One answer fetched right after a run with non-2xx answers. */
  sample?: string;
}

export interface ScaleResult {
  label: string;
  links: number;
  nodes: number;
  generateMs: number;
  neo4jStartMs: number;
  schemaMs: number;
  load: { ms: number; links: number; nodes: number; linksPerSec: number; error?: string };
  snapshotMs: number | null;
  snapshotError?: string;
  /**
   * One edit's cost to the snapshot: incremental update vs full rebuild (median ms, and every run); `engine`, the
   * engine graph alone in process: patchGraph per kind of edit beside buildGraph.
   */
  snapshotUpdate?: { incrementalMs: number; fullMs: number; runs: { incremental: number[]; full: number[] }; engine?: EnginePatchResult };
  /** `npm run import -- --initial` of the same dataset into a new folder (Neo4j's offline importer). */
  offlineImport?: OfflineImportResult;
  /** Issue 20: buildApp → first answered influencePaths, with and without the snapshot file. */
  coldStart?: ColdStartResult;
  workloads: WorkloadResult[];
  dbTimes: Record<string, DbTimes>;
  baselines: { naive: CypherBaselineResult[]; shortest: CypherBaselineResult[]; inProcess: InProcessResult[] };
  http: HttpRun[];
  profiles: Record<string, { hotspots: CpuHotspot[]; totalMs: number; file: string }>;
  notes: string[];
}

export interface RunResult {
  startedAt: string;
  finishedAt?: string;
  totalSeconds?: number;
  quick: boolean;
  seed: number;
  machine: Record<string, string | number>;
  scales: ScaleResult[];
  ui: (Awaited<ReturnType<typeof runUi>> & { results: UiResult[] }) | null;
  file?: string;
  /** With --ui-only: the earlier run whose scales this report repeats. */
  combinedFrom?: string;
  /** Issue 20, engine only (no Neo4j): snapshot build, file, cold start and memory at 1M and 10M links. */
  engineSnapshots?: EngineSnapshotResult[];
  /** Free-text remarks added with --note="…" (e.g. product changes that landed during the run). */
  notes?: string[];
}
