// The verdicts bench/RESULTS.md prints beside each query: a wrong "met" would misreport the product's speed.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issue20Rows, replaceTargetRows, targetCell, writeResults } from '../../bench/lib/report.ts';

describe('bench report: p95 targets per query', () => {
  it('judges each query against its own limit at 1M links', () => {
    expect(targetCell('search', 29, 1_000_000)).toBe('p95 ≤ 20 ms (missed)');
    expect(targetCell('search', 19.8, 1_000_000)).toBe('p95 ≤ 20 ms (met)');
    expect(targetCell('neighbourhood (depth 2)', 80.8, 1_000_000)).toBe('p95 ≤ 50 ms (missed)');
    expect(targetCell('neighbourhood (depth 2)', 50, 1_000_000)).toBe('p95 ≤ 50 ms (met)');
    expect(targetCell('influencePaths → any decision-maker', 151, 1_000_000)).toBe('p95 ≤ 150 ms (missed)');
    expect(targetCell('influencePaths static → government/israeli', 18.9, 1_000_000)).toBe('p95 ≤ 150 ms (met)');
  });

  it('names the target without a verdict below 1M links, and none for queries without one', () => {
    expect(targetCell('search', 29, 100_000)).toBe('p95 ≤ 20 ms');
    expect(targetCell('search', undefined, 1_000_000)).toBe('p95 ≤ 20 ms');
    expect(targetCell('whoMetWhom', 2500, 1_000_000)).toBe('');
  });
});

describe('bench report: issue 20 target rows', () => {
  const summary = (p95: number) => ({ n: 10, min: p95 / 4, median: p95 / 2, mean: p95 / 2, p95, p99: p95, max: p95 });
  const scale = {
    label: '1M', links: 1_000_000, nodes: 300_000, generateMs: 0, neo4jStartMs: 0, schemaMs: 0,
    load: { ms: 0, links: 0, nodes: 0, linksPerSec: 0 }, snapshotMs: 0,
    snapshotUpdate: {
      incrementalMs: 30, fullMs: 40_000, runs: { incremental: [], full: [] },
      engine: {
        buildMs: 5000, buildRuns: [], patchMs: 20,
        patch: [{ kind: 'change a link' as const, medianMs: 10, runs: [] }, { kind: 'add a link' as const, medianMs: 70, runs: [] }],
        stream: { withoutEdits: summary(40), withEdits: summary(60), edits: 200, editMs: summary(5), p99Ratio: 1.5, seconds: 20 },
      },
    },
    coldStart: { withoutFile: [40_000], withFile: [9_000, 11_000, 9_500], writeMs: 1000 },
    offlineImport: { links: 1_000_000, ms: 60_000, importerLinksPerSec: 150_000, overallLinksPerSec: 16_000, steps: '' },
    workloads: [
      { name: 'channelReach', status: 'partial' as const, errors: 0, planned: 200, done: 3, summary: summary(900) },
      { name: 'brokers', status: 'ok' as const, errors: 0, planned: 200, done: 200, summary: summary(1200) },
      { name: 'whoMetWhom', status: 'ok' as const, errors: 0, planned: 200, done: 200, summary: summary(250) },
      { name: 'influencePaths → any decision-maker', status: 'ok' as const, errors: 0, planned: 200, done: 200, summary: summary(30) },
    ],
    dbTimes: {}, http: [], profiles: {}, notes: [],
    baselines: { naive: [], shortest: [], inProcess: [{ name: 'in-process + answer → any decision-maker', summary: summary(2) }] },
  };
  const run = { startedAt: '', quick: false, seed: 7, machine: {}, ui: null, scales: [scale] } as unknown as Parameters<typeof issue20Rows>[0];
  const row = (start: string) => issue20Rows(run).find((r) => r.startsWith(`| ${start}`)) ?? '';

  it('judges each target of the largest scale', () => {
    expect(row('No stall')).toContain('1.5×');
    expect(row('No stall')).toContain('✅ met');
    // The worst kind of edit decides, not the median over all of them.
    expect(row('Incremental update')).toContain('❌ missed (add a link)');
    expect(row('Cold start')).toContain('9500 ms');
    expect(row('Cold start')).toContain('✅ met');
    // A workload that hit its time cap is missed whatever the p95 of the few answered queries.
    expect(row('channelReach')).toContain('cap hit: 3 of 200');
    expect(row('channelReach')).toContain('❌ missed');
    expect(row('brokers')).toContain('❌ missed');
    expect(row('whoMetWhom')).toContain('✅ met');
    expect(row('search')).toContain('not run');
    expect(row('Evidence: influencePaths → any')).toContain('15× (p95');
    expect(row('Evidence: influencePaths → any')).toContain('❌ missed');
    expect(row('Bulk load')).toContain('✅ met');
    expect(row('Memory')).toContain('– n/a');
  });

  it('judges cold start by a fresh API process when the run has one, not by buildApp inside the bench', () => {
    const fresh = structuredClone(run) as typeof run;
    fresh.scales[0].coldStart = { withoutFile: [40_000], withFile: [9_000, 9_500, 9_200], withFileProcess: [12_000, 11_000, 13_000], writeMs: 1000 };
    const r = issue20Rows(fresh).find((x) => x.startsWith('| Cold start')) ?? '';
    expect(r).toContain('as a fresh API process');
    expect(r).toContain('9200 ms');
    expect(r).toContain('❌ missed');
  });

  it('misses the no-stall target when no query was answered during the edits, rather than printing NaN×', () => {
    const empty = { n: 0, min: NaN, median: NaN, mean: NaN, p95: NaN, p99: NaN, max: NaN };
    const stalled = structuredClone(run) as typeof run;
    stalled.scales[0].snapshotUpdate!.engine!.stream = { withoutEdits: summary(40), withEdits: empty, edits: 10, editMs: summary(5), p99Ratio: NaN, seconds: 20 };
    const r = issue20Rows(stalled).find((x) => x.startsWith('| No stall')) ?? '';
    expect(r).toContain('no query measured in 20 s with edits (10 edits');
    expect(r).not.toContain('NaN');
    expect(r).toContain('❌ missed');
  });

  it('a run of the cold-start part alone replaces only the cold-start and memory rows of the table, naming its run', () => {
    const full = ['intro', ...issue20Rows(run), 'after'].join('\n');
    const part = structuredClone(run) as typeof run;
    part.startedAt = '2026-12-04T02:00:00.000Z';
    part.file = 'bench/out/run-part.json';
    part.scales[0].coldStart = { withoutFile: [30_000], withFile: [5_000, 5_100, 5_200], withFileProcess: [6_000, 6_100, 6_200], writeMs: 900 };
    const out = replaceTargetRows(full, part).split('\n');
    const before = full.split('\n');
    const changed = out.map((l, i) => (l === before[i] ? null : l)).filter((l) => l !== null);
    expect(changed).toHaveLength(2);
    expect(changed[0]).toMatch(/^\| Cold start: .*6100 ms as a fresh API process.*\(from the run of 2026-12-04, this part alone: `bench\/out\/run-part.json`\) \| ✅ met \|$/);
    expect(changed[1]).toMatch(/^\| Memory: .*this part alone/);
    expect(out).toHaveLength(before.length);
  });

  it('writes a note given twice once (a --report rerun with the same --note)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-report-'));
    try {
      const file = path.join(dir, 'RESULTS.md');
      const noted = { ...run, machine: { cpu: 'x', cores: 2, memoryGb: 1, os: 'linux', node: 'v22' }, notes: ['first', 'second', 'first'] } as typeof run;
      writeResults(file, noted);
      const notes = readFileSync(file, 'utf8').split('## Notes on this run')[1]!.split('## Targets')[0]!;
      expect(notes.trim().split('\n')).toEqual(['- first', '- second']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
