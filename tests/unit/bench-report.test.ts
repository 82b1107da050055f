// The verdicts bench/RESULTS.md prints beside each query: a wrong "met" would misreport the product's speed.
import { describe, expect, it } from 'vitest';
import { targetCell } from '../../bench/lib/report.ts';

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
