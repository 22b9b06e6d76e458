/**
 * Task: resolves its arguments, timeouts and task token, asks the host to run the resource,
 * and processes the result; Retry and Catch wrap every attempt.
 */
import type { TaskModel } from "../compile/model.js";
import { withRetryAndCatch } from "../retry-catch.js";
import type { StateOutcome, StateRun } from "../state-run.js";
import type { TaskRequest } from "../host.js";
import { effectiveArguments, finishWithResult } from "./result.js";

/** Run a Task state. */
export async function runTask(run: StateRun<TaskModel>): Promise<StateOutcome> {
  run.enter();
  const { state } = run;
  return withRetryAndCatch(run, async () => {
    // The token exists before Parameters are evaluated: they pass it on as `$$.Task.Token`.
    if (state.waitForTaskToken) run.taskToken = run.run.host.newTaskToken();
    const { args: input, effective: data } = await effectiveArguments(run);
    // Awaited only when set: most Tasks have neither, and each await is a turn of the queue.
    const timeoutSeconds = state.timeoutSeconds && (await run.resolveNumber(state.timeoutSeconds, data, { integer: true, min: 1 }));
    const heartbeatSeconds = state.heartbeatSeconds && (await run.resolveNumber(state.heartbeatSeconds, data, { integer: true, min: 1 }));
    const thread = run.thread;
    const request: TaskRequest = {
      executionArn: run.run.context.Execution.Id,
      stateName: run.name,
      resource: state.resource,
      input,
      serialize: run.run.textOf,
      signal: run.frame.signal,
      emit: (type, details) => thread.emitOrDrop(type, details),
    };
    if (timeoutSeconds !== undefined) request.timeoutSeconds = timeoutSeconds;
    if (heartbeatSeconds !== undefined) request.heartbeatSeconds = heartbeatSeconds;
    if (run.taskToken !== undefined) request.taskToken = run.taskToken;
    if (state.credentials !== undefined) request.credentials = state.credentials;
    const result = await run.run.host.invokeTask(request);
    return finishWithResult(run, result);
  });
}
