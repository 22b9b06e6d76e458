/**
 * Issue 9, class 10: the Context object has exactly AWS's keys, in AWS's order, per state type and
 * execution type. From "Accessing execution data from the Context object" and from executions
 * recorded on AWS: `$$` of a Pass state in a Standard execution is
 * `{Execution: {Id, Input, StartTime, Name, RoleArn, RedriveCount}, StateMachine: {Id, Name},
 * State: {Name, EnteredTime}}`; Task and Map states add `State.RetryCount`; a synchronous Express
 * execution has `{Id, Input, Name, RoleArn, StartTime}` and an asynchronous one adds `RedriveCount`.
 */
import { SendTaskSuccessCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject, JsonValue } from "../../../src/json.js";
import { untilEvent } from "../helpers.js";
import { conformance, type Conformance } from "./harness.js";

let c: Conformance;
let lambdaArn: string;
const tokens: string[] = [];
beforeAll(async () => {
  c = await conformance();
  c.engine.registerLambda("echo", (event) => event as JsonValue);
  c.engine.registerLambda("remember", (event) => {
    tokens.push((event as { token: string }).token);
  });
  lambdaArn = `arn:aws:lambda:${c.engine.region}:${c.engine.accountId}:function:echo`;
});
afterAll(() => c.close());

const STANDARD_EXECUTION_KEYS = ["Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount"];
const EXPRESS_EXECUTION_KEYS = ["Id", "Input", "Name", "RoleArn", "StartTime"];

/** A Pass state whose output is the whole Context object, in either query language. */
const PASS_CONTEXT = { StartAt: "TestState", States: { TestState: { Type: "Pass", InputPath: "$$", End: true } } };
const PASS_CONTEXT_JSONATA = {
  QueryLanguage: "JSONata",
  StartAt: "TestState",
  States: { TestState: { Type: "Pass", Output: "{% $states.context %}", End: true } },
};

function keysOf(value: JsonValue | undefined, path: string[] = []): string[] {
  let at = value as JsonObject;
  for (const key of path) at = at[key] as JsonObject;
  return Object.keys(at);
}

describe("the Context object of a Standard execution", () => {
  it.each([
    ["JSONPath", PASS_CONTEXT],
    ["JSONata", PASS_CONTEXT_JSONATA],
  ])("Pass (%s): Execution, StateMachine, State {Name, EnteredTime}, no RetryCount", async (_language, definition) => {
    const outcome = await c.run(definition, { "input-value": 0 });
    expect(outcome.status).toBe("SUCCEEDED");
    expect(keysOf(outcome.output)).toEqual(["Execution", "StateMachine", "State"]);
    expect(keysOf(outcome.output, ["Execution"])).toEqual(STANDARD_EXECUTION_KEYS);
    expect(keysOf(outcome.output, ["StateMachine"])).toEqual(["Id", "Name"]);
    expect(keysOf(outcome.output, ["State"])).toEqual(["Name", "EnteredTime"]);
    const context = outcome.output as { Execution: JsonObject; State: JsonObject; StateMachine: JsonObject };
    expect(context.Execution).toMatchObject({ Id: outcome.executionArn, Input: { "input-value": 0 }, RedriveCount: 0 });
    expect(context.State["Name"]).toBe("TestState");
    expect(context.StateMachine["Id"]).toMatch(/:stateMachine:m\d+$/);
  });

  it.each<[string, JsonObject]>([
    ["Choice", { Type: "Choice", Choices: [{ Variable: "$.x", IsPresent: true, Next: "out" }], Default: "out" }],
    ["Wait", { Type: "Wait", Seconds: 0, Next: "out" }],
    ["Succeed", { Type: "Succeed" }],
  ])("%s has no State.RetryCount either", async (_type, state) => {
    const states: JsonObject = { s: { ...state, OutputPath: "$$.State" } };
    if (state["Type"] !== "Succeed") states["out"] = { Type: "Succeed" };
    const outcome = await c.run({ StartAt: "s", States: states });
    expect(outcome.status).toBe("SUCCEEDED");
    expect(outcome.output).toEqual({ Name: "s", EnteredTime: expect.any(String) });
  });

  it("Task: State {Name, EnteredTime, RetryCount}", async () => {
    const outcome = await c.run({
      StartAt: "TestState",
      States: { TestState: { Type: "Task", Resource: lambdaArn, Parameters: { "state.$": "$$.State" }, End: true } },
    });
    expect(outcome.status).toBe("SUCCEEDED");
    expect(keysOf(outcome.output, ["state"])).toEqual(["Name", "EnteredTime", "RetryCount"]);
    expect((outcome.output as { state: JsonObject }).state["RetryCount"]).toBe(0);
  });

  it("Task with .waitForTaskToken: Task.Token after State", async () => {
    const executionArn = await c.start({
      StartAt: "TestState",
      States: {
        TestState: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          Parameters: { FunctionName: "remember", Payload: { "token.$": "$$.Task.Token", "context.$": "$$" } },
          End: true,
        },
      },
    });
    await untilEvent(c.sfn, executionArn, "TaskSubmitted");
    const token = tokens.at(-1)!;
    const scheduled = await untilEvent(c.sfn, executionArn, "TaskScheduled");
    const parameters = JSON.parse(scheduled!.taskScheduledEventDetails!.parameters!) as { Payload: { context: JsonObject } };
    expect(Object.keys(parameters.Payload.context)).toEqual(["Execution", "StateMachine", "State", "Task"]);
    expect(parameters.Payload.context["Task"]).toEqual({ Token: token });
    await c.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }));
    await c.engine.whenExecutionEnds(executionArn);
  });

  it("Map: the state has RetryCount, ItemSelector sees Map.Item {Index, Value}", async () => {
    const outcome = await c.run(
      {
        StartAt: "TestState",
        States: {
          TestState: {
            Type: "Map",
            ItemSelector: { "item.$": "$$.Map.Item", "state.$": "$$.State" },
            ItemProcessor: { StartAt: "p", States: { p: { Type: "Pass", End: true } } },
            End: true,
          },
        },
      },
      ["a"],
    );
    expect(outcome.output).toEqual([{ item: { Index: 0, Value: "a" }, state: { Name: "TestState", EnteredTime: expect.any(String), RetryCount: 0 } }]);
  });
});

describe("the Context object of an Express execution", () => {
  it.each([
    ["JSONPath", PASS_CONTEXT],
    ["JSONata", PASS_CONTEXT_JSONATA],
  ])("synchronous (%s): Execution {Id, Input, Name, RoleArn, StartTime}, no RedriveCount", async (_language, definition) => {
    const outcome = await c.runSync(definition, { message: "TestMessage" });
    expect(outcome.status).toBe("SUCCEEDED");
    expect(keysOf(outcome.output, ["Execution"])).toEqual(EXPRESS_EXECUTION_KEYS);
    expect(keysOf(outcome.output, ["State"])).toEqual(["Name", "EnteredTime"]);
    expect((outcome.output as { Execution: JsonObject }).Execution["Id"]).toBe(outcome.executionArn);
  });

  it("asynchronous: Execution {Id, Input, Name, RoleArn, StartTime, RedriveCount}", async () => {
    const outcome = await c.run(PASS_CONTEXT, { message: "TestMessage" }, { type: "EXPRESS" });
    expect(outcome.status).toBe("SUCCEEDED");
    expect(keysOf(outcome.output, ["Execution"])).toEqual([...EXPRESS_EXECUTION_KEYS, "RedriveCount"]);
    expect((outcome.output as { Execution: JsonObject }).Execution["RedriveCount"]).toBe(0);
  });
});
