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
export const MAX_POLL_INTERVAL_MS = 10_000;

/**
 * The pause after `elapsedMs` of waiting: `t/4 + t²/8` seconds for `t` seconds elapsed,
 * within [50 ms, 10 s]. The pause stays a small fraction of the time already waited, so
 * a short execution is seen ending within tens of milliseconds, while the quadratic term
 * spaces polls out fast enough that a one-minute wait makes no more calls than sfini's
 * fixed 3-second poll (see bench/wait.ts for the figures).
 */
export function pollIntervalMs(elapsedMs: number): number {
  const t = Math.max(0, elapsedMs) / 1000;
  const seconds = t / 4 + (t * t) / 8;
  return Math.round(Math.min(MAX_POLL_INTERVAL_MS, Math.max(MIN_POLL_INTERVAL_MS, seconds * 1000)));
}
