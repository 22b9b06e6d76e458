/**
 * Every error sfini throws on purpose is an {@link SfiniError}, so callers can tell the
 * library's refusals from bugs and from the SDK's own errors.
 */
export class SfiniError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A name of an activity, state machine, execution or state that AWS would refuse. */
export class InvalidNameError extends SfiniError {
  /**
   * @param invalidName - The name as given, unchanged.
   * @param reason - Why AWS would refuse it, e.g. its length or a character it may not hold.
   */
  constructor(readonly invalidName: string, readonly reason: string) {
    super(`invalid name ${JSON.stringify(invalidName)}: ${reason}`);
  }
}

/** A state-machine definition that is not valid; `problems` lists each with its state. */
export class DefinitionError extends SfiniError {
  /**
   * @param message - What is wrong, in one sentence.
   * @param problems - Each problem found, with the state it is in. Default none.
   */
  constructor(message: string, readonly problems: readonly DefinitionProblem[] = []) {
    super(message);
  }
}

/** One problem in a definition: the state it is in (if any) and what is wrong. */
export interface DefinitionProblem {
  /** Name of the state the problem is in; undefined for machine-level problems. */
  state?: string;
  /** Path of the branch the state is in, e.g. `["parallel", "0"]`; empty for the top level. */
  branch?: readonly string[];
  /** What is wrong, in plain English. */
  message: string;
}

/** An error name in Retry or Catch that ASL does not allow. */
export class InvalidErrorNameError extends SfiniError {}

/** A value of the wrong type or range given to a state, rule or option. */
export class InvalidOptionError extends SfiniError {}

/** Something needs the AWS account id, which is not known yet (and cannot be fetched here). */
export class AccountIdUnknownError extends SfiniError {}

/**
 * An AWS call failed; `code` keeps the AWS error code (e.g. `StateMachineDoesNotExist`) and
 * `cause` the SDK's own error.
 */
export class AwsCallError extends SfiniError {
  /**
   * @param operation - The AWS API operation that failed, e.g. `StartExecution`.
   * @param code - The AWS error code, e.g. `StateMachineDoesNotExist` (the SDK error's `name`).
   * @param message - The message AWS gave with the error.
   * @param options - `cause`: the SDK's own error.
   */
  constructor(
    readonly operation: string,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation} failed: ${code}: ${message}`, options);
  }
}

/** The execution is not finished, so it has no output yet. */
export class ExecutionNotFinishedError extends SfiniError {}

/** The execution ended other than SUCCEEDED; `status`, `error` and `cause` say how. */
export class ExecutionFailedError extends SfiniError {
  /**
   * @param executionArn - ARN of the execution that ended (its name, when the ARN is not known).
   * @param status - How it ended: `FAILED`, `TIMED_OUT` or `ABORTED`.
   * @param error - The execution's error name (`Error` of the failure); undefined when AWS gave none.
   * @param errorCause - The execution's `Cause` of the failure; undefined when AWS gave none.
   */
  constructor(
    readonly executionArn: string,
    readonly status: string,
    readonly error?: string,
    readonly errorCause?: string,
  ) {
    super(
      `execution ${executionArn} ended ${status}` +
        (error ? `: ${error}` : "") +
        (errorCause ? `: ${errorCause}` : ""),
    );
  }
}

/** `wait` gave up before the execution ended. */
export class WaitTimeoutError extends SfiniError {}

/** A worker was told to stop; tasks it held are reported cancelled with this name. */
export class WorkerCancel extends SfiniError {}
