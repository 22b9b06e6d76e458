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

/** The pause as a fraction of the time already waited. */
export const POLL_GROWTH = 0.45;

/**
 * The pause after `elapsedMs` of waiting: 45 % of the time already waited, within
 * [50 ms, 15 s]. Polls are thus spaced geometrically: an execution is seen ending at most
 * 45 % of its run time late (a sub-second one within tens of milliseconds, a 10-s one within
 * 4.5 s), a one-minute wait makes no more DescribeExecution calls than sfini's fixed 3-second
 * poll (21), and a long wait far fewer (4 a minute once the pause reaches its cap).
 * bench/wait.ts prints the figures; pass `pollInterval` to `wait` for another trade.
 */
export function pollIntervalMs(elapsedMs: number): number {
  const pause = POLL_GROWTH * Math.max(0, elapsedMs);
  return Math.round(Math.min(MAX_POLL_INTERVAL_MS, Math.max(MIN_POLL_INTERVAL_MS, pause)));
}
