/**
 * Timing several runners side by side in one process: warmed up alike, then sampled in rounds
 * in which a different runner goes first each time, so none always runs on another's garbage.
 */

/** The median ms of each of `runs` over `samples` rounds, after `warmUpRuns` untimed rounds. */
export async function alternatingMedians(runs: readonly (() => Promise<void>)[], warmUpRuns: number, samples: number): Promise<number[]> {
  for (let i = 0; i < warmUpRuns; i++) for (const run of runs) await run();
  const ms = runs.map(() => [] as number[]);
  for (let i = 0; i < samples; i++) {
    for (let k = 0; k < runs.length; k++) {
      const j = (i + k) % runs.length;
      const t0 = performance.now();
      await runs[j]!();
      ms[j]!.push(performance.now() - t0);
    }
  }
  return ms.map((values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  });
}
