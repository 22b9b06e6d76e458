/**
 * ASL errors inside the interpreter: a {@link StatesError} carries the error name and cause
 * that Retry and Catch match on and that end an execution FAILED.
 */

import { StatesErrorName } from "../../asl/error-names.js";

export { StatesErrorName };

/** An ASL-level failure: `error` and `cause` as AWS reports them. */
export class StatesError extends Error {
  /**
   * Set once the state that raised this evaluation error wrote its `EvaluationFailed` event, so
   * the states around it (a Map or Parallel the error escapes from) do not write another.
   */
  evaluationReported = false;

  /**
   * For a JSONata field that failed to evaluate: the field as AWS names it in `EvaluationFailed`
   * (`Output`, `Arguments/FunctionName`, `Assign/result`, `Items`...).
   */
  location?: string;

  /** Which of error and cause the task's failure did not give at all (see `TaskFailed.omitted`). */
  omitted?: { readonly error: boolean; readonly cause: boolean };

  /**
   * @param raisedByTask - the Task's resource failed (a `TaskFailed` from the host), rather than
   *   the state's own processing: AWS's `States.ALL` then also matches `States.DataLimitExceeded`
   *   (a task result over 256 KiB is caught, recorded on AWS).
   */
  constructor(readonly error: string, readonly errorCause: string = "", readonly raisedByTask = false) {
    super(`${error}: ${errorCause}`);
    this.name = "StatesError";
  }
}

/** `error` located at the JSONata field `location` (when there is one). */
export function locatedAt<E extends StatesError>(error: E, location: string | undefined): E {
  if (location !== undefined) error.location = location;
  return error;
}

/** Shorthand for the most common failure: a bad path or value at run time. */
export function runtimeError(cause: string): StatesError {
  return new StatesError(StatesErrorName.Runtime, cause);
}

/** Errors no Retry or Catch can handle: they always end the execution. */
const TERMINAL_ERRORS = new Set<string>([StatesErrorName.Runtime]);

/** Errors that the `States.ALL` and `States.TaskFailed` wildcards do not match. */
const NOT_MATCHED_BY_WILDCARDS = new Set<string>([
  StatesErrorName.Runtime,
  StatesErrorName.DataLimitExceeded,
]);

/**
 * True when a retrier's or catcher's `ErrorEquals` list handles `error`, by the States
 * Language's rules: exact names, `States.ALL` (anything but terminal errors), and
 * `States.TaskFailed` (like `States.ALL` but not `States.Timeout`). `raisedByTask`: the error
 * came from the Task's resource (see {@link StatesError}).
 */
export function errorMatches(errorEquals: readonly string[], error: string, raisedByTask = false): boolean {
  if (TERMINAL_ERRORS.has(error)) return false;
  for (const name of errorEquals) {
    if (name === error) return true;
    if (NOT_MATCHED_BY_WILDCARDS.has(error) && !(raisedByTask && error === StatesErrorName.DataLimitExceeded)) continue;
    if (name === StatesErrorName.ALL) return true;
    if (name === StatesErrorName.TaskFailed && error !== StatesErrorName.Timeout) return true;
  }
  return false;
}

/** Turn anything thrown while running a state into a {@link StatesError}. */
export function toStatesError(thrown: unknown): StatesError {
  if (thrown instanceof StatesError) return thrown;
  if (thrown && typeof thrown === "object" && "error" in thrown && typeof thrown.error === "string") {
    const cause = "errorCause" in thrown && typeof thrown.errorCause === "string" ? thrown.errorCause : "";
    // Only the host's TaskFailed reaches here: a failure of the Task's resource.
    const failure = new StatesError(thrown.error, cause, true);
    if ("omitted" in thrown && thrown.omitted) failure.omitted = thrown.omitted as StatesError["omitted"];
    return failure;
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new StatesError(StatesErrorName.Runtime, message);
}
