/**
 * Runs one task's work under its time limits: `TimeoutSeconds` (from scheduling) ends it with
 * `States.Timeout`, `HeartbeatSeconds` (from when the heartbeat clock starts, reset by each
 * heartbeat) with `States.HeartbeatTimeout`. Writes the task's final event exactly once.
 * Whatever goes wrong in a timer, a settle handler or a listener of the task ends the task
 * (with a final `States.Runtime`), never escapes as an unhandled rejection or exception.
 */
import { TaskFailed, type TaskRequest } from "../interpreter/host.js";
import type { EngineClock, CancelTimer } from "../clock.js";
import { eventTextOf, type TaskEvents } from "./task-events.js";
import type { EventText } from "../interpreter/deferred-text.js";
import type { JsonValue } from "../../json.js";
import { exceedsPayloadLimit } from "../interpreter/json-util.js";

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
   * The result the work is about to give, `value`, is the JSON of `text` (parsed from it): the
   * task's success event and the run reuse the text instead of serializing the value again.
   */
  resultText(value: JsonValue, text: string): void;
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

/** The failure of a task whose result's text is `text`, when that text is past the payload limit. */
export function resultTooLarge(request: TaskRequest, text: EventText): TaskFailed | undefined {
  // A deferred text is surely short.
  if (typeof text !== "string" || !exceedsPayloadLimit(text)) return undefined;
  return new TaskFailed(
    "States.DataLimitExceeded",
    `The state/task '${resultSource(request.resource)}' returned a result with a size exceeding the maximum number of bytes service limit.`,
  );
}

/**
 * Write the success event of a task whose result is `value` (`known`: its JSON text, when the
 * work has it); a result past the payload limit is written as the task's failure instead, and
 * returned.
 */
export function recordSuccess(request: TaskRequest, events: TaskEvents, value: JsonValue, known?: string): TaskFailed | undefined {
  const text = eventTextOf(request, value, known);
  const failure = resultTooLarge(request, text);
  if (failure) events.failed(failure.error, failure.errorCause);
  else events.succeeded(text);
  return failure;
}

/** Write the failure event of a task whose work threw `error` (unless the work wrote it), and return the failure. */
export function recordFailure(events: TaskEvents, error: unknown): TaskFailed {
  const failure = toTaskFailed(error);
  if (!(failure instanceof ReportedTaskFailure)) events.failed(failure.error, failure.errorCause);
  return failure;
}

/** Work that answers at once, or later. */
export type TaskWork = (control: TaskControl) => JsonValue | Promise<JsonValue>;

/** How the task ended, for {@link Supervision.finish}. */
type Ending = "succeed" | "fail" | "stop" | "heartbeatTimeout" | "timeout" | "hostFailure";

/**
 * One task under supervision. A class rather than closures: a Lambda chain runs thousands of
 * tasks a second, and each would otherwise build a dozen functions and an AbortController it
 * rarely needs (the controller is made only when some work reads {@link signal}). Work that
 * answers at once (an in-process handler) is finished at once: no promise, no timer, no abort
 * listener (an abort meanwhile is seen when the work asks or returns, as the listener would have
 * seen it first); only work that waits gets them.
 */
export class Supervision implements TaskControl {
  /** While the work runs synchronously, its ending is kept here instead of settling a promise. */
  private inline = true;
  private outcome: unknown;
  private failed = false;
  private resolvePromise: ((value: JsonValue) => void) | undefined;
  private rejectPromise: ((reason: unknown) => void) | undefined;
  private settled = false;
  private listening = false;
  private cancelTimeout: CancelTimer | undefined;
  private cancelHeartbeat: CancelTimer | undefined;
  private controller: AbortController | undefined;
  private aborted = false;
  private abortReason: unknown;
  private knownResult: JsonValue | undefined;
  private knownText: string | undefined;

  constructor(
    private readonly request: TaskRequest,
    private readonly events: TaskEvents,
    private readonly clock: EngineClock,
  ) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      // An execution that stopped while the work ran (no listener yet) ends the task now.
      if (this.inline && !this.settled && this.request.signal.aborted) this.finish("stop", this.request.signal.reason);
      if (this.aborted) this.controller.abort(this.abortReason);
      // Work that holds the signal hears the execution stop while it runs.
      else this.listen();
    }
    return this.controller.signal;
  }

  throwIfAborted(): void {
    if (this.inline && !this.settled && this.request.signal.aborted) this.finish("stop", this.request.signal.reason);
    if (this.aborted) throw this.abortReason;
  }

  startHeartbeatClock(): void {
    const { heartbeatSeconds } = this.request;
    if (heartbeatSeconds === undefined || this.settled) return;
    this.cancelHeartbeat?.();
    this.cancelHeartbeat = this.clock.setTimer(() => this.finish("heartbeatTimeout", undefined), heartbeatSeconds * 1000);
  }

  heartbeat(): void {
    if (this.cancelHeartbeat) this.startHeartbeatClock();
  }

  resultText(value: JsonValue, text: string): void {
    this.knownResult = value;
    this.knownText = text;
  }

  guarded<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
    return (...args) => {
      try {
        callback(...args);
      } catch (error) {
        this.finish("hostFailure", error);
      }
    };
  }

  /** The execution's signal aborted (this object is its listener). */
  handleEvent(): void {
    this.finish("stop", this.request.signal.reason);
  }

  /** Run the work under the limits: its result (or throw) now when it answered at once, else a promise. */
  run(work: TaskWork): JsonValue | Promise<JsonValue> {
    const { request } = this;
    let running: JsonValue | Promise<JsonValue> | undefined;
    if (request.signal.aborted) {
      this.finish("stop", request.signal.reason);
    } else {
      try {
        running = work(this);
      } catch (error) {
        // Beside other threads, a failure too ends the task after a turn of the queue.
        if (request.runsAlone !== true) return this.wait(Promise.reject(error));
        this.finish("fail", error);
      }
      if (isPromiseLike(running)) return this.wait(running);
      // Beside other threads (a Parallel branch, a Map iteration), the task ends after a turn of
      // the queue, as work that waits does: sibling tasks then schedule before either ends.
      if (!this.settled && request.runsAlone !== true) return this.wait(Promise.resolve(running));
    }
    if (!this.settled && request.signal.aborted) this.finish("stop", request.signal.reason);
    this.finish("succeed", running);
    this.inline = false;
    if (this.failed) throw this.outcome;
    return this.outcome as JsonValue;
  }

  /** The work waits: from here on the task has its promise, its timeout and its abort listener. */
  private wait(running: PromiseLike<JsonValue | undefined>): Promise<JsonValue> {
    const { request } = this;
    this.inline = false;
    const promise = new Promise<JsonValue>((resolve, reject) => {
      this.resolvePromise = resolve;
      this.rejectPromise = reject;
    });
    if (this.settled) {
      // Ended while the work was starting (a guarded callback failed, the execution stopped).
      if (this.failed) this.rejectPromise!(this.outcome);
      else this.resolvePromise!(this.outcome as JsonValue);
    } else if (request.signal.aborted) {
      this.finish("stop", request.signal.reason);
    } else {
      this.listen();
      if (request.timeoutSeconds !== undefined) {
        this.cancelTimeout = this.clock.setTimer(() => this.finish("timeout", undefined), request.timeoutSeconds * 1000);
      }
    }
    running.then(
      (output) => this.finish("succeed", output ?? null),
      (error: unknown) => this.finish("fail", error),
    );
    return promise;
  }

  private listen(): void {
    if (this.listening || this.settled) return;
    this.listening = true;
    this.request.signal.addEventListener("abort", this, { once: true });
  }

  private resolve(value: JsonValue): void {
    if (this.inline) this.outcome = value;
    else this.resolvePromise!(value);
  }

  private reject(reason: unknown): void {
    if (this.inline) {
      this.failed = true;
      this.outcome = reason;
    } else {
      this.rejectPromise!(reason);
    }
  }

  /** End the task, once: write its last event, then resolve or reject. */
  private finish(ending: Ending, value: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.cancelTimeout?.();
    this.cancelHeartbeat?.();
    if (this.listening) this.request.signal.removeEventListener("abort", this);
    try {
      switch (ending) {
        case "succeed":
          return this.succeed(value as JsonValue);
        case "fail":
          return this.end(recordFailure(this.events, value));
        case "stop":
          return this.end(value);
        case "timeout":
        case "heartbeatTimeout": {
          const error = ending === "timeout" ? "States.Timeout" : "States.HeartbeatTimeout";
          this.events.timedOut(error);
          return this.end(new TaskFailed(error, ""));
        }
        case "hostFailure":
          return this.end(hostFailure(value));
      }
    } catch (error) {
      // The task's last event is written before it resolves or rejects.
      this.end(hostFailure(error));
    }
  }

  /** Reject with `reason`, aborting the work's signal with it. */
  private end(reason: unknown): void {
    this.abort(reason);
    this.reject(reason);
  }

  private succeed(output: JsonValue): void {
    const value = output ?? null;
    const failure = recordSuccess(this.request, this.events, value, value === this.knownResult ? this.knownText : undefined);
    if (failure) this.reject(failure);
    else this.resolve(value);
  }

  private abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.abortReason = reason;
    this.controller?.abort(reason);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<JsonValue> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}

/**
 * Run `work` for `request` under its limits: the result (or a throw of {@link TaskFailed}) at
 * once when the work answered at once, else a promise of it.
 */
export function superviseTask(request: TaskRequest, events: TaskEvents, clock: EngineClock, work: TaskWork): JsonValue | Promise<JsonValue> {
  return new Supervision(request, events, clock).run(work);
}

/** Run `work` for `request` under its limits; resolves with the result or rejects with {@link TaskFailed}. */
export function supervise(request: TaskRequest, events: TaskEvents, clock: EngineClock, work: TaskWork): Promise<JsonValue> {
  try {
    return Promise.resolve(superviseTask(request, events, clock, work));
  } catch (error) {
    return Promise.reject(error);
  }
}
