/**
 * The contract between the ASL interpreter (pure: walks states, transforms JSON, emits state
 * events) and the engine that hosts it (store, server, activity queues, Lambda handlers).
 *
 * Who emits which history event:
 * - host: `ExecutionStarted` before {@link runExecution} is called, and the execution's end
 *   (`ExecutionSucceeded` / `ExecutionFailed` / `ExecutionAborted` / `ExecutionTimedOut`)
 *   from the returned {@link ExecutionResult}; every resource event of a task
 *   (`ActivityScheduled/Started/Succeeded/Failed/TimedOut`, `LambdaFunction*`, `Task*`) through
 *   {@link TaskRequest.emit}, so each lands in the right thread of `previousEventId`s.
 * - interpreter: everything else (`*StateEntered/Exited`, `Map*`, `Parallel*`, `WaitState*`...).
 */
import type { JsonObject, JsonValue } from "../../json.js";

/** Append one history event of the calling thread; returns the new event's id. */
export type EmitEvent = (type: string, details?: JsonObject) => number;

/** A task failed: ASL's error name and cause (what Retry/Catch match on). */
export class TaskFailed extends Error {
  constructor(readonly error: string, readonly errorCause: string = "") {
    super(`${error}: ${errorCause}`);
    this.name = "TaskFailed";
  }
}

/** One Task state's call to its resource, as the host sees it. */
export interface TaskRequest {
  /** Execution ARN, for the Context object and nested executions. */
  executionArn: string;
  stateName: string;
  /** The Task's `Resource`, as written. */
  resource: string;
  /** Effective input after InputPath/Parameters (or JSONata `Arguments`). */
  input: JsonValue;
  /** Resolved `TimeoutSeconds` (from the field or its path), if any. */
  timeoutSeconds?: number;
  /** Resolved `HeartbeatSeconds`, if any. */
  heartbeatSeconds?: number;
  /** Task token for `.waitForTaskToken` resources (the Context object's `$$.Task.Token`). */
  taskToken?: string;
  /** Aborted when the execution is stopped or times out; the host must give up then. */
  signal: AbortSignal;
  /** Append a resource event (e.g. `ActivityScheduled`) in this task's thread. */
  emit: EmitEvent;
}

/** What the interpreter needs from its host. */
export interface InterpreterHost {
  /**
   * Run a Task's resource; resolve with its result, or reject with {@link TaskFailed}.
   * The host enforces `timeoutSeconds` and `heartbeatSeconds` (it alone sees heartbeats) and
   * emits the resource's events, including the timed-out ones.
   */
  invokeTask(request: TaskRequest): Promise<JsonValue>;
  /** A fresh task token (also used for `.waitForTaskToken`). */
  newTaskToken(): string;
  /** Current time in ms; injectable so tests and Wait states need no real sleeping. */
  now(): number;
  /** Resolve after `ms`, or reject with the signal's reason when aborted. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** How an execution ended. */
export interface ExecutionResult {
  status: "SUCCEEDED" | "FAILED" | "ABORTED" | "TIMED_OUT";
  output?: JsonValue;
  error?: string;
  cause?: string;
  /** Id of the last event the interpreter emitted (the end event's `previousEventId`). */
  lastEventId: number;
}
