/**
 * What sfini's local engine adds to the Step Functions wire protocol, shared by the engine and
 * the worker (which must not import the engine). AWS sends neither.
 */

/** Response header on every answer of the local engine (value `1`): tells a client where it is. */
export const LOCAL_ENGINE_HEADER = "x-sfini-local";

/**
 * Operation (`X-Amz-Target: AWSStepFunctions.<this>`) answering the open GetActivityTask polls
 * of one worker empty: input `{ activityArn, workerName }`. The engine decides atomically
 * whether a poll got a task or ends empty, so an ending worker loses no task (aborting its own
 * request could drop one already written out).
 */
export const RELEASE_POLLS_OPERATION = "SfiniReleaseActivityPolls";

/**
 * Operation held open until a task token can no longer be answered (its heartbeat or timeout
 * ran out, its execution stopped or ended, or it was answered): input `{ taskToken }`, answer
 * `{ live: false }`; after {@link WATCH_TASK_HOLD_MS} with the token still live, `{ live: true }`
 * (ask again). A worker on the local engine learns so at once that its task is gone, where AWS
 * tells only the task's next heartbeat or report (`TaskTimedOut`).
 */
export const WATCH_TASK_OPERATION = "SfiniWatchTask";

/** Longest the engine holds a {@link WATCH_TASK_OPERATION} call, in real ms. */
export const WATCH_TASK_HOLD_MS = 50_000;
