/**
 * How long `Execution.wait` pauses between DescribeExecution calls, and the clock it pauses
 * with (injectable, so tests drive it with fake timers and benches with a simulated timeline).
 */

/** Time source and sleep of a poll loop. */
export interface WaitClock {
  /** Milliseconds since some fixed origin. */
  now(): number;
  /** Resolve after `ms` milliseconds; reject with the signal's reason once it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `Date.now` and `setTimeout` (both faked by vitest's fake timers). */
export const systemClock: WaitClock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};

/** Shortest pause between polls, in milliseconds. */
export const MIN_POLL_INTERVAL_MS = 50;
/** Longest pause between polls, in milliseconds. */
export const MAX_POLL_INTERVAL_MS = 15_000;

/**
 * The pause after `elapsedMs` of waiting: `0.3·t·(1 + t/4)` seconds for `t` seconds elapsed,
 * within [50 ms, 15 s]. Early on the pause is a small fraction of the time already waited,
 * so a sub-second execution is seen ending within tens of milliseconds; the quadratic term
 * then spaces polls out fast enough that a one-minute wait makes no more DescribeExecution
 * calls than sfini's fixed 3-second poll, and a long wait far fewer. The price is lateness of
 * a few seconds for executions of 5-15 s (bench/wait.ts prints the figures); pass
 * `pollInterval` to `wait` for another trade.
 */
export function pollIntervalMs(elapsedMs: number): number {
  const t = Math.max(0, elapsedMs) / 1000;
  const seconds = 0.3 * t * (1 + t / 4);
  return Math.round(Math.min(MAX_POLL_INTERVAL_MS, Math.max(MIN_POLL_INTERVAL_MS, seconds * 1000)));
}
