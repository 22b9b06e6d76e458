/**
 * Issue 9, class 8: a JSONPath that matches nothing fails `States.Runtime` with AWS's text for
 * its field, after AWS's "An error occurred while executing the state ..." prefix, and the
 * history ends `<Type>StateEntered`, `ExecutionFailed` (no EvaluationFailed: that event is
 * JSONata's). Recorded on AWS: the `...Path` fields (InputPath, OutputPath, TimeoutSecondsPath,
 * HeartbeatSecondsPath) give `Invalid path '$.x' : No results for path: $['x']` (or `Missing
 * property in path $['a']` when an earlier step is missing); a payload template's `"key.$"`,
 * ErrorPath and CausePath give "The JSONPath '$.x' specified for the field 'key.$' could not be
 * found in the input '<input>'". Cases marked "inferred" apply the recorded rule to a field no
 * recording covers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/json.js";
import { conformance, type Conformance } from "./harness.js";

let c: Conformance;
let lambdaArn: string;
beforeAll(async () => {
  c = await conformance();
  c.engine.registerLambda("echo", (event) => event);
  lambdaArn = `arn:aws:lambda:${c.engine.region}:${c.engine.accountId}:function:echo`;
});
afterAll(() => c.close());

const INPUT = { "int-literal": 0 };
const prefix = (state: string, entered: number): string =>
  `An error occurred while executing the state '${state}' (entered at the event id #${entered}). `;

function pass(fields: JsonObject): object {
  return { StartAt: "pass", States: { pass: { Type: "Pass", ...fields, End: true } } };
}

async function expectRuntime(definition: object, cause: string, events: string[]): Promise<void> {
  const outcome = await c.run(definition, INPUT);
  expect(outcome.status).toBe("FAILED");
  expect(outcome.error).toBe("States.Runtime");
  expect(outcome.cause).toBe(cause);
  expect(outcome.events).toEqual(events);
  const failed = outcome.history.at(-1)!.executionFailedEventDetails!;
  expect(failed).toEqual({ error: "States.Runtime", cause });
}

const PASS_FAILED = ["ExecutionStarted", "PassStateEntered", "ExecutionFailed"];
const TASK_FAILED = ["ExecutionStarted", "TaskStateEntered", "ExecutionFailed"];

describe("path fields: Invalid path ... : No results for path", () => {
  it.each(["InputPath", "OutputPath"])("%s (recorded)", async (field) => {
    const name = `NoSuch${field}`;
    await expectRuntime(
      pass({ [field]: `$.${name}` }),
      `${prefix("pass", 2)}Invalid path '$.${name}' : No results for path: $['${name}']`,
      PASS_FAILED,
    );
  });

  it.each(["TimeoutSecondsPath", "HeartbeatSecondsPath"])("Task %s (recorded)", async (field) => {
    await expectRuntime(
      { StartAt: "task", States: { task: { Type: "Task", Resource: lambdaArn, [field]: "$.NoSuchTimeoutSecondsPath", Parameters: {}, End: true } } },
      `${prefix("task", 2)}Invalid path '$.NoSuchTimeoutSecondsPath' : No results for path: $['NoSuchTimeoutSecondsPath']`,
      TASK_FAILED,
    );
  });

  it("a missing step before the last: Missing property in path, and Catch of States.Runtime does not catch it (recorded)", async () => {
    await expectRuntime(
      {
        StartAt: "RaiseRuntime",
        States: {
          RaiseRuntime: {
            Type: "Task",
            Resource: lambdaArn,
            OutputPath: "$.no.such.result.path",
            Catch: [{ ErrorEquals: ["States.Runtime"], Next: "CaughtRuntime" }],
            Next: "Final",
          },
          CaughtRuntime: { Type: "Pass", End: true },
          Final: { Type: "Pass", End: true },
        },
      },
      `${prefix("RaiseRuntime", 2)}Invalid path '$.no.such.result.path' : Missing property in path $['no']`,
      ["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "ExecutionFailed"],
    );
  });

  it("the last step missing under a present object names the whole path (Jayway's rule, inferred)", async () => {
    const outcome = await c.run(pass({ InputPath: "$.a.b" }), { a: {} });
    expect(outcome.cause).toBe(`${prefix("pass", 2)}Invalid path '$.a.b' : No results for path: $['a']['b']`);
  });

  it("Map ItemsPath (inferred)", async () => {
    const outcome = await c.run(
      { StartAt: "map", States: { map: { Type: "Map", ItemsPath: "$.items", ItemProcessor: { StartAt: "p", States: { p: { Type: "Pass", End: true } } }, End: true } } },
      INPUT,
    );
    expect(outcome.error).toBe("States.Runtime");
    expect(outcome.cause).toBe(`${prefix("map", 2)}Invalid path '$.items' : No results for path: $['items']`);
  });
});

describe("payload templates, ErrorPath and CausePath: The JSONPath ... could not be found in the input", () => {
  it("Parameters 'value.$' with a $ path (recorded)", async () => {
    await expectRuntime(
      pass({ Parameters: { "value.$": "$.no_such_jsonpath" } }),
      `${prefix("pass", 2)}The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"int-literal":0}'`,
      PASS_FAILED,
    );
  });

  it("Parameters 'value.$' with a $$ path: the input quoted is the Context object (recorded text, inferred input)", async () => {
    const outcome = await c.run(pass({ Parameters: { "value.$": "$$.Execution.Input.no_such_jsonpath" } }), INPUT);
    expect(outcome.events).toEqual(PASS_FAILED);
    const start = `${prefix("pass", 2)}The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '`;
    expect(outcome.cause!.startsWith(start)).toBe(true);
    const quoted = JSON.parse(outcome.cause!.slice(start.length, -1)) as JsonObject;
    expect(Object.keys(quoted)).toEqual(["Execution", "StateMachine", "State"]);
  });

  it.each([
    ["ErrorPath", { ErrorPath: "$.ErrorX" }, "$.ErrorX"],
    ["CausePath", { ErrorPath: "$.Error", CausePath: "$.NoSuchCausePath" }, "$.NoSuchCausePath"],
  ])("Fail %s (recorded)", async (field, fields, path) => {
    await expectRuntime(
      { StartAt: "pass", States: { pass: { Type: "Pass", Next: "fail", Parameters: { Error: "error-value" } }, fail: { Type: "Fail", ...fields } } },
      `${prefix("fail", 4)}The JSONPath '${path}' specified for the field '${field}' could not be found in the input '{"Error":"error-value"}'`,
      ["ExecutionStarted", "PassStateEntered", "PassStateExited", "FailStateEntered", "ExecutionFailed"],
    );
  });

  it("a nested key of ResultSelector names that key; the input is the result (inferred)", async () => {
    await expectRuntime(
      { StartAt: "task", States: { task: { Type: "Task", Resource: lambdaArn, Parameters: { r: 1 }, ResultSelector: { outer: { "inner.$": "$.missing" } }, End: true } } },
      `${prefix("task", 2)}The JSONPath '$.missing' specified for the field 'inner.$' could not be found in the input '{"r":1}'`,
      ["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "ExecutionFailed"],
    );
  });

  it("Map ItemSelector (inferred)", async () => {
    const outcome = await c.run(
      {
        StartAt: "map",
        States: {
          map: {
            Type: "Map",
            ItemsPath: "$.items",
            ItemSelector: { "v.$": "$.nothing" },
            ItemProcessor: { StartAt: "p", States: { p: { Type: "Pass", End: true } } },
            End: true,
          },
        },
      },
      { items: [1] },
    );
    expect(outcome.error).toBe("States.Runtime");
    expect(outcome.cause).toBe(`${prefix("map", 2)}The JSONPath '$.nothing' specified for the field 'v.$' could not be found in the input '{"items":[1]}'`);
  });

  it("a path with a wildcard or filter that matches nothing is [] (not an error)", async () => {
    const outcome = await c.run(pass({ Parameters: { "all.$": "$.items[*].id", "some.$": "$.items[?(@.id > 5)].id" } }), { items: [{ id: 1 }] });
    expect(outcome.status).toBe("SUCCEEDED");
    expect(outcome.output).toEqual({ all: [1], some: [] });
  });
});

describe("Choice", () => {
  it("a Variable that matches nothing: Invalid path ...: The choice state's condition path references an invalid value.", async () => {
    const outcome = await c.run(
      { StartAt: "choose", States: { choose: { Type: "Choice", Choices: [{ Variable: "$.missing", NumericEquals: 1, Next: "done" }], Default: "done" }, done: { Type: "Succeed" } } },
      INPUT,
    );
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("States.Runtime");
    expect(outcome.cause).toBe(`${prefix("choose", 2)}Invalid path '$.missing': The choice state's condition path references an invalid value.`);
    expect(outcome.events).toEqual(["ExecutionStarted", "ChoiceStateEntered", "ExecutionFailed"]);
  });
});
