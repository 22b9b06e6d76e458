/**
 * ASL errors inside the interpreter: a {@link StatesError} carries the error name and cause
 * that Retry and Catch match on and that end an execution FAILED.
 */

import { StatesErrorName } from "../../asl/error-names.js";

export { StatesErrorName };

/** An ASL-level failure: `error` and `cause` as AWS reports them. */
export class StatesError extends Error {
  constructor(readonly error: string, readonly errorCause: string = "") {
    super(`${error}: ${errorCause}`);
    this.name = "StatesError";
  }
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
 * `States.TaskFailed` (like `States.ALL` but not `States.Timeout`).
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (TERMINAL_ERRORS.has(error)) return false;
  for (const name of errorEquals) {
    if (name === error) return true;
    if (NOT_MATCHED_BY_WILDCARDS.has(error)) continue;
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
    return new StatesError(thrown.error, cause);
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new StatesError(StatesErrorName.Runtime, message);
}
