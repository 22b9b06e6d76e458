/**
 * Runs one task's work under its time limits: `TimeoutSeconds` (from scheduling) ends it with
 * `States.Timeout`, `HeartbeatSeconds` (from when the heartbeat clock starts, reset by each
 * heartbeat) with `States.HeartbeatTimeout`. Writes the task's final event exactly once.
 * Whatever goes wrong in a timer, a settle handler or a listener of the task ends the task
 * (with a final `States.Runtime`), never escapes as an unhandled rejection or exception.
 */
import { TaskFailed, type TaskRequest } from "../interpreter/host.js";
import type { EngineClock, CancelTimer } from "../clock.js";
import type { TaskEvents } from "./task-events.js";
import type { JsonValue } from "../../json.js";
import { MAX_PAYLOAD_BYTES } from "../../asl/limits.js";

/** A failure whose event the work already wrote (e.g. `ActivityScheduleFailed`). */
export class ReportedTaskFailure extends TaskFailed {}

/** What the work of a task can do about its time limits. */
export interface TaskControl {
  /** Aborted when the task times out or its execution stops (made when first read). */
  readonly signal: AbortSignal;
  /** Throw the abort reason if the task has ended; cheaper than reading {@link signal}. */
  throwIfAborted(): void;
  /** Start counting `HeartbeatSeconds` (when a worker takes the task, or the token is out). */
  startHeartbeatClock(): void;
  /** A heartbeat came: count `HeartbeatSeconds` again. */
  heartbeat(): void;
  /**
   * `callback` for a caller outside the task's promise (a socket listener, a timer): what it
   * throws fails the task with `States.Runtime` instead of reaching that caller.
   */
  guarded<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void;
}

/** Turn anything thrown by a task's work into the {@link TaskFailed} Retry/Catch see. */
export function toTaskFailed(error: unknown): TaskFailed {
  if (error instanceof TaskFailed) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  return new TaskFailed(err.name, err.message);
}

/** A failure of the host itself while running a task: final, as the interpreter treats `States.Runtime`. */
function hostFailure(error: unknown): TaskFailed {
  const message = error instanceof Error ? error.message : String(error);
  return new TaskFailed("States.Runtime", `The local engine failed while running the task: ${message}`);
}

/**
 * What AWS names as the source of a too-large task result: the service of an integration
 * (`arn:aws:states:::lambda:invoke` → `lambda`), else the resource's ARN (function, activity).
 */
function resultSource(resource: string): string {
  return /^arn:[^:]+:states:::([^:.]+)[:.]/.exec(resource)?.[1] ?? resource;
}

/**
 * One task under supervision. A class rather than closures: a Lambda chain runs thousands of
 * tasks a second, and each would otherwise build a dozen functions and an AbortController it
 * rarely needs (the controller is made only when some work reads {@link signal}).
 */
class Supervision implements TaskControl {
  readonly promise: Promise<JsonValue>;
  private resolve!: (value: JsonValue) => void;
  private reject!: (reason: unknown) => void;
  private settled = false;
  private cancelTimeout: CancelTimer | undefined;
  private cancelHeartbeat: CancelTimer | undefined;
  private controller: AbortController | undefined;
  private aborted = false;
  private abortReason: unknown;
  private readonly onStop = (): void =>
    this.settle(() => {
      this.abort(this.request.signal.reason);
      this.reject(this.request.signal.reason);
    });

  constructor(
    private readonly request: TaskRequest,
    private readonly events: TaskEvents,
    private readonly clock: EngineClock,
  ) {
    this.promise = new Promise<JsonValue>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.abortReason;
  }

  startHeartbeatClock(): void {
    const { heartbeatSeconds } = this.request;
    if (heartbeatSeconds === undefined || this.settled) return;
    this.cancelHeartbeat?.();
    this.cancelHeartbeat = this.clock.setTimer(() => this.timeOut("States.HeartbeatTimeout", ""), heartbeatSeconds * 1000);
  }

  heartbeat(): void {
    if (this.cancelHeartbeat) this.startHeartbeatClock();
  }

  guarded<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
    return (...args) => {
      try {
        callback(...args);
      } catch (error) {
        const failure = hostFailure(error);
        this.settle(() => {
          this.abort(failure);
          this.reject(failure);
        });
      }
    };
  }

  /** Start the limits and the work. */
  run(work: (control: TaskControl) => Promise<JsonValue>): void {
    const { request } = this;
    if (request.signal.aborted) {
      this.onStop();
      return;
    }
    request.signal.addEventListener("abort", this.onStop, { once: true });
    if (request.timeoutSeconds !== undefined) {
      this.cancelTimeout = this.clock.setTimer(() => this.timeOut("States.Timeout", ""), request.timeoutSeconds * 1000);
    }
    let running: Promise<JsonValue>;
    try {
      running = work(this);
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (output) => this.settle(() => this.succeed(output)),
      (error: unknown) =>
        this.settle(() => {
          const failure = toTaskFailed(error);
          if (!(failure instanceof ReportedTaskFailure)) this.events.failed(failure.error, failure.errorCause);
          this.abort(failure);
          this.reject(failure);
        }),
    );
  }

  private succeed(output: JsonValue): void {
    const value = output ?? null;
    const text = this.request.serialize ? this.request.serialize(value) : JSON.stringify(value);
    // Cheap bound first: UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (text.length * 3 > MAX_PAYLOAD_BYTES && Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
      const cause = `The state/task '${resultSource(this.request.resource)}' returned a result with a size exceeding the maximum number of bytes service limit.`;
      this.events.failed("States.DataLimitExceeded", cause);
      this.reject(new TaskFailed("States.DataLimitExceeded", cause));
      return;
    }
    this.events.succeeded(text);
    this.resolve(output ?? null);
  }

  private abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.abortReason = reason;
    this.controller?.abort(reason);
  }

  private timeOut(error: string, cause: string): void {
    this.settle(() => {
      this.events.timedOut(error, cause);
      const failure = new TaskFailed(error, cause);
      this.abort(failure);
      this.reject(failure);
    });
  }

  private settle(finish: () => void): void {
    if (this.settled) return;
    this.settled = true;
    this.cancelTimeout?.();
    this.cancelHeartbeat?.();
    this.request.signal.removeEventListener("abort", this.onStop);
    try {
      finish();
    } catch (error) {
      // finish() writes the task's last event before it resolves or rejects.
      const failure = hostFailure(error);
      this.abort(failure);
      this.reject(failure);
    }
  }
}

/** Run `work` for `request` under its limits; resolves with the result or rejects with {@link TaskFailed}. */
export function supervise(
  request: TaskRequest,
  events: TaskEvents,
  clock: EngineClock,
  work: (control: TaskControl) => Promise<JsonValue>,
): Promise<JsonValue> {
  const supervision = new Supervision(request, events, clock);
  supervision.run(work);
  return supervision.promise;
}
