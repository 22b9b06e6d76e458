/**
 * Task: resolves its arguments, timeouts and task token, asks the host to run the resource,
 * and processes the result; Retry and Catch wrap every attempt. A JSONPath Task whose host
 * answers at once (an in-process handler) finishes without a promise.
 */
import type { JsonValue } from "../../../json.js";
import type { TaskModel } from "../compile/model.js";
import { withRetryAndCatch } from "../retry-catch.js";
import type { MaybeAsync, NumberOptions, StateOutcome, StateRun } from "../state-run.js";
import type { TaskRequest } from "../host.js";
import { finishWithResult } from "./result.js";

/** `TimeoutSeconds` / `HeartbeatSeconds`: whole seconds, at least 1. */
const TASK_LIMIT: NumberOptions = { integer: true, min: 1 };

/**
 * Run a Task state. Its attempt follows its Entered event at once, also beside other threads:
 * a Task's turn of the queue comes after it is scheduled, before it starts (the host's
 * `scheduleAndStart`), as AWS writes concurrent iterations' Entered and Scheduled together.
 */
export function runTask(run: StateRun<TaskModel>): MaybeAsync<StateOutcome> {
  run.enter();
  return attempts(run);
}

function attempts(run: StateRun<TaskModel>): MaybeAsync<StateOutcome> {
  return withRetryAndCatch(run, attemptTask);
}

/** One attempt: JSONPath resolves everything at once, JSONata waits for its expressions. */
function attemptTask(run: StateRun<TaskModel>): MaybeAsync<StateOutcome> {
  const { state } = run;
  // Nothing to work out (TestState's inspection records each step, so it takes the long way).
  if (state.direct && run.frame.inspection === undefined) return invoke(run, run.input, undefined, undefined, undefined, run.momentOfEntry());
  // The token exists before Parameters are evaluated: they pass it on as `$$.Task.Token`.
  if (state.waitForTaskToken) run.taskToken = run.run.host.newTaskToken();
  if (run.language === "JSONata") return attemptJsonataTask(run);
  const effective = run.applyInputPath();
  const input = run.applyPayloadTemplate(state.parameters, "Parameters", effective);
  if (state.parameters !== undefined) run.inspect("afterParameters", input);
  // Credentials read the same input as Parameters (a JSONPath state's template is JSONPath).
  const credentials = state.credentials?.language === "JSONPath" ? run.applyPayloadTemplate(state.credentials.evaluate, "Credentials", effective) : undefined;
  if (state.timeoutSeconds?.jsonata || state.heartbeatSeconds?.jsonata) return withLimits(run, input, effective, credentials);
  // Literals and paths are read at once.
  const timeoutSeconds = run.resolveNumber(state.timeoutSeconds, effective, TASK_LIMIT) as number | undefined;
  const heartbeatSeconds = run.resolveNumber(state.heartbeatSeconds, effective, TASK_LIMIT) as number | undefined;
  return invoke(run, input, timeoutSeconds, heartbeatSeconds, credentials, run.momentOfEntry());
}

async function attemptJsonataTask(run: StateRun<TaskModel>): Promise<StateOutcome> {
  const { state } = run;
  const input = state.arguments === undefined ? run.input : await run.evaluateField("Arguments", state.arguments, run.jsonataEnv());
  run.inspect("afterArguments", input);
  const credentials = state.credentials && (await run.evaluateTemplate(state.credentials, "Credentials", run.input));
  return withLimits(run, input, run.input, credentials);
}

/** The limits, when an expression gives them; awaited only when set (each await is a turn of the queue). */
async function withLimits(run: StateRun<TaskModel>, input: JsonValue, data: JsonValue, credentials: JsonValue | undefined): Promise<StateOutcome> {
  const { state } = run;
  const timeoutSeconds = state.timeoutSeconds && (await run.resolveNumber(state.timeoutSeconds, data, TASK_LIMIT));
  const heartbeatSeconds = state.heartbeatSeconds && (await run.resolveNumber(state.heartbeatSeconds, data, TASK_LIMIT));
  return invoke(run, input, timeoutSeconds, heartbeatSeconds, credentials);
}

/**
 * Ask the host to run the resource; its result goes through the state's result processing.
 * `at`: the moment of entry, when the task is asked for in it (see `StateRun.momentOfEntry`).
 */
function invoke(
  run: StateRun<TaskModel>,
  input: JsonValue,
  timeoutSeconds: number | undefined,
  heartbeatSeconds: number | undefined,
  credentials: JsonValue | undefined,
  at?: number,
): MaybeAsync<StateOutcome> {
  const { state } = run;
  const execution = run.run;
  // Every member written, in one order: every request has one shape, which the host's code reads fast.
  const request: TaskRequest = {
    executionArn: execution.context.Execution.Id,
    stateName: run.name,
    resource: state.resource,
    input,
    serialize: execution.textOf,
    eventText: execution.eventText,
    signal: run.frame.signal,
    abortState: run.frame.abortState,
    emit: run.thread.emitter,
    timeoutSeconds,
    heartbeatSeconds,
    taskToken: run.taskToken,
    runsAlone: !run.thread.concurrent,
    credentials,
    at,
  };
  const result = execution.host.invokeTask(request);
  if (isPromiseLike(result)) return Promise.resolve(result).then((value) => finishWithResult(run, value));
  // Answered at once: the task's last event was just written, after the handler returned, and
  // its moment is still now (a silent thread, which writes no events, has no such moment).
  const { lastAt } = run.thread;
  if (lastAt > 0) run.endedAt = lastAt;
  if (state.passesResult && run.frame.inspection === undefined) {
    // Nothing to select, assign or place: the result is the output.
    run.exit(result, undefined, lastAt);
    return { output: result, next: state.next };
  }
  return finishWithResult(run, result, lastAt);
}

/** A host's answer that is still to come (a JSON value never has a `then` function). */
function isPromiseLike(value: JsonValue | PromiseLike<JsonValue>): value is PromiseLike<JsonValue> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}
