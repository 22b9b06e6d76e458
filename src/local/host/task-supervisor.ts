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
  /** Aborted when the task times out or its execution stops. */
  signal: AbortSignal;
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

/** Run `work` for `request` under its limits; resolves with the result or rejects with {@link TaskFailed}. */
export function supervise(
  request: TaskRequest,
  events: TaskEvents,
  clock: EngineClock,
  work: (control: TaskControl) => Promise<JsonValue>,
): Promise<JsonValue> {
  const inner = new AbortController();
  return new Promise<JsonValue>((resolve, reject) => {
    let settled = false;
    let cancelTimeout: CancelTimer | undefined;
    let cancelHeartbeat: CancelTimer | undefined;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      cancelTimeout?.();
      cancelHeartbeat?.();
      request.signal.removeEventListener("abort", onStop);
      try {
        finish();
      } catch (error) {
        // finish() writes the task's last event before it resolves or rejects.
        const failure = hostFailure(error);
        inner.abort(failure);
        reject(failure);
      }
    };
    const timeOut = (error: string, cause: string): void =>
      settle(() => {
        events.timedOut(error, cause);
        const failure = new TaskFailed(error, cause);
        inner.abort(failure);
        reject(failure);
      });
    const onStop = (): void =>
      settle(() => {
        inner.abort(request.signal.reason);
        reject(request.signal.reason);
      });
    const armHeartbeat = (): void => {
      if (request.heartbeatSeconds === undefined || settled) return;
      cancelHeartbeat?.();
      cancelHeartbeat = clock.setTimer(() => timeOut("States.HeartbeatTimeout", ""), request.heartbeatSeconds * 1000);
    };
    if (request.signal.aborted) {
      onStop();
      return;
    }
    request.signal.addEventListener("abort", onStop, { once: true });
    if (request.timeoutSeconds !== undefined) {
      cancelTimeout = clock.setTimer(() => timeOut("States.Timeout", ""), request.timeoutSeconds * 1000);
    }
    const control: TaskControl = {
      signal: inner.signal,
      startHeartbeatClock: armHeartbeat,
      heartbeat: () => {
        if (cancelHeartbeat) armHeartbeat();
      },
      guarded:
        (callback) =>
        (...args) => {
          try {
            callback(...args);
          } catch (error) {
            const failure = hostFailure(error);
            settle(() => {
              inner.abort(failure);
              reject(failure);
            });
          }
        },
    };
    let running: Promise<JsonValue>;
    try {
      running = work(control);
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (output) =>
        settle(() => {
          const text = JSON.stringify(output ?? null);
          if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
            const cause = `The state/task '${resultSource(request.resource)}' returned a result with a size exceeding the maximum number of bytes service limit.`;
            events.failed("States.DataLimitExceeded", cause);
            reject(new TaskFailed("States.DataLimitExceeded", cause));
            return;
          }
          events.succeeded(text);
          resolve(output ?? null);
        }),
      (error: unknown) =>
        settle(() => {
          const failure = toTaskFailed(error);
          if (!(failure instanceof ReportedTaskFailure)) events.failed(failure.error, failure.errorCause);
          inner.abort(failure);
          reject(failure);
        }),
    );
  });
}
