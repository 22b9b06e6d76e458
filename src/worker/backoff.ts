/**
 * How a worker waits between attempts of a poll or report that failed. The SDK retries each
 * call first (its retry strategy, see AWSSession); this is the worker's own outer loop, which never
 * gives up on its own.
 */
export interface RetryPolicy {
  /** Seconds before the first retry (default 0.5). */
  initialDelay: number;
  /** Longest wait between retries, in seconds (default 30). */
  maxDelay: number;
}

/** The policy used when none is given. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = { initialDelay: 0.5, maxDelay: 30 };

/** Fill a partial policy with the defaults, refusing nonsense. */
export function retryPolicy(given: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...given };
  for (const key of ["initialDelay", "maxDelay"] as const) {
    const value = policy[key];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`retry ${key} must be a number of seconds >= 0, got ${String(value)}`);
    }
  }
  return policy;
}

/**
 * Milliseconds to wait before retry number `attempt` (1-based): exponential, capped, with
 * "equal jitter" so a fleet of workers throttled together does not retry in lockstep.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelay, policy.initialDelay * 2 ** Math.max(0, attempt - 1)) * 1000;
  return ceiling / 2 + (ceiling / 2) * random();
}

/** Resolve after `ms`, or at once when `signal` aborts (never rejects). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
