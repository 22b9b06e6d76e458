/**
 * Issue 9, class 7: a Task whose result is over 256 KiB fails `States.DataLimitExceeded`, which
 * `States.ALL` (and the error's own name) catches, as recorded on AWS with a Lambda returning a
 * large UTF-8 string; the cause names the resource AWS names: the service of an integration
 * (`lambda` for lambda:invoke), the function's ARN for a Lambda function resource.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/json.js";
import { conformance, type Conformance } from "./harness.js";

let c: Conformance;
beforeAll(async () => {
  c = await conformance();
  // 100,000 three-byte characters: 300,000 bytes of UTF-8, under 262,144 UTF-16 units.
  c.engine.registerLambda("large", () => "€".repeat(100_000));
});
afterAll(() => c.close());

const FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:large";
const causeFor = (source: string): string => `The state/task '${source}' returned a result with a size exceeding the maximum number of bytes service limit.`;

function machine(task: JsonObject, catchOn?: string): object {
  return {
    StartAt: "InvokeLambda",
    States: {
      InvokeLambda: { Type: "Task", ...task, Next: "ProcessResult", ...(catchOn ? { Catch: [{ ErrorEquals: [catchOn], Next: "HandleGeneralError" }] } : {}) },
      ProcessResult: { Type: "Pass", End: true },
      ...(catchOn ? { HandleGeneralError: { Type: "Pass", End: true } } : {}),
    },
  };
}

const SERVICE_TASK = { Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "large", "Payload.$": "$.Payload" } };
const FUNCTION_TASK = { Resource: FUNCTION_ARN };

describe("a Task result over 256 KiB", () => {
  it.each(["States.ALL", "States.DataLimitExceeded", "States.TaskFailed"])("of lambda:invoke is caught by %s, and the execution goes on", async (catchOn) => {
    const outcome = await c.run(machine(SERVICE_TASK, catchOn), { Payload: null });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: { Error: "States.DataLimitExceeded", Cause: causeFor("lambda") } });
    expect(outcome.events).toEqual([
      "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
    ]);
    const failed = outcome.history.find((event) => event.type === "TaskFailed")!;
    expect(failed.taskFailedEventDetails).toMatchObject({ error: "States.DataLimitExceeded", cause: causeFor("lambda"), resource: "invoke", resourceType: "lambda" });
  });

  it.each(["States.ALL", "States.DataLimitExceeded"])("of a Lambda function resource is caught by %s, the cause naming the function", async (catchOn) => {
    const outcome = await c.run(machine(FUNCTION_TASK, catchOn), { Payload: null });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: { Error: "States.DataLimitExceeded", Cause: causeFor(FUNCTION_ARN) } });
    expect(outcome.events).toEqual([
      "ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed", "TaskStateExited",
      "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
    ]);
    const failed = outcome.history.find((event) => event.type === "LambdaFunctionFailed")!;
    expect(failed.lambdaFunctionFailedEventDetails).toMatchObject({ error: "States.DataLimitExceeded", cause: causeFor(FUNCTION_ARN) });
  });

  it("is retried by a States.ALL retrier, then fails the execution without a catcher", async () => {
    const quick = await conformance({ timeScale: 0.001 });
    quick.engine.registerLambda("large", () => "€".repeat(100_000));
    const outcome = await quick.run(machine({ ...SERVICE_TASK, Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 1, IntervalSeconds: 1 }] }), { Payload: null });
    await quick.close();
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded", cause: causeFor("lambda") });
    expect(outcome.events).toEqual([
      "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed",
    ]);
  });
});

describe("a state's own output over 256 KiB", () => {
  it("a Pass state's Result (recorded): FAILED at once, the cause naming the state", async () => {
    const definition = { StartAt: "State_1", States: { State_1: { Type: "Pass", Result: { Arg1: "a".repeat(257 * 1024) }, End: true } } };
    const outcome = await c.run(definition, {});
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded", cause: causeFor("State_1") });
    expect(outcome.events).toEqual(["ExecutionStarted", "PassStateEntered", "ExecutionFailed"]);
  });

  it("fails the execution, States.ALL does not catch it", async () => {
    const definition = {
      StartAt: "Big",
      States: {
        Big: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { FunctionName: "large" },
          // The result is small, the state's output is not: the Payload twice.
          ResultSelector: { "a.$": "States.Format('{}', $.Payload)", "b.$": "$.Payload" },
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
          End: true,
        },
        Caught: { Type: "Pass", End: true },
      },
    };
    c.engine.registerLambda("large", () => "€".repeat(50_000));
    try {
      const outcome = await c.run(definition, {});
      expect(outcome).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
      expect(outcome.events.at(-1)).toBe("ExecutionFailed");
      expect(outcome.events).not.toContain("PassStateEntered");
    } finally {
      c.engine.registerLambda("large", () => "€".repeat(100_000));
    }
  });
});
