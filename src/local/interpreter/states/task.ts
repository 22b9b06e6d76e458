/**
 * Task: resolves its arguments, timeouts and task token, asks the host to run the resource,
 * and processes the result; Retry and Catch wrap every attempt.
 */
import { withRetryAndCatch } from "../retry-catch.js";
import type { StateOutcome, StateRun } from "../state-run.js";
import type { TaskRequest } from "../host.js";
import { effectiveArguments, finishWithResult } from "./result.js";

const WAIT_FOR_TASK_TOKEN = ".waitForTaskToken";

/** Run a Task state. */
export async function runTask(run: StateRun): Promise<StateOutcome> {
  run.enter();
  const resource = run.state["Resource"] as string;
  return withRetryAndCatch(run, async () => {
    // The token exists before Parameters are evaluated: they pass it on as `$$.Task.Token`.
    if (resource.endsWith(WAIT_FOR_TASK_TOKEN)) run.taskToken = run.run.host.newTaskToken();
    const { args: input, effective: data } = await effectiveArguments(run);
    const timeoutSeconds = await run.resolveNumber("TimeoutSeconds", data, { integer: true, min: 1 });
    const heartbeatSeconds = await run.resolveNumber("HeartbeatSeconds", data, { integer: true, min: 1 });
    const thread = run.thread;
    const request: TaskRequest = {
      executionArn: run.run.context.Execution.Id,
      stateName: run.name,
      resource,
      input,
      signal: run.frame.signal,
      emit: (type, details) => thread.emitOrDrop(type, details),
    };
    if (timeoutSeconds !== undefined) request.timeoutSeconds = timeoutSeconds;
    if (heartbeatSeconds !== undefined) request.heartbeatSeconds = heartbeatSeconds;
    if (run.taskToken !== undefined) request.taskToken = run.taskToken;
    if (run.state["Credentials"] !== undefined) request.credentials = run.state["Credentials"];
    const result = await run.run.host.invokeTask(request);
    return finishWithResult(run, result);
  });
}
