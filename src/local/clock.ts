/**
 * The engine's notion of time. Every timer the engine starts goes through one {@link EngineClock},
 * so `close()` can cancel them all and tests can shrink ASL's seconds with `timeScale`.
 */

/** Cancels a timer started by {@link EngineClock.setTimer}. */
export type CancelTimer = () => void;

/** Time source and timers of a local engine. */
export class EngineClock {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  /**
   * @param timeScale real milliseconds per ASL millisecond: `0.01` makes a 1-s heartbeat last
   *   10 ms, so tests of timeouts need no long waits.
   * @param nowMs the wall clock; injectable.
   */
  constructor(
    readonly timeScale = 1,
    private readonly nowMs: () => number = Date.now,
  ) {
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
      throw new RangeError(`timeScale must be a positive finite number, got ${String(timeScale)}`);
    }
  }

  /** Current time in ms since the epoch. */
  now(): number {
    return this.nowMs();
  }

  /** Run `fn` after `ms` ASL milliseconds (scaled); the returned function cancels it. */
  setTimer(fn: () => void, ms: number): CancelTimer {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, Math.max(0, ms * this.timeScale));
    this.timers.add(timer);
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
