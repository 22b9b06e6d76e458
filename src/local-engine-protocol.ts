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
