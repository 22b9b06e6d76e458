/**
 * TestState: run one state on one input, without history, and report what it did: output or
 * error, the next state, SUCCEEDED / FAILED / RETRIABLE / CAUGHT_ERROR, and (DEBUG / TRACE) the
 * data after each processing step, as the SFN TestState API returns them.
 */
import { isJsonObject, type JsonObject, type JsonValue } from "../../json.js";
import { StatesError, toStatesError } from "./errors.js";
import type { ExecutionContext, InterpreterHost } from "./host.js";
import { RetriableInTest } from "./retry-catch.js";
import { FlaggedController } from "./abort.js";
import { ExecutionRun, Thread } from "./run.js";
import { compileState } from "./compile/compile.js";
import { StateRun, type Frame, type Inspection, type MaybeAsync, type QueryLanguage } from "./state-run.js";
import { VariableScope } from "./variables.js";
import { runState, runWorkflow } from "./workflow.js";
import { runMockedState, type StateMockOutcome } from "./test-state-mock.js";

/** Arguments of {@link testState}. */
export interface TestStateOptions {
  /** The state's definition (one state object, e.g. `{ Type: "Pass", End: true }`). */
  state: JsonObject;
  /** The state's input (also `$$.Execution.Input`). */
  input: JsonValue;
  /** Runs the state's task, if it is a Task, and gives the time. */
  host: InterpreterHost;
  /** INFO (default) returns no inspection data; DEBUG and TRACE do. */
  inspectionLevel?: "INFO" | "DEBUG" | "TRACE";
  /** Variables visible to the state. */
  variables?: JsonObject;
  /** The state's name (`$$.State.Name`); defaults to `TestState`. */
  stateName?: string;
  /** Query language of the machine around the state (default JSONPath). */
  queryLanguage?: QueryLanguage;
  /** The Context object's execution parts; a placeholder execution by default. */
  context?: ExecutionContext;
  /**
   * TestState's `mock`: the result or error of a Task, Map or Parallel state's work, which then
   * does not run (no task is invoked, no iteration or branch runs).
   */
  mock?: StateMockOutcome;
  /** TestState's `context`: its `Execution` and `StateMachine` fields replace the placeholder's. */
  contextObject?: JsonObject;
  /** `stateConfiguration.retrierRetryCount`: retries of the matching retrier already taken. */
  retrierRetryCount?: number;
  /** `stateConfiguration.mapIterationFailureCount`: failed iterations of a mocked Map. */
  mapIterationFailureCount?: number;
}

/** What TestState reports, in the SFN API's shape (JSON values as strings). */
export interface TestStateResult {
  /** How the state ended: `RETRIABLE` when a Retry would run it again, `CAUGHT_ERROR` when a Catch took the error. */
  status: "SUCCEEDED" | "FAILED" | "RETRIABLE" | "CAUGHT_ERROR";
  /** The state's output as JSON text; left out when it failed or is to be retried. */
  output?: string;
  /** Error name, when the state failed, is to be retried or its error was caught. */
  error?: string;
  /** Cause of that error. */
  cause?: string;
  /** The state the machine would go to next; left out when the state ends the machine or failed. */
  nextState?: string;
  /** Data after each processing step (DEBUG and TRACE only), as the API's `inspectionData`. */
  inspectionData?: JsonObject;
}

function placeholderContext(host: InterpreterHost): ExecutionContext {
  const arn = "arn:aws:states:us-east-1:123456789012";
  return {
    Execution: {
      Id: `${arn}:execution:TestStateMachine:test`,
      Name: "test",
      Input: null,
      StartTime: new Date(host.now()).toISOString(),
      RoleArn: "arn:aws:iam::123456789012:role/TestStateRole",
      RedriveCount: 0,
    },
    StateMachine: { Id: `${arn}:stateMachine:TestStateMachine`, Name: "TestStateMachine" },
  };
}

/** Run one state as the TestState API does. */
export async function testState(options: TestStateOptions): Promise<TestStateResult> {
  const { state, host } = options;
  const base = options.context ?? placeholderContext(host);
  const given = options.contextObject ?? {};
  const context: ExecutionContext = {
    Execution: { ...base.Execution, ...(isJsonObject(given["Execution"]) ? given["Execution"] : {}) } as ExecutionContext["Execution"],
    StateMachine: { ...base.StateMachine, ...(isJsonObject(given["StateMachine"]) ? given["StateMachine"] : {}) } as ExecutionContext["StateMachine"],
  };
  let nextId = 0;
  const run = new ExecutionRun(host, { ...context, Execution: { ...context.Execution, Input: isJsonObject(given["Execution"]) && "Input" in given["Execution"] ? context.Execution.Input : options.input } }, () => ++nextId, Infinity, true);
  run.testRetriesDone = options.retrierRetryCount ?? 0;
  const inspection: Inspection | undefined =
    options.inspectionLevel === "DEBUG" || options.inspectionLevel === "TRACE" ? {} : undefined;
  // Nothing stops a TestState run from outside; its frame has a controller all the same.
  const stop = new FlaggedController();
  const frame: Frame = {
    run,
    thread: new Thread(run, 0),
    scope: new VariableScope(undefined, options.variables),
    signal: stop.signal,
    abortState: stop,
    runWorkflow,
  };
  if (inspection) {
    frame.inspection = inspection;
    inspection["input"] = JSON.stringify(options.input);
    if (options.variables) inspection["variables"] = JSON.stringify(options.variables);
  }
  // The one state (and any branches or item processor in it) is compiled for this test.
  const model = compileState(options.stateName ?? "TestState", state, options.queryLanguage ?? "JSONPath");
  const stateRun = new StateRun(model, options.input, frame);
  const { mock } = options;
  const runner = mock
    ? (stateRun: StateRun) =>
        runMockedState(stateRun, { mock, ...(options.mapIterationFailureCount !== undefined ? { mapIterationFailureCount: options.mapIterationFailureCount } : {}) })
    : runState;
  const withInspection = (result: TestStateResult, errorDetails?: JsonObject): TestStateResult => {
    if (!inspection) return result;
    const data: JsonObject = { ...inspection };
    if (errorDetails) data["errorDetails"] = errorDetails;
    return { ...result, inspectionData: data };
  };
  if (model.type === "Unknown") {
    return { status: "FAILED", error: "States.Runtime", cause: `Unknown state Type ${JSON.stringify(model.writtenType)}` };
  }
  let caught: { failure: StatesError; catcherIndex: number } | undefined;
  try {
    const outcome = await runWithCatchReport(runner, stateRun, (c) => (caught = c));
    const result: TestStateResult = { status: caught ? "CAUGHT_ERROR" : "SUCCEEDED", output: JSON.stringify(outcome.output) };
    if (outcome.next !== undefined) result.nextState = outcome.next;
    if (caught) {
      result.error = caught.failure.error;
      result.cause = caught.failure.errorCause;
      return withInspection(result, { catchIndex: caught.catcherIndex });
    }
    return withInspection(result);
  } catch (thrown) {
    if (thrown instanceof RetriableInTest) {
      return withInspection(
        { status: "RETRIABLE", error: thrown.failure.error, cause: thrown.failure.errorCause },
        { retryIndex: thrown.retrierIndex, retryBackoffIntervalSeconds: thrown.delaySeconds },
      );
    }
    const failure = stateRun.describeFailure(toStatesError(thrown));
    return withInspection({ status: "FAILED", error: failure.error, cause: failure.errorCause });
  }
}

/** Catch reporting reaches the state's Retry/Catch handling through the frame. */
async function runWithCatchReport(
  runner: (run: StateRun) => MaybeAsync<{ output: JsonValue; next?: string }>,
  stateRun: StateRun,
  onCaught: (caught: { failure: StatesError; catcherIndex: number }) => void,
): Promise<{ output: JsonValue; next?: string }> {
  stateRun.frame.onCaught = onCaught;
  return runner(stateRun);
}
