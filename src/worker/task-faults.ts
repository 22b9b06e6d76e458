import { awsErrorCode } from "../aws-call.js";

/**
 * AWS error codes that mean a task token is dead: SFN will accept nothing more for the task,
 * so heartbeats and reports stop and retrying is pointless.
 */
export const DEAD_TOKEN_CODES: ReadonlySet<string> = new Set(["TaskTimedOut", "TaskDoesNotExist", "InvalidToken"]);

/** SendTaskSuccess refused the output itself (e.g. too large): report a failure instead. */
export const OUTPUT_REFUSED_CODES: ReadonlySet<string> = new Set(["InvalidOutput"]);

/** Whether an SDK error says the task's token is dead. */
export function isDeadTokenError(error: unknown): boolean {
  const code = awsErrorCode(error);
  return code !== undefined && DEAD_TOKEN_CODES.has(code);
}

/** Whether an SDK error says SendTaskSuccess refused the output. */
export function isOutputRefusedError(error: unknown): boolean {
  const code = awsErrorCode(error);
  return code !== undefined && OUTPUT_REFUSED_CODES.has(code);
}

/** Whether an error comes from aborting the request ourselves. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || (error as { code?: unknown }).code === "ABORT_ERR");
}

/**
 * Whether a failed call may still have reached Step Functions and been applied: it failed in
 * transit (no HTTP status, a 5xx) or the SDK had already retried it, so an earlier attempt's
 * answer may be the one that was lost. A throttle or other 4xx on a first attempt was not.
 */
export function mayHaveLanded(error: unknown): boolean {
  const metadata = metadataOf(error);
  if (metadata === undefined || wasRetried(error)) return true;
  return metadata.httpStatusCode === undefined || metadata.httpStatusCode >= 500;
}

/** Whether the SDK made more than one attempt of the call that ended in `error`. */
export function wasRetried(error: unknown): boolean {
  return (metadataOf(error)?.attempts ?? 1) > 1;
}

function metadataOf(error: unknown): { httpStatusCode?: number; attempts?: number } | undefined {
  return (error as { $metadata?: { httpStatusCode?: number; attempts?: number } } | null)?.$metadata;
}
