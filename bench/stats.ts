/** Percentiles and rates for the benchmark's printed figures. */
export interface Stats {
  readonly samplesMs: readonly number[];
  readonly wallMs: number;
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly perSecond: number;
}

export function summarize(samplesMs: readonly number[], wallMs: number): Stats {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { samplesMs, wallMs, count: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), perSecond: (sorted.length / wallMs) * 1000 };
}

/** Runs `run` `runs` times, each timed on its own. */
export function timeRuns(run: () => unknown, runs: number): Stats {
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return summarize(samples, performance.now() - start);
}

export function formatStats(label: string, s: Stats): string {
  return `${label.padEnd(52)} n=${s.count}  p50 ${s.p50Ms.toFixed(4)} ms  p99 ${s.p99Ms.toFixed(4)} ms  ${Math.round(s.perSecond)} /s`;
}

/** A loop of integer work with no allocation: what a run costs on this machine apart from our code. */
function spin(iterations: number): number {
  let x = 0;
  for (let i = 0; i < iterations; i++) x = (x * 31 + i) | 0;
  return x;
}

/**
 * Times `run` and, interleaved with it, a fixed loop calibrated to the same median: on a shared
 * machine the loop's p99 is the tail the machine adds to any work of that length, our code or not.
 */
export function timeRunsWithFloor(run: () => unknown, runs: number): { run: Stats; floor: Stats } {
  const median = timeRuns(run, 21).p50Ms;
  const probe = 1_000_000;
  const perIteration = timeRuns(() => spin(probe), 21).p50Ms / probe;
  const iterations = Math.max(1, Math.round(median / perIteration));
  const samples: number[] = [];
  const floor: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
    t0 = performance.now();
    spin(iterations);
    floor.push(performance.now() - t0);
  }
  const wall = performance.now() - start;
  return { run: summarize(samples, wall), floor: summarize(floor, wall) };
}
