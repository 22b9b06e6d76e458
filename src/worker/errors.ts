import { SfiniError } from "../errors.js";

/**
 * The activity function's result cannot be sent as JSON (a BigInt, a cycle, a function...).
 * The task is reported failed with this name.
 */
export class TaskOutputNotJsonError extends SfiniError {}

/** The activity function's result is larger than SFN accepts (256 KiB); reported as a task failure. */
export class TaskOutputTooLargeError extends SfiniError {
  /**
   * @param bytes - Size of the output as UTF-8 JSON, in bytes.
   * @param limit - The most bytes Step Functions accepts (262,144).
   */
  constructor(readonly bytes: number, readonly limit: number) {
    super(`task output is ${bytes} bytes of JSON, more than the ${limit} bytes Step Functions accepts`);
  }
}

/** SFN refused the output of SendTaskSuccess (`InvalidOutput`); reported as a task failure. */
export class TaskOutputRefusedError extends SfiniError {}

/** The task input GetActivityTask gave is not JSON; reported as a task failure. */
export class TaskInputNotJsonError extends SfiniError {}

/**
 * The task's token is dead (`TaskTimedOut`, `TaskDoesNotExist` or `InvalidToken`): SFN will take
 * nothing more for it. The task's signal aborts with this reason.
 */
export class TaskTokenDeadError extends SfiniError {
  /**
   * @param code - The AWS error code that showed it: `TaskTimedOut`, `TaskDoesNotExist` or `InvalidToken`.
   * @param message - The message AWS gave with it.
   * @param options - `cause`: the SDK's own error.
   */
  constructor(readonly code: string, message: string, options?: { cause?: unknown }) {
    super(`task token is no longer valid (${code}): ${message}`, options);
  }
}
