// Long engine work (a patch of a million-link graph) written as a generator that yields between chunks, so that one
// caller can run it to completion at once (runSteps: tests, benchmarks, scripts) and another can spread it over the
// event loop (runStepsSliced: the API, so that queries on the previous version go on being answered meanwhile).
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Work that yields nothing but "a chunk is done" and returns its result at the end. */
export type Steps<T> = Generator<void, T, void>;

/**
 * Loops yield once per this many iterations: about a millisecond of simple typed-array work. The loop itself belongs
 * in a plain function called per range, not in the generator: V8 does not optimise a generator's frame while it runs.
 */
export const CHUNK = 1 << 16;

/** Runs the steps to the end without giving the event loop a turn. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs fn over 0 … count - 1 in ranges of `size` (CHUNK unless told), yielding after each; fn is a plain loop. */
export function* inRanges(count: number, fn: (lo: number, hi: number) => void, size = CHUNK): Steps<void> {
  for (let lo = 0; lo < count; lo += size) {
    fn(lo, Math.min(count, lo + size));
    yield;
  }
}

/** Slices of at most about this long, then a turn of the event loop. */
export const SLICE_MS = 4;

/**
 * Runs the steps in slices of about sliceMs, giving the event loop a turn (setImmediate: pending I/O and timers go
 * first) between slices. The work must not depend on anything other code may change in between: a patch reads only
 * the previous, immutable graph and writes only arrays of its own.
 */
export async function runStepsSliced<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<{ value: T; slices: number; longestSliceMs: number }> {
  let slices = 0;
  let longestSliceMs = 0;
  for (;;) {
    const started = performance.now();
    const until = started + sliceMs;
    slices++;
    for (;;) {
      const r = steps.next();
      if (r.done) {
        longestSliceMs = Math.max(longestSliceMs, performance.now() - started);
        return { value: r.value, slices, longestSliceMs };
      }
      if (performance.now() >= until) break;
    }
    longestSliceMs = Math.max(longestSliceMs, performance.now() - started);
    await nextTurn();
  }
}
