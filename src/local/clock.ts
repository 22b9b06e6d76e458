/**
 * The engine's notion of time. Every timer the engine starts goes through one {@link EngineClock},
 * so `close()` can cancel them all and tests can shrink ASL's seconds with `timeScale`.
 */

/** Cancels a timer started by {@link EngineClock.setTimer}. */
export type CancelTimer = () => void;

/** The longest delay one Node timer takes (`setTimeout` clamps anything longer to 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Time source and timers of a local engine. */
export class EngineClock {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  /**
   * @param timeScale real milliseconds per ASL millisecond: `0.01` makes a 1-s heartbeat last
   *   10 ms, so tests of timeouts need no long waits; `0` makes every ASL timer (Wait, Retry
   *   interval, TimeoutSeconds, HeartbeatSeconds) fire at the next turn of the event loop.
   * @param nowMs the wall clock; injectable.
   */
  constructor(
    readonly timeScale = 1,
    private readonly nowMs: () => number = Date.now,
  ) {
    if (!(timeScale >= 0) || !Number.isFinite(timeScale)) {
      throw new RangeError(`timeScale must be a finite number >= 0, got ${String(timeScale)}`);
    }
  }

  /** Current time in ms since the epoch. */
  now(): number {
    return this.nowMs();
  }

  /**
   * Run `fn` after `ms` ASL milliseconds (scaled); the returned function cancels it. A delay
   * longer than Node's timer limit (2^31 - 1 ms, about 24.8 days, which Node would clamp to
   * 1 ms) runs as a chain of timers, each at most that long.
   */
  setTimer(fn: () => void, ms: number): CancelTimer {
    return this.setRealTimer(fn, ms * this.timeScale);
  }

  /** Run `fn` after `ms` real milliseconds (not scaled: long polls, injected latency), chained past Node's limit. */
  setRealTimer(fn: () => void, ms: number): CancelTimer {
    let left = Math.max(0, ms);
    let timer: ReturnType<typeof setTimeout>;
    const arm = (): void => {
      const wait = Math.min(left, MAX_TIMER_MS);
      left -= wait;
      timer = setTimeout(() => {
        this.timers.delete(timer);
        if (left > 0) arm();
        else fn();
      }, wait);
      this.timers.add(timer);
    };
    arm();
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Resolve after `ms` ASL milliseconds, or reject with the signal's reason when it aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        cancel();
        reject(signal.reason);
      };
      const cancel = this.setTimer(() => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Cancel every pending timer (engine shutdown). */
  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
